//! The negotiation brief's figures as a workbook: the benchmark per model, every price,
//! the savings, standardisation and demand. Numbers are typed cells, never text.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, Format, Workbook};

use super::GpoBrief;
use crate::error::Result;
use crate::report::sheet::{created_on, excel_money, xlsx_error, SharedFormats, Sheet};

/// The sheets, in order.
pub const SHEETS: [&str; 5] = [
    "Benchmark",
    "Prices",
    "Savings",
    "Standardisation",
    "Demand",
];

const HEADER_ROW: u32 = 3;
const WHAT: &str = "the group purchasing workbook";

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    money: Format,
    integer: Format,
}

impl Formats {
    fn new(currency: &str) -> Self {
        let shared = SharedFormats::new(currency);
        Formats {
            title: shared.title,
            subtitle: shared.subtitle,
            header: shared.header,
            text: Format::new(),
            money: shared.money,
            integer: Format::new().set_num_format("0"),
        }
    }
}

/// A row's cells: text or a typed number.
enum V {
    T(String),
    M(Decimal),
    I(i64),
    Blank,
}

fn write_rows(s: &mut Sheet, rows: &[Vec<V>], f: &Formats) -> Result<()> {
    for (r, row) in rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + r as u32;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                V::T(t) => s.text(r, c, t, &f.text)?,
                V::M(d) => s.number(r, c, excel_money(*d), 14, &f.money)?,
                V::I(i) => s.number(r, c, *i as f64, 6, &f.integer)?,
                V::Blank => {}
            }
        }
    }
    Ok(())
}

fn sheet_with(
    wb: &mut Workbook,
    name: &str,
    title: &str,
    b: &GpoBrief,
    f: &Formats,
    header: &[&str],
    rows: &[Vec<V>],
) -> Result<()> {
    let mut s = Sheet::new(wb.add_worksheet(), name, WHAT)?.widest(60.0);
    s.note(0, 0, title, &f.title)?;
    s.note(
        1,
        0,
        &format!(
            "{} members · net unit prices in {} · {} · as of {} · inputs {}",
            b.members.len(),
            b.benchmark.currency,
            b.benchmark.index.description,
            b.as_of,
            b.content_hash
        ),
        &f.subtitle,
    )?;
    s.header(HEADER_ROW, header, &f.header)?;
    write_rows(&mut s, rows, f)?;
    s.finish(HEADER_ROW + 1, 1)
}

fn opt(d: Option<Decimal>) -> V {
    d.map_or(V::Blank, V::M)
}

/// Writes the workbook and returns its bytes; the same brief gives the same bytes.
pub fn render_gpo_xlsx(b: &GpoBrief) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(format!("Negotiation brief: {} members", b.members.len()))
        .set_subject("Group purchasing: price benchmark, savings, standardisation, demand")
        .set_author("Caliper")
        .set_comment(format!("Inputs {}", b.content_hash))
        .set_creation_datetime(&created_on(b.as_of, WHAT)?);
    wb.set_properties(&props);
    let f = Formats::new(&b.benchmark.currency);
    benchmark_sheet(&mut wb, b, &f)?;
    prices_sheet(&mut wb, b, &f)?;
    savings_sheet(&mut wb, b, &f)?;
    standardisation_sheet(&mut wb, b, &f)?;
    demand_sheet(&mut wb, b, &f)?;
    wb.save_to_buffer().map_err(xlsx_error(WHAT))
}

fn code(c: &Option<String>) -> V {
    V::T(c.clone().unwrap_or_default())
}

fn benchmark_sheet(wb: &mut Workbook, b: &GpoBrief, f: &Formats) -> Result<()> {
    let rows: Vec<Vec<V>> = b
        .benchmark
        .models
        .iter()
        .map(|m| {
            let p = &m.price;
            vec![
                V::T(m.label.clone()),
                code(&m.product_code),
                V::I(p.n as i64),
                V::M(p.best),
                V::M(p.q1),
                V::M(p.median),
                V::M(p.q3),
                V::M(p.worst),
                opt(m.service.as_ref().map(|s| s.median)),
                V::T(m.members.join(", ")),
            ]
        })
        .collect();
    sheet_with(
        wb,
        SHEETS[0],
        "Price benchmark by model",
        b,
        f,
        &[
            "Model",
            "Code",
            "Quotes",
            "Best",
            "Q1",
            "Median",
            "Q3",
            "Worst",
            "Service per unit and year (median)",
            "Members",
        ],
        &rows,
    )
}

