//! The brief's charts on their own, for slide decks: SVG through plotters' SVG backend, PNG
//! through its bitmap backend (encoded with the `png` crate).
//!
//! A chart is the brief's own [`charts::Chart`], drawn by the same plotters function that
//! draws it in the PDF, 170 mm wide: the slide and the printed brief show the same chart.
//! SVG text stays text, set in DejaVu Sans (the brief's font, whose widths laid it out) with
//! sans-serif fallbacks; the PNG's text is drawn with the embedded DejaVu fonts.

use std::path::Path;

use plotters::backend::{BitMapBackend, SVGBackend};
use plotters::drawing::{DrawingAreaErrorKind, IntoDrawingArea};
use plotters::style::WHITE;

use super::brief::ranked_order;
use super::brief::BudgetBrief;
use super::charts::{self, Chart, Fonts, Scale};
use super::fonts::{Metrics, BOLD_TTF, REGULAR_TTF};
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
    /// The cumulative net cash flow by year with the payback marked, of the highest-ranked
    /// candidate with a financial case (savings, revenue or a lease entered).
    Payback,
}

impl ChartKind {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "contributions" => Ok(ChartKind::Contributions),
            "cumulative" => Ok(ChartKind::Cumulative),
            "tornado" => Ok(ChartKind::Tornado),
            "payback" => Ok(ChartKind::Payback),
            other => Err(Error::validation(
                field,
                format!("'{other}' is not a chart: contributions, cumulative, tornado or payback"),
            )),
        }
    }
}

/// The file `caliper chart` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    /// Vector, text as text: scales to any slide.
    Svg,
    /// A bitmap at 10 pixels per millimetre (254 dpi), 1,700 pixels wide.
    Png,
}

impl ChartFormat {
    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "svg" => Ok(ChartFormat::Svg),
            "png" => Ok(ChartFormat::Png),
            other => Err(Error::validation(
                field,
                format!("'{other}' is not a chart format: svg or png"),
            )),
        }
    }

    /// The format of `path` by its extension (`.svg` or `.png`, any case).
    pub fn of_path(path: &Path) -> Result<Self> {
        match path.extension() {
            Some(ext) => Self::parse("out", &ext.to_string_lossy()).map_err(|_| {
                Error::validation(
                    "out",
                    format!(
                        "'.{}' is not a chart format: use .svg or .png, or --format",
                        ext.to_string_lossy()
                    ),
                )
            }),
            None => Err(Error::validation(
                "out",
                format!(
                    "{} has no extension: use .svg or .png, or --format",
                    path.display()
                ),
            )),
        }
    }
}

/// Chart width in mm (a 16:9 slide's content area at about 170 mm).
const WIDTH_MM: f32 = 170.0;
/// White space left and right of the chart, and above and below it, mm.
const MARGIN_X: f32 = 6.0;
const MARGIN_Y: f32 = 4.0;
/// SVG user units (pixels) per mm.
const SVG_PX_PER_MM: f64 = 5.0;
/// PNG pixels per mm.
const PNG_PX_PER_MM: f64 = 10.0;

/// Draws one chart of the brief as `format`.
pub fn render_chart(brief: &BudgetBrief, kind: ChartKind, format: ChartFormat) -> Result<Vec<u8>> {
    match format {
        ChartFormat::Svg => render_chart_svg(brief, kind).map(String::into_bytes),
        ChartFormat::Png => render_chart_png(brief, kind),
    }
}

/// Draws one chart of the brief as an SVG document.
pub fn render_chart_svg(brief: &BudgetBrief, kind: ChartKind) -> Result<String> {
    let chart = chart_of(brief, kind)?;
    let title = format!("{}: {}", brief.request.title, kind_title(kind));
    svg_document(&chart, &title)
}

