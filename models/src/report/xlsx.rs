//! A request as a workbook (XLSX) and its ranked comparison as CSV: the brief's figures as
//! numbers a spreadsheet can compute with.
//!
//! [`build_export`] gathers the engines' results (the same [`assess`] and
//! [`request_lifecycle`] the brief prints) into a pure [`RequestExport`]; [`render_xlsx`]
//! and [`render_csv`] write it. Figures are rounded only here, for presentation, and so that
//! shown parts add up to shown totals: contributions to 0.1 point beside their score,
//! amounts to the cent beside their totals ([`round_to_total`], [`round_amounts_to_total`]).
//! Cells hold numbers with number formats, never numbers as text.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::brief::{content_hash, BriefInputs};
use crate::assessment::{assess, request_lifecycle, RequestLifecycle, RequestRanking};
use crate::criteria::{CriterionKind, Direction};
use crate::domain::CapitalRequest;
use crate::error::{Error, Result};
use crate::ipc::Choice;
use crate::lifecycle::{LifecycleCost, ScheduleYear};
use crate::money::Currency;
use crate::money::{format_amount, round_amounts_to, round_amounts_to_total, round_to_total};
use crate::ranking::Method;

/// Sheet names, in workbook order.
pub const SHEETS: [&str; 5] = ["Ranking", "Scores", "Lifecycle", "Funding", "Compatibility"];

/// The cost elements of a schedule year, in column order, with their column titles.
pub const COST_ELEMENTS: [&str; 11] = [
    "Purchase",
    "Installation",
    "IT integration",
    "Training",
    "Service",
    "Consumables",
    "Energy",
    "Software",
    "Staffing",
    "Disposal",
    "Residual value",
];

fn elements(y: &ScheduleYear) -> [Decimal; 11] {
    [
        y.purchase,
        y.installation,
        y.it_integration,
        y.training,
        y.service,
        y.consumables,
        y.energy,
        y.software,
        y.staffing,
        y.disposal,
        y.residual,
    ]
}

/// One evaluator's score of one candidate on one criterion, with the comment.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    pub evaluator: String,
    pub role: String,
    pub candidate: String,
    pub criterion: String,
    pub score: u8,
    pub comment: String,
}

/// Everything the workbook holds about a request.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestExport {
    pub portfolio_name: String,
    pub facility: String,
    pub department: String,
    pub request: CapitalRequest,
    pub as_of: NaiveDate,
    /// The brief's content hash: a workbook and a brief with the same hash show the same data.
    pub content_hash: String,
    pub currency: Currency,
    pub ranking: Option<RequestRanking>,
    /// Why there is no ranking (no candidates, no criteria, invalid weights).
    pub ranking_problem: Option<String>,
    pub lifecycle: RequestLifecycle,
    /// Evaluator, then candidate, then criterion order.
    pub scores: Vec<ScoreLine>,
    /// The candidates against the site IT profile.
    pub compatibility: crate::compat::CompatibilityReport,
}

