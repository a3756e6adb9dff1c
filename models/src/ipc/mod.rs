//! The IPC contract between Caliper's window and its engine, declared once.
//!
//! [`caliper_ipc_contract!`] lists every command the window may send: its name, its
//! arguments with their Rust types, its result and what it does. The list is a
//! `macro_rules!` macro that hands these tokens to a callback macro, so that two crates
//! read the same declaration:
//!
//! - here, [`commands`] turns it into [`CommandSpec`]s and [`typescript_api`] writes
//!   `ui/src/ipc.gen.ts`: one typed function per command (camelCase names and arguments,
//!   types from `ui/src/bindings.ts`, a progress argument as a callback wrapped in a Tauri
//!   `Channel`), and beside them the value lists and labels of the enums the window lists
//!   in selects or shows by name ([`Choice`]);
//! - `src-tauri` turns it into the `#[tauri::command]` wrappers and the
//!   `generate_handler!` list, each wrapper calling a plain handler of the same name, so
//!   a command missing from the contract, or a handler with other argument types, does
//!   not compile.
//!
//! - [`capability`] writes `src-tauri/capabilities/commands.json`, the capability that
//!   grants the main window exactly the contract's commands (`allow-<command>`); the
//!   desktop build script declares the same list to Tauri, so a command outside the
//!   contract is refused by Tauri's permission check.
//!
//! A test fails when a committed generated file is stale;
//! `UPDATE_BINDINGS=1 cargo test -p caliper-models ipc` rewrites them.
//!
//! Entry syntax: doc comments; an optional `#[ui = "name"]` when the TypeScript function
//! is not the camelCase command name; `#[writes]` on a command that changes the open
//! portfolio (it is refused when the window's data is older than the file, see
//! `store::ChangeWatch`), `#[opens]` on one that opens another portfolio file, `#[window]`
//! on one whose handler needs to know which window sent it;
//! `fn name(arg: Type, ...) -> Result;` where a `#[progress]` argument is a stream of
//! progress messages of its type. Types are named by `$crate::` path so the tokens resolve
//! in any crate. `()` means the command returns nothing (`null` in TypeScript).
//!
//! Why our own generator beside ts-rs rather than tauri-specta: tauri-specta's 2.x line is
//! still release candidates, and adopting it would mean replacing ts-rs (and its derives)
//! on about a hundred types; the contract only needs the names ts-rs already gives.

mod typescript;

use serde::Serialize;
use ts_rs::{Config, TS};

pub use typescript::typescript_api;

