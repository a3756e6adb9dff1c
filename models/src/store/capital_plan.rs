//! The capital plan's records: budgets per fiscal year, each request's priority parts and
//! price of deferral, the links between requests, the committee's priority weights; and
//! the inputs of a portfolio's plan.

use rusqlite::{params, OptionalExtension};
use rust_decimal::Decimal;

use super::{parse_decimal, Portfolio};
use crate::assessment::{assess, request_lifecycle};
use crate::capital::{
    Deferral, LinkKind, Mandatory, PlanCandidate, PlanRequest, PortfolioPlanInputs, PriorityParts,
    PriorityWeights, RequestLink, Scenario, StoredBudget,
};
use crate::error::{Error, Result};
use crate::ids::{FacilityId, RequestId};
use crate::money::check_amount;

const WEIGHTS_KEY: &str = "plan.priority_weights";
const LOSS_KEY: &str = "plan.deferral_loss_pct";

/// A request's plan settings as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct RequestPlanInfo {
    pub request_id: RequestId,
    pub parts: PriorityParts,
    pub mandatory: Option<Mandatory>,
    pub deferral: Deferral,
}

fn mandatory_text(m: Option<Mandatory>) -> Option<&'static str> {
    m.map(|m| match m {
        Mandatory::Regulatory => "regulatory",
        Mandatory::Recall => "recall",
        Mandatory::EndOfSupport => "end_of_support",
    })
}

fn mandatory_of(text: Option<String>) -> Option<Mandatory> {
    match text.as_deref() {
        Some("regulatory") => Some(Mandatory::Regulatory),
        Some("recall") => Some(Mandatory::Recall),
        Some("end_of_support") => Some(Mandatory::EndOfSupport),
        _ => None,
    }
}

impl Portfolio {
    /// Sets (or replaces) a fiscal year's capital budget, system-wide or a facility's, and
    /// optionally its operating budget.
    pub fn set_budget(
        &mut self,
        fiscal_year: i32,
        facility_id: Option<FacilityId>,
        capital: Decimal,
        operating: Option<Decimal>,
    ) -> Result<StoredBudget> {
        if !(1900..=2200).contains(&fiscal_year) {
            return Err(Error::validation(
                "fiscal_year",
                format!("{fiscal_year} is not a fiscal year"),
            ));
        }
        let capital = check_amount("capital", capital)?;
        let operating = operating
            .map(|o| check_amount("operating", o))
            .transpose()?;
        if let Some(f) = facility_id {
            self.exists("facility", f)?;
        }
        self.write()?.execute(
            "INSERT INTO budget (fiscal_year, facility_id, capital, operating) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (fiscal_year, coalesce(facility_id, 0)) DO UPDATE SET capital = excluded.capital, operating = excluded.operating",
            params![fiscal_year, facility_id, capital.to_string(), operating.map(|o| o.to_string())],
        )?;
        self.budgets()?
            .into_iter()
            .find(|b| b.fiscal_year == fiscal_year && b.facility_id == facility_id)
            .ok_or_else(|| Error::not_found("budget", fiscal_year))
    }

    /// Removes a fiscal year's budget (system-wide, or a facility's).
    pub fn remove_budget(
        &mut self,
        fiscal_year: i32,
        facility_id: Option<FacilityId>,
    ) -> Result<()> {
        let removed = self.write()?.execute(
            "DELETE FROM budget WHERE fiscal_year = ?1 AND coalesce(facility_id, 0) = coalesce(?2, 0)",
            params![fiscal_year, facility_id],
        )?;
        if removed == 0 {
            return Err(Error::not_found("budget", format!("FY{fiscal_year}")));
        }
        Ok(())
    }

    /// Every stored budget, by fiscal year, the system-wide one first.
    pub fn budgets(&self) -> Result<Vec<StoredBudget>> {
        let mut st = self.conn.prepare(
            "SELECT b.fiscal_year, b.facility_id, f.name, b.capital, b.operating
             FROM budget b LEFT JOIN facility f ON f.id = b.facility_id
             ORDER BY b.fiscal_year, b.facility_id IS NOT NULL, f.name",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get::<_, Option<FacilityId>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (fiscal_year, facility_id, facility, capital, operating) = row?;
            let place = format!("budget FY{fiscal_year}");
            out.push(StoredBudget {
                fiscal_year,
                facility_id,
                facility,
                capital: parse_decimal(&capital, &place)?,
                operating: operating.map(|o| parse_decimal(&o, &place)).transpose()?,
            });
        }
        Ok(out)
    }