/// Gathers the export of a request from the engines. Pure: no clock, no I/O.
pub fn build_export(inputs: &BriefInputs, as_of: NaiveDate) -> RequestExport {
    let a = &inputs.assessment;
    let (ranking, ranking_problem) = match assess(a) {
        Ok(r) => (Some(r), None),
        Err(e) => (
            None,
            Some(match e {
                Error::Validation { message, .. } | Error::Conflict { message, .. } => message,
                other => other.to_string(),
            }),
        ),
    };
    fn order<T: PartialEq>(id: T, ids: &[T]) -> usize {
        ids.iter().position(|x| *x == id).unwrap_or(usize::MAX)
    }
    let evaluator_ids: Vec<_> = a.evaluators.iter().map(|e| e.id).collect();
    let candidate_ids: Vec<_> = a.candidates.iter().map(|c| c.id).collect();
    let criterion_ids: Vec<_> = a.criteria.iter().map(|c| c.id).collect();
    let mut scores: Vec<(usize, usize, usize, ScoreLine)> = a
        .scores
        .iter()
        .map(|s| {
            let e = a.evaluators.iter().find(|e| e.id == s.evaluator_id);
            let c = a.candidates.iter().find(|c| c.id == s.candidate_id);
            let k = a.criteria.iter().find(|k| k.id == s.criterion_id);
            (
                order(s.evaluator_id, &evaluator_ids),
                order(s.candidate_id, &candidate_ids),
                order(s.criterion_id, &criterion_ids),
                ScoreLine {
                    evaluator: e.map_or_else(
                        || format!("evaluator {}", s.evaluator_id),
                        |e| e.name.clone(),
                    ),
                    role: e.map(|e| e.role.clone()).unwrap_or_default(),
                    candidate: c
                        .map_or_else(|| format!("candidate {}", s.candidate_id), |c| c.label()),
                    criterion: k.map_or_else(
                        || format!("criterion {}", s.criterion_id),
                        |k| k.name.clone(),
                    ),
                    score: s.score,
                    comment: s.comment.clone(),
                },
            )
        })
        .collect();
    scores.sort_by_key(|(e, c, k, _)| (*e, *c, *k));
    RequestExport {
        portfolio_name: inputs.portfolio_name.clone(),
        facility: inputs.facility.clone(),
        department: inputs.department.clone(),
        request: a.request.clone(),
        as_of,
        content_hash: content_hash(inputs, as_of),
        currency: a.request.currency.clone(),
        ranking,
        ranking_problem,
        lifecycle: request_lifecycle(a),
        scores: scores.into_iter().map(|(_, _, _, s)| s).collect(),
        compatibility: crate::assessment::compatibility(a),
    }
}

// ---- presentation rounding, shared by the workbook and the CSV ------------------------

/// An amount rounded to the cent, half away from zero.
fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A score in 0..1 as points of 100, rounded to 0.1.
fn points_1dp(score: f64) -> f64 {
    (score * 1000.0).round() / 10.0
}

/// One row of the ranked comparison as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingRow {
    pub rank: Option<u32>,
    pub tied: bool,
    pub candidate: String,
    pub vendor: String,
    /// Points of 100, to 0.1; `None` while a value is missing.
    pub score: Option<f64>,
    /// To the cent.
    pub quoted_total: Decimal,
    /// Points of 100 per criterion, to 0.1, adding up to `score` (weighted sum only).
    pub contributions: Vec<Option<f64>>,
}

/// The ranked comparison as shown: contributions rounded so that they add up to the score.
pub fn ranking_rows(r: &RequestRanking) -> Vec<RankingRow> {
    r.candidates
        .iter()
        .map(|c| {
            let parts: Vec<f64> = c
                .cells
                .iter()
                .filter_map(|x| x.contribution.map(|v| v * 100.0))
                .collect();
            let rounded = round_to_total(&parts, 1);
            let mut it = rounded.iter();
            let contributions: Vec<Option<f64>> = c
                .cells
                .iter()
                .map(|x| x.contribution.and_then(|_| it.next().copied()))
                .collect();
            let complete = !parts.is_empty() && parts.len() == c.cells.len();
            let score = c.score.map(|s| {
                if r.method == Method::WeightedSum && complete {
                    // The shown parts' sum: equal to the score rounded to 0.1.
                    (rounded.iter().sum::<f64>() * 10.0).round() / 10.0
                } else {
                    points_1dp(s)
                }
            });
            RankingRow {
                rank: c.rank,
                tied: c.tied,
                candidate: c.label.clone(),
                vendor: c.vendor.clone(),
                score,
                quoted_total: cents(c.quoted_total.amount),
                contributions,
            }
        })
        .collect()
}

/// A candidate's schedule as shown, to the cent: each year's elements add up to its total,
/// the years' totals to the nominal total, the present values to the NPV, and the
/// cumulative columns are running sums of the shown figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownSchedule {
    pub years: Vec<ShownYear>,
    /// Column sums of the shown elements.
    pub element_totals: [Decimal; 11],
    pub nominal_total: Decimal,
    pub npv: Decimal,
    pub eac: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShownYear {
    pub year: u32,
    pub fiscal_year: Option<i32>,
    pub elements: [Decimal; 11],
    pub total: Decimal,
    pub present_value: Decimal,
    pub cumulative: Decimal,
    pub cumulative_present_value: Decimal,
}

