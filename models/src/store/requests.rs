//! Capital requests: the department's ask, with a copy of the criteria template.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::{corrupt, Portfolio};
use crate::authoring::{check_new_criteria, template_criteria, NewCategory};
use crate::domain::{Candidate, CapitalRequest, RequestInput, RequestStatus, RequestType};
use crate::error::{Error, Result};
use crate::ids::{DepartmentId, RequestId};
use crate::money::{Currency, Money};
use crate::ranking::{Method, ReferenceScale};

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

impl Portfolio {
    /// Creates a request with a copy of the default criteria template: the one place a
    /// new request gets its criteria, for the window and the command line alike.
    pub fn create_request(&mut self, input: &RequestInput) -> Result<CapitalRequest> {
        let (_, currency) = input.validate()?;
        let criteria = template_criteria(&currency);
        let id = self.in_one_transaction(|p| p.insert_request(input, &criteria))?;
        self.request(id)
    }

    /// Inserts a request with its criteria (checked first), inside the caller's
    /// transaction.
    pub(super) fn insert_request(
        &mut self,
        input: &RequestInput,
        criteria: &[NewCategory],
    ) -> Result<RequestId> {
        let (title, currency) = input.validate()?;
        check_new_criteria(criteria).map_err(|e| e.within("criteria"))?;
        self.exists("department", input.department_id)?;
        let conn = self.write()?;
        conn.execute(
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
        let id = RequestId(conn.last_insert_rowid() as u32);
        for (cpos, cat) in criteria.iter().enumerate() {
            conn.execute(
                "INSERT INTO category (request_id, name, position) VALUES (?1, ?2, ?3)",
                params![id, cat.name.trim(), cpos as u32],
            )?;
            let cat_id = conn.last_insert_rowid();
            for (pos, c) in cat.criteria.iter().enumerate() {
                let anchors: Vec<&str> = c.anchors.iter().map(|a| a.trim()).collect();
                conn.execute(
                    "INSERT INTO criterion (category_id, name, description, direction, kind, unit, anchors, weight, position, source)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        cat_id,
                        c.name.trim(),
                        c.description.trim(),
                        c.direction.as_str(),
                        c.kind.as_str(),
                        c.unit.trim(),
                        serde_json::to_string(&anchors).unwrap_or_else(|_| "[]".into()),
                        c.weight,
                        pos as u32,
                        c.source.as_str()
                    ],
                )?;
            }
        }
        Ok(id)
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
        let user = self.session.user.clone();
        let tx = self.tx()?;
        tx.execute(
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
        if current.status != input.status {
            let change = super::decisions::status_change(current.status, input.status);
            super::decisions::log_change(&tx, id, &user, &change)?;
        }
        tx.commit()?;
        self.request(id)
    }

    pub fn delete_request(&mut self, id: RequestId) -> Result<()> {
        self.exists("capital_request", id)?;
        self.write()?
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
}

impl Portfolio {
    /// The scale a request's measured criteria are read on (the default until set).
    pub fn reference_scale(&self, request_id: RequestId) -> Result<ReferenceScale> {
        self.exists("capital_request", request_id)?;
        let row: Option<(String, Option<f64>)> = self
            .conn
            .query_row(
                "SELECT kind, span FROM request_scale WHERE request_id = ?1",
                [request_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let place = || format!("reference scale of capital request {request_id}");
        let scale = match row {
            None => return Ok(ReferenceScale::default()),
            Some((kind, span)) => match (kind.as_str(), span) {
                ("min_max", None) => ReferenceScale::MinMax,
                ("ratio_to_best", None) => ReferenceScale::RatioToBest,
                ("from_best", Some(span)) => ReferenceScale::FromBest { span },
                _ => {
                    return Err(corrupt(
                        place(),
                        Error::validation("kind", format!("'{kind}' with span {span:?}")),
                    ))
                }
            },
        };
        scale
            .validate("reference_scale")
            .map_err(|e| corrupt(place(), e))?;
        Ok(scale)
    }

    /// Sets the scale a request's measured criteria are read on.
    pub fn set_reference_scale(
        &mut self,
        request_id: RequestId,
        scale: ReferenceScale,
    ) -> Result<ReferenceScale> {
        scale.validate("reference_scale")?;
        self.exists("capital_request", request_id)?;
        let (kind, span) = match scale {
            ReferenceScale::MinMax => ("min_max", None),
            ReferenceScale::RatioToBest => ("ratio_to_best", None),
            ReferenceScale::FromBest { span } => ("from_best", Some(span)),
        };
        self.conn.execute(
            "INSERT INTO request_scale (request_id, kind, span) VALUES (?1, ?2, ?3)
             ON CONFLICT (request_id) DO UPDATE SET kind = excluded.kind, span = excluded.span",
            params![request_id, kind, span],
        )?;
        self.reference_scale(request_id)
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

#[cfg(test)]
mod tests {
    use crate::demo::write_demo;
    use crate::ids::RequestId;
    use crate::ranking::ReferenceScale;
    use crate::store::Portfolio;

    #[test]
    fn the_reference_scale_defaults_persists_and_refuses_a_bad_span() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.caliper");
        let mut p = Portfolio::create(&path).unwrap();
        write_demo(&mut p).unwrap();
        let id = RequestId(1);
        assert_eq!(p.reference_scale(id).unwrap(), ReferenceScale::default());
        p.set_reference_scale(id, ReferenceScale::FromBest { span: 0.25 })
            .unwrap();
        p.set_reference_scale(RequestId(2), ReferenceScale::MinMax)
            .unwrap();
        let err = p
            .set_reference_scale(id, ReferenceScale::FromBest { span: 0.0 })
            .unwrap_err();
        assert_eq!(err.field(), Some("reference_scale.span"));
        assert!(p
            .set_reference_scale(RequestId(99), ReferenceScale::MinMax)
            .is_err());
        drop(p);
        let p = Portfolio::open_read_only(&path).unwrap();
        assert_eq!(
            p.reference_scale(id).unwrap(),
            ReferenceScale::FromBest { span: 0.25 }
        );
        assert_eq!(
            p.reference_scale(RequestId(2)).unwrap(),
            ReferenceScale::MinMax
        );
        assert_eq!(
            p.ranking(RequestId(2)).unwrap().reference_scale,
            ReferenceScale::MinMax
        );
    }
}
