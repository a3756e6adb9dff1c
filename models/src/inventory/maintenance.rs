//! An asset's maintenance record, summed from its work orders: what it has cost, how often
//! it failed, how long it was down, and the maintenance expense level (MEL %).
//!
//! A work order's cost is its labour hours times the labour rate, plus parts, plus the
//! vendor's invoice. A part of a work order that the CMMS left empty is missing, not zero:
//! the cost sums the parts that are known, and a work order with no part known has no
//! cost. An asset whose work orders all have no cost has no maintenance cost (missing);
//! an asset with no work order at all has had no maintenance recorded, a cost of zero.
//! Rates are per year in service, counted from the in-service date (else the acquisition
//! date) to the as-of date; under a quarter of a year is too short for a rate (missing).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Asset, WorkOrder, WorkOrderKind};

/// Days in a year: 365.25, the average over a leap-year cycle.
const DAYS_PER_YEAR: Decimal = Decimal::from_parts(36525, 0, 0, false, 2);

/// The shortest time in service a rate per year is given for: a quarter of a year.
const SHORTEST_PERIOD: Decimal = Decimal::from_parts(25, 0, 0, false, 2);

/// What an asset's work orders add up to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MaintenanceRecord {
    /// Work orders of the asset, of every kind.
    pub work_orders: u32,
    /// Corrective work orders: failures.
    pub corrective: u32,
    /// Lifetime maintenance cost (labour x rate + parts + vendor), when any part is known.
    pub cost: Option<Decimal>,
    /// Years from the in-service (else acquisition) date to the as-of date.
    pub years_in_service: Option<Decimal>,
    /// Corrective work orders per year in service (none under a quarter of a year).
    pub failures_per_year: Option<Decimal>,
    /// Hours down, summed over the work orders that state them.
    pub downtime_hours: Option<Decimal>,
    /// Hours down per year in service.
    pub downtime_hours_per_year: Option<Decimal>,
}

/// Years between two dates (365.25 days each); negative when `to` is before `from`.
pub fn years_between(from: NaiveDate, to: NaiveDate) -> Decimal {
    Decimal::from((to - from).num_days()) / DAYS_PER_YEAR
}

/// When the asset started its service: the in-service date, else the acquisition date.
pub fn service_start(asset: &Asset) -> Option<NaiveDate> {
    asset.in_service_date.or(asset.acquisition_date)
}

/// An asset's work orders summed: all the maintenance record needs of them. The cost of
/// every work order's known parts is the labour hours times the rate plus the parts plus
/// the vendors' invoices, each summed over the work orders that state it (one
/// multiplication per asset, not one per work order).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WorkOrderTotals {
    pub work_orders: u32,
    pub corrective: u32,
    pub labour_hours: Decimal,
    /// Parts and vendor invoices.
    pub bought: Decimal,
    pub downtime_hours: Decimal,
    /// Whether any work order states a part of its cost.
    pub costed: bool,
    /// Whether any work order states its downtime.
    pub timed: bool,
}

impl WorkOrderTotals {
    /// Adds one work order.
    pub fn add(&mut self, wo: &WorkOrder) {
        self.work_orders = self.work_orders.saturating_add(1);
        if wo.kind == WorkOrderKind::Corrective {
            self.corrective = self.corrective.saturating_add(1);
        }
        if let Some(h) = wo.labour_hours {
            self.labour_hours += h;
            self.costed = true;
        }
        for p in [wo.parts_cost, wo.vendor_cost].into_iter().flatten() {
            self.bought += p;
            self.costed = true;
        }
        if let Some(d) = wo.downtime_hours {
            self.downtime_hours += d;
            self.timed = true;
        }
    }

    /// Adds the totals of other work orders of the same asset.
    pub fn merge(&mut self, other: &WorkOrderTotals) {
        self.work_orders = self.work_orders.saturating_add(other.work_orders);
        self.corrective = self.corrective.saturating_add(other.corrective);
        self.labour_hours += other.labour_hours;
        self.bought += other.bought;
        self.downtime_hours += other.downtime_hours;
        self.costed |= other.costed;
        self.timed |= other.timed;
    }
}

/// The record of one asset from its work orders, as of a date.
pub fn maintenance_record(
    asset: &Asset,
    work_orders: &[&WorkOrder],
    labour_rate: Decimal,
    as_of: NaiveDate,
) -> MaintenanceRecord {
    let mut totals = WorkOrderTotals::default();
    for wo in work_orders {
        totals.add(wo);
    }
    record_of_totals(asset, &totals, labour_rate, as_of)
}

/// The record of one asset from its work orders' totals, as of a date.
pub fn record_of_totals(
    asset: &Asset,
    totals: &WorkOrderTotals,
    labour_rate: Decimal,
    as_of: NaiveDate,
) -> MaintenanceRecord {
    let none = totals.work_orders == 0;
    let cost = (totals.costed || none).then(|| totals.labour_hours * labour_rate + totals.bought);
    let downtime = (totals.timed || none).then_some(totals.downtime_hours);
    let years = service_start(asset).map(|start| years_between(start, as_of));
    let rate_years = years.filter(|y| *y >= SHORTEST_PERIOD);
    MaintenanceRecord {
        work_orders: totals.work_orders,
        corrective: totals.corrective,
        cost,
        years_in_service: years,
        failures_per_year: rate_years.map(|y| Decimal::from(totals.corrective) / y),
        downtime_hours: downtime,
        downtime_hours_per_year: rate_years.zip(downtime).map(|(y, d)| d / y),
    }
}

