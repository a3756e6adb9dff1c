//! The calculator behind `caliper finance`: a list of calls, each naming a function and
//! its arguments with the spreadsheet's names and meanings, and one result per call.
//!
//! Amounts and rates are JSON strings (exact) or numbers; counts of periods may be given
//! as decimals and are refused unless whole where the function needs whole periods.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    db, ddb, depreciation_schedule, discounted_payback, fv, irr, lease_vs_buy, mirr,
    net_present_value, nper, payback, pmt, pv, roi, sln, syd, whole, DepreciationSchedule,
    DepreciationScheduleInput, FinanceResult, Irr, LeaseVsBuyInput, LeaseVsBuyResult,
    NpvConvention, Payback, When,
};
use crate::error::{from_value, Error, Result};
use crate::money::decimal_text;

fn zero() -> Decimal {
    Decimal::ZERO
}

fn twelve() -> Decimal {
    Decimal::from(12)
}

fn two() -> Decimal {
    Decimal::TWO
}

/// `npv`: `convention` says whether the first value is at time 0 (`numpy`) or one period
/// out (`excel`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NpvArgs {
    #[serde(with = "decimal_text")]
    pub rate: Decimal,
    #[serde(with = "decimal_text::list")]
    pub values: Vec<Decimal>,
    pub convention: NpvConvention,
}

/// `irr`: the first value at time 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IrrArgs {
    #[serde(with = "decimal_text::list")]
    pub values: Vec<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MirrArgs {
    #[serde(with = "decimal_text::list")]
    pub values: Vec<Decimal>,
    #[serde(with = "decimal_text")]
    pub finance_rate: Decimal,
    #[serde(with = "decimal_text")]
    pub reinvest_rate: Decimal,
}

