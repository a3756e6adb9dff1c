//! Backups through the CLI: `caliper backup` (to a file or the portfolio's backup folder,
//! `--list`), `caliper restore`, and the automatic backups before the first change of a
//! session and before a restore.

use std::path::Path;

use caliper_tests::{caliper_in, caliper_ok as ok};

use caliper_models::store::{list_backups, Portfolio};

fn refused(dir: &Path, args: &[&str]) -> String {
    let o = caliper_in(dir, args);
    assert!(!o.status.success(), "{args:?} succeeded");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn candidate_names(path: &Path) -> Vec<String> {
    let p = Portfolio::open_read_only(path).unwrap();
    p.candidates(caliper_models::ids::RequestId(1))
        .unwrap()
        .into_iter()
        .map(|c| c.model)
        .collect()
}

fn set_site_profile(dir: &Path, profile: &serde_json::Value) {
    std::fs::write(dir.join("site.json"), profile.to_string()).unwrap();
    ok(
        dir,
        &[
            "site-profile",
            "--portfolio",
            "demo.caliper",
            "--set",
            "site.json",
        ],
    );
}

/// A backup made by hand restores the portfolio as it was, and the state the restore
/// replaced is kept as a backup of its own.
#[test]
fn a_backup_restores_the_portfolio_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["demo", "demo.caliper"]);
    let original = ok(d, &["site-profile", "--portfolio", "demo.caliper"]);
    ok(
        d,
        &[
            "backup",
            "--portfolio",
            "demo.caliper",
            "--out",
            "before.caliper",
        ],
    );
    let mut profile: serde_json::Value = serde_json::from_str(&original).unwrap();
    profile["ehr_version"] = serde_json::json!("Changed after the backup");
    set_site_profile(d, &profile);
    assert_ne!(
        ok(d, &["site-profile", "--portfolio", "demo.caliper"]),
        original
    );

    let said = ok(
        d,
        &[
            "restore",
            "--portfolio",
            "demo.caliper",
            "--from",
            "before.caliper",
        ],
    );
    assert!(
        said.contains("the state before the restore was saved as"),
        "{said}"
    );
    assert_eq!(
        ok(d, &["site-profile", "--portfolio", "demo.caliper"]),
        original
    );
    let listed: serde_json::Value = serde_json::from_str(&ok(
        d,
        &["backup", "--portfolio", "demo.caliper", "--list", "--json"],
    ))
    .unwrap();
    let reasons: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["reason"].as_str().unwrap())
        .collect();
    // Newest first: the restore's, then the first change of the session.
    assert_eq!(reasons, ["before_restore", "session"]);
    let replaced = listed[0]["path"].as_str().unwrap();
    let p = Portfolio::open_read_only(replaced).unwrap();
    assert_eq!(
        p.site_profile(None).unwrap().profile.ehr_version,
        "Changed after the backup",
        "the before-restore backup holds what the restore replaced"
    );
}

/// Restoring into a file that does not exist yet creates it from the backup.
#[test]
fn a_backup_restores_into_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["demo", "demo.caliper"]);
    let said = ok(d, &["backup", "--portfolio", "demo.caliper"]);
    let backups = list_backups(&d.join("demo.caliper")).unwrap();
    assert_eq!(backups.len(), 1, "{said}");
    let name = Path::new(&backups[0].path).file_name().unwrap();
    assert!(said.contains(name.to_str().unwrap()), "{said}");
    ok(
        d,
        &[
            "restore",
            "--portfolio",
            "copy.caliper",
            "--from",
            &backups[0].path,
        ],
    );
    assert_eq!(
        candidate_names(&d.join("copy.caliper")),
        candidate_names(&d.join("demo.caliper"))
    );
    assert!(list_backups(&d.join("copy.caliper")).unwrap().is_empty());
}

/// A backup that is not a clean Caliper portfolio is refused by name, and the portfolio
/// is left as it was, with no backup made for nothing.
#[test]
fn a_bad_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["demo", "demo.caliper"]);
    ok(
        d,
        &[
            "backup",
            "--portfolio",
            "demo.caliper",
            "--out",
            "hostile.caliper",
        ],
    );
    rusqlite::Connection::open(d.join("hostile.caliper"))
        .unwrap()
        .execute_batch("CREATE TRIGGER wipe AFTER INSERT ON setting BEGIN DELETE FROM score; END;")
        .unwrap();
    std::fs::write(d.join("notes.caliper"), "minutes of the committee").unwrap();
    let bytes = std::fs::read(d.join("demo.caliper")).unwrap();
    for (from, says) in [
        ("hostile.caliper", "that Caliper does not create"),
        ("notes.caliper", "not an SQLite database"),
        ("missing.caliper", "no such file"),
        ("demo.caliper", "that is the portfolio itself"),
    ] {
        let err = refused(
            d,
            &["restore", "--portfolio", "demo.caliper", "--from", from],
        );
        assert!(err.contains(says), "{from}: {err}");
        assert!(
            err.contains(from) || from == "demo.caliper",
            "{from}: {err}"
        );
    }
    assert_eq!(std::fs::read(d.join("demo.caliper")).unwrap(), bytes);
    assert!(list_backups(&d.join("demo.caliper")).unwrap().is_empty());

    // A backup never replaces an existing file.
    let err = refused(
        d,
        &[
            "backup",
            "--portfolio",
            "demo.caliper",
            "--out",
            "notes.caliper",
        ],
    );
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("notes.caliper")).unwrap(),
        "minutes of the committee"
    );
}
