//! Powers, logarithms and exponentials in `Decimal`, for the functions that need a
//! non-integer power (DB's rate, MIRR's root, NPER's logarithm, a fractional `nper`).
//!
//! Results carry about 26 significant digits; every function returns `None` rather than
//! panic when a step leaves `Decimal`'s range.

use rust_decimal::Decimal;

/// ln 2 to 28 decimal places.
const LN_2: Decimal = Decimal::from_parts(2_860_148_159, 2_180_329_217, 375_755_839, false, 28);

/// Terms smaller than this end a series: below `Decimal`'s last digit.
const TINY: Decimal = Decimal::from_parts(1, 0, 0, false, 28);

/// `base^exp` for an integer exponent, by squaring; a negative exponent is the reciprocal.
pub(crate) fn powi(base: Decimal, exp: i64) -> Option<Decimal> {
    let mut result = Decimal::ONE;
    let mut b = base;
    let mut e = exp.unsigned_abs();
    while e > 0 {
        if e & 1 == 1 {
            result = result.checked_mul(b)?;
        }
        e >>= 1;
        if e > 0 {
            b = b.checked_mul(b)?;
        }
    }
    if exp < 0 {
        Decimal::ONE.checked_div(result)
    } else {
        Some(result)
    }
}

/// Natural logarithm of `x > 0`: `x = y · 2^k` with `y` in [0.75, 1.5], then
/// `ln y = 2 atanh((y - 1) / (y + 1))` as a series.
pub(crate) fn ln(x: Decimal) -> Option<Decimal> {
    if x <= Decimal::ZERO {
        return None;
    }
    let two = Decimal::TWO;
    let (mut y, mut k) = (x, 0i64);
    while y > Decimal::new(15, 1) {
        y = y.checked_div(two)?;
        k += 1;
    }
    while y < Decimal::new(75, 2) {
        y = y.checked_mul(two)?;
        k -= 1;
    }
    let z = (y - Decimal::ONE).checked_div(y + Decimal::ONE)?;
    let z2 = z.checked_mul(z)?;
    let mut power = z;
    let mut sum = Decimal::ZERO;
    let mut n = 1u32;
    loop {
        let term = power.checked_div(Decimal::from(n))?;
        sum = sum.checked_add(term)?;
        if term.abs() < TINY || n > 200 {
            break;
        }
        power = power.checked_mul(z2)?;
        n += 2;
    }
    LN_2.checked_mul(Decimal::from(k))?
        .checked_add(sum.checked_mul(two)?)
}

/// `e^x`: `x = n ln 2 + r` with `|r| <= ln 2 / 2`, the Taylor series of `e^r`, times `2^n`.
/// Below `Decimal`'s smallest positive value the result is zero.
pub(crate) fn exp(x: Decimal) -> Option<Decimal> {
    let n = x.checked_div(LN_2)?.round();
    let n_int: i64 = n.try_into().ok()?;
    if n_int < -96 {
        return Some(Decimal::ZERO);
    }
    if n_int > 96 {
        return None;
    }
    let r = x.checked_sub(LN_2.checked_mul(n)?)?;
    let mut term = Decimal::ONE;
    let mut sum = Decimal::ONE;
    for k in 1..60u32 {
        term = term.checked_mul(r)?.checked_div(Decimal::from(k))?;
        sum = sum.checked_add(term)?;
        if term.abs() < TINY {
            break;
        }
    }
    if n_int >= 0 {
        sum.checked_mul(powi(Decimal::TWO, n_int)?)
    } else {
        sum.checked_div(powi(Decimal::TWO, -n_int)?)
    }
}

/// `base^exp` for `base >= 0` and any exponent: exact repeated multiplication when the
/// exponent is whole, `e^(exp · ln base)` otherwise; `0^exp` is 0 for `exp > 0`.
pub(crate) fn powd(base: Decimal, exp: Decimal) -> Option<Decimal> {
    if exp.fract().is_zero() {
        return powi(base, exp.trunc().try_into().ok()?);
    }
    if base.is_zero() && exp > Decimal::ZERO {
        return Some(Decimal::ZERO);
    }
    self::exp(exp.checked_mul(ln(base)?)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn close(a: Decimal, b: Decimal, tol: Decimal) {
        assert!((a - b).abs() <= tol, "{a} vs {b}");
    }

    #[test]
    fn ln_2_constant_is_ln_2() {
        assert_eq!(LN_2, dec!(0.6931471805599453094172321215));
    }

    #[test]
    fn logarithms_and_exponentials() {
        close(
            ln(dec!(10)).unwrap(),
            dec!(2.3025850929940456840179914547),
            dec!(1e-25),
        );
        close(
            ln(dec!(0.001)).unwrap(),
            dec!(-6.907755278982137052053974364),
            dec!(1e-24),
        );
        assert_eq!(ln(Decimal::ONE), Some(Decimal::ZERO));
        assert_eq!(ln(Decimal::ZERO), None);
        close(
            exp(Decimal::ONE).unwrap(),
            dec!(2.718281828459045235360287471),
            dec!(1e-25),
        );
        close(
            exp(dec!(-20)).unwrap(),
            dec!(0.0000000020611536224385578279),
            dec!(1e-27),
        );
        assert_eq!(exp(dec!(1000)), None);
        assert_eq!(exp(dec!(-1000)), Some(Decimal::ZERO));
    }

    #[test]
    fn powers() {
        assert_eq!(powi(dec!(1.1), 3), Some(dec!(1.331)));
        assert_eq!(powi(dec!(2), -2), Some(dec!(0.25)));
        assert_eq!(powi(dec!(10), 40), None);
        close(
            powd(dec!(0.1), dec!(1) / dec!(6)).unwrap(),
            dec!(0.6812920690579612),
            dec!(1e-15),
        );
        assert_eq!(powd(dec!(0), dec!(0.5)), Some(Decimal::ZERO));
    }
}
