//! End-to-end: the real desktop app under Xvfb, driven through WebDriver (tauri-driver and
//! WebKitWebDriver). Opens the demo, changes a weight, and sees the ranking order change.
//!
//! Run with `scripts/test.sh` (it builds the app and starts Xvfb), or by hand:
//! `cargo build -p caliper-desktop && xvfb-run -a cargo test -p caliper-tests --features e2e --test e2e`.

mod capital_plan;
mod cost_model;
mod evidence;
mod financial_case;
mod from_new;
mod group;
mod harness;
mod inventory;
mod portfolio_files;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use caliper_models::ids::RequestId;
use caliper_models::store::Portfolio;
use harness::*;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn open_demo_change_a_weight_and_see_the_ranking_change() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move { scenario(&driver, &portfolio).await }).await
}

/// The desktop app exports the request's PDF brief through its command (the native save
/// dialog is the only part not driven), and the file reads back with the recommendation.
#[tokio::test(flavor = "multi_thread")]
async fn the_app_exports_the_pdf_brief() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1'] td"))
            .first()
            .await?
            .click()
            .await?;
        driver
            .query(By::Css("[data-testid='export-brief']"))
            .first()
            .await?;
        let out = portfolio.with_file_name("ICU monitors brief.pdf");
        let ret = driver
            .execute(
                "return window.__TAURI_INTERNALS__.invoke('export_request_brief', \
                 { requestId: 1, path: arguments[0], paper: 'letter' })",
                vec![serde_json::json!(out)],
            )
            .await?;
        let export = ret.json().clone();
        assert_eq!(
            export["recommendation"], "Kestrel Health Systems KM-9 Patient Monitor",
            "{export}"
        );
        assert_eq!(export["content_hash"].as_str().map(str::len), Some(12));
        let text = Command::new("pdftotext")
            .args(["-layout", &out.display().to_string(), "-"])
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Replace ICU physiological monitors"));
        assert!(text.contains("Kestrel Health Systems KM-9 Patient Monitor"));

        // The window may open only what the app exported, and send only the contract's
        // commands: the opener plugin and unknown commands are refused by Tauri itself.
        let outcome = |command: &'static str| {
            let driver = driver.clone();
            async move {
                let ret = driver
                    .execute(
                        format!(
                            "return window.__TAURI_INTERNALS__.invoke('{command}', {{ path: '/etc/passwd' }}) \
                             .then(() => 'allowed', (e) => 'refused: ' + JSON.stringify(e))"
                        ),
                        vec![],
                    )
                    .await?;
                Ok::<String, WebDriverError>(ret.json().as_str().unwrap_or_default().to_string())
            }
        };
        let own = outcome("open_exported").await?;
        assert!(
            own.starts_with("refused:") && own.contains("is not a file Caliper exported"),
            "{own}"
        );
        for command in ["plugin:opener|open_path", "plugin:fs|read_file", "no_such_command"] {
            let said = outcome(command).await?;
            assert!(said.starts_with("refused:"), "{command}: {said}");
        }
        Ok(())
    })
    .await
}

