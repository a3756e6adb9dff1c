//! The benchmark's statistics over prices, in Decimal.
//!
//! Quartiles are those of Excel's `QUARTILE.INC` (and `PERCENTILE.INC`, R's default
//! type 7, NumPy's default "linear"): over the `n` values sorted ascending, quartile `p`
//! sits at position `h = (n − 1) × p` (counting from 0) and is `x[⌊h⌋] + (h − ⌊h⌋) ×
//! (x[⌊h⌋+1] − x[⌊h⌋])` (Hyndman and Fan, "Sample quantiles in statistical packages",
//! The American Statistician 50(4), 1996, definition 7; Microsoft's QUARTILE.INC
//! documentation). The median is the second quartile. A value is an outlier by Tukey's
//! rule: below `Q1 − 1.5 × IQR` or above `Q3 + 1.5 × IQR`, `IQR = Q3 − Q1`.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::money::decimal_text;

/// The spread of a set of prices.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Spread {
    /// How many values.
    pub n: usize,
    /// The lowest value: the best price.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub best: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub q1: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub median: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub q3: Decimal,
    /// The highest value.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub worst: Decimal,
    /// Tukey's fences: `Q1 − 1.5 × IQR` and `Q3 + 1.5 × IQR`.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub low_fence: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub high_fence: Decimal,
}

/// Quartile `p` (0 to 1) of values sorted ascending, as `QUARTILE.INC` computes it;
/// `None` for no values.
pub fn quantile_inc(sorted: &[Decimal], p: Decimal) -> Option<Decimal> {
    let last = sorted.len().checked_sub(1)?;
    let h = Decimal::from(last) * p;
    let lower = h.floor();
    let i = lower.to_usize()?;
    let fraction = h - lower;
    let x = sorted[i];
    Some(match sorted.get(i + 1) {
        Some(next) if !fraction.is_zero() => x + fraction * (next - x),
        _ => x,
    })
}

/// The spread of `values` (in any order); `None` for no values.
pub fn spread(values: &[Decimal]) -> Option<Spread> {
    let mut sorted = values.to_vec();
    sorted.sort();
    let q = |p: Decimal| quantile_inc(&sorted, p);
    let (q1, median, q3) = (
        q(Decimal::new(25, 2))?,
        q(Decimal::new(5, 1))?,
        q(Decimal::new(75, 2))?,
    );
    let reach = (q3 - q1) * Decimal::new(15, 1);
    Some(Spread {
        n: sorted.len(),
        best: sorted[0],
        q1,
        median,
        q3,
        worst: sorted[sorted.len() - 1],
        low_fence: q1 - reach,
        high_fence: q3 + reach,
    })
}

impl Spread {
    /// Whether `value` lies outside Tukey's fences.
    pub fn is_outlier(&self, value: Decimal) -> bool {
        value < self.low_fence || value > self.high_fence
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn check(values: &[Decimal], expected: [Decimal; 3]) {
        let s = spread(values).unwrap();
        assert_eq!([s.q1, s.median, s.q3], expected, "{values:?}");
    }

    #[test]
    fn quartiles_are_excel_quartile_inc() {
        // Excel: =QUARTILE.INC({1,2,3,4},1) is 1.75, 2 is 2.5, 3 is 3.25.
        check(
            &[dec!(4), dec!(1), dec!(3), dec!(2)],
            [dec!(1.75), dec!(2.5), dec!(3.25)],
        );
        // {7,15,36,39,40,41}: 20.25, 37.5, 39.75.
        check(
            &[dec!(7), dec!(15), dec!(36), dec!(39), dec!(40), dec!(41)],
            [dec!(20.25), dec!(37.5), dec!(39.75)],
        );
        check(&[dec!(5)], [dec!(5), dec!(5), dec!(5)]);
        check(&[dec!(10), dec!(20)], [dec!(12.5), dec!(15), dec!(17.5)]);
        assert_eq!(spread(&[]), None);
    }

    #[test]
    fn tukey_fences_flag_outliers() {
        let s = spread(&[dec!(10), dec!(11), dec!(12), dec!(13), dec!(40)]).unwrap();
        // Q1 11, Q3 13, IQR 2: fences 8 and 16.
        assert_eq!((s.low_fence, s.high_fence), (dec!(8), dec!(16)));
        assert!(s.is_outlier(dec!(40)));
        assert!(!s.is_outlier(dec!(16)));
        assert_eq!((s.best, s.worst), (dec!(10), dec!(40)));
    }
}
