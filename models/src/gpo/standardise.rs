//! Standardisation: per device type (FDA product code), how many distinct models each
//! member runs and the group runs, and what each member's own choice costs over its life
//! against the group's best-ranked model.
//!
//! The models a member runs come from its inventory when it has assets of the product
//! code, else from its requests: the candidate its committee ranked first in each request
//! (every quoted model while a request is unranked). The group's best-ranked model of a
//! type is the one most member committees ranked first, then the highest mean score,
//! then the lowest median net unit price.
//!
//! Lifecycle cost here is nominal and undiscounted over the member's expected life `L`
//! (its own quote's cost model; the standard model's median when it has none):
//! `quantity × net unit price + quantity × service per unit and year × (L − warranty
//! years) + training + interfaces`. The member's own choice uses its own quote. The
//! standard uses the member's own quote of it in that request when there is one, else
//! the group's medians: net unit price, service per unit and year, warranty years,
//! training and interfaces (each quote's total, converted and indexed like its price).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::benchmark::{price, GroupSettings, Priced};
use super::matching::{MatchedModel, Matching};
use super::names::{model_key, product_code};
use super::stats::spread;
use super::{cents, Member, MemberQuote};
use crate::error::Result;
use crate::inventory::fda;
use crate::money::decimal_text;

/// The models one member runs of a device type.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MemberModels {
    pub member: String,
    /// "inventory" or "requests".
    pub source: String,
    pub models: Vec<String>,
}

/// The group's best-ranked model of a type.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StandardModel {
    pub key: String,
    pub label: String,
    /// Requests whose committee ranked it first.
    pub first_places: u32,
    /// Mean score over the requests that ranked it, points of 100.
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub mean_score: Option<Decimal>,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub median_price: Decimal,
}

/// One member request's own choice against the standard.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StandardCost {
    pub member: String,
    pub request: String,
    pub own_model: String,
    pub quantity: u32,
    /// `None` when neither quote states an expected life: no cost is computed.
    pub life_years: Option<u32>,
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub own_cost: Option<Decimal>,
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub standard_cost: Option<Decimal>,
    /// Standard minus own: negative when standardising saves.
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub difference: Option<Decimal>,
}

/// One device type.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TypeStandardisation {
    pub product_code: String,
    pub device_name: Option<String>,
    pub members: Vec<MemberModels>,
    /// Distinct models across the members.
    pub group_models: usize,
    pub standard: Option<StandardModel>,
    pub costs: Vec<StandardCost>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Standardisation {
    pub currency: String,
    pub types: Vec<TypeStandardisation>,
}

/// Standardisation of every product code the members quote or run.
pub fn standardise(
    members: &[Member],
    matching: &Matching,
    s: &GroupSettings,
) -> Result<Standardisation> {
    let priced = price(members, s)?;
    let mut codes: Vec<String> = matching
        .models
        .iter()
        .filter_map(|m| m.product_code.clone())
        .chain(
            members
                .iter()
                .flat_map(|m| m.installed.iter())
                .filter_map(|i| product_code(i.product_code.as_deref())),
        )
        .collect();
    codes.sort();
    codes.dedup();
    let types = codes
        .iter()
        .map(|code| one_type(members, matching, &priced, code))
        .collect();
    Ok(Standardisation {
        currency: priced.currency,
        types,
    })
}