/// Visits every screen of the demo: each renders its content and no error banner.
/// The screenshots land in artifacts/ for people to look at.
#[tokio::test(flavor = "multi_thread")]
async fn every_screen_renders_without_errors() -> WebDriverResult<()> {
    with_app(|driver, _| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        driver.screenshot(&artifact("screen-home.png")).await?;
        let screens = [
            ("#/request/1/candidates", "[data-testid^='candidate-']"),
            ("#/request/1/weights", "[data-testid^='weight-']"),
            ("#/request/1/scoring", "[data-testid='evaluator-select']"),
            ("#/request/1/lifecycle", "[data-testid='lifecycle-row']"),
            ("#/request/1/ranking", "[data-testid='ranking-row']"),
            (
                "#/request/1/sensitivity",
                "[data-testid='acceptability-table']",
            ),
            ("#/request/1/compatibility", "[data-testid^='compat-row-']"),
            ("#/request/2/lifecycle", "[data-testid='lifecycle-row']"),
            ("#/request/2/ranking", "[data-testid='ranking-row']"),
            ("#/site-profile", "[data-testid='site-profile-save']"),
            ("#/capital-summary", "section .page-head h1"),
            ("#/request/3", ".empty"),
            ("#/group", "[data-testid='group-page'] .empty"),
        ];
        for (hash, marker) in screens {
            driver
                .execute(format!("window.location.hash = '{hash}'"), vec![])
                .await?;
            driver.query(By::Css(marker)).first().await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let mut banners = Vec::new();
            for b in driver.find_all(By::Css(".banner")).await? {
                banners.push(b.text().await?);
            }
            assert!(banners.is_empty(), "{hash} shows an error: {banners:?}");
            let name = hash.trim_start_matches("#/").replace('/', "-");
            driver
                .screenshot(&artifact(&format!("screen-{name}.png")))
                .await?;
            driver
                .execute("window.scrollTo(0, document.body.scrollHeight)", vec![])
                .await?;
            tokio::time::sleep(Duration::from_millis(200)).await;
            driver
                .screenshot(&artifact(&format!("screen-{name}-end.png")))
                .await?;
            driver.execute("window.scrollTo(0, 0)", vec![]).await?;
        }
        Ok(())
    })
    .await
}

/// Making 802.1X EAP-TLS mandatory in the site IT profile gives the Kestrel monitor (PEAP
/// only) a blocking network gap: its network score drops to 0 on the Compatibility tab,
/// the ranking flags the gap, and Norvale takes first place.
#[tokio::test(flavor = "multi_thread")]
async fn requiring_eap_tls_in_the_site_profile_changes_the_ranking() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        let kestrel = Portfolio::open(&portfolio)
            .and_then(|p| p.candidates(RequestId(1)))
            .expect("read the demo")
            .into_iter()
            .find(|c| c.model == "KM-9 Patient Monitor")
            .expect("Kestrel candidate")
            .id;
        let network = format!("[data-testid='compat-score-network-{kestrel}']");
        let go = |hash: &'static str| {
            let driver = driver.clone();
            async move {
                driver
                    .execute(format!("window.location.hash = '{hash}'"), vec![])
                    .await
                    .map(|_| ())
            }
        };

        go("#/request/1/ranking").await?;
        driver
            .query(By::Css("[data-testid='ranking-row']"))
            .first()
            .await?;
        assert_eq!(
            ranking_labels(&driver).await?[0],
            "Kestrel Health Systems KM-9 Patient Monitor"
        );
        go("#/request/1/compatibility").await?;
        let score = driver.query(By::Css(network.clone())).first().await?;
        assert_eq!(score.text().await?.trim(), "100");

        // The site IT profile: accept EAP-TLS only.
        go("#/").await?;
        driver
            .query(By::Css("[data-testid='site-profile-link']"))
            .first()
            .await?
            .click()
            .await?;
        let peap = driver
            .query(By::Css("[data-testid='site-eap-PEAP-MSCHAPv2']"))
            .first()
            .await?;
        assert!(peap.is_selected().await?, "the demo site accepts PEAP");
        peap.click().await?;
        assert!(!peap.is_selected().await?);
        driver
            .find(By::Css("[data-testid='site-profile-save']"))
            .await?
            .click()
            .await?;
        driver
            .query(By::Css("[data-testid='site-profile-saved']"))
            .first()
            .await?;
        wait_for("the site profile to reach the portfolio file", || async {
            Ok(Portfolio::open(&portfolio)
                .and_then(|p| p.site_profile(None))
                .map(|s| {
                    s.profile.eap_methods == [caliper_models::compat::profile::EapMethod::EapTls]
                })
                .unwrap_or(false))
        })
        .await?;
        driver
            .screenshot(&artifact("e2e-site-profile-eap-tls.png"))
            .await?;

        // The Kestrel monitor now has a blocking gap and no network points.
        go("#/request/1/compatibility").await?;
        wait_for("the network score to drop to 0", || async {
            let el = driver.find(By::Css(network.clone())).await?;
            Ok(el.text().await?.trim() == "0")
        })
        .await?;
        driver
            .query(By::Css(format!(
                "[data-testid='compat-blocking-{kestrel}']"
            )))
            .first()
            .await?;
        driver
            .screenshot(&artifact("e2e-compatibility-eap-tls.png"))
            .await?;

        // The ranking follows: Norvale first, Kestrel's blocking gap flagged.
        go("#/request/1/ranking").await?;
        wait_for("Norvale to lead the ranking", || async {
            let labels = ranking_labels(&driver).await?;
            Ok(labels.first().map(String::as_str) == Some("Norvale Medical VitaView 700"))
        })
        .await?;
        driver
            .query(By::Css(format!("[data-testid='rank-blocking-{kestrel}']")))
            .first()
            .await?;
        driver
            .screenshot(&artifact("e2e-ranking-eap-tls.png"))
            .await?;
        Ok(())
    })
    .await
}

