//! The Fennigkoh-Smith equipment management number (EM): how much a device needs to be in
//! the scheduled maintenance program, from what it does, what its failure can do, and how
//! much maintenance it needs.
//!
//! Fennigkoh, L. and Smith, B. (1989), "Clinical equipment management", JCAHO Plant,
//! Technology & Safety Management Series, no. 2, pp. 5-14. The category tables and the
//! formula `EM = function + physical risk + maintenance requirements` (a device of EM 12
//! or more enters the inventory managed by scheduled maintenance) are reprinted
//! in WHO (2011), *Medical equipment maintenance programme overview*, WHO Medical device
//! technical series, Appendix A, "Criteria for medical equipment inventory inclusion".
//! The inventory may also state an incident-history adjustment (+2 significant to -2
//! none); when it does, it is added. The reprint speaks of a total from 3 to 20; the
//! tables' lowest points (2 + 1 + 1) make 4 the lowest three-part number.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Asset;
use crate::error::{Error, Result};

/// An EM of at least this enters the managed (scheduled maintenance) program.
pub const MANAGED_FROM: i32 = 12;

/// Equipment function: the area in which the device is used (2 to 10 points).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EmFunction {
    LifeSupport,
    SurgicalAndIntensiveCare,
    PhysicalTherapyAndTreatment,
    SurgicalAndIntensiveCareMonitoring,
    AdditionalPhysiologicalMonitoringAndDiagnostic,
    AnalyticalLaboratory,
    LaboratoryAccessories,
    ComputerAndRelated,
    PatientRelatedAndOther,
}

crate::ipc::choice!(EmFunction {
    LifeSupport => "Therapeutic: life support (10)",
    SurgicalAndIntensiveCare => "Therapeutic: surgical and intensive care (9)",
    PhysicalTherapyAndTreatment => "Therapeutic: physical therapy and treatment (8)",
    SurgicalAndIntensiveCareMonitoring => "Diagnostic: surgical and intensive care monitoring (7)",
    AdditionalPhysiologicalMonitoringAndDiagnostic => "Diagnostic: additional physiological monitoring and diagnostic (6)",
    AnalyticalLaboratory => "Analytical: laboratory (5)",
    LaboratoryAccessories => "Analytical: laboratory accessories (4)",
    ComputerAndRelated => "Analytical: computer and related (3)",
    PatientRelatedAndOther => "Miscellaneous: patient related and other (2)",
});

/// Physical risk associated with clinical application (1 to 5 points).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EmPhysicalRisk {
    PatientOrOperatorDeath,
    PatientOrOperatorInjury,
    InappropriateTherapyOrMisdiagnosis,
    EquipmentDamage,
    NoSignificantRisk,
}

crate::ipc::choice!(EmPhysicalRisk {
    PatientOrOperatorDeath => "Patient or operator death (5)",
    PatientOrOperatorInjury => "Patient or operator injury (4)",
    InappropriateTherapyOrMisdiagnosis => "Inappropriate therapy or misdiagnosis (3)",
    EquipmentDamage => "Equipment damage (2)",
    NoSignificantRisk => "No significant risk (1)",
});

/// Maintenance requirements, as the manufacturer or experience states them (1 to 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EmMaintenance {
    Extensive,
    AboveAverage,
    Average,
    BelowAverage,
    Minimal,
}

crate::ipc::choice!(EmMaintenance {
    Extensive => "Extensive (5)",
    AboveAverage => "Above average (4)",
    Average => "Average (3)",
    BelowAverage => "Below average (2)",
    Minimal => "Minimal (1)",
});

/// The incident-history adjustment (-2 to +2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EmIncidentHistory {
    Significant,
    Moderate,
    Typical,
    Minimal,
    None,
}

crate::ipc::choice!(EmIncidentHistory {
    Significant => "Significant (+2)",
    Moderate => "Moderate (+1)",
    Typical => "Typical (0)",
    Minimal => "Minimal (-1)",
    None => "None (-2)",
});