pub fn shown_schedule(lc: &LifecycleCost) -> ShownSchedule {
    let totals: Vec<Decimal> = lc.schedule.iter().map(|y| y.total).collect();
    let totals = round_amounts_to_total(&totals, 2);
    let pvs: Vec<Decimal> = lc.schedule.iter().map(|y| y.present_value).collect();
    let pvs = round_amounts_to_total(&pvs, 2);
    let mut element_totals = [Decimal::ZERO; 11];
    let (mut cum, mut cum_pv) = (Decimal::ZERO, Decimal::ZERO);
    let years = lc
        .schedule
        .iter()
        .zip(totals.iter().zip(&pvs))
        .map(|(y, (total, pv))| {
            let shown = round_amounts_to(&elements(y), *total, 2);
            let mut el = [Decimal::ZERO; 11];
            for (k, v) in shown.into_iter().enumerate() {
                el[k] = v;
                element_totals[k] += v;
            }
            cum += *total;
            cum_pv += *pv;
            ShownYear {
                year: y.year,
                fiscal_year: y.fiscal_year,
                elements: el,
                total: *total,
                present_value: *pv,
                cumulative: cum,
                cumulative_present_value: cum_pv,
            }
        })
        .collect();
    ShownSchedule {
        years,
        element_totals,
        nominal_total: totals.iter().sum(),
        npv: pvs.iter().sum(),
        eac: cents(lc.eac),
    }
}

/// A candidate's fiscal years as shown, to the cent: capital and operating add up to each
/// year's total, and the years to the candidate's total.
pub fn shown_fiscal_years(lc: &LifecycleCost) -> Vec<(i32, Decimal, Decimal, Decimal)> {
    let totals: Vec<Decimal> = lc.fiscal_years.iter().map(|f| f.total).collect();
    let totals = round_amounts_to_total(&totals, 2);
    lc.fiscal_years
        .iter()
        .zip(totals)
        .map(|(f, total)| {
            let parts = round_amounts_to(&[f.capital, f.operating], total, 2);
            (f.fiscal_year, parts[0], parts[1], total)
        })
        .collect()
}

// ---- the workbook --------------------------------------------------------------------

fn xlsx_error(e: XlsxError) -> Error {
    Error::render("the workbook", e)
}

/// The XLSX format stores every number as an IEEE double, and rust_xlsxwriter takes
/// `f64`. An amount, already rounded to the cent for presentation, becomes a double here,
/// at the file boundary and nowhere else (through its decimal text: the nearest double).
fn money_number(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(f64::NAN)
}

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    bold: Format,
    wrap: Format,
    money: Format,
    money_bold: Format,
    points: Format,
    points_bold: Format,
    percent: Format,
    integer: Format,
    fiscal_year: Format,
}

impl Formats {
    fn new(currency: &Currency) -> Self {
        // A currency format with thousands separators: `USD 1,234.56`.
        let money = format!("\"{currency} \"#,##0.00;-\"{currency} \"#,##0.00");
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_font_color(Color::RGB(0x5A5F66)),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xEAF0F5))
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new(),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            money: Format::new().set_num_format(&money),
            money_bold: Format::new().set_num_format(&money).set_bold(),
            points: Format::new().set_num_format("0.0"),
            points_bold: Format::new().set_num_format("0.0").set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            integer: Format::new().set_num_format("0"),
            fiscal_year: Format::new().set_num_format("\"FY\"0"),
        }
    }
}

/// A worksheet with the widths of what was written, to size the columns at the end.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<usize>,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, name: &str) -> Result<Self> {
        ws.set_name(name).map_err(xlsx_error)?;
        Ok(Sheet {
            ws,
            widths: Vec::new(),
        })
    }

    fn fit(&mut self, col: u16, chars: usize) {
        let c = usize::from(col);
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(chars);
    }

    /// Text that does not size its column (titles, notes spanning the sheet).
    fn note(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        self.ws
            .write_string_with_format(row, col, s, f)
            .map_err(xlsx_error)?;
        Ok(())
    }

    fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        self.fit(col, s.chars().count());
        self.note(row, col, s, f)
    }

    fn header(&mut self, row: u32, titles: &[String], f: &Format) -> Result<()> {
        for (c, t) in titles.iter().enumerate() {
            let col = c as u16;
            // Long titles wrap; they widen the column only up to 18 characters.
            self.fit(col, t.chars().count().min(18));
            self.note(row, col, t, f)?;
        }
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, v: f64, shown_chars: usize, f: &Format) -> Result<()> {
        self.fit(col, shown_chars);
        self.ws
            .write_number_with_format(row, col, v, f)
            .map_err(xlsx_error)?;
        Ok(())
    }

    fn money(&mut self, row: u32, col: u16, d: Decimal, cur: &Currency, f: &Format) -> Result<()> {
        let shown = format_amount(d, 2).len() + cur.as_str().len() + 2;
        self.number(row, col, money_number(d), shown, f)
    }

    fn finish(self, freeze_row: u32, freeze_col: u16) -> Result<()> {
        for (c, w) in self.widths.iter().enumerate() {
            let width = (*w as f64 + 2.0).clamp(6.0, 60.0);
            self.ws
                .set_column_width(c as u16, width)
                .map_err(xlsx_error)?;
        }
        self.ws
            .set_freeze_panes(freeze_row, freeze_col)
            .map_err(xlsx_error)?;
        Ok(())
    }
}

