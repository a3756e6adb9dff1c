//! Every kind of write killed (SIGKILL) at a reproducible pseudo-random moment of its run:
//! the portfolio still opens, passes SQLite's integrity check and holds the old state or
//! the new one, never a mix; a demo, brief or workbook is absent or whole; and the next
//! uninterrupted write leaves no temporary file behind. A killed restore leaves the
//! portfolio as it was or as the backup was; a killed backup leaves no file or a whole one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use calamine::{open_workbook, Reader, Xlsx};
use caliper_tests::{caliper, caliper_bin, repo_root};

/// Killed runs per kind of write (8 kinds).
const TRIALS: u64 = 10;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Demo,
    SiteProfile,
    Mds2,
    Brief,
    Export,
    Backup,
    Restore,
    /// An inventory export imported on confirmation (written in a rollback journal).
    Inventory,
}

/// A demo portfolio (never written) and the inputs of the writes, in a temporary folder.
struct Setup {
    dir: tempfile::TempDir,
    base: PathBuf,
    profile: PathBuf,
    candidate: String,
    /// A copy of the base with another site profile: the backup a restore brings back.
    changed: PathBuf,
    /// An inventory export large enough to be written in a rollback journal.
    inventory: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.caliper");
    assert!(caliper(&["demo", base.to_str().unwrap()]).status.success());
    // A profile that differs from any the demo holds, so that the write changes the file.
    let mut profile: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("docs/examples/site-profile.json")).unwrap(),
    )
    .unwrap();
    profile["patch_window_days"] = 17.into();
    let profile_path = dir.path().join("profile.json");
    std::fs::write(&profile_path, profile.to_string()).unwrap();
    let o = caliper(&[
        "rank",
        "--portfolio",
        base.to_str().unwrap(),
        "--request",
        "1",
        "--json",
    ]);
    assert!(o.status.success());
    let ranking: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let candidate = first_candidate(&ranking).expect("a ranked candidate id");
    let changed = dir.path().join("changed.caliper");
    std::fs::copy(&base, &changed).unwrap();
    let set = [
        "site-profile",
        "--portfolio",
        changed.to_str().unwrap(),
        "--set",
        profile_path.to_str().unwrap(),
    ];
    assert!(caliper(&set).status.success());
    let inventory = dir.path().join("inventory.csv");
    let mut csv = String::from("Asset #,Device Type,Mfr,Model,Acq Date,Purchase Cost\n");
    for i in 0..caliper_models::store::BULK_ROWS + 5_000 {
        csv.push_str(&format!(
            "K-{i:05},Infusion pump,Baxter,Model {},{}-03-14,{}.50\n",
            i % 40,
            2010 + i % 12,
            1000 + i % 900
        ));
    }
    std::fs::write(&inventory, csv).unwrap();
    Setup {
        dir,
        base,
        profile: profile_path,
        candidate,
        changed,
        inventory,
    }
}

/// The first `candidate_id` (or `candidate.id`) found in the ranking.
fn first_candidate(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Object(m) => m
            .get("candidate_id")
            .or_else(|| m.get("candidate").and_then(|c| c.get("id")))
            .filter(|id| id.is_u64())
            .map(|id| id.to_string())
            .or_else(|| m.values().find_map(first_candidate)),
        serde_json::Value::Array(a) => a.iter().find_map(first_candidate),
        _ => None,
    }
}

/// The command line of `kind` on portfolio `p`, writing `out` where it writes a file.
fn args(s: &Setup, kind: Kind, p: &Path, out: &Path) -> Vec<String> {
    let (p, out) = (p.display().to_string(), out.display().to_string());
    let csv = repo_root().join("docs/examples/mds2-form.csv");
    let v: Vec<&str> = match kind {
        Kind::Demo => vec!["demo", &out],
        Kind::SiteProfile => vec![
            "site-profile",
            "--portfolio",
            &p,
            "--set",
            s.profile.to_str().unwrap(),
        ],
        Kind::Mds2 => vec![
            "mds2",
            "import",
            "--portfolio",
            &p,
            "--candidate",
            &s.candidate,
            csv.to_str().unwrap(),
            "--confirm",
        ],
        Kind::Brief => vec![
            "brief",
            "--portfolio",
            &p,
            "--request",
            "1",
            "--out",
            &out,
            "--as-of",
            "2026-11-01",
        ],
        Kind::Export => vec!["export", "--portfolio", &p, "--request", "1", "--out", &out],
        Kind::Backup => vec!["backup", "--portfolio", &p, "--out", &out],
        Kind::Restore => vec![
            "restore",
            "--portfolio",
            &p,
            "--from",
            s.changed.to_str().unwrap(),
        ],
        Kind::Inventory => vec![
            "inventory",
            "import",
            "--portfolio",
            &p,
            "--file",
            s.inventory.to_str().unwrap(),
            "--source",
            "CMMS",
            "--as-of",
            "2026-11-01",
            "--confirm",
        ],
    };
    v.into_iter().map(String::from).collect()
}

fn out_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Demo => "new.caliper",
        Kind::Brief => "brief.pdf",
        Kind::Export => "request.xlsx",
        Kind::Backup => "copy.caliper",
        Kind::SiteProfile | Kind::Mds2 | Kind::Restore | Kind::Inventory => "unused",
    }
}

