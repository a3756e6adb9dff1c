//! The group engine on members built by hand: matching, benchmark and savings computed
//! by hand in the comments.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::matching::MatchStatus;
use super::*;

fn quote(
    manufacturer: &str,
    model: &str,
    code: &str,
    price: Decimal,
    quantity: u32,
) -> MemberQuote {
    MemberQuote {
        request: "ICU monitors".into(),
        fiscal_year: 2027,
        requested_quantity: quantity,
        manufacturer: manufacturer.into(),
        model: model.into(),
        product_code: (!code.is_empty()).then(|| code.to_string()),
        currency: "USD".into(),
        unit_price: price,
        quantity,
        discount_pct: Decimal::ZERO,
        trade_in_credit: Decimal::ZERO,
        service_annual: Decimal::ZERO,
        warranty_years: 0,
        training: Decimal::ZERO,
        interfaces: Decimal::ZERO,
        expected_life_years: None,
        quote_date: None,
        rank: None,
        score: None,
        lead: None,
    }
}

fn member(name: &str, quotes: Vec<MemberQuote>) -> Member {
    Member {
        name: name.into(),
        source: format!("{name}.caliper"),
        quotes,
        installed: Vec::new(),
    }
}

fn settings() -> GroupSettings {
    GroupSettings {
        as_of: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        index: PriceIndex::None,
        currencies: Currencies::default(),
    }
}

fn group() -> Vec<Member> {
    let mut a = quote("Halden Medical, Inc.", "A-7", "MHX", dec!(41000), 10);
    // 41,000 × 0.9 − 5,000 / 10 = 36,400.
    a.discount_pct = dec!(10);
    a.trade_in_credit = dec!(5000);
    vec![
        member(
            "St Mary",
            vec![a, quote("Kestrel", "K2", "MHX", dec!(30000), 10)],
        ),
        member(
            "Riverside",
            vec![
                quote("HALDEN MEDICAL", "A7", "MHX", dec!(40000), 20),
                quote("Kestrel", "K2", "MHX", dec!(31000), 20),
            ],
        ),
        member(
            "Lakeside",
            vec![
                quote("Halden Medical", "A7", "", dec!(38000), 5),
                quote("Kestrel", "K2", "MHX", dec!(29500), 5),
            ],
        ),
    ]
}

#[test]
fn spellings_match_and_are_flagged_for_review() {
    let members = group();
    let m = match_models(&members, &[]).unwrap();
    assert_eq!(m.models.len(), 2);
    let halden = &m.models[0];
    assert_eq!(halden.key, "halden medical|a7");
    assert_eq!(halden.status, MatchStatus::Uncertain);
    assert!(halden
        .reasons
        .iter()
        .any(|r| r.contains("no product code at Lakeside")));
    assert_eq!(m.models[1].status, MatchStatus::Exact);
    assert_eq!(m.to_review, 1);
    let confirmed = [MatchDecision {
        key: "halden medical|a7".into(),
        decision: Decision::Confirmed,
    }];
    assert_eq!(
        match_models(&members, &confirmed).unwrap().models[0].status,
        MatchStatus::Confirmed
    );
    let split = [MatchDecision {
        key: "halden medical|a7".into(),
        decision: Decision::Split,
    }];
    let s = match_models(&members, &split).unwrap();
    assert_eq!(s.models.len(), 4, "three spellings of Halden, and Kestrel");
    assert_eq!(s.to_review, 0);
}

#[test]
fn two_product_codes_on_one_model_are_refused_naming_both() {
    let mut members = group();
    members[2].quotes[1].product_code = Some("DRT".into());
    let e = match_models(&members, &[]).unwrap_err().to_string();
    assert!(
        e.contains("DRT (Lakeside)") && e.contains("MHX (Riverside, St Mary)"),
        "{e}"
    );
}

#[test]
fn the_benchmark_and_savings_are_the_hand_computed_ones() {
    let members = group();
    let m = match_models(&members, &[]).unwrap();
    let b = benchmark(&members, &m, &settings()).unwrap();
    let halden = &b.models[0];
    // 36,400, 38,000, 40,000: Q1 at 0.5 is 37,200, Q3 at 1.5 is 39,000.
    assert_eq!(
        [
            halden.price.best,
            halden.price.q1,
            halden.price.median,
            halden.price.q3
        ],
        [dec!(36400), dec!(37200), dec!(38000), dec!(39000)]
    );
    // Riverside: (40,000 − 38,000) × 20 at the median, (40,000 − 36,400) × 20 at the best.
    let river = halden
        .savings
        .iter()
        .find(|s| s.member == "Riverside")
        .unwrap();
    assert_eq!((river.at_median, river.at_best), (dec!(40000), dec!(72000)));
    let totals: Vec<_> = b.totals.iter().map(|t| (t.at_median, t.at_best)).collect();
    // Kestrel 29,500, 30,000, 31,000: median 30,000; Riverside saves 20,000 and 30,000,
    // St Mary 0 and 5,000, Lakeside (Halden) 0 and 8,000.
    assert_eq!(
        totals,
        vec![
            (dec!(0), dec!(5000)),
            (dec!(60000), dec!(102000)),
            (dec!(0), dec!(8000))
        ]
    );
    assert_eq!(b.product_codes.len(), 1);
}

