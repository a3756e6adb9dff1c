//! The charts in the flow of a PDF page: each is drawn through [`PdfBackend`] where the
//! layout stands, on the next page unless the room it keeps fits on this one.

use plotters::drawing::IntoDrawingArea;

use super::definitions::{
    closeness, contributions, cumulative_cost, departments, payback, plan_budgets, tornado,
};
use super::{Chart, Fonts, Scale};
use crate::assessment::RequestRanking;
use crate::finance::case::FinancialCase;
use crate::ids::CandidateId;
use crate::money::Currency;
use crate::report::brief::BudgetBrief;
use crate::report::layout::{Layout, MUTED};
use crate::report::pdf_backend::PdfBackend;
use crate::sensitivity::SensitivityResult;

/// Draws `chart` at the layout's position, on the next page unless it fits on this one.
pub(crate) fn place(l: &mut Layout, chart: &Chart) {
    let height = chart.height();
    l.ensure(chart.keep.max(height));
    let origin = (l.left, l.y);
    let drawn = {
        let area =
            PdfBackend::new(l, origin, (chart.width, height), Scale::PDF).into_drawing_area();
        chart.draw(&area, Scale::PDF)
    };
    l.y = origin.1 + height;
    if let Err(e) = drawn {
        // Drawing into PDF operations cannot fail; should plotters report anything, the
        // brief says so where the chart would be.
        l.paragraph(
            &format!("The chart could not be drawn: {e}"),
            8.0,
            false,
            MUTED,
            0.0,
        );
    }
}

pub(crate) fn contribution_chart(l: &mut Layout, r: &RequestRanking) {
    if let Some(chart) = contributions(&Fonts::of(l), l.width(), r) {
        place(l, &chart);
    }
}

pub(crate) fn closeness_chart(l: &mut Layout, r: &RequestRanking) {
    if let Some(chart) = closeness(&Fonts::of(l), l.width(), r) {
        place(l, &chart);
    }
}

pub(crate) fn cumulative_cost_chart(l: &mut Layout, b: &BudgetBrief, order: &[CandidateId]) {
    if let Some(chart) = cumulative_cost(&Fonts::of(l), l.width(), b, order) {
        place(l, &chart);
    }
}

/// The height of [`payback_chart`]'s chart, mm (none: 0), to keep it with what leads to it.
pub(crate) fn payback_chart_height(l: &Layout, case: &FinancialCase, currency: &Currency) -> f32 {
    payback(&Fonts::of(l), l.width(), case, currency, None).map_or(0.0, |c| c.height())
}

pub(crate) fn payback_chart(l: &mut Layout, case: &FinancialCase, currency: &Currency) {
    if let Some(chart) = payback(&Fonts::of(l), l.width(), case, currency, None) {
        place(l, &chart);
    }
}

pub(crate) fn tornado_chart(l: &mut Layout, s: &SensitivityResult, base: Option<f64>) {
    if let Some(chart) = tornado(&Fonts::of(l), l.width(), s, base) {
        place(l, &chart);
    }
}

pub(crate) fn department_chart(
    l: &mut Layout,
    entries: &[(String, f64)],
    labels: &[String],
    currency: &Currency,
) {
    if let Some(chart) = departments(&Fonts::of(l), l.width(), entries, labels, currency) {
        place(l, &chart);
    }
}

pub(crate) fn plan_budget_chart(
    l: &mut Layout,
    rows: &[(String, f64, f64)],
    labels: &[String],
    currency: &Currency,
) {
    if let Some(chart) = plan_budgets(&Fonts::of(l), l.width(), rows, labels, currency) {
        place(l, &chart);
    }
}

/// A model's prices as a strip plot, members labelled.
pub(crate) fn gpo_strip_chart(
    l: &mut Layout,
    m: &crate::gpo::benchmark::ModelBenchmark,
    currency: &str,
) {
    if let Some(chart) = super::definitions::strip(&Fonts::of(l), l.width(), m, currency) {
        place(l, &chart);
    }
}
