//! The same device across members.
//!
//! Two quotes are the same model when their manufacturers and models are the same once
//! brought to one form ([`super::names`]). The FDA product code comes first: two quotes
//! of one model name with different product codes are not silently one device, the
//! analysis is refused naming both codes and their members until the analyst splits the
//! match (or a member corrects its code). A match is uncertain when the members typed the
//! names differently (`Halden Inc. A-7`, `HALDEN A7`) or one of them gave no product
//! code; the analyst confirms it, or splits it into one model per spelling. The
//! decisions are saved in the workspace by the match's key (`manufacturer|model`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::names::{model_key, product_code};
use super::Member;
use crate::error::{Error, Result};

/// The analyst's decision on an uncertain match (named apart from the committee's
/// `Decision` in TypeScript).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "MatchDecisionKind")]
pub enum Decision {
    /// The quotes are one model.
    Confirmed,
    /// Each spelling is its own model.
    Split,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatchDecision {
    /// The match's key, `manufacturer|model` in normalised form.
    pub key: String,
    pub decision: Decision,
}

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchStatus {
    /// Quoted by one member only, or every member typed it alike.
    Exact,
    /// Matched on normalised names or without a product code: to review.
    Uncertain,
    /// Uncertain, confirmed by the analyst.
    Confirmed,
    /// Split by the analyst: this is one spelling of it.
    Split,
}

/// One spelling of a model at one member.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
pub struct NameVariant {
    pub manufacturer: String,
    pub model: String,
    pub product_code: Option<String>,
    pub member: String,
}

/// A model as the group sees it: every member quote of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MatchedModel {
    /// `manufacturer|model` in normalised form; a split spelling adds `#1`, `#2`, ...
    pub key: String,
    /// Manufacturer and model as most quotes spell them.
    pub label: String,
    pub product_code: Option<String>,
    pub members: Vec<String>,
    pub status: MatchStatus,
    /// Why the match is uncertain (empty when exact).
    pub reasons: Vec<String>,
    /// The key of the analyst's decision this model follows (confirmed or split), which
    /// undoing it takes.
    pub decided: Option<String>,
    pub variants: Vec<NameVariant>,
    /// The quotes: (member index, quote index) in the members given.
    #[serde(skip)]
    #[ts(skip)]
    pub quotes: Vec<(usize, usize)>,
}

/// Every model of the group.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Matching {
    /// By key.
    pub models: Vec<MatchedModel>,
    /// Uncertain matches no decision settles.
    pub to_review: usize,
    /// Saved decisions whose key no longer matches any model.
    pub stale_decisions: Vec<String>,
}

impl Matching {
    /// The model a member's quote belongs to.
    pub fn model_of(&self, member: usize, quote: usize) -> Option<&MatchedModel> {
        self.models
            .iter()
            .find(|m| m.quotes.contains(&(member, quote)))
    }
}

fn variant(members: &[Member], (m, q): (usize, usize)) -> NameVariant {
    let quote = &members[m].quotes[q];
    NameVariant {
        manufacturer: quote.manufacturer.trim().to_string(),
        model: quote.model.trim().to_string(),
        product_code: product_code(quote.product_code.as_deref()),
        member: members[m].name.clone(),
    }
}

/// Matches every quote of `members` to a model, applying the analyst's `decisions`.
pub fn match_models(members: &[Member], decisions: &[MatchDecision]) -> Result<Matching> {
    let mut groups: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (m, member) in members.iter().enumerate() {
        for (q, quote) in member.quotes.iter().enumerate() {
            groups
                .entry(model_key(&quote.manufacturer, &quote.model))
                .or_default()
                .push((m, q));
        }
    }
    let decision = |key: &str| decisions.iter().find(|d| d.key == key).map(|d| d.decision);
    let mut models = Vec::new();
    for (key, quotes) in &groups {
        let from = models.len();
        if decision(key) == Some(Decision::Split) {
            models.extend(split(members, key, quotes));
        } else {
            models.push(one_model(members, key, quotes, decision(key))?);
        }
        if decision(key).is_some() {
            for m in &mut models[from..] {
                m.decided = Some(key.clone());
            }
        }
    }
    let stale_decisions = decisions
        .iter()
        .filter(|d| !groups.contains_key(&d.key))
        .map(|d| d.key.clone())
        .collect();
    Ok(Matching {
        to_review: models
            .iter()
            .filter(|m| m.status == MatchStatus::Uncertain)
            .count(),
        models,
        stale_decisions,
    })
}

