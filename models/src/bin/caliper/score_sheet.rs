//! `score sheet` and `score import`: evaluators' score sheets out and back.

use std::path::PathBuf;

use caliper_models::ids::{EvaluatorId, RequestId};
use caliper_models::import::score_sheet::read_file;
use caliper_models::report::score_sheet::{format_of, write_sheets, SheetFormat};
use caliper_models::scoresheet::{read, PreviewStatus, SheetPreview};
use caliper_models::store::Portfolio;
use caliper_models::{Error, Result};
use chrono::NaiveDate;

use crate::input::as_of_or_today;
use crate::output::{emit_line, print_json, shown};
use crate::portfolio::open_portfolio;

#[derive(clap::Args)]
pub struct SheetArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    /// One evaluator's sheet (with --out); without it, a sheet for every evaluator
    /// (with --out-dir).
    #[arg(long, requires = "out")]
    evaluator: Option<EvaluatorId>,
    /// The sheet file: .xlsx or .csv.
    #[arg(long, requires = "evaluator", conflicts_with = "out_dir")]
    out: Option<PathBuf>,
    /// A folder for every evaluator's sheet.
    #[arg(long, required_unless_present = "out")]
    out_dir: Option<PathBuf>,
    /// The format of the sheets written into --out-dir.
    #[arg(long, value_enum, default_value = "xlsx")]
    format: FormatArg,
    /// The date the sheet says it was made (YYYY-MM-DD; default today).
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Xlsx,
    Csv,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// The returned sheet (.xlsx or .csv).
    #[arg(long)]
    from: PathBuf,
    /// The request the sheet must be for (default: the one it names).
    #[arg(long)]
    request: Option<RequestId>,
    /// Merge the new and changed scores; without it, the preview is shown and nothing is
    /// saved.
    #[arg(long)]
    confirm: bool,
    /// Who merges the sheet, for the request's history (default: $CALIPER_USER).
    #[arg(long)]
    by: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run_sheet(args: SheetArgs) -> Result<()> {
    let p = Portfolio::open_read_only(&args.portfolio)?;
    let made_on = as_of_or_today(args.as_of);
    let (sheets, format, dir) = match (&args.evaluator, &args.out, &args.out_dir) {
        (Some(evaluator), Some(out), _) => {
            let format = format_of(out)?;
            let sheet = p.score_sheet(args.request, *evaluator, made_on)?;
            let bytes = caliper_models::report::score_sheet::render(&sheet, format)?;
            caliper_models::output::write_atomically(out, &bytes)?;
            let written = vec![caliper_models::report::score_sheet::SheetWritten {
                path: out.display().to_string(),
                evaluator_id: sheet.evaluator_id,
                evaluator: sheet.evaluator_name.clone(),
            }];
            return report_written(&written, args.json);
        }
        (_, _, Some(dir)) => {
            let format = match args.format {
                FormatArg::Xlsx => SheetFormat::Xlsx,
                FormatArg::Csv => SheetFormat::Csv,
            };
            (p.score_sheets(args.request, made_on)?, format, dir)
        }
        _ => {
            return Err(Error::validation(
                "out",
                "give --evaluator with --out, or --out-dir for every evaluator",
            ))
        }
    };
    let written = write_sheets(&sheets, format, dir)?;
    report_written(&written, args.json)
}

fn report_written(
    written: &[caliper_models::report::score_sheet::SheetWritten],
    json: bool,
) -> Result<()> {
    if json {
        return print_json(&written);
    }
    for w in written {
        emit_line(&format!(
            "wrote {}'s score sheet: {}",
            shown(&w.evaluator),
            shown(&w.path)
        ))?;
    }
    Ok(())
}

pub fn run_import(args: ImportArgs) -> Result<()> {
    let grid = read_file(&args.from)?;
    let sheet = read(&grid)?;
    if !args.confirm {
        let p = Portfolio::open_read_only(&args.portfolio)?;
        let preview = p.preview_score_sheet(&sheet, args.request)?;
        if args.json {
            print_json(&preview)?;
        } else {
            print_preview(&preview)?;
        }
        return match preview.problems.first() {
            Some(first) => Err(Error::Parse {
                location: preview.file.clone(),
                message: format!(
                    "{}: {}; the sheet cannot be merged as it is",
                    first.place, first.message
                ),
            }),
            None if args.json => Ok(()),
            None => emit_line("nothing was saved: run again with --confirm to merge"),
        };
    }
    let mut p = open_portfolio(&args.portfolio, true)?;
    let by = args
        .by
        .clone()
        .or_else(|| std::env::var("CALIPER_USER").ok())
        .unwrap_or_default();
    p.set_user(&by)?;
    let merged = p.import_score_sheet(&sheet, args.request)?;
    if args.json {
        return print_json(&merged);
    }
    emit_line(&format!(
        "merged {}'s score sheet for request {}: {} new, {} changed, {} unchanged, {} blank",
        shown(&merged.evaluator_name),
        merged.request_id,
        merged.new,
        merged.changed,
        merged.unchanged,
        merged.blank
    ))
}

fn print_preview(preview: &SheetPreview) -> Result<()> {
    emit_line(&format!(
        "{}: {}'s score sheet for request {} '{}'",
        shown(&preview.file),
        shown(&preview.evaluator_name),
        preview.request_id,
        shown(&preview.request_title)
    ))?;
    for row in &preview.rows {
        let what = match row.status {
            PreviewStatus::New => format!("new        {}", score(row.score)),
            PreviewStatus::Changed => {
                format!(
                    "changed    {} (was {})",
                    score(row.score),
                    score(row.stored)
                )
            }
            PreviewStatus::Unchanged => format!("unchanged  {}", score(row.score)),
            PreviewStatus::Blank => match row.stored {
                Some(s) => format!("blank      (keeps {s})"),
                None => "blank".to_string(),
            },
            PreviewStatus::OutOfRange => format!("refused    '{}'", shown(&row.text)),
        };
        emit_line(&format!(
            "  {:<28} {} / {}: {what}",
            shown(&row.place),
            shown(&row.candidate),
            shown(&row.criterion)
        ))?;
    }
    emit_line(&format!(
        "{} new, {} changed, {} unchanged, {} blank",
        preview.new, preview.changed, preview.unchanged, preview.blank
    ))?;
    for problem in &preview.problems {
        emit_line(&format!(
            "problem: {}: {}",
            shown(&problem.place),
            shown(&problem.message)
        ))?;
    }
    Ok(())
}

fn score(s: Option<u8>) -> String {
    s.map_or_else(|| "-".to_string(), |s| s.to_string())
}
