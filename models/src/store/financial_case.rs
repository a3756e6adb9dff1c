//! Candidates' financial inputs beside their cost models: savings lines, revenue, the
//! depreciation choice and a lease offer. Saved in one transaction; removed with the
//! candidate (foreign keys cascade).

use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{parse_decimal, Portfolio};
use crate::error::{Error, Result};
use crate::finance::case::{
    case_view, financial_case, request_financial_case, DepreciationAndLease, DepreciationChoice,
    FinancialCaseView, FinancialInputs, RequestFinancialCase, Revenue, SavingLine,
    SavingsAndRevenue,
};
use crate::ids::{CandidateId, RequestId};
use crate::lifecycle::MAX_LIFE_YEARS;

/// A unit enum as the snake-case text its serde form is (and the CHECKs list).
fn enum_text<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(Error::internal("an enum without a text form")),
    }
}

fn enum_of<T: DeserializeOwned>(text: String, place: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(text.clone())).map_err(|_| Error::Corrupt {
        place: place.to_string(),
        message: format!("'{text}' is not a known value"),
    })
}

fn decimal_opt(text: Option<String>, place: &str) -> Result<Option<Decimal>> {
    text.map(|t| parse_decimal(&t, place)).transpose()
}

/// The `candidate_finance` row: revenue, depreciation and lease.
struct FinanceRow {
    procedures: Option<String>,
    reimbursement: Option<String>,
    escalation: Option<String>,
    method: String,
    convention: String,
    life: Option<u32>,
    salvage: Option<String>,
    factor: Option<String>,
    in_service: Option<String>,
    lease: Option<String>,
}

fn finance_row(r: &Row<'_>) -> rusqlite::Result<FinanceRow> {
    Ok(FinanceRow {
        procedures: r.get(0)?,
        reimbursement: r.get(1)?,
        escalation: r.get(2)?,
        method: r.get(3)?,
        convention: r.get(4)?,
        life: r.get(5)?,
        salvage: r.get(6)?,
        factor: r.get(7)?,
        in_service: r.get(8)?,
        lease: r.get(9)?,
    })
}

fn read_row(row: FinanceRow, inputs: &mut FinancialInputs, place: &str) -> Result<()> {
    if let (Some(p), Some(r)) = (row.procedures, row.reimbursement) {
        inputs.revenue = Some(Revenue {
            procedures_per_year: parse_decimal(&p, place)?,
            reimbursement: parse_decimal(&r, place)?,
            escalation: decimal_opt(row.escalation, place)?.unwrap_or_default(),
        });
    }
    inputs.depreciation = DepreciationChoice {
        method: enum_of(row.method, place)?,
        convention: enum_of(row.convention, place)?,
        life_years: row.life,
        salvage: decimal_opt(row.salvage, place)?,
        factor: decimal_opt(row.factor, place)?,
        in_service: row
            .in_service
            .map(|d| {
                chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| Error::Corrupt {
                    place: place.to_string(),
                    message: format!("'{d}' is not a date ({e})"),
                })
            })
            .transpose()?,
    };
    inputs.lease = row
        .lease
        .map(|json| {
            serde_json::from_str(&json).map_err(|e| Error::Corrupt {
                place: place.to_string(),
                message: format!("the lease offer does not read ({e})"),
            })
        })
        .transpose()?;
    Ok(())
}

