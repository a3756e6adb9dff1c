//! The fields an export's columns can hold, the header texts that name them (compared
//! without case, spaces or punctuation) and the mapping of columns to fields: suggested
//! from the header, or saved by header text and applied to the next export.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::values::{DateOrder, ValueKind};
use super::{Table, TableRow};
use crate::error::{Error, Result};

/// A field of the rows a file is read into ([`AssetField`], [`WorkOrderField`]).
pub trait Field: Copy + Eq + Ord + Send + Sync + std::fmt::Debug + 'static {
    /// Every field, in the order of the record's fields.
    const ALL: &'static [Self];
    /// What the file is, in messages ("an inventory").
    const NOUN: &'static str;
    /// The field's name: the record's field name (`asset_number`).
    fn name(self) -> &'static str;
    /// Header texts that name the field, the most specific first.
    fn synonyms(self) -> &'static [&'static str];
    /// Header texts that name the field only when no column has one of its synonyms
    /// ("Location" is the department only when there is no "Dept" column).
    fn fallbacks(self) -> &'static [&'static str] {
        &[]
    }
    /// How the column's values are read.
    fn kind(self) -> ValueKind;
    /// Whether a mapping must give the field a column.
    fn required(self) -> bool;
    /// The field named `name`, if any.
    fn named(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }
}

/// A field of [`crate::inventory::Asset`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssetField {
    AssetNumber,
    DeviceType,
    Manufacturer,
    Model,
    Serial,
    ProductCode,
    Department,
    Facility,
    AcquisitionDate,
    AcquisitionCost,
    InServiceDate,
    ExpectedLifeYears,
    EndOfSupport,
    RiskClass,
    NetworkConnected,
    OperatingSystem,
    Status,
    EmFunction,
    EmPhysicalRisk,
    EmMaintenance,
    EmIncidentHistory,
}

/// The header texts of an asset number (shared by assets and work orders).
const ASSET_NUMBER: &[&str] = &[
    "Asset Number",
    "Asset #",
    "Asset No",
    "Asset ID",
    "Asset Tag",
    "Equip No",
    "Equipment #",
    "Equipment Number",
    "Equipment ID",
    "Control #",
    "Control Number",
    "Tag Number",
    "Tag",
];

