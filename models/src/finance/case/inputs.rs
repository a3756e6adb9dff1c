//! What a candidate's financial case is built from, beside its cost model: savings lines,
//! revenue, the depreciation choice and a lease offer; and their checks.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::finance::{
    CapitalLease, DepreciationMethod, FinanceError, FinanceResult, FirstYearConvention,
    OperatingLease, TaxStatus,
};
use crate::money::decimal_text;

/// What a saving comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SavingKind {
    /// Service contracts of the devices replaced, no longer paid.
    ServiceContracts,
    Consumables,
    StaffTime,
    AvoidedOutsourcing,
    Energy,
    /// Trade-in or resale of the devices replaced (not already in the quote).
    TradeIn,
    Other,
}

crate::ipc::choice!(SavingKind {
    ServiceContracts => "Service contracts retired",
    Consumables => "Consumables",
    StaffTime => "Staff time",
    AvoidedOutsourcing => "Avoided outsourcing",
    Energy => "Energy",
    TradeIn => "Trade-in",
    Other => "Other",
});

impl SavingKind {
    /// The kind as printed.
    pub fn label(self) -> &'static str {
        <Self as crate::ipc::Choice>::label(self)
    }
}

/// One expected saving: an amount each year 1..N (in year-1 money, escalating yearly), or
/// a one-off in a given year (0 is the purchase year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SavingLine {
    pub kind: SavingKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub label: String,
    /// The yearly amount in year 1, or the one-off amount.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
    /// Yearly escalation of a recurring saving, as a fraction (0.03 = 3 %).
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub escalation: Decimal,
    /// The year of a one-off saving (0 to the expected life); absent for a yearly one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub one_off_year: Option<u32>,
}

/// Revenue: procedures per year times the reimbursement of one, escalating yearly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Revenue {
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub procedures_per_year: Decimal,
    /// Reimbursement of one procedure, in year-1 money.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub reimbursement: Decimal,
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub escalation: Decimal,
}

/// The savings and revenue of a candidate, as the window edits them (its depreciation
/// choice and lease offer are kept as they are).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SavingsAndRevenue {
    pub savings: Vec<SavingLine>,
    pub revenue: Option<Revenue>,
}

/// How the capital (year-0 cost) is depreciated on the operating budget.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DepreciationChoice {
    #[serde(default)]
    pub method: DepreciationMethod,
    #[serde(default)]
    pub convention: FirstYearConvention,
    /// Depreciable life in years; the expected life when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub life_years: Option<u32>,
    /// Salvage value; the cost model's residual value when absent.
    #[serde(
        default,
        with = "decimal_text::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(type = "string")]
    pub salvage: Option<Decimal>,
    /// DDB's factor (2 when absent).
    #[serde(
        default,
        with = "decimal_text::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[ts(type = "string")]
    pub factor: Option<Decimal>,
    /// The date the devices enter service (its month counts); the purchase date when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string")]
    pub in_service: Option<NaiveDate>,
}

/// A lease offered for the candidate, to compare with buying it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LeaseOffer {
    /// The lease term and the horizon of the comparison, in years.
    pub term_years: u32,
    #[serde(default)]
    pub tax_status: TaxStatus,
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub tax_rate: Decimal,
    /// Maintenance a buyer pays each year of the term.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub purchase_maintenance_per_year: Decimal,
    /// The devices' market value at the end of the term, for a buyer.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub purchase_salvage: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_lease: Option<OperatingLease>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital_lease: Option<CapitalLease>,
}

/// The depreciation choice and lease offer of a candidate, as the window edits them (its
/// savings and revenue are kept as they are).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DepreciationAndLease {
    pub depreciation: DepreciationChoice,
    pub lease: Option<LeaseOffer>,
}

/// A candidate's financial inputs beside its cost model.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancialInputs {
    #[serde(default)]
    pub savings: Vec<SavingLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Revenue>,
    #[serde(default)]
    pub depreciation: DepreciationChoice,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease: Option<LeaseOffer>,
}

impl FinancialInputs {
    /// True when savings, revenue or a lease are entered: there is a case to make.
    pub fn has_case(&self) -> bool {
        !self.savings.is_empty() || self.revenue.is_some() || self.lease.is_some()
    }

    /// Checks what can be checked without the cost model; `life` is the expected life.
    pub fn validate(&self, life: u32) -> FinanceResult<()> {
        for (i, s) in self.savings.iter().enumerate() {
            let field = |name: &str| format!("savings[{i}].{name}");
            not_negative(&field("amount"), s.amount)?;
            escalation(&field("escalation"), s.escalation)?;
            if let Some(year) = s.one_off_year {
                if year > life {
                    return Err(FinanceError::invalid(
                        &field("one_off_year"),
                        format!("year {year} is after the expected life ({life} years)"),
                    ));
                }
            }
        }
        if let Some(r) = &self.revenue {
            not_negative("revenue.procedures_per_year", r.procedures_per_year)?;
            not_negative("revenue.reimbursement", r.reimbursement)?;
            escalation("revenue.escalation", r.escalation)?;
        }
        let d = &self.depreciation;
        if d.life_years == Some(0) {
            return Err(FinanceError::ZeroLife {
                field: "depreciation.life_years".into(),
            });
        }
        if let Some(salvage) = d.salvage {
            not_negative("depreciation.salvage", salvage)?;
        }
        if let Some(lease) = &self.lease {
            if lease.term_years > life {
                return Err(FinanceError::LeaseLongerThanLife {
                    field: "lease.term_years".into(),
                    term: lease.term_years,
                    life,
                });
            }
            if lease.operating_lease.is_none() && lease.capital_lease.is_none() {
                return Err(FinanceError::invalid(
                    "lease",
                    "give an operating lease, a capital lease or both",
                ));
            }
        }
        Ok(())
    }
}

fn not_negative(field: &str, value: Decimal) -> FinanceResult<()> {
    crate::finance::non_negative(field, value).map(|_| ())
}

/// An escalation must stay above -100 % (a factor of zero or less is no escalation).
fn escalation(field: &str, value: Decimal) -> FinanceResult<()> {
    crate::finance::check_rate(field, value).map(|_| ())
}
