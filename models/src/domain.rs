//! The portfolio's entities: facilities, departments, capital requests, candidate devices,
//! evaluators and their scores. Plain data; rules live in the functions that build them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::ids::{CandidateId, CriterionId, DepartmentId, EvaluatorId, FacilityId, RequestId};
use crate::money::{parse_amount, Currency, Money};
use crate::quote::{check_quote_dates, optional_date};
use crate::ranking::Method;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Facility {
    pub id: FacilityId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Department {
    pub id: DepartmentId,
    pub facility_id: FacilityId,
    pub name: String,
    pub cost_center: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RequestType {
    Replacement,
    NewTechnology,
    Expansion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Draft,
    InAssessment,
    Recommended,
    Approved,
    Deferred,
    Rejected,
}

macro_rules! text_enum {
    ($ty:ty { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
            pub fn parse(field: &str, s: &str) -> Result<Self> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    other => Err(Error::validation(
                        field,
                        format!("'{other}' is not one of: {}", [$($text),+].join(", ")),
                    )),
                }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(RequestType {
    Replacement => "replacement",
    NewTechnology => "new_technology",
    Expansion => "expansion",
});

text_enum!(RequestStatus {
    Draft => "draft",
    InAssessment => "in_assessment",
    Recommended => "recommended",
    Approved => "approved",
    Deferred => "deferred",
    Rejected => "rejected",
});

crate::ipc::choice!(RequestType {
    Replacement => "Replacement",
    NewTechnology => "New technology",
    Expansion => "Expansion",
});

crate::ipc::choice!(RequestStatus {
    Draft => "Draft",
    InAssessment => "In assessment",
    Recommended => "Recommended",
    Approved => "Approved",
    Deferred => "Deferred",
    Rejected => "Rejected",
});

/// A department's ask for equipment, assessed by comparing candidate devices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CapitalRequest {
    pub id: RequestId,
    pub title: String,
    pub department_id: DepartmentId,
    pub request_type: RequestType,
    pub quantity: u32,
    /// The fiscal year the money is needed in, e.g. 2027 for FY2027.
    pub fiscal_year: i32,
    pub justification: String,
    pub status: RequestStatus,
    /// Every amount of the request and its candidates is in this currency.
    pub currency: Currency,
    /// How the candidates are ranked.
    pub method: Method,
}

/// What the user types to create or edit a capital request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RequestInput {
    pub title: String,
    pub department_id: DepartmentId,
    pub request_type: RequestType,
    pub quantity: u32,
    pub fiscal_year: i32,
    pub justification: String,
    pub status: RequestStatus,
    pub currency: String,
    #[serde(default)]
    pub method: Method,
}

/// The longest justification a request holds (about ten pages of text).
pub const MAX_JUSTIFICATION: usize = 20_000;

impl RequestInput {
    pub fn validate(&self) -> Result<(String, Currency)> {
        let title = required_text("title", &self.title, 200)?;
        if self.justification.chars().count() > MAX_JUSTIFICATION {
            return Err(Error::validation(
                "justification",
                format!(
                    "is {} characters long; a justification holds at most {MAX_JUSTIFICATION} (attach longer documents elsewhere)",
                    self.justification.chars().count()
                ),
            ));
        }
        if self.quantity == 0 || self.quantity > 100_000 {
            return Err(Error::validation(
                "quantity",
                format!(
                    "{} is not a plausible quantity (1 to 100,000)",
                    self.quantity
                ),
            ));
        }
        if !(2000..=2100).contains(&self.fiscal_year) {
            return Err(Error::validation(
                "fiscal_year",
                format!(
                    "{} is not a fiscal year between 2000 and 2100",
                    self.fiscal_year
                ),
            ));
        }
        let currency = Currency::try_from(self.currency.clone())?;
        Ok((title, currency))
    }
}

/// A device model offered for a request, with its quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub id: CandidateId,
    pub request_id: RequestId,
    pub manufacturer: String,
    pub model: String,
    pub vendor: String,
    /// FDA product code (three letters), in the FDA product classification code system.
    pub fda_product_code: Option<String>,
    pub unit_price: Money,
    /// The quoted quantity (a request for another number of units is flagged).
    pub quantity: u32,
    /// The quote's date and the last day it is valid, when known.
    #[ts(type = "string | null")]
    pub quote_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub valid_until: Option<NaiveDate>,
    pub notes: String,
}

impl Candidate {
    /// How the candidate is named everywhere: manufacturer and model.
    pub fn label(&self) -> String {
        format!("{} {}", self.manufacturer, self.model)
    }

    /// Quoted unit price times quantity.
    pub fn quoted_total(&self) -> Money {
        self.unit_price.times(self.quantity)
    }
}

/// What the user types to add or edit a candidate. The price is text so that the
/// validation message can quote exactly what was typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CandidateInput {
    pub manufacturer: String,
    pub model: String,
    pub vendor: String,
    pub fda_product_code: Option<String>,
    pub unit_price: String,
    pub quantity: u32,
    /// The quote's date and validity, YYYY-MM-DD; empty or absent when not known.
    #[serde(default)]
    pub quote_date: Option<String>,
    #[serde(default)]
    pub valid_until: Option<String>,
    pub notes: String,
}