/// Each model's net unit prices across the group's members as the negotiation brief's
/// strip plot, as SVG documents by model key (a model no member quoted has none).
pub fn gpo_strip_svgs(
    models: &[crate::gpo::benchmark::ModelBenchmark],
    currency: &str,
) -> Result<Vec<(String, String)>> {
    let regular = Metrics::new(REGULAR_TTF, "DejaVuSans.ttf")?;
    let bold = Metrics::new(BOLD_TTF, "DejaVuSans-Bold.ttf")?;
    let f = Fonts {
        regular: &regular,
        bold: &bold,
    };
    let mut out = Vec::new();
    for m in models {
        if let Some(chart) = charts::strip(&f, WIDTH_MM - 2.0 * MARGIN_X, m, currency) {
            let title = format!("{}: net unit prices", m.label);
            out.push((m.key.clone(), svg_document(&chart, &title)?));
        }
    }
    Ok(out)
}

/// One chart as an SVG document titled `title`.
fn svg_document(chart: &Chart, title: &str) -> Result<String> {
    let scale = Scale::svg(SVG_PX_PER_MM);
    let size = page_px(chart, scale);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let area = root.margin(px(MARGIN_Y, scale), 0, px(MARGIN_X, scale), 0);
        chart.draw(&area, scale).map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    // plotters writes the document element only: add the XML declaration and a title.
    let body_start = svg.find(">\n").map_or(svg.len(), |i| i + 2);
    svg.insert_str(body_start, &format!("<title>{}</title>\n", escape(title)));
    svg.insert_str(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    Ok(svg)
}

/// Draws one chart of the brief as a PNG image (8-bit RGB).
pub fn render_chart_png(brief: &BudgetBrief, kind: ChartKind) -> Result<Vec<u8>> {
    charts::register_fonts()?;
    let chart = chart_of(brief, kind)?;
    let scale = Scale::bitmap(PNG_PX_PER_MM);
    let (w, h) = page_px(&chart, scale);
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let area = root.margin(px(MARGIN_Y, scale), 0, px(MARGIN_X, scale), 0);
        chart.draw(&area, scale).map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let per_metre = (PNG_PX_PER_MM * 1000.0).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let encoded = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&pixels));
    encoded
        .map_err(|e| Error::validation("chart", format!("the PNG could not be written: {e}")))?;
    Ok(out)
}

fn px(mm: f32, scale: Scale) -> i32 {
    (f64::from(mm) * scale.px_per_mm).round() as i32
}

/// The image's size: the chart with its margins.
fn page_px(chart: &Chart, scale: Scale) -> (u32, u32) {
    let size = |mm: f32| (f64::from(mm) * scale.px_per_mm).ceil() as u32;
    (size(WIDTH_MM), size(chart.height() + 2.0 * MARGIN_Y))
}

fn drawing<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Error {
    Error::validation("chart", format!("the chart could not be drawn: {e}"))
}

/// The chart of `kind`, laid out for a slide; an error names what the request lacks.
fn chart_of(brief: &BudgetBrief, kind: ChartKind) -> Result<Chart> {
    let regular = Metrics::new(REGULAR_TTF, "DejaVuSans.ttf")?;
    let bold = Metrics::new(BOLD_TTF, "DejaVuSans-Bold.ttf")?;
    let f = Fonts {
        regular: &regular,
        bold: &bold,
    };
    let width = WIDTH_MM - 2.0 * MARGIN_X;
    let chart = match kind {
        ChartKind::Contributions => {
            let r = brief
                .ranking
                .as_ref()
                .ok_or_else(|| no_chart(brief, "ranking"))?;
            match r.method {
                Method::WeightedSum => charts::contributions(&f, width, r),
                Method::Topsis => charts::closeness(&f, width, r),
            }
            .ok_or_else(|| no_chart(brief, "ranked candidate"))?
        }
        ChartKind::Cumulative => charts::cumulative_cost(&f, width, brief, &ranked_order(brief))
            .ok_or_else(|| no_chart(brief, "lifecycle cost"))?,
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
            charts::tornado(&f, width, s, base).ok_or_else(|| no_chart(brief, "ranking"))?
        }
        ChartKind::Payback => {
            let r = brief
                .financial_case
                .as_ref()
                .ok_or_else(|| no_chart(brief, "financial case"))?;
            let (label, case) = ranked_order(brief)
                .into_iter()
                .find_map(|id| {
                    let c = r
                        .candidates
                        .iter()
                        .find(|c| c.candidate_id == id && c.entered)?;
                    Some((&c.label, c.case.as_ref()?))
                })
                .ok_or_else(|| no_chart(brief, "financial case"))?;
            charts::payback(&f, width, case, &brief.currency, Some(label))
                .ok_or_else(|| no_chart(brief, "financial case"))?
        }
    };
    Ok(chart)
}

