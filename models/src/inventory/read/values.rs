//! Reading one cell's value: dates in the forms CMMS exports and spreadsheets write,
//! amounts with currency signs and either decimal mark, yes/no, status and work-order
//! kinds, and small whole numbers. The choices that depend on the whole column (day or
//! month first, decimal point or comma) are made by `super::columns`; here a value is
//! read under them.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::inventory::{AssetStatus, WorkOrderKind};

/// How a column's values are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    /// An FDA product code: three letters (other text is kept, with a warning).
    ProductCode,
    Date,
    /// Money: not negative, at most 10^11.
    Amount,
    /// Hours of work or downtime: as an amount, "h" or "hrs" allowed.
    Hours,
    /// An expected life in years: more than zero, "years" allowed.
    Years,
    YesNo,
    Status,
    WorkKind,
    /// A whole number within the bounds.
    Whole(i32, i32),
}

/// The order of day and month in a date such as 03/04/2019.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 14/03/2019 (most of the world).
    DayMonth,
    /// 03/14/2019 (the United States).
    MonthDay,
}

/// A date as written, before the column's day/month order is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateShape {
    /// Year, month and day are told by the form (ISO, month names, Excel serials).
    Known(i32, u32, u32),
    /// a/b/year: which of a and b is the day depends on the column.
    Numeric(u32, u32, i32),
}

/// The largest amount read: anything larger is a mistake in the export.
const MAX_AMOUNT: i64 = 100_000_000_000;

/// A two-digit year: 00-69 are 2000-2069, 70-99 are 1970-1999.
fn full_year(digits: &str) -> Result<i32, String> {
    let n: i32 = digits.parse().map_err(|_| "not a date".to_string())?;
    match digits.len() {
        2 if n < 70 => Ok(2000 + n),
        2 => Ok(1900 + n),
        4 if (1900..=2200).contains(&n) => Ok(n),
        4 => Err(format!("the year {n} is not plausible")),
        _ => Err("not a date".into()),
    }
}

fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) || (w == "sept" && *m == "september"))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The form of a date: `2019-03-14`, `2019/03/14`, `14/03/2019`, `03/14/2019`,
/// `14.03.2019`, `14-Mar-2019`, `Mar 14, 2019`, `14 March 2019`, `20190314`, an Excel
/// serial number of five digits, any of them followed by a time of day.
pub fn date_shape(raw: &str) -> Result<DateShape, String> {
    let mut s = raw.trim();
    if let Some(colon) = s.find(':') {
        // A time of day follows the date: cut at the space or 'T' before it.
        let cut = s[..colon].rfind([' ', 'T']).ok_or("not a date")?;
        s = s[..cut].trim_end();
    }
    let mut tokens: [&str; 4] = [""; 4];
    let mut n = 0;
    for token in s.split(['-', '/', '.', ',', ' ']).filter(|t| !t.is_empty()) {
        if n == 3 {
            return Err("not a date".into());
        }
        tokens[n] = token;
        n += 1;
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let number = |t: &str| t.parse::<u32>().map_err(|_| "not a date".to_string());
    let [a, b, c, _] = tokens;
    match n {
        1 if digits(a) && a.len() == 8 => Ok(DateShape::Known(
            full_year(&a[..4])?,
            number(&a[4..6])?,
            number(&a[6..])?,
        )),
        1 if digits(a) && a.len() == 5 => excel_serial(number(a)?),
        3 if digits(a) && digits(b) && digits(c) && a.len() == 4 => {
            Ok(DateShape::Known(full_year(a)?, number(b)?, number(c)?))
        }
        3 if digits(a) && digits(b) && digits(c) => {
            Ok(DateShape::Numeric(number(a)?, number(b)?, full_year(c)?))
        }
        3 if digits(a) && digits(c) => {
            let month = month_named(b).ok_or("not a date")?;
            if a.len() == 4 {
                Ok(DateShape::Known(full_year(a)?, month, number(c)?))
            } else {
                Ok(DateShape::Known(full_year(c)?, month, number(a)?))
            }
        }
        3 if digits(b) && digits(c) => {
            let month = month_named(a).ok_or("not a date")?;
            Ok(DateShape::Known(full_year(c)?, month, number(b)?))
        }
        _ => Err("not a date".into()),
    }
}

/// An Excel serial day number (1900 date system: day 1 is 1900-01-01, and the serials
/// count Excel's 29 February 1900, so day 0 is 1899-12-30 for the dates after it).
fn excel_serial(days: u32) -> Result<DateShape, String> {
    use chrono::Datelike;
    let day0 = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or("not a date")?;
    let date = day0
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .ok_or("not a date")?;
    Ok(DateShape::Known(date.year(), date.month(), date.day()))
}

/// The date of a shape under `order` (`None`: a numeric shape is not read).
pub fn date_of(shape: DateShape, order: DateOrder) -> Result<NaiveDate, String> {
    let (y, m, d) = match (shape, order) {
        (DateShape::Known(y, m, d), _) => (y, m, d),
        (DateShape::Numeric(a, b, y), DateOrder::DayMonth) => (y, b, a),
        (DateShape::Numeric(a, b, y), DateOrder::MonthDay) => (y, a, b),
    };
    if !(1..=12).contains(&m) {
        return Err(format!("month {m} does not exist"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        format!(
            "no such date: {} has no day {d}",
            NaiveDate::from_ymd_opt(y, m, 1)
                .map_or_else(String::new, |f| f.format("%B %Y").to_string())
        )
    })
}

/// The decimal mark an amount shows, if its form tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Point,
    Comma,
    /// `1,234`, `1.234` or `1234`: either mark reads it.
    Either,
}

/// The amount's digits and marks, its currency and unit words taken off; `Err` for a
/// negative amount or text that is not one.
pub fn amount_body(raw: &str) -> Result<&str, String> {
    let mut s = raw.trim();
    // Plain digits and marks (most cells of an export) are their own body.
    if s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Ok(s);
    }
    if s.starts_with('(') && s.ends_with(')') || s.starts_with('-') || s.ends_with('-') {
        return Err("a negative amount".into());
    }
    loop {
        let before = s;
        for sign in ["USD", "EUR", "GBP", "CAD", "$", "€", "£"] {
            s = s.strip_prefix(sign).unwrap_or(s).trim_start();
            s = s.strip_suffix(sign).unwrap_or(s).trim_end();
        }
        if let Some(word) = s
            .rsplit(' ')
            .next()
            .filter(|w| w.bytes().all(|b| b.is_ascii_alphabetic()))
        {
            if UNIT_WORDS.contains(&word.to_ascii_lowercase().as_str()) {
                s = s[..s.len() - word.len()].trim_end();
            }
        }
        if s.starts_with('-') {
            return Err("a negative amount".into());
        }
        if s == before {
            break;
        }
    }
    let unit = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !unit.is_empty() && UNIT_WORDS.contains(&s[unit.len()..].to_ascii_lowercase().as_str()) {
        s = unit.trim_end();
    }
    if s.is_empty() || !s.bytes().any(|b| b.is_ascii_digit()) {
        return Err("not an amount".into());
    }
    Ok(s)
}

/// Words after a number of hours or years.
const UNIT_WORDS: &[&str] = &[
    "h", "hr", "hrs", "hour", "hours", "y", "yr", "yrs", "year", "years",
];

/// The decimal mark `body` (from [`amount_body`]) shows.
pub fn mark_of(body: &str) -> Mark {
    let last_point = body.rfind('.');
    let last_comma = body.rfind(',');
    let count = |c: char| body.matches(c).count();
    match (last_point, last_comma) {
        (Some(p), Some(c)) if c > p => Mark::Comma,
        (Some(_), Some(_)) => Mark::Point,
        (Some(_), None) if count('.') > 1 => Mark::Comma,
        (Some(p), None) if body.len() - p - 1 == 3 => Mark::Either,
        (Some(_), None) => Mark::Point,
        (None, Some(_)) if count(',') > 1 => Mark::Point,
        (None, Some(c)) if body.len() - c - 1 == 3 => Mark::Either,
        (None, Some(_)) => Mark::Comma,
        (None, None) => Mark::Either,
    }
}

/// The amount of `body` read with `mark` as its decimal mark (the other mark and spaces
/// are thousands separators).
pub fn amount_of(body: &str, mark: Mark) -> Result<Decimal, String> {
    let (decimal, thousands) = match mark {
        Mark::Comma => (b',', b'.'),
        Mark::Point | Mark::Either => (b'.', b','),
    };
    let mut buf = [0u8; 48];
    let mut n = 0;
    for b in body.bytes() {
        let out = match b {
            b'0'..=b'9' => b,
            _ if b == decimal => b'.',
            _ if b == thousands || b == b' ' || b == b'\'' => continue,
            // No-break and narrow no-break spaces (UTF-8 continuation bytes included).
            0xC2 | 0xA0 | 0xE2 | 0x80 | 0xAF => continue,
            _ => return Err("not an amount".into()),
        };
        if n == buf.len() {
            return Err("not an amount".into());
        }
        buf[n] = out;
        n += 1;
    }
    let text = std::str::from_utf8(&buf[..n]).map_err(|_| "not an amount".to_string())?;
    let value = Decimal::from_str(text).map_err(|_| "not an amount".to_string())?;
    if value > Decimal::from(MAX_AMOUNT) {
        return Err(format!("an absurd amount (more than {MAX_AMOUNT})"));
    }
    Ok(value)
}

