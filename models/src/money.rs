//! Money: an exact decimal amount with its currency. Never `f64`.
//!
//! Amounts are stored in SQLite as TEXT and sent over IPC and JSON as decimal strings, so
//! they round-trip exactly and keep their scale.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The largest amount Caliper accepts: a trillion in any currency is a typing error.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 1e12

/// Amounts carry at most this many decimal places (0.0001 covers per-use consumable prices).
pub const MAX_SCALE: u32 = 4;

/// An ISO 4217 currency code: three upper-case letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(type = "string")]
pub struct Currency(String);

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Currency::try_from(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl Currency {
    pub fn usd() -> Self {
        Currency("USD".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Currency {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        let code = s.trim().to_ascii_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Currency(code))
        } else {
            Err(Error::validation(
                "currency",
                format!("'{s}' is not a three-letter ISO 4217 currency code (e.g. USD, EUR)"),
            ))
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An exact amount of money in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Money {
    /// Decimal string, e.g. `"18500.00"`.
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    pub fn zero(currency: Currency) -> Self {
        Money::new(Decimal::ZERO, currency)
    }

    /// `self x n`, e.g. unit price times quantity.
    pub fn times(&self, n: u32) -> Money {
        Money::new(self.amount * Decimal::from(n), self.currency.clone())
    }

    /// Adds two amounts of the same currency; mixing currencies is an error, not a conversion.
    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        if self.currency != other.currency {
            return Err(Error::validation(
                "currency",
                format!("cannot add {} to {}", other.currency, self.currency),
            ));
        }
        Ok(Money::new(
            self.amount + other.amount,
            self.currency.clone(),
        ))
    }

    /// Rounded to cents for display, with thousands separators: `USD 18,500.00`.
    pub fn display(&self) -> String {
        format!("{} {}", self.currency, format_amount(self.amount, 2))
    }
}

/// An amount as the brief and the window print it: currency and whole units,
/// `USD 1,234,567`.
pub fn money_units(currency: &Currency, amount: Decimal) -> String {
    format!("{currency} {}", format_amount(amount, 0))
}

/// An amount in cents, `USD 12.34` (costs per use).
pub fn money_cents(currency: &Currency, amount: Decimal) -> String {
    format!("{currency} {}", format_amount(amount, 2))
}

/// Formats an amount with thousands separators, rounded half away from zero (the rule for
/// every figure Caliper presents; computation never rounds).
pub fn format_amount(amount: Decimal, dp: u32) -> String {
    let rounded =
        amount.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{:.*}", dp as usize, rounded.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Rounds `parts` to `dp` decimals so that the rounded parts add up to their rounded total
/// (largest-remainder rounding). The rule for every table that shows parts beside their
/// total: contributions beside a score, weights beside 100 %, costs beside a sum.
pub fn round_to_total(parts: &[f64], dp: u32) -> Vec<f64> {
    let scale = 10f64.powi(dp as i32);
    let scaled: Vec<f64> = parts.iter().map(|p| p * scale).collect();
    let target = scaled.iter().sum::<f64>().round();
    let mut units: Vec<f64> = scaled.iter().map(|s| s.floor()).collect();
    let mut short = (target - units.iter().sum::<f64>()).round() as i64;
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| {
        let (fa, fb) = (scaled[*a] - units[*a], scaled[*b] - units[*b]);
        fb.total_cmp(&fa).then(a.cmp(b))
    });
    for &i in order.iter().cycle().take(parts.len() * 2) {
        if short == 0 {
            break;
        }
        if short > 0 {
            units[i] += 1.0;
            short -= 1;
        } else {
            units[i] -= 1.0;
            short += 1;
        }
    }
    units.into_iter().map(|u| u / scale).collect()
}

/// [`round_to_total`] for exact amounts: rounds each part to `dp` decimals (half away from
/// zero before the remainder is shared out) so that the shown parts add up to the shown total.
pub fn round_amounts_to_total(parts: &[Decimal], dp: u32) -> Vec<Decimal> {
    let total = parts
        .iter()
        .sum::<Decimal>()
        .round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    round_amounts_to(parts, total, dp)
}

/// Rounds `parts` to `dp` decimals so that they add up to `total`, an already rounded
/// figure within one unit of their exact sum (e.g. a year's total rounded beside the other
/// years): largest remainders take the missing units, as in [`round_amounts_to_total`].
pub fn round_amounts_to(parts: &[Decimal], total: Decimal, dp: u32) -> Vec<Decimal> {
    let unit = Decimal::new(1, dp);
    let mut rounded: Vec<Decimal> = parts
        .iter()
        .map(|p| p.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToNegativeInfinity))
        .collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| {
        (parts[*b] - rounded[*b])
            .cmp(&(parts[*a] - rounded[*a]))
            .then(a.cmp(b))
    });
    let mut short = total - rounded.iter().sum::<Decimal>();
    for &i in order.iter().cycle().take(parts.len() * 2) {
        if short.is_zero() {
            break;
        }
        if short > Decimal::ZERO {
            rounded[i] += unit;
            short -= unit;
        } else {
            rounded[i] -= unit;
            short += unit;
        }
    }
    rounded
}

/// Parses a user-typed amount: `"18,500.00"`, `"18500"`, `" 1200.5 "`.
///
/// Rejects negatives (Caliper's amounts are costs and prices; credits have their own
/// fields), more than [`MAX_SCALE`] decimal places, and amounts above [`MAX_AMOUNT`].
/// `field` names the input in the error.
pub fn parse_amount(field: &str, text: &str) -> Result<Decimal> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    if cleaned.is_empty() {
        return Err(Error::validation(field, "an amount is required"));
    }
    let value = Decimal::from_str(&cleaned)
        .map_err(|_| Error::validation(field, format!("'{}' is not a number", text.trim())))?;
    check_amount(field, value)
}

