//! The demo's installed base: a small inventory of the departments' equipment with a
//! work-order history, expected lives stated by the hospital, and the priorities computed.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::inventory::{Asset, AssetStatus, ExpectedLife, WorkOrder, WorkOrderKind};
use crate::store::{InventorySettings, Portfolio};

/// The date the demo's priorities are computed as of (the demo's other dates are fixed).
const AS_OF: (i32, u32, u32) = (2026, 11, 1);

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// (prefix, count, device type, manufacturer, model, FDA code, department, year bought,
/// unit cost, end of support, network-connected, operating system)
type Fleet = (
    &'static str,
    u32,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i32,
    i64,
    Option<(i32, u32, u32)>,
    bool,
    Option<&'static str>,
);

const FLEETS: [Fleet; 6] = [
    (
        "ICU-MON",
        8,
        "Patient monitor",
        "Philips",
        "IntelliVue MP50",
        "MHX",
        "Medical ICU",
        2016,
        14_500,
        Some((2027, 6, 30)),
        true,
        None,
    ),
    (
        "ICU-CS",
        1,
        "Central station",
        "Philips",
        "IntelliVue Information Center",
        "MHX",
        "Medical ICU",
        2012,
        68_000,
        Some((2023, 12, 31)),
        true,
        Some("Windows 7"),
    ),
    (
        "MS-PUMP",
        10,
        "Infusion pump",
        "Baxter",
        "Sigma Spectrum 35700",
        "FRN",
        "Nursing: Medical-Surgical",
        2014,
        3_200,
        Some((2026, 12, 31)),
        true,
        None,
    ),
    (
        "ED-DEF",
        3,
        "Defibrillator",
        "Zoll",
        "R Series",
        "MKJ",
        "Emergency Department",
        2013,
        16_000,
        None,
        false,
        None,
    ),
    (
        "ICU-VENT",
        4,
        "Ventilator",
        "Draeger",
        "Evita V500",
        "CBK",
        "Medical ICU",
        2019,
        38_000,
        None,
        true,
        None,
    ),
    (
        "ED-US",
        1,
        "Ultrasound scanner",
        "GE Healthcare",
        "Venue 50",
        "IYO",
        "Emergency Department",
        2021,
        42_000,
        None,
        true,
        Some("Windows 10 IoT Enterprise LTSC"),
    ),
];

fn assets() -> Vec<Asset> {
    let mut out = Vec::new();
    for (prefix, count, kind, mfr, model, code, dept, year, cost, eos, net, os) in FLEETS {
        for i in 0..count {
            let month = 1 + (i % 12);
            out.push(Asset {
                asset_number: format!("{prefix}-{:02}", i + 1),
                device_type: Some(kind.into()),
                manufacturer: Some(mfr.into()),
                model: Some(model.into()),
                serial: Some(format!("{}{:05}", &prefix[..2], 10_000 + i * 37)),
                product_code: Some(code.into()),
                department: Some(dept.into()),
                facility: Some("Riverside General Hospital".into()),
                acquisition_date: date(year, month, 15),
                acquisition_cost: Some(Decimal::from(cost)),
                in_service_date: date(year, month, 28),
                end_of_support: eos.and_then(|(y, m, d)| date(y, m, d)),
                network_connected: Some(net),
                operating_system: os.map(Into::into),
                status: AssetStatus::Active,
                ..Asset::default()
            });
        }
    }
    out
}

/// A few repairs on the older fleets (more on some units), and yearly inspections.
fn work_orders(assets: &[Asset]) -> Vec<WorkOrder> {
    let mut out = Vec::new();
    for (n, a) in assets.iter().enumerate() {
        let start = a
            .in_service_date
            .map_or(2016, |d| chrono::Datelike::year(&d));
        for year in start + 1..=2026 {
            out.push(WorkOrder {
                asset_number: a.asset_number.clone(),
                number: Some(format!("PM-{}-{year}", a.asset_number)),
                date: date(year, 3, 10).unwrap_or_default(),
                kind: WorkOrderKind::Preventive,
                labour_hours: Some(Decimal::new(5, 1)),
                parts_cost: Some(Decimal::ZERO),
                vendor_cost: None,
                downtime_hours: Some(Decimal::TWO),
            });
        }
        let repairs = (n % 3) as i32 + i32::from(start < 2016);
        for r in 0..repairs {
            out.push(WorkOrder {
                asset_number: a.asset_number.clone(),
                number: Some(format!("CM-{}-{r}", a.asset_number)),
                date: date(2022 + r % 5, 1 + (r as u32 * 5) % 12, 20).unwrap_or_default(),
                kind: WorkOrderKind::Corrective,
                labour_hours: Some(Decimal::from(2 + r)),
                parts_cost: a.acquisition_cost.map(|c| c * Decimal::new(3, 2)),
                vendor_cost: Some(Decimal::from(150)),
                downtime_hours: Some(Decimal::from(24 + 12 * r)),
            });
        }
    }
    out
}

/// Writes the demo inventory and computes its priorities.
pub(super) fn write_inventory(p: &mut Portfolio) -> Result<()> {
    let assets = assets();
    p.import_assets("Demo CMMS", &assets, true)?;
    p.import_work_orders(&work_orders(&assets))?;
    let mut settings = InventorySettings {
        labour_rate: Some(Decimal::from(95)),
        ..InventorySettings::default()
    };
    settings.forecast.price_index = Decimal::new(3, 2);
    p.set_inventory_settings(&settings)?;
    let policy = Some("Riverside General clinical engineering policy CE-14 (demo)".to_string());
    let mut lives = p.expected_lives()?;
    for (kind, years) in [
        ("Patient monitor", 10),
        ("Central station", 8),
        ("Infusion pump", 10),
        ("Ventilator", 10),
        ("Ultrasound scanner", 8),
    ] {
        match lives
            .iter_mut()
            .find(|l| l.device_type.eq_ignore_ascii_case(kind))
        {
            Some(l) => {
                l.years = Some(Decimal::from(years));
                l.source.clone_from(&policy);
            }
            None => lives.push(ExpectedLife {
                device_type: kind.into(),
                years: Some(Decimal::from(years)),
                source: policy.clone(),
            }),
        }
    }
    p.set_expected_lives(&lives)?;
    let (y, m, d) = AS_OF;
    p.refresh_priorities(date(y, m, d).unwrap_or_default(), &|_| {})?;
    Ok(())
}
