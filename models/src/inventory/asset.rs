//! An asset of the installed base and a work order on it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether an asset is still in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssetStatus {
    #[default]
    Active,
    /// Retired, disposed of or traded in: kept for its history, never ranked.
    Retired,
}

crate::ipc::choice!(AssetStatus {
    Active => "Active",
    Retired => "Retired",
});

/// One piece of equipment, as the inventory records it. Every field but the asset number
/// may be missing: a missing value is `None`, never a zero.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Asset {
    /// The CMMS's asset (control, tag) number: the key, unique in the inventory.
    pub asset_number: String,
    /// The nomenclature, e.g. "Infusion pump".
    #[serde(default)]
    pub device_type: Option<String>,
    #[serde(default)]
    pub manufacturer: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub serial: Option<String>,
    /// The FDA product code (three letters), e.g. "FRN".
    #[serde(default)]
    pub product_code: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub facility: Option<String>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub acquisition_date: Option<NaiveDate>,
    /// In the portfolio's currency.
    #[serde(default, with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub acquisition_cost: Option<Decimal>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub in_service_date: Option<NaiveDate>,
    /// Years, when the inventory states one for this asset (else the table by device type).
    #[serde(default, with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub expected_life_years: Option<Decimal>,
    /// The manufacturer's end of support (service, parts, software updates).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub end_of_support: Option<NaiveDate>,
    /// The risk class or score as the CMMS writes it ("High", "3", "EM 15").
    #[serde(default)]
    pub risk_class: Option<String>,
    #[serde(default)]
    pub network_connected: Option<bool>,
    #[serde(default)]
    pub operating_system: Option<String>,
    #[serde(default)]
    pub status: AssetStatus,
    /// Fennigkoh-Smith parts, where the inventory states them: function (2-10), physical
    /// risk (1-5), maintenance requirements (1-5), incident history (-2 to +2).
    #[serde(default)]
    pub em_function: Option<i32>,
    #[serde(default)]
    pub em_physical_risk: Option<i32>,
    #[serde(default)]
    pub em_maintenance: Option<i32>,
    #[serde(default)]
    pub em_incident_history: Option<i32>,
}

/// What a work order was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkOrderKind {
    /// A repair after a failure: counts as a failure.
    Corrective,
    /// Scheduled inspection or maintenance.
    Preventive,
    /// Anything else (installation, recall work, user error): cost counts, not a failure.
    Other,
}

crate::ipc::choice!(WorkOrderKind {
    Corrective => "Corrective",
    Preventive => "Preventive",
    Other => "Other",
});

/// One work order of an asset's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkOrder {
    pub asset_number: String,
    /// The CMMS's work-order number, where given.
    #[serde(default)]
    pub number: Option<String>,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub kind: WorkOrderKind,
    #[serde(default, with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub labour_hours: Option<Decimal>,
    #[serde(default, with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub parts_cost: Option<Decimal>,
    #[serde(default, with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub vendor_cost: Option<Decimal>,
    #[serde(default, with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub downtime_hours: Option<Decimal>,
}
