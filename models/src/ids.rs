//! Row ids of the stored entities, one type per entity, so that passing a criterion's id
//! where a candidate's belongs does not compile.
//!
//! Each id is the SQLite row id (a `u32`): stored as an INTEGER (`store::ids`), sent and read as a plain
//! JSON number (serialised transparently), declared in TypeScript as `type RequestId = number`,
//! printed as the number and parsed from it (the CLI's `--request 3`).
//!
//! ```compile_fail
//! use caliper_models::ids::{CandidateId, CriterionId};
//! fn candidate(_: CandidateId) {}
//! candidate(CriterionId(1));
//! ```

use std::fmt;
use std::str::FromStr;

use clap::builder::{MapValueParser, RangedI64ValueParser, TypedValueParser, ValueParserFactory};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
        pub struct $name(pub u32);

        // Transparent: the number itself (as `#[serde(transparent)]` would, which ts-rs
        // does not parse).
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                u32::deserialize(d).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }

        // The CLI reads ids as it reads any `u32` (same range checks and messages).
        impl ValueParserFactory for $name {
            type Parser = MapValueParser<RangedI64ValueParser<u32>, fn(u32) -> $name>;

            fn value_parser() -> Self::Parser {
                clap::value_parser!(u32).map($name)
            }
        }
    )+};
}

ids! {
    /// A hospital or site of the health system.
    FacilityId;
    /// A department of a facility.
    DepartmentId;
    /// A capital request.
    RequestId;
    /// A candidate device of a request.
    CandidateId;
    /// A category of a request's criteria.
    CategoryId;
    /// A criterion of a request.
    CriterionId;
    /// A person who scores candidates.
    EvaluatorId;
    /// A vendor's sample interface file kept on a candidate.
    EvidenceId;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_are_plain_numbers_on_every_boundary() {
        let id = RequestId(42);
        assert_eq!(id.to_string(), "42");
        assert_eq!(format!("{id:>4}"), "  42");
        assert_eq!("42".parse::<RequestId>().unwrap(), id);
        assert!("forty-two".parse::<RequestId>().is_err());
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<RequestId>("42").unwrap(), id);
        assert_eq!(
            RequestId::decl(&ts_rs::Config::default()),
            "type RequestId = number;"
        );
    }
}
