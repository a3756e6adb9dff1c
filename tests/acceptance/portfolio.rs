//! The portfolio as a real SQLite file: create, score, rank, close, reopen; bad input
//! leaves it unchanged.

use caliper_models::assessment::assess;
use caliper_models::demo::write_demo;
use caliper_models::domain::{CandidateInput, RequestInput, RequestStatus, RequestType};
use caliper_models::ids::{CriterionId, EvaluatorId, RequestId};
use caliper_models::lifecycle::CostModel;
use caliper_models::store::{Portfolio, SCHEMA_VERSION};
use caliper_models::ErrorKind;
use caliper_tests::caliper_in;
use rust_decimal::Decimal;

/// A small cost model for an ECG cart fleet (price and quantity come from the candidate).
fn service_model() -> CostModel {
    serde_json::from_value(serde_json::json!({
        "unit_price": "0", "quantity": 1, "installation": "1500", "training": "2000",
        "warranty_years": 1, "service_annual": "4000", "service_escalation": "0.03",
        "cost_per_use": "0.35", "annual_uses": "9000", "expected_life_years": 7,
        "disposal": "600", "residual_value": "0"
    }))
    .unwrap()
}

fn demo_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("demo.caliper");
    let mut p = Portfolio::create(&path).unwrap();
    write_demo(&mut p).unwrap();
    path
}

#[test]
fn create_score_rank_close_reopen_gives_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.caliper");
    let (request_id, before) = {
        let mut p = Portfolio::create(&path).unwrap();
        let f = p.add_facility("Lakeside Medical Center").unwrap();
        let d = p.add_department(f.id, "Cardiology", None).unwrap();
        let r = p
            .create_request(&RequestInput {
                title: "Replace 12-lead ECG carts".into(),
                department_id: d.id,
                request_type: RequestType::Replacement,
                quantity: 6,
                fiscal_year: 2027,
                justification: String::new(),
                status: RequestStatus::Draft,
                currency: "USD".into(),
                method: caliper_models::ranking::Method::WeightedSum,
            })
            .unwrap();
        let alice = p
            .add_evaluator("Alice Moreno", "Cardiology tech lead")
            .unwrap();
        let criteria = p.criteria(r.id).unwrap();
        for (i, (model, price)) in [("CardioLine 12", "9400"), ("QRS Pro", "11250.50")]
            .iter()
            .enumerate()
        {
            let c = p
                .add_candidate(
                    r.id,
                    &CandidateInput {
                        manufacturer: "Example Devices".into(),
                        model: (*model).into(),
                        vendor: String::new(),
                        fda_product_code: Some("DPS".into()),
                        unit_price: (*price).into(),
                        quantity: 6,
                        quote_date: None,
                        valid_until: None,
                        notes: String::new(),
                    },
                )
                .unwrap();
            for crit in &criteria {
                match crit.kind {
                    caliper_models::criteria::CriterionKind::Judged => p
                        .set_score(alice.id, c.id, crit.id, Some(3 + i as u8), "")
                        .unwrap(),
                    caliper_models::criteria::CriterionKind::Measured => {
                        let mut model = service_model();
                        model.service_annual = Decimal::from(4000 + 900 * i as i64);
                        p.set_cost_model(c.id, &model).unwrap()
                    }
                }
            }
        }
        // The compatibility scores need a profile to be computed from.
        for c in p.candidates(r.id).unwrap() {
            let profile = caliper_models::compat::DeviceProfile {
                hl7v2_versions: vec!["2.5.1".into()],
                ..Default::default()
            };
            p.set_device_profile(c.id, &profile).unwrap();
        }
        let ranking = assess(&p.assessment_inputs(r.id).unwrap()).unwrap();
        (r.id, ranking)
    }; // closed here
    let p = Portfolio::open(&path).unwrap();
    let after = assess(&p.assessment_inputs(request_id).unwrap()).unwrap();
    assert_eq!(before, after);
    assert_eq!(after.candidates.len(), 2);
    assert!(after.missing.is_empty());
    // Money kept its scale through the file.
    let qrs = p
        .candidates(request_id)
        .unwrap()
        .into_iter()
        .find(|c| c.model == "QRS Pro")
        .unwrap();
    assert_eq!(qrs.unit_price.amount.to_string(), "11250.50");
}

