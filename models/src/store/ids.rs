//! The entity ids as SQLite values: each is stored as the INTEGER row id it is.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::ids::{
    CandidateId, CategoryId, CriterionId, DepartmentId, EvaluatorId, EvidenceId, FacilityId,
    RequestId,
};

macro_rules! sql_ids {
    ($($name:ident),+) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                u32::column_result(value).map($name)
            }
        }
    )+};
}

sql_ids!(
    FacilityId,
    DepartmentId,
    RequestId,
    CandidateId,
    EvidenceId,
    CategoryId,
    CriterionId,
    EvaluatorId
);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_id_round_trips_as_an_integer() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let (back, kind): (CandidateId, String) = conn
            .query_row("SELECT ?1, typeof(?1)", [CandidateId(7)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(back, CandidateId(7));
        assert_eq!(kind, "integer");
    }
}