fn one_type(
    members: &[Member],
    matching: &Matching,
    priced: &Priced,
    code: &str,
) -> TypeStandardisation {
    let of_code: Vec<&MatchedModel> = matching
        .models
        .iter()
        .filter(|m| m.product_code.as_deref() == Some(code))
        .collect();
    let mut runs = Vec::new();
    let mut all: Vec<String> = Vec::new();
    for (mi, m) in members.iter().enumerate() {
        let installed: Vec<String> = m
            .installed
            .iter()
            .filter(|i| product_code(i.product_code.as_deref()).as_deref() == Some(code))
            .map(|i| model_key(&i.manufacturer, &i.model))
            .collect();
        let (source, mut keys) = if installed.is_empty() {
            ("requests", preferred_keys(mi, &of_code, m))
        } else {
            ("inventory", installed)
        };
        keys.sort();
        keys.dedup();
        if keys.is_empty() {
            continue;
        }
        all.extend(keys.iter().cloned());
        runs.push(MemberModels {
            member: m.name.clone(),
            source: source.into(),
            models: keys.iter().map(|k| label_of(k, &of_code, m)).collect(),
        });
    }
    all.sort();
    all.dedup();
    let standard = best_ranked(members, priced, &of_code);
    let costs = match &standard {
        Some((std, model)) => costs(members, priced, matching, std, model, code),
        None => Vec::new(),
    };
    TypeStandardisation {
        product_code: code.into(),
        device_name: fda::product_code(code).map(|p| p.device_name.clone()),
        members: runs,
        group_models: all.len(),
        standard: standard.map(|(s, _)| s),
        costs,
    }
}

/// A member's models of the code from its requests: each request's first ranked, or
/// every quoted model of a request that is unranked.
fn preferred_keys(mi: usize, of_code: &[&MatchedModel], m: &Member) -> Vec<String> {
    let mut by_request: BTreeMap<&str, Vec<(&MemberQuote, &str)>> = BTreeMap::new();
    for model in of_code {
        for &(qm, qi) in &model.quotes {
            if qm == mi {
                let q = &m.quotes[qi];
                by_request
                    .entry(&q.request)
                    .or_default()
                    .push((q, &model.key));
            }
        }
    }
    by_request
        .values()
        .flat_map(|quotes| {
            let first: Vec<String> = quotes
                .iter()
                .filter(|(q, _)| q.rank == Some(1))
                .map(|(_, k)| k.to_string())
                .collect();
            if first.is_empty() {
                quotes.iter().map(|(_, k)| k.to_string()).collect()
            } else {
                first
            }
        })
        .collect()
}

/// A key's label: the matched model's, else the member's inventory spelling.
fn label_of(key: &str, of_code: &[&MatchedModel], m: &Member) -> String {
    if let Some(model) = of_code.iter().find(|x| x.key == key) {
        return model.label.clone();
    }
    m.installed
        .iter()
        .find(|i| model_key(&i.manufacturer, &i.model) == key)
        .map_or_else(
            || key.to_string(),
            |i| format!("{} {}", i.manufacturer.trim(), i.model.trim()),
        )
}

fn best_ranked<'a>(
    members: &[Member],
    priced: &Priced,
    of_code: &[&'a MatchedModel],
) -> Option<(StandardModel, &'a MatchedModel)> {
    let mut ranked: Vec<(StandardModel, &MatchedModel)> = of_code
        .iter()
        .filter_map(|m| {
            let quotes: Vec<&MemberQuote> = m
                .quotes
                .iter()
                .map(|&(a, b)| &members[a].quotes[b])
                .collect();
            let first_places = quotes.iter().filter(|q| q.rank == Some(1)).count() as u32;
            let scores: Vec<Decimal> = quotes.iter().filter_map(|q| q.score).collect();
            let mean_score = (!scores.is_empty()).then(|| {
                (scores.iter().sum::<Decimal>() / Decimal::from(scores.len())).round_dp(1)
            });
            let prices: Vec<Decimal> = m
                .quotes
                .iter()
                .map(|&(a, b)| priced.points[a][b].net_unit_price)
                .collect();
            let median_price = spread(&prices)?.median;
            Some((
                StandardModel {
                    key: m.key.clone(),
                    label: m.label.clone(),
                    first_places,
                    mean_score,
                    median_price,
                },
                *m,
            ))
        })
        .collect();
    ranked.sort_by(|(a, _), (b, _)| {
        b.first_places
            .cmp(&a.first_places)
            .then(b.mean_score.cmp(&a.mean_score))
            .then(a.median_price.cmp(&b.median_price))
            .then(a.key.cmp(&b.key))
    });
    ranked.into_iter().next()
}

