//! The demo portfolio: a realistic, deterministic assessment a new user sees at once.
//!
//! Fictional vendors, realistic prices. Built through the same store functions as user
//! input, so the demo obeys every rule the UI does.

mod compat;
mod finance;
mod inventory;

use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::criteria::CriterionKind;
use crate::domain::{CandidateInput, RequestInput, RequestStatus, RequestType};
use crate::error::{Error, Result};
use crate::lifecycle::{AssumptionOverrides, CostModel};
use crate::ranking::Method;
use crate::store::Portfolio;

/// A quote's lifecycle-cost inputs (amounts as text, totals for the whole quantity).
struct DemoCost {
    discount_pct: &'static str,
    trade_in: &'static str,
    installation: &'static str,
    integration: &'static str,
    training: &'static str,
    warranty_years: u32,
    service: &'static str,
    escalation: &'static str,
    per_use: &'static str,
    uses: &'static str,
    watts: &'static str,
    software: &'static str,
    life: u32,
    disposal: &'static str,
    residual: &'static str,
}

impl DemoCost {
    fn model(&self, unit_price: &str, quantity: u32) -> Result<CostModel> {
        let d = |field: &str, text: &str| {
            Decimal::from_str(text).map_err(|e| Error::validation(field, format!("demo data: {e}")))
        };
        Ok(CostModel {
            unit_price: d("unit_price", unit_price)?,
            quantity,
            discount_pct: d("discount_pct", self.discount_pct)?,
            trade_in_credit: d("trade_in_credit", self.trade_in)?,
            installation: d("installation", self.installation)?,
            it_integration: d("it_integration", self.integration)?,
            training: d("training", self.training)?,
            warranty_years: self.warranty_years,
            service_annual: d("service_annual", self.service)?,
            service_escalation: d("service_escalation", self.escalation)?,
            cost_per_use: d("cost_per_use", self.per_use)?,
            annual_uses: d("annual_uses", self.uses)?,
            power_watts: d("power_watts", self.watts)?,
            hours_per_year: Decimal::from(8760),
            tariff_per_kwh: d("tariff_per_kwh", "0.14")?,
            software_annual: d("software_annual", self.software)?,
            staffing_annual: Decimal::ZERO,
            expected_life_years: self.life,
            disposal: d("disposal", self.disposal)?,
            residual_value: d("residual_value", self.residual)?,
        })
    }
}

struct DemoCandidate {
    manufacturer: &'static str,
    model: &'static str,
    vendor: &'static str,
    code: &'static str,
    unit_price: &'static str,
    notes: &'static str,
    cost: DemoCost,
    /// (first evaluator, second evaluator) per criterion of [`SCORED`].
    scores: [(u8, u8); 9],
}

/// The criteria the demo's evaluators scored, in the order of `DemoCandidate::scores`.
/// Those the template now computes (the compatibility scores) are skipped.
const SCORED: [&str; 9] = [
    "Clinical performance and evidence",
    "Workflow fit",
    "Usability and human factors",
    "Patient safety and alarm management",
    "EHR integration",
    "Network compatibility",
    "Cybersecurity posture",
    "Service coverage and response",
    "Training and vendor stability",
];

