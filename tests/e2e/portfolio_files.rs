//! Portfolio files in the app: a backup restored after an outside change, and the menu
//! that opens portfolios with the title and the recent list following.

use std::path::Path;

use caliper_models::store::Portfolio;
use thirtyfour::prelude::*;

use super::harness::*;

/// A backup made in the app brings the portfolio back after another program changed it:
/// the window notices the outside change, and the restore (confirmed) puts the old site
/// profile back in the file and keeps the replaced state as a backup of its own.
#[tokio::test(flavor = "multi_thread")]
async fn a_backup_made_in_the_app_restores_the_portfolio() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        let patch_days = |path: &Path| {
            Portfolio::open_read_only(path)
                .and_then(|p| p.site_profile(None))
                .map(|s| s.profile.patch_window_days)
                .expect("read the site profile")
        };
        let original = patch_days(&portfolio);
        let changed = original.unwrap_or(30) + 11;

        driver
            .find(By::Css("[data-testid='backups-open']"))
            .await?
            .click()
            .await?;
        driver
            .find(By::Css("[data-testid='backup-now']"))
            .await?
            .click()
            .await?;
        driver
            .query(By::Css("[data-testid='backup-row-manual']"))
            .first()
            .await?;
        driver
            .find(By::XPath(
                "//div[@data-testid='backups-dialog']//button[text()='Close']",
            ))
            .await?
            .click()
            .await?;

        // Another program changes the file; the window says so.
        {
            let mut other = Portfolio::open(&portfolio).expect("open the file");
            let mut site = other.site_profile(None).expect("site profile").profile;
            site.patch_window_days = Some(changed);
            other.set_site_profile(None, &site).expect("save");
        }
        wait_for("the notice of the outside change", || async {
            let body = driver.find(By::Css("body")).await?.text().await?;
            Ok(body.contains("changed by another window or program"))
        })
        .await?;

        driver
            .find(By::Css("[data-testid='backups-open']"))
            .await?
            .click()
            .await?;
        driver
            .query(By::XPath(
                "//tr[@data-testid='backup-row-manual']//button[text()='Restore…']",
            ))
            .first()
            .await?
            .click()
            .await?;
        driver
            .screenshot(&artifact("e2e-backups-restore-confirm.png"))
            .await?;
        driver
            .find(By::XPath(
                "//div[@role='alertdialog']//button[text()='Restore']",
            ))
            .await?
            .click()
            .await?;
        wait_for("the restore to reach the file", || async {
            Ok(patch_days(&portfolio) == original)
        })
        .await?;
        wait_for("the restore notice", || async {
            let body = driver.find(By::Css("body")).await?.text().await?;
            Ok(body.contains("Restored the backup of"))
        })
        .await?;
        let saved = caliper_models::store::list_backups(&portfolio).expect("list backups");
        let before = saved
            .iter()
            .find(|b| b.reason == caliper_models::store::BackupReason::BeforeRestore)
            .expect("a backup of the state the restore replaced");
        assert_eq!(patch_days(Path::new(&before.path)), Some(changed));
        driver
            .find(By::Css("[data-testid='backups-open']"))
            .await?
            .click()
            .await?;
        driver
            .query(By::Css("[data-testid='backup-row-before_restore']"))
            .first()
            .await?;
        driver.screenshot(&artifact("e2e-backups.png")).await?;
        Ok(())
    })
    .await
}

/// The window's title names the open portfolio; File ▸ Open the Demo (sent as the native
/// menu sends it) opens another portfolio, the home page then lists the one opened before
/// among the recent portfolios, and a click on it opens it again. Ctrl+E with no request
/// open says what it needs.
#[tokio::test(flavor = "multi_thread")]
async fn the_menu_opens_portfolios_and_the_title_and_recent_list_follow() -> WebDriverResult<()> {
    with_app(|driver, portfolio| async move {
        driver
            .query(By::Css("[data-testid='request-1']"))
            .first()
            .await?;
        let name = Portfolio::open_read_only(&portfolio)
            .and_then(|p| p.info())
            .expect("the portfolio's facts")
            .name;
        let title = format!("Caliper — {name}");
        wait_for("the portfolio's name in the title", || async {
            Ok(driver.title().await? == title)
        })
        .await?;
        let shown_path = || async {
            driver
                .find(By::Css(".portfolio-path"))
                .await?
                .prop("textContent")
                .await
                .map(Option::unwrap_or_default)
        };

        let emit_demo = "return window.__TAURI_INTERNALS__.invoke('plugin:event|emit', \
                         { event: 'menu', payload: 'demo' }) \
                         .then(() => 'sent', (e) => 'refused: ' + JSON.stringify(e))";
        let sent = driver.execute(emit_demo, vec![]).await?;
        assert_eq!(sent.json(), "sent");
        wait_for("the demo opened from the menu", || async {
            Ok(shown_path().await?.ends_with("demo.caliper"))
        })
        .await?;
        let recent = By::Css("[data-testid='recent-portfolio']");
        let before = portfolio.display().to_string();
        wait_for(
            "the portfolio opened before among the recent ones",
            || async {
                for entry in driver.find_all(recent.clone()).await? {
                    if entry.attr("title").await?.as_deref() == Some(before.as_str()) {
                        return Ok(true);
                    }
                }
                Ok(false)
            },
        )
        .await?;
        assert_eq!(driver.title().await?, title);
        driver
            .screenshot(&artifact("e2e-recent-portfolios.png"))
            .await?;

        // Re-creating the demo once it was opened asks first; cancelled, nothing changes.
        // (The menu's event is sent again while the window is still settling on the
        // portfolio it just opened and has not shown the question.)
        let cancel = By::XPath(
            "//div[@role='alertdialog'][.//h2[text()='Re-create the demo']]//button[text()='Cancel']",
        );
        wait_for("the question before re-creating the demo", || async {
            if driver.find_all(cancel.clone()).await?.is_empty() {
                driver.execute(emit_demo, vec![]).await?;
                tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            }
            Ok(!driver.find_all(cancel.clone()).await?.is_empty())
        })
        .await?;
        driver.query(cancel).first().await?.click().await?;

        driver
            .action_chain()
            .key_down(Key::Control)
            .send_keys("e")
            .key_up(Key::Control)
            .perform()
            .await?;
        wait_for("the notice that a request must be open", || async {
            let body = driver.find(By::Css("body")).await?.text().await?;
            Ok(body.contains("Open a request to export its brief."))
        })
        .await?;

        driver
            .find(By::Css(format!(
                "[data-testid='recent-portfolio'][title='{before}']"
            )))
            .await?
            .click()
            .await?;
        wait_for("the recent portfolio opened again", || async {
            Ok(shown_path().await? == before)
        })
        .await?;
        Ok(())
    })
    .await
}
