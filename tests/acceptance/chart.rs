//! `caliper chart`: the brief's charts as SVG or PNG for slides; the brief's own charts
//! drawn as PDF text and vector graphics.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use caliper_models::assessment::assess;
use caliper_models::ids::RequestId;
use caliper_models::store::Portfolio;
use caliper_tests::caliper;

/// A demo portfolio in a fresh temporary folder.
fn demo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("demo.caliper");
    let p_arg = portfolio.to_str().unwrap().to_string();
    assert!(caliper(&["demo", &p_arg]).status.success());
    (dir, p_arg)
}

/// `caliper chart` of the demo's request 1 with `extra` arguments.
fn chart(portfolio: &str, kind: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "chart",
        "--portfolio",
        portfolio,
        "--request",
        "1",
        "--kind",
        kind,
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ];
    args.extend(extra);
    caliper(&args)
}

/// Text as XML writes it.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&apos;")
        .replace('"', "&quot;")
}

/// The document's text with the tags removed and whitespace runs as one space (a wrapped
/// label's lines are consecutive `text` elements).
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
fn each_kind_is_an_svg_naming_the_candidates() {
    let (dir, p_arg) = demo();
    let p = Portfolio::open(Path::new(&p_arg)).unwrap();
    let ranking = assess(&p.assessment_inputs(RequestId(1)).unwrap()).unwrap();
    for kind in ["contributions", "cumulative", "tornado"] {
        let out = dir.path().join(format!("{kind}.svg"));
        let o = chart(&p_arg, kind, &out, &[]);
        assert!(
            o.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(svg.contains(" xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("<title>Replace ICU physiological monitors: "));
        assert!(svg.trim_end().ends_with("</svg>"));
        // Well formed enough: every element closed, no raw ampersands.
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(!svg.contains("& "));
        assert!(!svg.chars().any(|c| c.is_control() && c != '\n'));
        let text = text_content(&svg);
        if kind == "tornado" {
            // The tornado names the leader and the criteria whose weights move.
            let leader = &ranking.candidates[0].label;
            assert!(text.contains(&escaped(leader)), "tornado: {leader} missing");
            for c in &ranking.criteria {
                assert!(
                    text.contains(&escaped(&c.name)),
                    "tornado: {} missing",
                    c.name
                );
            }
        } else {
            for c in &ranking.candidates {
                assert!(
                    text.contains(&escaped(&c.label)),
                    "{kind}: {} missing",
                    c.label
                );
            }
        }
    }
    let pie = dir.path().join("pie.svg");
    let o = chart(&p_arg, "pie", &pie, &[]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("'pie' is not a chart"));
    assert!(!pie.exists());
}

/// A decoded PNG: width, height and its pixels as RGB triples.
fn decode_png(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(3)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, pixels)
}

#[test]
fn format_png_writes_a_png_that_decodes() {
    let (dir, p_arg) = demo();
    for kind in ["contributions", "cumulative", "tornado"] {
        // --format wins over the extension; without it, the extension decides.
        let named = dir.path().join(format!("{kind}.img"));
        let o = chart(&p_arg, kind, &named, &["--format", "png"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let by_extension = dir.path().join(format!("{kind}.png"));
        assert!(chart(&p_arg, kind, &by_extension, &[]).status.success());
        assert_eq!(
            std::fs::read(&named).unwrap(),
            std::fs::read(&by_extension).unwrap(),
            "{kind}: the same chart, byte for byte"
        );
        let svg = dir.path().join(format!("{kind}.svg"));
        assert!(chart(&p_arg, kind, &svg, &[]).status.success());
        let svg_height: u32 = std::fs::read_to_string(&svg)
            .unwrap()
            .split("height=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .parse()
            .unwrap();

        let (width, height, pixels) = decode_png(&named);
        // 170 mm at 10 pixels per mm; the SVG is 5 units per mm.
        assert_eq!(width, 1700, "{kind}");
        assert!(
            height.abs_diff(2 * svg_height) <= 2 && height > 500,
            "{kind}: {height} px high, the SVG {svg_height}"
        );
        assert_eq!(pixels.len(), (width * height) as usize);
        // White around the chart, the chart itself in many colours (bars, lines, text).
        assert_eq!(pixels[0], [255, 255, 255]);
        let colours: BTreeSet<[u8; 3]> = pixels.iter().copied().collect();
        assert!(colours.len() > 20, "{kind}: {} colours", colours.len());
        let inked = pixels.iter().filter(|p| **p != [255, 255, 255]).count();
        assert!(
            inked * 50 > pixels.len(),
            "{kind}: {inked} of {} pixels drawn",
            pixels.len()
        );
        // The palette's first colour (the first criterion's bars, the leader's line; the
        // tornado's lowered weights in a lighter tint).
        let first = if kind == "tornado" {
            [105, 141, 180]
        } else {
            [78, 121, 167]
        };
        assert!(colours.contains(&first), "{kind}");
    }
    let gif = dir.path().join("chart.gif");
    let o = chart(&p_arg, "tornado", &gif, &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("use .svg or .png, or --format"), "{err}");
    let o = chart(&p_arg, "tornado", &gif, &["--format", "pdf"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("'pdf' is not a chart format"));
    assert!(!gif.exists());
}

/// The brief's charts are vector drawings whose labels are PDF text: a reader finds the
/// legends, axis captions and value labels that only the charts print.
#[test]
fn the_briefs_chart_labels_are_text() {
    let (dir, p_arg) = demo();
    let out = dir.path().join("brief.pdf");
    let o = caliper(&[
        "brief",
        "--portfolio",
        &p_arg,
        "--request",
        "1",
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new("pdftotext")
        .arg(&out)
        .arg("-")
        .output()
        .expect("run pdftotext (installed by scripts/bootstrap.sh)");
    let text = String::from_utf8_lossy(&o.stdout);
    for label in [
        "Score by criterion (weighted contributions, points of 100)",
        "Cumulative cost, nominal (USD)",
        "Years from purchase",
        "Weight lowered 10 points",
        "Weight raised 10 points",
        "Score now: 90.9",
        "Clinical performance and evidence (12 %)",
        "2.0M",
    ] {
        assert!(text.contains(label), "'{label}' is not text in the brief");
    }
}
