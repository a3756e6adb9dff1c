//! What the window calls the fields of an export's mapping, and the kinds of export.

use super::read::{AssetField, DateOrder, WorkOrderField};

crate::ipc::choice!(AssetField {
    AssetNumber => "Asset number",
    DeviceType => "Device type",
    Manufacturer => "Manufacturer",
    Model => "Model",
    Serial => "Serial number",
    ProductCode => "FDA product code",
    Department => "Department",
    Facility => "Facility",
    AcquisitionDate => "Acquisition date",
    AcquisitionCost => "Acquisition cost",
    InServiceDate => "In-service date",
    ExpectedLifeYears => "Expected life (years)",
    EndOfSupport => "End of manufacturer support",
    RiskClass => "Risk class",
    NetworkConnected => "Network-connected",
    OperatingSystem => "Operating system",
    Status => "Status",
    EmFunction => "EM: function",
    EmPhysicalRisk => "EM: physical risk",
    EmMaintenance => "EM: maintenance requirements",
    EmIncidentHistory => "EM: incident history",
});

crate::ipc::choice!(WorkOrderField {
    AssetNumber => "Asset number",
    Number => "Work-order number",
    Date => "Date",
    Kind => "Type (corrective, preventive)",
    LabourHours => "Labour hours",
    PartsCost => "Parts cost",
    VendorCost => "Vendor cost",
    DowntimeHours => "Downtime (hours)",
});

crate::ipc::choice!(DateOrder {
    DayMonth => "Day first (31/12/2026)",
    MonthDay => "Month first (12/31/2026)",
});