/// `pv`; `when` is also read as Excel's `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PvArgs {
    #[serde(with = "decimal_text")]
    pub rate: Decimal,
    #[serde(with = "decimal_text")]
    pub nper: Decimal,
    #[serde(with = "decimal_text")]
    pub pmt: Decimal,
    #[serde(default = "zero", with = "decimal_text")]
    pub fv: Decimal,
    #[serde(default, alias = "type")]
    pub when: When,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FvArgs {
    #[serde(with = "decimal_text")]
    pub rate: Decimal,
    #[serde(with = "decimal_text")]
    pub nper: Decimal,
    #[serde(with = "decimal_text")]
    pub pmt: Decimal,
    #[serde(default = "zero", with = "decimal_text")]
    pub pv: Decimal,
    #[serde(default, alias = "type")]
    pub when: When,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PmtArgs {
    #[serde(with = "decimal_text")]
    pub rate: Decimal,
    #[serde(with = "decimal_text")]
    pub nper: Decimal,
    #[serde(with = "decimal_text")]
    pub pv: Decimal,
    #[serde(default = "zero", with = "decimal_text")]
    pub fv: Decimal,
    #[serde(default, alias = "type")]
    pub when: When,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NperArgs {
    #[serde(with = "decimal_text")]
    pub rate: Decimal,
    #[serde(with = "decimal_text")]
    pub pmt: Decimal,
    #[serde(with = "decimal_text")]
    pub pv: Decimal,
    #[serde(default = "zero", with = "decimal_text")]
    pub fv: Decimal,
    #[serde(default, alias = "type")]
    pub when: When,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlnArgs {
    #[serde(with = "decimal_text")]
    pub cost: Decimal,
    #[serde(with = "decimal_text")]
    pub salvage: Decimal,
    #[serde(with = "decimal_text")]
    pub life: Decimal,
}

/// `db`: `life` and `period` whole, `month` 1 to 12 (12 when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DbArgs {
    #[serde(with = "decimal_text")]
    pub cost: Decimal,
    #[serde(with = "decimal_text")]
    pub salvage: Decimal,
    #[serde(with = "decimal_text")]
    pub life: Decimal,
    #[serde(with = "decimal_text")]
    pub period: Decimal,
    #[serde(default = "twelve", with = "decimal_text")]
    pub month: Decimal,
}

/// `ddb`: `life` and `period` whole, `factor` 2 when absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DdbArgs {
    #[serde(with = "decimal_text")]
    pub cost: Decimal,
    #[serde(with = "decimal_text")]
    pub salvage: Decimal,
    #[serde(with = "decimal_text")]
    pub life: Decimal,
    #[serde(with = "decimal_text")]
    pub period: Decimal,
    #[serde(default = "two", with = "decimal_text")]
    pub factor: Decimal,
}

/// `syd`: `life` and `per` whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SydArgs {
    #[serde(with = "decimal_text")]
    pub cost: Decimal,
    #[serde(with = "decimal_text")]
    pub salvage: Decimal,
    #[serde(with = "decimal_text")]
    pub life: Decimal,
    #[serde(with = "decimal_text")]
    pub per: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaybackArgs {
    #[serde(with = "decimal_text::list")]
    pub values: Vec<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscountedPaybackArgs {
    #[serde(with = "decimal_text")]
    pub rate: Decimal,
    #[serde(with = "decimal_text::list")]
    pub values: Vec<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoiArgs {
    #[serde(with = "decimal_text")]
    pub gain: Decimal,
    #[serde(with = "decimal_text")]
    pub cost: Decimal,
}

/// One call: the function named by `fn` and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fn", rename_all = "snake_case")]
pub enum FinanceCall {
    Npv(NpvArgs),
    Irr(IrrArgs),
    Mirr(MirrArgs),
    Pv(PvArgs),
    Fv(FvArgs),
    Pmt(PmtArgs),
    Nper(NperArgs),
    Sln(SlnArgs),
    Db(DbArgs),
    Ddb(DdbArgs),
    Syd(SydArgs),
    Payback(PaybackArgs),
    DiscountedPayback(DiscountedPaybackArgs),
    Roi(RoiArgs),
    DepreciationSchedule(DepreciationScheduleInput),
    LeaseVsBuy(LeaseVsBuyInput),
}

/// The function names `fn` accepts.
pub const FUNCTION_NAMES: &[&str] = &[
    "npv",
    "irr",
    "mirr",
    "pv",
    "fv",
    "pmt",
    "nper",
    "sln",
    "db",
    "ddb",
    "syd",
    "payback",
    "discounted_payback",
    "roi",
    "depreciation_schedule",
    "lease_vs_buy",
];

impl FinanceCall {
    /// The function's name, as `fn` gives it.
    pub fn name(&self) -> &'static str {
        match self {
            FinanceCall::Npv(_) => "npv",
            FinanceCall::Irr(_) => "irr",
            FinanceCall::Mirr(_) => "mirr",
            FinanceCall::Pv(_) => "pv",
            FinanceCall::Fv(_) => "fv",
            FinanceCall::Pmt(_) => "pmt",
            FinanceCall::Nper(_) => "nper",
            FinanceCall::Sln(_) => "sln",
            FinanceCall::Db(_) => "db",
            FinanceCall::Ddb(_) => "ddb",
            FinanceCall::Syd(_) => "syd",
            FinanceCall::Payback(_) => "payback",
            FinanceCall::DiscountedPayback(_) => "discounted_payback",
            FinanceCall::Roi(_) => "roi",
            FinanceCall::DepreciationSchedule(_) => "depreciation_schedule",
            FinanceCall::LeaseVsBuy(_) => "lease_vs_buy",
        }
    }
}

/// A call's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FinanceValue {
    /// An amount, rate or count, at full precision.
    Number(#[serde(with = "decimal_text")] Decimal),
    Irr(Irr),
    Payback(Payback),
    DepreciationSchedule(DepreciationSchedule),
    LeaseVsBuy(Box<LeaseVsBuyResult>),
}

/// The result of the call at `index` in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceOutcome {
    pub index: usize,
    #[serde(rename = "fn")]
    pub function: String,
    pub value: FinanceValue,
}

fn args<T: serde::de::DeserializeOwned>(what: &str, value: Value) -> Result<T> {
    from_value(what, value)
}

/// Reads each JSON value of the list as a call; a refusal names the call's index and
/// field (`[2].rate`).
pub fn parse_calls(values: Vec<Value>) -> Result<Vec<FinanceCall>> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| parse_call(&format!("[{i}]"), value))
        .collect()
}

