//! `caliper finance --input`: the spreadsheet financial functions through the real CLI,
//! reproducing published worked examples (each cited), and refusals naming the call and
//! its field.

use caliper_tests::caliper;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value};

fn write(dir: &tempfile::TempDir, text: &str) -> String {
    let path = dir.path().join("calls.json");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// Runs `finance --json` on `calls` and returns the results' `value`s in order.
fn values(calls: Value) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, &calls.to_string());
    let o = caliper(&["finance", "--input", &file, "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    for (i, r) in out.iter().enumerate() {
        assert_eq!(r["index"], i);
        assert_eq!(r["fn"], calls[i]["fn"]);
    }
    out.into_iter().map(|r| r["value"].clone()).collect()
}

fn rounded(v: &Value, dp: u32) -> Decimal {
    v.as_str()
        .unwrap()
        .parse::<Decimal>()
        .unwrap()
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Microsoft Support's Excel examples: NPV ("NPV function", example 1: 1,188.44), PMT
/// (-1,037.03; type 1: -1,030.16), PV (-59,777.15), FV (=FV(6%/12, 10, -200, -500, 1):
/// 2,581.40), NPER (59.6738657, 60.0821229, -9.57859404), SLN (2,250), SYD (4,090.91;
/// 409.09), DB (cost 1,000,000, salvage 100,000, life 6, month 7: 186,083.33 and the 7th
/// period 15,845.10), DDB (2,400, 300, 10 years: 1.32 a day, 40.00 a month, 480.00,
/// 306.00 at factor 1.5, 22.12 in year 10; also ECMA-376 Part 1 §18.17.7), IRR (-2.1 %,
/// 8.7 %, -44.4 %) and MIRR (13 %, -5 %, 13 %).
#[test]
fn microsoft_excel_examples() {
    let m = |annual: &str| json!(format!("{}", d(annual) / Decimal::from(12)));
    let irr_flows = json!([-70000, 12000, 15000, 18000, 21000, 26000]);
    let mirr_flows = json!([-120000, 39000, 30000, 21000, 37000, 46000]);
    let v = values(json!([
        {"fn": "npv", "convention": "excel", "rate": "0.1", "values": [-10000, 3000, 4200, 6800]},
        {"fn": "pmt", "rate": m("0.08"), "nper": 10, "pv": 10000},
        {"fn": "pmt", "rate": m("0.08"), "nper": 10, "pv": 10000, "fv": 0, "type": 1},
        {"fn": "pv", "rate": m("0.08"), "nper": 240, "pmt": 500, "type": 0},
        {"fn": "fv", "rate": m("0.06"), "nper": 10, "pmt": -200, "pv": -500, "type": 1},
        {"fn": "nper", "rate": m("0.12"), "pmt": -100, "pv": -1000, "fv": 10000, "type": 1},
        {"fn": "nper", "rate": m("0.12"), "pmt": -100, "pv": -1000, "fv": 10000},
        {"fn": "nper", "rate": m("0.12"), "pmt": -100, "pv": -1000},
        {"fn": "sln", "cost": 30000, "salvage": 7500, "life": 10},
        {"fn": "syd", "cost": 30000, "salvage": 7500, "life": 10, "per": 1},
        {"fn": "syd", "cost": 30000, "salvage": 7500, "life": 10, "per": 10},
        {"fn": "db", "cost": 1000000, "salvage": 100000, "life": 6, "period": 1, "month": 7},
        {"fn": "db", "cost": 1000000, "salvage": 100000, "life": 6, "period": 7, "month": 7},
        {"fn": "ddb", "cost": 2400, "salvage": 300, "life": 3650, "period": 1},
        {"fn": "ddb", "cost": 2400, "salvage": 300, "life": 120, "period": 1, "factor": 2},
        {"fn": "ddb", "cost": 2400, "salvage": 300, "life": 10, "period": 1, "factor": 2},
        {"fn": "ddb", "cost": 2400, "salvage": 300, "life": 10, "period": 2, "factor": 1.5},
        {"fn": "ddb", "cost": 2400, "salvage": 300, "life": 10, "period": 10},
        {"fn": "irr", "values": irr_flows.as_array().unwrap()[..5]},
        {"fn": "irr", "values": irr_flows},
        {"fn": "irr", "values": irr_flows.as_array().unwrap()[..3]},
        {"fn": "mirr", "values": mirr_flows, "finance_rate": 0.1, "reinvest_rate": 0.12},
        {"fn": "mirr", "values": mirr_flows.as_array().unwrap()[..4], "finance_rate": 0.1, "reinvest_rate": 0.12},
        {"fn": "mirr", "values": mirr_flows, "finance_rate": 0.1, "reinvest_rate": 0.14},
    ]));
    let cents = [
        "1188.44",
        "-1037.03",
        "-1030.16",
        "-59777.15",
        "2581.40",
        "",
        "",
        "",
        "2250",
        "4090.91",
        "409.09",
        "186083.33",
        "15845.10",
        "1.32",
        "40.00",
        "480.00",
        "306.00",
        "22.12",
    ];
    for (i, want) in cents.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
        assert_eq!(rounded(&v[i], 2), d(want), "call {i}");
    }
    assert_eq!(rounded(&v[5], 7), d("59.6738657"));
    assert_eq!(rounded(&v[6], 7), d("60.0821229"));
    assert_eq!(rounded(&v[7], 8), d("-9.57859404"));
    for (i, want) in [(18, "-0.021"), (19, "0.087"), (20, "-0.444")] {
        assert_eq!(v[i]["outcome"], "rate", "call {i}");
        assert_eq!(rounded(&v[i]["rate"], 3), d(want), "call {i}");
    }
    for (i, want) in [(21, "0.13"), (22, "-0.05"), (23, "0.13")] {
        assert_eq!(rounded(&v[i], 2), d(want), "call {i}");
    }
}