impl Field for AssetField {
    const ALL: &'static [Self] = &{
        use AssetField::*;
        [
            AssetNumber,
            DeviceType,
            Manufacturer,
            Model,
            Serial,
            ProductCode,
            Department,
            Facility,
            AcquisitionDate,
            AcquisitionCost,
            InServiceDate,
            ExpectedLifeYears,
            EndOfSupport,
            RiskClass,
            NetworkConnected,
            OperatingSystem,
            Status,
            EmFunction,
            EmPhysicalRisk,
            EmMaintenance,
            EmIncidentHistory,
        ]
    };
    const NOUN: &'static str = "an inventory";

    fn name(self) -> &'static str {
        use AssetField::*;
        match self {
            AssetNumber => "asset_number",
            DeviceType => "device_type",
            Manufacturer => "manufacturer",
            Model => "model",
            Serial => "serial",
            ProductCode => "product_code",
            Department => "department",
            Facility => "facility",
            AcquisitionDate => "acquisition_date",
            AcquisitionCost => "acquisition_cost",
            InServiceDate => "in_service_date",
            ExpectedLifeYears => "expected_life_years",
            EndOfSupport => "end_of_support",
            RiskClass => "risk_class",
            NetworkConnected => "network_connected",
            OperatingSystem => "operating_system",
            Status => "status",
            EmFunction => "em_function",
            EmPhysicalRisk => "em_physical_risk",
            EmMaintenance => "em_maintenance",
            EmIncidentHistory => "em_incident_history",
        }
    }

    fn synonyms(self) -> &'static [&'static str] {
        use AssetField::*;
        match self {
            AssetNumber => ASSET_NUMBER,
            DeviceType => &[
                "Device Type",
                "Nomenclature",
                "Equipment Type",
                "Device Description",
                "Description",
                "Device",
                "Type",
            ],
            Manufacturer => &["Manufacturer", "Mfr", "Mfg", "Make", "Manufacturer Name"],
            Model => &["Model", "Model No", "Model Number", "Model Name"],
            Serial => &["Serial Number", "Serial", "Serial #", "S/N", "SN"],
            ProductCode => &["FDA Product Code", "FDA Code", "Product Code"],
            Department => &[
                "Department",
                "Dept",
                "Cost Center",
                "Cost Centre",
                "Dept Name",
            ],
            Facility => &["Facility", "Site", "Campus", "Hospital"],
            AcquisitionDate => &[
                "Acquisition Date",
                "Acq Date",
                "Purchase Date",
                "Acceptance Date",
                "Date Acquired",
            ],
            AcquisitionCost => &[
                "Acquisition Cost",
                "Acq Cost",
                "Purchase Cost",
                "Purchase Price",
                "Cost",
            ],
            InServiceDate => &[
                "In-Service Date",
                "In Service",
                "Install Date",
                "Installation Date",
            ],
            ExpectedLifeYears => &[
                "Expected Life",
                "Useful Life",
                "Life (yrs)",
                "Life Expectancy",
            ],
            EndOfSupport => &[
                "Manufacturer End of Support",
                "End of Support",
                "EOS",
                "End of Life",
                "EOL",
                "End of Support Date",
            ],
            RiskClass => &["Risk Class", "Risk Level", "Risk Score", "Risk", "EM"],
            NetworkConnected => &["Network Connected", "Networked", "Network", "Connected"],
            OperatingSystem => &["Operating System", "OS", "Software Platform"],
            Status => &["Asset Status", "Status"],
            EmFunction => &["EM Function", "Function"],
            EmPhysicalRisk => &["EM Physical Risk", "Physical Risk"],
            EmMaintenance => &["EM Maintenance", "Maintenance Requirements"],
            EmIncidentHistory => &["EM Incident History", "Incident History"],
        }
    }

    fn fallbacks(self) -> &'static [&'static str] {
        match self {
            AssetField::Manufacturer => &["Vendor"],
            AssetField::Department => &["Location"],
            _ => &[],
        }
    }

    fn kind(self) -> ValueKind {
        use AssetField::*;
        match self {
            AssetNumber | DeviceType | Manufacturer | Model | Serial | Department | Facility
            | RiskClass | OperatingSystem => ValueKind::Text,
            ProductCode => ValueKind::ProductCode,
            AcquisitionDate | InServiceDate | EndOfSupport => ValueKind::Date,
            AcquisitionCost => ValueKind::Amount,
            ExpectedLifeYears => ValueKind::Years,
            NetworkConnected => ValueKind::YesNo,
            Status => ValueKind::Status,
            EmFunction => ValueKind::Whole(2, 10),
            EmPhysicalRisk | EmMaintenance => ValueKind::Whole(1, 5),
            EmIncidentHistory => ValueKind::Whole(-2, 2),
        }
    }

    fn required(self) -> bool {
        self == AssetField::AssetNumber
    }
}

/// A field of [`crate::inventory::WorkOrder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WorkOrderField {
    AssetNumber,
    Number,
    Date,
    Kind,
    LabourHours,
    PartsCost,
    VendorCost,
    DowntimeHours,
}