impl EmFunction {
    pub fn points(self) -> i32 {
        10 - self as i32
    }
    pub fn from_points(points: i32) -> Option<Self> {
        <Self as crate::ipc::Choice>::VALUES
            .iter()
            .copied()
            .find(|v| v.points() == points)
    }
}

impl EmPhysicalRisk {
    pub fn points(self) -> i32 {
        5 - self as i32
    }
    pub fn from_points(points: i32) -> Option<Self> {
        <Self as crate::ipc::Choice>::VALUES
            .iter()
            .copied()
            .find(|v| v.points() == points)
    }
}

impl EmMaintenance {
    pub fn points(self) -> i32 {
        5 - self as i32
    }
    pub fn from_points(points: i32) -> Option<Self> {
        <Self as crate::ipc::Choice>::VALUES
            .iter()
            .copied()
            .find(|v| v.points() == points)
    }
}

impl EmIncidentHistory {
    pub fn points(self) -> i32 {
        2 - self as i32
    }
    pub fn from_points(points: i32) -> Option<Self> {
        <Self as crate::ipc::Choice>::VALUES
            .iter()
            .copied()
            .find(|v| v.points() == points)
    }
}

/// The parts of an asset's EM, each a category of the published tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EmParts {
    pub function: EmFunction,
    pub physical_risk: EmPhysicalRisk,
    pub maintenance: EmMaintenance,
    /// Not stated: nothing is added (the three-part number as published).
    pub incident_history: Option<EmIncidentHistory>,
}

impl EmParts {
    /// EM = function + physical risk + maintenance (+ incident history when stated).
    pub fn number(&self) -> i32 {
        self.function.points()
            + self.physical_risk.points()
            + self.maintenance.points()
            + self.incident_history.map_or(0, EmIncidentHistory::points)
    }

    /// Whether the device enters the managed program (EM of 12 or more).
    pub fn managed(&self) -> bool {
        self.number() >= MANAGED_FROM
    }

    /// The number's severity for the replacement priority, 0 to 1: `(EM - 4) / 16`, the
    /// place of the number between the lowest (4) and highest (20) the tables give
    /// (clamped when the incident history takes it outside).
    pub fn severity(&self) -> Decimal {
        (Decimal::from(self.number() - 4) / Decimal::from(16)).clamp(Decimal::ZERO, Decimal::ONE)
    }

    /// In words: "EM 17 (function 10, physical risk 5, maintenance 2)".
    pub fn describe(&self) -> String {
        let history = self
            .incident_history
            .map(|h| format!(", incident history {:+}", h.points()))
            .unwrap_or_default();
        format!(
            "EM {} (function {}, physical risk {}, maintenance {}{history})",
            self.number(),
            self.function.points(),
            self.physical_risk.points(),
            self.maintenance.points()
        )
    }
}

