//! Reading the member files into [`Member`]s, read-only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::{MemberSource, SourceKind};
use crate::document::RequestDocument;
use crate::error::{from_json, Error, Result};
use crate::gpo::{InstalledModel, Member, MemberQuote};
use crate::store::Portfolio;

/// The largest request package read.
const MAX_PACKAGE_BYTES: u64 = 64 * 1024 * 1024;

/// A member file as read: where, its content's SHA-256, and the member it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberFile {
    pub path: PathBuf,
    /// Hex SHA-256 of the file's bytes when read.
    pub sha256: String,
    pub member: String,
}

/// Reads every member file; packages of one member are merged into it. Refused: a file
/// given twice (same canonical path or same content), a file that is not a portfolio or
/// a package, a newer schema or package version, two portfolios with one member name.
pub fn read_members(
    sources: &[MemberSource],
    as_of: NaiveDate,
) -> Result<(Vec<Member>, Vec<MemberFile>)> {
    let mut files: Vec<MemberFile> = Vec::new();
    let mut canon: Vec<PathBuf> = Vec::new();
    let mut members: Vec<Member> = Vec::new();
    let mut portfolios: Vec<String> = Vec::new();
    for s in sources {
        let bytes = std::fs::read(&s.path).map_err(|e| Error::io(&s.path, e))?;
        let sha256 = hex(&Sha256::digest(&bytes));
        let c = std::fs::canonicalize(&s.path).map_err(|e| Error::io(&s.path, e))?;
        if let Some(i) = canon.iter().position(|p| *p == c) {
            return Err(same_file(&s.path, &files[i].path, "it is the same file"));
        }
        if let Some(f) = files.iter().find(|f| f.sha256 == sha256) {
            return Err(same_file(&s.path, &f.path, "it has the same content"));
        }
        let member = match s.kind {
            SourceKind::Portfolio => read_portfolio(&s.path, s.name.as_deref(), as_of)?,
            SourceKind::Package => read_package(&s.path, &bytes, s.name.as_deref(), as_of)?,
        };
        if s.kind == SourceKind::Portfolio {
            if portfolios.contains(&member.name) || members.iter().any(|m| m.name == member.name) {
                return Err(Error::validation(
                    "member",
                    format!(
                        "{}: a member named '{}' is given already; name each member with --member NAME=PATH",
                        s.path.display(),
                        member.name
                    ),
                ));
            }
            portfolios.push(member.name.clone());
        } else if portfolios.contains(&member.name) {
            return Err(Error::validation(
                "member",
                format!(
                    "{}: '{}' is a member read from a portfolio; a package of it would count its quotes twice",
                    s.path.display(),
                    member.name
                ),
            ));
        }
        files.push(MemberFile {
            path: s.path.clone(),
            sha256,
            member: member.name.clone(),
        });
        canon.push(c);
        match members.iter_mut().find(|m| m.name == member.name) {
            Some(m) => {
                m.source = format!("{}, {}", m.source, member.source);
                m.quotes.extend(member.quotes);
            }
            None => members.push(member),
        }
    }
    if members.is_empty() {
        return Err(Error::validation(
            "portfolio",
            "no member: give member portfolios with --portfolio, request packages with --package, or a workspace that lists them",
        ));
    }
    Ok((members, files))
}

/// Checks that every member file still has the content it had when read: a file changed
/// meanwhile (by its hospital's Caliper, say) is reported, as the figures would mix two
/// states of it. Caliper itself never writes a member file.
pub fn check_unchanged(files: &[MemberFile]) -> Result<()> {
    for f in files {
        let bytes = std::fs::read(&f.path).map_err(|e| Error::io(&f.path, e))?;
        if hex(&Sha256::digest(&bytes)) != f.sha256 {
            return Err(Error::Conflict {
                field: "member".into(),
                message: format!(
                    "{} changed while the analysis read it; run the command again",
                    f.path.display()
                ),
            });
        }
    }
    Ok(())
}