fn kind_title(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Contributions => "score by criterion",
        ChartKind::Cumulative => "cumulative cost",
        ChartKind::Tornado => "tornado",
        ChartKind::Payback => "cumulative net cash flow and payback",
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

/// Text as XML character data: markup escaped, control characters (which XML 1.0 cannot
/// carry at all) as spaces.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::report::brief_from_portfolio;
    use crate::store::Portfolio;

    fn demo_brief(request: crate::ids::RequestId) -> BudgetBrief {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        brief_from_portfolio(&p, request, as_of).unwrap()
    }

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

    /// Parses the whole document (every element closed and nested, every entity known)
    /// and checks that it carries no character XML 1.0 forbids.
    fn assert_well_formed(svg: &str) {
        assert!(
            !svg.chars().any(|c| c.is_control() && c != '\n'),
            "a control character in the SVG"
        );
        let mut reader = quick_xml::Reader::from_str(svg);
        let mut depth = 0i32;
        let mut roots = 0;
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Start(_) => {
                    roots += i32::from(depth == 0);
                    depth += 1;
                }
                quick_xml::events::Event::End(_) => depth -= 1,
                quick_xml::events::Event::GeneralRef(r) => {
                    let name = r.decode().unwrap();
                    assert!(
                        quick_xml::escape::resolve_xml_entity(&name).is_some(),
                        "&{name};"
                    );
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!((depth, roots), (0, 1));
    }

    #[test]
    fn every_kind_names_the_candidates_and_is_deterministic() {
        let b = demo_brief(crate::ids::RequestId(1));
        for kind in [ChartKind::Contributions, ChartKind::Cumulative] {
            let svg = render_chart_svg(&b, kind).unwrap();
            assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
            assert_well_formed(&svg);
            let text = text_content(&svg);
            for c in &b.lifecycle.candidates {
                assert!(text.contains(&escape(&c.label)), "{kind:?}: {}", c.label);
            }
            assert_eq!(svg, render_chart_svg(&b, kind).unwrap());
        }
        let tornado = render_chart_svg(&b, ChartKind::Tornado).unwrap();
        assert!(tornado.contains("Tornado"));
        let empty = demo_brief(crate::ids::RequestId(3));
        let e = render_chart_svg(&empty, ChartKind::Contributions).unwrap_err();
        assert!(e.to_string().contains("no ranking"), "{e}");
        assert!(ChartKind::parse("kind", "pie").is_err());
    }

    /// The payback chart plots the engine's cumulative net cash flow and marks the engine's
    /// payback; without one, it says so over the zero line.
    #[test]
    fn the_payback_chart_marks_the_engines_payback() {
        use super::charts::{Cumulated, Plot};
        use crate::finance::Payback;
        let b = demo_brief(crate::ids::RequestId(1));
        let svg = render_chart_svg(&b, ChartKind::Payback).unwrap();
        assert_well_formed(&svg);
        let text = text_content(&svg);
        // The highest-ranked candidate with a case, named in the note.
        assert!(text.contains("Kestrel Health Systems KM-9 Patient Monitor: savings"));
        assert!(text.contains("No payback within 10 years"), "{text}");
        assert!(text.contains("Cumulative net cash flow and payback (USD)"));
        assert_eq!(svg, render_chart_svg(&b, ChartKind::Payback).unwrap());

        let r = b.financial_case.as_ref().unwrap();
        let mut case = r.candidates[0].case.clone().unwrap();
        let regular = Metrics::new(REGULAR_TTF, "regular").unwrap();
        let bold = Metrics::new(BOLD_TTF, "bold").unwrap();
        let f = Fonts {
            regular: &regular,
            bold: &bold,
        };
        let plot = |case: &crate::finance::case::FinancialCase| -> Cumulated {
            let chart = charts::payback(&f, 170.0, case, &b.currency, None).unwrap();
            match chart.plot {
                Plot::Cumulated(k) => k,
                other => panic!("{other:?}"),
            }
        };
        let never = plot(&case);
        assert_eq!(never.mark, None);
        assert_eq!(never.values.len(), case.years.len());
        assert!(never.values.iter().all(|v| *v < 0.0));
        // Room above the zero line for the notice: the axis goes a step above zero.
        assert!(never.y_ticks.last().unwrap().0 > 0.0);
        assert!(never.y_ticks.iter().any(|(t, l)| *t == 0.0 && l == "0"));
        case.payback = Payback::Years {
            years: rust_decimal::Decimal::new(34, 1),
        };
        let at = plot(&case);
        assert_eq!(at.mark, Some(3.4));
        assert_eq!(at.mark_label, "Payback 3.4 years");
        for (v, y) in at.values.iter().zip(&case.years) {
            assert_eq!(*v, y.cumulative_net.to_string().parse::<f64>().unwrap());
        }
        let e = render_chart_svg(&demo_brief(crate::ids::RequestId(2)), ChartKind::Payback)
            .unwrap_err();
        assert!(e.to_string().contains("no financial case"), "{e}");
        assert_eq!(
            ChartKind::parse("kind", "Payback").unwrap(),
            ChartKind::Payback
        );
    }

    #[test]
    fn the_contributions_chart_is_drawn_as_before() {
        let svg = render_chart_svg(
            &demo_brief(crate::ids::RequestId(1)),
            ChartKind::Contributions,
        )
        .unwrap();
        expect_test::expect_file!["snapshots/contributions.svg"].assert_eq(&svg);
    }

    #[test]
    fn control_characters_and_markup_in_labels_stay_well_formed_xml() {
        let mut b = demo_brief(crate::ids::RequestId(1));
        let odd = "A\u{1}B <C> & \"D\" 'E'\u{1b}\u{7f}";
        b.request.title = odd.into();
        for c in &mut b.ranking.as_mut().unwrap().candidates {
            c.label = format!("{odd} {}", c.label);
        }
        for c in &mut b.lifecycle.candidates {
            c.label = format!("{odd} {}", c.label);
        }
        let s = b.sensitivity.as_mut().unwrap();
        s.names[0] = odd.into();
        for w in &mut s.one_way {
            w.name = format!("{odd} {}", w.name);
        }
        for kind in [
            ChartKind::Contributions,
            ChartKind::Cumulative,
            ChartKind::Tornado,
        ] {
            let svg = render_chart_svg(&b, kind).unwrap();
            assert_well_formed(&svg);
            assert!(
                svg.contains("A B &lt;C&gt; &amp; &quot;D&quot; &apos;E&apos;"),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_png_is_the_svg_at_twice_the_resolution() {
        let b = demo_brief(crate::ids::RequestId(1));
        let png = render_chart_png(&b, ChartKind::Cumulative).unwrap();
        let reader = png::Decoder::new(std::io::Cursor::new(&png))
            .read_info()
            .unwrap();
        let info = reader.info();
        let svg = render_chart_svg(&b, ChartKind::Cumulative).unwrap();
        let svg_height: u32 = svg
            .split("height=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(info.width, 1700);
        assert!(info.height.abs_diff(2 * svg_height) <= 2, "{}", info.height);
        assert_eq!(png, render_chart_png(&b, ChartKind::Cumulative).unwrap());
    }

    #[test]
    fn formats_by_name_and_extension() {
        let check = |path: &str, expected: Option<ChartFormat>| {
            assert_eq!(
                ChartFormat::of_path(Path::new(path)).ok(),
                expected,
                "{path}"
            );
        };
        check("a.svg", Some(ChartFormat::Svg));
        check("a.PNG", Some(ChartFormat::Png));
        check("a.gif", None);
        check("a", None);
        assert_eq!(
            ChartFormat::parse("format", "Png").unwrap(),
            ChartFormat::Png
        );
        assert!(ChartFormat::parse("format", "pdf").is_err());
    }
}
