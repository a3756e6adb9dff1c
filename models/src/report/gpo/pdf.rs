//! The negotiation brief as a PDF, on the brief's layout engine: summary, the benchmark
//! with a strip plot per model (members labelled), savings, product codes,
//! standardisation, aggregate demand, matches and method.

use rust_decimal::Decimal;

use super::GpoBrief;
use crate::money::format_amount;
use crate::report::charts;
use crate::report::layout::{
    finish_document, Align, Cell, Column, Document, Layout, Paper, Row, BODY, INK, MUTED, WARN,
};
use crate::Result;

/// The heading of each section, as printed.
pub const SECTION_HEADINGS: [&str; 7] = [
    "1 Summary",
    "2 Price benchmark by model",
    "3 What each member would save",
    "4 Price benchmark by product code",
    "5 Standardisation",
    "6 Aggregate demand and the members' rankings",
    "7 Matches, members and method",
];

fn money(d: Decimal) -> String {
    format_amount(d, 2)
}

/// Column widths with the first taking what the others leave.
fn columns(l: &Layout, spec: &[(&str, f32, Align)]) -> Vec<Column> {
    let mut c: Vec<Column> = spec
        .iter()
        .map(|(t, w, a)| Column::new(*t, *w, *a))
        .collect();
    let used: f32 = c.iter().skip(1).map(|c| c.width).sum();
    c[0].width = l.width() - used;
    c
}

/// Lays out the brief and returns the PDF's bytes.
pub fn render_gpo_pdf(b: &GpoBrief, paper: Paper) -> Result<Vec<u8>> {
    let mut l = Layout::new(paper)?;
    title_block(&mut l, b);
    summary(&mut l, b);
    models(&mut l, b);
    savings(&mut l, b);
    codes(&mut l, b);
    standardisation(&mut l, b);
    demand(&mut l, b);
    method(&mut l, b);
    finish_document(
        l,
        paper,
        &Document {
            title: format!("Negotiation brief: {} members", b.members.len()),
            subject:
                "Group purchasing: price benchmark, savings, standardisation and aggregate demand"
                    .into(),
            keywords: vec!["group purchasing".into(), "price benchmark".into()],
            footer_left: format!(
                "Negotiation brief · {} members · Inputs {} · As of {}",
                b.members.len(),
                b.content_hash,
                b.as_of
            ),
            content_hash: b.content_hash.clone(),
            as_of: b.as_of,
            id_prefix: "caliper-gpo",
        },
    )
}

fn title_block(l: &mut Layout, b: &GpoBrief) {
    l.y += 4.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        "NEGOTIATION BRIEF · GROUP PURCHASING",
        8.0,
        true,
        MUTED,
    );
    l.y += 11.0;
    let (left, y) = (l.left, l.y);
    l.text(left, y, "Negotiation brief", 18.0, true, INK);
    l.y += 2.5;
    let names: Vec<&str> = b.members.iter().map(|m| m.name.as_str()).collect();
    l.paragraph(
        &format!(
            "{} members: {} · net unit prices in {} · as of {}",
            names.len(),
            names.join(", "),
            b.benchmark.currency,
            b.as_of
        ),
        BODY,
        false,
        MUTED,
        0.0,
    );
}