/// Parses an amount that must be in `currency`: a currency code before or after the
/// number (`USD 1,500,000`, `1500000 usd`) is accepted when it is `currency`'s and refused,
/// saying which currency is expected, when it is another's.
pub fn parse_amount_in(field: &str, text: &str, currency: &Currency) -> Result<Decimal> {
    let trimmed = text.trim();
    let code = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic());
    let (number, given) = match trimmed.split_once(char::is_whitespace) {
        Some((a, b)) if code(a.trim()) => (b.trim(), Some(a.trim())),
        Some((a, b)) if code(b.trim()) => (a.trim(), Some(b.trim())),
        _ => (trimmed, None),
    };
    if let Some(given) = given {
        if !given.eq_ignore_ascii_case(currency.as_str()) {
            return Err(Error::validation(
                field,
                format!(
                    "'{trimmed}' is in {}, but amounts here are in {currency}",
                    given.to_ascii_uppercase()
                ),
            ));
        }
    }
    parse_amount(field, number)
}

/// Checks an amount from any source against the same rules as [`parse_amount`].
pub fn check_amount(field: &str, value: Decimal) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::validation(
            field,
            format!("{value} is negative; amounts must be zero or more"),
        ));
    }
    if value.normalize().scale() > MAX_SCALE {
        return Err(Error::validation(
            field,
            format!("{value} has more than {MAX_SCALE} decimal places"),
        ));
    }
    if value > MAX_AMOUNT {
        return Err(Error::validation(
            field,
            format!("{value} is above the largest accepted amount (1,000,000,000,000)"),
        ));
    }
    Ok(value)
}

