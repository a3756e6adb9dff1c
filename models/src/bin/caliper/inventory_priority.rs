//! `inventory priority` and `inventory forecast`: the replacement priority of each asset,
//! explained, and the replacement spend by fiscal year, from a stateless JSON input
//! (docs/json-formats.md, "Inventory priority").

use std::fmt::Write;
use std::path::PathBuf;

use caliper_models::inventory::{
    forecast, rank, AssetPriority, InventoryInput, ReplacementForecast,
};
use caliper_models::money::format_amount;
use caliper_models::Result;

use crate::input::read_text;
use crate::output::{emit, print_json, shown, truncate};

#[derive(clap::Args)]
pub struct PriorityArgs {
    /// Assets, work orders and settings as JSON (docs/json-formats.md, "Inventory priority").
    #[arg(long)]
    input: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Only the first N assets of the ranking.
    #[arg(long)]
    top: Option<usize>,
}

#[derive(clap::Args)]
pub struct ForecastArgs {
    /// Assets, work orders and settings as JSON (docs/json-formats.md, "Inventory forecast").
    #[arg(long)]
    input: PathBuf,
    /// Fiscal years to forecast (1 to 30); else the input's `forecast.years`, else 5.
    #[arg(long)]
    years: Option<u32>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

fn read_input(file: &std::path::Path) -> Result<InventoryInput> {
    let text = read_text(file)?;
    let input: InventoryInput =
        caliper_models::error::from_json(&file.display().to_string(), &text)?;
    input.check()?;
    Ok(input)
}

pub fn run_priority(args: PriorityArgs) -> Result<()> {
    let input = read_input(&args.input)?;
    let mut ranked = rank(&input.assets, &input.work_orders, &input.settings())?;
    if let Some(n) = args.top {
        ranked.truncate(n);
    }
    if args.json {
        print_json(&ranked)
    } else {
        emit(&priority_table(&ranked))
    }
}

pub fn run_forecast(args: ForecastArgs) -> Result<()> {
    let input = read_input(&args.input)?;
    let mut settings = input.forecast.clone().unwrap_or_default();
    if let Some(years) = args.years {
        settings.years = years;
    }
    let result = forecast(
        &input.assets,
        &input.work_orders,
        &input.settings(),
        &settings,
    )?;
    if args.json {
        print_json(&result)
    } else {
        emit(&forecast_table(&result))
    }
}

/// Rank, asset, type, department, score, and the drivers (or the explanation).
fn priority_table(ranked: &[AssetPriority]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:>5}  {:<14} {:<22} {:<16} {:>6}  Why",
        "Rank", "Asset", "Type", "Department", "Score"
    );
    for (i, p) in ranked.iter().enumerate() {
        let why = if p.score.is_none() || p.drivers.is_empty() {
            p.explanation.clone()
        } else {
            p.drivers.join("; ")
        };
        let _ = writeln!(
            out,
            "{:>5}  {:<14} {:<22} {:<16} {:>6}  {}",
            i + 1,
            truncate(&p.asset_number, 14),
            truncate(p.device_type.as_deref().unwrap_or("-"), 22),
            truncate(p.department.as_deref().unwrap_or("-"), 16),
            p.score.map_or_else(|| "-".into(), |s| s.to_string()),
            shown(&why)
        );
    }
    if ranked.is_empty() {
        let _ = writeln!(out, "  (no active asset)");
    }
    out
}

/// The spend by year, then by department and by device type, and what is not forecast.
fn forecast_table(f: &ReplacementForecast) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Replacement spend FY{}-FY{} (fiscal years starting in month {}, price index {} a year)",
        f.first_year,
        f.last_year,
        f.fiscal_year_start_month,
        f.price_index.normalize()
    );
    let _ = writeln!(out, "  {:<8} {:>8} {:>18}", "Year", "Assets", "Spend");
    for y in &f.years {
        let _ = writeln!(
            out,
            "  FY{:<6} {:>8} {:>18}",
            y.fiscal_year,
            y.assets.len(),
            format_amount(y.total, 2)
        );
    }
    let _ = writeln!(
        out,
        "  {:<8} {:>8} {:>18}",
        "Total",
        "",
        format_amount(f.total, 2)
    );
    for (title, rows) in [
        ("By department", &f.by_department),
        ("By device type", &f.by_device_type),
    ] {
        let _ = writeln!(out, "{title}:");
        for row in rows.iter() {
            let _ = writeln!(
                out,
                "  {:<28} {:>18}",
                truncate(row.name.as_deref().unwrap_or("(not stated)"), 28),
                format_amount(row.total, 2)
            );
        }
    }
    if f.beyond_horizon > 0 {
        let _ = writeln!(
            out,
            "Replaced after FY{}: {}",
            f.last_year,
            assets(f.beyond_horizon)
        );
    }
    for n in &f.not_forecast {
        use caliper_models::ipc::Choice;
        let _ = writeln!(
            out,
            "Not forecast ({}): {}",
            n.reason.label().to_lowercase(),
            assets(n.count)
        );
    }
    out
}

fn assets(n: u32) -> String {
    if n == 1 {
        "1 asset".into()
    } else {
        format!("{n} assets")
    }
}