/// Every command the window sends to the engine, in one list; see the module doc.
/// `caliper_ipc_contract!(my_macro)` expands to `my_macro! { ... }` with the entries.
#[macro_export]
macro_rules! caliper_ipc_contract {
    ($callback:ident) => {
        $callback! {
            // ---- The portfolio file.

            /// Facts about the open portfolio file.
            fn portfolio_info() -> $crate::store::PortfolioInfo;
            /// Opens another portfolio file in place of the current one.
            #[opens]
            fn portfolio_open(path: ::std::path::PathBuf) -> $crate::store::PortfolioInfo;
            /// Creates a new, empty portfolio file and opens it.
            #[opens]
            fn portfolio_create(path: ::std::path::PathBuf) -> $crate::store::PortfolioInfo;
            /// Writes a fresh copy of the demo portfolio to the data directory and opens it.
            #[opens]
            fn portfolio_open_demo() -> $crate::store::PortfolioInfo;

            /// The backups of the open portfolio (in `NAME.backups/` beside it), newest first.
            fn portfolio_backups() -> ::std::vec::Vec<$crate::store::BackupInfo>;
            /// Backs the open portfolio up into its backup folder now; the backup's path.
            fn portfolio_backup_now() -> ::std::option::Option<::std::path::PathBuf>;
            /// Restores a backup into the open portfolio; its current state is backed up first.
            #[writes]
            fn portfolio_restore(path: ::std::path::PathBuf) -> $crate::store::PortfolioInfo;
            /// The portfolios opened lately, most recent first (at most 8; files gone left out).
            fn recent_portfolios() -> ::std::vec::Vec<$crate::recent::RecentPortfolio>;

            /// The notice to show when the portfolio changed since this window last loaded it
            /// (through another window or program, or another file opened), else null. The
            /// window is then counted as up to date: it must load everything again.
            #[window]
            fn portfolio_changed() -> ::std::option::Option<::std::string::String>;

            // ---- Facilities, departments, requests, candidates.

            fn list_facilities() -> ::std::vec::Vec<$crate::domain::Facility>;
            #[writes]
            fn add_facility(name: ::std::string::String) -> $crate::domain::Facility;
            #[writes]
            fn add_department(
                facility_id: $crate::ids::FacilityId,
                name: ::std::string::String,
                cost_center: ::std::option::Option<::std::string::String>,
            ) -> $crate::domain::Department;
            /// Renames a facility; returns it as saved.
            #[writes]
            fn rename_facility(
                facility_id: $crate::ids::FacilityId,
                name: ::std::string::String,
            ) -> $crate::domain::Facility;
            /// Removes a facility; refused while it has departments.
            #[writes]
            fn remove_facility(facility_id: $crate::ids::FacilityId) -> ();
            /// Renames a department and sets its cost center; returns it as saved.
            #[writes]
            fn edit_department(
                department_id: $crate::ids::DepartmentId,
                name: ::std::string::String,
                cost_center: ::std::option::Option<::std::string::String>,
            ) -> $crate::domain::Department;
            /// Removes a department; refused while it has requests.
            #[writes]
            fn remove_department(department_id: $crate::ids::DepartmentId) -> ();
            fn list_departments() -> ::std::vec::Vec<$crate::domain::Department>;
            fn list_requests() -> ::std::vec::Vec<$crate::store::RequestSummary>;

            // ---- The capital plan.

            /// Every stored budget, by fiscal year, the system-wide one first.
            fn list_budgets() -> ::std::vec::Vec<$crate::capital::StoredBudget>;
            /// Sets a fiscal year's capital (and operating) budget, typed as decimal amounts;
            /// system-wide without a facility. Returns it as saved.
            #[writes]
            fn set_budget(
                fiscal_year: i32,
                facility_id: ::std::option::Option<$crate::ids::FacilityId>,
                capital: ::std::string::String,
                operating: ::std::option::Option<::std::string::String>,
            ) -> $crate::capital::StoredBudget;
            #[writes]
            fn remove_budget(
                fiscal_year: i32,
                facility_id: ::std::option::Option<$crate::ids::FacilityId>,
            ) -> ();
            /// A request's priority parts, mandatory reason and price of deferral.
            fn request_plan_info(request_id: $crate::ids::RequestId) -> $crate::store::RequestPlanInfo;
            /// Saves them; returns them as saved.
            #[writes]
            fn set_request_plan_info(info: $crate::store::RequestPlanInfo) -> $crate::store::RequestPlanInfo;
            /// The links between requests ("needs", "excludes").
            fn list_request_links() -> ::std::vec::Vec<$crate::capital::RequestLink>;
            /// Links two requests; a link that closes a circle of needs is refused naming it.
            #[writes]
            fn add_request_link(link: $crate::capital::RequestLink) -> ();
            #[writes]
            fn remove_request_link(link: $crate::capital::RequestLink) -> ();
            /// The saved scenarios.
            fn list_scenarios() -> ::std::vec::Vec<$crate::capital::Scenario>;
            /// Saves a scenario; returns it with its id.
            #[writes]
            fn add_scenario(scenario: $crate::capital::Scenario) -> $crate::capital::Scenario;
            #[writes]
            fn remove_scenario(scenario_id: u32) -> ();
            /// The plan of `first_year..=last_year`: the base plan, each saved scenario, and
            /// the unsaved `what_if` (requests forced in or out on the page) last.
            fn capital_plan(
                first_year: i32,
                last_year: i32,
                what_if: ::std::option::Option<$crate::capital::Scenario>,
            ) -> ::std::vec::Vec<$crate::capital::ScenarioPlan>;
            fn get_request(id: $crate::ids::RequestId) -> $crate::domain::CapitalRequest;
            #[writes]
            fn create_request(input: $crate::domain::RequestInput) -> $crate::domain::CapitalRequest;
            #[writes]
            fn update_request(
                id: $crate::ids::RequestId,
                input: $crate::domain::RequestInput,
            ) -> $crate::domain::CapitalRequest;
            #[writes]
            fn delete_request(id: $crate::ids::RequestId) -> ();
            fn list_candidates(request_id: $crate::ids::RequestId) -> ::std::vec::Vec<$crate::domain::Candidate>;
            #[writes]
            fn add_candidate(
                request_id: $crate::ids::RequestId,
                input: $crate::domain::CandidateInput,
            ) -> $crate::domain::Candidate;
            #[writes]
            fn update_candidate(
                id: $crate::ids::CandidateId,
                input: $crate::domain::CandidateInput,
            ) -> $crate::domain::Candidate;
            #[writes]
            fn delete_candidate(id: $crate::ids::CandidateId) -> ();

            // ---- The committee's decision.

            /// The request's recorded decisions, oldest first.
            fn request_decisions(request_id: $crate::ids::RequestId) -> ::std::vec::Vec<$crate::decision::Decision>;
            /// The request's history of decisions and status changes, oldest first.
            fn request_history(request_id: $crate::ids::RequestId) -> ::std::vec::Vec<$crate::decision::HistoryEntry>;
            /// Records the committee's decision; the request's status follows it.
            #[writes]
            fn record_decision(
                request_id: $crate::ids::RequestId,
                input: $crate::decision::DecisionInput,
            ) -> $crate::decision::Decision;

            // ---- Criteria, evaluators, scores and measurements.

            /// The request's criteria by category, in order.
            fn criteria_tree(request_id: $crate::ids::RequestId) -> $crate::store::CriteriaTree;
            #[writes]
            fn set_weight(criterion_id: $crate::ids::CriterionId, weight: f64) -> $crate::criteria::Criterion;
            #[writes]
            fn add_criterion(input: $crate::criteria::CriterionInput) -> $crate::criteria::Criterion;
            #[writes]
            fn update_criterion(
                id: $crate::ids::CriterionId,
                input: $crate::criteria::CriterionInput,
            ) -> $crate::criteria::Criterion;
            #[writes]
            fn delete_criterion(id: $crate::ids::CriterionId) -> ();
            fn list_evaluators() -> ::std::vec::Vec<$crate::domain::Evaluator>;
            #[writes]
            fn add_evaluator(
                name: ::std::string::String,
                role: ::std::string::String,
            ) -> $crate::domain::Evaluator;
            /// How many scores an evaluator has given, in all requests (what a removal takes).
            fn evaluator_score_count(evaluator_id: $crate::ids::EvaluatorId) -> u32;
            /// Removes an evaluator; one with scores only when `confirmed` (kind "conflict"
            /// otherwise), their scores with them.
            #[writes]
            fn remove_evaluator(evaluator_id: $crate::ids::EvaluatorId, confirmed: bool) -> ();
            fn list_scores(request_id: $crate::ids::RequestId) -> ::std::vec::Vec<$crate::domain::EvaluatorScore>;
            /// One evaluator's score (1-5, or none) of a candidate on a judged criterion.
            #[writes]
            fn set_score(
                evaluator_id: $crate::ids::EvaluatorId,
                candidate_id: $crate::ids::CandidateId,
                criterion_id: $crate::ids::CriterionId,
                score: ::std::option::Option<u8>,
                comment: ::std::string::String,
            ) -> ();
            /// Writes a score sheet for every evaluator of the portfolio into `folder`, dated
            /// today, for them to fill in away from the app.
            fn export_score_sheets(
                request_id: $crate::ids::RequestId,
                folder: ::std::path::PathBuf,
                format: $crate::report::score_sheet::SheetFormat,
            ) -> ::std::vec::Vec<$crate::report::score_sheet::SheetWritten>;
            /// Reads a returned score sheet and says what merging it into the request would
            /// change and what stops it; nothing is saved.
            fn preview_score_sheet(
                request_id: $crate::ids::RequestId,
                path: ::std::path::PathBuf,
            ) -> $crate::scoresheet::SheetPreview;
            /// Reads the sheet again and merges its new and changed scores in one
            /// transaction; refused, with nothing saved, while it has a problem.
            #[writes]
            fn import_score_sheet(
                request_id: $crate::ids::RequestId,
                path: ::std::path::PathBuf,
            ) -> $crate::scoresheet::SheetPreview;
            fn list_measurements(request_id: $crate::ids::RequestId) -> ::std::vec::Vec<$crate::domain::Measurement>;
            /// A candidate's value on a measured criterion, as typed (none clears it).
            #[writes]
            fn set_measurement(
                candidate_id: $crate::ids::CandidateId,
                criterion_id: $crate::ids::CriterionId,
                value: ::std::option::Option<::std::string::String>,
            ) -> ();

            // ---- Ranking and reports.

            /// The request's ranked comparison under its method.
            fn rank_request(request_id: $crate::ids::RequestId) -> $crate::assessment::RequestRanking;
            /// Sets the scale the request's measured criteria are read on; returns it as saved.
            #[writes]
            fn set_reference_scale(request_id: $crate::ids::RequestId, scale: $crate::ranking::ReferenceScale) -> $crate::ranking::ReferenceScale;
            /// Writes the request's PDF brief to `path`, dated today.
            #[ui = "exportBrief"]
            fn export_request_brief(
                request_id: $crate::ids::RequestId,
                path: ::std::path::PathBuf,
                paper: $crate::report::Paper,
            ) -> $crate::report::BriefExport;
            /// Writes the request's workbook (`.xlsx`) or ranked comparison (`.csv`) to `path`;
            /// returns the path written.
            #[ui = "exportData"]
            fn export_request_data(
                request_id: $crate::ids::RequestId,
                path: ::std::path::PathBuf,
            ) -> ::std::string::String;
            /// Writes the capital summary of a fiscal year (PDF) to `path`, against an optional
            /// budget typed as a decimal amount; returns the path written.
            fn export_capital_summary(
                fiscal_year: i32,
                budget: ::std::option::Option<::std::string::String>,
                path: ::std::path::PathBuf,
                paper: $crate::report::Paper,
            ) -> ::std::string::String;
            /// Writes the capital plan brief (PDF) of the fiscal years `first_year..=last_year`,
            /// with every saved scenario, to `path`; returns the path written.
            fn export_capital_plan(
                first_year: i32,
                last_year: i32,
                path: ::std::path::PathBuf,
                paper: $crate::report::Paper,
            ) -> ::std::string::String;

            /// Opens a file this session exported with the system's viewer; any other path is
            /// refused (kind "validation", field "path").
            fn open_exported(path: ::std::path::PathBuf) -> ();
            /// Shows a file this session exported in the system's file manager; any other
            /// path is refused (kind "validation", field "path").
            fn reveal_exported(path: ::std::path::PathBuf) -> ();

            // ---- The installed base.

            /// A sorted, filtered window of the inventory's assets with their last computed
            /// priority (at most 1,000 rows).
            fn asset_page(query: $crate::store::AssetQuery) -> $crate::store::AssetPage;
            /// The departments named in the inventory.
            fn asset_departments() -> ::std::vec::Vec<::std::string::String>;
            /// One asset with its priority (computed today), work orders, recalls, FDA
            /// classification and the requests that replace it.
            fn asset_detail(asset_number: ::std::string::String) -> $crate::store::AssetDetail;
            /// Computes every active asset's priority as of today and stores it for the page;
            /// `onProgress` hears the share done (of 100).
            #[writes]
            fn refresh_priorities(
                #[progress] on_progress: $crate::sensitivity::SamplingProgress,
            ) -> $crate::store::PriorityRun;
            fn inventory_settings() -> $crate::store::InventorySettings;
            #[writes]
            fn set_inventory_settings(settings: $crate::store::InventorySettings) -> ();
            /// The expected lives by device type (the shipped table until one is saved).
            fn expected_lives() -> ::std::vec::Vec<$crate::inventory::ExpectedLife>;
            #[writes]
            fn set_expected_lives(lives: ::std::vec::Vec<$crate::inventory::ExpectedLife>) -> ();
            /// The replacement spend by fiscal year as of today, with these settings (or the
            /// stored ones).
            fn replacement_forecast(
                settings: ::std::option::Option<$crate::inventory::ForecastSettings>,
            ) -> $crate::inventory::ReplacementForecast;
            /// Writes the replacement forecast as of today (with these settings, or the stored
            /// ones) to `path`, .xlsx or .csv; returns the path written.
            fn export_forecast(
                settings: ::std::option::Option<$crate::inventory::ForecastSettings>,
                path: ::std::path::PathBuf,
            ) -> ::std::string::String;
            /// A justification drafted from the assets a request would replace.
            fn replacement_justification(
                asset_numbers: ::std::vec::Vec<::std::string::String>,
            ) -> ::std::string::String;
            /// Opens a capital request (with the default criteria) that replaces these assets.
            #[writes]
            fn request_from_assets(
                input: $crate::domain::RequestInput,
                asset_numbers: ::std::vec::Vec<::std::string::String>,
            ) -> $crate::domain::CapitalRequest;
            /// Reads a CMMS export under a mapping (given, else the one saved for its source,
            /// else the header's suggestion) and says what importing it would change; saves
            /// nothing.
            fn preview_inventory_import(request: $crate::store::ImportRequest) -> $crate::store::ImportPreview;
            /// Imports a CMMS export in one transaction (refused while a date order is open,
            /// and while rows are rejected unless `skip_rejected`), saving its mapping for the
            /// source. The window then recomputes the priorities.
            #[writes]
            fn import_inventory(
                request: $crate::store::ImportRequest,
                skip_rejected: bool,
            ) -> $crate::store::ImportOutcome;
            /// The source systems with a saved mapping.
            fn inventory_sources() -> ::std::vec::Vec<::std::string::String>;
            /// Imports an openFDA device recall file; the recalls matched to assets.
            #[writes]
            fn import_recalls(path: ::std::path::PathBuf) -> ::std::vec::Vec<$crate::inventory::recall::AssetRecall>;
            /// The assets a request replaces.
            fn request_assets(request_id: $crate::ids::RequestId) -> ::std::vec::Vec<$crate::inventory::Asset>;

            // ---- Analysis.

            /// Weights and consistency of one pairwise comparison matrix; pure, nothing is saved.
            fn ahp_weights(input: $crate::ahp::AhpInput) -> $crate::ahp::AhpResult;
            /// Sets several criteria's raw weights at once (all or none).
            #[writes]
            fn apply_weights(weights: ::std::vec::Vec<($crate::ids::CriterionId, f64)>) -> ();
            fn evaluator_agreement(request_id: $crate::ids::RequestId) -> $crate::assessment::Agreement;
            /// Runs the sensitivity analysis; `onProgress` receives the sampling progress.
            /// Rejects with kind "cancelled" after cancelSensitivity.
            fn run_sensitivity(
                request_id: $crate::ids::RequestId,
                options: $crate::sensitivity::SensitivityOptions,
                #[progress] on_progress: $crate::sensitivity::SamplingProgress,
            ) -> $crate::sensitivity::SensitivityResult;
            /// Stops a running sensitivity analysis.
            fn cancel_sensitivity() -> ();

            // ---- Lifecycle cost. Rates in Assumptions and CostModel.service_escalation are fractions.

            fn get_cost_model(candidate_id: $crate::ids::CandidateId) -> ::std::option::Option<$crate::lifecycle::CostModel>;
            /// The engine takes unit price and quantity from the candidate's quote; send the candidate's values.
            #[writes]
            fn set_cost_model(
                candidate_id: $crate::ids::CandidateId,
                model: $crate::lifecycle::CostModel,
            ) -> ();
            #[writes]
            fn delete_cost_model(candidate_id: $crate::ids::CandidateId) -> ();
            /// The lifecycle cost of an unsaved cost model under the request's assumptions; nothing
            /// is saved. With `candidateId`, the figures include that candidate's compatibility
            /// remediation, as the lifecycle table's do.
            fn preview_lifecycle(
                request_id: $crate::ids::RequestId,
                candidate_id: ::std::option::Option<$crate::ids::CandidateId>,
                model: $crate::lifecycle::CostModel,
            ) -> $crate::lifecycle::LifecycleCost;
            fn request_lifecycle_costs(request_id: $crate::ids::RequestId) -> $crate::assessment::RequestLifecycle;
            /// Each candidate's financial case (savings and revenue against its lifecycle
            /// costs, NPV, payback, IRR, depreciation, lease versus buy), in the brief's words.
            fn financial_case(request_id: $crate::ids::RequestId) -> $crate::finance::case::FinancialCaseView;
            /// A candidate's expected savings and revenue.
            fn candidate_savings(candidate_id: $crate::ids::CandidateId) -> $crate::finance::case::SavingsAndRevenue;
            /// Replaces a candidate's savings and revenue (its depreciation choice and lease
            /// offer stay), checked first: a refused change writes nothing.
            #[writes]
            fn set_candidate_savings(
                candidate_id: $crate::ids::CandidateId,
                inputs: $crate::finance::case::SavingsAndRevenue,
            ) -> ();
            /// A candidate's depreciation choice and lease offer.
            fn candidate_depreciation_and_lease(
                candidate_id: $crate::ids::CandidateId,
            ) -> $crate::finance::case::DepreciationAndLease;
            /// Replaces a candidate's depreciation choice and lease offer (its savings and
            /// revenue stay), checked first, by the engine on its lifecycle cost too (a
            /// salvage above the capital, a lease longer than the life): a refused change
            /// writes nothing.
            #[writes]
            fn set_candidate_depreciation_and_lease(
                candidate_id: $crate::ids::CandidateId,
                inputs: $crate::finance::case::DepreciationAndLease,
            ) -> ();
            fn get_assumption_overrides(request_id: $crate::ids::RequestId) -> $crate::lifecycle::AssumptionOverrides;
            #[writes]
            fn set_assumption_overrides(
                request_id: $crate::ids::RequestId,
                overrides: $crate::lifecycle::AssumptionOverrides,
            ) -> ();
            fn get_portfolio_assumptions() -> $crate::lifecycle::Assumptions;
            #[writes]
            fn set_portfolio_assumptions(assumptions: $crate::lifecycle::Assumptions) -> ();

            // ---- Compatibility: site IT profile, device profiles, MDS2 forms, the rule table.

            /// The portfolio's site profile first, then each facility that has its own.
            fn site_profiles() -> ::std::vec::Vec<$crate::store::ScopedSiteProfile>;
            /// `facilityId` null: the portfolio's profile.
            fn get_site_profile(
                facility_id: ::std::option::Option<$crate::ids::FacilityId>,
            ) -> $crate::store::ScopedSiteProfile;
            /// Saves the portfolio's (`facilityId` null) or a facility's profile.
            #[writes]
            fn set_site_profile(
                facility_id: ::std::option::Option<$crate::ids::FacilityId>,
                profile: $crate::compat::SiteProfile,
            ) -> $crate::store::ScopedSiteProfile;
            /// Removes a facility's own profile: its requests follow the portfolio's again.
            #[writes]
            fn delete_site_profile(facility_id: $crate::ids::FacilityId) -> $crate::store::ScopedSiteProfile;
            fn get_device_profile(
                candidate_id: $crate::ids::CandidateId,
            ) -> ::std::option::Option<$crate::compat::DeviceProfile>;
            #[writes]
            fn set_device_profile(
                candidate_id: $crate::ids::CandidateId,
                profile: $crate::compat::DeviceProfile,
            ) -> ();
            fn get_mds2_form(
                candidate_id: $crate::ids::CandidateId,
            ) -> ::std::option::Option<$crate::compat::mds2::Mds2Form>;
            /// Reads the file and says what importing it would do; nothing is saved.
            fn preview_mds2_import(
                candidate_id: $crate::ids::CandidateId,
                path: ::std::path::PathBuf,
            ) -> $crate::store::Mds2Preview;
            /// Saves the form a preview read (the file is not read again). Rejects with kind
            /// "conflict" when the form needs confirmation and `confirmed` is false.
            #[writes]
            fn import_mds2(
                candidate_id: $crate::ids::CandidateId,
                parse: $crate::compat::mds2::Mds2Parse,
                confirmed: bool,
            ) -> $crate::store::Mds2Preview;
            #[writes]
            fn delete_mds2_form(candidate_id: $crate::ids::CandidateId) -> ();
            /// The vendor's sample interface files kept on a candidate, each checked now.
            fn candidate_evidence(
                candidate_id: $crate::ids::CandidateId,
            ) -> ::std::vec::Vec<$crate::store::CandidateEvidence>;
            /// Reads a sample file (HL7 v2 messages, a FHIR Device) and checks it against the
            /// candidate and its site profile; nothing is saved.
            fn preview_evidence(
                candidate_id: $crate::ids::CandidateId,
                path: ::std::path::PathBuf,
            ) -> $crate::store::EvidenceCheck;
            /// Keeps the text a preview checked. Rejects with kind "conflict" when it names
            /// another device or replaces a kept file, and `confirmed` is false.
            #[writes]
            fn add_candidate_evidence(
                candidate_id: $crate::ids::CandidateId,
                file_name: ::std::string::String,
                text: ::std::string::String,
                confirmed: bool,
            ) -> $crate::store::CandidateEvidence;
            #[writes]
            fn remove_candidate_evidence(evidence_id: $crate::ids::EvidenceId) -> ();
            /// The MDS2 forms of a request's candidates side by side.
            fn compare_mds2(request_id: $crate::ids::RequestId) -> $crate::compat::mds2::Mds2Comparison;
            fn request_compatibility(request_id: $crate::ids::RequestId) -> $crate::compat::CompatibilityReport;
            fn get_compat_rules() -> ::std::vec::Vec<$crate::compat::CompatRule>;
            /// Replaces the portfolio's rule table; returns it as saved.
            #[writes]
            fn set_compat_rules(
                rules: ::std::vec::Vec<$crate::compat::CompatRule>,
            ) -> ::std::vec::Vec<$crate::compat::CompatRule>;
            /// Restores the default rule table; returns it.
            #[writes]
            fn reset_compat_rules() -> ::std::vec::Vec<$crate::compat::CompatRule>;
            fn get_disqualify_blocking(request_id: $crate::ids::RequestId) -> bool;
            /// Whether a candidate with a blocking gap leaves the request's ranking.
            #[writes]
            fn set_disqualify_blocking(request_id: $crate::ids::RequestId, on: bool) -> ();

            // ---- Group purchasing: other hospitals' files, read-only (docs/group-purchasing.md).

            /// The group analysis of the member files on the page, as of today: the members
            /// read, the matches, the benchmark with each model's strip plot (SVG),
            /// standardisation and demand, under the workspace's match decisions. Member
            /// files are only read; the open portfolio is not used.
            fn group_analysis(
                members: ::std::vec::Vec<$crate::workspace::GroupMember>,
                workspace: ::std::option::Option<::std::path::PathBuf>,
                options: $crate::workspace::GroupOptions,
            ) -> $crate::workspace::GroupAnalysis;
            /// Records the analyst's decision on a match in the workspace file (created when
            /// missing), with the page's member files listed in it; a key that is no
            /// model's is refused and nothing is written.
            fn group_decide_match(
                members: ::std::vec::Vec<$crate::workspace::GroupMember>,
                workspace: ::std::path::PathBuf,
                decision: $crate::gpo::MatchDecision,
            ) -> ();
            /// Undoes the analyst's decision on a match (its key as `decided` names it): the
            /// match is to review again. Refused, writing nothing, when there is none.
            fn group_undo_match(workspace: ::std::path::PathBuf, key: ::std::string::String) -> ();
            /// The member files a workspace file lists (none when it does not exist yet).
            fn group_workspace_members(
                workspace: ::std::path::PathBuf,
            ) -> ::std::vec::Vec<$crate::workspace::GroupMember>;
            /// Writes the negotiation brief (PDF) of the page's members to `path`, as of
            /// today; returns the path written.
            fn export_group_brief(
                members: ::std::vec::Vec<$crate::workspace::GroupMember>,
                workspace: ::std::option::Option<::std::path::PathBuf>,
                options: $crate::workspace::GroupOptions,
                path: ::std::path::PathBuf,
                paper: $crate::report::Paper,
            ) -> ::std::string::String;
            /// Writes the group's workbook (.xlsx) of the page's members to `path`, as of
            /// today; returns the path written.
            fn export_group_workbook(
                members: ::std::vec::Vec<$crate::workspace::GroupMember>,
                workspace: ::std::option::Option<::std::path::PathBuf>,
                options: $crate::workspace::GroupOptions,
                path: ::std::path::PathBuf,
            ) -> ::std::string::String;
        }
    };
}

