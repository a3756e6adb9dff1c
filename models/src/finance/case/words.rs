//! The case's outcomes in words, as the CLI and the brief print them: an IRR that does not
//! exist, or is not one number, is said so, never printed as a rate.

use rust_decimal::Decimal;

use crate::finance::{Irr, NoIrr, Payback};

/// A rate as a percentage to one decimal, `12.3 %`.
fn percent(rate: Decimal) -> String {
    format!("{} %", (rate * Decimal::ONE_HUNDRED).round_dp(1))
}

/// The IRR, or why there is none: `8.7 %`, `none: ...`, `not one rate: ...`.
pub fn irr_text(irr: &Irr) -> String {
    match irr {
        Irr::Rate { rate } => percent(*rate),
        Irr::None {
            reason: NoIrr::NoSignChange,
        } => "none: the net flows never change sign".into(),
        Irr::None {
            reason: NoIrr::NoRoot,
        } => "none: the NPV is zero at no rate from -99 % to 1,000 %".into(),
        Irr::Multiple { rates } => {
            let shown: Vec<String> = rates.iter().map(|r| percent(*r)).collect();
            format!(
                "not one rate: the NPV is zero at {} (use the NPV and MIRR)",
                shown.join(", ")
            )
        }
    }
}

/// The MIRR, or why there is none.
pub fn mirr_text(mirr: Option<Decimal>, problem: Option<&str>) -> String {
    match (mirr, problem) {
        (Some(m), _) => percent(m),
        (None, Some(p)) => format!("none: {p}"),
        (None, None) => "none".into(),
    }
}

/// A payback in years to one decimal, or `not within N years`.
pub fn payback_text(p: &Payback, horizon: u32) -> String {
    match p {
        Payback::Years { years } => format!("{} years", years.round_dp(1)),
        Payback::Never => format!("not within the {horizon}-year horizon"),
    }
}
