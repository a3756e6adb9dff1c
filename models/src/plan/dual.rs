//! The master programme of the cutting-plane method (Kelley's) for the Lagrangian dual.
//!
//! The dual function L(λ) is convex and piecewise linear; every evaluation at a point λₖ
//! gives its value and a subgradient gₖ, hence the cut L(λ) ≥ L(λₖ) + gₖ·(λ − λₖ). The
//! master minimises the greatest of the cuts over a box of prices: its minimiser is the
//! next point to try and its value a lower estimate of the dual's minimum, which tells the
//! caller when its best point is (nearly) optimal. The estimate only decides when to stop:
//! every bound the solver prunes with is a value of L itself, valid at any prices.
//!
//! Prices and values are divided by `scale` inside the programme so that its numbers stay
//! near one, where the simplex's tolerances are meant to work.

use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem, Solution, Variable};

/// `f`, or none when the simplex gives up on an internal check (a panic in the library):
/// the method then stops and the solver goes on with the prices it has, which is always
/// safe (see the module's note).
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

pub struct Master {
    scale: f64,
    /// The master's value (first) and the prices.
    level: Variable,
    prices: Vec<Variable>,
    problem: Option<Problem>,
    solution: Option<Solution>,
}

impl Master {
    /// A master over `dimension` prices, each between 0 and `upper`, for values of the
    /// order of `scale`.
    pub fn new(dimension: usize, scale: f64, upper: f64) -> Master {
        let scale = scale.abs().max(1.0);
        let mut problem = Problem::new(OptimizationDirection::Minimize);
        let level = problem.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY));
        let prices = (0..dimension)
            .map(|_| problem.add_var(0.0, (0.0, upper / scale)))
            .collect();
        Master {
            scale,
            level,
            prices,
            problem: Some(problem),
            solution: None,
        }
    }

    /// Adds the cut of the evaluation `value` with subgradient `gradient` at `point`;
    /// false when the programme cannot take it (the method then stops).
    pub fn cut(&mut self, value: f64, gradient: &[f64], point: &[f64]) -> bool {
        let mut expr = LinearExpr::empty();
        expr.add(self.level, 1.0);
        let mut rhs = value / self.scale;
        for ((&var, &g), &p) in self.prices.iter().zip(gradient).zip(point) {
            if g != 0.0 {
                expr.add(var, -g);
                rhs -= g * p / self.scale;
            }
        }
        if let Some(problem) = &mut self.problem {
            problem.add_constraint(expr, ComparisonOp::Ge, rhs);
            return true;
        }
        match self.solution.take() {
            Some(solution) => {
                match guarded(|| solution.add_constraint(expr, ComparisonOp::Ge, rhs)) {
                    Some(Ok(solution)) => {
                        self.solution = Some(solution);
                        true
                    }
                    _ => false,
                }
            }
            None => false,
        }
    }

    /// The master's minimiser and its value; none when the programme fails.
    pub fn solve(&mut self) -> Option<(Vec<f64>, f64)> {
        if let Some(problem) = self.problem.take() {
            self.solution = guarded(|| problem.solve()).and_then(Result::ok);
        }
        let solution = self.solution.as_ref()?;
        let point = self
            .prices
            .iter()
            .map(|&v| (solution[v] * self.scale).max(0.0))
            .collect();
        Some((point, solution[self.level] * self.scale))
    }
}
