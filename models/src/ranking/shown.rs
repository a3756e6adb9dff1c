//! Numbers as shown: the one rounding rule for every score, contribution, weight and
//! share that a table, file or screen prints (ARCHITECTURE.md).
//!
//! A figure is read as the decimal its `f64` stands for (the shortest text that reads back
//! as the same `f64`), taken to 9 decimal places to shed binary artefacts (`8.749999999999998`
//! is 8.75), then rounded half away from zero to the digits shown. The CLI table, the
//! window, the PDF, the CSV and the workbook all call these functions, so they print the
//! same digits.

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places kept before the shown rounding: finer digits are binary artefacts.
const EXACT_DP: u32 = 9;

/// `x` rounded half away from zero to `dp` decimal places, as a decimal; `None` when it
/// is not finite or beyond a decimal's range.
pub fn shown(x: f64, dp: u32) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    let exact = Decimal::from_str(&format!("{x}")).ok()?;
    let mut d = exact
        .round_dp_with_strategy(EXACT_DP, RoundingStrategy::MidpointNearestEven)
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d.rescale(dp);
    Some(d)
}

/// `x` as text to `dp` decimal places under the shown rule (`8.75` to 1 place is `8.8`).
pub fn decimal_text(x: f64, dp: u32) -> String {
    match shown(x, dp) {
        Some(d) => d.to_string(),
        None => format!("{x:.prec$}", prec = dp as usize),
    }
}

/// A score or contribution in `0..1` as points of 100 to 0.1 (`0.0875` is `8.8`).
pub fn points(score: f64) -> String {
    decimal_text(score * 100.0, 1)
}

/// A score in points of 100 to 0.1 as a number (for spreadsheet cells).
pub fn points_value(score: f64) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    shown(score * 100.0, 1)
        .and_then(|d| d.to_f64())
        .unwrap_or(score * 100.0)
}

/// A share in `0..1` as a percentage to 0.1, `12.5 %`.
pub fn percent_1dp(share: f64) -> String {
    format!("{} %", decimal_text(share * 100.0, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero_on_the_decimal_value() {
        fn check(x: f64, dp: u32, expected: &str) {
            assert_eq!(decimal_text(x, dp), expected, "{x} to {dp}");
        }
        check(8.75, 1, "8.8");
        check(8.749999999999998, 1, "8.8"); // 0.0875 x 100 in binary
        check(0.0875 * 100.0, 1, "8.8");
        check(8.65, 1, "8.7"); // 8.6499999999999994671 in binary
        check(2.5, 0, "3");
        check(-2.5, 0, "-3");
        check(-0.04, 1, "0.0");
        check(80.0, 1, "80.0");
        check(12.0, 1, "12.0");
        check(0.1 + 0.2, 2, "0.30");
        check(8.74, 1, "8.7");
        assert_eq!(points(0.0875), "8.8");
        assert_eq!(percent_1dp(0.125), "12.5 %");
        assert_eq!(points_value(0.0875), 8.8);
        assert_eq!(decimal_text(f64::NAN, 1), "NaN");
    }
}
