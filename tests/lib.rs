//! Shared helpers for the acceptance tests: paths of the repository and the built CLI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// The `caliper` binary built beside this test. `cargo test` builds only test targets, so
/// the first call builds the CLI (a no-op when it is up to date) to never test a stale one.
pub fn caliper_bin() -> PathBuf {
    static BUILT: std::sync::Once = std::sync::Once::new();
    BUILT.call_once(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "-p",
                "caliper-models",
                "--bin",
                "caliper",
            ])
            .current_dir(repo_root())
            .status()
            .expect("run cargo build");
        assert!(status.success(), "building the caliper CLI failed");
    });
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/acceptance-<hash> -> target/<profile>/caliper
    let profile_dir = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target profile dir");
    let bin = profile_dir.join(format!("caliper{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: build it with `cargo build -p caliper-models` (cargo test --workspace does)",
        bin.display()
    );
    bin
}

/// Runs the CLI with `args` from the repository root.
pub fn caliper(args: &[&str]) -> Output {
    Command::new(caliper_bin())
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run caliper")
}

/// Runs the CLI with `args` in `dir` (relative paths are relative to it), without a
/// `CALIPER_USER` from the environment.
pub fn caliper_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(caliper_bin())
        .args(args)
        .current_dir(dir)
        .env_remove("CALIPER_USER")
        .output()
        .expect("run caliper")
}

/// Runs the CLI in `dir` and returns its standard output; a failure fails the test with
/// the command and its error.
pub fn caliper_ok(dir: &Path, args: &[&str]) -> String {
    let o = caliper_in(dir, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// True when every program in `tools` is on the PATH. When one is missing, prints a
/// visible `SKIPPED` line (straight to stderr, past the test harness's capture) naming the
/// test and the missing program, and the caller returns early: the report tools (poppler,
/// qpdf) are installed by scripts/bootstrap.sh, so CI always runs these tests.
pub fn have_tools(test: &str, tools: &[&str]) -> bool {
    use std::io::Write;
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|tool| {
            Command::new(tool)
                .arg("-v")
                .output()
                .map(|_| false)
                .unwrap_or(true)
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: needs {} (poppler-utils, qpdf: run scripts/bootstrap.sh)",
        missing.join(", ")
    );
    false
}

/// Runs the CLI from the repository root; it must succeed. Returns standard output.
pub fn run_ok(args: &[&str]) -> String {
    let o = caliper(args);
    assert!(
        o.status.success(),
        "caliper {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

/// [`run_ok`], its output read as JSON.
pub fn run_json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run_ok(args)).expect("JSON output")
}

/// Runs the CLI; it must fail and leave `portfolio` byte for byte as it was. Returns the
/// message on standard error.
pub fn refused(portfolio: &Path, args: &[&str]) -> String {
    let before = std::fs::read(portfolio).expect("read the portfolio");
    let o = caliper(args);
    assert!(!o.status.success(), "caliper {args:?} should fail");
    assert_eq!(
        std::fs::read(portfolio).expect("read the portfolio"),
        before,
        "{args:?} changed the file"
    );
    String::from_utf8(o.stderr).expect("UTF-8 errors")
}
