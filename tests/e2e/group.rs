//! The Group purchasing page: two member hospitals' portfolios (built with the CLI) added
//! by typing their paths, the benchmark's median as the engine computes it, the uncertain
//! match confirmed into a workspace file, the negotiation brief exported through the
//! button's command, and both member files byte for byte as they were.

use std::path::{Path, PathBuf};

use caliper_models::money::format_amount;
use caliper_models::workspace::{group_analysis, GroupMember, GroupOptions};
use caliper_tests::run_ok;
use serde_json::{json, Value};
use thirtyfour::prelude::*;

use super::{artifact, click, type_over, wait_for};

fn candidate(mf: &str, model: &str, price: &str, qty: u32, score: u8) -> Value {
    json!({
        "manufacturer": mf,
        "model": model,
        "fda_product_code": "MHX",
        "quote": {"unit_price": price, "quantity": qty},
        "scores": [{"evaluator": "Lead nurse", "criterion": "Clinical performance", "score": score}],
    })
}

/// A member portfolio made with `caliper new` and `caliper request import`.
fn member(dir: &Path, file: &str, facility: &str, qty: u32, candidates: Vec<Value>) -> PathBuf {
    let doc = json!({
        "format": "caliper-request",
        "version": 1,
        "request": {
            "title": "ICU monitors", "facility": facility, "department": "ICU",
            "request_type": "replacement", "quantity": qty, "fiscal_year": 2027,
            "status": "draft", "currency": "USD"
        },
        "criteria": [{"name": "Clinical", "criteria": [{
            "name": "Clinical performance", "description": "", "direction": "benefit",
            "kind": "judged", "unit": "", "anchors": ["1", "2", "3", "4", "5"],
            "weight": 100, "source": "entered"
        }]}],
        "evaluators": [{"name": "Lead nurse"}],
        "candidates": candidates,
    });
    let path = dir.join(file);
    let input = dir.join(format!("{file}.json"));
    std::fs::write(&input, serde_json::to_string_pretty(&doc).expect("JSON"))
        .expect("write the request");
    let p = path.to_str().expect("a UTF-8 path");
    run_ok(&["new", p]);
    run_ok(&[
        "request",
        "import",
        "--portfolio",
        p,
        "--input",
        input.to_str().expect("a UTF-8 path"),
    ]);
    path
}

/// St Mary and Riverside: Halden's A7 typed two ways (an uncertain match), Kestrel's K2.
fn two_members(dir: &Path) -> Vec<PathBuf> {
    vec![
        member(
            dir,
            "st-mary.caliper",
            "St Mary",
            10,
            vec![
                candidate("Halden Medical, Inc.", "A-7", "41000", 10, 5),
                candidate("Kestrel", "K2", "30000", 10, 3),
            ],
        ),
        member(
            dir,
            "riverside.caliper",
            "Riverside",
            20,
            vec![
                candidate("HALDEN MEDICAL", "A7", "40000", 20, 4),
                candidate("Kestrel Co. Ltd.", "K-2", "31000", 20, 5),
            ],
        ),
    ]
}

/// Types a member file's path and adds it; with `joins`, waits until the engine has read it
/// into the list (the form is busy meanwhile, so the next file waits its turn).
async fn add_member(driver: &WebDriver, path: &Path, joins: bool) -> WebDriverResult<()> {
    let listed = "[data-testid='gpo-member-name']";
    let before = driver.find_all(By::Css(listed)).await?.len();
    let input = driver
        .query(By::Css("[data-testid='gpo-member-path']"))
        .first()
        .await?;
    type_over(driver, &input, &path.display().to_string()).await?;
    driver
        .query(By::Css("[data-testid='gpo-member-add']"))
        .and_enabled()
        .first()
        .await?
        .click()
        .await?;
    if !joins {
        return Ok(());
    }
    wait_for("the member read into the list", || async {
        Ok(driver.find_all(By::Css(listed)).await?.len() > before)
    })
    .await
}

async fn texts(driver: &WebDriver, css: &str) -> WebDriverResult<Vec<String>> {
    let mut out = Vec::new();
    for e in driver.find_all(By::Css(css)).await? {
        out.push(e.text().await?);
    }
    Ok(out)
}