/// From *New…* (an empty portfolio) to the committee's brief, all in the app: the empty
/// portfolio offers the facilities panel, a facility and a department are added there (a
/// duplicate is refused by the engine), a request created in that department opens with
/// the criteria template; then candidates, evaluators, scores (one evaluator through a
/// returned score sheet), the ranking, an overruling decision and the brief
/// (`from_new::committee_path`).
#[tokio::test(flavor = "multi_thread")]
async fn from_new_to_the_committees_brief() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        // The native save dialog is the one part not driven: the command it leads to is.
        let fresh = portfolio.with_file_name("new.caliper");
        driver
            .execute(
                "return window.__TAURI_INTERNALS__.invoke('portfolio_create', { path: arguments[0] })",
                vec![serde_json::json!(fresh)],
            )
            .await?;
        driver.execute("window.location.hash = '#/'; window.location.reload()", vec![]).await?;
        // Until the reload is done the old page's panel may still answer: ask again
        // until the new page's (open, empty) panel does.
        wait_for("the empty portfolio's open facilities panel", || async {
            let panel = driver
                .find(By::Css("[data-testid='facilities-panel'][open]"))
                .await?;
            Ok(panel.text().await?.contains("none yet"))
        })
        .await?;
        // The empty portfolio's inventory says how to start.
        driver
            .execute("window.location.hash = '#/inventory'", vec![])
            .await?;
        driver
            .query(By::Css("[data-testid='inventory-empty']"))
            .first()
            .await?;
        driver
            .screenshot(&artifact("e2e-new-portfolio-inventory.png"))
            .await?;
        driver.execute("window.location.hash = '#/'", vec![]).await?;
        wait_for("the requests page again", || async {
            let panel = driver
                .find(By::Css("[data-testid='facilities-panel'][open]"))
                .await?;
            Ok(panel.text().await?.contains("none yet"))
        })
        .await?;
        let type_and_add = |form: &'static str, text: &'static str| {
            let driver = driver.clone();
            // The page may re-render while its data loads: find the form again if so.
            async move {
                from_new::again_if_stale(|| async {
                    let input = driver
                        .query(By::Css(format!("[data-testid='{form}-name']")))
                        .first()
                        .await?;
                    input.clear().await?;
                    input.send_keys(text).await?;
                    driver
                        .find(By::Css(format!("[data-testid='{form}-add']")))
                        .await?
                        .click()
                        .await
                })
                .await
            }
        };
        type_and_add("add-facility", "Lakeside Community Hospital").await?;
        driver
            .query(By::Css("[data-testid='facility-1']"))
            .first()
            .await?;
        type_and_add("add-facility", "Lakeside Community Hospital").await?;
        wait_for("the duplicate facility to be refused", || async {
            let form = driver.find(By::Css("[data-testid='add-facility']")).await?;
            Ok(form.text().await?.contains("a facility named 'Lakeside Community Hospital' exists"))
        })
        .await?;
        type_and_add("add-department-1", "Anesthesia").await?;
        wait_for("the department to be listed", || async {
            let block = driver.find(By::Css("[data-testid='facility-1']")).await?;
            Ok(block.text().await?.contains("Anesthesia"))
        })
        .await?;
        // A facility added by mistake is removed after a confirmation.
        type_and_add("add-facility", "Old annex").await?;
        driver
            .query(By::Css("[data-testid='remove-facility-2']"))
            .first()
            .await?
            .click()
            .await?;
        let confirm = driver
            .query(By::Css("[role='alertdialog'] button.danger"))
            .first()
            .await?;
        let asked = driver
            .find(By::Css("[role='alertdialog']"))
            .await?
            .text()
            .await?;
        assert!(
            asked.contains("Old annex") && asked.contains("It has no departments."),
            "{asked}"
        );
        confirm.click().await?;
        wait_for("the facility to be removed from the file", || async {
            Ok(Portfolio::open_read_only(&fresh)
                .and_then(|p| p.facilities())
                .map(|f| f.len() == 1)
                .unwrap_or(false))
        })
        .await?;

        driver
            .find(By::Css("[data-testid='new-request']"))
            .await?
            .click()
            .await?;
        driver
            .find(By::Css("[data-testid='request-title']"))
            .await?
            .send_keys("Replace 12 anesthesia machines")
            .await?;
        driver
            .find(By::Css("[data-testid='request-department'] option[value='1']"))
            .await?
            .click()
            .await?;
        let qty = driver.find(By::Css("[data-testid='request-quantity']")).await?;
        qty.send_keys(Key::Control + "a").await?;
        qty.send_keys("12").await?;
        driver
            .screenshot(&artifact("e2e-new-portfolio-request-form.png"))
            .await?;
        driver
            .find(By::Css("[data-testid='request-submit']"))
            .await?
            .click()
            .await?;
        wait_for("the request in the new file, with the criteria template", || async {
            let p = match Portfolio::open_read_only(&fresh) {
                Ok(p) => p,
                Err(_) => return Ok(false),
            };
            let requests = p.requests().unwrap_or_default();
            Ok(requests.len() == 1
                && p.criteria(requests[0].request.id)
                    .map(|c| !c.is_empty())
                    .unwrap_or(false))
        })
        .await?;
        driver
            .query(By::Css("[data-testid='tab-candidates']"))
            .first()
            .await?;
        driver.screenshot(&artifact("e2e-new-portfolio-request.png")).await?;
        from_new::committee_path(&driver, &fresh).await
    })
    .await
}

