//! The end-to-end harness: tauri-driver and WebKitWebDriver around the real app on a
//! portfolio in a temporary directory, and the steps the tests share.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use caliper_tests::repo_root;
use thirtyfour::prelude::*;

/// tauri-driver, stopped with SIGTERM (a hard kill orphans WebKitWebDriver).
pub(crate) struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(app_env: &[(&str, &Path)]) -> Driver {
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new(tauri_driver());
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
        for (k, v) in app_env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .expect("start tauri-driver (cargo install tauri-driver --locked)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

pub(crate) fn tauri_driver() -> PathBuf {
    let home_bin =
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"));
    match home_bin {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// The desktop binary: `$CALIPER_APP`, else target/<profile>/caliper-desktop beside this test.
pub(crate) fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("CALIPER_APP") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("test executable path");
    let bin = exe
        .parent()
        .and_then(|d| d.parent())
        .map(|d| d.join("caliper-desktop"))
        .expect("target dir");
    assert!(
        bin.exists(),
        "{} is missing: cargo build -p caliper-desktop",
        bin.display()
    );
    bin
}

pub(crate) async fn ranking_labels(driver: &WebDriver) -> WebDriverResult<Vec<String>> {
    let mut labels = Vec::new();
    for row in driver
        .find_all(By::Css(
            "[data-testid='ranking-row'] [data-testid='ranking-label']",
        ))
        .await?
    {
        labels.push(row.text().await?);
    }
    Ok(labels)
}

pub(crate) async fn wait_for<F, Fut>(what: &str, mut probe: F) -> WebDriverResult<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<bool>>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if probe().await.unwrap_or(false) {
            return Ok(());
        }
        if Instant::now() > deadline {
            panic!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Starts the app on a fresh portfolio in a temporary directory and runs `body` against it.
pub(crate) async fn with_app<F, Fut>(body: F) -> WebDriverResult<()>
where
    F: FnOnce(WebDriver, PathBuf) -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<()>>,
{
    let dir = tempfile::tempdir().expect("temp dir");
    let portfolio = dir.path().join("e2e.caliper");
    let mut caps = Capabilities::new();
    caps.set("browserName", "wry")?;
    caps.set(
        "tauri:options",
        serde_json::json!({ "application": app_binary() }),
    )?;
    // Starting a session can fail while the previous test's WebKitWebDriver is still
    // shutting down on a slow machine: start afresh, up to three times.
    let mut attempt = 0;
    let (driver_proc, driver) = loop {
        attempt += 1;
        let driver_proc = Driver::start(&[
            ("CALIPER_PORTFOLIO", &portfolio),
            ("CALIPER_DATA_DIR", dir.path()),
        ]);
        match WebDriver::new(
            format!("http://127.0.0.1:{}", driver_proc.port),
            caps.clone(),
        )
        .await
        {
            Ok(driver) => break (driver_proc, driver),
            Err(e) if attempt < 3 => {
                eprintln!("starting a WebDriver session failed ({e}); trying again");
                drop(driver_proc);
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            Err(e) => return Err(e),
        }
    };
    let outcome = body(driver.clone(), portfolio).await;
    if outcome.is_err() {
        // What the window showed when the step failed.
        let _ = driver.screenshot(&artifact("e2e-failure.png")).await;
    }
    driver.quit().await?;
    drop(driver_proc);
    outcome
}

/// Brings an input to the middle of the window (forms are longer than the window), then
/// selects its value and types over it, as a user does (a programmatic clear would bypass
/// the input's change handler).
pub(crate) async fn type_over(
    driver: &WebDriver,
    input: &WebElement,
    text: &str,
) -> WebDriverResult<()> {
    driver
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![input.to_json()?],
        )
        .await?;
    input.click().await?;
    input.send_keys(Key::Control + "a").await?;
    input.send_keys(text).await
}

/// Brings the element of `css` to the middle of the window (the app bar stays over the
/// page's top), then clicks it.
pub(crate) async fn click(driver: &WebDriver, css: &str) -> WebDriverResult<()> {
    let element = driver.query(By::Css(css)).first().await?;
    driver
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![element.to_json()?],
        )
        .await?;
    element.click().await
}

pub(crate) fn artifact(name: &str) -> PathBuf {
    let dir = repo_root().join("artifacts");
    let _ = std::fs::create_dir_all(&dir);
    dir.join(name)
}