/// The maintenance expense level: lifetime maintenance cost over acquisition cost, in
/// percent. Missing when either is missing or the acquisition cost is zero.
pub fn mel_percent(cost: Option<Decimal>, acquisition_cost: Option<Decimal>) -> Option<Decimal> {
    let (cost, acquisition) = (cost?, acquisition_cost?);
    if acquisition.is_zero() {
        return None;
    }
    cost.checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(acquisition)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn wo(kind: WorkOrderKind, hours: Option<Decimal>, parts: Option<Decimal>) -> WorkOrder {
        WorkOrder {
            asset_number: "A1".into(),
            number: None,
            date: d(2025, 1, 1),
            kind,
            labour_hours: hours,
            parts_cost: parts,
            vendor_cost: None,
            downtime_hours: None,
        }
    }

    fn asset(in_service: Option<NaiveDate>) -> Asset {
        Asset {
            asset_number: "A1".into(),
            in_service_date: in_service,
            acquisition_cost: Some(dec!(10000)),
            ..Default::default()
        }
    }

    #[test]
    fn cost_sums_the_known_parts_and_a_work_order_with_none_known_has_no_cost() {
        let rate = dec!(95);
        let cost = |w: WorkOrder| {
            maintenance_record(&asset(Some(d(2020, 1, 1))), &[&w], rate, d(2025, 1, 1)).cost
        };
        assert_eq!(
            cost(wo(WorkOrderKind::Corrective, Some(dec!(2)), None)),
            Some(dec!(190))
        );
        assert_eq!(cost(wo(WorkOrderKind::Corrective, None, None)), None);
        let a = asset(Some(d(2020, 1, 1)));
        let none_known = [wo(WorkOrderKind::Corrective, None, None)];
        let refs: Vec<&WorkOrder> = none_known.iter().collect();
        let r = maintenance_record(&a, &refs, rate, d(2025, 1, 1));
        assert_eq!(
            r.cost, None,
            "all costs missing is a missing cost, not zero"
        );
        assert_eq!(r.downtime_hours, None);
        let mixed = [
            wo(WorkOrderKind::Corrective, Some(dec!(2)), Some(dec!(300))),
            wo(WorkOrderKind::Preventive, None, None),
        ];
        let refs: Vec<&WorkOrder> = mixed.iter().collect();
        let r = maintenance_record(&a, &refs, rate, d(2025, 1, 1));
        assert_eq!(r.cost, Some(dec!(490)));
        assert_eq!(r.work_orders, 2);
        assert_eq!(r.corrective, 1);
    }

    #[test]
    fn rates_are_per_year_in_service_and_missing_for_a_short_or_unknown_period() {
        let a = asset(Some(d(2021, 1, 1)));
        let wos = [
            wo(WorkOrderKind::Corrective, None, None),
            wo(WorkOrderKind::Corrective, None, None),
        ];
        let refs: Vec<&WorkOrder> = wos.iter().collect();
        // 2021-01-01 to 2025-01-01 is 1,461 days = 4 years of 365.25 days.
        let r = maintenance_record(&a, &refs, dec!(95), d(2025, 1, 1));
        assert_eq!(r.years_in_service, Some(dec!(4)));
        assert_eq!(r.failures_per_year, Some(dec!(0.5)));
        let short = maintenance_record(&a, &refs, dec!(95), d(2021, 2, 1));
        assert_eq!(short.failures_per_year, None);
        let undated = maintenance_record(&asset(None), &refs, dec!(95), d(2025, 1, 1));
        assert_eq!(undated.failures_per_year, None);
        let mut acquired = asset(None);
        acquired.acquisition_date = Some(d(2021, 1, 1));
        let r = maintenance_record(&acquired, &refs, dec!(95), d(2025, 1, 1));
        assert_eq!(
            r.failures_per_year,
            Some(dec!(0.5)),
            "acquisition date stands in"
        );
    }

    #[test]
    fn no_work_order_is_no_maintenance_recorded() {
        let r = maintenance_record(&asset(Some(d(2020, 1, 1))), &[], dec!(95), d(2025, 1, 1));
        assert_eq!(r.cost, Some(Decimal::ZERO));
        assert_eq!(r.failures_per_year, Some(Decimal::ZERO));
    }

    #[test]
    fn mel_is_cost_over_acquisition_cost_in_percent() {
        assert_eq!(
            mel_percent(Some(dec!(4000)), Some(dec!(10000))),
            Some(dec!(40))
        );
        assert_eq!(mel_percent(None, Some(dec!(10000))), None);
        assert_eq!(mel_percent(Some(dec!(4000)), None), None);
        assert_eq!(mel_percent(Some(dec!(4000)), Some(Decimal::ZERO)), None);
    }
}
