//! The capital summary of a fiscal year: every request the committee funds that year, its
//! recommended candidate and capital cost, ordered by score, against an optional capital
//! budget. A pure [`CapitalSummary`] built from the engines ([`assess`],
//! [`request_lifecycle`]), laid out by [`render_summary_pdf`] with the brief's layout.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::brief::{content_hash, money_units, points, status_label, BriefInputs};
use super::charts;
use super::layout::{
    finish_document, Align, Cell, Column, Document, Layout, Paper, Row, ACCENT, BODY, INK, MUTED,
    WARN,
};
use crate::assessment::{assess, request_lifecycle};
use crate::domain::CapitalRequest;
use crate::error::Result;
use crate::ids::RequestId;
use crate::money::{format_amount, round_amounts_to_total, Currency};
use crate::store::Portfolio;

/// Where a request's capital figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapitalBasis {
    /// The recommended candidate's year-0 capital from its lifecycle cost.
    LifecycleCapital,
    /// The recommended candidate's quoted total (it has no valid cost model).
    QuotedTotal,
    /// The request has no candidates.
    NoCandidates,
    /// The request has candidates but none is ranked yet (values missing, no criteria).
    NotRanked,
}

impl CapitalBasis {
    pub fn text(self) -> &'static str {
        match self {
            CapitalBasis::LifecycleCapital => "year-0 capital",
            CapitalBasis::QuotedTotal => "quoted total",
            CapitalBasis::NoCandidates => "no candidates",
            CapitalBasis::NotRanked => "not ranked yet",
        }
    }
}

/// Whether a request fits the budget, counted in the summary's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetMark {
    Fits,
    OverBudget,
}

/// One request of the fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryLine {
    pub request: CapitalRequest,
    pub department: String,
    pub facility: String,
    /// The top-ranked candidate ("A (tied with B)" when first place is shared).
    pub recommended: Option<String>,
    /// Points of 100 in 0..1 (weighted sum) or closeness (TOPSIS).
    pub score: Option<f64>,
    /// The capital cost, exact; `None` without a recommended candidate.
    pub capital: Option<Decimal>,
    pub basis: CapitalBasis,
    /// Capital of this request and all before it (summary currency only).
    pub running_total: Option<Decimal>,
    /// Set when a budget is given and the request has a capital figure.
    pub mark: Option<BudgetMark>,
    /// Set when the request is not in the summary's currency (then it is not summed).
    pub other_currency: bool,
}

/// The capital summary of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalSummary {
    pub portfolio_name: String,
    pub fiscal_year: i32,
    pub as_of: NaiveDate,
    pub currency: Currency,
    pub budget: Option<Decimal>,
    /// Ranked requests by score (highest first), then those without a ranking, by id.
    pub lines: Vec<SummaryLine>,
    /// Sum of the capital figures in the summary's currency.
    pub total_capital: Decimal,
    /// Capital of the requests that fit, in order, before the first that does not.
    pub within_budget: Option<Decimal>,
    /// Capital by department, largest first.
    pub by_department: Vec<(String, Decimal)>,
    /// First 12 hex digits of the SHA-256 of the requests' brief hashes, fiscal year and budget.
    pub content_hash: String,
}

/// What the summary is built from: each request's brief inputs.
#[derive(Debug, Clone)]
pub struct SummaryInputs {
    pub portfolio_name: String,
    pub fiscal_year: i32,
    pub currency: Currency,
    pub requests: Vec<BriefInputs>,
}

/// Reads every request whose target fiscal year is `fiscal_year`.
pub fn summary_inputs(p: &Portfolio, fiscal_year: i32) -> Result<SummaryInputs> {
    let requests = p
        .requests()?
        .into_iter()
        .filter(|r| r.request.fiscal_year == fiscal_year)
        .map(|r| super::brief::brief_inputs(p, r.request.id))
        .collect::<Result<Vec<_>>>()?;
    Ok(SummaryInputs {
        portfolio_name: p.info()?.name,
        fiscal_year,
        currency: p.portfolio_assumptions()?.currency,
        requests,
    })
}