/// A quote's terms in the group's currency, indexed.
struct Terms {
    net: Decimal,
    service: Decimal,
    warranty: u32,
    one_off: Decimal,
    life: Option<u32>,
}

fn terms(members: &[Member], priced: &Priced, (m, q): (usize, usize)) -> Terms {
    let p = &priced.points[m][q];
    let quote = &members[m].quotes[q];
    Terms {
        net: p.net_unit_price,
        service: p.service_per_unit,
        warranty: quote.warranty_years,
        one_off: (quote.training + quote.interfaces) * p.rate * p.index_factor,
        life: quote.expected_life_years,
    }
}

/// The group's median terms of the standard model.
fn group_terms(members: &[Member], priced: &Priced, model: &MatchedModel) -> Option<Terms> {
    let all: Vec<Terms> = model
        .quotes
        .iter()
        .map(|&i| terms(members, priced, i))
        .collect();
    let med = |f: &dyn Fn(&Terms) -> Decimal| {
        spread(&all.iter().map(f).collect::<Vec<_>>()).map(|s| s.median)
    };
    let mut warranties: Vec<u32> = all.iter().map(|t| t.warranty).collect();
    warranties.sort_unstable();
    let mut lives: Vec<u32> = all.iter().filter_map(|t| t.life).collect();
    lives.sort_unstable();
    Some(Terms {
        net: med(&|t| t.net)?,
        service: med(&|t| t.service)?,
        // The lower middle for whole years.
        warranty: warranties[(warranties.len() - 1) / 2],
        one_off: med(&|t| t.one_off)?,
        life: lives.get(lives.len().saturating_sub(1) / 2).copied(),
    })
}

fn cost(t: &Terms, quantity: u32, life: u32) -> Decimal {
    let q = Decimal::from(quantity);
    let service_years = Decimal::from(life.saturating_sub(t.warranty));
    cents(q * t.net + q * t.service * service_years + t.one_off)
}

fn costs(
    members: &[Member],
    priced: &Priced,
    matching: &Matching,
    std: &StandardModel,
    model: &MatchedModel,
    code: &str,
) -> Vec<StandardCost> {
    let group = group_terms(members, priced, model);
    let mut rows = Vec::new();
    for (mi, m) in members.iter().enumerate() {
        for (qi, q) in m.quotes.iter().enumerate() {
            let Some(own_model) = matching.model_of(mi, qi) else {
                continue;
            };
            if q.rank != Some(1) || own_model.product_code.as_deref() != Some(code) {
                continue;
            }
            let own = terms(members, priced, (mi, qi));
            let std_terms = model
                .quotes
                .iter()
                .find(|&&(a, b)| a == mi && m.quotes[b].request == q.request)
                .map(|&i| terms(members, priced, i));
            let std_terms = std_terms.as_ref().or(group.as_ref());
            let life = own.life.or(std_terms.and_then(|t| t.life));
            let (own_cost, standard_cost) = match (life, std_terms) {
                (Some(l), Some(t)) => (
                    Some(cost(&own, q.quantity, l)),
                    Some(cost(t, q.quantity, l)),
                ),
                (Some(l), None) => (Some(cost(&own, q.quantity, l)), None),
                _ => (None, None),
            };
            // A member that chose the standard keeps its own terms.
            let standard_cost = if own_model.key == std.key {
                own_cost
            } else {
                standard_cost
            };
            rows.push(StandardCost {
                member: m.name.clone(),
                request: q.request.clone(),
                own_model: own_model.label.clone(),
                quantity: q.quantity,
                life_years: life,
                difference: own_cost.zip(standard_cost).map(|(o, s)| s - o),
                own_cost,
                standard_cost,
            });
        }
    }
    rows
}