fn parse_call(what: &str, value: Value) -> Result<FinanceCall> {
    let Value::Object(mut map) = value else {
        return Err(Error::validation(
            what,
            "a call is an object with \"fn\" and the function's arguments",
        ));
    };
    let name = match map.remove("fn") {
        Some(Value::String(name)) => name,
        _ => {
            return Err(Error::validation(
                format!("{what}.fn"),
                "name the function, e.g. \"pmt\"",
            ))
        }
    };
    let rest = Value::Object(map);
    Ok(match name.as_str() {
        "npv" => FinanceCall::Npv(args(what, rest)?),
        "irr" => FinanceCall::Irr(args(what, rest)?),
        "mirr" => FinanceCall::Mirr(args(what, rest)?),
        "pv" => FinanceCall::Pv(args(what, rest)?),
        "fv" => FinanceCall::Fv(args(what, rest)?),
        "pmt" => FinanceCall::Pmt(args(what, rest)?),
        "nper" => FinanceCall::Nper(args(what, rest)?),
        "sln" => FinanceCall::Sln(args(what, rest)?),
        "db" => FinanceCall::Db(args(what, rest)?),
        "ddb" => FinanceCall::Ddb(args(what, rest)?),
        "syd" => FinanceCall::Syd(args(what, rest)?),
        "payback" => FinanceCall::Payback(args(what, rest)?),
        "discounted_payback" => FinanceCall::DiscountedPayback(args(what, rest)?),
        "roi" => FinanceCall::Roi(args(what, rest)?),
        "depreciation_schedule" => FinanceCall::DepreciationSchedule(args(what, rest)?),
        "lease_vs_buy" => FinanceCall::LeaseVsBuy(args(what, rest)?),
        other => {
            return Err(Error::validation(
                format!("{what}.fn"),
                format!("'{other}' is not one of: {}", FUNCTION_NAMES.join(", ")),
            ))
        }
    })
}

/// Evaluates one call.
pub fn evaluate(call: &FinanceCall) -> FinanceResult<FinanceValue> {
    use FinanceValue::Number;
    Ok(match call {
        FinanceCall::Npv(a) => Number(net_present_value(a.rate, &a.values, a.convention)?),
        FinanceCall::Irr(a) => FinanceValue::Irr(irr(&a.values)?),
        FinanceCall::Mirr(a) => Number(mirr(&a.values, a.finance_rate, a.reinvest_rate)?),
        FinanceCall::Pv(a) => Number(pv(a.rate, a.nper, a.pmt, a.fv, a.when)?),
        FinanceCall::Fv(a) => Number(fv(a.rate, a.nper, a.pmt, a.pv, a.when)?),
        FinanceCall::Pmt(a) => Number(pmt(a.rate, a.nper, a.pv, a.fv, a.when)?),
        FinanceCall::Nper(a) => Number(nper(a.rate, a.pmt, a.pv, a.fv, a.when)?),
        FinanceCall::Sln(a) => Number(sln(a.cost, a.salvage, a.life)?),
        FinanceCall::Db(a) => Number(db(
            a.cost,
            a.salvage,
            whole("life", a.life)?,
            whole("period", a.period)?,
            whole("month", a.month)?,
        )?),
        FinanceCall::Ddb(a) => Number(ddb(
            a.cost,
            a.salvage,
            whole("life", a.life)?,
            whole("period", a.period)?,
            a.factor,
        )?),
        FinanceCall::Syd(a) => Number(syd(
            a.cost,
            a.salvage,
            whole("life", a.life)?,
            whole("per", a.per)?,
        )?),
        FinanceCall::Payback(a) => FinanceValue::Payback(payback(&a.values)?),
        FinanceCall::DiscountedPayback(a) => {
            FinanceValue::Payback(discounted_payback(a.rate, &a.values)?)
        }
        FinanceCall::Roi(a) => Number(roi(a.gain, a.cost)?),
        FinanceCall::DepreciationSchedule(a) => {
            FinanceValue::DepreciationSchedule(depreciation_schedule(a)?)
        }
        FinanceCall::LeaseVsBuy(a) => FinanceValue::LeaseVsBuy(Box::new(lease_vs_buy(a)?)),
    })
}