/// Builds the summary. Pure: the same inputs, budget and date give the same summary.
pub fn build_summary(
    inputs: &SummaryInputs,
    budget: Option<Decimal>,
    as_of: NaiveDate,
) -> CapitalSummary {
    let mut hasher = Sha256::new();
    hasher.update(format!(
        "capital-summary/1/{}/{:?}/",
        inputs.fiscal_year, budget
    ));
    let mut lines: Vec<SummaryLine> = inputs
        .requests
        .iter()
        .map(|bi| {
            hasher.update(content_hash(bi, as_of));
            line(bi, &inputs.currency)
        })
        .collect();
    lines.sort_by(|a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.request.id.cmp(&b.request.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.request.id.cmp(&b.request.id),
    });
    let mut running = Decimal::ZERO;
    let mut within_budget = budget.map(|_| Decimal::ZERO);
    let mut over = false;
    for l in &mut lines {
        let Some(c) = l.capital.filter(|_| !l.other_currency) else {
            continue;
        };
        running += c;
        l.running_total = Some(running);
        if let Some(b) = budget {
            let fits = !over && running <= b;
            over |= !fits;
            l.mark = Some(if fits {
                BudgetMark::Fits
            } else {
                BudgetMark::OverBudget
            });
            if fits {
                within_budget = Some(running);
            }
        }
    }
    let mut by_department: Vec<(String, Decimal)> = Vec::new();
    for l in &lines {
        let Some(c) = l.capital.filter(|_| !l.other_currency) else {
            continue;
        };
        match by_department.iter_mut().find(|(d, _)| *d == l.department) {
            Some((_, sum)) => *sum += c,
            None => by_department.push((l.department.clone(), c)),
        }
    }
    by_department.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let digest = hasher.finalize();
    CapitalSummary {
        portfolio_name: inputs.portfolio_name.clone(),
        fiscal_year: inputs.fiscal_year,
        as_of,
        currency: inputs.currency.clone(),
        budget,
        lines,
        total_capital: running,
        within_budget,
        by_department,
        content_hash: digest.iter().take(6).map(|b| format!("{b:02x}")).collect(),
    }
}

fn line(bi: &BriefInputs, currency: &Currency) -> SummaryLine {
    let a = &bi.assessment;
    let ranking = assess(a).ok();
    let first: Vec<_> = ranking
        .iter()
        .flat_map(|r| r.candidates.iter())
        .filter(|c| c.rank == Some(1))
        .collect();
    let top = first.first();
    let recommended = top.map(|t| {
        if first.len() > 1 {
            let others: Vec<&str> = first[1..].iter().map(|c| c.label.as_str()).collect();
            format!("{} (tied with {})", t.label, others.join(", "))
        } else {
            t.label.clone()
        }
    });
    let (capital, basis) = match top {
        None if a.candidates.is_empty() => (None, CapitalBasis::NoCandidates),
        None => (None, CapitalBasis::NotRanked),
        Some(t) => {
            let lifecycle = request_lifecycle(a);
            match lifecycle
                .candidates
                .iter()
                .find(|c| c.candidate_id == t.candidate_id)
                .and_then(|c| c.lifecycle.as_ref())
            {
                Some(lc) => (Some(lc.capital), CapitalBasis::LifecycleCapital),
                None => (Some(t.quoted_total.amount), CapitalBasis::QuotedTotal),
            }
        }
    };
    SummaryLine {
        request: a.request.clone(),
        department: bi.department.clone(),
        facility: bi.facility.clone(),
        recommended,
        score: top.and_then(|t| t.score),
        capital,
        basis,
        running_total: None,
        mark: None,
        other_currency: a.request.currency != *currency,
    }
}

/// Reads and builds the summary of `fiscal_year`.
pub fn summary_from_portfolio(
    p: &Portfolio,
    fiscal_year: i32,
    budget: Option<Decimal>,
    as_of: NaiveDate,
) -> Result<CapitalSummary> {
    Ok(build_summary(
        &summary_inputs(p, fiscal_year)?,
        budget,
        as_of,
    ))
}

/// The budget line: what fits, what is over, in words.
pub fn budget_line(s: &CapitalSummary) -> Option<String> {
    let budget = s.budget?;
    let cur = &s.currency;
    let fitting = s
        .lines
        .iter()
        .filter(|l| l.mark == Some(BudgetMark::Fits))
        .count();
    let within = s.within_budget.unwrap_or_default();
    let text = if s.total_capital <= budget {
        format!(
            "Budget {}: all {} costed request(s) fit ({}), {} remains.",
            money_units(cur, budget),
            fitting,
            money_units(cur, s.total_capital),
            money_units(cur, budget - s.total_capital)
        )
    } else {
        format!(
            "Budget {}: {} ({}); the requests ask {} in all, {} over budget.",
            money_units(cur, budget),
            match fitting {
                0 => "no request fits".to_string(),
                1 => "the first request by score fits".to_string(),
                n => format!("the first {n} requests by score fit"),
            },
            money_units(cur, within),
            money_units(cur, s.total_capital),
            money_units(cur, s.total_capital - budget)
        )
    };
    Some(text)
}