/// Serde for decimal fields: written as a decimal string, read from a JSON
/// string (`"18500.00"`, exact) or number (`18500`; numbers go through their shortest
/// decimal representation, so `0.1` stays `0.1`). Use as `#[serde(with = "decimal_text")]`.
pub mod decimal_text {
    use std::str::FromStr;

    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Written without trailing zeros (`"780000"`, `"47355.5"`): full precision, no noise.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.normalize().to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Int(i64),
            Float(f64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(s) => s,
            Raw::Int(i) => i.to_string(),
            Raw::Float(f) => f.to_string(),
        };
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '_')
            .collect();
        Decimal::from_str(&cleaned)
            .or_else(|_| Decimal::from_scientific(&cleaned))
            .map_err(|_| serde::de::Error::custom(format!("'{text}' is not a decimal number")))
    }

    /// The same for a list of amounts.
    pub mod list {
        use rust_decimal::Decimal;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        #[derive(Serialize, Deserialize)]
        struct Text(#[serde(with = "super")] Decimal);

        pub fn serialize<S: Serializer>(v: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
            v.iter().map(|d| Text(*d)).collect::<Vec<_>>().serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
            Ok(Vec::<Text>::deserialize(d)?
                .into_iter()
                .map(|t| t.0)
                .collect())
        }
    }

    /// The same for an optional amount: `null` (or an empty string) is `None`.
    pub mod option {
        use rust_decimal::Decimal;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            #[derive(Deserialize)]
            struct Wrap(#[serde(deserialize_with = "super::deserialize")] Decimal);
            match Option::<serde_json::Value>::deserialize(d)? {
                None => Ok(None),
                Some(serde_json::Value::String(s)) if s.trim().is_empty() => Ok(None),
                Some(v) => Wrap::deserialize(v)
                    .map(|w| Some(w.0))
                    .map_err(serde::de::Error::custom),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn max_amount_is_one_trillion() {
        assert_eq!(MAX_AMOUNT, dec!(1_000_000_000_000));
    }

    #[test]
    fn parse_amount_cases() {
        fn check(text: &str, expected: std::result::Result<Decimal, &str>) {
            match (parse_amount("unit_price", text), expected) {
                (Ok(v), Ok(e)) => assert_eq!(v, e, "{text}"),
                (Err(err), Err(fragment)) => {
                    let msg = err.to_string();
                    assert!(msg.starts_with("unit_price: "), "{msg}");
                    assert!(msg.contains(fragment), "{msg} should mention {fragment}");
                }
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
        check("18500", Ok(dec!(18500)));
        check(" 18,500.00 ", Ok(dec!(18500.00)));
        check("0.0125", Ok(dec!(0.0125)));
        check("0", Ok(dec!(0)));
        check("", Err("required"));
        check("abc", Err("not a number"));
        check("NaN", Err("not a number"));
        check("-5", Err("negative"));
        check("1.23456", Err("decimal places"));
        check("2000000000000", Err("largest"));
    }

    #[test]
    fn rounded_parts_add_up_to_the_rounded_total() {
        // 12.04 + 7.04 + 6.04 = 25.12: naive rounding gives 12.0 + 7.0 + 6.0 = 25.0 beside 25.1.
        let r = round_to_total(&[12.04, 7.04, 6.04], 1);
        assert!((r.iter().sum::<f64>() - 25.1).abs() < 1e-9, "{r:?}");
        let r = round_to_total(&[100.0 / 3.0; 3], 1);
        assert!((r.iter().sum::<f64>() - 100.0).abs() < 1e-9, "{r:?}");
        assert_eq!(round_to_total(&[1.25, 2.5], 0).iter().sum::<f64>(), 4.0);
    }

    #[test]
    fn rounded_amounts_add_up_to_the_rounded_total() {
        let parts = [dec!(39898.4), dec!(41095.4), dec!(133182.4)];
        let r = round_amounts_to_total(&parts, 0);
        assert_eq!(r.iter().sum::<Decimal>(), dec!(214176));
        // Equal remainders: the earliest part takes the unit.
        assert_eq!(r, vec![dec!(39899), dec!(41095), dec!(133182)]);
        // A given total (the year's total as rounded beside the other years).
        let r = round_amounts_to(&[dec!(0.004), dec!(0.004), dec!(-0.001)], dec!(0.01), 2);
        assert_eq!(r.iter().sum::<Decimal>(), dec!(0.01));
        let r = round_amounts_to(&[dec!(1.006), dec!(2.006)], dec!(3.01), 2);
        assert_eq!(r.iter().sum::<Decimal>(), dec!(3.01));
    }

    proptest::proptest! {
        #[test]
        fn round_to_total_keeps_each_part_within_one_unit(parts in proptest::collection::vec(0.0f64..1000.0, 1..12)) {
            let r = round_to_total(&parts, 1);
            let total: f64 = parts.iter().sum();
            proptest::prop_assert!((r.iter().sum::<f64>() - (total * 10.0).round() / 10.0).abs() < 1e-6);
            for (a, b) in parts.iter().zip(&r) {
                proptest::prop_assert!((a - b).abs() < 0.1 + 1e-9);
            }
        }
    }

    #[test]
    fn format_amount_rounds_half_away_from_zero() {
        assert_eq!(format_amount(dec!(1234567.005), 2), "1,234,567.01");
        assert_eq!(format_amount(dec!(-1234.5), 0), "-1,235");
        assert_eq!(format_amount(dec!(999.994), 2), "999.99");
        assert_eq!(format_amount(dec!(0), 2), "0.00");
        assert_eq!(format_amount(dec!(100), 2), "100.00");
    }

    #[test]
    fn money_keeps_scale_through_json() {
        let m = Money::new(dec!(18500.50), Currency::usd());
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"18500.50","currency":"USD"}"#);
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.amount.scale(), 2);
    }

    #[test]
    fn currency_codes() {
        assert!(Currency::try_from("eur".to_string()).is_ok());
        assert!(Currency::try_from("EURO".to_string()).is_err());
        assert!(Currency::try_from("U$D".to_string()).is_err());
        let a = Money::new(dec!(1), Currency::usd());
        let b = Money::new(dec!(1), Currency::try_from("EUR".to_string()).unwrap());
        assert!(a.checked_add(&b).is_err());
    }

    proptest::proptest! {
        #[test]
        fn amounts_round_trip_through_text(units in 0i64..1_000_000_000_000i64, scale in 0u32..=4) {
            let d = Decimal::new(units, scale);
            let back = Decimal::from_str(&d.to_string()).unwrap();
            proptest::prop_assert_eq!(back, d);
            proptest::prop_assert_eq!(back.scale(), d.scale());
        }
    }
}