    /// A request's priority parts, mandatory reason and price of deferral (defaults when
    /// none are stored).
    pub fn request_plan_info(&self, request_id: RequestId) -> Result<RequestPlanInfo> {
        self.request(request_id)?;
        let row = self
            .conn
            .query_row(
                "SELECT clinical_need, risk, strategic_fit, committee, mandatory, deferral_premium_pct, deferral_maintenance
                 FROM request_plan WHERE request_id = ?1",
                [request_id],
                |r| {
                    Ok((
                        PriorityParts {
                            clinical_need: r.get(0)?,
                            risk: r.get(1)?,
                            strategic_fit: r.get(2)?,
                            committee: r.get(3)?,
                        },
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                    ))
                },
            )
            .optional()?;
        Ok(match row {
            None => RequestPlanInfo {
                request_id,
                parts: PriorityParts::default(),
                mandatory: None,
                deferral: Deferral::default(),
            },
            Some((parts, mandatory, premium, maintenance)) => {
                let place = format!("request {request_id} plan");
                RequestPlanInfo {
                    request_id,
                    parts,
                    mandatory: mandatory_of(mandatory),
                    deferral: Deferral {
                        premium_pct: parse_decimal(&premium, &place)?,
                        maintenance_per_year: parse_decimal(&maintenance, &place)?,
                    },
                }
            }
        })
    }

    /// Saves a request's priority parts, mandatory reason and price of deferral.
    pub fn set_request_plan_info(&mut self, info: &RequestPlanInfo) -> Result<RequestPlanInfo> {
        self.request(info.request_id)?;
        info.parts.check()?;
        check_amount("deferral.premium_pct", info.deferral.premium_pct)?;
        if info.deferral.premium_pct > Decimal::from(100) {
            return Err(Error::validation(
                "deferral.premium_pct",
                format!("{}% is more than 100 %", info.deferral.premium_pct),
            ));
        }
        check_amount(
            "deferral.maintenance_per_year",
            info.deferral.maintenance_per_year,
        )?;
        let p = &info.parts;
        self.write()?.execute(
            "INSERT INTO request_plan (request_id, clinical_need, risk, strategic_fit, committee, mandatory, deferral_premium_pct, deferral_maintenance)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (request_id) DO UPDATE SET clinical_need = excluded.clinical_need, risk = excluded.risk,
               strategic_fit = excluded.strategic_fit, committee = excluded.committee, mandatory = excluded.mandatory,
               deferral_premium_pct = excluded.deferral_premium_pct, deferral_maintenance = excluded.deferral_maintenance",
            params![
                info.request_id,
                p.clinical_need,
                p.risk,
                p.strategic_fit,
                p.committee,
                mandatory_text(info.mandatory),
                info.deferral.premium_pct.to_string(),
                info.deferral.maintenance_per_year.to_string()
            ],
        )?;
        self.request_plan_info(info.request_id)
    }

    /// Links two requests ("needs" or "excludes"); a link that would make a request need
    /// itself through others is refused naming the cycle.
    pub fn add_request_link(&mut self, link: RequestLink) -> Result<()> {
        self.request(link.request_id)?;
        self.request(link.other_id)?;
        if link.request_id == link.other_id {
            return Err(Error::validation(
                "other",
                format!("request {} cannot be linked to itself", link.request_id),
            ));
        }
        if link.kind == LinkKind::Requires {
            let links = self.request_links()?;
            if let Some(path) = requires_path(&links, link.other_id, link.request_id) {
                let cycle: Vec<String> = std::iter::once(link.request_id)
                    .chain(path)
                    .map(|id| id.to_string())
                    .collect();
                return Err(Error::validation(
                    "other",
                    format!(
                        "the requests would need each other in a circle: {}",
                        cycle.join(" → ")
                    ),
                ));
            }
        }
        let kind = match link.kind {
            LinkKind::Requires => "requires",
            LinkKind::Excludes => "excludes",
        };
        self.write()?.execute(
            "INSERT OR IGNORE INTO request_link (request_id, other_id, kind) VALUES (?1, ?2, ?3)",
            params![link.request_id, link.other_id, kind],
        )?;
        Ok(())
    }

