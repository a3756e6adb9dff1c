//! Candidates' cost models and the financial assumptions their lifecycle costs use.

use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;

use super::{corrupt, parse_decimal, Portfolio};
use crate::domain::Candidate;
use crate::error::{Error, Result};
use crate::ids::{CandidateId, RequestId};
use crate::lifecycle::{AssumptionOverrides, Assumptions, CostModel};
use crate::money::Currency;

impl Portfolio {
    /// A candidate's cost model, with the price and quantity of its quote; `None` if none yet.
    pub fn cost_model(&self, candidate_id: CandidateId) -> Result<Option<CostModel>> {
        let candidate = self.candidate(candidate_id)?;
        self.conn
            .query_row(
                &format!("{COST_SELECT} WHERE candidate_id = ?1"),
                [candidate_id],
                |r| Ok(read_cost_model(r, &candidate)),
            )
            .optional()?
            .transpose()
    }

    /// The cost models of a request's candidates, by candidate id.
    pub fn cost_models(&self, request_id: RequestId) -> Result<Vec<(CandidateId, CostModel)>> {
        let mut out = Vec::new();
        for c in self.candidates(request_id)? {
            if let Some(m) = self.cost_model(c.id)? {
                out.push((c.id, m));
            }
        }
        Ok(out)
    }

    /// Saves a candidate's cost model. The unit price and quantity always come from the
    /// candidate's quote: those in `model` must match it (edit the candidate to change them).
    pub fn set_cost_model(&mut self, candidate_id: CandidateId, model: &CostModel) -> Result<()> {
        let candidate = self.candidate(candidate_id)?;
        let model = model.with_quote(candidate.unit_price.amount, candidate.quantity);
        model.validate()?;
        let t = |d: Decimal| d.to_string();
        self.write()?.execute(
            "INSERT INTO cost_model (candidate_id, discount_pct, trade_in_credit, installation, it_integration, training,
                 warranty_years, service_annual, service_escalation, cost_per_use, annual_uses, power_watts, hours_per_year,
                 tariff_per_kwh, software_annual, staffing_annual, expected_life_years, disposal, residual_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
             ON CONFLICT (candidate_id) DO UPDATE SET discount_pct = excluded.discount_pct, trade_in_credit = excluded.trade_in_credit,
                 installation = excluded.installation, it_integration = excluded.it_integration, training = excluded.training,
                 warranty_years = excluded.warranty_years, service_annual = excluded.service_annual,
                 service_escalation = excluded.service_escalation, cost_per_use = excluded.cost_per_use,
                 annual_uses = excluded.annual_uses, power_watts = excluded.power_watts, hours_per_year = excluded.hours_per_year,
                 tariff_per_kwh = excluded.tariff_per_kwh, software_annual = excluded.software_annual,
                 staffing_annual = excluded.staffing_annual, expected_life_years = excluded.expected_life_years,
                 disposal = excluded.disposal, residual_value = excluded.residual_value",
            params![
                candidate_id,
                t(model.discount_pct),
                t(model.trade_in_credit),
                t(model.installation),
                t(model.it_integration),
                t(model.training),
                model.warranty_years,
                t(model.service_annual),
                t(model.service_escalation),
                t(model.cost_per_use),
                t(model.annual_uses),
                t(model.power_watts),
                t(model.hours_per_year),
                t(model.tariff_per_kwh),
                t(model.software_annual),
                t(model.staffing_annual),
                model.expected_life_years,
                t(model.disposal),
                t(model.residual_value)
            ],
        )?;
        Ok(())
    }

    pub fn delete_cost_model(&mut self, candidate_id: CandidateId) -> Result<()> {
        self.candidate(candidate_id)?;
        self.write()?.execute(
            "DELETE FROM cost_model WHERE candidate_id = ?1",
            [candidate_id],
        )?;
        Ok(())
    }

    /// The portfolio's financial assumptions ([`Assumptions::portfolio_default`] until set).
    pub fn portfolio_assumptions(&self) -> Result<Assumptions> {
        let default = Assumptions::portfolio_default();
        let decimal = |key: &str, default: Decimal| -> Result<Decimal> {
            match self.setting(key)? {
                Some(text) => parse_decimal(&text, &format!("setting {key}")),
                None => Ok(default),
            }
        };
        let month = match self.setting("fiscal_year_start_month")? {
            Some(m) => m.parse().map_err(|_| Error::Corrupt {
                place: "setting fiscal_year_start_month".into(),
                message: format!("'{m}' is not a month"),
            })?,
            None => default.fiscal_year_start_month,
        };
        let currency = match self.setting("currency")? {
            Some(c) => Currency::try_from(c).map_err(|e| corrupt("setting currency".into(), e))?,
            None => default.currency,
        };
        Ok(Assumptions {
            discount_rate: decimal("discount_rate", default.discount_rate)?,
            inflation: decimal("inflation", default.inflation)?,
            currency,
            fiscal_year_start_month: month,
            purchase_date: default.purchase_date,
        })
    }