fn subtitle(e: &RequestExport) -> String {
    format!(
        "{} · {} · {} · FY{} · as of {} · inputs {}",
        e.portfolio_name, e.facility, e.department, e.request.fiscal_year, e.as_of, e.content_hash
    )
}

/// Writes the workbook and returns its bytes. The same export gives the same bytes: the
/// document's creation date is the as-of date and the archive's times are fixed.
pub fn render_xlsx(e: &RequestExport) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(e.as_of.year()).unwrap_or(2000),
        e.as_of.month() as u8,
        e.as_of.day() as u8,
    )
    .map_err(xlsx_error)?;
    let props = DocProperties::new()
        .set_title(format!(
            "Capital request {}: {}",
            e.request.id, e.request.title
        ))
        .set_subject(format!(
            "Ranked comparison, evaluator scores, lifecycle cost and funding ({}, {}, FY{})",
            e.department, e.facility, e.request.fiscal_year
        ))
        .set_author("Caliper")
        .set_company(e.facility.as_str())
        .set_keywords("capital request, medical devices")
        .set_comment(format!("Inputs {}", e.content_hash))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    let f = Formats::new(&e.currency);
    ranking_sheet(Sheet::new(wb.add_worksheet(), SHEETS[0])?, e, &f)?;
    scores_sheet(Sheet::new(wb.add_worksheet(), SHEETS[1])?, e, &f)?;
    lifecycle_sheet(Sheet::new(wb.add_worksheet(), SHEETS[2])?, e, &f)?;
    funding_sheet(Sheet::new(wb.add_worksheet(), SHEETS[3])?, e, &f)?;
    compatibility_sheet(Sheet::new(wb.add_worksheet(), SHEETS[4])?, e, &f)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

/// Row of the column headers on every sheet; the rows above hold the title.
const HEADER_ROW: u32 = 3;

