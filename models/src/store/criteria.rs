//! A request's criteria tree: categories, criteria and their weights.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use super::{corrupt, unique_to_conflict, Portfolio};
use crate::criteria::{
    check_kind_change, check_weight, weight_shares, Category, Criterion, CriterionInput,
    CriterionKind, CriterionSource, Direction,
};
use crate::domain::required_text;
use crate::error::{Error, Result};
use crate::ids::{CategoryId, CriterionId, RequestId};

/// A category with its criteria, in display order, and their shares of the request's
/// total weight (computed by [`weight_shares`], as the ranking does).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CategoryCriteria {
    pub category: Category,
    pub criteria: Vec<WeightedCriterion>,
    /// The sum of the category's raw weights.
    pub weight: f64,
    /// The category's share of the total weight (0 to 1; 0 when every weight is 0).
    pub share: f64,
}

/// A request's criteria by category, with the total of their raw weights.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CriteriaTree {
    pub categories: Vec<CategoryCriteria>,
    /// The sum of every raw weight (0 when none is set: the request cannot be ranked).
    pub total_weight: f64,
}

/// A criterion with its share of the request's total weight.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeightedCriterion {
    #[serde(flatten)]
    #[ts(flatten)]
    pub criterion: Criterion,
    /// The criterion's share of the total weight (0 to 1; 0 when every weight is 0).
    pub share: f64,
}

impl Portfolio {
    pub fn criteria_tree(&self, request_id: RequestId) -> Result<CriteriaTree> {
        let categories = self.categories(request_id)?;
        let criteria = self.criteria(request_id)?;
        let weights: Vec<f64> = criteria.iter().map(|c| c.weight).collect();
        let shares = weight_shares(&weights);
        let grouped: Vec<(Category, Vec<WeightedCriterion>)> = categories
            .into_iter()
            .map(|category| {
                let members = criteria
                    .iter()
                    .zip(&shares)
                    .filter(|(c, _)| c.category_id == category.id)
                    .map(|(c, &share)| WeightedCriterion {
                        criterion: c.clone(),
                        share,
                    })
                    .collect();
                (category, members)
            })
            .collect();
        let subtotals: Vec<f64> = grouped
            .iter()
            .map(|(_, members)| members.iter().map(|c| c.criterion.weight).sum())
            .collect();
        let category_shares = weight_shares(&subtotals);
        let total_weight = weights.iter().sum();
        let categories = grouped
            .into_iter()
            .zip(subtotals.into_iter().zip(category_shares))
            .map(|((category, criteria), (weight, share))| CategoryCriteria {
                category,
                criteria,
                weight,
                share,
            })
            .collect();
        Ok(CriteriaTree {
            categories,
            total_weight,
        })
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
        self.write()?
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
        self.write()?
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
        self.write()?
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
            let values: i64 = self.conn.query_row(
                "SELECT (SELECT count(*) FROM score WHERE criterion_id = ?1) + (SELECT count(*) FROM measurement WHERE criterion_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            check_kind_change(&current, input.kind, values)?;
        }
        self.exists("category", input.category_id)?;
        self.write()?
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
        self.write()?.execute(
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

    /// Removes a criterion; one with scores or measured values only when `confirmed` (they
    /// go with it), refused otherwise saying how many.
    pub fn remove_criterion(&mut self, id: CriterionId, confirmed: bool) -> Result<()> {
        self.exists("criterion", id)?;
        let values: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM score WHERE criterion_id = ?1)
                  + (SELECT count(*) FROM measurement WHERE criterion_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if values > 0 && !confirmed {
            return Err(crate::error::Error::Conflict {
                field: "criterion".into(),
                message: format!(
                    "criterion {id} has {values} score{} or value{} that would be removed with it: confirm to remove",
                    if values == 1 { "" } else { "s" },
                    if values == 1 { "" } else { "s" }
                ),
            });
        }
        self.delete_criterion(id)
    }

    pub fn delete_criterion(&mut self, id: CriterionId) -> Result<()> {
        self.exists("criterion", id)?;
        self.write()?
            .execute("DELETE FROM criterion WHERE id = ?1", [id])?;
        Ok(())
    }
}

fn anchors_json(input: &CriterionInput) -> String {
    let anchors: Vec<&str> = input.anchors.iter().map(|a| a.trim()).collect();
    serde_json::to_string(&anchors).unwrap_or_else(|_| "[]".into())
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
