//! `inventory priority` and `inventory forecast`: the replacement priority of each asset,
//! explained, and the replacement spend by fiscal year, from a stateless JSON input
//! (docs/json-formats.md, "Inventory priority") or a portfolio's stored inventory.

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
    #[arg(
        long,
        required_unless_present = "portfolio",
        conflicts_with = "portfolio"
    )]
    input: Option<PathBuf>,
    /// A portfolio's stored inventory instead (its settings, lives, recalls, work orders).
    #[arg(long)]
    portfolio: Option<PathBuf>,
    /// With --portfolio: the date the priority is as of (default: today).
    #[arg(long, value_parser = crate::input::date, requires = "portfolio")]
    as_of: Option<chrono::NaiveDate>,
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
    #[arg(
        long,
        required_unless_present = "portfolio",
        conflicts_with = "portfolio"
    )]
    input: Option<PathBuf>,
    /// A portfolio's stored inventory instead, with its stored forecast settings.
    #[arg(long)]
    portfolio: Option<PathBuf>,
    /// With --portfolio: the date the forecast is as of (default: today).
    #[arg(long, value_parser = crate::input::date, requires = "portfolio")]
    as_of: Option<chrono::NaiveDate>,
    /// Write the forecast to FILE.xlsx (years, by department, by device type) or FILE.csv.
    #[arg(long, conflicts_with = "json")]
    out: Option<PathBuf>,
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
    let mut ranked = match (&args.input, &args.portfolio) {
        (Some(file), _) => {
            let input = read_input(file)?;
            rank(&input.assets, &input.work_orders, &input.settings())?
        }
        (None, Some(portfolio)) => crate::portfolio::open_portfolio(portfolio, false)?
            .asset_priorities(crate::input::as_of_or_today(args.as_of))?,
        (None, None) => {
            return Err(caliper_models::Error::validation(
                "input",
                "give --input FILE or --portfolio P",
            ))
        }
    };
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
    let result = match (&args.input, &args.portfolio) {
        (Some(file), _) => {
            let input = read_input(file)?;
            let mut settings = input.forecast.clone().unwrap_or_default();
            if let Some(years) = args.years {
                settings.years = years;
            }
            forecast(
                &input.assets,
                &input.work_orders,
                &input.settings(),
                &settings,
            )?
        }
        (None, Some(portfolio)) => {
            let p = crate::portfolio::open_portfolio(portfolio, false)?;
            let mut settings = p.inventory_settings()?.forecast;
            if let Some(years) = args.years {
                settings.years = years;
            }
            p.replacement_forecast(crate::input::as_of_or_today(args.as_of), Some(&settings))?
        }
        (None, None) => {
            return Err(caliper_models::Error::validation(
                "input",
                "give --input FILE or --portfolio P",
            ))
        }
    };
    if let Some(out) = &args.out {
        caliper_models::report::forecast::write_forecast(&result, out)?;
        return crate::output::emit_line(&format!(
            "wrote the replacement forecast FY{}-FY{} ({}) to {}",
            result.first_year,
            result.last_year,
            format_amount(result.total, 2),
            out.display()
        ));
    }
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