/// Lays out the summary and returns the PDF's bytes.
pub fn render_summary_pdf(s: &CapitalSummary, paper: Paper) -> Result<Vec<u8>> {
    let cur = &s.currency;
    let mut l = Layout::new(paper)?;
    l.y += 4.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        &format!("CAPITAL SUMMARY · {}", s.portfolio_name),
        8.0,
        true,
        MUTED,
    );
    l.y += 11.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        &format!("Capital requests for FY{}", s.fiscal_year),
        18.0,
        true,
        INK,
    );
    l.y += 2.5;
    l.paragraph(
        &format!(
            "{} requests · ordered by score, requests without a ranking last · amounts in {cur} · as of {}",
            s.lines.len(),
            s.as_of
        ),
        BODY,
        false,
        MUTED,
        0.0,
    );

    l.heading("Summary");
    let costed = s
        .lines
        .iter()
        .filter(|x| x.capital.is_some() && !x.other_currency)
        .count();
    let mut pairs: Vec<(String, String, bool)> = vec![(
        "Capital requested".into(),
        format!(
            "{} for {} of {} requests",
            money_units(cur, s.total_capital),
            costed,
            s.lines.len()
        ),
        true,
    )];
    match budget_line(s) {
        Some(b) => pairs.push(("Capital budget".into(), b, true)),
        None => pairs.push((
            "Capital budget".into(),
            "None given (caliper brief --budget AMOUNT).".into(),
            false,
        )),
    }
    pairs.push((
        "Capital cost".into(),
        "The recommended candidate's year-0 capital from its lifecycle cost (purchase net of discount and trade-in, installation, IT integration, training), else its quoted total.".into(),
        false,
    ));
    l.key_values(&pairs, 38.0);

    l.heading("Requests by score");
    requests_table(&mut l, s);
    if s.lines.iter().any(|x| x.other_currency) {
        l.paragraph(
            &format!("Requests in another currency than {cur} are listed but not summed."),
            7.5,
            false,
            MUTED,
            0.0,
        );
    }

    if !s.by_department.is_empty() {
        l.heading("Capital by department");
        let entries: Vec<(String, f64)> = s
            .by_department
            .iter()
            .map(|(d, v)| {
                // Chart geometry only: the amounts printed come from the Decimal.
                (d.clone(), v.to_string().parse::<f64>().unwrap_or(0.0))
            })
            .collect();
        let labels: Vec<String> = s
            .by_department
            .iter()
            .map(|(_, v)| money_units(cur, *v))
            .collect();
        charts::department_chart(&mut l, &entries, &labels, cur);
    }

    let footer_left = format!(
        "{} · FY{} capital summary · Inputs {} · As of {}",
        s.portfolio_name, s.fiscal_year, s.content_hash, s.as_of
    );
    finish_document(
        l,
        paper,
        &Document {
            title: format!("Capital summary FY{}: {}", s.fiscal_year, s.portfolio_name),
            subject: format!(
                "Capital requests for FY{}: recommended candidates, capital cost and budget",
                s.fiscal_year
            ),
            keywords: vec!["capital summary".into(), "capital budget".into()],
            footer_left,
            content_hash: s.content_hash.clone(),
            as_of: s.as_of,
            id_prefix: "caliper-summary",
        },
    )
}