/// A quote for fewer units than the request asks for is flagged in the app's ranking: the
/// quantity is changed by another program (the CLI) while the app is open, the window
/// reloads and the ranking row carries the warning.
#[tokio::test(flavor = "multi_thread")]
async fn a_quote_for_another_quantity_is_flagged_in_the_ranking() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        let ranking = Portfolio::open_read_only(&portfolio)
            .and_then(|p| p.ranking(RequestId(1)))
            .expect("rank the demo");
        let id = ranking.candidates[0].candidate_id.to_string();
        let edited = Command::new(caliper_tests::caliper_bin())
            .args(["candidate", "edit", "--portfolio"])
            .arg(&portfolio)
            .args(["--candidate", &id, "--quantity", "30"])
            .output()
            .expect("run caliper");
        assert!(
            edited.status.success(),
            "{}",
            String::from_utf8_lossy(&edited.stderr)
        );
        driver
            .execute("window.location.hash = '#/request/1/ranking'", vec![])
            .await?;
        let flag = format!("[data-testid='quote-warning-{id}-quantity_mismatch']");
        wait_for("the quantity warning in the ranking", || async {
            let found = driver.find_all(By::Css(flag.clone())).await?;
            Ok(match found.first() {
                Some(f) => f.text().await? == "quotes 30 of 40",
                None => false,
            })
        })
        .await?;
        driver
            .screenshot(&artifact("e2e-quote-warning.png"))
            .await?;
        Ok(())
    })
    .await
}