fn labels(p: &Portfolio, request: RequestId) -> Vec<String> {
    assess(&p.assessment_inputs(request).unwrap())
        .unwrap()
        .candidates
        .iter()
        .map(|c| c.label.clone())
        .collect()
}

#[test]
fn a_weight_change_persists_and_changes_the_demo_ranking() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(&dir);
    let mut p = Portfolio::open(&path).unwrap();
    let before = labels(&p, RequestId(1));
    assert_eq!(before[0], "Kestrel Health Systems KM-9 Patient Monitor");
    let lifecycle = p
        .criteria(RequestId(1))
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Lifecycle cost")
        .unwrap();
    p.set_weight(lifecycle.id, 200.0).unwrap();
    drop(p);
    let p = Portfolio::open(&path).unwrap();
    let after = labels(&p, RequestId(1));
    assert_eq!(after[0], "Norvale Medical VitaView 700");
    assert_ne!(before, after);
}

/// The lifecycle-cost criterion is computed from the cost model: a dearer service
/// contract raises the candidate's equivalent annual cost and lowers its contribution.
#[test]
fn the_cost_criterion_follows_the_service_contract_price() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Portfolio::open(demo_file(&dir)).unwrap();
    let lifecycle_of = |p: &Portfolio, label: &str| {
        let r = assess(&p.assessment_inputs(RequestId(1)).unwrap()).unwrap();
        let i = r
            .criteria
            .iter()
            .position(|c| c.name == "Lifecycle cost")
            .unwrap();
        let c = r.candidates.iter().find(|c| c.label == label).unwrap();
        (c.cells[i].value.unwrap(), c.cells[i].contribution.unwrap())
    };
    let norvale = p
        .candidates(RequestId(1))
        .unwrap()
        .into_iter()
        .find(|c| c.model == "VitaView 700")
        .unwrap();
    let (eac_before, contribution_before) = lifecycle_of(&p, "Norvale Medical VitaView 700");
    assert!((eac_before - 225_740.0).abs() < 1.0, "{eac_before}");
    assert!(labels(&p, RequestId(1))[0].starts_with("Kestrel"));

    let mut model = p.cost_model(norvale.id).unwrap().unwrap();
    model.service_annual = Decimal::from(99_000);
    p.set_cost_model(norvale.id, &model).unwrap();
    let (eac_after, contribution_after) = lifecycle_of(&p, "Norvale Medical VitaView 700");
    assert!(
        eac_after > eac_before + 20_000.0,
        "{eac_before} -> {eac_after}"
    );
    assert!(contribution_after < contribution_before);

    // Typing a value over a computed criterion is refused, naming why.
    let criterion = p
        .criteria(RequestId(1))
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Lifecycle cost")
        .unwrap();
    let err = p
        .set_measurement(norvale.id, criterion.id, Some("1000"))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("computed from the candidate's lifecycle-cost model"),
        "{err}"
    );

    // Without a cost model the candidate is unranked, and the reason is given.
    p.delete_cost_model(norvale.id).unwrap();
    let r = assess(&p.assessment_inputs(RequestId(1)).unwrap()).unwrap();
    assert_eq!(r.missing.len(), 1);
    assert_eq!(r.missing[0].reason, "no cost model yet");
    assert_eq!(r.candidates.last().unwrap().rank, None);
}