/// Yes or no: Y/N, Yes/No, True/False, 1/0, X (yes).
pub fn yes_no(raw: &str) -> Result<bool, String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "1" | "x" => Ok(true),
        "n" | "no" | "false" | "0" => Ok(false),
        _ => Err("not yes or no".into()),
    }
}

/// An asset's status: Active, In Service, In Use; Retired, Disposed, Inactive,
/// Scrapped, Traded (in).
pub fn status(raw: &str) -> Result<AssetStatus, String> {
    let words = super::fields::normalise(raw);
    match words.as_str() {
        "active" | "in service" | "inservice" | "in use" => Ok(AssetStatus::Active),
        w if ["retired", "disposed", "inactive", "scrapped", "traded", "trade"]
            .iter()
            .any(|r| w.split(' ').next() == Some(r)) =>
        {
            Ok(AssetStatus::Retired)
        }
        _ => Err("an unknown status (Caliper reads Active, In Service, In Use, Retired, Disposed, Inactive, Scrapped, Traded)".into()),
    }
}

/// A work order's kind: CM, Corrective, Repair, Unscheduled; PM, Preventive, Scheduled,
/// Inspection; anything else is other.
pub fn work_kind(raw: &str) -> WorkOrderKind {
    let words = super::fields::normalise(raw);
    let has = |list: &[&str]| words.split(' ').any(|w| list.contains(&w));
    if has(&["cm", "corrective", "repair", "unscheduled", "breakdown"]) {
        WorkOrderKind::Corrective
    } else if has(&[
        "pm",
        "preventive",
        "preventative",
        "scheduled",
        "inspection",
        "sm",
    ]) {
        WorkOrderKind::Preventive
    } else {
        WorkOrderKind::Other
    }
}

/// A whole number within `min..=max`.
pub fn whole(raw: &str, min: i32, max: i32) -> Result<i32, String> {
    let s = raw.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let s = s.strip_suffix(".0").unwrap_or(s);
    let n: i32 = s.parse().map_err(|_| "not a whole number".to_string())?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{n} is outside {min} to {max}"))
    }
}

