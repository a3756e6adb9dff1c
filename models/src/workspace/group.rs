//! The group analysis assembled once, for the `caliper gpo` commands and the app's Group
//! view: the member files named and read, the settings the prices are compared under, the
//! models matched with the analyst's decisions, and the decisions recorded in the
//! workspace after their keys are checked against the members.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{read_members, write_workspace, MemberFile, MemberSource, SourceKind, Workspace};
use crate::error::{Error, Result};
use crate::gpo::names::model_key;
use crate::gpo::{
    match_models, Currencies, GroupSettings, MatchDecision, Matching, Member, PriceIndex, Rate,
};

/// The members read and matched, and what the analysis is computed against.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub members: Vec<Member>,
    pub files: Vec<MemberFile>,
    pub matching: Matching,
    pub settings: GroupSettings,
}

/// Reads the member files (read-only) and matches their models under `decisions`.
pub fn load_group(
    sources: &[MemberSource],
    decisions: &[MatchDecision],
    settings: GroupSettings,
) -> Result<Group> {
    let (members, files) = read_members(sources, settings.as_of)?;
    let matching = match_models(&members, decisions)?;
    Ok(Group {
        members,
        files,
        matching,
        settings,
    })
}

/// The member files: the workspace's (resolved against its folder), then `given`; each
/// `(NAME, PATH)` of `named` names the file at PATH (by path or canonical path), or adds
/// PATH as a portfolio when no file is there.
pub fn group_sources(
    workspace: Option<(&Path, &Workspace)>,
    given: Vec<MemberSource>,
    named: &[(String, PathBuf)],
) -> Vec<MemberSource> {
    let mut sources = workspace.map_or_else(Vec::new, |(path, w)| w.resolved_members(path));
    sources.extend(given);
    for (name, path) in named {
        let same = |s: &MemberSource| {
            s.path == *path
                || std::fs::canonicalize(&s.path).ok() == std::fs::canonicalize(path).ok()
        };
        match sources.iter_mut().find(|s| same(s)) {
            Some(s) => s.name = Some(name.clone()),
            None => sources.push(MemberSource {
                name: Some(name.clone()),
                path: path.clone(),
                kind: SourceKind::Portfolio,
            }),
        }
    }
    sources
}

/// The settings of the analysis as of `as_of`: an index by yearly rate (a fraction, 0.03
/// is 3 %) or by values, else none; the group's currency and the stated rates.
pub fn group_settings(
    as_of: NaiveDate,
    index_rate: Option<Decimal>,
    index_values: &[(i32, Decimal)],
    currency: Option<String>,
    rates: &[(String, Decimal)],
) -> GroupSettings {
    let index = match (index_rate, index_values.is_empty()) {
        (Some(r), _) => PriceIndex::YearlyRate(r),
        (None, false) => {
            PriceIndex::Values(index_values.iter().copied().collect::<BTreeMap<_, _>>())
        }
        (None, true) => PriceIndex::None,
    };
    GroupSettings {
        as_of,
        index,
        currencies: Currencies {
            group: currency,
            rates: rates
                .iter()
                .map(|(currency, rate)| Rate {
                    currency: currency.clone(),
                    rate: *rate,
                })
                .collect(),
        },
    }
}

fn split_eq<'a>(field: &str, text: &'a str, form: &str) -> Result<(&'a str, &'a str)> {
    text.split_once('=')
        .map(|(a, b)| (a.trim(), b.trim()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| Error::validation(field, format!("'{text}' is not of the form {form}")))
}

fn decimal(field: &str, text: &str) -> Result<Decimal> {
    text.trim()
        .parse()
        .map_err(|_| Error::validation(field, format!("'{text}' is not a decimal number")))
}

/// `NAME=PATH`: a member's name for a file.
pub fn parse_member(text: &str) -> Result<(String, PathBuf)> {
    let (n, p) = split_eq("member", text, "NAME=PATH")?;
    Ok((n.to_string(), PathBuf::from(p)))
}

/// `YEAR=VALUE`: a price index value of a calendar year, above 0.
pub fn parse_index_value(text: &str) -> Result<(i32, Decimal)> {
    let (y, v) = split_eq("index-value", text, "YEAR=VALUE")?;
    let year = y
        .parse()
        .map_err(|_| Error::validation("index-value", format!("'{y}' is not a year")))?;
    let value = decimal("index-value", v)?;
    if value <= Decimal::ZERO {
        return Err(Error::validation(
            "index-value",
            format!("{text}: an index value must be above 0"),
        ));
    }
    Ok((year, value))
}

/// `CODE=RATE`: one unit of the currency CODE is RATE of the group's currency.
pub fn parse_rate(text: &str) -> Result<(String, Decimal)> {
    let (c, r) = split_eq("rate", text, "CODE=RATE (e.g. EUR=1.08)")?;
    let rate = decimal("rate", r)?;
    if rate <= Decimal::ZERO || c.len() != 3 || !c.chars().all(|x| x.is_ascii_alphabetic()) {
        return Err(Error::validation(
            "rate",
            format!("'{text}': a three-letter currency code and a rate above 0"),
        ));
    }
    Ok((c.to_ascii_uppercase(), rate))
}

/// Refuses a decision whose key is the key of no model the members quote.
pub fn check_decision_keys(members: &[Member], decisions: &[MatchDecision]) -> Result<()> {
    let keys: Vec<String> = members
        .iter()
        .flat_map(|m| {
            m.quotes
                .iter()
                .map(|q| model_key(&q.manufacturer, &q.model))
        })
        .collect();
    for d in decisions {
        if !keys.contains(&d.key) {
            return Err(Error::validation(
                "key",
                format!(
                    "'{}' is not the key of a match (see `caliper gpo matches`); nothing was saved",
                    d.key
                ),
            ));
        }
    }
    Ok(())
}

/// Records `decisions` in the workspace `w` read from `path`, once every member of
/// `sources` reads and every key is a model's; `listed` member files are added to the
/// workspace's list. Nothing is written when any of this is refused.
pub fn record_decisions(
    path: &Path,
    mut w: Workspace,
    sources: &[MemberSource],
    decisions: Vec<MatchDecision>,
    as_of: NaiveDate,
    listed: &[MemberSource],
) -> Result<Workspace> {
    let (members, _) = read_members(sources, as_of)?;
    check_decision_keys(&members, &decisions)?;
    for s in listed {
        w.add_member_file(path, s.clone());
    }
    for d in decisions {
        w.decide(d);
    }
    write_workspace(path, &w)?;
    Ok(w)
}
