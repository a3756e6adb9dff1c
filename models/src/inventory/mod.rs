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
pub mod factors;
pub mod fda;
pub mod forecast;
pub mod input;
pub mod labels;
pub mod lives;
pub mod maintenance;
pub mod priority;
pub mod read;
pub mod recall;
pub mod support;

/// `f` of `text` trimmed and in lower case, without allocating for the short ASCII names
/// of device types and operating systems (a large inventory looks one up per asset).
pub(crate) fn with_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let text = text.trim();
    let mut buf = [0u8; 64];
    if text.is_ascii() && text.len() <= buf.len() {
        let lower = &mut buf[..text.len()];
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&text.to_lowercase())
}

pub use asset::{Asset, AssetStatus, WorkOrder, WorkOrderKind};
pub use em::EmParts;
pub use forecast::{forecast, ForecastSettings, ReplacementForecast};
pub use input::{check_inventory, InventoryInput};
pub use lives::{default_lives, ExpectedLife, LifeTable};
pub use priority::{
    rank, AssetPriority, Factor, FactorScore, PrioritySettings, RecallMatch, RecallStatus,
    ReplacementWeights,
};
