//! The spreadsheet financial functions in `Decimal`, and a stateless calculator over them.
//!
//! Pure: no I/O, no clock. Money and rates are `Decimal`, never `f64`. Each function has
//! the meaning and the argument names of its spreadsheet namesake (Excel's `PV`, `PMT`,
//! `DB`, ...; numpy-financial's `pv`, `pmt`, ...), and says which convention it follows
//! where the two differ (docs/finance.md):
//! - `tvm`: NPV in both conventions (Excel's first value one period out, numpy's at time 0),
//!   PV, FV, PMT, NPER with payments at the end or the beginning of each period;
//! - `irr`: IRR (a rate, none, or several, never a wrong single number) and MIRR;
//! - `depreciation`: SLN, DB, DDB, SYD and a depreciation schedule by fiscal year;
//! - `payback`: simple and discounted payback, ROI;
//! - `lease`: lease versus buy on the present value of each option's cash flows;
//! - `case`: a candidate's financial case (savings and revenue against its lifecycle
//!   costs, payback, returns, depreciation by fiscal year, a lease offer);
//! - `call`: the calculator behind `caliper finance` (a list of calls, one result each).
//!
//! Every refusal is a [`FinanceError`] naming the argument at fault.

mod call;
pub mod case;
mod depreciation;
mod irr;
mod lease;
pub(crate) mod math;
mod payback;
mod tvm;

pub use call::{evaluate, evaluate_all, parse_calls, FinanceCall, FinanceOutcome, FinanceValue};
pub use call::{
    DbArgs, DdbArgs, DiscountedPaybackArgs, FvArgs, IrrArgs, MirrArgs, NperArgs, NpvArgs,
    PaybackArgs, PmtArgs, PvArgs, RoiArgs, SlnArgs, SydArgs,
};
pub use depreciation::{
    db, ddb, depreciation_schedule, sln, syd, DepreciationMethod, DepreciationSchedule,
    DepreciationScheduleInput, DepreciationYear, FirstYearConvention, MAX_DEPRECIATION_PERIODS,
};
pub use irr::{irr, mirr, Irr, NoIrr, IRR_DECIMALS};
pub use lease::{
    lease_vs_buy, BreakEven, CapitalLease, LeaseComparison, LeaseOption, LeaseVsBuyInput,
    LeaseVsBuyOption, LeaseVsBuyResult, OperatingLease, PaymentTiming, Purchase, TaxStatus,
};
pub use payback::{discounted_payback, payback, roi, Payback};
pub use tvm::{fv, net_present_value, nper, npv, npv_excel, pmt, pv, NpvConvention};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A refused argument, or a result beyond `Decimal`'s range; `field` names the argument.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum FinanceError {
    #[error("{field}: the rate {} is at or below -100 %", .value.normalize())]
    RateAtOrBelowMinusOne { field: String, value: Decimal },
    #[error("{field}: the life must be at least one period")]
    ZeroLife { field: String },
    #[error(
        "{field}: the salvage value {} is above the cost {}",
        .salvage.normalize(),
        .cost.normalize()
    )]
    SalvageAboveCost {
        field: String,
        salvage: Decimal,
        cost: Decimal,
    },
    #[error(
        "{field}: the lease term ({term} years) is longer than the device's life ({life} years)"
    )]
    LeaseLongerThanLife { field: String, term: u32, life: u32 },
    #[error("{field}: {} is not a whole number of periods", .value.normalize())]
    NotWhole { field: String, value: Decimal },
    #[error("{field}: the result is beyond the range of a decimal number")]
    Overflow { field: String },
    #[error("{field}: there are no cash flows")]
    EmptyFlows { field: String },
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
}