/// Evaluates every call in order; the first refusal stops and names its call
/// (`[3].salvage: ...`).
pub fn evaluate_all(calls: &[FinanceCall]) -> Result<Vec<FinanceOutcome>> {
    calls
        .iter()
        .enumerate()
        .map(|(index, call)| {
            let value = evaluate(call).map_err(|e| Error::from(e.within(&format!("[{index}]"))))?;
            Ok(FinanceOutcome {
                index,
                function: call.name().to_string(),
                value,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use serde_json::json;

    fn run(calls: Value) -> Result<Vec<FinanceOutcome>> {
        let list: Vec<Value> = serde_json::from_value(calls).unwrap();
        evaluate_all(&parse_calls(list)?)
    }

    #[test]
    fn calls_in_order_with_strings_or_numbers() {
        let out = run(json!([
            {"fn": "pmt", "rate": "0.00666667", "nper": 120, "pv": "-10000", "fv": "0", "when": "end"},
            {"fn": "npv", "convention": "excel", "rate": 0.1, "values": [-10000, 3000, 4200, 6800]},
            {"fn": "sln", "cost": "30,000", "salvage": 7500, "life": 10},
            {"fn": "pv", "rate": "0.005", "nper": 60, "pmt": -100, "type": 1},
        ]))
        .unwrap();
        assert_eq!(out.len(), 4);
        assert_eq!(out[1].function, "npv");
        let FinanceValue::Number(npv) = out[1].value else {
            panic!()
        };
        assert_eq!(npv.round_dp(2), dec!(1188.44));
        assert_eq!(out[2].value, FinanceValue::Number(dec!(2250)));
        let FinanceValue::Number(payment) = out[0].value else {
            panic!()
        };
        assert_eq!(payment.round_dp(2), dec!(121.33), "{payment}");
    }

    #[test]
    fn a_bad_call_names_its_index_and_field() {
        let field = |calls: Value| run(calls).unwrap_err().field().map(str::to_string);
        assert_eq!(
            field(
                json!([{"fn": "sln", "cost": 1, "salvage": 0, "life": 1}, {"fn": "pmt", "rate": "-1", "nper": 1, "pv": 1}])
            ),
            Some("[1].rate".into())
        );
        assert_eq!(
            field(json!([{"fn": "pmt", "rate": "x", "nper": 1, "pv": 1}])),
            Some("[0].rate".into())
        );
        assert_eq!(
            field(json!([{"fn": "ddb", "cost": 1, "salvage": 0, "life": 2.5, "period": 1}])),
            Some("[0].life".into())
        );
        assert_eq!(
            field(json!([{"fn": "sln", "cost": 1, "salvage": 2, "life": 1}])),
            Some("[0].salvage".into())
        );
        assert_eq!(field(json!([{"fn": "pmtx"}])), Some("[0].fn".into()));
        assert_eq!(
            field(json!([{"fn": "irr", "values": []}])),
            Some("[0].values".into())
        );
        assert_eq!(
            field(json!([{"fn": "irr", "values": [1], "guess": 0.1}])),
            Some("[0].guess".into())
        );
        assert_eq!(field(json!([3])), Some("[0]".into()));
        assert_eq!(
            field(json!([{"fn": "fv", "rate": "1e20", "nper": 1e6, "pmt": 1}])),
            Some("[0].nper".into())
        );
    }

    #[test]
    fn results_round_trip_through_json() {
        let out = run(json!([
            {"fn": "irr", "values": [-100, 39, 59, 55, 20]},
            {"fn": "payback", "values": [-100, 60, 60]},
        ]))
        .unwrap();
        let text = serde_json::to_string(&out).unwrap();
        let back: Vec<FinanceOutcome> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, out);
    }
}
