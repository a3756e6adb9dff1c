//! Aggregate demand: what the members ask for, per model and fiscal year, with what their
//! committees thought of it.
//!
//! Per model and fiscal year: the units quoted to every member (a request quoted for
//! several models counts its units under each model: these are options, not orders), and
//! for each member request its committee's rank, score and, for the first ranked, its
//! lead in points over the second. Per product code and fiscal year: the units the
//! members' requests ask for, each request counted once.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::matching::Matching;
use super::names::product_code;
use super::Member;
use crate::money::decimal_text;

/// One member request's view of a model.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Preference {
    pub member: String,
    pub request: String,
    pub quantity: u32,
    pub rank: Option<u32>,
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub score: Option<Decimal>,
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub lead: Option<Decimal>,
}

impl Preference {
    /// `St Mary #2, 50.0, +25.0`: the member, its committee's rank, score and lead, as the
    /// brief, the CLI and the window print it.
    pub fn text(&self) -> String {
        let rank = self
            .rank
            .map_or_else(|| "unranked".into(), |r| format!("#{r}"));
        let score = self.score.map(|s| format!(", {s}")).unwrap_or_default();
        let lead = self.lead.map(|l| format!(", +{l}")).unwrap_or_default();
        format!("{} {rank}{score}{lead}", self.member)
    }
}

/// A model's demand in one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ModelDemand {
    pub key: String,
    pub label: String,
    pub product_code: Option<String>,
    pub fiscal_year: i32,
    /// Units quoted across members.
    pub quantity: u32,
    /// Member requests whose committee ranked it first.
    pub first_places: u32,
    pub preferences: Vec<Preference>,
}

/// A device type's demand in one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TypeDemand {
    pub product_code: String,
    pub fiscal_year: i32,
    /// Units the members' requests ask for.
    pub requested_quantity: u32,
    pub requests: u32,
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Demand {
    /// By fiscal year, then most first places, then units.
    pub models: Vec<ModelDemand>,
    pub types: Vec<TypeDemand>,
}

/// The members' demand per model and per product code, by fiscal year.
pub fn demand(members: &[Member], matching: &Matching) -> Demand {
    let mut models = Vec::new();
    for m in &matching.models {
        let mut by_year: BTreeMap<i32, Vec<Preference>> = BTreeMap::new();
        for &(mi, qi) in &m.quotes {
            let q = &members[mi].quotes[qi];
            by_year.entry(q.fiscal_year).or_default().push(Preference {
                member: members[mi].name.clone(),
                request: q.request.clone(),
                quantity: q.quantity,
                rank: q.rank,
                score: q.score,
                lead: q.lead,
            });
        }
        for (fiscal_year, preferences) in by_year {
            models.push(ModelDemand {
                key: m.key.clone(),
                label: m.label.clone(),
                product_code: m.product_code.clone(),
                fiscal_year,
                quantity: preferences.iter().map(|p| p.quantity).sum(),
                first_places: preferences.iter().filter(|p| p.rank == Some(1)).count() as u32,
                preferences,
            });
        }
    }
    models.sort_by(|a, b| {
        (
            a.fiscal_year,
            std::cmp::Reverse(a.first_places),
            std::cmp::Reverse(a.quantity),
            &a.key,
        )
            .cmp(&(
                b.fiscal_year,
                std::cmp::Reverse(b.first_places),
                std::cmp::Reverse(b.quantity),
                &b.key,
            ))
    });
    /// Units, requests, members, and the (member, request) pairs counted.
    type Tally = (u32, u32, Vec<String>, Vec<(String, String)>);
    let mut types: BTreeMap<(String, i32), Tally> = BTreeMap::new();
    for member in members {
        for q in &member.quotes {
            let Some(code) = product_code(q.product_code.as_deref()) else {
                continue;
            };
            let t = types.entry((code, q.fiscal_year)).or_default();
            let request = (member.name.clone(), q.request.clone());
            if !t.3.contains(&request) {
                t.3.push(request);
                t.0 += q.requested_quantity;
                t.1 += 1;
                if !t.2.contains(&member.name) {
                    t.2.push(member.name.clone());
                }
            }
        }
    }
    Demand {
        models,
        types: types
            .into_iter()
            .map(
                |((product_code, fiscal_year), (q, n, members, _))| TypeDemand {
                    product_code,
                    fiscal_year,
                    requested_quantity: q,
                    requests: n,
                    members,
                },
            )
            .collect(),
    }
}