fn ranking_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    let cur = &e.currency;
    s.note(
        0,
        0,
        &format!("Ranked comparison: {}", e.request.title),
        &f.title,
    )?;
    let Some(r) = &e.ranking else {
        s.note(1, 0, &subtitle(e), &f.subtitle)?;
        s.header(
            HEADER_ROW,
            &["Rank", "Candidate", "Vendor", "Score (points)"].map(String::from),
            &f.header,
        )?;
        s.note(
            HEADER_ROW + 1,
            0,
            &format!(
                "No ranking yet: {}.",
                e.ranking_problem
                    .as_deref()
                    .unwrap_or("it could not be computed")
            ),
            &f.text,
        )?;
        return s.finish(HEADER_ROW + 1, 0);
    };
    s.note(
        1,
        0,
        &format!(
            "{} · {}; scores and contributions in points of 100",
            subtitle(e),
            r.method.in_text()
        ),
        &f.subtitle,
    )?;
    let mut titles: Vec<String> = [
        "Rank".to_string(),
        "Candidate".into(),
        "Vendor".into(),
        "Score (points)".into(),
        format!("Quoted total ({cur})"),
    ]
    .into();
    titles.extend(r.criteria.iter().map(|c| c.name.clone()));
    titles.push("Note".into());
    s.header(HEADER_ROW, &titles, &f.header)?;
    let first_criterion = 5u16;
    let note_col = first_criterion + r.criteria.len() as u16;
    let mut row = HEADER_ROW + 1;
    for shown in ranking_rows(r) {
        if let Some(rank) = shown.rank {
            s.number(row, 0, f64::from(rank), 3, &f.integer)?;
        }
        s.text(row, 1, &shown.candidate, &f.text)?;
        s.text(row, 2, &shown.vendor, &f.text)?;
        if let Some(score) = shown.score {
            s.number(row, 3, score, 5, &f.points_bold)?;
        }
        s.money(row, 4, shown.quoted_total, cur, &f.money)?;
        for (k, c) in shown.contributions.iter().enumerate() {
            if let Some(v) = c {
                s.number(row, first_criterion + k as u16, *v, 5, &f.points)?;
            }
        }
        let note = match (shown.rank, shown.tied) {
            (None, _) if c_disqualified(e, &shown.candidate) => {
                "disqualified: blocking compatibility gap"
            }
            (None, _) => "unranked: values missing",
            (Some(_), true) => "tied",
            _ => "",
        };
        if !note.is_empty() {
            s.text(row, note_col, note, &f.text)?;
        }
        row += 1;
    }
    if r.method == Method::Topsis {
        s.note(
            row,
            0,
            "TOPSIS scores are closeness to the ideal; they are not additive, so no contributions are shown.",
            &f.subtitle,
        )?;
        row += 1;
    }

    // The criteria and their weights.
    row += 1;
    s.note(row, 0, "Criteria and weights", &f.bold)?;
    row += 1;
    for (c, t) in ["", "Criterion", "Category", "Kind", "Direction", "Weight"]
        .iter()
        .enumerate()
    {
        s.note(row, c as u16, t, &f.header)?;
    }
    row += 1;
    let weights: Vec<f64> = r.criteria.iter().map(|c| c.weight * 100.0).collect();
    let shown_weights = round_to_total(&weights, 1);
    for (c, w) in r.criteria.iter().zip(shown_weights) {
        s.text(row, 1, &c.name, &f.text)?;
        s.text(row, 2, &c.category, &f.text)?;
        let kind = match c.kind {
            CriterionKind::Judged => "judged (1-5)",
            CriterionKind::Measured => "measured",
        };
        s.text(row, 3, kind, &f.text)?;
        let dir = match c.direction {
            Direction::Benefit => "higher is better",
            Direction::Cost => "lower is better",
        };
        s.text(row, 4, dir, &f.text)?;
        s.number(row, 5, w / 100.0, 6, &f.percent)?;
        row += 1;
    }
    if !r.missing.is_empty() {
        row += 1;
        s.note(
            row,
            0,
            "Missing values (the candidate stays unranked until they are entered)",
            &f.bold,
        )?;
        row += 1;
        for m in &r.missing {
            s.text(row, 1, &m.candidate, &f.text)?;
            s.text(row, 2, &m.criterion, &f.text)?;
            s.note(row, 3, &m.reason, &f.text)?;
            row += 1;
        }
    }
    s.finish(HEADER_ROW + 1, 2)
}

fn scores_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    s.note(
        0,
        0,
        &format!("Evaluator scores: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · scores on each criterion's anchored scale, 1 (worst) to 5 (best)",
            subtitle(e)
        ),
        &f.subtitle,
    )?;
    s.header(
        HEADER_ROW,
        &[
            "Evaluator",
            "Role",
            "Candidate",
            "Criterion",
            "Score",
            "Comment",
        ]
        .map(String::from),
        &f.header,
    )?;
    if e.scores.is_empty() {
        s.note(HEADER_ROW + 1, 0, "No evaluator has scored yet.", &f.text)?;
    }
    for (row, line) in (HEADER_ROW + 1..).zip(&e.scores) {
        s.text(row, 0, &line.evaluator, &f.text)?;
        s.text(row, 1, &line.role, &f.text)?;
        s.text(row, 2, &line.candidate, &f.text)?;
        s.text(row, 3, &line.criterion, &f.text)?;
        s.number(row, 4, f64::from(line.score), 5, &f.integer)?;
        if !line.comment.is_empty() {
            s.fit(5, line.comment.chars().count().min(60));
            s.note(row, 5, &line.comment, &f.wrap)?;
        }
    }
    s.finish(HEADER_ROW + 1, 0)
}