impl Portfolio {
    /// A candidate's financial inputs; the defaults (nothing entered, straight-line
    /// depreciation) when none are saved.
    pub fn financial_inputs(&self, candidate_id: CandidateId) -> Result<FinancialInputs> {
        self.candidate(candidate_id)?;
        let place = format!("financial inputs of candidate {candidate_id}");
        let mut inputs = FinancialInputs::default();
        let row = self
            .conn
            .query_row(
                "SELECT procedures_per_year, reimbursement, revenue_escalation, depreciation_method,
                     depreciation_convention, depreciation_life_years, depreciation_salvage,
                     depreciation_factor, in_service_date, lease
                 FROM candidate_finance WHERE candidate_id = ?1",
                [candidate_id],
                finance_row,
            )
            .optional()?;
        if let Some(row) = row {
            read_row(row, &mut inputs, &place)?;
        }
        let mut stmt = self.conn.prepare(
            "SELECT kind, label, amount, escalation, one_off_year FROM saving_line
             WHERE candidate_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([candidate_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<u32>>(4)?,
            ))
        })?;
        for row in rows {
            let (kind, label, amount, escalation, one_off_year) = row?;
            inputs.savings.push(SavingLine {
                kind: enum_of(kind, &place)?,
                label,
                amount: parse_decimal(&amount, &place)?,
                escalation: parse_decimal(&escalation, &place)?,
                one_off_year,
            });
        }
        Ok(inputs)
    }

    /// The financial inputs of a request's candidates that have any saved, by candidate.
    pub fn financial_inputs_of(
        &self,
        request_id: RequestId,
    ) -> Result<Vec<(CandidateId, FinancialInputs)>> {
        let mut out = Vec::new();
        for c in self.candidates(request_id)? {
            let saved: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM candidate_finance WHERE candidate_id = ?1)
                     OR EXISTS (SELECT 1 FROM saving_line WHERE candidate_id = ?1)",
                [c.id],
                |r| r.get(0),
            )?;
            if saved {
                out.push((c.id, self.financial_inputs(c.id)?));
            }
        }
        Ok(out)
    }

    /// The financial cases of a request's candidates from their saved inputs and the
    /// request's lifecycle costs.
    pub fn request_financial_case(&self, request_id: RequestId) -> Result<RequestFinancialCase> {
        let a = self.assessment_inputs(request_id)?;
        let lifecycle = crate::assessment::request_lifecycle(&a);
        let inputs = self.financial_inputs_of(request_id)?;
        Ok(request_financial_case(&a, &lifecycle, &inputs))
    }

    /// The same as the window shows them: the same engine and words as `caliper
    /// financial-case` and the brief.
    pub fn financial_case_view(&self, request_id: RequestId) -> Result<FinancialCaseView> {
        Ok(case_view(&self.request_financial_case(request_id)?))
    }

    /// A candidate's savings and revenue, as the window edits them.
    pub fn savings_and_revenue(&self, candidate_id: CandidateId) -> Result<SavingsAndRevenue> {
        let inputs = self.financial_inputs(candidate_id)?;
        Ok(SavingsAndRevenue {
            savings: inputs.savings,
            revenue: inputs.revenue,
        })
    }

    /// Replaces a candidate's savings and revenue, keeping its depreciation choice and
    /// lease offer; checked and written as [`Portfolio::set_financial_inputs`].
    pub fn set_savings_and_revenue(
        &mut self,
        candidate_id: CandidateId,
        change: &SavingsAndRevenue,
    ) -> Result<()> {
        let mut inputs = self.financial_inputs(candidate_id)?;
        inputs.savings = change.savings.clone();
        inputs.revenue = change.revenue.clone();
        self.set_financial_inputs(candidate_id, &inputs)
    }

    /// A candidate's depreciation choice and lease offer, as the window edits them.
    pub fn depreciation_and_lease(
        &self,
        candidate_id: CandidateId,
    ) -> Result<DepreciationAndLease> {
        let inputs = self.financial_inputs(candidate_id)?;
        Ok(DepreciationAndLease {
            depreciation: inputs.depreciation,
            lease: inputs.lease,
        })
    }

    /// Replaces a candidate's depreciation choice and lease offer, keeping its savings and
    /// revenue; checked and written as [`Portfolio::set_financial_inputs`].
    pub fn set_depreciation_and_lease(
        &mut self,
        candidate_id: CandidateId,
        change: &DepreciationAndLease,
    ) -> Result<()> {
        let mut inputs = self.financial_inputs(candidate_id)?;
        inputs.depreciation = change.depreciation.clone();
        inputs.lease = change.lease.clone();
        self.set_financial_inputs(candidate_id, &inputs)
    }

    /// Refuses inputs the engine cannot make a case of on the candidate's lifecycle cost
    /// (a salvage above the capital, a lease the comparison refuses), which
    /// [`FinancialInputs::validate`] cannot see without it. A candidate without a
    /// lifecycle cost has no case to refuse.
    fn check_case(&self, candidate_id: CandidateId, inputs: &FinancialInputs) -> Result<()> {
        let request_id = self.candidate(candidate_id)?.request_id;
        let a = self.assessment_inputs(request_id)?;
        let lifecycle = crate::assessment::request_lifecycle(&a);
        let lc = lifecycle
            .candidates
            .iter()
            .find(|c| c.candidate_id == candidate_id)
            .and_then(|c| c.lifecycle.as_ref());
        let model = a
            .cost_models
            .iter()
            .find(|(id, _)| *id == candidate_id)
            .map(|(_, m)| m);
        if let (Some(lc), Some(model)) = (lc, model) {
            financial_case(inputs, model, lc, &lifecycle.assumptions)?;
        }
        Ok(())
    }

    /// Replaces a candidate's financial inputs, checked first (against its expected life
    /// when it has a cost model, then by the engine on its lifecycle cost), in one
    /// transaction: a refused change writes nothing.
    pub fn set_financial_inputs(
        &mut self,
        candidate_id: CandidateId,
        inputs: &FinancialInputs,
    ) -> Result<()> {
        self.candidate(candidate_id)?;
        let life = self
            .cost_model(candidate_id)?
            .map_or(MAX_LIFE_YEARS, |m| m.expected_life_years);
        inputs.validate(life)?;
        self.check_case(candidate_id, inputs)?;
        let d = &inputs.depreciation;
        let lease = inputs
            .lease
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::internal(format!("the lease offer as JSON: {e}")))?;
        let text = |v: Option<Decimal>| v.map(|d| d.to_string());
        let revenue = inputs.revenue.as_ref();
        let method = enum_text(&d.method)?;
        let convention = enum_text(&d.convention)?;
        let mut kinds = Vec::with_capacity(inputs.savings.len());
        for s in &inputs.savings {
            kinds.push(enum_text(&s.kind)?);
        }
        self.in_one_transaction(|p| {
            let conn = p.write()?;
            conn.execute(
                "INSERT INTO candidate_finance (candidate_id, procedures_per_year, reimbursement, revenue_escalation,
                     depreciation_method, depreciation_convention, depreciation_life_years, depreciation_salvage,
                     depreciation_factor, in_service_date, lease)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (candidate_id) DO UPDATE SET procedures_per_year = excluded.procedures_per_year,
                     reimbursement = excluded.reimbursement, revenue_escalation = excluded.revenue_escalation,
                     depreciation_method = excluded.depreciation_method,
                     depreciation_convention = excluded.depreciation_convention,
                     depreciation_life_years = excluded.depreciation_life_years,
                     depreciation_salvage = excluded.depreciation_salvage,
                     depreciation_factor = excluded.depreciation_factor,
                     in_service_date = excluded.in_service_date, lease = excluded.lease",
                params![
                    candidate_id,
                    text(revenue.map(|r| r.procedures_per_year)),
                    text(revenue.map(|r| r.reimbursement)),
                    text(revenue.map(|r| r.escalation)),
                    method,
                    convention,
                    d.life_years,
                    text(d.salvage),
                    text(d.factor),
                    d.in_service.map(|d| d.format("%Y-%m-%d").to_string()),
                    lease
                ],
            )?;
            conn.execute(
                "DELETE FROM saving_line WHERE candidate_id = ?1",
                [candidate_id],
            )?;
            for (i, (s, kind)) in inputs.savings.iter().zip(&kinds).enumerate() {
                conn.execute(
                    "INSERT INTO saving_line (candidate_id, position, kind, label, amount, escalation, one_off_year)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        candidate_id,
                        i as i64,
                        kind,
                        s.label,
                        s.amount.to_string(),
                        s.escalation.to_string(),
                        s.one_off_year
                    ],
                )?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use rust_decimal_macros::dec;

    use crate::finance::case::{LeaseOffer, SavingKind};
    use crate::finance::{DepreciationMethod, OperatingLease, PaymentTiming};

    use super::*;

    fn demo() -> Portfolio {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        p
    }

    fn inputs() -> FinancialInputs {
        FinancialInputs {
            savings: vec![SavingLine {
                kind: SavingKind::Energy,
                label: "LED lights".into(),
                amount: dec!(1200.50),
                escalation: dec!(0.02),
                one_off_year: None,
            }],
            revenue: Some(Revenue {
                procedures_per_year: dec!(300),
                reimbursement: dec!(85.10),
                escalation: dec!(0.01),
            }),
            depreciation: DepreciationChoice {
                method: DepreciationMethod::SumOfYearsDigits,
                life_years: Some(7),
                in_service: chrono::NaiveDate::from_ymd_opt(2026, 10, 1),
                ..DepreciationChoice::default()
            },
            lease: Some(LeaseOffer {
                term_years: 5,
                tax_status: Default::default(),
                tax_rate: dec!(0),
                purchase_maintenance_per_year: dec!(0),
                purchase_salvage: dec!(1000),
                operating_lease: Some(OperatingLease {
                    payment_per_year: dec!(150000),
                    timing: PaymentTiming::Arrears,
                    maintenance_per_year: dec!(0),
                }),
                capital_lease: None,
            }),
        }
    }

    #[test]
    fn inputs_round_trip_and_go_with_the_candidate() {
        let mut p = demo();
        let request = p.requests().unwrap()[1].request.id;
        let candidate = p.candidates(request).unwrap()[0].id;
        assert!(p.financial_inputs_of(request).unwrap().is_empty());
        p.set_financial_inputs(candidate, &inputs()).unwrap();
        assert_eq!(p.financial_inputs(candidate).unwrap(), inputs());
        assert_eq!(p.financial_inputs_of(request).unwrap().len(), 1);
        p.delete_candidate(candidate).unwrap();
        let left: i64 = p
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM saving_line WHERE candidate_id = ?1)
                      + (SELECT count(*) FROM candidate_finance WHERE candidate_id = ?1)",
                [candidate],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn a_refused_change_writes_nothing() {
        let mut p = demo();
        let request = p.requests().unwrap()[1].request.id;
        let candidate = p.candidates(request).unwrap()[0].id;
        p.set_financial_inputs(candidate, &inputs()).unwrap();
        let mut bad = inputs();
        bad.savings[0].escalation = dec!(-1);
        bad.savings.push(bad.savings[0].clone());
        let err = p.set_financial_inputs(candidate, &bad).unwrap_err();
        assert_eq!(err.field(), Some("savings[0].escalation"));
        assert_eq!(p.financial_inputs(candidate).unwrap(), inputs());
    }

    #[test]
    fn depreciation_and_lease_are_saved_keeping_the_savings() {
        let mut p = demo();
        let request = p.requests().unwrap()[1].request.id;
        let candidate = p.candidates(request).unwrap()[0].id;
        p.set_financial_inputs(candidate, &inputs()).unwrap();
        let mut change = p.depreciation_and_lease(candidate).unwrap();
        assert_eq!(change.depreciation, inputs().depreciation);
        change.depreciation.method = DepreciationMethod::DoubleDecliningBalance;
        change.depreciation.factor = Some(dec!(1.5));
        change.depreciation.salvage = Some(dec!(2500));
        change.lease = None;
        p.set_depreciation_and_lease(candidate, &change).unwrap();
        assert_eq!(p.depreciation_and_lease(candidate).unwrap(), change);
        let saved = p.financial_inputs(candidate).unwrap();
        assert_eq!(saved.savings, inputs().savings);
        assert_eq!(saved.revenue, inputs().revenue);
        // The window's view of the case follows: its payback marker and depreciation.
        let view = p.financial_case_view(request).unwrap();
        let c = view
            .candidates
            .iter()
            .find(|c| c.candidate_id == candidate)
            .unwrap();
        assert!(c.payback.as_ref().unwrap().label.starts_with("Payback "));
        assert_eq!(
            c.depreciation_total,
            Some(c.budget.iter().map(|b| b.depreciation).sum())
        );
        assert!(c.lease.is_empty());
    }

    #[test]
    fn a_refused_depreciation_or_lease_writes_nothing() {
        let mut p = demo();
        let request = p.requests().unwrap()[1].request.id;
        let candidate = p.candidates(request).unwrap()[0].id;
        p.set_financial_inputs(candidate, &inputs()).unwrap();
        let good = p.depreciation_and_lease(candidate).unwrap();
        let refused =
            |change: &dyn Fn(&mut DepreciationAndLease), field: &str, p: &mut Portfolio| {
                let mut bad = good.clone();
                change(&mut bad);
                let err = p.set_depreciation_and_lease(candidate, &bad).unwrap_err();
                assert_eq!(err.field(), Some(field), "{err}");
                assert_eq!(p.financial_inputs(candidate).unwrap(), inputs());
            };
        // The engine's check on the capital: the candidate's cost model alone cannot say.
        refused(
            &|c| c.depreciation.salvage = Some(dec!(1000000000)),
            "depreciation.salvage",
            &mut p,
        );
        refused(
            &|c| c.depreciation.life_years = Some(0),
            "depreciation.life_years",
            &mut p,
        );
        refused(
            &|c| c.depreciation.factor = Some(dec!(2)),
            "depreciation.factor",
            &mut p,
        );
        refused(
            &|c| {
                if let Some(l) = c.lease.as_mut() {
                    l.term_years = 60;
                }
            },
            "lease.term_years",
            &mut p,
        );
    }
}
