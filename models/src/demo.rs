//! The demo portfolio: a realistic, deterministic assessment a new user sees at once.
//!
//! Fictional vendors, realistic prices. Built through the same store functions as user
//! input, so the demo obeys every rule the UI does.

use crate::criteria::CriterionKind;
use crate::domain::{CandidateInput, RequestInput, RequestStatus, RequestType};
use crate::error::{Error, Result};
use crate::store::Portfolio;

struct DemoCandidate {
    manufacturer: &'static str,
    model: &'static str,
    vendor: &'static str,
    code: &'static str,
    unit_price: &'static str,
    notes: &'static str,
    /// Lifecycle cost (NPV over the expected life), until the lifecycle engine computes it.
    npv: &'static str,
    /// (first evaluator, second evaluator) per judged criterion of the default template.
    scores: [(u8, u8); 9],
}

const ICU_MONITORS: [DemoCandidate; 4] = [
    DemoCandidate {
        manufacturer: "Norvale Medical",
        model: "VitaView 700",
        vendor: "Norvale Direct",
        code: "MHX",
        unit_price: "18500.00",
        notes: "Quote NM-2026-114, valid to 2027-03-31; 5-year warranty on displays.",
        npv: "1182400.00",
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
        npv: "1305900.00",
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
        npv: "1096300.00",
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
        npv: "1251700.00",
        scores: [
            (4, 3),
            (3, 3),
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
        npv: "1412000.00",
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
        npv: "1538500.00",
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
        npv: "1367800.00",
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
    for (input, candidates) in assessments {
        let req = p.create_request(&input)?;
        let criteria = p.criteria(req.id)?;
        let judged: Vec<_> = criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Judged)
            .collect();
        let measured: Vec<_> = criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Measured)
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
                    notes: d.notes.into(),
                },
            )?;
            for (criterion, (a, b)) in judged.iter().zip(d.scores) {
                p.set_score(nurse.id, cand.id, criterion.id, Some(a), "")?;
                p.set_score(engineer.id, cand.id, criterion.id, Some(b), "")?;
            }
            for criterion in &measured {
                p.set_measurement(cand.id, criterion.id, Some(d.npv))?;
            }
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
    Ok(())
}