const ICU_MONITORS: [DemoCandidate; 4] = [
    DemoCandidate {
        manufacturer: "Norvale Medical",
        model: "VitaView 700",
        vendor: "Norvale Direct",
        code: "MHX",
        unit_price: "18500.00",
        notes: "Quote NM-2026-114, valid to 2027-03-31; 5-year warranty on displays.",
        cost: DemoCost {
            discount_pct: "5",
            trade_in: "0",
            installation: "38000",
            integration: "30000",
            training: "9000",
            warranty_years: 3,
            service: "64000",
            escalation: "0.03",
            per_use: "3.80",
            uses: "12000",
            watts: "60",
            software: "12000",
            life: 8,
            disposal: "3000",
            residual: "12000",
        },
        scores: [
            (4, 4),
            (4, 4),
            (5, 3),
            (4, 4),
            (4, 3),
            (3, 3),
            (4, 4),
            (4, 5),
            (3, 4),
        ],
    },
    DemoCandidate {
        manufacturer: "Kestrel Health Systems",
        model: "KM-9 Patient Monitor",
        vendor: "Kestrel Health Systems",
        code: "MHX",
        unit_price: "21900.00",
        notes: "Includes central station licence for 40 beds; trade-in credit not offered.",
        cost: DemoCost {
            discount_pct: "8",
            trade_in: "0",
            installation: "45000",
            integration: "18000",
            training: "12000",
            warranty_years: 2,
            service: "84000",
            escalation: "0.04",
            per_use: "3.10",
            uses: "12000",
            watts: "55",
            software: "0",
            life: 10,
            disposal: "3000",
            residual: "25000",
        },
        scores: [
            (5, 5),
            (4, 5),
            (4, 4),
            (5, 4),
            (5, 4),
            (4, 4),
            (4, 3),
            (4, 4),
            (4, 4),
        ],
    },
    DemoCandidate {
        manufacturer: "Aurelia Devices",
        model: "Sentinel X4",
        vendor: "MedSource Partners",
        code: "MHX",
        unit_price: "16200.00",
        notes: "GPO contract price; trade-in credit of USD 400 per legacy monitor included.",
        cost: DemoCost {
            discount_pct: "0",
            trade_in: "16000",
            installation: "40000",
            integration: "42000",
            training: "8000",
            warranty_years: 1,
            service: "56000",
            escalation: "0.04",
            per_use: "4.40",
            uses: "12000",
            watts: "70",
            software: "15000",
            life: 8,
            disposal: "4000",
            residual: "8000",
        },
        scores: [
            (3, 4),
            (4, 3),
            (4, 3),
            (3, 4),
            (3, 3),
            (4, 5),
            (3, 3),
            (3, 3),
            (3, 3),
        ],
    },
    DemoCandidate {
        manufacturer: "Brightwater Instruments",
        model: "BW Vital Pro",
        vendor: "Brightwater Instruments",
        code: "MHX",
        unit_price: "19750.00",
        notes: "Runs an operating system whose vendor support ends in 2029.",
        cost: DemoCost {
            discount_pct: "5",
            trade_in: "0",
            installation: "40000",
            integration: "35000",
            training: "10000",
            warranty_years: 2,
            service: "66000",
            escalation: "0.035",
            per_use: "3.90",
            uses: "12000",
            watts: "75",
            software: "9000",
            life: 7,
            disposal: "4000",
            residual: "5000",
        },
        scores: [
            (4, 3),
            (2, 4),
            (3, 3),
            (4, 3),
            (3, 2),
            (3, 3),
            (2, 4),
            (4, 4),
            (4, 3),
        ],
    },
];

const INFUSION_PUMPS: [DemoCandidate; 3] = [
    DemoCandidate {
        manufacturer: "Calder Infusion Systems",
        model: "Calder LVP-3",
        vendor: "Calder Infusion Systems",
        code: "FRN",
        unit_price: "3100.00",
        notes: "Dose error reduction library included; IPEC and PIV interfaces certified.",
        cost: DemoCost {
            discount_pct: "6",
            trade_in: "0",
            installation: "15000",
            integration: "60000",
            training: "25000",
            warranty_years: 2,
            service: "58000",
            escalation: "0.03",
            per_use: "7.20",
            uses: "90000",
            watts: "8",
            software: "30000",
            life: 10,
            disposal: "6000",
            residual: "20000",
        },
        scores: [
            (4, 4),
            (4, 4),
            (4, 4),
            (5, 4),
            (5, 5),
            (4, 4),
            (4, 4),
            (4, 3),
            (4, 4),
        ],
    },
    DemoCandidate {
        manufacturer: "Meridian Fluidics",
        model: "FlowSure 5",
        vendor: "Meridian Fluidics",
        code: "FRN",
        unit_price: "2850.00",
        notes: "Dedicated administration sets at USD 9.80 each.",
        cost: DemoCost {
            discount_pct: "4",
            trade_in: "0",
            installation: "15000",
            integration: "75000",
            training: "22000",
            warranty_years: 2,
            service: "52000",
            escalation: "0.03",
            per_use: "9.80",
            uses: "90000",
            watts: "10",
            software: "24000",
            life: 8,
            disposal: "6000",
            residual: "10000",
        },
        scores: [
            (4, 3),
            (3, 4),
            (4, 4),
            (4, 4),
            (3, 3),
            (3, 4),
            (3, 3),
            (4, 4),
            (3, 3),
        ],
    },
    DemoCandidate {
        manufacturer: "Oakhurst Medical",
        model: "Infinia Duo",
        vendor: "MedSource Partners",
        code: "FRN",
        unit_price: "3400.00",
        notes: "Dual-channel; standard administration sets.",
        cost: DemoCost {
            discount_pct: "5",
            trade_in: "0",
            installation: "15000",
            integration: "50000",
            training: "25000",
            warranty_years: 3,
            service: "62000",
            escalation: "0.03",
            per_use: "6.50",
            uses: "90000",
            watts: "9",
            software: "28000",
            life: 10,
            disposal: "6000",
            residual: "25000",
        },
        scores: [
            (4, 5),
            (5, 4),
            (3, 5),
            (4, 4),
            (4, 4),
            (4, 4),
            (4, 4),
            (3, 3),
            (3, 4),
        ],
    },
];