/// numpy-financial's docstring examples (numpy_financial/_financial.py): npv(0.08,
/// [-40000, 5000, 8000, 12000, 30000]) = 3065.22267; fv(0.05/12, 120, -100, -100) =
/// 15692.92889433575; pv(0.05/12, 120, -100, 15692.93) = -100.00067131625819;
/// pmt(0.075/12, 180, 200000) = -1854.0247200054619; nper(0.07/12, -150, 8000) = 64.07335;
/// irr([-100, 39, 59, 55, 20]) = 0.28095, irr([-100, 0, 0, 74]) = -0.0955,
/// irr([-100, 100, 0, 7]) = 0.06206, irr([-100, 100, 0, -7]) = -0.0833 (numpy picks one
/// of two rates; Caliper reports both); mirr([-100, 50, -60, 70], 0.10, 0.12) =
/// -0.03909366594356467.
#[test]
fn numpy_financial_examples() {
    let m = |annual: &str| json!(format!("{}", d(annual) / Decimal::from(12)));
    let v = values(json!([
        {"fn": "npv", "convention": "numpy", "rate": 0.08, "values": [-40000, 5000, 8000, 12000, 30000]},
        {"fn": "fv", "rate": m("0.05"), "nper": 120, "pmt": -100, "pv": -100},
        {"fn": "pv", "rate": m("0.05"), "nper": 120, "pmt": -100, "fv": "15692.93"},
        {"fn": "pmt", "rate": m("0.075"), "nper": 180, "pv": 200000, "when": "end"},
        {"fn": "nper", "rate": m("0.07"), "pmt": -150, "pv": 8000},
        {"fn": "irr", "values": [-100, 39, 59, 55, 20]},
        {"fn": "irr", "values": [-100, 0, 0, 74]},
        {"fn": "irr", "values": [-100, 100, 0, 7]},
        {"fn": "irr", "values": [-100, 100, 0, -7]},
        {"fn": "mirr", "values": [-100, 50, -60, 70], "finance_rate": 0.10, "reinvest_rate": 0.12},
    ]));
    assert_eq!(rounded(&v[0], 5), d("3065.22267"));
    assert_eq!(rounded(&v[1], 8), d("15692.92889434"));
    assert_eq!(rounded(&v[2], 8), d("-100.00067132"));
    assert_eq!(rounded(&v[3], 10), d("-1854.0247200055"));
    assert_eq!(rounded(&v[4], 5), d("64.07335"));
    assert_eq!(rounded(&v[5]["rate"], 5), d("0.28095"));
    assert_eq!(rounded(&v[6]["rate"], 4), d("-0.0955"));
    assert_eq!(rounded(&v[7]["rate"], 5), d("0.06206"));
    assert_eq!(v[8]["outcome"], "multiple");
    let rates = v[8]["rates"].as_array().unwrap();
    assert_eq!(rates.len(), 2);
    assert_eq!(rounded(&rates[1], 4), d("-0.0833"));
    assert_eq!(rounded(&v[9], 15), d("-0.039093665943565"));
}