fn prices_sheet(wb: &mut Workbook, b: &GpoBrief, f: &Formats) -> Result<()> {
    let rows: Vec<Vec<V>> = b
        .benchmark
        .models
        .iter()
        .flat_map(|m| {
            m.points.iter().map(move |p| {
                vec![
                    V::T(m.label.clone()),
                    V::T(p.member.clone()),
                    V::T(p.request.clone()),
                    V::I(i64::from(p.quantity)),
                    V::T(p.currency.clone()),
                    V::M(p.quoted_unit_price),
                    V::I(i64::from(p.price_year)),
                    V::M(p.net_unit_price),
                    V::M(p.service_per_unit),
                    V::T(if p.outlier {
                        "outlier".into()
                    } else {
                        String::new()
                    }),
                ]
            })
        })
        .collect();
    sheet_with(
        wb,
        SHEETS[1],
        "Every price",
        b,
        f,
        &[
            "Model",
            "Member",
            "Request",
            "Units",
            "Quoted in",
            "Quoted unit price (its currency)",
            "Price year",
            "Net unit price",
            "Service per unit and year",
            "Outlier",
        ],
        &rows,
    )
}

fn savings_sheet(wb: &mut Workbook, b: &GpoBrief, f: &Formats) -> Result<()> {
    let bm = &b.benchmark;
    let rows: Vec<Vec<V>> = bm
        .models
        .iter()
        .flat_map(|m| {
            m.savings.iter().map(move |s| {
                vec![
                    V::T(m.label.clone()),
                    V::T(s.member.clone()),
                    V::I(i64::from(s.quantity)),
                    V::M(s.paid),
                    V::M(s.at_median),
                    V::M(s.at_best),
                ]
            })
        })
        .chain(bm.totals.iter().map(|t| {
            vec![
                V::T("All models".into()),
                V::T(t.member.clone()),
                V::Blank,
                V::M(t.paid),
                V::M(t.at_median),
                V::M(t.at_best),
            ]
        }))
        .collect();
    sheet_with(
        wb,
        SHEETS[2],
        "What each member would save",
        b,
        f,
        &[
            "Model",
            "Member",
            "Units",
            "Paid",
            "Saved at the median",
            "Saved at the best price",
        ],
        &rows,
    )
}

fn standardisation_sheet(wb: &mut Workbook, b: &GpoBrief, f: &Formats) -> Result<()> {
    let rows: Vec<Vec<V>> = b
        .standardisation
        .types
        .iter()
        .flat_map(|t| {
            t.costs.iter().map(move |c| {
                vec![
                    V::T(t.product_code.clone()),
                    V::I(t.group_models as i64),
                    V::T(
                        t.standard
                            .as_ref()
                            .map_or_else(String::new, |s| s.label.clone()),
                    ),
                    V::T(c.member.clone()),
                    V::T(c.own_model.clone()),
                    V::I(i64::from(c.quantity)),
                    c.life_years.map_or(V::Blank, |y| V::I(i64::from(y))),
                    opt(c.own_cost),
                    opt(c.standard_cost),
                    opt(c.difference),
                ]
            })
        })
        .collect();
    sheet_with(
        wb,
        SHEETS[3],
        "Standardisation: each member's choice against the group's best-ranked model",
        b,
        f,
        &[
            "Product code",
            "Models in the group",
            "Best ranked",
            "Member",
            "Own choice",
            "Units",
            "Years",
            "Own lifecycle cost",
            "Standard's lifecycle cost",
            "Difference",
        ],
        &rows,
    )
}

fn demand_sheet(wb: &mut Workbook, b: &GpoBrief, f: &Formats) -> Result<()> {
    let rows: Vec<Vec<V>> = b
        .demand
        .models
        .iter()
        .flat_map(|m| {
            m.preferences.iter().map(move |p| {
                vec![
                    V::I(i64::from(m.fiscal_year)),
                    V::T(m.label.clone()),
                    code(&m.product_code),
                    V::T(p.member.clone()),
                    V::T(p.request.clone()),
                    V::I(i64::from(p.quantity)),
                    p.rank.map_or(V::Blank, |r| V::I(i64::from(r))),
                    p.score.map_or(V::Blank, |s| V::T(s.to_string())),
                    p.lead.map_or(V::Blank, |s| V::T(s.to_string())),
                ]
            })
        })
        .collect();
    sheet_with(
        wb,
        SHEETS[4],
        "Aggregate demand and the members' rankings",
        b,
        f,
        &[
            "Fiscal year",
            "Model",
            "Code",
            "Member",
            "Request",
            "Units",
            "Rank",
            "Score",
            "Lead",
        ],
        &rows,
    )
}
