//! Snapshots of what the committee reads, so that any change to a figure or a sentence of
//! the demo brief shows in review as a diff of `tests/snapshots/`. After a deliberate
//! change, `UPDATE_EXPECT=1 cargo test -p caliper-tests --test acceptance snapshots`
//! rewrites them.

use caliper_models::demo::write_demo;
use caliper_models::report::brief_from_portfolio;
use caliper_models::store::Portfolio;
use chrono::NaiveDate;
use expect_test::expect_file;

/// The demo brief's text model (every figure and sentence, before layout) as JSON.
fn demo_brief_json(title: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Portfolio::create(dir.path().join("demo.caliper")).unwrap();
    write_demo(&mut p).unwrap();
    let request = p
        .requests()
        .unwrap()
        .into_iter()
        .find(|r| r.request.title == title)
        .unwrap_or_else(|| panic!("the demo has a request titled {title:?}"));
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let brief = brief_from_portfolio(&p, request.request.id, as_of).unwrap();
    let mut json = serde_json::to_string_pretty(&brief).unwrap();
    json.push('\n');
    json
}

#[test]
fn the_demo_icu_brief_text_model_is_unchanged() {
    expect_file!["../snapshots/brief-icu-monitors.json"]
        .assert_eq(&demo_brief_json("Replace ICU physiological monitors"));
}
