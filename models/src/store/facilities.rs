//! Facilities and their departments.

use rusqlite::params;

use super::{unique_to_conflict, Portfolio};
use crate::domain::{required_text, Department, Facility};
use crate::error::{Error, Result};
use crate::ids::{DepartmentId, FacilityId};

impl Portfolio {
    pub fn add_facility(&mut self, name: &str) -> Result<Facility> {
        let name = required_text("name", name, 200)?;
        self.write()?
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
        self.write()?
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

    /// Renames a facility (names stay unique).
    pub fn rename_facility(&mut self, id: FacilityId, name: &str) -> Result<Facility> {
        let name = required_text("name", name, 200)?;
        self.exists("facility", id)?;
        self.write()?
            .execute(
                "UPDATE facility SET name = ?1 WHERE id = ?2",
                params![name, id],
            )
            .map_err(|e| {
                unique_to_conflict(e, "name", &format!("a facility named '{name}' exists"))
            })?;
        Ok(Facility { id, name })
    }

    /// Removes a facility that has no departments (its site profile goes with it).
    pub fn remove_facility(&mut self, id: FacilityId) -> Result<()> {
        self.exists("facility", id)?;
        self.refuse_dependants(
            "SELECT count(*) FROM department WHERE facility_id = ?1",
            id.0,
            ("facility", "department", "remove or move them first"),
        )?;
        self.write()?
            .execute("DELETE FROM facility WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Renames a department and sets its cost center (names stay unique in the facility).
    pub fn edit_department(
        &mut self,
        id: DepartmentId,
        name: &str,
        cost_center: Option<&str>,
    ) -> Result<Department> {
        let name = required_text("name", name, 200)?;
        let current = self
            .departments()?
            .into_iter()
            .find(|d| d.id == id)
            .ok_or_else(|| Error::not_found("department", id))?;
        let cost_center = cost_center
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        self.write()?
            .execute(
                "UPDATE department SET name = ?1, cost_center = ?2 WHERE id = ?3",
                params![name, cost_center, id],
            )
            .map_err(|e| {
                unique_to_conflict(
                    e,
                    "name",
                    &format!("the facility has a department named '{name}'"),
                )
            })?;
        Ok(Department {
            id,
            facility_id: current.facility_id,
            name,
            cost_center,
        })
    }

    /// Removes a department that has no requests.
    pub fn remove_department(&mut self, id: DepartmentId) -> Result<()> {
        self.exists("department", id)?;
        self.refuse_dependants(
            "SELECT count(*) FROM capital_request WHERE department_id = ?1",
            id.0,
            ("department", "request", "remove them first"),
        )?;
        self.write()?
            .execute("DELETE FROM department WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Refuses to remove `what` (its id `id`) while `count_sql` counts records that depend
    /// on it: "facility 1 has 2 departments: remove or move them first".
    fn refuse_dependants(
        &self,
        count_sql: &str,
        id: u32,
        (what, dependant, advice): (&str, &str, &str),
    ) -> Result<()> {
        let n: i64 = self.conn.query_row(count_sql, [id], |r| r.get(0))?;
        if n > 0 {
            return Err(Error::validation(
                what,
                format!(
                    "{what} {id} has {n} {dependant}{}: {advice}",
                    if n == 1 { "" } else { "s" }
                ),
            ));
        }
        Ok(())
    }
}
