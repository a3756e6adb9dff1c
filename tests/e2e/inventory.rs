//! The inventory page: a CMMS export imported through the mapping step (a column the
//! headers do not name mapped by hand, the day/month order of its dates answered), the
//! assets sorted by replacement priority, and a capital request opened from two of them.

use std::path::Path;

use caliper_models::store::Portfolio;
use thirtyfour::prelude::*;

use super::{artifact, click, wait_for};

/// An export whose asset-number column is called "Equip Ctrl" (no synonym of it) and
/// whose dates leave day and month open (every part is 12 or less). Defibrillators have
/// an expected life in the shipped table (5 years), so their ages rank them.
const EXPORT: &str = "\
Equip Ctrl,Nomenclature,Mfr,Model,Dept,Acq Date,Purchase Cost
D-1,Defibrillator,Zoll,R Series,ED,01/02/2012,\"15,000.00\"
D-2,Defibrillator,Zoll,R Series,ED,03/04/2019,15000
D-3,Defibrillator,Philips,HeartStart,ICU,05/06/2016,14000
D-4,Defibrillator,Philips,HeartStart,ICU,07/08/2023,14000
P-1,Infusion pump,Baxter,Sigma,ICU,09/10/2020,3500
";

async fn choose(driver: &WebDriver, select: &str, value: &str) -> WebDriverResult<()> {
    click(
        driver,
        &format!("[data-testid='{select}'] option[value='{value}']"),
    )
    .await
}