/// What the writes change: the portfolio's site profile, its MDS2 forms and answers, and
/// its inventory.
/// Checks first that the CLI opens the file and that SQLite finds it intact.
fn state(p: &Path) -> String {
    let o = caliper(&["requests", "--portfolio", p.to_str().unwrap(), "--json"]);
    assert!(
        o.status.success(),
        "{} does not open: {}",
        p.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    let requests: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let db = rusqlite::Connection::open(p).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{}", p.display());
    let profile: Option<String> = db
        .query_row(
            "SELECT profile FROM site_profile WHERE facility_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap_or(None);
    let profile = profile.map(|t| serde_json::from_str::<serde_json::Value>(&t).unwrap());
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    format!(
        "requests {} profile {profile:?} forms {} answers {} assets {} mappings {}",
        requests.as_array().map_or(0, Vec::len),
        count("SELECT count(*) FROM mds2_form"),
        count("SELECT count(*) FROM mds2_answer"),
        count("SELECT count(*) FROM asset"),
        count("SELECT count(*) FROM inventory_mapping"),
    )
}

/// A written brief or workbook is whole.
fn assert_complete(kind: Kind, out: &Path) {
    match kind {
        Kind::Brief => {
            let bytes = std::fs::read(out).unwrap();
            assert!(bytes.starts_with(b"%PDF"), "{}", out.display());
            assert!(
                bytes.trim_ascii_end().ends_with(b"%%EOF"),
                "{}",
                out.display()
            );
        }
        Kind::Export => {
            let mut wb: Xlsx<_> = open_workbook(out).unwrap();
            let sheets = wb.sheet_names();
            assert!(!sheets.is_empty());
            for sheet in sheets {
                wb.worksheet_range(&sheet).unwrap();
            }
        }
        _ => {}
    }
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".caliper-tmp"))
        .collect()
}

/// A fresh copy of the base portfolio in a folder of its own.
fn fresh(s: &Setup) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir_in(s.dir.path()).unwrap();
    let p = dir.path().join("p.caliper");
    std::fs::copy(&s.base, &p).unwrap();
    (dir, p)
}

fn run(s: &Setup, kind: Kind, p: &Path, out: &Path) -> Command {
    let mut c = Command::new(caliper_bin());
    c.args(args(s, kind, p, out))
        .current_dir(repo_root())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// The old and the new state, and how long one uninterrupted write takes.
fn calibrate(s: &Setup, kind: Kind) -> (String, String, Duration) {
    let (dir, p) = fresh(s);
    let old = state(&p);
    let out = dir.path().join(out_name(kind));
    let start = Instant::now();
    assert!(run(s, kind, &p, &out).status().unwrap().success());
    let took = start.elapsed();
    let new = if kind == Kind::Demo {
        state(&out)
    } else {
        state(&p)
    };
    match kind {
        Kind::SiteProfile | Kind::Mds2 | Kind::Restore | Kind::Inventory => {
            assert_ne!(old, new, "{kind:?} changed nothing")
        }
        Kind::Backup => assert_eq!(state(&out), old, "the backup holds the portfolio"),
        _ => assert_eq!(old, new, "{kind:?}"),
    }
    (old, new, took)
}

/// Kills one run of `kind` after a delay drawn from `seed` over 1.2 times its duration.
fn trial(s: &Setup, kind: Kind, seed: u64, (old, new, took): &(String, String, Duration)) {
    let (dir, p) = fresh(s);
    let out = dir.path().join(out_name(kind));
    let span = took.as_micros() as u64 * 6 / 5 + 1;
    let delay = Duration::from_micros((seed >> 16) % span);
    let mut child = run(s, kind, &p, &out).spawn().unwrap();
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL; fails only when the run already ended
    child.wait().unwrap();

    let now = state(&p);
    assert!(
        &now == old || &now == new,
        "{kind:?} killed after {delay:?}: a mixed state {now}"
    );
    if kind == Kind::Demo {
        if out.exists() {
            assert_eq!(&state(&out), new, "demo killed after {delay:?}");
        }
        return;
    }
    if out.exists() {
        assert_complete(kind, &out);
        if kind == Kind::Backup {
            assert_eq!(&state(&out), old, "backup killed after {delay:?}");
        }
    }
    if kind == Kind::Restore {
        // The next restore completes and leaves no half-written backup behind.
        assert!(run(s, kind, &p, &out).status().unwrap().success());
        assert_eq!(&state(&p), new);
        let backups = dir.path().join("p.caliper.backups");
        assert_eq!(temporaries(&backups), Vec::<String>::new());
    }
    if kind == Kind::Inventory {
        // The import, killed in its rollback journal, runs again to the end, and leaves
        // the file in its write-ahead log.
        assert!(run(s, kind, &p, &out).status().unwrap().success());
        assert_eq!(&state(&p), new);
        let db = rusqlite::Connection::open(&p).unwrap();
        let mode: String = db
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "{}", p.display());
    }
    if matches!(kind, Kind::Brief | Kind::Export) {
        assert!(run(s, kind, &p, &out).status().unwrap().success());
        assert_complete(kind, &out);
        assert_eq!(temporaries(dir.path()), Vec::<String>::new(), "{kind:?}");
    }
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants): reproducible delays.
fn lcg(x: u64) -> u64 {
    x.wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407)
}

fn trials(kind: Kind, seed: u64) {
    let s = setup();
    let calibration = calibrate(&s, kind);
    let mut x = seed;
    for _ in 0..TRIALS {
        x = lcg(x);
        trial(&s, kind, x, &calibration);
    }
}

#[test]
fn kill_demo() {
    trials(Kind::Demo, 1);
}

#[test]
fn kill_site_profile() {
    trials(Kind::SiteProfile, 2);
}

#[test]
fn kill_mds2_import() {
    trials(Kind::Mds2, 3);
}

#[test]
fn kill_brief() {
    trials(Kind::Brief, 4);
}

#[test]
fn kill_export() {
    trials(Kind::Export, 5);
}

#[test]
fn kill_backup() {
    trials(Kind::Backup, 6);
}

#[test]
fn kill_restore() {
    trials(Kind::Restore, 7);
}

#[test]
fn kill_inventory_import() {
    trials(Kind::Inventory, 8);
}