/// An enum the window lists in a select or shows by name: its values in the order a list
/// shows them, and how each is named. The labels here are the only copy; the window's
/// `X_VALUES` and `X_LABELS` are generated from them.
pub trait Choice: Sized + Copy + Serialize + TS + 'static {
    /// Every value, in list order.
    const VALUES: &'static [Self];
    /// The value's name on its own: a select option, a badge, a table cell.
    fn label(self) -> &'static str;
}

/// Implements [`Choice`]: `choice!(Type { Variant => "Label", ... })`, variants in list order.
macro_rules! choice {
    ($ty:ty { $($variant:ident => $label:literal),+ $(,)? }) => {
        impl $crate::ipc::Choice for $ty {
            const VALUES: &'static [Self] = &[$(Self::$variant),+];
            fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label),+
                }
            }
        }
    };
}
pub(crate) use choice;

/// One argument of a command.
#[derive(Debug, Clone, PartialEq)]
pub struct ArgSpec {
    /// As in Rust (`request_id`); Tauri maps the camelCase key to it.
    pub name: &'static str,
    /// The TypeScript type (for a progress argument: the type of one message).
    pub ts_type: String,
    /// A stream of progress messages (a Tauri `Channel`).
    pub progress: bool,
}

/// What a command does to the open portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads it, or nothing.
    Reads,
    /// Changes it (`#[writes]`).
    Writes,
    /// Opens another portfolio file in its place (`#[opens]`).
    Opens,
}