fn requests_table(l: &mut Layout, s: &CapitalSummary) {
    let cur = &s.currency;
    let w = l.width();
    let budgeted = s.budget.is_some();
    let mut columns = vec![
        Column::new("#", 6.0, Align::Right),
        Column::new("Request", 0.0, Align::Left),
        Column::new("Status", 21.0, Align::Left),
        Column::new("Recommended candidate", 36.0, Align::Left),
        Column::new("Score", 11.0, Align::Right),
        Column::new(format!("Capital ({cur})"), 22.0, Align::Right),
        Column::new("Running total", 22.0, Align::Right),
    ];
    if budgeted {
        columns.push(Column::new("Budget", 19.0, Align::Left));
    }
    let used: f32 = columns.iter().map(|c| c.width).sum();
    columns[1].width = w - used;

    // Whole units that add up: the shown capitals sum to the shown total, and the running
    // totals are running sums of the shown figures.
    let summed: Vec<RequestId> = s
        .lines
        .iter()
        .filter(|x| x.capital.is_some() && !x.other_currency)
        .map(|x| x.request.id)
        .collect();
    let exact: Vec<Decimal> = s
        .lines
        .iter()
        .filter(|x| summed.contains(&x.request.id))
        .filter_map(|x| x.capital)
        .collect();
    let shown = round_amounts_to_total(&exact, 0);
    let mut shown_iter = shown.iter();
    let mut running = Decimal::ZERO;
    let mut rows = Vec::new();
    for (i, x) in s.lines.iter().enumerate() {
        let request = format!(
            "{} (request {}, {})",
            x.request.title, x.request.id, x.department
        );
        let (capital, running_text) = match x.capital {
            Some(c) if x.other_currency => (
                Cell::new(format!("{} {}", x.request.currency, format_amount(c, 0))),
                Cell::new("not summed").color(MUTED),
            ),
            Some(_) => {
                let v = shown_iter.next().copied().unwrap_or_default();
                running += v;
                let mut cell = Cell::new(format_amount(v, 0));
                if x.basis == CapitalBasis::QuotedTotal {
                    cell.text.push_str(" q");
                }
                (cell, Cell::new(format_amount(running, 0)))
            }
            None => (Cell::new(x.basis.text()).color(MUTED), Cell::new("")),
        };
        let mut cells = vec![
            Cell::new((i + 1).to_string()),
            Cell::new(request),
            Cell::new(status_label(x.request.status)),
            match &x.recommended {
                Some(r) => Cell::new(r.clone()),
                None => Cell::new("none yet").color(MUTED),
            },
            Cell::new(x.score.map(points).unwrap_or_else(|| "-".into())),
            capital,
            running_text,
        ];
        if budgeted {
            cells.push(match x.mark {
                Some(BudgetMark::Fits) => Cell::new("fits").color(ACCENT),
                Some(BudgetMark::OverBudget) => Cell::new("over budget").bold().color(WARN),
                None => Cell::new(""),
            });
        }
        rows.push(Row::new(cells));
    }
    let mut total = vec![
        Cell::new(""),
        Cell::new("Total capital requested"),
        Cell::new(""),
        Cell::new(""),
        Cell::new(""),
        Cell::new(format_amount(shown.iter().sum(), 0)),
        Cell::new(""),
    ];
    if budgeted {
        total.push(Cell::new(""));
    }
    rows.push(Row::new(total).total());
    if let Some(b) = s.budget {
        let mut budget = vec![
            Cell::new(""),
            Cell::new("Capital budget"),
            Cell::new(""),
            Cell::new(""),
            Cell::new(""),
            Cell::new(format_amount(b, 0)),
            Cell::new(""),
            Cell::new(""),
        ];
        let diff = b - s.total_capital;
        let (label, amount) = if diff >= Decimal::ZERO {
            ("Remaining", diff)
        } else {
            ("Over budget", -diff)
        };
        rows.push(Row::new(std::mem::take(&mut budget)));
        rows.push(Row::new(vec![
            Cell::new(""),
            Cell::new(label).bold(),
            Cell::new(""),
            Cell::new(""),
            Cell::new(""),
            Cell::new(format_amount(amount, 0))
                .bold()
                .color(if diff < Decimal::ZERO { WARN } else { INK }),
            Cell::new(""),
            Cell::new(""),
        ]));
    }
    l.table(&columns, &rows, 7.5);
    if s.lines.iter().any(|x| x.basis == CapitalBasis::QuotedTotal) {
        l.paragraph(
            "q: quoted total (the recommended candidate has no valid cost model yet).",
            7.5,
            false,
            MUTED,
            0.0,
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use rust_decimal_macros::dec;

    fn demo() -> Portfolio {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        p
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn ordered_by_score_with_a_running_total_against_the_budget() {
        let p = demo();
        let s = summary_from_portfolio(&p, 2027, Some(dec!(1_000_000)), as_of()).unwrap();
        assert_eq!(s.lines.len(), 3);
        let scores: Vec<_> = s.lines.iter().filter_map(|l| l.score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
        let last = s.lines.last().unwrap();
        assert_eq!(last.basis, CapitalBasis::NoCandidates);
        assert!(last.capital.is_none() && last.mark.is_none());
        let sum: Decimal = s.lines.iter().filter_map(|l| l.capital).sum();
        assert_eq!(s.total_capital, sum);
        let mut running = Decimal::ZERO;
        let mut over = false;
        for l in s.lines.iter().filter(|l| l.capital.is_some()) {
            running += l.capital.unwrap();
            assert_eq!(l.running_total, Some(running));
            over |= running > dec!(1_000_000);
            let want = if over {
                BudgetMark::OverBudget
            } else {
                BudgetMark::Fits
            };
            assert_eq!(l.mark, Some(want));
        }
        // Without a budget nothing is marked; another fiscal year has no requests.
        let s = summary_from_portfolio(&p, 2027, None, as_of()).unwrap();
        assert!(s.lines.iter().all(|l| l.mark.is_none()));
        assert!(budget_line(&s).is_none());
        let none = summary_from_portfolio(&p, 2031, None, as_of()).unwrap();
        assert!(none.lines.is_empty());
        assert!(render_summary_pdf(&none, Paper::A4).is_ok());
    }

    #[test]
    fn the_hash_follows_the_budget() {
        let p = demo();
        let a = summary_from_portfolio(&p, 2027, Some(dec!(1_000_000)), as_of()).unwrap();
        let b = summary_from_portfolio(&p, 2027, Some(dec!(1_000_001)), as_of()).unwrap();
        assert_ne!(a.content_hash, b.content_hash);
        let c = summary_from_portfolio(&p, 2027, Some(dec!(1_000_000)), as_of()).unwrap();
        assert_eq!(a.content_hash, c.content_hash);
    }
}