fn same_file(path: &Path, earlier: &Path, why: &str) -> Error {
    Error::validation(
        "member",
        format!(
            "{} is added twice: {why} as {}",
            path.display(),
            earlier.display()
        ),
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A portfolio, opened read-only: its requests' quotes and rankings, its installed base.
fn read_portfolio(path: &Path, name: Option<&str>, as_of: NaiveDate) -> Result<Member> {
    let p = Portfolio::open_read_only(path)?;
    let name = match name {
        Some(n) => n.trim().to_string(),
        None => {
            let facilities = p.facilities()?;
            match facilities.as_slice() {
                [only] => only.name.clone(),
                _ => p.info()?.name,
            }
        }
    };
    let mut member = member_of(&p, name, path, as_of)?;
    let mut installed: BTreeMap<(String, String, Option<String>), u32> = BTreeMap::new();
    for a in p.assets()? {
        if let (Some(mf), Some(md)) = (&a.manufacturer, &a.model) {
            *installed
                .entry((mf.clone(), md.clone(), a.product_code.clone()))
                .or_default() += 1;
        }
    }
    member.installed = installed
        .into_iter()
        .map(
            |((manufacturer, model, product_code), units)| InstalledModel {
                manufacturer,
                model,
                product_code,
                units,
            },
        )
        .collect();
    Ok(member)
}

/// A request package, checked and imported into a portfolio in memory.
fn read_package(path: &Path, bytes: &[u8], name: Option<&str>, as_of: NaiveDate) -> Result<Member> {
    if bytes.len() as u64 > MAX_PACKAGE_BYTES {
        return Err(Error::validation(
            "package",
            format!(
                "{} is larger than 64 MiB, the limit for a request package",
                path.display()
            ),
        ));
    }
    let shown = path.display().to_string();
    let text = std::str::from_utf8(bytes).map_err(|_| Error::Parse {
        location: shown.clone(),
        message: "not a request package: the file is not UTF-8 JSON".into(),
    })?;
    let doc: RequestDocument = from_json(&shown, text)?;
    doc.validate().map_err(|e| e.within(&shown))?;
    let mut p = Portfolio::in_memory()?;
    p.import_request(&doc).map_err(|e| e.within(&shown))?;
    let name = name.map_or_else(
        || doc.request.facility.trim().to_string(),
        |n| n.trim().to_string(),
    );
    member_of(&p, name, path, as_of)
}

/// Every request's candidates as quotes, with their cost models and the ranking.
fn member_of(p: &Portfolio, name: String, path: &Path, as_of: NaiveDate) -> Result<Member> {
    let mut quotes = Vec::new();
    for r in p.requests()? {
        let request = &r.request;
        let models: BTreeMap<_, _> = p.cost_models(request.id)?.into_iter().collect();
        // A request that cannot be ranked yet (no weights, no scores) still has prices.
        let ranking = p.ranking_as_of(request.id, as_of).ok();
        let shown = |id| {
            ranking.as_ref().and_then(|rk| {
                rk.candidates
                    .iter()
                    .find(|c| c.candidate_id == id)
                    .map(|c| {
                        (
                            c.rank,
                            c.score_shown
                                .as_deref()
                                .and_then(|s| Decimal::from_str(s).ok()),
                        )
                    })
            })
        };
        let second = ranking.as_ref().and_then(|rk| {
            rk.candidates
                .iter()
                .find(|c| c.rank == Some(2))
                .and_then(|c| c.score_shown.as_deref())
                .and_then(|s| Decimal::from_str(s).ok())
        });
        for c in p.candidates(request.id)? {
            let model = models.get(&c.id);
            let (rank, score) = shown(c.id).unwrap_or((None, None));
            let zero = Decimal::ZERO;
            quotes.push(MemberQuote {
                request: request.title.clone(),
                fiscal_year: request.fiscal_year,
                requested_quantity: request.quantity,
                manufacturer: c.manufacturer.clone(),
                model: c.model.clone(),
                product_code: c.fda_product_code.clone(),
                currency: request.currency.as_str().to_string(),
                unit_price: c.unit_price.amount,
                quantity: c.quantity,
                discount_pct: model.map_or(zero, |m| m.discount_pct),
                trade_in_credit: model.map_or(zero, |m| m.trade_in_credit),
                service_annual: model.map_or(zero, |m| m.service_annual),
                warranty_years: model.map_or(0, |m| m.warranty_years),
                training: model.map_or(zero, |m| m.training),
                interfaces: model.map_or(zero, |m| m.it_integration),
                expected_life_years: model.map(|m| m.expected_life_years),
                quote_date: c.quote_date,
                rank,
                score,
                lead: match (rank, score) {
                    (Some(1), Some(s)) => second.map(|t| s - t),
                    _ => None,
                },
            });
        }
    }
    Ok(Member {
        name,
        source: path.display().to_string(),
        quotes,
        installed: Vec::new(),
    })
}