/// The EM parts an asset states: none unless function, physical risk and maintenance are
/// all stated; a stated part out of its range is refused, naming the asset and field.
pub fn em_parts(asset: &Asset) -> Result<Option<EmParts>> {
    let n = &asset.asset_number;
    let bad = |field: &str, v: i32, range: &str| {
        Error::validation(
            format!("assets[{n}].{field}"),
            format!("{v} is not a Fennigkoh-Smith level ({range})"),
        )
    };
    let function = asset
        .em_function
        .map(|v| EmFunction::from_points(v).ok_or_else(|| bad("em_function", v, "2 to 10")))
        .transpose()?;
    let risk = asset
        .em_physical_risk
        .map(|v| EmPhysicalRisk::from_points(v).ok_or_else(|| bad("em_physical_risk", v, "1 to 5")))
        .transpose()?;
    let maintenance = asset
        .em_maintenance
        .map(|v| EmMaintenance::from_points(v).ok_or_else(|| bad("em_maintenance", v, "1 to 5")))
        .transpose()?;
    let history = asset
        .em_incident_history
        .map(|v| {
            EmIncidentHistory::from_points(v)
                .ok_or_else(|| bad("em_incident_history", v, "-2 to +2"))
        })
        .transpose()?;
    Ok(match (function, risk, maintenance) {
        (Some(function), Some(physical_risk), Some(maintenance)) => Some(EmParts {
            function,
            physical_risk,
            maintenance,
            incident_history: history,
        }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::Choice;
    use rust_decimal_macros::dec;

    #[test]
    fn the_tables_give_the_published_points() {
        let f: Vec<i32> = EmFunction::VALUES.iter().map(|v| v.points()).collect();
        assert_eq!(f, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
        let r: Vec<i32> = EmPhysicalRisk::VALUES.iter().map(|v| v.points()).collect();
        assert_eq!(r, [5, 4, 3, 2, 1]);
        let m: Vec<i32> = EmMaintenance::VALUES.iter().map(|v| v.points()).collect();
        assert_eq!(m, [5, 4, 3, 2, 1]);
        let h: Vec<i32> = EmIncidentHistory::VALUES
            .iter()
            .map(|v| v.points())
            .collect();
        assert_eq!(h, [2, 1, 0, -1, -2]);
        assert_eq!(
            EmFunction::LifeSupport.label(),
            "Therapeutic: life support (10)"
        );
        assert_eq!(EmFunction::from_points(1), None);
        assert_eq!(EmFunction::from_points(11), None);
    }

    fn parts(f: i32, r: i32, m: i32, h: Option<i32>) -> EmParts {
        EmParts {
            function: EmFunction::from_points(f).unwrap(),
            physical_risk: EmPhysicalRisk::from_points(r).unwrap(),
            maintenance: EmMaintenance::from_points(m).unwrap(),
            incident_history: h.map(|h| EmIncidentHistory::from_points(h).unwrap()),
        }
    }

    /// The formula on the tables' definitions (no published worked example of a named
    /// device was found to reproduce): the highest parts make 20, the lowest 4, and 12 is
    /// the first number in the managed program.
    #[test]
    fn the_number_is_the_sum_of_the_parts_from_4_to_20() {
        assert_eq!(parts(10, 5, 5, None).number(), 20);
        assert_eq!(parts(2, 1, 1, None).number(), 4);
        assert_eq!(
            parts(10, 5, 1, None).severity(),
            dec!(0.75),
            "(16 - 4) / 16"
        );
        assert_eq!(parts(10, 5, 5, None).severity(), Decimal::ONE);
        assert_eq!(parts(2, 1, 1, None).severity(), Decimal::ZERO);
        assert!(parts(6, 3, 3, None).managed(), "6 + 3 + 3 = 12 is managed");
        assert!(!parts(6, 3, 2, None).managed(), "11 is not");
        assert_eq!(
            parts(6, 3, 2, Some(1)).number(),
            12,
            "history +1 takes 11 to 12"
        );
        assert_eq!(
            parts(2, 1, 1, Some(-2)).severity(),
            Decimal::ZERO,
            "clamped at 0"
        );
        assert_eq!(
            parts(10, 5, 2, Some(2)).describe(),
            "EM 19 (function 10, physical risk 5, maintenance 2, incident history +2)"
        );
    }

    #[test]
    fn an_asset_states_all_three_parts_or_has_no_number_and_a_part_out_of_range_is_refused() {
        let mut a = Asset {
            asset_number: "BIO-1".into(),
            em_function: Some(9),
            em_physical_risk: Some(4),
            ..Default::default()
        };
        assert_eq!(em_parts(&a).unwrap(), None);
        a.em_maintenance = Some(3);
        assert_eq!(em_parts(&a).unwrap().unwrap().number(), 16);
        a.em_physical_risk = Some(6);
        let e = em_parts(&a).unwrap_err().to_string();
        assert!(e.contains("assets[BIO-1].em_physical_risk"), "{e}");
        a.em_physical_risk = Some(4);
        a.em_incident_history = Some(3);
        assert!(em_parts(&a).is_err());
    }
}
