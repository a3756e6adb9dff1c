//! `inventory import|list|show|recalls|request|lives|settings`: a portfolio's stored
//! inventory (docs/inventory.md).

use std::path::PathBuf;

use caliper_models::domain::{RequestInput, RequestStatus, RequestType};
use caliper_models::ids::DepartmentId;
use caliper_models::inventory::read::{DateOrder, SavedMapping};
use caliper_models::inventory::ExpectedLife;
use caliper_models::store::{AssetQuery, AssetSort, ImportKind, ImportRequest};
use caliper_models::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::inventory_read::{print_common, Common};
use crate::output::{emit_line, print_done, print_json, shown, truncate};
use crate::portfolio::open_portfolio;

#[derive(clap::Args)]
pub struct ImportArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// The export: CSV or other delimited text (any encoding, separator), or .xlsx.
    #[arg(long)]
    file: PathBuf,
    /// The CMMS the export comes from, e.g. "Accruent TMS": its mapping is saved under
    /// this name and used for its next export.
    #[arg(long)]
    source: String,
    /// assets (the equipment inventory) or work-orders.
    #[arg(long, default_value = "assets", value_parser = import_kind)]
    kind: ImportKind,
    #[arg(long)]
    sheet: Option<String>,
    /// A mapping (JSON: {"fields": {"asset_number": "Control #", ...}}), instead of the
    /// one saved for the source or the header's suggestion.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Maps a field to a column by its header text, over the mapping used.
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    map: Vec<String>,
    /// Day/month order of date columns whose values leave it open: dmy or mdy.
    #[arg(long, value_parser = crate::inventory_read::date_order)]
    date_order: Option<DateOrder>,
    /// Dates after this one are in the future (default: today); the priorities are
    /// computed as of it.
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    /// The export lists only some assets: do not retire those it leaves out.
    #[arg(long)]
    partial: bool,
    /// Write the import (without it, only the preview is shown and nothing is saved).
    #[arg(long)]
    confirm: bool,
    /// With --confirm: import the rows read and leave the rejected ones out.
    #[arg(long, requires = "confirm")]
    skip_rejected: bool,
    #[arg(long)]
    json: bool,
}

fn import_kind(text: &str) -> Result<ImportKind> {
    match text.trim().replace('-', "_").as_str() {
        "assets" | "inventory" => Ok(ImportKind::Assets),
        "work_orders" => Ok(ImportKind::WorkOrders),
        _ => Err(Error::validation(
            "kind",
            format!("'{text}' is not an export kind: give assets or work-orders"),
        )),
    }
}

fn import_request(args: &ImportArgs) -> Result<ImportRequest> {
    let mut mapping: Option<SavedMapping> = match &args.mapping {
        Some(path) => Some(crate::input::read_json(path)?),
        None => None,
    };
    if !args.map.is_empty() {
        if mapping.is_none() {
            // --map over the header's suggestion: read it from a preview first.
            let probe = ImportRequest {
                path: args.file.clone(),
                kind: args.kind,
                source: args.source.clone(),
                sheet: args.sheet.clone(),
                mapping: None,
                date_order: args.date_order,
                partial: args.partial,
            };
            let p = open_portfolio(&args.portfolio, false)?;
            let preview = p
                .preview_inventory_import(&probe, crate::input::as_of_or_today(args.as_of))
                .ok();
            mapping = Some(
                preview
                    .and_then(|v| {
                        v.assets
                            .map(|a| a.mapping)
                            .or(v.work_orders.map(|w| w.mapping))
                    })
                    .unwrap_or_default(),
            );
        }
        let m = mapping.get_or_insert_with(SavedMapping::default);
        for pair in &args.map {
            let (field, header) = pair
                .split_once('=')
                .ok_or_else(|| Error::validation("map", format!("'{pair}' is not FIELD=HEADER")))?;
            m.fields
                .insert(field.trim().to_string(), header.trim().to_string());
        }
    }
    Ok(ImportRequest {
        path: args.file.clone(),
        kind: args.kind,
        source: args.source.clone(),
        sheet: args.sheet.clone(),
        mapping,
        date_order: args.date_order,
        partial: args.partial,
    })
}