/// "Lecture 5: Leasing vs Buying" (PowerShow, powershow.com/view1/1d8259-ZDc1Z, an
/// example with tax): a computer costs 300,000; six rentals of 65,000 a year in advance;
/// straight-line depreciation over 3 years; disposal value 10,000 at the end of the lease
/// (t = 6); tax 30 %; after-tax discount rate 7.5 %. Published: cost of buying 300,000 -
/// 78,016 (PV of the depreciation tax benefit) - 4,536 (PV of the after-tax salvage) =
/// 217,448, lower than leasing: "you should buy".
#[test]
fn lease_vs_buy_lecture_example() {
    let v = values(json!([{
        "fn": "lease_vs_buy",
        "discount_rate": "0.075",
        "term_years": 6,
        "life_years": 6,
        "depreciation_years": 3,
        "tax_status": "for_profit",
        "tax_rate": "0.30",
        "purchase": {"price": 300000, "salvage": 10000},
        "operating_lease": {"payment_per_year": 65000, "timing": "advance"}
    }]));
    let r = &v[0];
    assert_eq!(r["options"][0]["option"], "purchase");
    assert_eq!(rounded(&r["options"][0]["present_value"], 0), d("217448"));
    assert_eq!(r["cheapest"], "purchase");
    assert_eq!(r["comparisons"][0]["cheaper"], "purchase");
    assert_eq!(r["comparisons"][0]["break_even_rate"]["outcome"], "rate");
    // After tax, the depreciation shield is 30 % of 100,000 in years 1 to 3.
    assert_eq!(r["options"][0]["cash_flows"][1], "-30000");
    assert_eq!(r["options"][1]["cash_flows"][0], "45500");
}

