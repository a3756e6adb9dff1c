//! Facilities and their departments.

use rusqlite::params;

use super::{unique_to_conflict, Portfolio};
use crate::domain::{required_text, Department, Facility};
use crate::error::Result;
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
}
