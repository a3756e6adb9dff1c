//! The portfolio file: one SQLite database per portfolio.
//!
//! Opening checks that the file is a Caliper portfolio of a schema this build can read
//! before anything is written; every change is validated first and written in one
//! transaction, so a rejected change leaves the file as it was.

mod assessment;
mod compat;
mod migrations;

pub use compat::{Mds2Preview, ScopedSiteProfile};

use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rusqlite::{params, Connection, OptionalExtension, Row, ToSql, Transaction};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

pub use migrations::{APPLICATION_ID, SCHEMA_VERSION};

use crate::assessment::AssessmentInputs;
use crate::criteria::{
    check_weight, default_template, Category, Criterion, CriterionInput, CriterionKind,
    CriterionSource, Direction, SCALE_MAX, SCALE_MIN,
};
use crate::domain::{
    required_text, Candidate, CandidateInput, CapitalRequest, Department, Evaluator,
    EvaluatorScore, Facility, Measurement, RequestInput, RequestStatus, RequestType,
};
use crate::error::{Error, Result};
use crate::ids::{
    CandidateId, CategoryId, CriterionId, DepartmentId, EvaluatorId, FacilityId, RequestId,
};
use crate::lifecycle::{AssumptionOverrides, Assumptions, CostModel};
use crate::money::{Currency, Money};
use crate::ranking::Method;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// An open portfolio.
pub struct Portfolio {
    conn: Connection,
    path: Option<PathBuf>,
}

/// A request as listed on the portfolio home.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RequestSummary {
    pub request: CapitalRequest,
    pub department: String,
    pub facility: String,
    pub candidates: u32,
    /// Sum over candidates would mislead: this is the lowest quoted total, a floor on the capital needed.
    pub lowest_quote: Option<Money>,
}

/// A category with its criteria, in display order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CategoryCriteria {
    pub category: Category,
    pub criteria: Vec<Criterion>,
}

/// Facts about the open portfolio file.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PortfolioInfo {
    pub path: String,
    pub name: String,
    pub schema_version: i64,
}