/// One command of the contract.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandSpec {
    /// The command name Tauri registers (`set_cost_model`).
    pub name: &'static str,
    /// The TypeScript function (`setCostModel`).
    pub function: String,
    pub doc: Vec<String>,
    pub access: Access,
    pub args: Vec<ArgSpec>,
    /// The TypeScript type of the result.
    pub result: String,
}

impl CommandSpec {
    fn new(name: &'static str, attrs: &[(&str, &str)], args: Vec<ArgSpec>, result: String) -> Self {
        let mut function = camel_case(name);
        let mut doc = Vec::new();
        let mut access = Access::Reads;
        for (key, value) in attrs {
            match *key {
                "ui" => function = value.to_string(),
                "writes" => access = Access::Writes,
                "opens" => access = Access::Opens,
                "window" => {}
                _ => doc.push(value.strip_prefix(' ').unwrap_or(value).to_string()),
            }
        }
        if access == Access::Writes {
            doc.push(WRITES_DOC.to_string());
        }
        CommandSpec {
            name,
            function,
            doc,
            access,
            args,
            result,
        }
    }

    /// The permission that lets a window send the command (Tauri's `allow-<command>`).
    pub fn permission(&self) -> String {
        format!("allow-{}", self.name.replace('_', "-"))
    }
}

