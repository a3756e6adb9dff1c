//! `caliper chart`: the brief's charts as SVG for slides.

use caliper_models::assessment::assess;
use caliper_models::ids::RequestId;
use caliper_models::store::Portfolio;
use caliper_tests::caliper;

/// Text as XML writes it.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&apos;")
        .replace('"', "&quot;")
}

/// The document's text with the tags removed and whitespace runs as one space (a wrapped
/// label's lines are the `tspan`s of one `text`).
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
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("demo.caliper");
    let p_arg = portfolio.to_str().unwrap();
    assert!(caliper(&["demo", p_arg]).status.success());
    let p = Portfolio::open(&portfolio).unwrap();
    let ranking = assess(&p.assessment_inputs(RequestId(1)).unwrap()).unwrap();
    for kind in ["contributions", "cumulative", "tornado"] {
        let out = dir.path().join(format!("{kind}.svg"));
        let o = caliper(&[
            "chart",
            "--portfolio",
            p_arg,
            "--request",
            "1",
            "--kind",
            kind,
            "--out",
            out.to_str().unwrap(),
            "--as-of",
            "2026-11-25",
        ]);
        assert!(
            o.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        // Well formed enough: every element closed, no raw ampersands.
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(!svg.contains("& "));
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
    let o = caliper(&[
        "chart",
        "--portfolio",
        p_arg,
        "--request",
        "1",
        "--kind",
        "pie",
        "--out",
        dir.path().join("pie.svg").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("'pie' is not a chart"));
    assert!(!dir.path().join("pie.svg").exists());
}