fn c_disqualified(e: &RequestExport, label: &str) -> bool {
    e.compatibility
        .candidates
        .iter()
        .any(|c| c.label == label && c.disqualified)
}

/// Scores per candidate, then every gap, unconfirmed point and advisory finding.
fn compatibility_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    use crate::compat::{Area, Status};
    let c = &e.compatibility;
    s.note(
        0,
        0,
        &format!("Compatibility: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · against the {} site IT profile, {} rules · scores in points of 100",
            subtitle(e),
            c.site_scope,
            c.rules
        ),
        &f.subtitle,
    )?;
    s.header(
        HEADER_ROW,
        &[
            "Candidate",
            "EHR integration",
            "Network",
            "Cybersecurity",
            "Blocking",
            "Major",
            "Minor",
            "Unconfirmed",
            &format!("Remediation ({})", e.currency),
            "Disqualified",
        ]
        .map(String::from),
        &f.header,
    )?;
    let mut row = HEADER_ROW + 1;
    for x in &c.candidates {
        s.text(row, 0, &x.label, &f.text)?;
        for (col, &area) in (1u16..).zip(Area::VALUES) {
            match x.score(area) {
                Some(v) => s.number(row, col, v, 5, &f.points)?,
                None => s.text(row, col, "-", &f.text)?,
            }
        }
        for (col, n) in (4u16..).zip([x.blocking, x.major, x.minor, x.unconfirmed]) {
            s.number(row, col, f64::from(n), 4, &f.integer)?;
        }
        s.money(row, 8, x.remediation_total, &e.currency, &f.money)?;
        s.text(row, 9, if x.disqualified { "yes" } else { "" }, &f.text)?;
        row += 1;
    }
    row += 1;
    s.header(
        row,
        &[
            "Candidate",
            "Area",
            "Rule",
            "Status",
            "Severity",
            "Finding",
            "Source",
            "Remediation",
            "Remediation cost",
        ]
        .map(String::from),
        &f.header,
    )?;
    row += 1;
    for x in &c.candidates {
        for g in x.findings.iter().filter(|g| {
            matches!(
                g.status,
                Status::Gap | Status::Unconfirmed | Status::Advisory
            )
        }) {
            s.text(row, 0, &x.label, &f.text)?;
            s.text(row, 1, g.area.label(), &f.text)?;
            s.text(row, 2, &g.title, &f.text)?;
            let status = match g.status {
                Status::Gap => "gap",
                Status::Unconfirmed => "unconfirmed",
                _ => "advisory",
            };
            s.text(row, 3, status, &f.text)?;
            s.text(row, 4, g.severity.map_or("", |v| v.in_text()), &f.text)?;
            s.fit(5, g.message.chars().count().min(60));
            s.note(row, 5, &g.message, &f.wrap)?;
            s.text(row, 6, &g.source, &f.text)?;
            s.text(row, 7, &g.remediation, &f.text)?;
            if let Some(cost) = g.remediation_cost {
                s.money(row, 8, cost, &e.currency, &f.money)?;
            }
            row += 1;
        }
    }
    s.finish(HEADER_ROW + 1, 1)
}

