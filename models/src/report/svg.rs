//! The brief's charts on their own, as SVG for slide decks.
//!
//! A chart is drawn by the very function that draws it in the PDF, onto a single tall page,
//! and that page's vector operations (rectangles, lines, text) are written as SVG
//! elements: the slide and the printed brief show the same chart. Text stays text, set in
//! DejaVu Sans (the brief's font, whose widths laid it out), with sans-serif fallbacks.

use std::fmt::Write;

use printpdf::{Color, Op, PdfFontHandle, TextItem, TextMatrix};

use super::brief::BudgetBrief;
use super::charts;
use super::pdf::{ranked_order, Layout};
use crate::error::{Error, Result};
use crate::ranking::Method;

/// The charts `caliper chart` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Each candidate's score split into the criteria's weighted contributions (TOPSIS:
    /// closeness bars).
    Contributions,
    /// Each candidate's cumulative nominal cost over its life.
    Cumulative,
    /// The leader's score as each weight moves 10 points.
    Tornado,
}

impl ChartKind {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "contributions" => Ok(ChartKind::Contributions),
            "cumulative" => Ok(ChartKind::Cumulative),
            "tornado" => Ok(ChartKind::Tornado),
            other => Err(Error::validation(
                field,
                format!("'{other}' is not a chart: contributions, cumulative or tornado"),
            )),
        }
    }
}

/// Chart width in mm (a 16:9 slide's content area at about 170 mm).
const WIDTH_MM: f32 = 170.0;
/// The drawing page is tall enough that no chart breaks; the SVG is cropped to the chart.
const PAGE_MM: f32 = 1000.0;
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Draws one chart of the brief as an SVG document.
pub fn render_chart_svg(brief: &BudgetBrief, kind: ChartKind) -> Result<String> {
    let mut l = Layout::canvas(WIDTH_MM, PAGE_MM)?;
    match kind {
        ChartKind::Contributions => {
            let r = brief
                .ranking
                .as_ref()
                .ok_or_else(|| no_chart(brief, "ranking"))?;
            if r.candidates.iter().all(|c| c.score.is_none()) {
                return Err(no_chart(brief, "ranked candidate"));
            }
            match r.method {
                Method::WeightedSum => charts::contribution_chart(&mut l, r),
                Method::Topsis => charts::closeness_chart(&mut l, r),
            }
        }
        ChartKind::Cumulative => {
            if brief
                .lifecycle
                .candidates
                .iter()
                .all(|c| c.lifecycle.is_none())
            {
                return Err(no_chart(brief, "lifecycle cost"));
            }
            charts::cumulative_cost_chart(&mut l, brief, &ranked_order(brief));
        }
        ChartKind::Tornado => {
            let s = brief
                .sensitivity
                .as_ref()
                .ok_or_else(|| no_chart(brief, "sensitivity analysis"))?;
            let base = brief
                .ranking
                .as_ref()
                .and_then(|r| r.candidates.first())
                .and_then(|c| c.score);
            charts::tornado_chart(&mut l, s, base);
        }
    }
    let height_mm = l.y + 4.0;
    let pages = l.into_pages();
    let ops = pages.first().map(Vec::as_slice).unwrap_or_default();
    Ok(ops_to_svg(
        ops,
        WIDTH_MM,
        PAGE_MM,
        height_mm,
        &format!("{}: {}", brief.request.title, kind_title(kind)),
    ))
}

fn kind_title(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Contributions => "score by criterion",
        ChartKind::Cumulative => "cumulative cost",
        ChartKind::Tornado => "tornado",
    }
}