/// A product code: three letters, upper-cased; `None` for other text.
pub fn product_code(raw: &str) -> Option<String> {
    let s = raw.trim();
    (s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic())).then(|| s.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(raw: &str, order: DateOrder) -> Result<String, String> {
        date_shape(raw)
            .and_then(|s| date_of(s, order))
            .map(|d| d.to_string())
    }

    #[test]
    fn dates_in_every_form() {
        use DateOrder::*;
        let ok =
            |raw: &str, order, iso: &str| assert_eq!(date(raw, order).as_deref(), Ok(iso), "{raw}");
        ok("2019-03-14", DayMonth, "2019-03-14");
        ok("2019/03/14", MonthDay, "2019-03-14");
        ok("14/03/2019", DayMonth, "2019-03-14");
        ok("03/14/2019", MonthDay, "2019-03-14");
        ok("14.03.2019", DayMonth, "2019-03-14");
        ok("14-Mar-2019", MonthDay, "2019-03-14");
        ok("Mar 14, 2019", DayMonth, "2019-03-14");
        ok("14 March 2019", DayMonth, "2019-03-14");
        ok("2019-03-14 00:00:00", DayMonth, "2019-03-14");
        ok("3/14/2019 12:00 AM", MonthDay, "2019-03-14");
        ok("2019-03-14T08:30:00Z", MonthDay, "2019-03-14");
        ok("43538", DayMonth, "2019-03-14");
        ok("20190314", DayMonth, "2019-03-14");
        ok("14/03/19", DayMonth, "2019-03-14");
        ok("14-Mar-69", DayMonth, "2069-03-14");
        ok("14-Mar-70", DayMonth, "1970-03-14");
        let bad = |raw: &str, order, reason: &str| {
            let got = date(raw, order).unwrap_err();
            assert!(got.contains(reason), "{raw}: {got}");
        };
        bad(
            "31/02/2019",
            DayMonth,
            "no such date: February 2019 has no day 31",
        );
        bad("2019-13-01", DayMonth, "month 13 does not exist");
        bad("14/03/2019", MonthDay, "month 14 does not exist");
        bad("soon", DayMonth, "not a date");
        bad("14/03/219", DayMonth, "not a date");
        bad("1 2 3 4", DayMonth, "not a date");
        assert_eq!(date_shape("03/04/2019"), Ok(DateShape::Numeric(3, 4, 2019)));
    }

    #[test]
    fn amounts_with_currency_and_either_mark() {
        let read = |raw: &str, mark| {
            amount_body(raw)
                .and_then(|b| amount_of(b, mark))
                .map(|d| d.to_string())
        };
        assert_eq!(read("$12,500.50", Mark::Point).as_deref(), Ok("12500.50"));
        assert_eq!(read("12 500,50 €", Mark::Comma).as_deref(), Ok("12500.50"));
        assert_eq!(read("EUR 1.234,56", Mark::Comma).as_deref(), Ok("1234.56"));
        assert_eq!(read("USD 980", Mark::Either).as_deref(), Ok("980"));
        assert_eq!(read("4.5 hrs", Mark::Point).as_deref(), Ok("4.5"));
        assert_eq!(read("10 years", Mark::Point).as_deref(), Ok("10"));
        assert_eq!(
            read("(500.00)", Mark::Point),
            Err("a negative amount".into())
        );
        assert_eq!(read("-3", Mark::Point), Err("a negative amount".into()));
        assert_eq!(read("$-3", Mark::Point), Err("a negative amount".into()));
        assert!(read("200000000000", Mark::Point)
            .unwrap_err()
            .contains("absurd"));
        assert_eq!(read("n/a", Mark::Point), Err("not an amount".into()));
        let mark = |raw: &str| mark_of(amount_body(raw).unwrap());
        assert_eq!(mark("1.234,56 €"), Mark::Comma);
        assert_eq!(mark("12,5"), Mark::Comma);
        assert_eq!(mark("1,234.56"), Mark::Point);
        assert_eq!(mark("1234.56"), Mark::Point);
        assert_eq!(mark("1,234,567"), Mark::Point);
        assert_eq!(mark("1.234.567"), Mark::Comma);
        assert_eq!(mark("12,500"), Mark::Either);
        assert_eq!(mark("1.234"), Mark::Either);
        assert_eq!(mark("1234"), Mark::Either);
    }

    #[test]
    fn yes_no_status_kinds_and_whole_numbers() {
        for (raw, want) in [
            ("Y", true),
            ("yes", true),
            ("TRUE", true),
            ("1", true),
            ("x", true),
            ("N", false),
            ("No", false),
            ("false", false),
            ("0", false),
        ] {
            assert_eq!(yes_no(raw), Ok(want), "{raw}");
        }
        assert!(yes_no("maybe").is_err());
        for raw in ["Active", "In Service", "in-use"] {
            assert_eq!(status(raw), Ok(AssetStatus::Active), "{raw}");
        }
        for raw in ["Retired", "Disposed", "INACTIVE", "Scrapped", "Traded In"] {
            assert_eq!(status(raw), Ok(AssetStatus::Retired), "{raw}");
        }
        assert!(status("Missing").unwrap_err().contains("unknown status"));
        assert_eq!(work_kind("CM"), WorkOrderKind::Corrective);
        assert_eq!(work_kind("Repair"), WorkOrderKind::Corrective);
        assert_eq!(work_kind("Unscheduled"), WorkOrderKind::Corrective);
        assert_eq!(work_kind("PM"), WorkOrderKind::Preventive);
        assert_eq!(work_kind("Safety Inspection"), WorkOrderKind::Preventive);
        assert_eq!(work_kind("Installation"), WorkOrderKind::Other);
        assert_eq!(whole("10", 2, 10), Ok(10));
        assert_eq!(whole("+2", -2, 2), Ok(2));
        assert_eq!(whole("-2", -2, 2), Ok(-2));
        assert_eq!(whole("11", 2, 10), Err("11 is outside 2 to 10".into()));
        assert!(whole("high", 1, 5).is_err());
        assert_eq!(product_code("frn").as_deref(), Some("FRN"));
        assert_eq!(product_code("FRN-1"), None);
    }
}
