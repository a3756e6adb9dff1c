//! `brief`, `export` and `chart`: the documents for the budget committee (the PDF brief
//! or a fiscal year's capital summary, the workbook or CSV, a chart for slides).

use std::path::PathBuf;

use caliper_models::ids::RequestId;
use caliper_models::money::{format_amount, parse_amount};
use caliper_models::report::svg::{ChartFormat, ChartKind};
use caliper_models::report::{
    write_brief, write_chart, write_export, write_summary, ExportFormat, Paper,
};
use caliper_models::store::Portfolio;
use caliper_models::{Error, Result};
use chrono::NaiveDate;

use crate::input::{self, as_of_or_today};
use crate::output::{emit_line, shown};

#[derive(clap::Args)]
pub struct BriefArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// The request of the brief.
    #[arg(
        long,
        required_unless_present = "fiscal_year",
        conflicts_with = "fiscal_year"
    )]
    request: Option<RequestId>,
    /// The fiscal year of the capital summary (e.g. 2027), instead of --request.
    #[arg(long)]
    fiscal_year: Option<i32>,
    /// The capital budget of the summary, a decimal (e.g. 1500000 or 1,500,000.00).
    // Parsed after the check that it does not come with --request, which reports first.
    #[arg(long, requires = "fiscal_year")]
    budget: Option<String>,
    /// The PDF to write; replaced only once the brief is complete.
    #[arg(long)]
    out: PathBuf,
    /// Paper size: a4 (default) or letter.
    #[arg(long, default_value = "a4", value_parser = input::paper)]
    paper: Paper,
    /// The date the brief is as of (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = input::date)]
    as_of: Option<NaiveDate>,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    /// FILE.xlsx or FILE.csv; replaced only once it is complete.
    #[arg(long)]
    out: PathBuf,
    /// The date the export is as of (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = input::date)]
    as_of: Option<NaiveDate>,
}

#[derive(clap::Args)]
pub struct ChartArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    /// contributions (score by criterion), cumulative (cumulative cost), tornado, or payback
    /// (the cumulative net cash flow of the highest-ranked candidate with a financial case).
    #[arg(long, value_parser = input::chart_kind)]
    kind: ChartKind,
    /// FILE.svg or FILE.png; replaced only once it is complete.
    #[arg(long)]
    out: PathBuf,
    /// svg or png; defaults to the format of --out's extension.
    #[arg(long, value_parser = input::chart_format)]
    format: Option<ChartFormat>,
    /// The date the chart is as of (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = input::date)]
    as_of: Option<NaiveDate>,
}

pub fn run_brief(args: BriefArgs) -> Result<()> {
    let as_of = as_of_or_today(args.as_of);
    if args.budget.is_some() && args.request.is_some() {
        return Err(Error::validation(
            "budget",
            "a budget goes with --fiscal-year (the capital summary), not --request",
        ));
    }
    let budget = args
        .budget
        .map(|b| parse_amount("budget", &b))
        .transpose()?;
    let p = Portfolio::open_read_only(&args.portfolio)?;
    let out = args.out;
    let Some(request) = args.request else {
        let fy = args.fiscal_year.unwrap_or_default();
        let s = write_summary(&p, fy, budget, as_of, args.paper, &out)?;
        emit_line(&format!(
            "wrote the FY{fy} capital summary ({} requests, {} {} requested) to {} (inputs {})",
            s.lines.len(),
            s.currency,
            format_amount(s.total_capital, 0),
            out.display(),
            s.content_hash
        ))?;
        return Ok(());
    };
    let brief = write_brief(&p, request, as_of, args.paper, &out)?;
    emit_line(&format!(
        "wrote the brief of request {} ({}) to {} (inputs {})",
        request,
        shown(&brief.request.title),
        out.display(),
        brief.content_hash
    ))?;
    Ok(())
}

pub fn run_export(args: ExportArgs) -> Result<()> {
    // Checked before anything is read, so a wrong extension fails fast.
    ExportFormat::of_path(&args.out)?;
    let as_of = as_of_or_today(args.as_of);
    let p = Portfolio::open_read_only(&args.portfolio)?;
    let (format, export) = write_export(&p, args.request, as_of, &args.out)?;
    let what = match format {
        ExportFormat::Xlsx => "workbook",
        ExportFormat::Csv => "ranked comparison",
    };
    emit_line(&format!(
        "wrote the {what} of request {} ({}) to {} (inputs {})",
        args.request,
        shown(&export.request.title),
        args.out.display(),
        export.content_hash
    ))?;
    Ok(())
}

pub fn run_chart(args: ChartArgs) -> Result<()> {
    let format = match args.format {
        Some(format) => format,
        None => ChartFormat::of_path(&args.out)?,
    };
    let as_of = as_of_or_today(args.as_of);
    let p = Portfolio::open_read_only(&args.portfolio)?;
    let brief = write_chart(&p, args.request, as_of, args.kind, format, &args.out)?;
    emit_line(&format!(
        "wrote the {} chart of request {} ({}) to {}",
        kind_name(args.kind),
        args.request,
        shown(&brief.request.title),
        args.out.display()
    ))?;
    Ok(())
}

/// The kind as `--kind` names it.
fn kind_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Contributions => "contributions",
        ChartKind::Cumulative => "cumulative",
        ChartKind::Tornado => "tornado",
        ChartKind::Payback => "payback",
    }
}