fn lifecycle_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    let cur = &e.currency;
    let a = &e.lifecycle.assumptions;
    s.note(
        0,
        0,
        &format!("Lifecycle cost: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · nominal {cur}; year 0 is the purchase, recurring costs fall at each year's end; discount rate {} %, inflation {} %",
            subtitle(e),
            (a.discount_rate * Decimal::ONE_HUNDRED).normalize(),
            (a.inflation * Decimal::ONE_HUNDRED).normalize()
        ),
        &f.subtitle,
    )?;
    let mut titles: Vec<String> = ["Candidate", "Year", "Fiscal year"]
        .map(String::from)
        .into();
    titles.extend(COST_ELEMENTS.iter().map(|t| t.to_string()));
    titles.extend(
        [
            "Total",
            "Present value",
            "Cumulative",
            "Cumulative present value",
        ]
        .map(String::from),
    );
    s.header(HEADER_ROW, &titles, &f.header)?;
    let total_col = 3 + COST_ELEMENTS.len() as u16;
    let mut row = HEADER_ROW + 1;
    for c in &e.lifecycle.candidates {
        let Some(lc) = &c.lifecycle else {
            row = no_lifecycle(&mut s, f, row, c)?;
            continue;
        };
        let shown = shown_schedule(lc);
        for y in &shown.years {
            s.text(row, 0, &c.label, &f.text)?;
            s.number(row, 1, f64::from(y.year), 4, &f.integer)?;
            if let Some(fy) = y.fiscal_year {
                s.number(row, 2, f64::from(fy), 6, &f.fiscal_year)?;
            }
            for (k, v) in y.elements.iter().enumerate() {
                s.money(row, 3 + k as u16, *v, cur, &f.money)?;
            }
            s.money(row, total_col, y.total, cur, &f.money_bold)?;
            s.money(row, total_col + 1, y.present_value, cur, &f.money)?;
            s.money(row, total_col + 2, y.cumulative, cur, &f.money)?;
            s.money(
                row,
                total_col + 3,
                y.cumulative_present_value,
                cur,
                &f.money,
            )?;
            row += 1;
        }
        // Totals: the nominal total, and the present values' sum, the NPV.
        s.text(row, 0, &c.label, &f.bold)?;
        s.text(row, 1, "Total (present value: NPV)", &f.bold)?;
        for (k, v) in shown.element_totals.iter().enumerate() {
            s.money(row, 3 + k as u16, *v, cur, &f.money_bold)?;
        }
        s.money(row, total_col, shown.nominal_total, cur, &f.money_bold)?;
        s.money(row, total_col + 1, shown.npv, cur, &f.money_bold)?;
        row += 1;
        s.text(row, 0, &c.label, &f.bold)?;
        s.text(
            row,
            1,
            &format!("Equivalent annual cost ({} years)", lc.expected_life_years),
            &f.bold,
        )?;
        s.money(row, total_col, shown.eac, cur, &f.money_bold)?;
        row += 2;
    }
    if e.lifecycle.unequal_lives {
        s.note(
            row,
            0,
            "Expected lives differ: compare the candidates on equivalent annual cost (EAC), not NPV.",
            &f.subtitle,
        )?;
    }
    s.finish(HEADER_ROW + 1, 2)
}

fn funding_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    let cur = &e.currency;
    s.note(
        0,
        0,
        &format!("Funding by fiscal year: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · capital: year-0 costs; operating: years 1 to N; nominal {cur}; fiscal years start in month {} and are named by the calendar year they end in",
            subtitle(e),
            e.lifecycle.assumptions.fiscal_year_start_month
        ),
        &f.subtitle,
    )?;
    s.header(
        HEADER_ROW,
        &[
            "Candidate".to_string(),
            "Fiscal year".into(),
            format!("Capital ({cur})"),
            format!("Operating ({cur})"),
            format!("Total ({cur})"),
        ],
        &f.header,
    )?;
    let mut row = HEADER_ROW + 1;
    for c in &e.lifecycle.candidates {
        let Some(lc) = &c.lifecycle else {
            row = no_lifecycle(&mut s, f, row, c)?;
            continue;
        };
        let years = shown_fiscal_years(lc);
        if years.is_empty() {
            s.text(row, 0, &c.label, &f.bold)?;
            s.note(
                row,
                1,
                "No purchase date: set one in the request's assumptions to map costs to fiscal years.",
                &f.text,
            )?;
            row += 2;
            continue;
        }
        let (mut cap, mut op, mut tot) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for (fy, capital, operating, total) in &years {
            s.text(row, 0, &c.label, &f.text)?;
            s.number(row, 1, f64::from(*fy), 6, &f.fiscal_year)?;
            s.money(row, 2, *capital, cur, &f.money)?;
            s.money(row, 3, *operating, cur, &f.money)?;
            s.money(row, 4, *total, cur, &f.money_bold)?;
            cap += capital;
            op += operating;
            tot += total;
            row += 1;
        }
        s.text(row, 0, &c.label, &f.bold)?;
        s.text(row, 1, "Total", &f.bold)?;
        s.money(row, 2, cap, cur, &f.money_bold)?;
        s.money(row, 3, op, cur, &f.money_bold)?;
        s.money(row, 4, tot, cur, &f.money_bold)?;
        row += 2;
    }
    s.finish(HEADER_ROW + 1, 2)
}

// ---- CSV -----------------------------------------------------------------------------

