//! The rest of the committee's path after *New…*: three candidates with quotes, two
//! evaluators (one scoring in the grid, one through a returned score sheet), the ranking,
//! a decision that overrules it with a rationale, and the brief that prints it.
//!
//! The native file dialogs are the one part not driven (Tauri keeps the window's IPC out of
//! reach of page scripts, so they cannot be answered from the test): where a button would
//! ask for a file, the test sends the command that the button sends with the path chosen.

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use caliper_models::criteria::CriterionKind;
use caliper_models::store::Portfolio;
use thirtyfour::prelude::*;

use super::{artifact, ranking_labels, wait_for};

const CANDIDATES: [(&str, &str, &str); 3] = [
    ("Halden Medical", "Aeris 7", "41500"),
    ("Corvant", "Vapora AX", "38900"),
    ("Lumenfield", "Anesta S", "36200"),
];

/// Runs a step again while the element it found was re-rendered under it (the screen
/// refreshes after each save).
pub(super) async fn again_if_stale<F, Fut>(mut step: F) -> WebDriverResult<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<()>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match step().await {
            Err(e)
                if attempt < 20
                    && matches!(
                        e.as_inner(),
                        thirtyfour::error::WebDriverErrorInner::StaleElementReference(_)
                    ) =>
            {
                tokio::time::sleep(std::time::Duration::from_millis(150)).await;
            }
            outcome => return outcome,
        }
    }
}

async fn click(driver: &WebDriver, test_id: &str) -> WebDriverResult<()> {
    let css = format!("[data-testid='{test_id}']");
    again_if_stale(|| async {
        driver
            .query(By::Css(css.clone()))
            .first()
            .await?
            .click()
            .await
    })
    .await
}

async fn type_into_field(driver: &WebDriver, label: &str, text: &str) -> WebDriverResult<()> {
    let xpath =
        format!("//label[span[@class='field-label' and starts-with(text(), '{label}')]]/input");
    again_if_stale(|| async {
        let input = driver.query(By::XPath(xpath.clone())).first().await?;
        input.send_keys(Key::Control + "a").await?;
        input.send_keys(text).await
    })
    .await
}

fn read(path: &Path) -> Portfolio {
    Portfolio::open_read_only(path).expect("open the portfolio")
}

/// The evaluator's spreadsheet program: the exported workbook's cells in a new workbook,
/// with `score(row, column)` typed into every score cell.
fn fill_sheet(from: &Path, to: &Path, score: impl Fn(u32, u32) -> u8) {
    let mut wb: Xlsx<_> = calamine::open_workbook(from).expect("open the exported sheet");
    let range = wb.worksheet_range("Scores").expect("the Scores sheet");
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let cells: Vec<(u32, u32, Data)> = range
        .used_cells()
        .map(|(r, c, v)| (r0 + r as u32, c0 + c as u32, v.clone()))
        .collect();
    let header_row = cells
        .iter()
        .find(|(_, c, v)| *c == 0 && matches!(v, Data::String(s) if s == "Criterion id"))
        .map(|(r, _, _)| *r)
        .expect("the criterion header");
    let id_row = header_row - 1;
    let columns: Vec<u32> = cells
        .iter()
        .filter(|(r, c, _)| *r == id_row && *c >= 4)
        .map(|(_, c, _)| *c)
        .collect();
    let rows: Vec<u32> = cells
        .iter()
        .filter(|(r, c, _)| *r > header_row && *c == 0)
        .map(|(r, _, _)| *r)
        .collect();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name("Scores").expect("name");
    for (r, c, v) in &cells {
        match v {
            Data::Float(f) => ws.write_number(*r, *c as u16, *f),
            Data::Int(i) => ws.write_number(*r, *c as u16, *i as f64),
            other => ws.write_string(*r, *c as u16, other.to_string()),
        }
        .expect("write a cell");
    }
    for &r in &rows {
        for &c in &columns {
            ws.write_number(r, c as u16, f64::from(score(r, c)))
                .expect("write a score");
        }
    }
    out.save(to).expect("save the filled sheet");
}