    pub fn remove_request_link(&mut self, link: RequestLink) -> Result<()> {
        let kind = match link.kind {
            LinkKind::Requires => "requires",
            LinkKind::Excludes => "excludes",
        };
        self.write()?.execute(
            "DELETE FROM request_link WHERE request_id = ?1 AND other_id = ?2 AND kind = ?3",
            params![link.request_id, link.other_id, kind],
        )?;
        Ok(())
    }

    pub fn request_links(&self) -> Result<Vec<RequestLink>> {
        let mut st = self
            .conn
            .prepare("SELECT request_id, other_id, kind FROM request_link ORDER BY request_id, other_id, kind")?;
        let rows = st.query_map([], |r| {
            Ok(RequestLink {
                request_id: r.get(0)?,
                other_id: r.get(1)?,
                kind: if r.get::<_, String>(2)? == "requires" {
                    LinkKind::Requires
                } else {
                    LinkKind::Excludes
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The committee's priority weights and the value a year's delay forgoes (percent).
    pub fn plan_settings(&self) -> Result<(PriorityWeights, u32)> {
        let weights = match self.setting(WEIGHTS_KEY)? {
            Some(text) => serde_json::from_str(&text).map_err(|e| Error::Corrupt {
                place: WEIGHTS_KEY.into(),
                message: e.to_string(),
            })?,
            None => PriorityWeights::default(),
        };
        let loss = match self.setting(LOSS_KEY)? {
            Some(text) => text.parse().map_err(|_| Error::Corrupt {
                place: LOSS_KEY.into(),
                message: format!("'{text}' is not a percentage"),
            })?,
            None => 10,
        };
        Ok((weights, loss))
    }

    pub fn set_plan_settings(
        &mut self,
        weights: &PriorityWeights,
        deferral_loss_pct: u32,
    ) -> Result<()> {
        weights.check()?;
        if deferral_loss_pct > 100 {
            return Err(Error::validation(
                "deferral_loss_pct",
                format!("{deferral_loss_pct}% is more than 100 %"),
            ));
        }
        let text = serde_json::to_string(weights).map_err(|e| Error::Internal {
            message: e.to_string(),
        })?;
        self.in_one_transaction(|p| {
            p.set_setting(WEIGHTS_KEY, &text)?;
            p.set_setting(LOSS_KEY, &deferral_loss_pct.to_string())
        })
    }

    /// Everything a portfolio's plan is built from (each request's assessment is read in
    /// one snapshot of its own, as the ranking reads it).
    pub fn plan_inputs(&self) -> Result<PortfolioPlanInputs> {
        let departments = self.departments()?;
        let mut requests = Vec::new();
        for summary in self.requests()? {
            let id = summary.request.id;
            let info = self.request_plan_info(id)?;
            let inputs = self.assessment_inputs(id)?;
            let (candidates, problem) = match assess(&inputs) {
                Err(e) => (Vec::new(), Some(format!("it cannot be ranked: {e}"))),
                Ok(ranking) => {
                    let lifecycle = request_lifecycle(&inputs);
                    let candidates: Vec<PlanCandidate> = ranking
                        .candidates
                        .iter()
                        .filter_map(|c| {
                            let score = c.score?;
                            let lc = lifecycle
                                .candidates
                                .iter()
                                .find(|l| l.candidate_id == c.candidate_id)
                                .and_then(|l| l.lifecycle.as_ref());
                            let capital = match lc {
                                Some(lc)
                                    if lc
                                        .fiscal_years
                                        .iter()
                                        .any(|f| f.capital > Decimal::ZERO) =>
                                {
                                    lc.fiscal_years
                                        .iter()
                                        .filter(|f| f.capital > Decimal::ZERO)
                                        .map(|f| (f.fiscal_year, f.capital))
                                        .collect()
                                }
                                Some(lc) => vec![(summary.request.fiscal_year, lc.capital)],
                                None => vec![(summary.request.fiscal_year, c.quoted_total.amount)],
                            };
                            let target = summary.request.fiscal_year;
                            let operating = match lc {
                                Some(lc) if !lc.fiscal_years.is_empty() => lc
                                    .fiscal_years
                                    .iter()
                                    .filter(|f| f.operating > Decimal::ZERO)
                                    .map(|f| (f.fiscal_year, f.operating))
                                    .collect(),
                                // Year 0 is capital, later years operating (as by fiscal year).
                                Some(lc) => lc
                                    .schedule
                                    .iter()
                                    .filter(|y| y.year > 0 && y.total > Decimal::ZERO)
                                    .map(|y| (target + y.year as i32, y.total))
                                    .collect(),
                                None => Vec::new(),
                            };
                            Some(PlanCandidate {
                                candidate_id: c.candidate_id,
                                label: c.label.clone(),
                                rank: c.rank,
                                score,
                                capital,
                                operating,
                            })
                        })
                        .collect();
                    let problem = candidates
                        .is_empty()
                        .then(|| "no candidate is ranked yet".to_string());
                    (candidates, problem)
                }
            };
            let facility_id = departments
                .iter()
                .find(|d| d.id == summary.request.department_id)
                .map(|d| d.facility_id)
                .ok_or_else(|| Error::not_found("department", summary.request.department_id))?;
            requests.push(PlanRequest {
                decision: self.latest_decision(id)?,
                forced_in: false,
                request: summary.request,
                facility_id,
                facility: summary.facility,
                parts: info.parts,
                mandatory: info.mandatory,
                deferral: info.deferral,
                candidates,
                problem,
            });
        }
        let (weights, deferral_loss_pct) = self.plan_settings()?;
        let inputs = PortfolioPlanInputs {
            currency: self.portfolio_assumptions()?.currency,
            requests,
            budgets: self.budgets()?,
            links: self.request_links()?,
            weights,
            deferral_loss_pct,
        };
        Ok(inputs)
    }
}

/// A chain of "needs" links from `from` to `to`, if there is one (ids after `from`).
fn requires_path(links: &[RequestLink], from: RequestId, to: RequestId) -> Option<Vec<RequestId>> {
    let mut stack = vec![(from, vec![from])];
    let mut seen = vec![from];
    while let Some((at, path)) = stack.pop() {
        if at == to {
            return Some(path);
        }
        for l in links
            .iter()
            .filter(|l| l.kind == LinkKind::Requires && l.request_id == at)
        {
            if !seen.contains(&l.other_id) {
                seen.push(l.other_id);
                let mut next = path.clone();
                next.push(l.other_id);
                stack.push((l.other_id, next));
            }
        }
    }
    None
}

impl Portfolio {
    /// Saves a new scenario (names are unique); returns it with its id.
    pub fn add_scenario(&mut self, scenario: &Scenario) -> Result<Scenario> {
        scenario.check()?;
        for id in scenario.forced_in.iter().chain(&scenario.forced_out) {
            self.request(*id)?;
        }
        let ids = |v: &[RequestId]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
        let weights = scenario
            .weights
            .map(|w| serde_json::to_string(&w).unwrap_or_default());
        let name = scenario.name.trim().to_string();
        self.write()?
            .execute(
                "INSERT INTO plan_scenario (name, budget_change_pct, forced_in, forced_out, weights) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    name,
                    scenario.budget_change_pct.to_string(),
                    ids(&scenario.forced_in),
                    ids(&scenario.forced_out),
                    weights
                ],
            )
            .map_err(|e| super::unique_to_conflict(e, "name", &format!("a scenario named '{name}' exists")))?;
        let id = self.conn.last_insert_rowid() as u32;
        self.scenarios()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::not_found("scenario", id))
    }

    pub fn remove_scenario(&mut self, id: u32) -> Result<()> {
        let removed = self
            .write()?
            .execute("DELETE FROM plan_scenario WHERE id = ?1", [id])?;
        if removed == 0 {
            return Err(Error::not_found("scenario", id));
        }
        Ok(())
    }

    /// The saved scenarios, oldest first (the base plan is not stored).
    pub fn scenarios(&self) -> Result<Vec<Scenario>> {
        let mut st = self.conn.prepare(
            "SELECT id, name, budget_change_pct, forced_in, forced_out, weights FROM plan_scenario ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, pct, forced_in, forced_out, weights) = row?;
            let place = format!("scenario {id}");
            let corrupt = |e: serde_json::Error| Error::Corrupt {
                place: place.clone(),
                message: e.to_string(),
            };
            out.push(Scenario {
                id,
                name,
                budget_change_pct: parse_decimal(&pct, &place)?,
                forced_in: serde_json::from_str(&forced_in).map_err(corrupt)?,
                forced_out: serde_json::from_str(&forced_out).map_err(corrupt)?,
                weights: weights
                    .map(|w| serde_json::from_str(&w).map_err(corrupt))
                    .transpose()?,
            });
        }
        Ok(out)
    }
}
