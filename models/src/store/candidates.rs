//! The candidate devices of a request, each with its quote.

use rusqlite::{params, OptionalExtension, Row};

use super::{corrupt, parse_decimal, Portfolio};
use crate::domain::{Candidate, CandidateInput};
use crate::error::{Error, Result};
use crate::ids::{CandidateId, RequestId};
use crate::money::{Currency, Money};
use crate::quote::optional_date;

impl Portfolio {
    pub fn add_candidate(
        &mut self,
        request_id: RequestId,
        input: &CandidateInput,
    ) -> Result<Candidate> {
        let v = input.validate()?;
        self.request(request_id)?;
        self.check_unique_candidate(request_id, None, &v.manufacturer, &v.model)?;
        self.write()?.execute(
            INSERT_CANDIDATE,
            params![
                request_id,
                v.manufacturer,
                v.model,
                v.vendor,
                v.fda_product_code,
                v.unit_price.to_string(),
                v.quantity,
                v.notes,
                v.quote_date.map(|d| d.to_string()),
                v.valid_until.map(|d| d.to_string())
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
        self.write()?.execute(
            "UPDATE candidate SET manufacturer = ?2, model = ?3, vendor = ?4, fda_product_code = ?5,
             unit_price = ?6, quantity = ?7, notes = ?8, quote_date = ?9, valid_until = ?10 WHERE id = ?1",
            params![
                id,
                v.manufacturer,
                v.model,
                v.vendor,
                v.fda_product_code,
                v.unit_price.to_string(),
                v.quantity,
                v.notes,
                v.quote_date.map(|d| d.to_string()),
                v.valid_until.map(|d| d.to_string())
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
        self.write()?
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
}

/// Inserts a candidate: request, manufacturer, model, vendor, FDA code, unit price,
/// quantity, notes, quote date, valid until.
pub(super) const INSERT_CANDIDATE: &str = "INSERT INTO candidate (request_id, manufacturer, model, vendor, fda_product_code, unit_price, quantity, notes, quote_date, valid_until)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

const CANDIDATE_SELECT: &str = "SELECT c.id, c.request_id, c.manufacturer, c.model, c.vendor, c.fda_product_code, c.unit_price, c.quantity, c.notes, r.currency, c.quote_date, c.valid_until
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
    let quote_date: Option<String> = r.get(10)?;
    let valid_until: Option<String> = r.get(11)?;
    Ok((|| {
        let date = |field: &str, text: Option<String>| {
            optional_date(field, text.as_deref())
                .map_err(|e| corrupt(format!("candidate {id}, {field}"), e))
        };
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
            quote_date: date("quote_date", quote_date)?,
            valid_until: date("valid_until", valid_until)?,
            notes,
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;

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
