//! The capital plan page: a budget typed in the app reaches the file and the plan; forcing
//! a request out changes the plan; the what-if is saved as a scenario and the plan brief
//! exported with it.

use std::path::Path;

use caliper_models::store::Portfolio;
use thirtyfour::prelude::*;

use super::{artifact, wait_for};

async fn text_of(driver: &WebDriver, css: &str) -> WebDriverResult<String> {
    driver.query(By::Css(css)).first().await?.text().await
}

/// On the demo: a budget of 850,000 for FY2027 typed in the app funds the ICU monitors
/// (with the runner-up), and the pumps are not funded; forcing the monitors out funds the
/// pumps instead.
pub async fn set_a_budget_and_force_a_request_out(
    driver: &WebDriver,
    portfolio: &Path,
) -> WebDriverResult<()> {
    driver
        .execute("window.location.hash = '#/capital-plan'", vec![])
        .await?;
    let capital = driver
        .query(By::Css("[data-testid='budget-2027-capital']"))
        .first()
        .await?;
    capital.send_keys("850,000").await?;
    driver
        .find(By::Css("[data-testid='budget-2027-save']"))
        .await?
        .click()
        .await?;
    wait_for("the budget in the file", || async {
        Ok(Portfolio::open_read_only(portfolio)
            .and_then(|p| p.budgets())
            .map(|b| b.len() == 1 && b[0].capital.to_string() == "850000")
            .unwrap_or(false))
    })
    .await?;
    wait_for("the plan to fund the monitors", || async {
        Ok(
            text_of(driver, "[data-testid='plan-outcome-1']").await? == "FY2027"
                && text_of(driver, "[data-testid='plan-outcome-2']").await? == "Not funded",
        )
    })
    .await?;
    let row = text_of(driver, "[data-testid='plan-request-1']").await?;
    assert!(row.contains("does not fit FY2027's budget"), "{row}");
    driver.screenshot(&artifact("e2e-capital-plan.png")).await?;

    driver
        .query(By::Css("[data-testid='plan-force-out-1']"))
        .first()
        .await?
        .click()
        .await?;
    wait_for(
        "the pumps funded once the monitors are forced out",
        || async {
            Ok(
                text_of(driver, "[data-testid='plan-outcome-2']").await? == "FY2027"
                    && text_of(driver, "[data-testid='plan-excluded-1']")
                        .await?
                        .contains("forced out"),
            )
        },
    )
    .await?;
    let tab = text_of(driver, "[aria-selected='true'][role='tab']").await?;
    assert!(tab.starts_with("What if"), "{tab}");
    driver
        .screenshot(&artifact("e2e-capital-plan-what-if.png"))
        .await?;

    // The capital plan brief, through the export button's command (the save dialog is the
    // one part not driven), with the what-if saved as a scenario first.
    driver
        .find(By::Css("[data-testid='scenario-new']"))
        .await?
        .click()
        .await?;
    driver
        .query(By::Css("[data-testid='scenario-name']"))
        .first()
        .await?
        .send_keys("Monitors later")
        .await?;
    driver
        .find(By::Css("[data-testid='scenario-save']"))
        .await?
        .click()
        .await?;
    wait_for("the scenario in the file", || async {
        Ok(Portfolio::open_read_only(portfolio)
            .and_then(|p| p.scenarios())
            .map(|s| s.len() == 1 && s[0].forced_out.len() == 1)
            .unwrap_or(false))
    })
    .await?;
    let out = portfolio.with_file_name("Capital plan FY2027.pdf");
    let ret = driver
        .execute(
            "return window.__TAURI_INTERNALS__.invoke('export_capital_plan', \
             { firstYear: 2027, lastYear: 2027, path: arguments[0], paper: 'a4' })",
            vec![serde_json::json!(out)],
        )
        .await?;
    assert_eq!(ret.json().as_str(), Some(out.to_str().unwrap_or_default()));
    let text = std::process::Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Capital plan FY2027"), "{flat}");
    assert!(
        flat.contains("Monitors later"),
        "the scenario is in the brief: {flat}"
    );
    assert!(flat.contains("Norvale Medical VitaView 700"), "{flat}");

    // The pumps' priority dialog links them to the monitors: funded only with them.
    driver
        .find(By::Css("[data-testid='plan-priority-2']"))
        .await?
        .click()
        .await?;
    driver
        .query(By::Css("[data-testid='priority-form']"))
        .first()
        .await?;
    // The dialog's lists load after it opens: choose once the option can be chosen.
    wait_for("the request to link to", || async {
        // The links sit at the foot of a tall dialog: brought into view first.
        let select = driver.find(By::Css("[data-testid='link-other']")).await?;
        driver
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' })",
                vec![select.to_json()?],
            )
            .await?;
        driver
            .find(By::Css("[data-testid='link-other'] option[value='1']"))
            .await?
            .click()
            .await?;
        driver
            .find(By::Css("[data-testid='link-add']"))
            .await?
            .click()
            .await?;
        Ok(true)
    })
    .await?;
    wait_for("the link in the file", || async {
        Ok(Portfolio::open_read_only(portfolio)
            .and_then(|p| p.request_links())
            .map(|l| l.len() == 1 && l[0].request_id.0 == 2 && l[0].other_id.0 == 1)
            .unwrap_or(false))
    })
    .await?;
    wait_for("the link listed in the dialog", || async {
        Ok(text_of(driver, "[data-testid='request-links']")
            .await?
            .contains("needs Replace ICU physiological monitors"))
    })
    .await?;
    driver
        .screenshot(&artifact("e2e-capital-plan-priority.png"))
        .await?;
    Ok(())
}