impl Field for WorkOrderField {
    const ALL: &'static [Self] = &{
        use WorkOrderField::*;
        [
            AssetNumber,
            Number,
            Date,
            Kind,
            LabourHours,
            PartsCost,
            VendorCost,
            DowntimeHours,
        ]
    };
    const NOUN: &'static str = "a work-order history";

    fn name(self) -> &'static str {
        use WorkOrderField::*;
        match self {
            AssetNumber => "asset_number",
            Number => "number",
            Date => "date",
            Kind => "kind",
            LabourHours => "labour_hours",
            PartsCost => "parts_cost",
            VendorCost => "vendor_cost",
            DowntimeHours => "downtime_hours",
        }
    }

    fn synonyms(self) -> &'static [&'static str] {
        use WorkOrderField::*;
        match self {
            AssetNumber => ASSET_NUMBER,
            Number => &["WO #", "WO Number", "Work Order", "Work Order Number", "WO"],
            Date => &[
                "Date Completed",
                "Completed",
                "Completion Date",
                "Date",
                "Open Date",
            ],
            Kind => &["WO Type", "Work Type", "Work Order Type", "Type"],
            LabourHours => &["Labor Hours", "Labour Hours", "Hours"],
            PartsCost => &["Parts Cost", "Parts"],
            VendorCost => &["Vendor Cost", "Outside Vendor", "Contract Cost"],
            DowntimeHours => &["Downtime Hours", "Downtime (hrs)", "Downtime"],
        }
    }

    fn kind(self) -> ValueKind {
        use WorkOrderField::*;
        match self {
            AssetNumber | Number => ValueKind::Text,
            Date => ValueKind::Date,
            Kind => ValueKind::WorkKind,
            LabourHours | DowntimeHours => ValueKind::Hours,
            PartsCost | VendorCost => ValueKind::Amount,
        }
    }

    fn required(self) -> bool {
        matches!(self, WorkOrderField::AssetNumber | WorkOrderField::Date)
    }
}

/// A header text in the form synonyms are compared in: lower case, words of letters and
/// digits separated by one space, "#", "no", "num" and "nbr" all read as "number".
pub(super) fn normalise(header: &str) -> String {
    let spaced = header.to_lowercase().replace('#', " number ");
    spaced
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "no" | "num" | "nbr" => "number",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_synonym<F: Field>(field: F, normalised: &str, fallbacks: bool) -> bool {
    let list = if fallbacks {
        field.fallbacks()
    } else {
        field.synonyms()
    };
    list.iter().any(|s| normalise(s) == normalised)
}

/// Cells of a row that name a field of an asset or a work order.
pub(super) fn known_header_cells(row: &TableRow) -> usize {
    (0..row.len())
        .map(|i| normalise(row.cell(i)))
        .filter(|h| {
            !h.is_empty()
                && (AssetField::ALL.iter().any(|&f| is_synonym(f, h, false))
                    || WorkOrderField::ALL.iter().any(|&f| is_synonym(f, h, false)))
        })
        .count()
}

/// Which column holds each field: 0-based column indexes into the table's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping<F> {
    pub columns: Vec<(F, usize)>,
    /// The order of day and month in date columns the values leave undecided.
    pub date_order: Option<DateOrder>,
}

/// A mapping by header text, as saved and applied to the next export of the same CMMS:
/// `{"fields": {"asset_number": "Control #", ...}, "date_order": "day_month"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct SavedMapping {
    /// Field name -> the header text of its column.
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub date_order: Option<DateOrder>,
}

/// The mapping the header suggests: for each field, the column whose header is its most
/// specific synonym; fallback names ("Vendor", "Location") only for fields still without
/// a column. No column is given two fields.
pub fn suggest_mapping<F: Field>(header: &[String]) -> Mapping<F> {
    let normalised: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let mut columns: Vec<(F, usize)> = Vec::new();
    for fallbacks in [false, true] {
        for &field in F::ALL {
            if columns.iter().any(|&(f, _)| f == field) {
                continue;
            }
            let list = if fallbacks {
                field.fallbacks()
            } else {
                field.synonyms()
            };
            let found = list.iter().find_map(|s| {
                let s = normalise(s);
                normalised
                    .iter()
                    .enumerate()
                    .position(|(i, h)| *h == s && !columns.iter().any(|&(_, c)| c == i))
            });
            if let Some(column) = found {
                columns.push((field, column));
            }
        }
    }
    columns.sort_by_key(|&(f, _)| f);
    Mapping {
        columns,
        date_order: None,
    }
}