/// The committee overrules the ranking in the app: without a rationale the engine refuses
/// and nothing is saved; with one, the decision reaches the file, the request is approved
/// and the history shows it.
#[tokio::test(flavor = "multi_thread")]
async fn the_committee_overrules_the_ranking_with_a_rationale() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        let ranking = Portfolio::open_read_only(&portfolio)
            .and_then(|p| p.ranking(RequestId(1)))
            .expect("rank the demo");
        let second = &ranking.candidates[1];
        driver
            .execute("window.location.hash = '#/request/1/decision'", vec![])
            .await?;
        driver
            .query(By::Css("[data-testid='decision-record']"))
            .first()
            .await?
            .click()
            .await?;
        driver
            .find(By::Css(format!(
                "[data-testid='decision-candidate'] option[value='{}']",
                second.candidate_id
            )))
            .await?
            .click()
            .await?;
        driver
            .find(By::Css("[data-testid='decision-save']"))
            .await?
            .click()
            .await?;
        wait_for("the engine's refusal beside the rationale", || async {
            let form = driver
                .find(By::Css("[data-testid='decision-form']"))
                .await?;
            Ok(form.text().await?.contains("over the top-ranked"))
        })
        .await?;
        let decisions = |path: &Path| {
            Portfolio::open_read_only(path)
                .and_then(|p| p.decisions(RequestId(1)))
                .expect("read decisions")
        };
        assert!(
            decisions(&portfolio).is_empty(),
            "a refused decision saved nothing"
        );
        driver
            .find(By::Css("[data-testid='decision-rationale']"))
            .await?
            .send_keys("Fleet standardisation with the step-down unit.")
            .await?;
        driver
            .find(By::Css("[data-testid='decision-save']"))
            .await?
            .click()
            .await?;
        wait_for("the decision to reach the file", || async {
            Ok(decisions(&portfolio).len() == 1)
        })
        .await?;
        let d = &decisions(&portfolio)[0];
        assert!(d.overrules_ranking);
        assert_eq!(d.candidate, second.label);
        let latest = driver
            .query(By::Css("[data-testid='decision-latest']"))
            .first()
            .await?;
        assert!(latest.text().await?.contains("Fleet standardisation"));
        driver
            .query(By::Css("[data-testid='decision-history']"))
            .first()
            .await?;
        driver.screenshot(&artifact("e2e-decision.png")).await?;
        Ok(())
    })
    .await
}