/// Creates the demo portfolio at `path`, replacing any earlier copy (and its SQLite
/// journal files), and returns it open. The demo is built aside and renamed into place
/// when complete, so an interrupted run never leaves a partial demo under `path`.
pub fn fresh_demo(path: &Path) -> Result<Portfolio> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    Portfolio::replace_with(path, write_demo)
}

/// Fills an empty portfolio with the demo data.
pub fn write_demo(p: &mut Portfolio) -> Result<()> {
    if !p.requests()?.is_empty() || !p.facilities()?.is_empty() {
        return Err(Error::conflict(
            "portfolio",
            "the demo goes into an empty portfolio only; this one already has data",
        ));
    }
    p.set_setting("name", "Riverside General: FY2027 capital requests")?;
    let facility = p.add_facility("Riverside General Hospital")?;
    let icu = p.add_department(facility.id, "Medical ICU", Some("6010"))?;
    let medsurg = p.add_department(facility.id, "Nursing: Medical-Surgical", Some("6120"))?;
    let ed = p.add_department(facility.id, "Emergency Department", Some("6200"))?;
    p.set_site_profile(None, &compat::site_profile())?;
    let nurse = p.add_evaluator("Dana Whitfield", "ICU nurse manager")?;
    let engineer = p.add_evaluator("Marcus Oyelaran", "Clinical engineer")?;

    let request =
        |title: &str, department_id, quantity, justification: &str, status| RequestInput {
            title: title.into(),
            department_id,
            request_type: RequestType::Replacement,
            quantity,
            fiscal_year: 2027,
            justification: justification.into(),
            status,
            currency: "USD".into(),
            method: Method::WeightedSum,
        };
    let assessments = [
        (
            request(
                "Replace ICU physiological monitors",
                icu.id,
                40,
                "The 40 bedside monitors installed in 2016 reach end of manufacturer support in 2027; \
                 parts are on allocation and the central station runs an unsupported operating system.",
                RequestStatus::InAssessment,
            ),
            &ICU_MONITORS[..],
        ),
        (
            request(
                "Infusion pump fleet",
                medsurg.id,
                250,
                "Standardise the medical-surgical floors on one large-volume pump with a dose error \
                 reduction library and EHR auto-programming (IHE PIV/IPEC).",
                RequestStatus::InAssessment,
            ),
            &INFUSION_PUMPS[..],
        ),
    ];
    for ((input, candidates), purchase) in
        assessments.into_iter().zip([(2026, 9, 15), (2027, 1, 15)])
    {
        let req = p.create_request(&input)?;
        p.set_assumption_overrides(
            req.id,
            &AssumptionOverrides {
                purchase_date: chrono::NaiveDate::from_ymd_opt(purchase.0, purchase.1, purchase.2),
                ..AssumptionOverrides::default()
            },
        )?;
        let criteria = p.criteria(req.id)?;
        let judged: Vec<Option<_>> = SCORED
            .iter()
            .map(|name| {
                criteria
                    .iter()
                    .find(|c| c.name == *name && c.kind == CriterionKind::Judged)
            })
            .collect();
        for d in candidates {
            let cand = p.add_candidate(
                req.id,
                &CandidateInput {
                    manufacturer: d.manufacturer.into(),
                    model: d.model.into(),
                    vendor: d.vendor.into(),
                    fda_product_code: Some(d.code.into()),
                    unit_price: d.unit_price.into(),
                    quantity: input.quantity,
                    quote_date: None,
                    valid_until: None,
                    notes: d.notes.into(),
                },
            )?;
            for (criterion, (a, b)) in judged.iter().zip(d.scores) {
                if let Some(criterion) = criterion {
                    p.set_score(nurse.id, cand.id, criterion.id, Some(a), "")?;
                    p.set_score(engineer.id, cand.id, criterion.id, Some(b), "")?;
                }
            }
            let model = d.cost.model(d.unit_price, input.quantity)?;
            p.set_cost_model(cand.id, &model)?;
            if input.department_id == icu.id {
                p.set_financial_inputs(cand.id, &finance::icu_monitors(model.trade_in_credit))?;
            }
            compat::set_candidate_compat(p, cand.id, d.manufacturer)?;
        }
    }
    p.create_request(&RequestInput {
        request_type: RequestType::NewTechnology,
        ..request(
            "Point-of-care ultrasound for the emergency department",
            ed.id,
            3,
            "Faster diagnosis at the bedside (FAST exams, vascular access); candidates to be invited.",
            RequestStatus::Draft,
        )
    })?;
    inventory::write_inventory(p)
}