/// The quotes of one key as one model; refused when they carry two product codes.
fn one_model(
    members: &[Member],
    key: &str,
    quotes: &[(usize, usize)],
    decision: Option<Decision>,
) -> Result<MatchedModel> {
    let variants: Vec<NameVariant> = quotes.iter().map(|&i| variant(members, i)).collect();
    let codes: BTreeSet<&str> = variants
        .iter()
        .filter_map(|v| v.product_code.as_deref())
        .collect();
    let label = most_common_label(&variants);
    if codes.len() > 1 {
        let by_code: Vec<String> = codes
            .iter()
            .map(|c| {
                let who: BTreeSet<&str> = variants
                    .iter()
                    .filter(|v| v.product_code.as_deref() == Some(*c))
                    .map(|v| v.member.as_str())
                    .collect();
                format!("{c} ({})", who.into_iter().collect::<Vec<_>>().join(", "))
            })
            .collect();
        return Err(Error::validation(
            format!("matches.{key}"),
            format!(
                "{label} is matched to two product codes: {}; correct the code in the member's portfolio, or split the match (Split on the Group purchasing page, or `caliper gpo matches --split '{key}'`)",
                by_code.join(" and ")
            ),
        ));
    }
    let mut reasons = Vec::new();
    let spellings: BTreeSet<(String, String)> = variants
        .iter()
        .map(|v| (v.manufacturer.clone(), v.model.clone()))
        .collect();
    if spellings.len() > 1 {
        let shown: Vec<String> = spellings
            .iter()
            .map(|(mf, md)| {
                let who: BTreeSet<&str> = variants
                    .iter()
                    .filter(|v| &v.manufacturer == mf && &v.model == md)
                    .map(|v| v.member.as_str())
                    .collect();
                format!(
                    "'{mf} {md}' ({})",
                    who.into_iter().collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        reasons.push(format!("spelled differently: {}", shown.join(", ")));
    }
    let product_code = codes.iter().next().map(|c| c.to_string());
    if product_code.is_some() {
        let without: BTreeSet<&str> = variants
            .iter()
            .filter(|v| v.product_code.is_none())
            .map(|v| v.member.as_str())
            .collect();
        if !without.is_empty() {
            reasons.push(format!(
                "no product code at {}",
                without.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    let status = match (reasons.is_empty(), decision) {
        (true, _) => MatchStatus::Exact,
        (false, Some(Decision::Confirmed)) => MatchStatus::Confirmed,
        (false, _) => MatchStatus::Uncertain,
    };
    Ok(built(
        members,
        key.to_string(),
        label,
        product_code,
        status,
        reasons,
        quotes,
        variants,
    ))
}

/// The quotes of one key split into one model per spelling (and product code).
fn split(members: &[Member], key: &str, quotes: &[(usize, usize)]) -> Vec<MatchedModel> {
    type Spelling = (String, String, Option<String>);
    let mut spellings: BTreeMap<Spelling, Vec<(usize, usize)>> = BTreeMap::new();
    for &i in quotes {
        let v = variant(members, i);
        spellings
            .entry((v.manufacturer, v.model, v.product_code))
            .or_default()
            .push(i);
    }
    spellings
        .into_iter()
        .enumerate()
        .map(|(n, ((mf, md, code), quotes))| {
            let variants = quotes.iter().map(|&i| variant(members, i)).collect();
            built(
                members,
                format!("{key}#{}", n + 1),
                format!("{mf} {md}"),
                code,
                MatchStatus::Split,
                Vec::new(),
                &quotes,
                variants,
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)] // the parts of a model, named
fn built(
    members: &[Member],
    key: String,
    label: String,
    product_code: Option<String>,
    status: MatchStatus,
    reasons: Vec<String>,
    quotes: &[(usize, usize)],
    variants: Vec<NameVariant>,
) -> MatchedModel {
    let mut idx: Vec<usize> = quotes.iter().map(|(m, _)| *m).collect();
    idx.sort_unstable();
    idx.dedup();
    let mut variants = variants;
    variants.sort();
    variants.dedup();
    MatchedModel {
        key,
        label,
        product_code,
        members: idx.into_iter().map(|m| members[m].name.clone()).collect(),
        status,
        reasons,
        decided: None,
        variants,
        quotes: quotes.to_vec(),
    }
}

/// The spelling most quotes use (on a tie, the one met first, in the members' order).
fn most_common_label(variants: &[NameVariant]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in variants {
        let label = format!("{} {}", v.manufacturer, v.model);
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(l, _)| l)
        .unwrap_or_default()
}