pub async fn add_two_members_and_export_the_brief(
    driver: &WebDriver,
    _portfolio: &Path,
) -> WebDriverResult<()> {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = two_members(dir.path());
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("a member file"))
        .collect();
    let members: Vec<GroupMember> = files
        .iter()
        .map(|f| GroupMember {
            name: None,
            path: f.clone(),
        })
        .collect();
    let today = chrono::Local::now().date_naive();
    let engine = group_analysis(&members, None, &GroupOptions::default(), today).expect("analysis");
    let halden = engine
        .benchmark
        .models
        .iter()
        .find(|m| m.key == "halden medical|a7")
        .expect("Halden's A7");
    let median = format_amount(halden.price.median, 2);

    driver
        .query(By::Css("[data-testid='nav-group']"))
        .first()
        .await?
        .click()
        .await?;
    for f in &files {
        add_member(driver, f, true).await?;
    }
    wait_for("both members read", || async {
        Ok(texts(driver, "[data-testid='gpo-member-name']").await? == ["St Mary", "Riverside"])
    })
    .await?;
    let row =
        "[data-testid='gpo-model-row'][data-key='halden medical|a7'] [data-testid='gpo-median']";
    wait_for("Halden's median in the benchmark", || async {
        Ok(texts(driver, row).await? == [median.clone()])
    })
    .await?;
    driver
        .screenshot(&artifact("e2e-group-members.png"))
        .await?;
    let benchmark = driver
        .find(By::Css("[data-testid='gpo-benchmark']"))
        .await?;
    driver
        .execute(
            "arguments[0].scrollIntoView({block: 'start'})",
            vec![benchmark.to_json()?],
        )
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    driver
        .screenshot(&artifact("e2e-group-benchmark.png"))
        .await?;

    // The same file again is refused beside the form, in the engine's words.
    add_member(driver, &files[0], false).await?;
    let refusal = driver
        .query(By::Css("[data-testid='gpo-member-error']"))
        .first()
        .await?
        .text()
        .await?;
    assert!(refusal.contains("added twice"), "{refusal}");
    assert_eq!(
        texts(driver, "[data-testid='gpo-member-name']")
            .await?
            .len(),
        2
    );

    // The uncertain match confirmed into a workspace file.
    let workspace = dir.path().join("group-workspace.json");
    let input = driver
        .find(By::Css("[data-testid='gpo-workspace-path']"))
        .await?;
    type_over(driver, &input, &workspace.display().to_string()).await?;
    driver
        .find(By::Css("[data-testid='gpo-workspace-use']"))
        .await?
        .click()
        .await?;
    driver
        .query(By::Css(
            "[data-testid='gpo-match'][data-key='halden medical|a7'] [data-testid='gpo-confirm']",
        ))
        .and_enabled()
        .first()
        .await?
        .click()
        .await?;
    wait_for("the decision in the workspace file", || async {
        Ok(std::fs::read_to_string(&workspace)
            .map(|t| t.contains("\"confirmed\"") && t.contains("st-mary.caliper"))
            .unwrap_or(false))
    })
    .await?;
    wait_for("the match shown confirmed", || async {
        Ok(texts(
            driver,
            "[data-testid='gpo-match'][data-key='halden medical|a7'] .badge",
        )
        .await?
            == ["Confirmed"])
    })
    .await?;
    let matches = driver.find(By::Css("[data-testid='gpo-matches']")).await?;
    driver
        .execute(
            "arguments[0].scrollIntoView({block: 'start'})",
            vec![matches.to_json()?],
        )
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    driver
        .screenshot(&artifact("e2e-group-matches.png"))
        .await?;
    // A decision taken by mistake is undone: out of the workspace, the match to review.
    click(
        driver,
        "[data-testid='gpo-match'][data-key='halden medical|a7'] [data-testid='gpo-undo']",
    )
    .await?;
    wait_for("the decision out of the workspace file", || async {
        Ok(std::fs::read_to_string(&workspace)
            .map(|t| !t.contains("\"confirmed\""))
            .unwrap_or(false))
    })
    .await?;
    wait_for("the match shown to review again", || async {
        Ok(texts(
            driver,
            "[data-testid='gpo-match'][data-key='halden medical|a7'] .badge",
        )
        .await?
            == ["To review"])
    })
    .await?;
    let standard = driver
        .find(By::Css("[data-testid='gpo-standardisation']"))
        .await?;
    driver
        .execute(
            "arguments[0].scrollIntoView({block: 'start'})",
            vec![standard.to_json()?],
        )
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    driver
        .screenshot(&artifact("e2e-group-standardisation.png"))
        .await?;

    // The negotiation brief through the command the button calls (the native save dialog
    // is the one part not driven).
    driver
        .query(By::Css("[data-testid='gpo-export-brief']"))
        .first()
        .await?;
    let out = dir.path().join("Negotiation brief.pdf");
    let ret = driver
        .execute(
            "return window.__TAURI_INTERNALS__.invoke('export_group_brief', \
             { members: arguments[0], workspace: arguments[1], options: arguments[2], path: arguments[3], paper: 'a4' })",
            vec![
                json!(members),
                json!(workspace),
                json!(GroupOptions::default()),
                json!(out),
            ],
        )
        .await?;
    assert_eq!(ret.json(), &json!(out.display().to_string()));
    let pdf = std::fs::read(&out).expect("the brief");
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", &out.display().to_string(), "-"])
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    for name in ["St Mary", "Riverside", "Halden Medical"] {
        assert!(text.contains(name), "the brief lacks {name}");
    }
    let after: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("a member file"))
        .collect();
    assert!(before == after, "a member file changed");
    Ok(())
}