/// Said in the TypeScript documentation of every command that changes the portfolio.
const WRITES_DOC: &str = "Writes: refused (\"conflict\" on \"portfolio\") when the file changed since this window loaded it.";

macro_rules! command_specs {
    ($(
        $(#[$key:ident $(= $value:literal)?])*
        fn $name:ident ( $( $(#[$marker:ident])? $arg:ident : $ty:ty ),* $(,)? ) -> $ret:ty ;
    )*) => {
        /// The contract's commands, in declaration order.
        pub fn commands() -> Vec<CommandSpec> {
            let cfg = Config::default();
            vec![$(
                CommandSpec::new(
                    stringify!($name),
                    &[$((stringify!($key), concat!("" $(, $value)?))),*],
                    vec![$(ArgSpec {
                        name: stringify!($arg),
                        ts_type: <$ty as TS>::name(&cfg),
                        progress: is_progress(&[$(stringify!($marker)),*]),
                    }),*],
                    <$ret as TS>::name(&cfg),
                )
            ),*]
        }
    };
}
caliper_ipc_contract!(command_specs);

/// Whether an argument's markers make it a progress stream.
fn is_progress(markers: &[&str]) -> bool {
    markers.contains(&"progress")
}

/// `set_cost_model` -> `setCostModel`.
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the capability granting the contract's commands is written, from the repository
/// root.
pub const CAPABILITY_PATH: &str = "src-tauri/capabilities/commands.json";

/// The contents of [`CAPABILITY_PATH`]: the main window may send every command of the
/// contract, and (with the hand-written `default.json`) nothing else of Caliper's.
pub fn capability() -> String {
    let permissions: Vec<String> = commands().iter().map(CommandSpec::permission).collect();
    let capability = serde_json::json!({
        "$schema": "../gen/schemas/desktop-schema.json",
        "identifier": "commands",
        "description": "Generated by caliper-models (src/ipc/) from the command contract; do not edit. The main window may send each command of Caliper's IPC contract. Regenerate: UPDATE_BINDINGS=1 cargo test -p caliper-models ipc",
        "windows": ["main"],
        "permissions": permissions,
    });
    serde_json::to_string_pretty(&capability).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests;