#[test]
fn a_quote_without_units_is_refused_naming_it() {
    let mut members = group();
    members[1].quotes[0].quantity = 0;
    let m = match_models(&members, &[]).unwrap();
    let e = benchmark(&members, &m, &settings())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Riverside: request 'ICU monitors', HALDEN MEDICAL A7"),
        "{e}"
    );
    assert!(e.contains("no quantity"), "{e}");
}

#[test]
fn prices_are_indexed_and_converted_at_stated_rates() {
    let mut members = group();
    members[0].quotes[1].quote_date = NaiveDate::from_ymd_opt(2025, 3, 1);
    members[2].quotes[1].currency = "EUR".into();
    let m = match_models(&members, &[]).unwrap();
    assert!(
        benchmark(&members, &m, &settings()).is_err(),
        "a mix without a rate"
    );
    let s = GroupSettings {
        index: PriceIndex::YearlyRate(dec!(0.03)),
        currencies: Currencies {
            group: Some("USD".into()),
            rates: vec![Rate {
                currency: "EUR".into(),
                rate: dec!(1.1),
            }],
        },
        ..settings()
    };
    let b = benchmark(&members, &m, &s).unwrap();
    let kestrel: Vec<Decimal> = b.models[1]
        .points
        .iter()
        .map(|p| p.net_unit_price)
        .collect();
    // 30,000 × 1.03 = 30,900; 29,500 EUR × 1.1 = 32,450.
    assert_eq!(kestrel, vec![dec!(30900), dec!(31000), dec!(32450)]);
    assert_eq!(b.rates.len(), 1);
}

#[test]
fn the_models_a_member_runs_come_from_its_inventory_when_it_has_one() {
    let mut members = group();
    members[0].quotes[0].rank = Some(1);
    members[1].quotes[1].rank = Some(1);
    members[2].quotes[1].rank = Some(1);
    members[1].installed = vec![
        InstalledModel {
            manufacturer: "Halden Medical".into(),
            model: "A 7".into(),
            product_code: Some("mhx".into()),
            units: 12,
        },
        InstalledModel {
            manufacturer: "Orion".into(),
            model: "O1".into(),
            product_code: Some("MHX".into()),
            units: 3,
        },
    ];
    let m = match_models(&members, &[]).unwrap();
    let s = standardise(&members, &m, &settings()).unwrap();
    let t = &s.types[0];
    let runs: Vec<(&str, &str, usize)> = t
        .members
        .iter()
        .map(|r| (r.member.as_str(), r.source.as_str(), r.models.len()))
        .collect();
    // Riverside runs Halden and Orion (inventory); the others their first ranked.
    assert_eq!(
        runs,
        vec![
            ("St Mary", "requests", 1),
            ("Riverside", "inventory", 2),
            ("Lakeside", "requests", 1)
        ]
    );
    assert_eq!(t.group_models, 3);
    // Kestrel is first twice, Halden once.
    assert_eq!(t.standard.as_ref().unwrap().key, "kestrel|k2");
    // No quote states an expected life: no cost, never zero.
    assert!(t
        .costs
        .iter()
        .all(|c| c.own_cost.is_none() && c.difference.is_none()));
    let d = demand(&members, &m);
    assert_eq!(d.types[0].requested_quantity, 35);
    assert_eq!(d.models[0].key, "kestrel|k2");
}

#[test]
fn the_results_declare_typescript_types_for_the_window() {
    use ts_rs::{Config, TS};
    let cfg = Config::default();
    let spread = super::stats::Spread::decl(&cfg);
    assert!(spread.contains("median: string"), "{spread}");
    let point = super::benchmark::PricePoint::decl(&cfg);
    assert!(point.contains("net_unit_price: string"), "{point}");
    let decision = Decision::decl(&cfg);
    assert!(decision.contains("MatchDecisionKind"), "{decision}");
    for decl in [
        Benchmark::decl(&cfg),
        Standardisation::decl(&cfg),
        Demand::decl(&cfg),
        Matching::decl(&cfg),
    ] {
        assert!(!decl.contains("Decimal"), "{decl}");
    }
}