/// Ross, Westerfield & Jordan's lease-or-buy example (Tasha Corporation; the Xomox example
/// of their "Corporate Finance" has the same numbers), both sides through `caliper
/// finance`: buying is the 10,000 machine less its depreciation tax shield of 680 a year,
/// leasing the after-tax payments of 1,650 a year; at the after-tax borrowing rate of 5 %
/// the net advantage to leasing is the published -87.68 and the rate at which the answer
/// flips the published implicit after-tax rate on the lease, 5.317 %. Fixture:
/// tests/fixtures/published/lease-rwj-fundamentals-tasha.json (source and pages there).
#[test]
fn lease_vs_buy_textbook_example_both_sides() {
    let path = caliper_tests::repo_root()
        .join("tests/fixtures/published/lease-rwj-fundamentals-tasha.json");
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let published = &fixture["published"];
    let number = |v: &Value| d(&v.to_string());
    let r = &values(json!([fixture["call"].clone()]))[0];
    let (buy, lease) = (&r["options"][0], &r["options"][1]);
    assert_eq!(
        (&buy["option"], &lease["option"]),
        (&json!("purchase"), &json!("operating_lease"))
    );
    // Each side's flows are the book's: the machine at 0, then the shield it gives up by
    // leasing; the after-tax lease payments at the end of years 1 to 5.
    let flows = |o: &Value| -> Vec<Decimal> {
        o["cash_flows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| d(v.as_str().unwrap()))
            .collect()
    };
    let shield = number(&published["depreciation_tax_shield"]);
    let payment = number(&published["after_tax_lease_payment"]);
    assert_eq!(
        flows(buy),
        [
            number(&published["cost_of_machine"]),
            -shield,
            -shield,
            -shield,
            -shield,
            -shield
        ]
    );
    assert_eq!(
        flows(lease),
        [Decimal::ZERO, payment, payment, payment, payment, payment]
    );
    // Lease minus buy, as the book tabulates it (a saving of 10,000, then -2,330 a year).
    let lease_minus_buy: Vec<Decimal> = flows(buy)
        .iter()
        .zip(flows(lease))
        .map(|(b, l)| b - l)
        .collect();
    let book: Vec<Decimal> = published["lease_minus_buy_flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(number)
        .collect();
    assert_eq!(lease_minus_buy, book);
    let c = &r["comparisons"][0];
    assert_eq!(
        rounded(&c["net_advantage_to_leasing"], 2),
        number(&published["net_advantage_to_leasing"])
    );
    assert_eq!(c["cheaper"], "purchase");
    assert_eq!(r["cheapest"], "purchase");
    assert_eq!(c["break_even_rate"]["outcome"], "rate");
    assert_eq!(
        rounded(&c["break_even_rate"]["rate"], 5),
        number(&published["implicit_after_tax_rate_on_the_lease"])
    );
    // The two present values the published NAL is the difference of.
    let derived = &fixture["derived"];
    assert_eq!(
        rounded(&buy["present_value"], 2),
        number(&derived["present_value_of_owning"])
    );
    assert_eq!(
        rounded(&lease["present_value"], 2),
        number(&derived["present_value_of_leasing"])
    );
}

#[test]
fn a_schedule_and_paybacks_read_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let calls = json!([
        {"fn": "depreciation_schedule", "cost": 120000, "salvage": 12000, "life_years": 5,
         "in_service": "2026-10-15", "fiscal_year_start_month": 7},
        {"fn": "payback", "values": [-1000, 400, 400, 400]},
        {"fn": "discounted_payback", "rate": 0.5, "values": [-1000, 400, 400, 400]},
        {"fn": "irr", "values": [-100, 100, 0, -7]},
        {"fn": "roi", "gain": 125000, "cost": 100000}
    ]);
    let file = write(&dir, &calls.to_string());
    let o = caliper(&["finance", "--input", &file]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    for fragment in [
        "depreciation_schedule",
        "FY2027",
        "16,200.00",
        "12,000.00",
        "2.5 years",
        "never within the horizon",
        "no single IRR",
        "0.25",
    ] {
        assert!(text.contains(fragment), "{fragment} missing from:\n{text}");
    }
}

/// Refusals name the call's index and the field: a rate at -100 %, a fractional life, a
/// salvage above cost, a lease longer than the life, an unknown function, overflow.
#[test]
fn a_bad_call_names_its_index_and_field() {
    let cases = [
        (
            json!([{"fn": "sln", "cost": 1, "salvage": 0, "life": 1}, {"fn": "pmt", "rate": -1, "nper": 12, "pv": 100}]),
            "[1].rate",
        ),
        (
            json!([{"fn": "syd", "cost": 100, "salvage": 0, "life": 4.5, "per": 1}]),
            "[0].life",
        ),
        (
            json!([{"fn": "db", "cost": 100, "salvage": 200, "life": 4, "period": 1}]),
            "[0].salvage",
        ),
        (json!([{"fn": "irr", "values": []}]), "[0].values"),
        (
            json!([{"fn": "depreciation_schedule", "cost": 100, "life_years": 0, "in_service": "2026-01-01"}]),
            "[0].life_years",
        ),
        (
            json!([{"fn": "lease_vs_buy", "discount_rate": 0.05, "term_years": 8, "life_years": 5,
                 "purchase": {"price": 100}, "operating_lease": {"payment_per_year": 30}}]),
            "[0].term_years",
        ),
        (
            json!([{"fn": "fv", "rate": 5, "nper": 100000, "pmt": -1}]),
            "[0].nper",
        ),
        (json!([{"fn": "npv", "rate": 0.1, "values": [1]}]), "[0]"),
        (json!([{"fn": "pmnt", "rate": 0.1}]), "[0].fn"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (calls, field) in cases {
        let file = write(&dir, &calls.to_string());
        let o = caliper(&["finance", "--input", &file, "--json"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "accepted: {calls}");
        assert!(
            err.starts_with(&format!("error: {field}")),
            "{calls}: {err}"
        );
        assert!(o.stdout.is_empty(), "{calls}: printed a result");
    }
}
