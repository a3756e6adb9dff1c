//! The contract's generated files are current, and its markers and names read as declared.

use super::typescript::constant_case;
use super::*;

#[test]
fn ipc_api_is_up_to_date() {
    crate::bindings::assert_generated_file_is_current("ui/src/ipc.gen.ts", &typescript_api());
}

#[test]
fn capability_is_up_to_date() {
    crate::bindings::assert_generated_file_is_current(CAPABILITY_PATH, &capability());
}

#[test]
fn markers_say_what_a_command_does_to_the_portfolio() {
    let access = |name: &str| {
        commands()
            .into_iter()
            .find(|c| c.name == name)
            .unwrap()
            .access
    };
    assert_eq!(access("set_score"), Access::Writes);
    assert_eq!(access("import_mds2"), Access::Writes);
    assert_eq!(access("list_scores"), Access::Reads);
    assert_eq!(access("export_request_brief"), Access::Reads);
    assert_eq!(access("portfolio_open"), Access::Opens);
    let set_score = commands()
        .into_iter()
        .find(|c| c.name == "set_score")
        .unwrap();
    assert_eq!(set_score.doc.last().map(String::as_str), Some(WRITES_DOC));
    assert_eq!(set_score.permission(), "allow-set-score");
}

#[test]
fn command_names_are_unique_and_typed() {
    let commands = commands();
    let mut names: Vec<&str> = commands.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), commands.len());
    let sensitivity = commands
        .iter()
        .find(|c| c.name == "run_sensitivity")
        .unwrap();
    let progress: Vec<_> = sensitivity.args.iter().filter(|a| a.progress).collect();
    assert_eq!(progress.len(), 1);
    assert_eq!(progress[0].ts_type, "SamplingProgress");
    let export = commands
        .iter()
        .find(|c| c.name == "export_request_brief")
        .unwrap();
    assert_eq!(export.function, "exportBrief");
    assert_eq!(export.args[1].ts_type, "string");
}

#[test]
fn names_change_case() {
    assert_eq!(camel_case("set_cost_model"), "setCostModel");
    assert_eq!(camel_case("list_facilities"), "listFacilities");
    assert_eq!(constant_case("RequestStatus"), "REQUEST_STATUS");
    assert_eq!(constant_case("IheProfile"), "IHE_PROFILE");
    assert_eq!(constant_case("ErrorKind"), "ERROR_KIND");
}

#[test]
fn every_value_has_one_label() {
    fn check<T: Choice + PartialEq + std::fmt::Debug>() {
        for (i, v) in T::VALUES.iter().enumerate() {
            assert!(!v.label().is_empty());
            assert!(!T::VALUES[..i].contains(v), "{v:?} listed twice");
        }
    }
    check::<crate::domain::RequestStatus>();
    check::<crate::compat::Severity>();
    check::<crate::compat::profile::WifiBand>();
    check::<crate::finance::DepreciationMethod>();
    check::<crate::finance::PaymentTiming>();
}