async fn scenario(driver: &WebDriver, portfolio: &Path) -> WebDriverResult<()> {
    // First run: the app writes the demo portfolio and lists its requests.
    // A user clicks the request's title (WebKitWebDriver does not click table rows).
    let title = driver
        .query(By::Css("[data-testid='request-1'] td"))
        .first()
        .await?;
    assert_eq!(title.text().await?, "Replace ICU physiological monitors");
    title.click().await?;

    // The ranking of the ICU monitors request, as the engine computes it.
    driver
        .query(By::Css("[data-testid='ranking-row']"))
        .first()
        .await?;
    let before = ranking_labels(driver).await?;
    assert_eq!(before.len(), 4, "{before:?}");
    assert_eq!(before[0], "Kestrel Health Systems KM-9 Patient Monitor");

    // Raise the lifecycle-cost weight from 25 to 200 in the weights editor (on the
    // request's reference scale a dearer candidate keeps part of the cost points, so it
    // takes a heavy cost weight to change the order).
    let npv_id = Portfolio::open(portfolio)
        .and_then(|p| p.criteria(RequestId(1)))
        .expect("read the portfolio the app wrote")
        .into_iter()
        .find(|c| c.name == "Lifecycle cost")
        .expect("demo lifecycle-cost criterion")
        .id;
    driver
        .query(By::Css("[data-testid='tab-weights']"))
        .first()
        .await?
        .click()
        .await?;
    let input = driver
        .query(By::Css(format!("[data-testid='weight-{npv_id}']")))
        .first()
        .await?;
    type_over(driver, &input, "200").await?;
    assert_eq!(input.prop("value").await?.as_deref(), Some("200"));
    input.send_keys(Key::Enter).await?;

    // Saved at once: the file on disk has the new weight.
    wait_for("the weight to reach the portfolio file", || async {
        Ok(Portfolio::open(portfolio)
            .and_then(|p| p.criterion(npv_id))
            .map(|c| c.weight == 200.0)
            .unwrap_or(false))
    })
    .await?;

    // The ranking order changes: with cost weighing more, the cheapest to own leads.
    // (Back to the top first: the app bar stays over the page as it scrolls.)
    driver.execute("window.scrollTo(0, 0)", vec![]).await?;
    driver
        .query(By::Css("[data-testid='tab-ranking']"))
        .first()
        .await?
        .click()
        .await?;
    wait_for("the ranking to change", || async {
        let labels = ranking_labels(driver).await?;
        Ok(labels.first().map(String::as_str) == Some("Norvale Medical VitaView 700"))
    })
    .await?;
    let after = ranking_labels(driver).await?;
    assert_ne!(before, after);
    driver
        .screenshot(&artifact("e2e-ranking-after-weight-change.png"))
        .await?;
    Ok(())
}

/// The capital plan in the app: a budget typed on the page reaches the file and the plan,
/// and forcing a request out changes what is funded (`capital_plan`).
#[tokio::test(flavor = "multi_thread")]
async fn a_budget_set_in_the_app_plans_and_a_forced_out_request_changes_the_plan(
) -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        capital_plan::set_a_budget_and_force_a_request_out(&driver, &portfolio).await
    })
    .await
}

/// The inventory in the app: a CMMS export imported through the mapping step (a column
/// mapped by hand, the date order answered), the assets sorted by replacement priority,
/// and a capital request opened from two of them (`inventory`).
#[tokio::test(flavor = "multi_thread")]
async fn an_export_imported_through_the_mapping_step_ranks_and_opens_a_request(
) -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        inventory::import_sort_and_open_a_request(&driver, &portfolio).await
    })
    .await
}

/// The financial case in the app: the cumulative net cash flow chart marks the engine's
/// payback, and the depreciation and lease form saves through the engine's checks
/// (`financial_case`).
#[tokio::test(flavor = "multi_thread")]
async fn depreciation_and_a_lease_set_in_the_app_change_the_financial_case() -> WebDriverResult<()>
{
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        financial_case::depreciation_lease_and_payback(&driver, &portfolio).await
    })
    .await
}

/// Evidence in the app: a vendor's sample checked in the Evidence panel, kept, bearing out
/// the HL7 v2 point with its message and field, another maker's sample asked about, a kept
/// file removed after a confirmation (`evidence`).
#[tokio::test(flavor = "multi_thread")]
async fn a_sample_message_checked_and_kept_in_the_app_bears_out_a_point() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        evidence::check_keep_and_remove_a_sample(&driver, &portfolio).await
    })
    .await
}

/// The Group purchasing page: two member files added by their paths, the engine's median
/// shown, a match confirmed into the workspace, the negotiation brief exported, and the
/// member files unchanged.
#[tokio::test(flavor = "multi_thread")]
async fn group_view_adds_two_members_and_exports_the_negotiation_brief() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        group::add_two_members_and_export_the_brief(&driver, &portfolio).await
    })
    .await
}