impl FinanceError {
    /// The argument at fault, e.g. `rate` or `purchase.salvage`.
    pub fn field(&self) -> &str {
        match self {
            FinanceError::RateAtOrBelowMinusOne { field, .. }
            | FinanceError::ZeroLife { field }
            | FinanceError::SalvageAboveCost { field, .. }
            | FinanceError::LeaseLongerThanLife { field, .. }
            | FinanceError::NotWhole { field, .. }
            | FinanceError::Overflow { field }
            | FinanceError::EmptyFlows { field }
            | FinanceError::Invalid { field, .. } => field,
        }
    }

    /// The same error with `prefix` before its field (`purchase` + `price`).
    pub fn within(mut self, prefix: &str) -> Self {
        let field = match &mut self {
            FinanceError::RateAtOrBelowMinusOne { field, .. }
            | FinanceError::ZeroLife { field }
            | FinanceError::SalvageAboveCost { field, .. }
            | FinanceError::LeaseLongerThanLife { field, .. }
            | FinanceError::NotWhole { field, .. }
            | FinanceError::Overflow { field }
            | FinanceError::EmptyFlows { field }
            | FinanceError::Invalid { field, .. } => field,
        };
        *field = format!("{prefix}.{field}");
        self
    }

    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Self {
        FinanceError::Invalid {
            field: field.to_string(),
            message: message.into(),
        }
    }

    pub(crate) fn overflow(field: &str) -> Self {
        FinanceError::Overflow {
            field: field.to_string(),
        }
    }
}

impl From<FinanceError> for crate::Error {
    fn from(e: FinanceError) -> Self {
        let field = e.field().to_string();
        let text = e.to_string();
        let message = text
            .strip_prefix(&format!("{field}: "))
            .unwrap_or(&text)
            .to_string();
        crate::Error::validation(field, message)
    }
}

pub type FinanceResult<T> = Result<T, FinanceError>;

/// When payments fall in each period: Excel's `type` (0 end, 1 beginning), numpy's `when`.
/// Read from `"end"`, `"begin"`, `0` or `1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    #[default]
    End,
    Begin,
}

impl When {
    /// 0 for the end, 1 for the beginning: the factor `(1 + rate · when)` of the formulas.
    pub fn factor(self) -> Decimal {
        match self {
            When::End => Decimal::ZERO,
            When::Begin => Decimal::ONE,
        }
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) if matches!(s.trim(), "end" | "0") => Ok(When::End),
            serde_json::Value::String(s) if matches!(s.trim(), "begin" | "1") => Ok(When::Begin),
            serde_json::Value::Number(n) if n.as_u64() == Some(0) => Ok(When::End),
            serde_json::Value::Number(n) if n.as_u64() == Some(1) => Ok(When::Begin),
            other => Err(serde::de::Error::custom(format!(
                "{other} is not a payment timing: give \"end\" (0) or \"begin\" (1)"
            ))),
        }
    }
}

/// Checks a periodic rate: above -100 %.
pub(crate) fn check_rate(field: &str, rate: Decimal) -> FinanceResult<Decimal> {
    if rate <= Decimal::NEGATIVE_ONE {
        return Err(FinanceError::RateAtOrBelowMinusOne {
            field: field.to_string(),
            value: rate,
        });
    }
    Ok(rate)
}

/// A count of periods given as a decimal (e.g. from JSON): refused unless whole and in
/// `0..=u32::MAX`.
pub(crate) fn whole(field: &str, value: Decimal) -> FinanceResult<u32> {
    if !value.fract().is_zero() {
        return Err(FinanceError::NotWhole {
            field: field.to_string(),
            value,
        });
    }
    u32::try_from(value.trunc()).map_err(|_| {
        FinanceError::invalid(
            field,
            format!("{value} is not a count of periods (0 or more)"),
        )
    })
}

/// Refuses a negative amount (costs, prices, salvage).
pub(crate) fn non_negative(field: &str, value: Decimal) -> FinanceResult<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(FinanceError::invalid(
            field,
            format!("{value} is negative; give zero or more"),
        ));
    }
    Ok(value)
}