/// A candidate input that passed validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCandidate {
    pub manufacturer: String,
    pub model: String,
    pub vendor: String,
    pub fda_product_code: Option<String>,
    pub unit_price: rust_decimal::Decimal,
    pub quantity: u32,
    pub quote_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub notes: String,
}

impl CandidateInput {
    pub fn validate(&self) -> Result<ValidCandidate> {
        let manufacturer = required_text("manufacturer", &self.manufacturer, 120)?;
        let model = required_text("model", &self.model, 120)?;
        let vendor = self.vendor.trim().to_string();
        let fda_product_code = match self.fda_product_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => {
                let upper = code.to_ascii_uppercase();
                if upper.len() != 3 || !upper.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(Error::validation(
                        "fda_product_code",
                        format!("'{code}' is not an FDA product code (three letters, e.g. MHX)"),
                    ));
                }
                Some(upper)
            }
        };
        let unit_price = parse_amount("unit_price", &self.unit_price)?;
        if self.quantity == 0 || self.quantity > 100_000 {
            return Err(Error::validation(
                "quantity",
                format!(
                    "{} is not a plausible quantity (1 to 100,000)",
                    self.quantity
                ),
            ));
        }
        let quote_date = optional_date("quote_date", self.quote_date.as_deref())?;
        let valid_until = optional_date("valid_until", self.valid_until.as_deref())?;
        check_quote_dates(quote_date, valid_until)?;
        Ok(ValidCandidate {
            manufacturer,
            model,
            vendor,
            fda_product_code,
            unit_price,
            quantity: self.quantity,
            quote_date,
            valid_until,
            notes: self.notes.trim().to_string(),
        })
    }
}

/// A person who scores candidates (a nurse manager, a clinical engineer, an IT analyst).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evaluator {
    pub id: EvaluatorId,
    pub name: String,
    pub role: String,
}

/// One evaluator's score of one candidate on one judged criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EvaluatorScore {
    pub evaluator_id: EvaluatorId,
    pub candidate_id: CandidateId,
    pub criterion_id: CriterionId,
    /// A level of the criterion's anchored scale, 1 to 5.
    pub score: u8,
    pub comment: String,
}

/// A measured value of a candidate on a measured criterion (in the criterion's unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Measurement {
    pub candidate_id: CandidateId,
    pub criterion_id: CriterionId,
    /// Decimal string in the criterion's unit.
    #[ts(type = "string")]
    pub value: rust_decimal::Decimal,
}

pub(crate) fn required_text(field: &str, text: &str, max_len: usize) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::validation(field, "is required"));
    }
    if t.chars().count() > max_len {
        return Err(Error::validation(
            field,
            format!("is longer than {max_len} characters"),
        ));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlong_justification_is_refused_naming_the_field() {
        let mut input = RequestInput {
            title: "Replace ICU monitors".into(),
            department_id: DepartmentId(1),
            request_type: RequestType::Replacement,
            quantity: 40,
            fiscal_year: 2027,
            justification: "x".repeat(MAX_JUSTIFICATION),
            status: RequestStatus::Draft,
            currency: "USD".into(),
            method: Method::WeightedSum,
        };
        assert!(input.validate().is_ok());
        input.justification.push('x');
        let err = input.validate().unwrap_err();
        assert_eq!(err.field(), Some("justification"));
    }

    fn candidate() -> CandidateInput {
        CandidateInput {
            manufacturer: "Norvale Medical".into(),
            model: "VitaView 700".into(),
            vendor: "Norvale Direct".into(),
            fda_product_code: Some("mhx".into()),
            unit_price: "18,500.00".into(),
            quantity: 40,
            quote_date: Some("2026-03-01".into()),
            valid_until: Some("2026-06-30".into()),
            notes: String::new(),
        }
    }

    #[test]
    fn candidate_validation() {
        let ok = candidate().validate().unwrap();
        assert_eq!(ok.fda_product_code.as_deref(), Some("MHX"));
        assert_eq!(ok.unit_price.to_string(), "18500.00");

        let check = |edit: fn(&mut CandidateInput), field: &str| {
            let mut c = candidate();
            edit(&mut c);
            let err = c.validate().unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        };
        check(|c| c.manufacturer = "  ".into(), "manufacturer");
        check(|c| c.unit_price = "-1".into(), "unit_price");
        check(|c| c.unit_price = "ten".into(), "unit_price");
        check(
            |c| c.fda_product_code = Some("MH1".into()),
            "fda_product_code",
        );
        check(|c| c.quantity = 0, "quantity");
        check(|c| c.quote_date = Some("03/01/2026".into()), "quote_date");
        check(|c| c.valid_until = Some("2026-02-28".into()), "valid_until");
    }

    #[test]
    fn enums_round_trip_as_text() {
        for s in [
            "draft",
            "in_assessment",
            "recommended",
            "approved",
            "deferred",
            "rejected",
        ] {
            assert_eq!(RequestStatus::parse("status", s).unwrap().as_str(), s);
        }
        assert!(RequestType::parse("request_type", "purchase")
            .unwrap_err()
            .to_string()
            .contains("replacement, new_technology, expansion"));
    }
}
