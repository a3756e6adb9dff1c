//! The installed base: the hospital's equipment inventory (as its CMMS exports it), the
//! work-order history of each asset, and what to replace next.
//!
//! Pure: the types of an asset and a work order, the maintenance record summed from the
//! work orders, the replacement priority with its explanation, the Fennigkoh-Smith
//! equipment management number, the expected lives by device type and the replacement
//! spend forecast. Reading an export (encodings, separators, column mapping, dates and
//! amounts) is `read`, also pure (it works on text and cells); opening the file is
//! `crate::import::inventory`; storing is `crate::store::inventory`.

pub mod asset;
pub mod em;
pub mod fda;
pub mod forecast;
pub mod lives;
pub mod priority;
pub mod read;
pub mod recall;

pub use asset::{Asset, AssetStatus, WorkOrder, WorkOrderKind};
