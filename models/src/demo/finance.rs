//! The demo ICU request's financial case: what replacing the 40 legacy monitors saves.
//!
//! The legacy monitors' service contract (USD 1,350 a monitor a year, 40 monitors, rising
//! 4 % a year as parts go on allocation) is no longer paid once they go; a candidate whose
//! quote gives no trade-in credit lets the hospital sell them to a refurbisher for the
//! USD 400 apiece the other vendor credits (USD 16,000 in year 0), and one whose quote
//! includes the credit has it in its cost model already, so it is not counted twice.
//! Straight-line depreciation from the month the monitors enter service (November 2026,
//! after installation), over the expected life, down to the residual value.

use rust_decimal::Decimal;

use crate::finance::case::{DepreciationChoice, FinancialInputs, SavingKind, SavingLine};

/// The legacy service contract per year: 40 monitors x USD 1,350.
const RETIRED_CONTRACT: i64 = 54_000;
/// What the 40 legacy monitors fetch: 40 x USD 400.
const LEGACY_RESALE: i64 = 16_000;

/// The inputs of an ICU candidate whose quote credits `trade_in_credit` for the legacy
/// monitors.
pub(super) fn icu_monitors(trade_in_credit: Decimal) -> FinancialInputs {
    let mut savings = vec![SavingLine {
        kind: SavingKind::ServiceContracts,
        label: "Legacy monitors' service contract (40 x USD 1,350)".into(),
        amount: Decimal::from(RETIRED_CONTRACT),
        escalation: Decimal::new(4, 2),
        one_off_year: None,
    }];
    if trade_in_credit.is_zero() {
        savings.push(SavingLine {
            kind: SavingKind::TradeIn,
            label: "Legacy monitors sold to a refurbisher (40 x USD 400)".into(),
            amount: Decimal::from(LEGACY_RESALE),
            escalation: Decimal::ZERO,
            one_off_year: Some(0),
        });
    }
    FinancialInputs {
        savings,
        revenue: None,
        depreciation: DepreciationChoice {
            in_service: chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
            ..DepreciationChoice::default()
        },
        lease: None,
    }
}