/// Refuses a table whose header names no asset number and fewer than two other fields
/// of `F`: a budget workbook, a price list, another report.
pub fn check_inventory_header<F: Field>(table: &Table) -> Result<()> {
    let mapping = suggest_mapping::<F>(&table.header);
    let has_number = mapping
        .columns
        .iter()
        .any(|&(f, _)| f.name() == "asset_number");
    if !has_number && mapping.columns.len() < 2 {
        return Err(Error::Parse {
            location: table.source.file.clone(),
            message: format!(
                "is not {}: its header (row {}: {}) names no asset number and {} of the known columns; export it from the CMMS again, or map its columns to fields",
                F::NOUN,
                table.header_row,
                table.header.join(", "),
                if mapping.columns.is_empty() { "none".to_string() } else { "only one".to_string() },
            ),
        });
    }
    Ok(())
}

impl<F: Field> Mapping<F> {
    /// The column of `field`, if mapped.
    pub fn column_of(&self, field: F) -> Option<usize> {
        self.columns
            .iter()
            .find(|&&(f, _)| f == field)
            .map(|&(_, c)| c)
    }

    /// Refuses a mapping without a required field, with a field or a column twice, or
    /// with a column beyond the header.
    pub fn check(&self, table: &Table) -> Result<()> {
        let refuse = |message: String| Error::validation("mapping", message);
        for &field in F::ALL.iter().filter(|f| f.required()) {
            if self.column_of(field).is_none() {
                return Err(refuse(format!(
                    "no column is mapped to {}: {} needs one (map the column that holds it, e.g. '{}', to {})",
                    field.name(),
                    F::NOUN,
                    field.synonyms().first().copied().unwrap_or_default(),
                    field.name()
                )));
            }
        }
        for (i, &(field, column)) in self.columns.iter().enumerate() {
            if column >= table.width() {
                return Err(refuse(format!(
                    "{} is mapped to column {}, beyond the file's {} columns",
                    field.name(),
                    column + 1,
                    table.width()
                )));
            }
            let rest = &self.columns[i + 1..];
            if rest.iter().any(|&(f, _)| f == field) {
                return Err(refuse(format!("{} is mapped twice", field.name())));
            }
            if let Some(&(other, _)) = rest.iter().find(|&&(_, c)| c == column) {
                return Err(refuse(format!(
                    "column {} ('{}') is mapped to both {} and {}",
                    column + 1,
                    table.header_of(column),
                    field.name(),
                    other.name()
                )));
            }
        }
        Ok(())
    }

    /// The mapping by header text, to save.
    pub fn to_saved(&self, table: &Table) -> SavedMapping {
        SavedMapping {
            fields: self
                .columns
                .iter()
                .map(|&(f, c)| (f.name().to_string(), table.header_of(c).to_string()))
                .collect(),
            date_order: self.date_order,
        }
    }

    /// A saved mapping applied to `table`: each header text found (compared as synonyms
    /// are) in the header. Refuses an unknown field name or a header the file lacks.
    pub fn from_saved(saved: &SavedMapping, table: &Table) -> Result<Mapping<F>> {
        let mut mapping = Mapping {
            columns: Vec::new(),
            date_order: None,
        };
        mapping.apply(saved, table)?;
        Ok(mapping)
    }