/// From a request just created in a new portfolio (open on its Candidates tab) to the
/// exported brief with the committee's decision.
pub async fn committee_path(driver: &WebDriver, fresh: &Path) -> WebDriverResult<()> {
    let request = read(fresh).requests().expect("requests")[0].request.id;

    // Three candidates with their quotes, through the candidate form.
    for (i, (manufacturer, model, price)) in CANDIDATES.iter().enumerate() {
        click(driver, "add-candidate").await?;
        type_into_field(driver, "Manufacturer", manufacturer).await?;
        type_into_field(driver, "Model", model).await?;
        type_into_field(driver, "Unit price", price).await?;
        type_into_field(driver, "Quoted quantity", "12").await?;
        click(driver, "candidate-submit").await?;
        wait_for("the candidate in the file", || async {
            Ok(read(fresh)
                .candidates(request)
                .map(|c| c.len())
                .unwrap_or(0)
                == i + 1)
        })
        .await?;
    }
    let candidates = read(fresh).candidates(request).expect("candidates");

    // Cost models and device profiles come from the vendors' files, set by the command
    // line while the app is open; the window reloads what changed.
    let dir = fresh.parent().expect("a folder");
    let cost = dir.join("cost.json");
    std::fs::write(
        &cost,
        r#"{"unit_price": "0", "quantity": 1, "installation": "24000", "service_annual": "30000", "expected_life_years": 10}"#,
    )
    .expect("write the cost model");
    let profile = caliper_tests::repo_root().join("docs/examples/device-profile.json");
    for c in &candidates {
        let id = c.id.to_string();
        for (what, file) in [("cost-model", &cost), ("device-profile", &profile)] {
            let out = Command::new(caliper_tests::caliper_bin())
                .args([what, "--portfolio"])
                .arg(fresh)
                .args(["--candidate", &id, "--set"])
                .arg(file)
                .output()
                .expect("run caliper");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    driver
        .execute(
            &format!(
                "window.location.hash = '#/request/{request}/scoring'; window.location.reload()"
            ),
            vec![],
        )
        .await?;

    // Two evaluators, added on the Scoring tab.
    for (i, name) in ["Dr. Imani Reyes", "Tomas Berg"].iter().enumerate() {
        click(driver, "add-evaluator").await?;
        again_if_stale(|| async {
            driver
                .query(By::Css("[data-testid='evaluator-name']"))
                .first()
                .await?
                .send_keys(*name)
                .await
        })
        .await?;
        click(driver, "evaluator-submit").await?;
        wait_for("the evaluator in the file", || async {
            Ok(read(fresh).evaluators().map(|e| e.len()).unwrap_or(0) == i + 1)
        })
        .await?;
    }
    let evaluators = read(fresh).evaluators().expect("evaluators");
    let judged: Vec<_> = read(fresh)
        .criteria(request)
        .expect("criteria")
        .into_iter()
        .filter(|c| c.kind == CriterionKind::Judged)
        .collect();

    // The first evaluator scores in the grid, from the keyboard: Halden 4, Corvant 5,
    // Lumenfield 3 on every judged criterion.
    driver
        .find(By::Css(format!(
            "[data-testid='evaluator-select'] option[value='{}']",
            evaluators[0].id
        )))
        .await?
        .click()
        .await?;
    for criterion in &judged {
        for (candidate, level) in candidates.iter().zip(["4", "5", "3"]) {
            let css = format!("[data-testid='score-{}-{}']", criterion.id, candidate.id);
            again_if_stale(|| async {
                let cell = driver.query(By::Css(css.clone())).first().await?;
                cell.click().await?;
                cell.send_keys(level).await
            })
            .await?;
        }
    }
    let scored = |evaluator| {
        read(fresh)
            .scores(request)
            .expect("scores")
            .iter()
            .filter(|s| s.evaluator_id == evaluator)
            .count()
    };
    wait_for("the first evaluator's grid in the file", || async {
        Ok(scored(evaluators[0].id) == judged.len() * 3)
    })
    .await?;

    // The second scores away from the app: sheets exported for both, one returned.
    let sheets = dir.join("sheets");
    std::fs::create_dir_all(&sheets).expect("a folder for the sheets");
    let invoke = |command: &'static str, args: serde_json::Value| async move {
        let ret = driver
            .execute(
                &format!("return window.__TAURI_INTERNALS__.invoke('{command}', arguments[0])"),
                vec![args],
            )
            .await?;
        WebDriverResult::Ok(ret.json().clone())
    };
    let written = invoke(
        "export_score_sheets",
        serde_json::json!({ "requestId": request.0, "folder": sheets, "format": "xlsx" }),
    )
    .await?;
    assert_eq!(written.as_array().map(Vec::len), Some(2), "{written}");
    let exported = std::fs::read_dir(&sheets)
        .expect("the sheets folder")
        .map(|e| e.expect("entry").path())
        .find(|p| p.to_string_lossy().contains("Tomas Berg"))
        .expect("Tomas Berg's sheet");
    let returned = dir.join("Berg returned.xlsx");
    // Halden 5, Corvant 3, Lumenfield 4 (columns E, F, G).
    fill_sheet(&exported, &returned, |_, column| {
        [5, 3, 4][(column - 4) as usize]
    });
    let args = serde_json::json!({ "requestId": request.0, "path": returned });
    let preview = invoke("preview_score_sheet", args.clone()).await?;
    assert_eq!(preview["new"], judged.len() * 3, "{preview}");
    assert_eq!(preview["problems"], serde_json::json!([]));
    assert_eq!(scored(evaluators[1].id), 0, "the preview saved nothing");
    invoke("import_score_sheet", args).await?;
    assert_eq!(scored(evaluators[1].id), judged.len() * 3);
    // The grid shows the merged sheet (the window reloads what the command changed).
    driver.execute("window.location.reload()", vec![]).await?;
    driver
        .query(By::Css(format!(
            "[data-testid='evaluator-select'] option[value='{}']",
            evaluators[1].id
        )))
        .first()
        .await?
        .click()
        .await?;
    let first_cell = format!(
        "[data-testid='score-{}-{}']",
        judged[0].id, candidates[0].id
    );
    wait_for("the merged scores in the grid", || async {
        Ok(driver
            .find(By::Css(first_cell.clone()))
            .await?
            .text()
            .await?
            == "5")
    })
    .await?;
    driver
        .screenshot(&artifact("e2e-score-sheet-merged.png"))
        .await?;

    // The ranking, then the committee's decision for the runner-up, with its reason.
    driver
        .execute(
            &format!("window.location.hash = '#/request/{request}/ranking'"),
            vec![],
        )
        .await?;
    wait_for("three ranked candidates", || async {
        Ok(ranking_labels(driver).await?.len() == 3)
    })
    .await?;
    let ranking = read(fresh).ranking(request).expect("rank");
    let runner_up = &ranking.candidates[1];
    driver
        .screenshot(&artifact("e2e-new-portfolio-ranking.png"))
        .await?;
    driver
        .execute(
            &format!("window.location.hash = '#/request/{request}/decision'"),
            vec![],
        )
        .await?;
    click(driver, "decision-record").await?;
    driver
        .find(By::Css(format!(
            "[data-testid='decision-candidate'] option[value='{}']",
            runner_up.candidate_id
        )))
        .await?
        .click()
        .await?;
    let rationale =
        "Same vaporizers as the day-surgery fleet: one training and one spare-parts stock.";
    driver
        .find(By::Css("[data-testid='decision-rationale']"))
        .await?
        .send_keys(rationale)
        .await?;
    click(driver, "decision-save").await?;
    wait_for("the decision in the file", || async {
        Ok(read(fresh).decisions(request).map(|d| d.len()).unwrap_or(0) == 1)
    })
    .await?;

    // The brief, through the export button's command.
    let brief = dir.join("Anesthesia brief.pdf");
    let export = invoke(
        "export_request_brief",
        serde_json::json!({ "requestId": request.0, "path": brief, "paper": "a4" }),
    )
    .await?;
    assert_eq!(
        export["content_hash"].as_str().map(str::len),
        Some(12),
        "{export}"
    );
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&brief)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Replace 12 anesthesia machines"), "{flat}");
    assert!(flat.contains("Decision"), "{flat}");
    assert!(flat.contains(&runner_up.label), "{flat}");
    assert!(
        flat.contains("Same vaporizers as the day-surgery fleet"),
        "the brief prints the rationale: {flat}"
    );
    Ok(())
}