    /// Sets the portfolio-wide assumptions (the currency stays each request's own).
    pub fn set_portfolio_assumptions(&mut self, a: &Assumptions) -> Result<()> {
        a.validate()?;
        let tx = self.tx()?;
        for (key, value) in [
            ("discount_rate", a.discount_rate.to_string()),
            ("inflation", a.inflation.to_string()),
            (
                "fiscal_year_start_month",
                a.fiscal_year_start_month.to_string(),
            ),
            ("currency", a.currency.to_string()),
        ] {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A request's own overrides of the portfolio assumptions.
    pub fn assumption_overrides(&self, request_id: RequestId) -> Result<AssumptionOverrides> {
        self.request(request_id)?;
        let row = self
            .conn
            .query_row(
                "SELECT discount_rate, inflation, fiscal_year_start_month, purchase_date FROM request_assumptions WHERE request_id = ?1",
                [request_id],
                |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<u32>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((rate, inflation, month, date)) = row else {
            return Ok(AssumptionOverrides::default());
        };
        let place = format!("assumptions of request {request_id}");
        Ok(AssumptionOverrides {
            discount_rate: rate.map(|t| parse_decimal(&t, &place)).transpose()?,
            inflation: inflation.map(|t| parse_decimal(&t, &place)).transpose()?,
            fiscal_year_start_month: month,
            purchase_date: date
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| Error::Corrupt {
                        place: place.clone(),
                        message: format!("'{d}' is not a date ({e})"),
                    })
                })
                .transpose()?,
        })
    }

    pub fn set_assumption_overrides(
        &mut self,
        request_id: RequestId,
        o: &AssumptionOverrides,
    ) -> Result<()> {
        self.request(request_id)?;
        o.apply(&self.portfolio_assumptions()?).validate()?;
        self.write()?.execute(
            "INSERT INTO request_assumptions (request_id, discount_rate, inflation, fiscal_year_start_month, purchase_date)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (request_id) DO UPDATE SET discount_rate = excluded.discount_rate, inflation = excluded.inflation,
                 fiscal_year_start_month = excluded.fiscal_year_start_month, purchase_date = excluded.purchase_date",
            params![
                request_id,
                o.discount_rate.map(|d| d.to_string()),
                o.inflation.map(|d| d.to_string()),
                o.fiscal_year_start_month,
                o.purchase_date.map(|d| d.format("%Y-%m-%d").to_string())
            ],
        )?;
        Ok(())
    }

    /// The assumptions a request's lifecycle costs use: the portfolio's, overridden by the
    /// request's own, in the request's currency.
    pub fn assumptions(&self, request_id: RequestId) -> Result<Assumptions> {
        let request = self.request(request_id)?;
        let mut a = self
            .assumption_overrides(request_id)?
            .apply(&self.portfolio_assumptions()?);
        a.currency = request.currency;
        Ok(a)
    }
}

const COST_SELECT: &str = "SELECT discount_pct, trade_in_credit, installation, it_integration, training, warranty_years,
     service_annual, service_escalation, cost_per_use, annual_uses, power_watts, hours_per_year, tariff_per_kwh,
     software_annual, staffing_annual, expected_life_years, disposal, residual_value FROM cost_model";

fn read_cost_model(r: &Row<'_>, candidate: &Candidate) -> Result<CostModel> {
    let place = format!("cost model of candidate {}", candidate.id);
    let d = |i: usize| -> Result<Decimal> {
        let text: String = r.get(i)?;
        parse_decimal(&text, &place)
    };
    Ok(CostModel {
        unit_price: candidate.unit_price.amount,
        quantity: candidate.quantity,
        discount_pct: d(0)?,
        trade_in_credit: d(1)?,
        installation: d(2)?,
        it_integration: d(3)?,
        training: d(4)?,
        warranty_years: r.get(5)?,
        service_annual: d(6)?,
        service_escalation: d(7)?,
        cost_per_use: d(8)?,
        annual_uses: d(9)?,
        power_watts: d(10)?,
        hours_per_year: d(11)?,
        tariff_per_kwh: d(12)?,
        software_annual: d(13)?,
        staffing_annual: d(14)?,
        expected_life_years: r.get(15)?,
        disposal: d(16)?,
        residual_value: d(17)?,
    })
}