    /// Maps each field of `saved` to the column of its header text, in place of the
    /// field's column and of the column's field so far; its date order, when it has one,
    /// replaces this one's.
    pub fn apply(&mut self, saved: &SavedMapping, table: &Table) -> Result<()> {
        let normalised: Vec<String> = table.header.iter().map(|h| normalise(h)).collect();
        for (name, header) in &saved.fields {
            let field = F::named(name).ok_or_else(|| {
                let names: Vec<&str> = F::ALL.iter().map(|f| f.name()).collect();
                Error::validation(
                    "mapping",
                    format!(
                        "'{name}' is not a field of {}; the fields are: {}",
                        F::NOUN,
                        names.join(", ")
                    ),
                )
            })?;
            let wanted = normalise(header);
            let column = normalised.iter().position(|h| *h == wanted).ok_or_else(|| {
                Error::validation(
                    "mapping",
                    format!(
                        "{name} is mapped to the column '{header}', which {} has not (its header: {})",
                        table.source.file,
                        table.header.join(", ")
                    ),
                )
            })?;
            self.columns.retain(|&(f, c)| f != field && c != column);
            self.columns.push((field, column));
        }
        self.columns.sort_by_key(|&(f, _)| f);
        if saved.date_order.is_some() {
            self.date_order = saved.date_order;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::read::{SourceInfo, TableRow};

    fn table(header: &[&str]) -> Table {
        Table::new(
            SourceInfo {
                file: "t.csv".into(),
                ..SourceInfo::default()
            },
            header.iter().map(|s| s.to_string()).collect(),
            1,
            vec![TableRow::new(2, header)],
        )
    }

    #[test]
    fn headers_are_compared_without_case_or_punctuation() {
        assert_eq!(normalise("Asset #"), "asset number");
        assert_eq!(normalise(" asset no. "), "asset number");
        assert_eq!(normalise("Life (yrs)"), "life yrs");
        assert_eq!(normalise("In-Service Date"), "in service date");
    }

    #[test]
    fn the_header_suggests_a_mapping() {
        let header: Vec<String> = [
            "Control #",
            "Description",
            "Mfr",
            "Vendor",
            "Location",
            "Dept",
            "Acq Date",
            "Purchase Price",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = suggest_mapping::<AssetField>(&header);
        use AssetField::*;
        assert_eq!(
            m.columns,
            [
                (AssetNumber, 0),
                (DeviceType, 1),
                (Manufacturer, 2),
                (Department, 5),
                (AcquisitionDate, 6),
                (AcquisitionCost, 7)
            ]
        );
        let header: Vec<String> = ["Tag", "Vendor", "Location"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let m = suggest_mapping::<AssetField>(&header);
        assert_eq!(
            m.columns,
            [(AssetNumber, 0), (Manufacturer, 1), (Department, 2)]
        );
    }

    #[test]
    fn a_mapping_is_saved_by_header_text_and_checked() {
        let t = table(&["Equip No", "Make", "Cost"]);
        let m = suggest_mapping::<AssetField>(&t.header);
        let saved = m.to_saved(&t);
        assert_eq!(saved.fields["asset_number"], "Equip No");
        let again =
            Mapping::<AssetField>::from_saved(&saved, &table(&["Cost", "EQUIP NO.", "Make"]))
                .unwrap();
        assert_eq!(again.column_of(AssetField::AssetNumber), Some(1));
        let no_number = Mapping {
            columns: vec![(AssetField::Model, 0)],
            date_order: None,
        };
        let err = no_number.check(&t).unwrap_err().to_string();
        assert!(err.contains("no column is mapped to asset_number"), "{err}");
        let twice = Mapping {
            columns: vec![(AssetField::AssetNumber, 0), (AssetField::Model, 0)],
            date_order: None,
        };
        assert!(twice
            .check(&t)
            .unwrap_err()
            .to_string()
            .contains("mapped to both"));
        let twice = Mapping {
            columns: vec![(AssetField::AssetNumber, 0), (AssetField::AssetNumber, 1)],
            date_order: None,
        };
        assert!(twice
            .check(&t)
            .unwrap_err()
            .to_string()
            .contains("mapped twice"));
        let mut bad = saved.clone();
        bad.fields.insert("colour".into(), "Make".into());
        assert!(Mapping::<AssetField>::from_saved(&bad, &t).is_err());
    }

    #[test]
    fn a_budget_is_not_an_inventory() {
        let err =
            check_inventory_header::<AssetField>(&table(&["Item", "FY2025", "Cost"])).unwrap_err();
        assert!(err.to_string().contains("is not an inventory"), "{err}");
        assert!(check_inventory_header::<AssetField>(&table(&["Asset ID", "Notes"])).is_ok());
        assert!(check_inventory_header::<AssetField>(&table(&["Item", "Mfr", "Model"])).is_ok());
    }
}
