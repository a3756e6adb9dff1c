//! The financial case on the lifecycle tab: the cumulative net cash flow chart marks the
//! engine's payback; the depreciation and lease form reaches the file through the engine's
//! checks (a salvage above the capital is refused and nothing is written), and a saved
//! change moves the page's depreciation and brings its lease comparison.

use std::path::Path;

use caliper_models::finance::case::CandidateCaseView;
use caliper_models::finance::DepreciationMethod;
use caliper_models::ids::{CandidateId, RequestId};
use caliper_models::money::format_amount;
use caliper_models::store::Portfolio;
use thirtyfour::prelude::*;

use super::{artifact, click, type_over, wait_for};

async fn text_of(driver: &WebDriver, css: &str) -> WebDriverResult<String> {
    driver.query(By::Css(css)).first().await?.text().await
}

/// Brings the element of `css` to `block` ('start', 'center') of the window, lets it
/// paint, and saves what the window shows as the artifact `name`.
async fn screenshot_at(
    driver: &WebDriver,
    css: &str,
    block: &str,
    name: &str,
) -> WebDriverResult<()> {
    let element = driver.query(By::Css(css)).first().await?;
    driver
        .execute(
            &format!("arguments[0].scrollIntoView({{block: '{block}'}})"),
            vec![element.to_json()?],
        )
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    driver.screenshot(&artifact(name)).await
}

/// The engine's view of one candidate's case, for the saved file.
fn engine_case(portfolio: &Path, candidate: CandidateId) -> CandidateCaseView {
    Portfolio::open_read_only(portfolio)
        .and_then(|p| p.financial_case_view(RequestId(1)))
        .expect("financial case")
        .candidates
        .into_iter()
        .find(|c| c.candidate_id == candidate)
        .expect("the candidate's case")
}

/// On the demo's ICU monitors, for the Norvale candidate: a saving large enough to pay the
/// monitors back puts the engine's payback on the chart; then the depreciation and lease
/// form is refused a salvage above the capital, and saves double declining balance with an
/// operating lease.
pub async fn depreciation_lease_and_payback(
    driver: &WebDriver,
    portfolio: &Path,
) -> WebDriverResult<()> {
    let norvale = Portfolio::open_read_only(portfolio)
        .and_then(|p| p.candidates(RequestId(1)))
        .expect("read the demo")
        .into_iter()
        .find(|c| c.model == "VitaView 700")
        .expect("Norvale candidate")
        .id;
    driver
        .execute("window.location.hash = '#/request/1/lifecycle'", vec![])
        .await?;
    click(
        driver,
        &format!("[data-testid='case-candidate'] option[value='{norvale}']"),
    )
    .await?;

    // A saving of 400,000 a year pays the monitors back: the chart marks the payback in
    // the engine's words, where its cumulative net cash flow crosses zero.
    let amount = driver
        .query(By::Css("[data-testid='saving-amount']"))
        .first()
        .await?;
    type_over(driver, &amount, "400000").await?;
    click(driver, "[data-testid='savings-save']").await?;
    wait_for("the payback marker", || async {
        let expected = engine_case(portfolio, norvale).payback.map(|p| p.label);
        let shown = driver
            .find_all(By::Css("[data-testid='simple-payback-label']"))
            .await?;
        Ok(match (shown.first(), expected) {
            (Some(label), Some(expected)) => {
                label.text().await? == expected && expected.starts_with("Payback ")
            }
            _ => false,
        })
    })
    .await?;
    let chart = driver
        .find(By::Css("[data-testid='net-cash-flow-chart']"))
        .await?;
    assert_eq!(
        chart
            .find_all(By::Css("[data-testid='payback-marker']"))
            .await?
            .len(),
        1
    );
    screenshot_at(
        driver,
        "[data-testid='net-cash-flow-chart']",
        "center",
        "e2e-net-cash-flow-chart.png",
    )
    .await?;

    // A salvage above the capital: the engine's refusal beside the form, nothing written.
    let stored = || {
        Portfolio::open_read_only(portfolio)
            .and_then(|p| p.depreciation_and_lease(norvale))
            .expect("depreciation and lease")
    };
    let before = stored();
    let first_depreciation = "[data-testid='budget-depreciation']";
    let depreciation_before = text_of(driver, first_depreciation).await?;
    let salvage = driver
        .query(By::Css("[data-testid='depreciation-salvage']"))
        .first()
        .await?;
    type_over(driver, &salvage, "99000000").await?;
    click(driver, "[data-testid='depreciation-save']").await?;
    let refusal = text_of(driver, "[data-testid='depreciation-error']").await?;
    assert!(refusal.contains("depreciation.salvage"), "{refusal}");
    assert!(refusal.contains("above the cost"), "{refusal}");
    assert_eq!(stored(), before, "a refused change writes nothing");
    screenshot_at(
        driver,
        "[data-testid='depreciation-editor']",
        "start",
        "e2e-depreciation-refused.png",
    )
    .await?;

    // Double declining balance and an operating lease of 150,000 a year for 5 years.
    salvage.send_keys(Key::Control + "a").await?;
    salvage.send_keys(Key::Backspace).await?;
    click(
        driver,
        "[data-testid='depreciation-method'] option[value='double_declining_balance']",
    )
    .await?;
    click(driver, "[data-testid='lease-offered']").await?;
    let term = driver
        .query(By::Css("[data-testid='lease-term']"))
        .first()
        .await?;
    type_over(driver, &term, "5").await?;
    click(driver, "[data-testid='lease-operating']").await?;
    let payment = driver
        .query(By::Css("[data-testid='lease-operating-payment']"))
        .first()
        .await?;
    type_over(driver, &payment, "150000").await?;
    click(driver, "[data-testid='depreciation-save']").await?;
    wait_for("the lease comparison on the page", || async {
        Ok(!driver
            .find_all(By::Css("[data-testid='case-lease'] dd"))
            .await?
            .is_empty())
    })
    .await?;
    let saved = stored();
    assert_eq!(
        saved.depreciation.method,
        DepreciationMethod::DoubleDecliningBalance
    );
    assert_eq!(saved.lease.as_ref().map(|l| l.term_years), Some(5));
    let case = engine_case(portfolio, norvale);
    // The window shows whole units, as the brief does.
    let expected = format_amount(case.budget[0].depreciation, 0);
    wait_for("the new depreciation on the page", || async {
        Ok(text_of(driver, first_depreciation).await? == expected)
    })
    .await?;
    assert_ne!(
        expected, depreciation_before,
        "DDB front-loads the depreciation"
    );
    let mut lease_shown = Vec::new();
    for dd in driver
        .find_all(By::Css("[data-testid='case-lease'] dd"))
        .await?
    {
        lease_shown.push(dd.text().await?);
    }
    let lease_engine: Vec<String> = case.lease.iter().map(|f| f.value.clone()).collect();
    assert_eq!(
        lease_shown, lease_engine,
        "the window shows the engine's lease comparison"
    );
    screenshot_at(
        driver,
        "[data-testid='case-lease']",
        "center",
        "e2e-depreciation-and-lease.png",
    )
    .await?;
    screenshot_at(
        driver,
        "[data-testid='depreciation-editor']",
        "start",
        "e2e-depreciation-editor.png",
    )
    .await
}