/// Imports the export in the app, sorts by priority and opens a request from the two
/// assets ranked first.
pub async fn import_sort_and_open_a_request(
    driver: &WebDriver,
    portfolio: &Path,
) -> WebDriverResult<()> {
    let before = Portfolio::open_read_only(portfolio)
        .and_then(|p| p.assets())
        .map(|a| a.len())
        .expect("the demo's inventory");
    let export = portfolio.with_file_name("tms-export.csv");
    std::fs::write(&export, EXPORT).expect("export written");
    driver
        .execute("window.location.hash = '#/inventory'", vec![])
        .await?;
    click(driver, "[data-testid='inventory-import']").await?;
    driver
        .query(By::Css("[data-testid='import-source']"))
        .first()
        .await?
        .send_keys("Accruent TMS")
        .await?;
    // The file chooser is the native dialog; its path field is typed into instead.
    driver
        .find(By::Css("[data-testid='import-path']"))
        .await?
        .send_keys(export.display().to_string())
        .await?;
    click(driver, "[data-testid='import-read']").await?;
    // No header names the asset number: the mapping step says so, and it is mapped by hand.
    let problem = driver
        .query(By::Css("[data-testid='import-mapping-problem']"))
        .first()
        .await?
        .text()
        .await?;
    assert!(problem.to_lowercase().contains("asset number"), "{problem}");
    choose(driver, "map-1", "asset_number").await?;
    // Read again under the new mapping: the dates leave day and month open.
    let question = driver
        .query(By::Css("[data-testid='import-question']"))
        .first()
        .await?
        .text()
        .await?;
    assert!(question.contains("Acq Date"), "{question}");
    assert!(
        !driver
            .find(By::Css("[data-testid='import-confirm']"))
            .await?
            .is_enabled()
            .await?
    );
    choose(driver, "import-date-order", "day_month").await?;
    wait_for("the import to be possible", || async {
        driver
            .find(By::Css("[data-testid='import-confirm']"))
            .await?
            .is_enabled()
            .await
    })
    .await?;
    let changes = driver
        .find(By::Css("[data-testid='import-changes']"))
        .await?
        .text()
        .await?;
    assert!(changes.contains("5 added"), "{changes}");
    screenshot(driver, "e2e-inventory-mapping.png").await?;
    click(driver, "[data-testid='import-confirm']").await?;
    wait_for_assets(portfolio, before + 5).await?;
    let stored = Portfolio::open_read_only(portfolio)
        .and_then(|p| p.asset("D-1"))
        .expect("D-1 stored");
    // 01/02/2012 read day first: 1 February 2012.
    assert_eq!(
        stored.acquisition_date.map(|d| d.to_string()).as_deref(),
        Some("2012-02-01")
    );
    assert_eq!(
        stored.acquisition_cost,
        Some(rust_decimal::Decimal::from(15_000))
    );

    // Sorted by another column, then by priority again: the engine's order.
    choose(driver, "asset-sort", "asset_number").await?;
    choose(driver, "asset-sort", "priority").await?;
    let order = expected_order(portfolio);
    wait_for("the table in priority order", || {
        let first = order[0].clone();
        async move {
            let rows = driver
                .find_all(By::Css("[data-testid^='asset-row-']"))
                .await?;
            let Some(row) = rows.first() else {
                return Ok(false);
            };
            Ok(row.attr("data-testid").await?.as_deref() == Some(&format!("asset-row-{first}")))
        }
    })
    .await?;
    let mut shown = Vec::new();
    for row in driver
        .find_all(By::Css("[data-testid^='asset-row-']"))
        .await?
    {
        shown.push(
            row.attr("data-testid")
                .await?
                .unwrap_or_default()
                .replace("asset-row-", ""),
        );
    }
    // The rows in view (the table is virtualised) are the engine's first, in its order.
    assert!(shown.len() >= 5, "{shown:?}");
    assert_eq!(
        shown,
        order[..shown.len()],
        "the table's order is the engine's"
    );
    // The first asset's panel explains its score.
    click(driver, &format!("[data-testid='asset-row-{}']", order[0])).await?;
    let why = driver
        .query(By::Css("[data-testid='asset-panel-explanation']"))
        .first()
        .await?
        .text()
        .await?;
    let top = Portfolio::open_read_only(portfolio)
        .expect("portfolio")
        .asset_priorities(chrono::Local::now().date_naive())
        .expect("priorities")
        .remove(0);
    assert_eq!(why, top.explanation);
    // The oldest imported defibrillator is past its 5-year life.
    let d1 = Portfolio::open_read_only(portfolio)
        .expect("portfolio")
        .asset_detail("D-1", chrono::Local::now().date_naive())
        .expect("D-1");
    assert!(d1
        .priority
        .expect("a priority")
        .explanation
        .contains("past its expected life"));
    screenshot(driver, "e2e-inventory.png").await?;

    // A request from the two assets ranked first.
    let (a, b) = (order[0].clone(), order[1].clone());
    click(driver, &format!("[data-testid='asset-select-{a}']")).await?;
    click(driver, &format!("[data-testid='asset-select-{b}']")).await?;
    click(driver, "[data-testid='request-from-selected']").await?;
    choose(driver, "request-department", "1").await?;
    let justification = driver
        .query(By::Css("[data-testid='request-from-assets'] textarea"))
        .first()
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(
        justification.contains(&a) && justification.contains(&b),
        "{justification}"
    );
    click(driver, "[data-testid='request-submit']").await?;
    wait_for("the request replacing both assets", || async {
        let p = match Portfolio::open_read_only(portfolio) {
            Ok(p) => p,
            Err(_) => return Ok(false),
        };
        let Some(last) = p
            .requests()
            .ok()
            .and_then(|r| r.last().map(|s| s.request.id))
        else {
            return Ok(false);
        };
        let linked: Vec<String> = p
            .request_assets(last)
            .map(|v| v.into_iter().map(|x| x.asset_number).collect())
            .unwrap_or_default();
        Ok(linked.len() == 2 && linked.contains(&a) && linked.contains(&b))
    })
    .await?;
    let replaced = driver
        .query(By::Css("[data-testid='replaced-assets']"))
        .first()
        .await?
        .text()
        .await?;
    assert!(replaced.contains(&a) && replaced.contains(&b), "{replaced}");
    screenshot(driver, "e2e-inventory-request.png").await?;

    // The replacement forecast: the defibrillators past their 5-year life fall in the
    // first fiscal year, as the engine's forecast says.
    driver
        .execute("window.location.hash = '#/inventory'", vec![])
        .await?;
    click(driver, "[data-testid='inventory-view-forecast']").await?;
    let total = driver
        .query(By::Css("[data-testid='forecast-total']"))
        .first()
        .await?
        .text()
        .await?;
    let expected = Portfolio::open_read_only(portfolio)
        .and_then(|p| {
            let mut s = p.inventory_settings()?.forecast;
            s.price_index = "0.03".parse().unwrap_or_default();
            p.replacement_forecast(chrono::Local::now().date_naive(), Some(&s))
        })
        .expect("forecast");
    let shown = caliper_models::money::format_amount(expected.total, 2);
    assert!(total.contains(&shown), "{total} should show {shown}");
    screenshot(driver, "e2e-inventory-forecast.png").await
}

/// After the mapping step: the asset numbers of the file in priority order, as the engine
/// computes them.
pub fn expected_order(portfolio: &Path) -> Vec<String> {
    let p = Portfolio::open_read_only(portfolio).expect("portfolio");
    let today = chrono::Local::now().date_naive();
    p.asset_priorities(today)
        .expect("priorities")
        .into_iter()
        .map(|a| a.asset_number)
        .collect()
}

pub async fn wait_for_assets(portfolio: &Path, n: usize) -> WebDriverResult<()> {
    wait_for("the assets in the file", || async {
        Ok(Portfolio::open_read_only(portfolio)
            .and_then(|p| p.assets())
            .map(|a| a.len() == n)
            .unwrap_or(false))
    })
    .await
}

pub async fn screenshot(driver: &WebDriver, name: &str) -> WebDriverResult<()> {
    driver.screenshot(&artifact(name)).await
}