#[test]
fn bad_cost_models_and_assumptions_are_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(&dir);
    let id = Portfolio::open(&path)
        .unwrap()
        .candidates(RequestId(1))
        .unwrap()[0]
        .id;
    let mut bad = Portfolio::open(&path)
        .unwrap()
        .cost_model(id)
        .unwrap()
        .unwrap();
    bad.expected_life_years = 0;
    rejected(&path, ErrorKind::Validation, "expected_life_years", |p| {
        p.set_cost_model(id, &bad)
    });
    let mut bad = Portfolio::open(&path)
        .unwrap()
        .cost_model(id)
        .unwrap()
        .unwrap();
    bad.service_annual = Decimal::new(-5, 0);
    rejected(&path, ErrorKind::Validation, "service_annual", |p| {
        p.set_cost_model(id, &bad)
    });
    let mut bad = Portfolio::open(&path)
        .unwrap()
        .cost_model(id)
        .unwrap()
        .unwrap();
    bad.trade_in_credit = Decimal::from(5_000_000);
    rejected(&path, ErrorKind::Validation, "trade_in_credit", |p| {
        p.set_cost_model(id, &bad)
    });
    rejected(&path, ErrorKind::Validation, "discount_rate", |p| {
        let overrides = caliper_models::lifecycle::AssumptionOverrides {
            discount_rate: Some(Decimal::new(-15, 1)),
            ..Default::default()
        };
        p.set_assumption_overrides(RequestId(1), &overrides)
    });
}

#[test]
fn the_demo_has_contributions_disagreements_and_no_missing_values() {
    let dir = tempfile::tempdir().unwrap();
    let p = Portfolio::open(demo_file(&dir)).unwrap();
    let r = assess(&p.assessment_inputs(RequestId(1)).unwrap()).unwrap();
    assert_eq!(r.candidates.len(), 4);
    assert!(r.missing.is_empty());
    assert_eq!(r.coverage.len(), 2);
    for c in &r.candidates {
        let sum: f64 = c.cells.iter().map(|x| x.contribution.unwrap()).sum();
        assert!((sum - c.score.unwrap()).abs() < 1e-12);
    }
    let disagreements = r
        .candidates
        .iter()
        .flat_map(|c| &c.cells)
        .filter(|x| x.summary.as_ref().is_some_and(|s| s.disagreement))
        .count();
    assert!(disagreements >= 2, "{disagreements}");
    let ranks: Vec<_> = r.candidates.iter().map(|c| c.rank).collect();
    assert_eq!(ranks, vec![Some(1), Some(2), Some(3), Some(4)]);
}

/// Runs `change` and checks it fails with `kind` naming `field`, and that the file is unchanged.
fn rejected(
    path: &std::path::Path,
    kind: ErrorKind,
    field: &str,
    change: impl FnOnce(&mut Portfolio) -> caliper_models::Result<()>,
) {
    let snapshot = |p: &Portfolio| {
        let inputs = p.assessment_inputs(RequestId(1)).unwrap();
        format!(
            "{:?}{:?}{:?}{:?}{:?}{:?}",
            inputs.candidates,
            inputs.criteria,
            inputs.scores,
            inputs.measurements,
            inputs.cost_models,
            inputs.assumptions
        )
    };
    let mut p = Portfolio::open(path).unwrap();
    let before = snapshot(&p);
    let err = change(&mut p).unwrap_err();
    assert_eq!(err.kind(), kind, "{err}");
    assert!(
        err.to_string().contains(field),
        "'{err}' should name '{field}'"
    );
    drop(p);
    let p = Portfolio::open(path).unwrap();
    assert_eq!(
        snapshot(&p),
        before,
        "a rejected change altered the portfolio"
    );
}