pub fn run_import(args: ImportArgs) -> Result<()> {
    let request = import_request(&args)?;
    let as_of = crate::input::as_of_or_today(args.as_of);
    if args.confirm {
        let mut p = open_portfolio(&args.portfolio, true)?;
        let outcome = p.import_inventory(&request, as_of, args.skip_rejected)?;
        // The import stands even when the priorities cannot be computed: say why.
        let priorities = p.refresh_priorities(as_of, &|_| {});
        if args.json {
            return print_json(&serde_json::json!({
                "import": outcome,
                "priorities": priorities.as_ref().ok(),
                "priority_problem": priorities.as_ref().err().map(ToString::to_string),
            }));
        }
        if let Some(a) = &outcome.assets {
            emit_line(&format!(
                "assets: {} added, {} changed, {} unchanged, {} retired",
                a.added.len(),
                a.changed.len(),
                a.unchanged,
                a.retired.len()
            ))?;
        }
        if let Some(w) = &outcome.work_orders {
            emit_line(&format!(
                "work orders: {} added, {} replaced, {} unchanged",
                w.added, w.replaced, w.unchanged
            ))?;
        }
        if outcome.skipped_rows > 0 {
            emit_line(&format!("{} rejected rows left out", outcome.skipped_rows))?;
        }
        return match &priorities {
            Ok(r) => emit_line(&format!(
                "priorities: {} of {} active assets scored",
                r.scored, r.assets
            )),
            Err(e) => emit_line(&format!(
                "priorities not computed: {}",
                shown(&e.to_string())
            )),
        };
    }
    let p = open_portfolio(&args.portfolio, false)?;
    let preview = p.preview_inventory_import(&request, as_of)?;
    if args.json {
        return print_json(&preview);
    }
    let reading = match (&preview.assets, &preview.work_orders) {
        (Some(a), _) => Some(Common::of(a)),
        (None, Some(w)) => Some(Common::of(w)),
        (None, None) => None,
    };
    if let Some(r) = &reading {
        print_common(r)?;
    }
    if let Some(c) = &preview.changes {
        emit_line(&format!(
            "on --confirm: {} added, {} changed, {} unchanged, {} retired",
            c.added.len(),
            c.changed.len(),
            c.unchanged,
            c.retired.len()
        ))?;
    }
    emit_line(&format!(
        "{} records would be imported; nothing saved (add --confirm)",
        preview.records
    ))
}

#[derive(clap::Args)]
pub struct ListArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// priority (default), asset_number, device_type, department, age or mel.
    #[arg(long, default_value = "priority", value_parser = sort_of)]
    sort: AssetSort,
    /// Lowest first (the default is highest priority, age or MEL first, else A to Z).
    #[arg(long)]
    ascending: bool,
    /// Text in the asset number, device type, manufacturer, model, serial or department.
    #[arg(long, default_value = "")]
    search: String,
    #[arg(long)]
    department: Option<String>,
    #[arg(long)]
    include_retired: bool,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    #[arg(long, default_value_t = 0)]
    offset: u32,
    #[arg(long)]
    json: bool,
}

fn sort_of(text: &str) -> Result<AssetSort> {
    crate::input::choice("sort", text)
}

pub fn run_list(args: ListArgs) -> Result<()> {
    let p = open_portfolio(&args.portfolio, false)?;
    let numeric = matches!(
        args.sort,
        AssetSort::Priority | AssetSort::Age | AssetSort::Mel
    );
    let page = p.asset_page(&AssetQuery {
        sort: args.sort,
        descending: numeric && !args.ascending,
        search: args.search,
        department: args.department,
        include_retired: args.include_retired,
        offset: args.offset,
        limit: args.limit,
    })?;
    if args.json {
        return print_json(&page);
    }
    emit_line(&format!(
        "{:<14} {:<20} {:<16} {:>6} {:>6} {:>6}  Why",
        "Asset", "Type", "Department", "Age", "MEL %", "Score"
    ))?;
    let num = |v: Option<f64>, d: usize| v.map_or("-".to_string(), |v| format!("{v:.d$}"));
    for r in &page.rows {
        emit_line(&format!(
            "{:<14} {:<20} {:<16} {:>6} {:>6} {:>6}  {}",
            truncate(&shown(&r.asset_number), 14),
            truncate(&shown(r.device_type.as_deref().unwrap_or("-")), 20),
            truncate(&shown(r.department.as_deref().unwrap_or("-")), 16),
            num(r.age_years, 1),
            num(r.mel_percent, 0),
            num(r.score, 1),
            shown(&r.explanation)
        ))?;
    }
    emit_line(&format!(
        "{} of {} assets (from {})",
        page.rows.len(),
        page.total,
        page.offset + 1
    ))
}