fn summary(l: &mut Layout, b: &GpoBrief) {
    let bm = &b.benchmark;
    l.heading(SECTION_HEADINGS[0]);
    let at_median: Decimal = bm.totals.iter().map(|t| t.at_median).sum();
    let at_best: Decimal = bm.totals.iter().map(|t| t.at_best).sum();
    let mut pairs = vec![
        (
            "Benchmark".to_string(),
            format!(
                "{} models quoted to {} members ({} quotes), {} product codes.",
                bm.models.len(),
                bm.members.len(),
                bm.models.iter().map(|m| m.price.n).sum::<usize>(),
                bm.product_codes.len()
            ),
            false,
        ),
        (
            "Savings".to_string(),
            format!(
                "{} {} if every member paid no more than the group's median price; {} {} at the best price.",
                bm.currency,
                money(at_median),
                bm.currency,
                money(at_best)
            ),
            true,
        ),
        ("Prices".to_string(), format!("Net of discount and trade-in; {}.", bm.index.description), false),
    ];
    for r in &bm.rates {
        pairs.push((
            "Converted".into(),
            format!(
                "1 {} = {} {} (stated rate)",
                r.currency,
                r.rate.normalize(),
                bm.currency
            ),
            false,
        ));
    }
    if !b.to_review.is_empty() {
        pairs.push((
            "To review".into(),
            format!(
                "{} uncertain match(es), benchmarked as one model until split: {}.",
                b.to_review.len(),
                b.to_review
                    .iter()
                    .map(|m| m.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            false,
        ));
    }
    l.key_values(&pairs, 32.0);
}

fn models(l: &mut Layout, b: &GpoBrief) {
    let bm = &b.benchmark;
    l.heading(SECTION_HEADINGS[1]);
    let cols = columns(
        l,
        &[
            ("Model", 0.0, Align::Left),
            ("Code", 11.0, Align::Left),
            ("n", 7.0, Align::Right),
            ("Best", 19.0, Align::Right),
            ("Q1", 19.0, Align::Right),
            ("Median", 19.0, Align::Right),
            ("Q3", 19.0, Align::Right),
            ("Worst", 19.0, Align::Right),
            ("Service/yr", 19.0, Align::Right),
        ],
    );
    let rows: Vec<Row> = bm
        .models
        .iter()
        .map(|m| {
            let p = &m.price;
            Row::new(vec![
                Cell::new(&m.label),
                Cell::new(m.product_code.as_deref().unwrap_or("-")),
                Cell::new(p.n.to_string()),
                Cell::new(money(p.best)),
                Cell::new(money(p.q1)),
                Cell::new(money(p.median)).bold(),
                Cell::new(money(p.q3)),
                Cell::new(money(p.worst)),
                Cell::new(
                    m.service
                        .as_ref()
                        .map_or_else(|| "-".into(), |s| money(s.median)),
                ),
            ])
        })
        .collect();
    l.table(&cols, &rows, 7.5);
    l.paragraph(
        &format!(
            "Net unit prices in {}; quartiles as Excel's QUARTILE.INC; service is the median contract per unit and year. Outliers (Tukey, 1.5 × IQR) are marked in the charts.",
            bm.currency
        ),
        7.5,
        false,
        MUTED,
        0.0,
    );
    for m in &bm.models {
        charts::gpo_strip_chart(l, m, &bm.currency);
    }
}

fn savings(l: &mut Layout, b: &GpoBrief) {
    let bm = &b.benchmark;
    l.heading(SECTION_HEADINGS[2]);
    l.paragraph(
        "A member's saving on a quote is (its net unit price − the target) × its units, and nothing when it already pays the target or less.",
        BODY,
        false,
        INK,
        0.0,
    );
    let cur = &bm.currency;
    let cols = columns(
        l,
        &[
            ("Member", 0.0, Align::Left),
            ("Paid", 32.0, Align::Right),
            ("At the median", 32.0, Align::Right),
            ("At the best price", 32.0, Align::Right),
        ],
    );
    let mut rows: Vec<Row> = bm
        .totals
        .iter()
        .map(|t| {
            Row::new(vec![
                Cell::new(&t.member),
                Cell::new(money(t.paid)),
                Cell::new(money(t.at_median)).bold(),
                Cell::new(money(t.at_best)),
            ])
        })
        .collect();
    let sum = |f: &dyn Fn(&crate::gpo::benchmark::MemberTotal) -> Decimal| {
        money(bm.totals.iter().map(f).sum())
    };
    rows.push(
        Row::new(vec![
            Cell::new(format!("Group ({cur})")),
            Cell::new(sum(&|t| t.paid)),
            Cell::new(sum(&|t| t.at_median)),
            Cell::new(sum(&|t| t.at_best)),
        ])
        .total(),
    );
    l.table(&cols, &rows, 8.0);
    l.subheading("By model");
    let cols = columns(
        l,
        &[
            ("Model", 0.0, Align::Left),
            ("Member", 38.0, Align::Left),
            ("Units", 12.0, Align::Right),
            ("Paid", 26.0, Align::Right),
            ("At the median", 26.0, Align::Right),
            ("At the best", 26.0, Align::Right),
        ],
    );
    let rows: Vec<Row> = bm
        .models
        .iter()
        .flat_map(|m| {
            m.savings.iter().map(move |s| {
                Row::new(vec![
                    Cell::new(&m.label),
                    Cell::new(&s.member),
                    Cell::new(s.quantity.to_string()),
                    Cell::new(money(s.paid)),
                    Cell::new(money(s.at_median)),
                    Cell::new(money(s.at_best)),
                ])
            })
        })
        .collect();
    l.table(&cols, &rows, 7.5);
}

fn codes(l: &mut Layout, b: &GpoBrief) {
    l.heading(SECTION_HEADINGS[3]);
    let cols = columns(
        l,
        &[
            ("Product code", 0.0, Align::Left),
            ("Models", 14.0, Align::Right),
            ("n", 8.0, Align::Right),
            ("Best", 22.0, Align::Right),
            ("Median", 22.0, Align::Right),
            ("Q1–Q3", 40.0, Align::Right),
        ],
    );
    let rows: Vec<Row> = b
        .benchmark
        .product_codes
        .iter()
        .map(|c| {
            Row::new(vec![
                Cell::new(format!(
                    "{} {}",
                    c.product_code,
                    c.device_name.as_deref().unwrap_or("")
                )),
                Cell::new(c.models.len().to_string()),
                Cell::new(c.price.n.to_string()),
                Cell::new(money(c.price.best)),
                Cell::new(money(c.price.median)).bold(),
                Cell::new(format!("{} – {}", money(c.price.q1), money(c.price.q3))),
            ])
        })
        .collect();
    l.table(&cols, &rows, 7.5);
}

fn standardisation(l: &mut Layout, b: &GpoBrief) {
    let s = &b.standardisation;
    l.heading(SECTION_HEADINGS[4]);
    for t in &s.types {
        // The FDA device name can be long: on its own line, wrapped, under the code.
        l.subheading_keep(
            &format!(
                "{}: {} model(s) across the group",
                t.product_code, t.group_models
            ),
            30.0,
        );
        if let Some(name) = t.device_name.as_deref().filter(|n| !n.is_empty()) {
            l.paragraph(name, BODY, false, MUTED, 0.0);
        }
        for m in &t.members {
            l.bullet(
                &format!(
                    "{}: {} model(s) from its {}: {}.",
                    m.member,
                    m.models.len(),
                    m.source,
                    m.models.join(", ")
                ),
                8.5,
            );
        }
        let Some(std) = &t.standard else { continue };
        l.paragraph(
            &format!(
                "The group's best-ranked model is {}: first in {} member request(s), median net unit price {} {}.",
                std.label,
                std.first_places,
                s.currency,
                money(std.median_price)
            ),
            BODY,
            false,
            INK,
            0.0,
        );
        if t.costs.is_empty() {
            continue;
        }
        let cols = columns(
            l,
            &[
                ("Member and its own choice", 0.0, Align::Left),
                ("Units", 11.0, Align::Right),
                ("Years", 11.0, Align::Right),
                ("Own", 27.0, Align::Right),
                ("Standard", 27.0, Align::Right),
                ("Difference", 27.0, Align::Right),
            ],
        );
        let opt = |d: Option<Decimal>| d.map_or_else(|| "-".into(), money);
        let rows: Vec<Row> = t
            .costs
            .iter()
            .map(|c| {
                let diff = Cell::new(opt(c.difference));
                Row::new(vec![
                    Cell::new(format!("{}: {}", c.member, c.own_model)),
                    Cell::new(c.quantity.to_string()),
                    Cell::new(c.life_years.map_or_else(|| "-".into(), |y| y.to_string())),
                    Cell::new(opt(c.own_cost)),
                    Cell::new(opt(c.standard_cost)),
                    if c.difference.is_some_and(|d| d > Decimal::ZERO) {
                        diff.color(WARN)
                    } else {
                        diff
                    },
                ])
            })
            .collect();
        l.table(&cols, &rows, 7.5);
    }
}

fn demand(l: &mut Layout, b: &GpoBrief) {
    l.heading(SECTION_HEADINGS[5]);
    let cols = columns(
        l,
        &[
            ("Model", 0.0, Align::Left),
            ("FY", 14.0, Align::Left),
            ("Units", 12.0, Align::Right),
            ("First", 11.0, Align::Right),
            ("Members' committees (rank, score, lead)", 78.0, Align::Left),
        ],
    );
    let rows: Vec<Row> = b
        .demand
        .models
        .iter()
        .map(|m| {
            let prefs: Vec<String> = m.preferences.iter().map(|p| p.text()).collect();
            Row::new(vec![
                Cell::new(&m.label),
                Cell::new(format!("FY{}", m.fiscal_year)),
                Cell::new(m.quantity.to_string()),
                Cell::new(m.first_places.to_string()),
                Cell::new(prefs.join("; ")),
            ])
        })
        .collect();
    l.table(&cols, &rows, 7.5);
    l.paragraph(
        "Units are those quoted to each member; a request quoted for several models counts under each. Scores are points of 100 from each member's own ranking; the lead is the first's points over the second.",
        7.5,
        false,
        MUTED,
        0.0,
    );
}

fn method(l: &mut Layout, b: &GpoBrief) {
    l.heading(SECTION_HEADINGS[6]);
    for m in &b.to_review {
        l.bullet(
            &format!("To review: {} ({}).", m.label, m.reasons.join("; ")),
            8.5,
        );
    }
    for m in &b.members {
        let files: Vec<String> = m
            .files
            .iter()
            .map(|(f, h)| format!("{f} (SHA-256 {h}…)"))
            .collect();
        l.bullet(
            &format!("{}: {} quotes from {}.", m.name, m.quotes, files.join(", ")),
            8.5,
        );
    }
    for text in [
        "Matching: the FDA product code first, then manufacturer and model with case, punctuation, company suffixes and the spacing of model numbers ignored; uncertain matches are confirmed or split by the analyst.",
        "Net unit price: unit price × (1 − discount) − trade-in ÷ units, converted at the stated rates, brought to the as-of year by the stated index, rounded to the cent.",
        "Quartiles: Excel's QUARTILE.INC (Hyndman and Fan's definition 7); outliers lie beyond 1.5 × IQR from the quartiles (Tukey).",
        "Standardisation: nominal lifecycle cost over the member's expected life: units × (net unit price + service per unit and year × years after warranty) + training + interfaces.",
        "Member files are opened read-only and never written.",
    ] {
        l.bullet(text, 8.0);
    }
}
