//! The portfolio schema, as append-only migrations. Never edit a released migration: add
//! a new one. `user_version` counts the migrations applied.

use rusqlite::Connection;
#[cfg(test)]
use rusqlite_migration::M;

/// SQLite `application_id` of a Caliper portfolio ("CALP").
pub const APPLICATION_ID: i32 = 0x4341_4C50;

pub(super) const V1: &str = r#"
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE facility (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE department (
    id          INTEGER PRIMARY KEY,
    facility_id INTEGER NOT NULL REFERENCES facility(id) ON DELETE RESTRICT,
    name        TEXT NOT NULL,
    cost_center TEXT,
    UNIQUE (facility_id, name)
) STRICT;

CREATE TABLE capital_request (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,
    request_type  TEXT NOT NULL CHECK (request_type IN ('replacement', 'new_technology', 'expansion')),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    fiscal_year   INTEGER NOT NULL,
    justification TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('draft', 'in_assessment', 'recommended', 'approved', 'deferred', 'rejected')),
    currency      TEXT NOT NULL
) STRICT;

CREATE TABLE candidate (
    id               INTEGER PRIMARY KEY,
    request_id       INTEGER NOT NULL REFERENCES capital_request(id) ON DELETE CASCADE,
    manufacturer     TEXT NOT NULL,
    model            TEXT NOT NULL,
    vendor           TEXT NOT NULL DEFAULT '',
    fda_product_code TEXT,
    unit_price       TEXT NOT NULL,  -- decimal text, never REAL
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    notes            TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX candidate_name ON candidate (request_id, manufacturer COLLATE NOCASE, model COLLATE NOCASE);

CREATE TABLE category (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES capital_request(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    UNIQUE (request_id, name)
) STRICT;

CREATE TABLE criterion (
    id          INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES category(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL CHECK (direction IN ('benefit', 'cost')),
    kind        TEXT NOT NULL CHECK (kind IN ('judged', 'measured')),
    unit        TEXT NOT NULL DEFAULT '',
    anchors     TEXT NOT NULL DEFAULT '[]',  -- JSON array of the scale's level descriptions
    weight      REAL NOT NULL CHECK (weight >= 0),
    position    INTEGER NOT NULL,
    UNIQUE (category_id, name)
) STRICT;

CREATE TABLE evaluator (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE score (
    evaluator_id INTEGER NOT NULL REFERENCES evaluator(id) ON DELETE CASCADE,
    candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (evaluator_id, candidate_id, criterion_id)
) STRICT;

CREATE TABLE measurement (
    candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criterion(id) ON DELETE CASCADE,
    value        TEXT NOT NULL,  -- decimal text
    PRIMARY KEY (candidate_id, criterion_id)
) STRICT;
"#;

/// Lifecycle cost: a cost model per candidate, financial assumptions per request, and
/// criteria whose values are computed (the lifecycle-cost criterion) rather than entered.
pub(super) const V2: &str = r#"
ALTER TABLE criterion ADD COLUMN source TEXT NOT NULL DEFAULT 'entered'
    CHECK (source IN ('entered', 'lifecycle_cost'));

CREATE TABLE cost_model (
    candidate_id        INTEGER PRIMARY KEY REFERENCES candidate(id) ON DELETE CASCADE,
    discount_pct        TEXT NOT NULL,
    trade_in_credit     TEXT NOT NULL,
    installation        TEXT NOT NULL,
    it_integration      TEXT NOT NULL,
    training            TEXT NOT NULL,
    warranty_years      INTEGER NOT NULL CHECK (warranty_years >= 0),
    service_annual      TEXT NOT NULL,
    service_escalation  TEXT NOT NULL,
    cost_per_use        TEXT NOT NULL,
    annual_uses         TEXT NOT NULL,
    power_watts         TEXT NOT NULL,
    hours_per_year      TEXT NOT NULL,
    tariff_per_kwh      TEXT NOT NULL,
    software_annual     TEXT NOT NULL,
    staffing_annual     TEXT NOT NULL,
    expected_life_years INTEGER NOT NULL CHECK (expected_life_years BETWEEN 1 AND 40),
    disposal            TEXT NOT NULL,
    residual_value      TEXT NOT NULL
) STRICT;

-- A request's own assumptions; NULL falls back to the portfolio's (table setting).
CREATE TABLE request_assumptions (
    request_id              INTEGER PRIMARY KEY REFERENCES capital_request(id) ON DELETE CASCADE,
    discount_rate           TEXT,
    inflation               TEXT,
    fiscal_year_start_month INTEGER CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    purchase_date           TEXT
) STRICT;
"#;

/// The ranking method becomes a setting of each request.
pub(super) const V3: &str = r#"
ALTER TABLE capital_request ADD COLUMN method TEXT NOT NULL DEFAULT 'weighted_sum'
    CHECK (method IN ('weighted_sum', 'topsis'));
"#;

/// Compatibility: the site IT profile (the portfolio's, and per facility where it
/// differs), each candidate's profile and MDS2 form, the editable rule table, and the
/// compatibility scores as computed criterion sources. The criterion's `source` column is
/// re-created to widen its CHECK (SQLite cannot alter a CHECK in place).
const V4: &str = r#"
ALTER TABLE criterion ADD COLUMN value_source TEXT NOT NULL DEFAULT 'entered'
    CHECK (value_source IN ('entered', 'lifecycle_cost', 'ehr_score', 'network_score', 'security_score'));
UPDATE criterion SET value_source = source;
ALTER TABLE criterion DROP COLUMN source;
ALTER TABLE criterion RENAME COLUMN value_source TO source;

CREATE TABLE site_profile (
    id          INTEGER PRIMARY KEY,
    facility_id INTEGER UNIQUE REFERENCES facility(id) ON DELETE CASCADE,  -- NULL: the portfolio's
    profile     TEXT NOT NULL CHECK (json_valid(profile))
) STRICT;
CREATE UNIQUE INDEX site_profile_portfolio ON site_profile ((facility_id IS NULL)) WHERE facility_id IS NULL;

CREATE TABLE device_profile (
    candidate_id INTEGER PRIMARY KEY REFERENCES candidate(id) ON DELETE CASCADE,
    profile      TEXT NOT NULL CHECK (json_valid(profile))
) STRICT;

CREATE TABLE mds2_form (
    candidate_id INTEGER PRIMARY KEY REFERENCES candidate(id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    manufacturer TEXT NOT NULL,
    model        TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    release_date TEXT NOT NULL
) STRICT;

CREATE TABLE mds2_answer (
    candidate_id INTEGER NOT NULL REFERENCES mds2_form(candidate_id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    answer       TEXT CHECK (answer IN ('yes', 'no', 'n/a')),  -- NULL: a text answer (DOC-1..7)
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (candidate_id, question_id)
) STRICT;

-- The edited rule table; no rows means the default table.
CREATE TABLE compat_rule (
    key      TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    rule     TEXT NOT NULL CHECK (json_valid(rule))
) STRICT;

CREATE TABLE request_compat (
    request_id          INTEGER PRIMARY KEY REFERENCES capital_request(id) ON DELETE CASCADE,
    disqualify_blocking INTEGER NOT NULL CHECK (disqualify_blocking IN (0, 1))
) STRICT;
"#;

/// The reference scale of a request's measured criteria (lifecycle cost, entered values):
/// no row means the default (`from_best`, span 0.5).
const V5: &str = r#"
CREATE TABLE request_scale (
    request_id INTEGER PRIMARY KEY REFERENCES capital_request(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('min_max', 'ratio_to_best', 'from_best')),
    span       REAL CHECK (span BETWEEN 0.01 AND 10),
    CHECK ((kind = 'from_best') = (span IS NOT NULL))
) STRICT;
"#;

/// The committee's decisions on a request and the history of its status, both
/// append-only: a row is never changed (the triggers refuse it); a new decision is a new
/// row. A decision keeps the names of the chosen and the top-ranked candidates as they
/// were when it was taken, and the candidate's id without a foreign key, so removing a
/// candidate later never rewrites the record.
const V6: &str = r#"
CREATE TABLE decision (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES capital_request(id) ON DELETE CASCADE,
    outcome       TEXT NOT NULL CHECK (outcome IN ('approved', 'deferred', 'rejected')),
    decided_on    TEXT NOT NULL,
    candidate_id  INTEGER,
    candidate     TEXT NOT NULL DEFAULT '',
    top_ranked    TEXT NOT NULL DEFAULT '',
    rationale     TEXT NOT NULL DEFAULT '',
    deferred_to   INTEGER,
    votes_for     INTEGER CHECK (votes_for >= 0),
    votes_against INTEGER CHECK (votes_against >= 0),
    votes_abstain INTEGER CHECK (votes_abstain >= 0),
    conditions    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(conditions)),
    attendees     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendees)),
    recorded_by   TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX decision_request ON decision(request_id);

CREATE TABLE request_history (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES capital_request(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    by_user    TEXT NOT NULL DEFAULT '',
    change     TEXT NOT NULL
) STRICT;
CREATE INDEX request_history_request ON request_history(request_id);

CREATE TRIGGER decision_append_only BEFORE UPDATE ON decision
BEGIN SELECT RAISE(ABORT, 'a recorded decision is never changed; record a new one'); END;
CREATE TRIGGER request_history_append_only BEFORE UPDATE ON request_history
BEGIN SELECT RAISE(ABORT, 'the history of a request is never changed'); END;
"#;

/// A candidate's quote dates (ISO dates, or NULL when not known); a quote cannot be valid
/// until a day before its own date.
const V7: &str = r#"
ALTER TABLE candidate ADD COLUMN quote_date TEXT CHECK (quote_date IS NULL OR date(quote_date) IS quote_date);
ALTER TABLE candidate ADD COLUMN valid_until TEXT CHECK (valid_until IS NULL OR (date(valid_until) IS valid_until AND (quote_date IS NULL OR valid_until >= quote_date)));
"#;

/// The capital plan: budgets per fiscal year (system-wide, or a facility's), each
/// request's priority parts, mandatory reason and price of deferral, the links between
/// requests ("needs", "excludes"), and the committee's saved scenarios.
const V8: &str = r#"
CREATE TABLE budget (
    id          INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
    facility_id INTEGER REFERENCES facility(id) ON DELETE CASCADE,
    capital     TEXT NOT NULL,
    operating   TEXT
) STRICT;
CREATE UNIQUE INDEX budget_year_facility ON budget (fiscal_year, coalesce(facility_id, 0));

CREATE TABLE request_plan (
    request_id    INTEGER PRIMARY KEY REFERENCES capital_request(id) ON DELETE CASCADE,
    clinical_need INTEGER CHECK (clinical_need BETWEEN 1 AND 5),
    risk          INTEGER CHECK (risk BETWEEN 1 AND 5),
    strategic_fit INTEGER CHECK (strategic_fit BETWEEN 1 AND 5),
    committee     INTEGER CHECK (committee BETWEEN 1 AND 5),
    mandatory     TEXT CHECK (mandatory IN ('regulatory', 'recall', 'end_of_support')),
    deferral_premium_pct TEXT NOT NULL DEFAULT '15',
    deferral_maintenance TEXT NOT NULL DEFAULT '0'
) STRICT;

CREATE TABLE request_link (
    request_id INTEGER NOT NULL REFERENCES capital_request(id) ON DELETE CASCADE,
    other_id   INTEGER NOT NULL REFERENCES capital_request(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('requires', 'excludes')),
    PRIMARY KEY (request_id, other_id, kind),
    CHECK (request_id <> other_id)
) STRICT;

CREATE TABLE plan_scenario (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    budget_change_pct TEXT NOT NULL DEFAULT '0',
    forced_in         TEXT NOT NULL DEFAULT '[]',
    forced_out        TEXT NOT NULL DEFAULT '[]',
    weights           TEXT
) STRICT;
"#;

/// The installed base: the assets of the inventory (keyed by the CMMS's asset number),
/// their work orders, the column mappings saved per source system, the expected lives by
/// device type, FDA recalls imported, and the assets a request replaces.
const V9: &str = r#"
CREATE TABLE asset (
    asset_number        TEXT PRIMARY KEY,
    device_type         TEXT,
    manufacturer        TEXT,
    model               TEXT,
    serial              TEXT,
    product_code        TEXT,
    department          TEXT,
    facility            TEXT,
    acquisition_date    TEXT,
    acquisition_cost    TEXT,
    in_service_date     TEXT,
    expected_life_years TEXT,
    end_of_support      TEXT,
    risk_class          TEXT,
    network_connected   INTEGER CHECK (network_connected IN (0, 1)),
    operating_system    TEXT,
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
    em_function         INTEGER CHECK (em_function BETWEEN 2 AND 10),
    em_physical_risk    INTEGER CHECK (em_physical_risk BETWEEN 1 AND 5),
    em_maintenance      INTEGER CHECK (em_maintenance BETWEEN 1 AND 5),
    em_incident_history INTEGER CHECK (em_incident_history BETWEEN -2 AND 2),
    source              TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE work_order (
    id             INTEGER PRIMARY KEY,
    asset_number   TEXT NOT NULL REFERENCES asset(asset_number) ON DELETE CASCADE,
    number         TEXT,
    date           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('corrective', 'preventive', 'other')),
    labour_hours   TEXT,
    parts_cost     TEXT,
    vendor_cost    TEXT,
    downtime_hours TEXT
) STRICT;
CREATE INDEX work_order_asset ON work_order (asset_number);
CREATE INDEX work_order_number ON work_order (number);

CREATE TABLE inventory_mapping (
    source  TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('assets', 'work_orders')),
    mapping TEXT NOT NULL,
    PRIMARY KEY (source, kind)
) STRICT;

CREATE TABLE expected_life (
    device_type TEXT PRIMARY KEY COLLATE NOCASE,
    years       TEXT,
    source      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE recall (
    id     TEXT PRIMARY KEY,
    record TEXT NOT NULL
) STRICT;

-- Each active asset's replacement priority as last computed, so a page of 200,000
-- assets sorts and scrolls without computing it again.
CREATE TABLE asset_priority (
    asset_number TEXT PRIMARY KEY REFERENCES asset(asset_number) ON DELETE CASCADE,
    score        REAL,
    age_years    REAL,
    mel_percent  REAL,
    explanation  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX asset_priority_score ON asset_priority (score);

CREATE TABLE request_asset (
    request_id   INTEGER NOT NULL REFERENCES capital_request(id) ON DELETE CASCADE,
    asset_number TEXT NOT NULL REFERENCES asset(asset_number) ON DELETE CASCADE,
    PRIMARY KEY (request_id, asset_number)
) STRICT;
"#;

/// The financial case of each candidate: its expected savings lines, revenue, the choice
/// of depreciation and a lease offer (JSON), all removed with the candidate.
const V10: &str = r#"
CREATE TABLE candidate_finance (
    candidate_id            INTEGER PRIMARY KEY REFERENCES candidate(id) ON DELETE CASCADE,
    procedures_per_year     TEXT,
    reimbursement           TEXT,
    revenue_escalation      TEXT,
    depreciation_method     TEXT NOT NULL DEFAULT 'straight_line'
        CHECK (depreciation_method IN ('straight_line', 'declining_balance', 'double_declining_balance', 'sum_of_years_digits')),
    depreciation_convention TEXT NOT NULL DEFAULT 'full_month'
        CHECK (depreciation_convention IN ('full_month', 'half_year')),
    depreciation_life_years INTEGER CHECK (depreciation_life_years >= 1),
    depreciation_salvage    TEXT,
    depreciation_factor     TEXT,
    in_service_date         TEXT CHECK (in_service_date IS NULL OR date(in_service_date) IS in_service_date),
    lease                   TEXT CHECK (lease IS NULL OR json_valid(lease)),
    CHECK ((procedures_per_year IS NULL) = (reimbursement IS NULL))
) STRICT;

CREATE TABLE saving_line (
    candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('service_contracts', 'consumables', 'staff_time', 'avoided_outsourcing', 'energy', 'trade_in', 'other')),
    label        TEXT NOT NULL DEFAULT '',
    amount       TEXT NOT NULL,
    escalation   TEXT NOT NULL,
    one_off_year INTEGER CHECK (one_off_year >= 0),
    PRIMARY KEY (candidate_id, position)
) STRICT;
"#;

/// Evidence of compatibility: where each MDS2 answer is in the vendor's file, and the
/// vendors' sample interface files (HL7 v2 messages, FHIR Devices) kept on a candidate as
/// imported, removed with it.
const V11: &str = r#"
ALTER TABLE mds2_answer ADD COLUMN place TEXT NOT NULL DEFAULT '';

CREATE TABLE candidate_evidence (
    id           INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content      TEXT NOT NULL,
    UNIQUE (candidate_id, file_name)
) STRICT;
"#;

/// Every migration, oldest first: migration `n` (counting from 1) takes the schema from
/// version `n - 1` to `n`.
const STEPS: [&str; 11] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11];

/// The schema version this build writes (the number of migrations).
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

/// Applies the migrations that take the schema from version `from` to `to`, and records
/// `to` as the `user_version`. Runs inside the caller's transaction, so a migration that
/// fails (or a process killed half-way) leaves the file at `from`. Errors carry SQLite's
/// message only, never the migration's SQL.
pub(super) fn migrate(conn: &Connection, from: i64, to: i64) -> rusqlite::Result<()> {
    let steps = usize::try_from(from).unwrap_or(0)..usize::try_from(to).unwrap_or(0);
    for sql in STEPS.get(steps).unwrap_or_default() {
        conn.execute_batch(sql)?;
    }
    conn.pragma_update(None, "user_version", to)
}

#[cfg(test)]
fn migrations() -> rusqlite_migration::Migrations<'static> {
    rusqlite_migration::Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::CriterionSource;
    use crate::ids::{CandidateId, CriterionId, RequestId};
    use crate::ranking::Method;
    use crate::store::Portfolio;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn schema_version_counts_the_migrations() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }

    /// The store's own migration runner builds the same schema as the migration library
    /// the first releases used.
    #[test]
    fn migrate_builds_the_schema_of_the_migration_list() {
        let schema = |conn: &Connection| -> Vec<(String, String)> {
            conn.prepare("SELECT name, sql FROM sqlite_schema ORDER BY name")
                .unwrap()
                .query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    ))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let mut reference = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut reference).unwrap();
        let stepwise = Connection::open_in_memory().unwrap();
        for v in 0..SCHEMA_VERSION {
            migrate(&stepwise, v, v + 1).unwrap();
        }
        assert_eq!(schema(&stepwise), schema(&reference));
        let at_once = Connection::open_in_memory().unwrap();
        migrate(&at_once, 0, SCHEMA_VERSION).unwrap();
        assert_eq!(schema(&at_once), schema(&reference));
    }

    /// A portfolio written by the first release (schema 1) opens, migrates in place, and
    /// keeps its data: the new columns take their defaults.
    #[test]
    fn a_version_1_portfolio_upgrades_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.caliper");
        {
            let mut conn = Connection::open(&path).unwrap();
            rusqlite_migration::Migrations::new(vec![rusqlite_migration::M::up(V1)])
                .to_latest(&mut conn)
                .unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            conn.execute_batch(
                "INSERT INTO facility (id, name) VALUES (1, 'Lakeside');
                 INSERT INTO department (id, facility_id, name) VALUES (1, 1, 'Cardiology');
                 INSERT INTO capital_request (id, title, department_id, request_type, quantity, fiscal_year, status, currency)
                     VALUES (1, 'ECG carts', 1, 'replacement', 6, 2027, 'draft', 'USD');
                 INSERT INTO category (id, request_id, name, position) VALUES (1, 1, 'Cost', 0);
                 INSERT INTO criterion (id, category_id, name, direction, kind, unit, weight, position)
                     VALUES (1, 1, 'Price', 'cost', 'measured', 'USD', 1.0, 0);
                 INSERT INTO candidate (id, request_id, manufacturer, model, unit_price, quantity)
                     VALUES (1, 1, 'Example', 'E1', '9400.50', 6);
                 INSERT INTO measurement (candidate_id, criterion_id, value) VALUES (1, 1, '56403.00');",
            )
            .unwrap();
        }
        let p = Portfolio::open(&path).unwrap();
        let version: i64 = p
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let request = p.request(RequestId(1)).unwrap();
        assert_eq!(request.method, Method::WeightedSum);
        assert_eq!(
            p.criterion(CriterionId(1)).unwrap().source,
            CriterionSource::Entered
        );
        assert_eq!(
            p.candidates(RequestId(1)).unwrap()[0]
                .unit_price
                .amount
                .to_string(),
            "9400.50"
        );
        assert_eq!(
            p.measurements(RequestId(1)).unwrap()[0].value.to_string(),
            "56403.00"
        );
        assert!(p.cost_model(CandidateId(1)).unwrap().is_none());
    }

    /// A schema-3 portfolio keeps its criteria's sources, scores and measurements through
    /// the rebuild of the `source` column, and gains the default rule table and an empty
    /// site profile.
    #[test]
    fn a_version_3_portfolio_upgrades_to_compatibility() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.caliper");
        {
            let mut conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "foreign_keys", true).unwrap();
            rusqlite_migration::Migrations::new(vec![
                rusqlite_migration::M::up(V1),
                rusqlite_migration::M::up(V2),
                rusqlite_migration::M::up(V3),
            ])
            .to_latest(&mut conn)
            .unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            conn.execute_batch(
                "INSERT INTO facility (id, name) VALUES (1, 'Lakeside');
                 INSERT INTO department (id, facility_id, name) VALUES (1, 1, 'Cardiology');
                 INSERT INTO capital_request (id, title, department_id, request_type, quantity, fiscal_year, status, currency)
                     VALUES (1, 'ECG carts', 1, 'replacement', 6, 2027, 'draft', 'USD');
                 INSERT INTO category (id, request_id, name, position) VALUES (1, 1, 'Cost', 0);
                 INSERT INTO criterion (id, category_id, name, direction, kind, unit, weight, position, source)
                     VALUES (1, 1, 'Lifecycle cost', 'cost', 'measured', 'USD/year', 1.0, 0, 'lifecycle_cost'),
                            (2, 1, 'Quality', 'benefit', 'judged', '', 1.0, 1, 'entered');
                 INSERT INTO candidate (id, request_id, manufacturer, model, unit_price, quantity)
                     VALUES (1, 1, 'Example', 'E1', '9400.50', 6);
                 INSERT INTO evaluator (id, name) VALUES (1, 'Ana');
                 INSERT INTO score (evaluator_id, candidate_id, criterion_id, score) VALUES (1, 1, 2, 4);",
            )
            .unwrap();
        }
        let p = Portfolio::open(&path).unwrap();
        assert_eq!(
            p.criterion(CriterionId(1)).unwrap().source,
            CriterionSource::LifecycleCost
        );
        assert_eq!(
            p.criterion(CriterionId(2)).unwrap().source,
            CriterionSource::Entered
        );
        assert_eq!(
            p.scores(RequestId(1)).unwrap().len(),
            1,
            "scores survive the rebuild"
        );
        assert_eq!(p.compat_rules().unwrap(), crate::compat::default_rules());
        assert!(!p.site_profile(None).unwrap().saved);
        // The widened CHECK accepts the new sources and still refuses others.
        p.conn
            .execute(
                "UPDATE criterion SET source = 'network_score' WHERE id = 2",
                [],
            )
            .unwrap();
        assert!(p
            .conn
            .execute("UPDATE criterion SET source = 'guess' WHERE id = 2", [])
            .is_err());
    }
}
