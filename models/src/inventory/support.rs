//! Operating systems whose vendor support has ended or ends: a small reference table for
//! the cyber factor of the replacement priority, matched in an asset's operating-system
//! text case-insensitively.
//!
//! Source: Microsoft Lifecycle product pages (learn.microsoft.com/lifecycle/products; the
//! data behind them is Microsoft's `lifecycle-data` repository): the end of extended
//! support of each fixed-policy product (Windows XP, XP Embedded, 7, Embedded Standard 7,
//! 8.1, Server 2008, 2008 R2, 2012, 2012 R2) and the end of support of Windows 10 Home and
//! Pro (modern policy). Paid extended security updates are not counted as support.
//! Windows 10 LTSC and IoT editions have later dates and are not matched.

use chrono::NaiveDate;

/// One operating system and the day its vendor support ended (or ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OsSupport {
    /// As shown: "Windows 7".
    pub name: &'static str,
    /// Lower-case texts that name it, any of which matches.
    matches: &'static [&'static str],
    /// Lower-case texts that, present, mean another product (Windows 10 LTSC, IoT).
    unless: &'static [&'static str],
    end: (i32, u32, u32),
}

impl OsSupport {
    /// The last day of support.
    pub fn end_of_support(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.end.0, self.end.1, self.end.2)
    }
}

/// The table, the more specific names first (XP Embedded before XP).
pub const OPERATING_SYSTEMS: [OsSupport; 10] = [
    OsSupport {
        name: "Windows XP Embedded",
        matches: &["windows xp embedded", "xp embedded", "xpe"],
        unless: &[],
        end: (2016, 1, 12),
    },
    OsSupport {
        name: "Windows XP",
        matches: &["windows xp", "winxp"],
        unless: &[],
        end: (2014, 4, 8),
    },
    OsSupport {
        name: "Windows Embedded Standard 7",
        matches: &["windows embedded standard 7", "wes7"],
        unless: &[],
        end: (2020, 10, 13),
    },
    OsSupport {
        name: "Windows 7",
        matches: &["windows 7", "win7", "win 7"],
        unless: &[],
        end: (2020, 1, 14),
    },
    OsSupport {
        name: "Windows 8.1",
        matches: &["windows 8.1", "win8.1"],
        unless: &[],
        end: (2023, 1, 10),
    },
    OsSupport {
        name: "Windows 10",
        matches: &["windows 10", "win10", "win 10"],
        unless: &["ltsc", "ltsb", "iot"],
        end: (2025, 10, 14),
    },
    OsSupport {
        name: "Windows Server 2008 R2",
        matches: &["server 2008 r2"],
        unless: &[],
        end: (2020, 1, 14),
    },
    OsSupport {
        name: "Windows Server 2008",
        matches: &["server 2008"],
        unless: &[],
        end: (2020, 1, 14),
    },
    OsSupport {
        name: "Windows Server 2012 R2",
        matches: &["server 2012 r2"],
        unless: &[],
        end: (2023, 10, 10),
    },
    OsSupport {
        name: "Windows Server 2012",
        matches: &["server 2012"],
        unless: &[],
        end: (2023, 10, 10),
    },
];

/// The table's entry for an operating-system text, if it names one.
pub fn operating_system(text: &str) -> Option<&'static OsSupport> {
    super::with_lowercase(text, |t| {
        OPERATING_SYSTEMS.iter().find(|os| {
            os.matches.iter().any(|m| contains_word(t, m))
                && !os.unless.iter().any(|u| t.contains(u))
        })
    })
}

/// `needle` in `hay`, not as part of a longer name ("windows 7" is not in "windows 70").
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '.');
        boundary(before) && boundary(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> Option<&'static str> {
        operating_system(text).map(|os| os.name)
    }

    #[test]
    fn names_match_case_insensitively_and_the_specific_name_first() {
        assert_eq!(
            name("Microsoft WINDOWS 7 Professional SP1"),
            Some("Windows 7")
        );
        assert_eq!(name("Windows XP Embedded SP3"), Some("Windows XP Embedded"));
        assert_eq!(name("Windows XP Professional"), Some("Windows XP"));
        assert_eq!(
            name("Windows Embedded Standard 7"),
            Some("Windows Embedded Standard 7")
        );
        assert_eq!(
            name("Windows Server 2008 R2"),
            Some("Windows Server 2008 R2")
        );
        assert_eq!(name("Windows 10 Pro 22H2"), Some("Windows 10"));
        assert_eq!(name("Windows 10 IoT Enterprise LTSC 2021"), None);
        assert_eq!(name("Windows 11 Pro"), None);
        assert_eq!(name("Windows 8"), None, "8 is not 8.1");
        assert_eq!(name("Linux"), None);
    }

    #[test]
    fn the_dates_are_microsofts() {
        let end = |n: &str| operating_system(n).and_then(OsSupport::end_of_support);
        assert_eq!(end("Windows XP"), NaiveDate::from_ymd_opt(2014, 4, 8));
        assert_eq!(end("Windows 7"), NaiveDate::from_ymd_opt(2020, 1, 14));
        assert_eq!(
            end("Windows 10 Home"),
            NaiveDate::from_ymd_opt(2025, 10, 14)
        );
        assert!(OPERATING_SYSTEMS
            .iter()
            .all(|os| os.end_of_support().is_some()));
    }
}
