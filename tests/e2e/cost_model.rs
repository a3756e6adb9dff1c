//! The cost-model editor in the app: a change reaches the file, the lifecycle cost and the ranking.

use caliper_models::ids::RequestId;
use caliper_models::store::Portfolio;
use thirtyfour::prelude::*;

use super::harness::*;

/// Raising a candidate's service contract in the cost-model editor raises its equivalent
/// annual cost, saves to the file, and lowers its lifecycle-cost contribution in the ranking.
#[tokio::test(flavor = "multi_thread")]
async fn editing_a_service_contract_changes_the_cost_criterion() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        let norvale = Portfolio::open(&portfolio)
            .and_then(|p| p.candidates(RequestId(1)))
            .expect("read the demo")
            .into_iter()
            .find(|c| c.model == "VitaView 700")
            .expect("Norvale candidate")
            .id;
        let lifecycle_contribution = || {
            let p = Portfolio::open(&portfolio).expect("open");
            let r = caliper_models::assessment::assess(
                &p.assessment_inputs(RequestId(1)).expect("inputs"),
            )
            .expect("assess");
            let i = r
                .criteria
                .iter()
                .position(|c| c.name == "Lifecycle cost")
                .expect("criterion");
            let c = r
                .candidates
                .iter()
                .find(|c| c.candidate_id == norvale)
                .expect("candidate");
            c.cells[i].contribution.expect("contribution")
        };
        let before = lifecycle_contribution();

        // Wait for the app to show the portfolio before navigating.
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        driver
            .execute("window.location.hash = '#/request/1/lifecycle'", vec![])
            .await?;
        let row = format!("[data-testid='lifecycle-row'][data-candidate-id='{norvale}'] .eac");
        let eac_before = "225,740".to_string();
        wait_for("the lifecycle summary", || async {
            let cells = driver.find_all(By::Css(row.clone())).await?;
            Ok(match cells.first() {
                Some(cell) => cell.text().await? == eac_before,
                None => false,
            })
        })
        .await?;
        driver
            .query(By::Css(format!("[data-testid='edit-cost-{norvale}']")))
            .first()
            .await?
            .click()
            .await?;
        let service = driver
            .query(By::Css("[data-testid='cost-field-service_annual']"))
            .first()
            .await?;
        service.click().await?;
        service.send_keys(Key::Control + "a").await?;
        service.send_keys("99000").await?;
        // The live preview follows the typing before anything is saved.
        wait_for("the live EAC preview", || async {
            let text = driver
                .find(By::Css("[data-testid='preview-eac']"))
                .await?
                .text()
                .await?;
            Ok(!text.contains("225,740") && !text.is_empty())
        })
        .await?;
        driver.screenshot(&artifact("e2e-cost-editor.png")).await?;
        // The editor is taller than the window: bring the button to its middle first.
        let save = driver.find(By::Css("[data-testid='cost-save']")).await?;
        driver
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![save.to_json()?],
            )
            .await?;
        save.click().await?;

        wait_for("the new EAC in the summary", || async {
            let text = driver.find(By::Css(row.clone())).await?.text().await?;
            Ok(text != eac_before)
        })
        .await?;
        let after = lifecycle_contribution();
        assert!(after < before, "contribution {before} -> {after}");

        // The financial case below follows the new cost model: the NPV the window shows
        // is the engine's for the saved file, in the brief's words.
        // Norvale's first key figure (its NPV) as the engine gives it for the saved file.
        let engine_npv = || {
            Portfolio::open(&portfolio)
                .and_then(|p| p.financial_case_view(RequestId(1)))
                .expect("financial case")
                .candidates
                .into_iter()
                .find(|c| c.candidate_id == norvale)
                .and_then(|c| c.figures.into_iter().next())
                .expect("Norvale's NPV")
        };
        let expected = engine_npv();
        assert_eq!(expected.label, "NPV of the net cash flow");
        driver
            .query(By::Css(format!(
                "[data-testid='case-candidate'] option[value='{norvale}']"
            )))
            .first()
            .await?
            .click()
            .await?;
        let npv = "[data-testid='case-figures'] dd";
        wait_for("the financial case's NPV", || async {
            let cells = driver.find_all(By::Css(npv)).await?;
            Ok(match cells.first() {
                Some(cell) => cell.text().await? == expected.value,
                None => false,
            })
        })
        .await?;
        let section = driver
            .find(By::Css("[data-testid='financial-case']"))
            .await?;
        driver
            .execute(
                "arguments[0].scrollIntoView({block: 'start'})",
                vec![section.to_json()?],
            )
            .await?;
        driver
            .screenshot(&artifact("e2e-financial-case.png"))
            .await?;

        // Savings edited in the window reach the file through the engine's checks: a
        // negative amount is refused naming the field and nothing changes; a larger saving
        // is saved and the NPV shown follows it.
        let savings_of = || {
            Portfolio::open(&portfolio)
                .and_then(|p| p.savings_and_revenue(norvale))
                .expect("savings")
        };
        let stored = savings_of();
        let amount = driver
            .query(By::Css("[data-testid='saving-amount']"))
            .first()
            .await?;
        type_over(&driver, &amount, "-5").await?;
        driver
            .find(By::Css("[data-testid='savings-save']"))
            .await?
            .click()
            .await?;
        let refusal = driver
            .query(By::Css("[data-testid='savings-error']"))
            .first()
            .await?
            .text()
            .await?;
        assert!(refusal.contains("savings[0].amount"), "{refusal}");
        assert_eq!(savings_of(), stored, "a refused change writes nothing");
        type_over(&driver, &amount, "200000").await?;
        driver
            .find(By::Css("[data-testid='savings-save']"))
            .await?
            .click()
            .await?;
        let before_npv = expected.value.clone();
        wait_for("the NPV after the new saving", || async {
            let shown = driver.find(By::Css(npv)).await?.text().await?;
            let saved = savings_of().savings.first().map(|l| l.amount.to_string());
            Ok(shown != before_npv && saved.as_deref() == Some("200000"))
        })
        .await?;
        let now = engine_npv();
        assert_eq!(
            driver.find(By::Css(npv)).await?.text().await?,
            now.value,
            "the window shows the engine's NPV of the saved file"
        );
        driver
            .screenshot(&artifact("e2e-savings-editor.png"))
            .await?;
        Ok(())
    })
    .await
}