#[test]
fn bad_input_is_rejected_and_nothing_saved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(&dir);
    let existing = Portfolio::open(&path)
        .unwrap()
        .candidates(RequestId(1))
        .unwrap()[0]
        .clone();
    let input = |price: &str, model: &str| CandidateInput {
        manufacturer: existing.manufacturer.clone(),
        model: model.into(),
        vendor: String::new(),
        fda_product_code: None,
        unit_price: price.into(),
        quantity: 40,
        quote_date: None,
        valid_until: None,
        notes: String::new(),
    };
    rejected(&path, ErrorKind::Validation, "unit_price", |p| {
        p.add_candidate(RequestId(1), &input("-100", "New"))
            .map(|_| ())
    });
    rejected(&path, ErrorKind::Validation, "unit_price", |p| {
        p.update_candidate(existing.id, &input("12.345678", "New"))
            .map(|_| ())
    });
    rejected(&path, ErrorKind::Conflict, "already a candidate", |p| {
        p.add_candidate(RequestId(1), &input("100", &existing.model.to_uppercase()))
            .map(|_| ())
    });
    let crit = Portfolio::open(&path)
        .unwrap()
        .criteria(RequestId(1))
        .unwrap()[0]
        .id;
    rejected(&path, ErrorKind::Validation, "NaN", |p| {
        p.set_weight(crit, f64::NAN).map(|_| ())
    });
    rejected(&path, ErrorKind::Validation, "negative", |p| {
        p.set_weight(crit, -5.0).map(|_| ())
    });
    rejected(&path, ErrorKind::Validation, "weights[1]", |p| {
        p.set_weights(&[(crit, 10.0), (crit, f64::INFINITY)])
    });
    rejected(&path, ErrorKind::Validation, "scale", |p| {
        p.set_score(EvaluatorId(1), existing.id, crit, Some(9), "")
    });
    rejected(&path, ErrorKind::NotFound, "criterion 9999", |p| {
        p.set_weight(CriterionId(9999), 1.0).map(|_| ())
    });
}

#[test]
fn files_that_are_not_caliper_portfolios_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();

    let text = dir.path().join("notes.caliper");
    std::fs::write(&text, "Capital plan FY2027\nmonitors, pumps\n").unwrap();
    let err = Portfolio::open(&text).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::NotAPortfolio, "{err}");
    assert!(err.to_string().contains("not an SQLite database"));
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "Capital plan FY2027\nmonitors, pumps\n"
    );

    let foreign = dir.path().join("inventory.db");
    {
        let c = rusqlite_connection(&foreign);
        c.execute_batch("CREATE TABLE asset (tag TEXT); INSERT INTO asset VALUES ('BME-0042');")
            .unwrap();
    }
    let bytes = std::fs::read(&foreign).unwrap();
    let err = Portfolio::open(&foreign).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::NotAPortfolio, "{err}");
    assert!(err.to_string().contains("another application"), "{err}");
    assert_eq!(std::fs::read(&foreign).unwrap(), bytes);

    let newer = dir.path().join("newer.caliper");
    drop(Portfolio::create(&newer).unwrap());
    rusqlite_connection(&newer)
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let err = Portfolio::open(&newer).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::NewerSchema, "{err}");
    assert!(
        err.to_string()
            .contains(&format!("schema version {}", SCHEMA_VERSION + 1)),
        "{err}"
    );

    let missing = dir.path().join("missing.caliper");
    assert_eq!(
        Portfolio::open(&missing).err().unwrap().kind(),
        ErrorKind::Io
    );
    assert!(!missing.exists());
}