/// The ranked comparison as CSV: one row per candidate, best first; scores and
/// contributions in points of 100 to 0.1, the quoted total as an exact decimal to the cent.
/// A candidate without a lifecycle cost: its name and why, then a blank row. Returns the next row.
fn no_lifecycle(
    s: &mut Sheet,
    f: &Formats,
    row: u32,
    c: &crate::assessment::CandidateLifecycle,
) -> Result<u32> {
    s.text(row, 0, &c.label, &f.bold)?;
    s.note(
        row,
        1,
        &format!(
            "No lifecycle cost: {}.",
            c.problem.as_deref().unwrap_or("no cost model yet")
        ),
        &f.text,
    )?;
    Ok(row + 2)
}

pub fn render_csv(e: &RequestExport) -> Result<Vec<u8>> {
    let csv_error = |err: csv::Error| Error::render("the CSV file", err);
    let mut w = csv::Writer::from_writer(Vec::new());
    let Some(r) = &e.ranking else {
        return Err(Error::validation(
            "request",
            format!(
                "request {} has no ranked comparison to export: {}",
                e.request.id,
                e.ranking_problem
                    .as_deref()
                    .unwrap_or("it could not be computed")
            ),
        ));
    };
    let mut header: Vec<String> = [
        "rank",
        "tied",
        "candidate",
        "vendor",
        "score_points",
        "quoted_total",
        "currency",
    ]
    .map(String::from)
    .into();
    header.extend(r.criteria.iter().map(|c| c.name.clone()));
    w.write_record(&header).map_err(csv_error)?;
    for shown in ranking_rows(r) {
        let mut rec: Vec<String> = vec![
            shown.rank.map(|n| n.to_string()).unwrap_or_default(),
            shown.tied.to_string(),
            shown.candidate,
            shown.vendor,
            shown.score.map(|v| format!("{v:.1}")).unwrap_or_default(),
            format!("{:.2}", shown.quoted_total),
            e.currency.to_string(),
        ];
        rec.extend(
            shown
                .contributions
                .iter()
                .map(|c| c.map(|v| format!("{v:.1}")).unwrap_or_default()),
        );
        w.write_record(&rec).map_err(csv_error)?;
    }
    w.into_inner()
        .map_err(|err| Error::render("the CSV file", err.error()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::report::brief_inputs;
    use crate::store::Portfolio;

    fn demo_export() -> RequestExport {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        build_export(&brief_inputs(&p, crate::ids::RequestId(1)).unwrap(), as_of)
    }

    #[test]
    fn shown_amounts_add_up_and_stay_within_a_cent() {
        let e = demo_export();
        for c in &e.lifecycle.candidates {
            let lc = c.lifecycle.as_ref().unwrap();
            let shown = shown_schedule(lc);
            for (y, exact) in shown.years.iter().zip(&lc.schedule) {
                assert_eq!(y.elements.iter().sum::<Decimal>(), y.total);
                assert!((y.total - exact.total).abs() <= Decimal::new(1, 2));
                for (s, x) in y.elements.iter().zip(elements(exact)) {
                    assert!((*s - x).abs() <= Decimal::new(1, 2));
                }
            }
            assert_eq!(
                shown.element_totals.iter().sum::<Decimal>(),
                shown.nominal_total
            );
            assert_eq!(shown.nominal_total, cents(lc.nominal_total));
            assert!((shown.npv - lc.npv).abs() <= Decimal::new(1, 2));
            let last = shown.years.last().unwrap();
            assert_eq!(last.cumulative, shown.nominal_total);
            assert_eq!(last.cumulative_present_value, shown.npv);
            let fys = shown_fiscal_years(lc);
            for (_, cap, op, total) in &fys {
                assert_eq!(cap + op, *total);
            }
        }
    }

    #[test]
    fn shown_contributions_add_up_to_the_score() {
        let e = demo_export();
        for row in ranking_rows(e.ranking.as_ref().unwrap()) {
            let sum: f64 = row.contributions.iter().flatten().sum();
            assert!((sum - row.score.unwrap()).abs() < 1e-9);
        }
    }

    #[test]
    fn same_export_same_bytes() {
        let e = demo_export();
        assert!(render_xlsx(&e).unwrap() == render_xlsx(&e).unwrap());
    }
}