#[derive(clap::Args)]
pub struct ShowArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    asset: String,
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run_show(args: ShowArgs) -> Result<()> {
    let p = open_portfolio(&args.portfolio, false)?;
    let d = p.asset_detail(&args.asset, crate::input::as_of_or_today(args.as_of))?;
    if args.json {
        return print_json(&d);
    }
    let a = &d.asset;
    emit_line(&format!(
        "{} {} ({})",
        shown(&a.asset_number),
        shown(a.device_type.as_deref().unwrap_or("device type not known")),
        shown(
            &[a.manufacturer.as_deref(), a.model.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        )
    ))?;
    if let Some(pr) = &d.priority {
        emit_line(&format!("priority: {}", shown(&pr.explanation)))?;
        for f in &pr.factors {
            emit_line(&format!(
                "  {:?}: {} (severity {}, weight {}, {} points)",
                f.factor,
                shown(&f.value.to_string()),
                f.severity,
                f.weight,
                f.contribution
            ))?;
        }
    }
    if let Some(code) = &a.product_code {
        match &d.product {
            Some(pc) => emit_line(&format!(
                "FDA product code {code}: {} (class {}, 21 CFR {}, {})",
                pc.device_name, pc.device_class, pc.regulation, pc.specialty
            ))?,
            None => emit_line(&format!("warning: {}", shown(&d.product_warning)))?,
        }
    }
    for r in &d.recalls {
        emit_line(&format!(
            "recall {} ({}): {}",
            r.id,
            r.status,
            shown(&r.reason)
        ))?;
    }
    emit_line(&format!("{} work orders", d.work_orders.len()))
}

#[derive(clap::Args)]
pub struct RecallsArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// An openFDA device recall file (JSON, as downloaded from open.fda.gov).
    #[arg(long)]
    file: PathBuf,
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run_recalls(args: RecallsArgs) -> Result<()> {
    let mut p = open_portfolio(&args.portfolio, true)?;
    let matches = p.import_recall_file(&args.file)?;
    p.refresh_priorities(crate::input::as_of_or_today(args.as_of), &|_| {})?;
    let stored = p.recalls()?.len();
    if args.json {
        return print_json(&serde_json::json!({ "recalls": stored, "matches": matches }));
    }
    for m in &matches {
        emit_line(&format!(
            "{}: recall {} ({})",
            shown(&m.asset_number),
            m.recall_id,
            m.basis
        ))?;
    }
    emit_line(&format!(
        "{stored} recalls stored; {} asset matches in all",
        matches.len()
    ))
}

#[derive(clap::Args)]
pub struct RequestArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// The assets the request replaces (repeat, or comma-separated).
    #[arg(long = "asset", value_delimiter = ',', required = true)]
    assets: Vec<String>,
    #[arg(long)]
    department: DepartmentId,
    /// Default: "Replace N assets".
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    fiscal_year: i32,
    /// Default: the portfolio's currency.
    #[arg(long)]
    currency: Option<String>,
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run_request(args: RequestArgs) -> Result<()> {
    let mut p = open_portfolio(&args.portfolio, true)?;
    let as_of = crate::input::as_of_or_today(args.as_of);
    let justification = p.replacement_justification(&args.assets, as_of)?;
    let n = args.assets.len();
    let currency = match args.currency {
        Some(c) => c,
        None => p.portfolio_assumptions()?.currency.to_string(),
    };
    let input = RequestInput {
        title: args
            .title
            .unwrap_or_else(|| format!("Replace {n} asset{}", if n == 1 { "" } else { "s" })),
        department_id: args.department,
        request_type: RequestType::Replacement,
        quantity: n as u32,
        fiscal_year: args.fiscal_year,
        justification,
        status: RequestStatus::Draft,
        currency,
        method: Default::default(),
    };
    let request = p.create_request_from_assets(&input, &args.assets)?;
    print_done(
        args.json,
        &request,
        &format!("request {} created, replacing {n} assets", request.id),
    )
}

#[derive(clap::Args)]
pub struct LivesArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// Set a device type's life: "Infusion pump=10" (years; blank clears it).
    #[arg(long = "set", value_name = "TYPE=YEARS")]
    set: Vec<String>,
    /// Where the years set come from.
    #[arg(long)]
    source: Option<String>,
    /// The date the priorities are computed again as of, after a change (default: today).
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run_lives(args: LivesArgs) -> Result<()> {
    let mut p = open_portfolio(&args.portfolio, !args.set.is_empty())?;
    let mut lives = p.expected_lives()?;
    for pair in &args.set {
        let (kind, years) = pair
            .split_once('=')
            .ok_or_else(|| Error::validation("set", format!("'{pair}' is not TYPE=YEARS")))?;
        let years = match years.trim() {
            "" => None,
            y => Some(y.parse::<Decimal>().map_err(|_| {
                Error::validation("set", format!("'{y}' is not a number of years"))
            })?),
        };
        match lives
            .iter_mut()
            .find(|l| l.device_type.trim().eq_ignore_ascii_case(kind.trim()))
        {
            Some(l) => {
                l.years = years;
                l.source = args.source.clone();
            }
            None => lives.push(ExpectedLife {
                device_type: kind.trim().to_string(),
                years,
                source: args.source.clone(),
            }),
        }
    }
    if !args.set.is_empty() {
        p.set_expected_lives(&lives)?;
        p.refresh_priorities(crate::input::as_of_or_today(args.as_of), &|_| {})?;
        lives = p.expected_lives()?;
    }
    if args.json {
        return print_json(&lives);
    }
    for l in &lives {
        emit_line(&format!(
            "{:<28} {:>6}  {}",
            shown(&l.device_type),
            l.years.map_or("-".into(), |y| y.normalize().to_string()),
            shown(l.source.as_deref().unwrap_or(""))
        ))?;
    }
    Ok(())
}

#[derive(clap::Args)]
pub struct SettingsArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// Money per labour hour of a work order.
    #[arg(long)]
    labour_rate: Option<Decimal>,
    /// The forecast's annual price index, e.g. 0.03.
    #[arg(long, allow_hyphen_values = true)]
    price_index: Option<Decimal>,
    /// The priority at or over which the forecast replaces an asset at once.
    #[arg(long)]
    threshold: Option<Decimal>,
    /// The weights of the factors as JSON, e.g. {"age": 30, "cyber": 5}.
    #[arg(long)]
    weights: Option<String>,
    /// The date the priorities are computed again as of, after a change (default: today).
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    #[arg(long)]
    json: bool,
}

pub fn run_settings(args: SettingsArgs) -> Result<()> {
    let changes = args.labour_rate.is_some()
        || args.price_index.is_some()
        || args.threshold.is_some()
        || args.weights.is_some();
    let mut p = open_portfolio(&args.portfolio, changes)?;
    let mut s = p.inventory_settings()?;
    if let Some(r) = args.labour_rate {
        s.labour_rate = Some(r);
    }
    if let Some(i) = args.price_index {
        s.forecast.price_index = i;
    }
    if let Some(t) = args.threshold {
        s.forecast.threshold = Some(t);
    }
    if let Some(w) = &args.weights {
        s.weights = caliper_models::error::from_json("weights", w)?;
    }
    if changes {
        s.forecast.check()?;
        p.set_inventory_settings(&s)?;
        p.refresh_priorities(crate::input::as_of_or_today(args.as_of), &|_| {})?;
    }
    print_json(&s)
}