fn rusqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn evaluator_agreement_lists_the_biggest_disagreements_first() {
    let dir = tempfile::tempdir().unwrap();
    let p = Portfolio::open(demo_file(&dir)).unwrap();
    let a = caliper_models::assessment::agreement(&p.assessment_inputs(RequestId(1)).unwrap());
    // 4 candidates x 6 judged criteria, each scored by both evaluators.
    assert_eq!(a.cells.len(), 24);
    assert_eq!(a.disagreements, 2);
    let spreads: Vec<u8> = a
        .cells
        .iter()
        .map(|c| c.summary.max - c.summary.min)
        .collect();
    assert!(spreads.windows(2).all(|w| w[0] >= w[1]), "{spreads:?}");
    let first = &a.cells[0];
    assert_eq!(first.marks.len(), 2);
    assert!(first.summary.disagreement);
    let share = a.agreement_share.unwrap();
    assert!((share - 22.0 / 24.0).abs() < 1e-12, "{share}");
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file made by someone else may hold SQL (a trigger, an endless view): the CLI refuses
/// it, names the object, and leaves the file as it was.
#[test]
fn a_portfolio_with_a_foreign_trigger_is_refused_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(&dir);
    rusqlite_connection(&path)
        .execute_batch(
            "CREATE TRIGGER wipe AFTER INSERT ON setting BEGIN DELETE FROM score; END;
             CREATE VIEW forever AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n;",
        )
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let p = path.to_str().unwrap();
    for args in [
        &["requests", "--portfolio", p][..],
        &["compat-rules", "--portfolio", p, "--reset"][..],
    ] {
        let o = caliper_in(dir.path(), args);
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(
            err.contains("is not a Caliper portfolio")
                && err.contains("that Caliper does not create; it was not opened"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

/// `caliper demo` builds the demo aside: whenever it is killed, the target either does
/// not exist or is the complete demo.
#[test]
fn a_killed_demo_never_leaves_a_partial_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    for delay_ms in [20, 60, 120, 250] {
        let path = dir.path().join(format!("demo-{delay_ms}.caliper"));
        let mut child = std::process::Command::new(caliper_tests::caliper_bin())
            .args(["demo", path.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        if path.exists() {
            let p = Portfolio::open_read_only(&path).unwrap();
            assert_eq!(p.requests().unwrap().len(), 3, "after {delay_ms} ms");
        }
    }
}

/// Reading commands never turn an empty file into a portfolio.
#[test]
fn reading_an_empty_file_is_refused_and_leaves_it_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.caliper"), b"").unwrap();
    for args in [
        &["requests", "--portfolio", "empty.caliper"][..],
        &["rank", "--portfolio", "empty.caliper", "--request", "1"][..],
        &["site-profile", "--portfolio", "empty.caliper"][..],
    ] {
        let o = caliper_in(dir.path(), args);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains("empty.caliper"), "{}", stderr(&o));
        assert_eq!(
            std::fs::metadata(dir.path().join("empty.caliper"))
                .unwrap()
                .len(),
            0
        );
    }
}

/// Reading commands leave the portfolio's bytes as they were, and its folder as it was.
#[test]
fn reading_commands_leave_the_portfolio_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    assert!(caliper_in(dir.path(), &["demo", "demo.caliper"])
        .status
        .success());
    let path = dir.path().join("demo.caliper");
    let bytes = std::fs::read(&path).unwrap();
    for args in [
        &["requests", "--portfolio", "demo.caliper"][..],
        &["rank", "--portfolio", "demo.caliper", "--request", "1"][..],
        &["tco", "--portfolio", "demo.caliper", "--request", "1"][..],
        &["compat", "--portfolio", "demo.caliper", "--request", "1"][..],
        &["compat-rules", "--portfolio", "demo.caliper"][..],
        &[
            "cost-model",
            "--portfolio",
            "demo.caliper",
            "--candidate",
            "1",
        ][..],
    ] {
        let o = caliper_in(dir.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        // No `-wal` or `-shm` side file is left behind either.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["demo.caliper"], "after {args:?}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

/// A path is a file name, even one that looks like an SQLite URI.
#[test]
fn a_path_that_looks_like_an_sqlite_uri_is_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let o = caliper_in(
        dir.path(),
        &["requests", "--portfolio", "file:demo.caliper?mode=memory"],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("file:demo.caliper?mode=memory: no such file"),
        "{}",
        stderr(&o)
    );
    let demo = demo_file(&dir);
    std::fs::copy(&demo, dir.path().join("file:demo.caliper?mode=memory")).unwrap();
    let o = caliper_in(
        dir.path(),
        &[
            "requests",
            "--portfolio",
            "file:demo.caliper?mode=memory",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let listed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(3));
}

/// Many processes opening one new (empty) file at once: one makes it a portfolio, the
/// others wait for it and succeed; no error prints SQL.
#[test]
fn concurrent_first_opens_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("shared.caliper"), b"").unwrap();
    let children: Vec<_> = (0..16)
        .map(|_| {
            std::process::Command::new(caliper_tests::caliper_bin())
                .args(["compat-rules", "--portfolio", "shared.caliper", "--reset"])
                .current_dir(dir.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let p = Portfolio::open_read_only(dir.path().join("shared.caliper")).unwrap();
    assert!(p.requests().unwrap().is_empty());
}