impl Portfolio {
    /// Opens an existing portfolio; fails if the file is missing.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            ));
        }
        Self::open_or_create(path)
    }

    /// Creates a new, empty portfolio; fails if the file already has content.
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if path.metadata().map(|m| m.len() > 0).unwrap_or(false) {
            return Err(Error::conflict(
                "path",
                format!(
                    "{} already exists; open it or choose another name",
                    path.display()
                ),
            ));
        }
        Self::open_or_create(path)
    }

    /// Opens the portfolio at `path`, creating it when the file is missing or empty.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        check_header(path)?;
        let conn = Connection::open(path)?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// A portfolio that lives in memory (tests and previews).
    pub fn in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        let shown = path
            .as_ref()
            .map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
        let not_a_portfolio = |reason: String| Error::NotAPortfolio {
            path: shown.clone(),
            reason,
        };
        // Reading the header is the first query: a file that is not SQLite fails here.
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| not_a_portfolio(e.to_string()))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID && (tables > 0 || app_id != 0) {
            return Err(not_a_portfolio(format!(
                "it is an SQLite database of another application (application_id {app_id:#x}, {tables} schema objects)"
            )));
        }
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: shown,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "busy_timeout", 5000)?;
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        migrations::migrations().to_latest(&mut conn)?;
        if app_id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(Portfolio { conn, path })
    }

    pub fn info(&self) -> Result<PortfolioInfo> {
        Ok(PortfolioInfo {
            path: self
                .path
                .as_ref()
                .map_or_else(String::new, |p| p.display().to_string()),
            name: self.setting("name")?.unwrap_or_else(|| {
                self.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
                    || "Untitled portfolio".into(),
                    |s| s.to_string_lossy().into_owned(),
                )
            }),
            schema_version: SCHEMA_VERSION,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    fn tx(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction()?)
    }

    // ---- facilities and departments -------------------------------------------------

    pub fn add_facility(&mut self, name: &str) -> Result<Facility> {
        let name = required_text("name", name, 200)?;
        self.conn
            .execute("INSERT INTO facility (name) VALUES (?1)", [&name])
            .map_err(|e| {
                unique_to_conflict(e, "name", &format!("a facility named '{name}' exists"))
            })?;
        Ok(Facility {
            id: FacilityId(self.conn.last_insert_rowid() as u32),
            name,
        })
    }

    pub fn facilities(&self) -> Result<Vec<Facility>> {
        let mut st = self
            .conn
            .prepare("SELECT id, name FROM facility ORDER BY name")?;
        let rows = st.query_map([], |r| {
            Ok(Facility {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_department(
        &mut self,
        facility_id: FacilityId,
        name: &str,
        cost_center: Option<&str>,
    ) -> Result<Department> {
        let name = required_text("name", name, 200)?;
        self.exists("facility", facility_id)?;
        let cost_center = cost_center
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        self.conn
            .execute(
                "INSERT INTO department (facility_id, name, cost_center) VALUES (?1, ?2, ?3)",
                params![facility_id, name, cost_center],
            )
            .map_err(|e| {
                unique_to_conflict(
                    e,
                    "name",
                    &format!("the facility has a department named '{name}'"),
                )
            })?;
        Ok(Department {
            id: DepartmentId(self.conn.last_insert_rowid() as u32),
            facility_id,
            name,
            cost_center,
        })
    }

    pub fn departments(&self) -> Result<Vec<Department>> {
        let mut st = self
            .conn
            .prepare("SELECT id, facility_id, name, cost_center FROM department ORDER BY name")?;
        let rows = st.query_map([], |r| {
            Ok(Department {
                id: r.get(0)?,
                facility_id: r.get(1)?,
                name: r.get(2)?,
                cost_center: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ---- capital requests -----------------------------------------------------------

    /// Creates a request with a copy of the default criteria template.
    pub fn create_request(&mut self, input: &RequestInput) -> Result<CapitalRequest> {
        let (title, currency) = input.validate()?;
        self.exists("department", input.department_id)?;
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO capital_request (title, department_id, request_type, quantity, fiscal_year, justification, status, currency, method)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                title,
                input.department_id,
                input.request_type.as_str(),
                input.quantity,
                input.fiscal_year,
                input.justification.trim(),
                input.status.as_str(),
                currency.as_str(),
                input.method.as_str()
            ],
        )?;
        let id = RequestId(tx.last_insert_rowid() as u32);
        for (cpos, cat) in default_template().iter().enumerate() {
            tx.execute(
                "INSERT INTO category (request_id, name, position) VALUES (?1, ?2, ?3)",
                params![id, cat.name, cpos as u32],
            )?;
            let cat_id = tx.last_insert_rowid();
            for (pos, c) in cat.criteria.iter().enumerate() {
                let anchors: Vec<&str> = if c.kind == CriterionKind::Judged {
                    c.anchors.to_vec()
                } else {
                    vec![]
                };
                let unit = c.unit.replace("USD", currency.as_str());
                tx.execute(
                    "INSERT INTO criterion (category_id, name, description, direction, kind, unit, anchors, weight, position, source)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        cat_id,
                        c.name,
                        c.description,
                        c.direction.as_str(),
                        c.kind.as_str(),
                        unit,
                        serde_json::to_string(&anchors).unwrap_or_else(|_| "[]".into()),
                        c.weight,
                        pos as u32,
                        c.source.as_str()
                    ],
                )?;
            }
        }
        tx.commit()?;
        self.request(id)
    }

    pub fn update_request(
        &mut self,
        id: RequestId,
        input: &RequestInput,
    ) -> Result<CapitalRequest> {
        let (title, currency) = input.validate()?;
        let current = self.request(id)?;
        self.exists("department", input.department_id)?;
        if currency != current.currency && self.candidates(id)?.iter().any(|_| true) {
            return Err(Error::validation(
                "currency",
                "the request's candidates are quoted in its currency; remove them before changing it",
            ));
        }
        self.conn.execute(
            "UPDATE capital_request SET title = ?2, department_id = ?3, request_type = ?4, quantity = ?5,
             fiscal_year = ?6, justification = ?7, status = ?8, currency = ?9, method = ?10 WHERE id = ?1",
            params![
                id,
                title,
                input.department_id,
                input.request_type.as_str(),
                input.quantity,
                input.fiscal_year,
                input.justification.trim(),
                input.status.as_str(),
                currency.as_str(),
                input.method.as_str()
            ],
        )?;
        self.request(id)
    }

    pub fn delete_request(&mut self, id: RequestId) -> Result<()> {
        self.exists("capital_request", id)?;
        self.conn
            .execute("DELETE FROM capital_request WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn request(&self, id: RequestId) -> Result<CapitalRequest> {
        self.conn
            .query_row(
                "SELECT id, title, department_id, request_type, quantity, fiscal_year, justification, status, currency, method
                 FROM capital_request WHERE id = ?1",
                [id],
                read_request,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("capital request", id))?
    }

    pub fn requests(&self) -> Result<Vec<RequestSummary>> {
        let mut st = self.conn.prepare(
            "SELECT r.id, r.title, r.department_id, r.request_type, r.quantity, r.fiscal_year, r.justification, r.status, r.currency, r.method,
                    d.name, f.name
             FROM capital_request r JOIN department d ON d.id = r.department_id JOIN facility f ON f.id = d.facility_id
             ORDER BY r.fiscal_year, r.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                read_request(r)?,
                r.get::<_, String>(10)?,
                r.get::<_, String>(11)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (request, department, facility) = row?;
            let request = request?;
            let candidates = self.candidates(request.id)?;
            let lowest_quote = candidates
                .iter()
                .map(Candidate::quoted_total)
                .min_by(|a, b| a.amount.cmp(&b.amount));
            out.push(RequestSummary {
                request,
                department,
                facility,
                candidates: candidates.len() as u32,
                lowest_quote,
            });
        }
        Ok(out)
    }

    // ---- candidates -----------------------------------------------------------------

    pub fn add_candidate(
        &mut self,
        request_id: RequestId,
        input: &CandidateInput,
    ) -> Result<Candidate> {
        let v = input.validate()?;
        self.request(request_id)?;
        self.check_unique_candidate(request_id, None, &v.manufacturer, &v.model)?;
        self.conn.execute(
            "INSERT INTO candidate (request_id, manufacturer, model, vendor, fda_product_code, unit_price, quantity, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                request_id,
                v.manufacturer,
                v.model,
                v.vendor,
                v.fda_product_code,
                v.unit_price.to_string(),
                v.quantity,
                v.notes
            ],
        )?;
        self.candidate(CandidateId(self.conn.last_insert_rowid() as u32))
    }

    pub fn update_candidate(
        &mut self,
        id: CandidateId,
        input: &CandidateInput,
    ) -> Result<Candidate> {
        let v = input.validate()?;
        let current = self.candidate(id)?;
        self.check_unique_candidate(current.request_id, Some(id), &v.manufacturer, &v.model)?;
        self.conn.execute(
            "UPDATE candidate SET manufacturer = ?2, model = ?3, vendor = ?4, fda_product_code = ?5,
             unit_price = ?6, quantity = ?7, notes = ?8 WHERE id = ?1",
            params![
                id,
                v.manufacturer,
                v.model,
                v.vendor,
                v.fda_product_code,
                v.unit_price.to_string(),
                v.quantity,
                v.notes
            ],
        )?;
        self.candidate(id)
    }

    fn check_unique_candidate(
        &self,
        request_id: RequestId,
        except: Option<CandidateId>,
        manufacturer: &str,
        model: &str,
    ) -> Result<()> {
        let clash: Option<CandidateId> = self
            .conn
            .query_row(
                "SELECT id FROM candidate WHERE request_id = ?1 AND manufacturer = ?2 COLLATE NOCASE
                 AND model = ?3 COLLATE NOCASE AND id IS NOT ?4",
                params![request_id, manufacturer, model, except],
                |r| r.get(0),
            )
            .optional()?;
        match clash {
            Some(other) => Err(Error::conflict(
                "model",
                format!("{manufacturer} {model} is already a candidate of this request (candidate {other})"),
            )),
            None => Ok(()),
        }
    }

    pub fn delete_candidate(&mut self, id: CandidateId) -> Result<()> {
        self.exists("candidate", id)?;
        self.conn
            .execute("DELETE FROM candidate WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn candidate(&self, id: CandidateId) -> Result<Candidate> {
        self.conn
            .query_row(
                &format!("{CANDIDATE_SELECT} WHERE c.id = ?1"),
                [id],
                read_candidate,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("candidate", id))?
    }

    pub fn candidates(&self, request_id: RequestId) -> Result<Vec<Candidate>> {
        let mut st = self.conn.prepare(&format!(
            "{CANDIDATE_SELECT} WHERE c.request_id = ?1 ORDER BY c.id"
        ))?;
        let rows = st.query_map([request_id], read_candidate)?;
        rows.map(|r| r?).collect()
    }

    // ---- criteria -------------------------------------------------------------------

    pub fn criteria_tree(&self, request_id: RequestId) -> Result<Vec<CategoryCriteria>> {
        let categories = self.categories(request_id)?;
        let criteria = self.criteria(request_id)?;
        Ok(categories
            .into_iter()
            .map(|category| CategoryCriteria {
                criteria: criteria
                    .iter()
                    .filter(|c| c.category_id == category.id)
                    .cloned()
                    .collect(),
                category,
            })
            .collect())
    }

    pub fn categories(&self, request_id: RequestId) -> Result<Vec<Category>> {
        let mut st = self.conn.prepare(
            "SELECT id, request_id, name, position FROM category WHERE request_id = ?1 ORDER BY position, id",
        )?;
        let rows = st.query_map([request_id], |r| {
            Ok(Category {
                id: r.get(0)?,
                request_id: r.get(1)?,
                name: r.get(2)?,
                position: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The request's criteria in tree order (category position, then criterion position).
    pub fn criteria(&self, request_id: RequestId) -> Result<Vec<Criterion>> {
        let mut st = self.conn.prepare(&format!(
            "{CRITERION_SELECT} WHERE k.request_id = ?1 ORDER BY k.position, k.id, c.position, c.id"
        ))?;
        let rows = st.query_map([request_id], read_criterion)?;
        rows.map(|r| r?).collect()
    }

    pub fn criterion(&self, id: CriterionId) -> Result<Criterion> {
        self.conn
            .query_row(
                &format!("{CRITERION_SELECT} WHERE c.id = ?1"),
                [id],
                read_criterion,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("criterion", id))?
    }

    pub fn add_category(&mut self, request_id: RequestId, name: &str) -> Result<Category> {
        let name = required_text("name", name, 120)?;
        self.request(request_id)?;
        let position: u32 = self.conn.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM category WHERE request_id = ?1",
            [request_id],
            |r| r.get(0),
        )?;
        self.conn
            .execute(
                "INSERT INTO category (request_id, name, position) VALUES (?1, ?2, ?3)",
                params![request_id, name, position],
            )
            .map_err(|e| {
                unique_to_conflict(
                    e,
                    "name",
                    &format!("the request has a category named '{name}'"),
                )
            })?;
        Ok(Category {
            id: CategoryId(self.conn.last_insert_rowid() as u32),
            request_id,
            name,
            position,
        })
    }

    pub fn delete_category(&mut self, id: CategoryId) -> Result<()> {
        self.exists("category", id)?;
        self.conn
            .execute("DELETE FROM category WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn add_criterion(&mut self, input: &CriterionInput) -> Result<Criterion> {
        input.validate()?;
        self.exists("category", input.category_id)?;
        let position: u32 = self.conn.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM criterion WHERE category_id = ?1",
            [input.category_id],
            |r| r.get(0),
        )?;
        self.conn
            .execute(
                "INSERT INTO criterion (category_id, name, description, direction, kind, unit, anchors, weight, position, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    input.category_id,
                    input.name.trim(),
                    input.description.trim(),
                    input.direction.as_str(),
                    input.kind.as_str(),
                    input.unit.trim(),
                    anchors_json(input),
                    input.weight,
                    position,
                    input.source.as_str()
                ],
            )
            .map_err(|e| unique_to_conflict(e, "name", &format!("the category has a criterion named '{}'", input.name.trim())))?;
        self.criterion(CriterionId(self.conn.last_insert_rowid() as u32))
    }

    pub fn update_criterion(
        &mut self,
        id: CriterionId,
        input: &CriterionInput,
    ) -> Result<Criterion> {
        input.validate()?;
        let current = self.criterion(id)?;
        if current.kind != input.kind {
            let has_values: i64 = self.conn.query_row(
                "SELECT (SELECT count(*) FROM score WHERE criterion_id = ?1) + (SELECT count(*) FROM measurement WHERE criterion_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if has_values > 0 {
                return Err(Error::validation(
                    "kind",
                    format!("'{}' already has {has_values} scores or measurements; clear them before changing its kind", current.name),
                ));
            }
        }
        self.exists("category", input.category_id)?;
        self.conn
            .execute(
                "UPDATE criterion SET category_id = ?2, name = ?3, description = ?4, direction = ?5, kind = ?6,
                 unit = ?7, anchors = ?8, weight = ?9, source = ?10 WHERE id = ?1",
                params![
                    id,
                    input.category_id,
                    input.name.trim(),
                    input.description.trim(),
                    input.direction.as_str(),
                    input.kind.as_str(),
                    input.unit.trim(),
                    anchors_json(input),
                    input.weight,
                    input.source.as_str()
                ],
            )
            .map_err(|e| unique_to_conflict(e, "name", &format!("the category has a criterion named '{}'", input.name.trim())))?;
        self.criterion(id)
    }

    /// Sets one criterion's raw weight (normalised at ranking time).
    pub fn set_weight(&mut self, criterion_id: CriterionId, weight: f64) -> Result<Criterion> {
        check_weight("weight", weight)?;
        self.exists("criterion", criterion_id)?;
        self.conn.execute(
            "UPDATE criterion SET weight = ?2 WHERE id = ?1",
            params![criterion_id, weight],
        )?;
        self.criterion(criterion_id)
    }

    /// Sets several weights at once, all or none.
    pub fn set_weights(&mut self, weights: &[(CriterionId, f64)]) -> Result<()> {
        for (i, (id, w)) in weights.iter().enumerate() {
            check_weight(&format!("weights[{i}]"), *w)?;
            self.exists("criterion", *id)?;
        }
        let tx = self.tx()?;
        for (id, w) in weights {
            tx.execute(
                "UPDATE criterion SET weight = ?2 WHERE id = ?1",
                params![id, w],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn delete_criterion(&mut self, id: CriterionId) -> Result<()> {
        self.exists("criterion", id)?;
        self.conn
            .execute("DELETE FROM criterion WHERE id = ?1", [id])?;
        Ok(())
    }

    // ---- evaluators and scores ------------------------------------------------------

    pub fn add_evaluator(&mut self, name: &str, role: &str) -> Result<Evaluator> {
        let name = required_text("name", name, 120)?;
        self.conn
            .execute(
                "INSERT INTO evaluator (name, role) VALUES (?1, ?2)",
                params![name, role.trim()],
            )
            .map_err(|e| {
                unique_to_conflict(e, "name", &format!("an evaluator named '{name}' exists"))
            })?;
        Ok(Evaluator {
            id: EvaluatorId(self.conn.last_insert_rowid() as u32),
            name,
            role: role.trim().to_string(),
        })
    }

    pub fn evaluators(&self) -> Result<Vec<Evaluator>> {
        let mut st = self
            .conn
            .prepare("SELECT id, name, role FROM evaluator ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(Evaluator {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_evaluator(&mut self, id: EvaluatorId) -> Result<()> {
        self.exists("evaluator", id)?;
        self.conn
            .execute("DELETE FROM evaluator WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Records (or replaces) an evaluator's score; `None` clears it.
    pub fn set_score(
        &mut self,
        evaluator_id: EvaluatorId,
        candidate_id: CandidateId,
        criterion_id: CriterionId,
        score: Option<u8>,
        comment: &str,
    ) -> Result<()> {
        self.exists("evaluator", evaluator_id)?;
        let candidate = self.candidate(candidate_id)?;
        let criterion = self.criterion(criterion_id)?;
        self.check_same_request(&candidate, &criterion)?;
        if criterion.kind != CriterionKind::Judged {
            return Err(Error::validation(
                "criterion",
                format!("'{}' is measured, not scored by evaluators", criterion.name),
            ));
        }
        match score {
            None => {
                self.conn.execute(
                    "DELETE FROM score WHERE evaluator_id = ?1 AND candidate_id = ?2 AND criterion_id = ?3",
                    params![evaluator_id, candidate_id, criterion_id],
                )?;
            }
            Some(s) => {
                if !(SCALE_MIN..=SCALE_MAX).contains(&s) {
                    return Err(Error::validation(
                        "score",
                        format!("{s} is not on the scale {SCALE_MIN} to {SCALE_MAX}"),
                    ));
                }
                self.conn.execute(
                    "INSERT INTO score (evaluator_id, candidate_id, criterion_id, score, comment) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (evaluator_id, candidate_id, criterion_id) DO UPDATE SET score = excluded.score, comment = excluded.comment",
                    params![evaluator_id, candidate_id, criterion_id, s, comment.trim()],
                )?;
            }
        }
        Ok(())
    }

    /// All evaluators' scores of the request's candidates.
    pub fn scores(&self, request_id: RequestId) -> Result<Vec<EvaluatorScore>> {
        let mut st = self.conn.prepare(
            "SELECT s.evaluator_id, s.candidate_id, s.criterion_id, s.score, s.comment
             FROM score s JOIN candidate c ON c.id = s.candidate_id
             WHERE c.request_id = ?1 ORDER BY s.evaluator_id, s.candidate_id, s.criterion_id",
        )?;
        let rows = st.query_map([request_id], |r| {
            Ok(EvaluatorScore {
                evaluator_id: r.get(0)?,
                candidate_id: r.get(1)?,
                criterion_id: r.get(2)?,
                score: r.get(3)?,
                comment: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records (or replaces) a measured value typed as text; `None` or empty clears it.
    pub fn set_measurement(
        &mut self,
        candidate_id: CandidateId,
        criterion_id: CriterionId,
        value: Option<&str>,
    ) -> Result<()> {
        let candidate = self.candidate(candidate_id)?;
        let criterion = self.criterion(criterion_id)?;
        self.check_same_request(&candidate, &criterion)?;
        if criterion.kind != CriterionKind::Measured {
            return Err(Error::validation(
                "criterion",
                format!("'{}' is judged by evaluators, not measured", criterion.name),
            ));
        }
        if criterion.source == CriterionSource::LifecycleCost {
            return Err(Error::validation(
                "criterion",
                format!("'{}' is computed from the candidate's lifecycle-cost model; edit the cost model instead", criterion.name),
            ));
        }
        if criterion.source.compat_area().is_some() {
            return Err(Error::validation(
                "criterion",
                format!("'{}' is computed by the compatibility check; edit the candidate's profile, its MDS2 form or the site profile instead", criterion.name),
            ));
        }
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => {
                self.conn.execute(
                    "DELETE FROM measurement WHERE candidate_id = ?1 AND criterion_id = ?2",
                    params![candidate_id, criterion_id],
                )?;
            }
            Some(text) => {
                let cleaned: String = text.chars().filter(|c| *c != ',').collect();
                let v = Decimal::from_str(&cleaned)
                    .map_err(|_| Error::validation("value", format!("'{text}' is not a number")))?;
                if v.is_sign_negative()
                    && criterion.direction == Direction::Cost
                    && criterion.unit == candidate.unit_price.currency.as_str()
                {
                    return Err(Error::validation(
                        "value",
                        format!("{v} is a negative cost"),
                    ));
                }
                if v.abs() > crate::money::MAX_AMOUNT {
                    return Err(Error::validation(
                        "value",
                        format!("{v} is implausibly large"),
                    ));
                }
                self.conn.execute(
                    "INSERT INTO measurement (candidate_id, criterion_id, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT (candidate_id, criterion_id) DO UPDATE SET value = excluded.value",
                    params![candidate_id, criterion_id, v.to_string()],
                )?;
            }
        }
        Ok(())
    }

    pub fn measurements(&self, request_id: RequestId) -> Result<Vec<Measurement>> {
        let mut st = self.conn.prepare(
            "SELECT m.candidate_id, m.criterion_id, m.value FROM measurement m JOIN candidate c ON c.id = m.candidate_id
             WHERE c.request_id = ?1 ORDER BY m.candidate_id, m.criterion_id",
        )?;
        let rows = st.query_map([request_id], |r| {
            let (candidate_id, criterion_id, text): (CandidateId, CriterionId, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(parse_decimal(
                &text,
                &format!("measurement ({candidate_id}, {criterion_id})"),
            )
            .map(|value| Measurement {
                candidate_id,
                criterion_id,
                value,
            }))
        })?;
        rows.map(|r| r?).collect()
    }

    /// Everything the ranking of a request reads, in one consistent snapshot.
    pub fn assessment_inputs(&self, request_id: RequestId) -> Result<AssessmentInputs> {
        // One read transaction, so that the parts agree with each other.
        let tx = self.conn.unchecked_transaction()?;
        let inputs = AssessmentInputs {
            request: self.request(request_id)?,
            candidates: self.candidates(request_id)?,
            categories: self.categories(request_id)?,
            criteria: self.criteria(request_id)?,
            evaluators: self.evaluators()?,
            scores: self.scores(request_id)?,
            measurements: self.measurements(request_id)?,
            cost_models: self.cost_models(request_id)?,
            assumptions: self.assumptions(request_id)?,
            compat: self.compat_inputs(request_id)?,
        };
        tx.commit()?;
        Ok(inputs)
    }

    /// The compatibility data of a request's candidates.
    pub fn compat_inputs(&self, request_id: RequestId) -> Result<crate::compat::CompatInputs> {
        let site = self.site_profile_for_request(request_id)?;
        let mut devices = Vec::new();
        let mut forms = Vec::new();
        for c in self.candidates(request_id)? {
            if let Some(p) = self.device_profile(c.id)? {
                devices.push((c.id, p));
            }
            if let Some(f) = self.mds2_form(c.id)? {
                forms.push((c.id, f));
            }
        }
        Ok(crate::compat::CompatInputs {
            site_scope: if site.facility_id.is_some() {
                site.scope
            } else {
                String::new()
            },
            site: site.profile,
            devices,
            forms,
            rules: self.compat_rules()?,
            disqualify_blocking: self.disqualify_blocking(request_id)?,
        })
    }

    // ---- lifecycle cost -------------------------------------------------------------

    /// A candidate's cost model, with the price and quantity of its quote; `None` if none yet.
    pub fn cost_model(&self, candidate_id: CandidateId) -> Result<Option<CostModel>> {
        let candidate = self.candidate(candidate_id)?;
        self.conn
            .query_row(
                &format!("{COST_SELECT} WHERE candidate_id = ?1"),
                [candidate_id],
                |r| Ok(read_cost_model(r, &candidate)),
            )
            .optional()?
            .transpose()
    }

    /// The cost models of a request's candidates, by candidate id.
    pub fn cost_models(&self, request_id: RequestId) -> Result<Vec<(CandidateId, CostModel)>> {
        let mut out = Vec::new();
        for c in self.candidates(request_id)? {
            if let Some(m) = self.cost_model(c.id)? {
                out.push((c.id, m));
            }
        }
        Ok(out)
    }

    /// Saves a candidate's cost model. The unit price and quantity always come from the
    /// candidate's quote: those in `model` must match it (edit the candidate to change them).
    pub fn set_cost_model(&mut self, candidate_id: CandidateId, model: &CostModel) -> Result<()> {
        let candidate = self.candidate(candidate_id)?;
        let model = CostModel {
            unit_price: candidate.unit_price.amount,
            quantity: candidate.quantity,
            ..model.clone()
        };
        model.validate()?;
        let t = |d: rust_decimal::Decimal| d.to_string();
        self.conn.execute(
            "INSERT INTO cost_model (candidate_id, discount_pct, trade_in_credit, installation, it_integration, training,
                 warranty_years, service_annual, service_escalation, cost_per_use, annual_uses, power_watts, hours_per_year,
                 tariff_per_kwh, software_annual, staffing_annual, expected_life_years, disposal, residual_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
             ON CONFLICT (candidate_id) DO UPDATE SET discount_pct = excluded.discount_pct, trade_in_credit = excluded.trade_in_credit,
                 installation = excluded.installation, it_integration = excluded.it_integration, training = excluded.training,
                 warranty_years = excluded.warranty_years, service_annual = excluded.service_annual,
                 service_escalation = excluded.service_escalation, cost_per_use = excluded.cost_per_use,
                 annual_uses = excluded.annual_uses, power_watts = excluded.power_watts, hours_per_year = excluded.hours_per_year,
                 tariff_per_kwh = excluded.tariff_per_kwh, software_annual = excluded.software_annual,
                 staffing_annual = excluded.staffing_annual, expected_life_years = excluded.expected_life_years,
                 disposal = excluded.disposal, residual_value = excluded.residual_value",
            params![
                candidate_id,
                t(model.discount_pct),
                t(model.trade_in_credit),
                t(model.installation),
                t(model.it_integration),
                t(model.training),
                model.warranty_years,
                t(model.service_annual),
                t(model.service_escalation),
                t(model.cost_per_use),
                t(model.annual_uses),
                t(model.power_watts),
                t(model.hours_per_year),
                t(model.tariff_per_kwh),
                t(model.software_annual),
                t(model.staffing_annual),
                model.expected_life_years,
                t(model.disposal),
                t(model.residual_value)
            ],
        )?;
        Ok(())
    }

    pub fn delete_cost_model(&mut self, candidate_id: CandidateId) -> Result<()> {
        self.candidate(candidate_id)?;
        self.conn.execute(
            "DELETE FROM cost_model WHERE candidate_id = ?1",
            [candidate_id],
        )?;
        Ok(())
    }

    /// The portfolio's financial assumptions (defaults until set): 5 % discount rate,
    /// 3 % inflation, fiscal year starting in July.
    pub fn portfolio_assumptions(&self) -> Result<Assumptions> {
        let decimal = |key: &str, default: &str| -> Result<rust_decimal::Decimal> {
            let text = self.setting(key)?.unwrap_or_else(|| default.to_string());
            parse_decimal(&text, &format!("setting {key}"))
        };
        let month = match self.setting("fiscal_year_start_month")? {
            Some(m) => m.parse().map_err(|_| Error::Corrupt {
                place: "setting fiscal_year_start_month".into(),
                message: format!("'{m}' is not a month"),
            })?,
            None => 7,
        };
        let currency = match self.setting("currency")? {
            Some(c) => Currency::try_from(c).map_err(|e| corrupt("setting currency".into(), e))?,
            None => Currency::usd(),
        };
        Ok(Assumptions {
            discount_rate: decimal("discount_rate", "0.05")?,
            inflation: decimal("inflation", "0.03")?,
            currency,
            fiscal_year_start_month: month,
            purchase_date: None,
        })
    }

    /// Sets the portfolio-wide assumptions (the currency stays each request's own).
    pub fn set_portfolio_assumptions(&mut self, a: &Assumptions) -> Result<()> {
        a.validate()?;
        let tx = self.tx()?;
        for (key, value) in [
            ("discount_rate", a.discount_rate.to_string()),
            ("inflation", a.inflation.to_string()),
            (
                "fiscal_year_start_month",
                a.fiscal_year_start_month.to_string(),
            ),
            ("currency", a.currency.to_string()),
        ] {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A request's own overrides of the portfolio assumptions.
    pub fn assumption_overrides(&self, request_id: RequestId) -> Result<AssumptionOverrides> {
        self.request(request_id)?;
        let row = self
            .conn
            .query_row(
                "SELECT discount_rate, inflation, fiscal_year_start_month, purchase_date FROM request_assumptions WHERE request_id = ?1",
                [request_id],
                |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<u32>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((rate, inflation, month, date)) = row else {
            return Ok(AssumptionOverrides::default());
        };
        let place = format!("assumptions of request {request_id}");
        Ok(AssumptionOverrides {
            discount_rate: rate.map(|t| parse_decimal(&t, &place)).transpose()?,
            inflation: inflation.map(|t| parse_decimal(&t, &place)).transpose()?,
            fiscal_year_start_month: month,
            purchase_date: date
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| Error::Corrupt {
                        place: place.clone(),
                        message: format!("'{d}' is not a date ({e})"),
                    })
                })
                .transpose()?,
        })
    }

    pub fn set_assumption_overrides(
        &mut self,
        request_id: RequestId,
        o: &AssumptionOverrides,
    ) -> Result<()> {
        self.request(request_id)?;
        o.apply(&self.portfolio_assumptions()?).validate()?;
        self.conn.execute(
            "INSERT INTO request_assumptions (request_id, discount_rate, inflation, fiscal_year_start_month, purchase_date)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (request_id) DO UPDATE SET discount_rate = excluded.discount_rate, inflation = excluded.inflation,
                 fiscal_year_start_month = excluded.fiscal_year_start_month, purchase_date = excluded.purchase_date",
            params![
                request_id,
                o.discount_rate.map(|d| d.to_string()),
                o.inflation.map(|d| d.to_string()),
                o.fiscal_year_start_month,
                o.purchase_date.map(|d| d.format("%Y-%m-%d").to_string())
            ],
        )?;
        Ok(())
    }

    /// The assumptions a request's lifecycle costs use: the portfolio's, overridden by the
    /// request's own, in the request's currency.
    pub fn assumptions(&self, request_id: RequestId) -> Result<Assumptions> {
        let request = self.request(request_id)?;
        let mut a = self
            .assumption_overrides(request_id)?
            .apply(&self.portfolio_assumptions()?);
        a.currency = request.currency;
        Ok(a)
    }

    fn check_same_request(&self, candidate: &Candidate, criterion: &Criterion) -> Result<()> {
        let request_of_criterion: RequestId = self.conn.query_row(
            "SELECT request_id FROM category WHERE id = ?1",
            [criterion.category_id],
            |r| r.get(0),
        )?;
        if request_of_criterion != candidate.request_id {
            return Err(Error::validation(
                "criterion",
                format!(
                    "criterion {} belongs to request {request_of_criterion}, candidate {} to request {}",
                    criterion.id, candidate.id, candidate.request_id
                ),
            ));
        }
        Ok(())
    }

    fn exists<T: ToSql + Copy + std::fmt::Display>(
        &self,
        table: &'static str,
        id: T,
    ) -> Result<()> {
        let found: bool = self.conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?;
        if found {
            Ok(())
        } else {
            Err(Error::not_found(entity_name(table), id))
        }
    }
}

fn entity_name(table: &'static str) -> &'static str {
    match table {
        "capital_request" => "capital request",
        other => other,
    }
}

fn check_header(path: &Path) -> Result<()> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut head = [0u8; 16];
    let n = file.read(&mut head).map_err(|e| Error::io(path, e))?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(Error::NotAPortfolio {
            path: path.display().to_string(),
            reason: "it is not an SQLite database".into(),
        });
    }
    Ok(())
}

fn unique_to_conflict(e: rusqlite::Error, field: &str, message: &str) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::conflict(field, message)
        }
        _ => Error::Storage(e),
    }
}

fn anchors_json(input: &CriterionInput) -> String {
    let anchors: Vec<&str> = input.anchors.iter().map(|a| a.trim()).collect();
    serde_json::to_string(&anchors).unwrap_or_else(|_| "[]".into())
}

fn parse_decimal(text: &str, place: &str) -> Result<Decimal> {
    Decimal::from_str(text).map_err(|e| Error::Corrupt {
        place: place.to_string(),
        message: format!("'{text}' is not a decimal ({e})"),
    })
}

fn corrupt(place: String, e: Error) -> Error {
    Error::Corrupt {
        place,
        message: e.to_string(),
    }
}

fn read_request(r: &Row<'_>) -> rusqlite::Result<Result<CapitalRequest>> {
    let id: RequestId = r.get(0)?;
    let place = format!("capital request {id}");
    let request_type: String = r.get(3)?;
    let status: String = r.get(7)?;
    let currency: String = r.get(8)?;
    let title: String = r.get(1)?;
    let department_id: DepartmentId = r.get(2)?;
    let quantity: u32 = r.get(4)?;
    let fiscal_year: i32 = r.get(5)?;
    let justification: String = r.get(6)?;
    let method: String = r.get(9)?;
    Ok((|| {
        Ok(CapitalRequest {
            method: Method::parse("method", &method).map_err(|e| corrupt(place.clone(), e))?,
            id,
            title,
            department_id,
            request_type: RequestType::parse("request_type", &request_type)
                .map_err(|e| corrupt(place.clone(), e))?,
            quantity,
            fiscal_year,
            justification,
            status: RequestStatus::parse("status", &status)
                .map_err(|e| corrupt(place.clone(), e))?,
            currency: Currency::try_from(currency).map_err(|e| corrupt(place.clone(), e))?,
        })
    })())
}

const COST_SELECT: &str = "SELECT discount_pct, trade_in_credit, installation, it_integration, training, warranty_years,
     service_annual, service_escalation, cost_per_use, annual_uses, power_watts, hours_per_year, tariff_per_kwh,
     software_annual, staffing_annual, expected_life_years, disposal, residual_value FROM cost_model";

fn read_cost_model(r: &Row<'_>, candidate: &Candidate) -> Result<CostModel> {
    let place = format!("cost model of candidate {}", candidate.id);
    let d = |i: usize| -> Result<rust_decimal::Decimal> {
        let text: String = r.get(i)?;
        parse_decimal(&text, &place)
    };
    Ok(CostModel {
        unit_price: candidate.unit_price.amount,
        quantity: candidate.quantity,
        discount_pct: d(0)?,
        trade_in_credit: d(1)?,
        installation: d(2)?,
        it_integration: d(3)?,
        training: d(4)?,
        warranty_years: r.get(5)?,
        service_annual: d(6)?,
        service_escalation: d(7)?,
        cost_per_use: d(8)?,
        annual_uses: d(9)?,
        power_watts: d(10)?,
        hours_per_year: d(11)?,
        tariff_per_kwh: d(12)?,
        software_annual: d(13)?,
        staffing_annual: d(14)?,
        expected_life_years: r.get(15)?,
        disposal: d(16)?,
        residual_value: d(17)?,
    })
}

const CANDIDATE_SELECT: &str = "SELECT c.id, c.request_id, c.manufacturer, c.model, c.vendor, c.fda_product_code, c.unit_price, c.quantity, c.notes, r.currency
     FROM candidate c JOIN capital_request r ON r.id = c.request_id";

fn read_candidate(r: &Row<'_>) -> rusqlite::Result<Result<Candidate>> {
    let id: CandidateId = r.get(0)?;
    let price: String = r.get(6)?;
    let currency: String = r.get(9)?;
    let place = format!("candidate {id}, unit_price");
    let request_id: RequestId = r.get(1)?;
    let manufacturer: String = r.get(2)?;
    let model: String = r.get(3)?;
    let vendor: String = r.get(4)?;
    let fda_product_code: Option<String> = r.get(5)?;
    let quantity: u32 = r.get(7)?;
    let notes: String = r.get(8)?;
    Ok((|| {
        Ok(Candidate {
            id,
            request_id,
            manufacturer,
            model,
            vendor,
            fda_product_code,
            unit_price: Money::new(
                parse_decimal(&price, &place)?,
                Currency::try_from(currency).map_err(|e| corrupt(place.clone(), e))?,
            ),
            quantity,
            notes,
        })
    })())
}

const CRITERION_SELECT: &str = "SELECT c.id, c.category_id, c.name, c.description, c.direction, c.kind, c.unit, c.anchors, c.weight, c.position, c.source
     FROM criterion c JOIN category k ON k.id = c.category_id";

fn read_criterion(r: &Row<'_>) -> rusqlite::Result<Result<Criterion>> {
    let id: CriterionId = r.get(0)?;
    let place = format!("criterion {id}");
    let direction: String = r.get(4)?;
    let kind: String = r.get(5)?;
    let anchors: String = r.get(7)?;
    let category_id: CategoryId = r.get(1)?;
    let name: String = r.get(2)?;
    let description: String = r.get(3)?;
    let unit: String = r.get(6)?;
    let weight: f64 = r.get(8)?;
    let position: u32 = r.get(9)?;
    let source: String = r.get(10)?;
    Ok((|| {
        Ok(Criterion {
            source: CriterionSource::parse("source", &source)
                .map_err(|e| corrupt(place.clone(), e))?,
            id,
            category_id,
            name,
            description,
            direction: Direction::parse("direction", &direction)
                .map_err(|e| corrupt(place.clone(), e))?,
            kind: CriterionKind::parse("kind", &kind).map_err(|e| corrupt(place.clone(), e))?,
            unit,
            anchors: serde_json::from_str(&anchors).map_err(|e| Error::Corrupt {
                place: format!("{place}, anchors"),
                message: e.to_string(),
            })?,
            weight,
            position,
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A portfolio written by the first release (schema 1) opens, migrates in place, and
    /// keeps its data: the new columns take their defaults.
    #[test]
    fn a_version_1_portfolio_upgrades_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.caliper");
        {
            let mut conn = Connection::open(&path).unwrap();
            rusqlite_migration::Migrations::new(vec![rusqlite_migration::M::up(migrations::V1)])
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
                rusqlite_migration::M::up(migrations::V1),
                rusqlite_migration::M::up(migrations::V2),
                rusqlite_migration::M::up(migrations::V3),
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

    /// A facility's own site profile replaces the portfolio's for its requests only.
    #[test]
    fn a_facility_profile_applies_to_its_requests() {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        assert_eq!(
            p.site_profile_for_request(RequestId(1)).unwrap().scope,
            "portfolio"
        );
        let mut own = p.site_profile(None).unwrap().profile;
        own.eap_methods = vec![crate::compat::profile::EapMethod::EapTls];
        p.set_site_profile(Some(FacilityId(1)), &own).unwrap();
        let used = p.site_profile_for_request(RequestId(1)).unwrap();
        assert_eq!(
            (used.scope.as_str(), used.facility_id),
            ("Riverside General Hospital", Some(FacilityId(1)))
        );
        let report = p.compatibility(RequestId(1)).unwrap();
        assert_eq!(report.site_scope, "Riverside General Hospital");
        let kestrel = report
            .candidates
            .iter()
            .find(|c| c.label.starts_with("Kestrel"))
            .unwrap();
        assert_eq!(kestrel.blocking, 1);
        p.delete_site_profile(Some(FacilityId(1))).unwrap();
        assert_eq!(
            p.compatibility(RequestId(1)).unwrap().site_scope,
            "portfolio"
        );
        assert!(p.set_site_profile(Some(FacilityId(99)), &own).is_err());
    }

    /// A stored amount that does not parse is an error naming the place, never zero.
    #[test]
    fn a_corrupt_amount_is_an_error_not_zero() {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        p.conn
            .execute(
                "UPDATE candidate SET unit_price = 'twelve' WHERE id = 2",
                [],
            )
            .unwrap();
        let err = p.candidates(RequestId(1)).unwrap_err();
        assert!(err.to_string().contains("candidate 2, unit_price"), "{err}");
    }
}