fn no_chart(brief: &BudgetBrief, what: &str) -> Error {
    let why = brief
        .ranking_problem
        .as_deref()
        .or(brief.sensitivity_problem.as_deref())
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    Error::validation(
        "kind",
        format!(
            "request {} has no {what} to chart yet{why}",
            brief.request.id
        ),
    )
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn hex(c: &Color) -> String {
    match c {
        Color::Rgb(rgb) => {
            let b = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
            format!("#{:02x}{:02x}{:02x}", b(rgb.r), b(rgb.g), b(rgb.b))
        }
        _ => "#000000".into(),
    }
}

/// One page's operations as SVG, in points, cropped to `height_mm` from the top.
fn ops_to_svg(ops: &[Op], width_mm: f32, page_mm: f32, height_mm: f32, title: &str) -> String {
    let page_h = page_mm * PT_PER_MM;
    let (w, h) = (width_mm * PT_PER_MM, height_mm * PT_PER_MM);
    let flip = |y: f32| page_h - y;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w:.1}pt" height="{h:.1}pt" viewBox="0 0 {w:.1} {h:.1}" font-family="'DejaVu Sans', Verdana, Arial, sans-serif">
<title>{}</title>
<rect x="0" y="0" width="{w:.1}" height="{h:.1}" fill="#ffffff"/>"##,
        escape(title)
    );
    let mut fill = "#000000".to_string();
    let mut stroke = "#000000".to_string();
    let mut thickness = 1.0f32;
    let mut bold = false;
    let mut size = 10.0f32;
    let mut pos = (0.0f32, 0.0f32);
    let mut last_text: Option<(f32, f32, String)> = None;
    for op in ops {
        if matches!(op, Op::DrawRectangle { .. } | Op::DrawLine { .. }) {
            last_text = None;
        }
        match op {
            Op::SetFillColor { col } => fill = hex(col),
            Op::SetOutlineColor { col } => stroke = hex(col),
            Op::SetOutlineThickness { pt } => thickness = pt.0,
            Op::SetFont { font, size: s } => {
                bold = matches!(font, PdfFontHandle::External(id) if id.0 == "F2");
                size = s.0;
            }
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(x, y),
            } => pos = (x.0, flip(y.0)),
            Op::ShowText { items } => {
                let text: String = items
                    .iter()
                    .filter_map(|i| match i {
                        TextItem::Text(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                let style = format!(
                    r#"font-size="{size:.1}"{} fill="{fill}""#,
                    if bold { r#" font-weight="bold""# } else { "" }
                );
                // The next line of a wrapped label joins its first line's element, so a
                // label is one text object (whose text reads as the whole label).
                let continues = last_text.as_ref().is_some_and(|(x, y, st)| {
                    *x == pos.0 && *st == style && pos.1 > *y && pos.1 - *y < size * 1.6
                });
                if continues && out.ends_with("</text>\n") {
                    out.truncate(out.len() - "</text>\n".len());
                    let _ = writeln!(
                        out,
                        r#" <tspan x="{:.2}" y="{:.2}">{}</tspan></text>"#,
                        pos.0,
                        pos.1,
                        escape(&text)
                    );
                } else {
                    let _ = writeln!(
                        out,
                        r#"<text x="{:.2}" y="{:.2}" {style}>{}</text>"#,
                        pos.0,
                        pos.1,
                        escape(&text)
                    );
                }
                last_text = Some((pos.0, pos.1, style));
                continue;
            }
            Op::DrawRectangle { rectangle: r } => {
                let _ = writeln!(
                    out,
                    r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{fill}"/>"#,
                    r.x.0,
                    flip(r.y.0 + r.height.0),
                    r.width.0,
                    r.height.0
                );
            }
            Op::DrawLine { line } => {
                let points: Vec<String> = line
                    .points
                    .iter()
                    .map(|p| format!("{:.2},{:.2}", p.p.x.0, flip(p.p.y.0)))
                    .collect();
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="{thickness:.2}"/>"#,
                    points.join(" ")
                );
            }
            _ => {}
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::report::brief_from_portfolio;
    use crate::store::Portfolio;

    /// The document's text with the tags removed and whitespace runs as one space.
    fn text_content(svg: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in svg.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    out.push(' ');
                }
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_kind_names_the_candidates_and_is_deterministic() {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let b = brief_from_portfolio(&p, crate::ids::RequestId(1), as_of).unwrap();
        for kind in [ChartKind::Contributions, ChartKind::Cumulative] {
            let svg = render_chart_svg(&b, kind).unwrap();
            assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
            let text = text_content(&svg);
            for c in &b.lifecycle.candidates {
                assert!(text.contains(&escape(&c.label)), "{kind:?}: {}", c.label);
            }
            assert_eq!(svg, render_chart_svg(&b, kind).unwrap());
        }
        let tornado = render_chart_svg(&b, ChartKind::Tornado).unwrap();
        assert!(tornado.contains("Tornado"));
        let empty = brief_from_portfolio(&p, crate::ids::RequestId(3), as_of).unwrap();
        let e = render_chart_svg(&empty, ChartKind::Contributions).unwrap_err();
        assert!(e.to_string().contains("no ranking"), "{e}");
        assert!(ChartKind::parse("kind", "pie").is_err());
    }
}
