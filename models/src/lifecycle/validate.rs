//! The checks a cost model and the assumptions pass before any cost is computed: each
//! amount in range, rates as fractions, lives and warranty in years that make sense.

use rust_decimal::Decimal;

use super::{Assumptions, CostModel, MAX_LIFE_YEARS};
use crate::error::{Error, Result};
use crate::money::check_amount;

fn check_rate(field: &str, value: Decimal, low: Decimal, high: Decimal, what: &str) -> Result<()> {
    if value <= low || value > high {
        return Err(Error::validation(
            field,
            format!("{value} is outside {what}; rates are fractions (0.05 = 5 %)"),
        ));
    }
    Ok(())
}

impl CostModel {
    pub fn validate(&self) -> Result<()> {
        let amounts = [
            ("unit_price", self.unit_price),
            ("trade_in_credit", self.trade_in_credit),
            ("installation", self.installation),
            ("it_integration", self.it_integration),
            ("training", self.training),
            ("service_annual", self.service_annual),
            ("cost_per_use", self.cost_per_use),
            ("tariff_per_kwh", self.tariff_per_kwh),
            ("software_annual", self.software_annual),
            ("staffing_annual", self.staffing_annual),
            ("disposal", self.disposal),
            ("residual_value", self.residual_value),
        ];
        for (field, value) in amounts {
            check_amount(field, value)?;
        }
        for (field, value, max) in [
            (
                "annual_uses",
                self.annual_uses,
                Decimal::from(1_000_000_000u64),
            ),
            ("power_watts", self.power_watts, Decimal::from(1_000_000u64)),
            (
                "hours_per_year",
                self.hours_per_year,
                Decimal::from(8784u32),
            ),
        ] {
            if value.is_sign_negative() && !value.is_zero() {
                return Err(Error::validation(field, format!("{value} is negative")));
            }
            if value > max {
                return Err(Error::validation(
                    field,
                    format!("{value} is above the plausible maximum {max}"),
                ));
            }
        }
        if self.quantity == 0 || self.quantity > 100_000 {
            return Err(Error::validation(
                "quantity",
                format!(
                    "{} is not a plausible quantity (1 to 100,000)",
                    self.quantity
                ),
            ));
        }
        if self.discount_pct.is_sign_negative() && !self.discount_pct.is_zero()
            || self.discount_pct > Decimal::ONE_HUNDRED
        {
            return Err(Error::validation(
                "discount_pct",
                format!(
                    "{} is not a percentage between 0 and 100",
                    self.discount_pct
                ),
            ));
        }
        if self.expected_life_years == 0 || self.expected_life_years > MAX_LIFE_YEARS {
            return Err(Error::validation(
                "expected_life_years",
                format!(
                    "{} is not an expected life between 1 and {MAX_LIFE_YEARS} years",
                    self.expected_life_years
                ),
            ));
        }
        if self.warranty_years > self.expected_life_years {
            return Err(Error::validation(
                "warranty_years",
                format!(
                    "{} years of warranty exceed the expected life of {} years",
                    self.warranty_years, self.expected_life_years
                ),
            ));
        }
        check_rate(
            "service_escalation",
            self.service_escalation,
            Decimal::new(-5, 1),
            Decimal::new(5, 1),
            "-50 % to 50 %",
        )?;
        if self.trade_in_credit > self.net_purchase_before_trade_in() {
            return Err(Error::validation(
                "trade_in_credit",
                format!(
                    "{} exceeds the purchase price after discount ({})",
                    self.trade_in_credit,
                    self.net_purchase_before_trade_in()
                ),
            ));
        }
        Ok(())
    }
}

/// The discount rate is above this: `(1 + r)^-N` stays below 2^40 (about 1.1e12) for every
/// life up to [`MAX_LIFE_YEARS`], so discounting keeps 16 significant digits and never
/// divides by a factor that has vanished; a rate near -100 % would.
pub const MIN_DISCOUNT_RATE: Decimal = Decimal::from_parts(5, 0, 0, true, 1);

impl Assumptions {
    pub fn validate(&self) -> Result<()> {
        check_rate(
            "discount_rate",
            self.discount_rate,
            MIN_DISCOUNT_RATE,
            Decimal::ONE,
            "-50 % (exclusive) to 100 %",
        )?;
        check_rate(
            "inflation",
            self.inflation,
            Decimal::new(-5, 1),
            Decimal::new(5, 1),
            "-50 % to 50 %",
        )?;
        if !(1..=12).contains(&self.fiscal_year_start_month) {
            return Err(Error::validation(
                "fiscal_year_start_month",
                format!("{} is not a month (1 to 12)", self.fiscal_year_start_month),
            ));
        }
        Ok(())
    }
}
