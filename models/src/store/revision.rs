//! Telling that the portfolio file changed under a window, so that two windows or two
//! Caliper instances on one file see each other's changes and never overwrite a newer
//! edit unknowingly.
//!
//! A [`Revision`] is where the file stands as one connection sees it: SQLite's
//! `data_version`, which changes when any other connection (of this or another process)
//! commits, and the rows this connection has changed itself. Both are read without
//! touching a table, so a window can ask every few seconds.
//!
//! A [`ChangeWatch`] keeps, for each viewer (a window) of one open portfolio, the revision
//! it last loaded. A viewer behind the file is told so once, and then loads everything
//! again ([`ChangeWatch::catch_up`]); a change it sends while behind is refused with a
//! `conflict` and nothing is written ([`ChangeWatch::write`]). A viewer's own change is
//! known to it; any other is not.
//!
//! The check and the write are atomic among the viewers of one watch (the caller holds
//! both behind one lock); another process committing in the instant between the check and
//! the write is not refused, but is seen at the viewer's next look.

use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

use super::Portfolio;
use crate::error::{Error, Result};

/// Where the portfolio file stands as one connection sees it; two revisions read through
/// one connection are equal exactly when nobody changed the file in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    /// SQLite's `data_version`: changes when another connection commits.
    others: i64,
    /// Rows this connection has changed.
    own: u64,
}

impl Portfolio {
    /// The file's revision as this connection sees it.
    pub fn revision(&self) -> Result<Revision> {
        Ok(Revision {
            others: self
                .conn
                .pragma_query_value(None, "data_version", |r| r.get(0))?,
            own: self.conn.total_changes(),
        })
    }

    /// When the file (or its write-ahead log) was last written, in local time; `None` for a
    /// portfolio in memory or a file whose time cannot be read.
    fn last_written(&self) -> Option<String> {
        let path = self.path()?;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
        let latest: SystemTime = [modified(path), modified(Path::new(&wal))]
            .into_iter()
            .flatten()
            .max()?;
        let local = chrono::DateTime::<chrono::Local>::from(latest);
        Some(local.format("%Y-%m-%d %H:%M:%S").to_string())
    }

    /// " at <time>" of the last write, or nothing.
    fn at_last_write(&self) -> String {
        self.last_written()
            .map_or_else(String::new, |t| format!(" at {t}"))
    }
}

/// What one viewer last loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    /// Which file: [`ChangeWatch::reopened`] counts the files opened.
    file: u64,
    revision: Revision,
}

/// The revision each viewer (window) of one open portfolio last loaded; see the module doc.
#[derive(Debug, Default)]
pub struct ChangeWatch {
    /// Counts the files opened in place of the first.
    file: u64,
    seen: HashMap<String, Seen>,
}

impl ChangeWatch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts watching for `viewer` at the portfolio's current revision, unless it already
    /// is watched: a viewer's first request is the start of what it loads.
    pub fn meet(&mut self, viewer: &str, portfolio: &Portfolio) -> Result<()> {
        if !self.seen.contains_key(viewer) {
            self.catch_up(viewer, portfolio)?;
        }
        Ok(())
    }

    /// What changed since `viewer` last loaded the portfolio (through another viewer,
    /// connection or program, or another file opened), as a notice to show; `None` when
    /// nothing did. The viewer is then counted as up to date: it loads everything again.
    pub fn catch_up(&mut self, viewer: &str, portfolio: &Portfolio) -> Result<Option<String>> {
        let now = self.now(portfolio)?;
        let notice = match self.seen.insert(viewer.to_string(), now) {
            Some(seen) if seen.file != now.file => Some(
                "Another portfolio file was opened in another window; the screen now shows it."
                    .to_string(),
            ),
            Some(seen) if seen.revision != now.revision => Some(format!(
                "The portfolio was changed by another window or program{}; the screen now shows the latest data.",
                portfolio.at_last_write()
            )),
            _ => None,
        };
        Ok(notice)
    }

    /// Runs `write` unless the portfolio changed since `viewer` last loaded it: then
    /// nothing is written and the error is a `conflict` on the field `portfolio`. The
    /// viewer's own change, saved or not, is known to it afterwards; other changes are not.
    pub fn write<T, E>(
        &mut self,
        viewer: &str,
        portfolio: &mut Portfolio,
        write: impl FnOnce(&mut Portfolio) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E>
    where
        E: for<'e> From<&'e Error>,
    {
        let now = self.now(portfolio).map_err(|e| E::from(&e))?;
        let seen = *self.seen.entry(viewer.to_string()).or_insert(now);
        if seen != now {
            return Err(E::from(&Error::conflict(
                "portfolio",
                format!(
                    "it was changed by another window or program{}; the screen now shows the latest data; make your change again",
                    portfolio.at_last_write()
                ),
            )));
        }
        let result = write(portfolio);
        let own = portfolio.revision().map_err(|e| E::from(&e))?.own;
        self.seen.insert(
            viewer.to_string(),
            Seen {
                revision: Revision {
                    own,
                    ..seen.revision
                },
                ..seen
            },
        );
        result
    }

    /// Another file is now open: every viewer still shows the previous one until it
    /// catches up (the one that opened it, at once).
    pub fn reopened(&mut self) {
        self.file += 1;
    }

    fn now(&self, portfolio: &Portfolio) -> Result<Seen> {
        Ok(Seen {
            file: self.file,
            revision: portfolio.revision()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, ErrorPayload};

    /// Two connections on one real file, as two Caliper instances have.
    fn two_connections() -> (tempfile::TempDir, Portfolio, Portfolio) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.caliper");
        let first = Portfolio::create(&path).unwrap();
        let second = Portfolio::open(&path).unwrap();
        (dir, first, second)
    }

    fn add(
        name: &str,
    ) -> impl FnOnce(&mut Portfolio) -> std::result::Result<(), ErrorPayload> + '_ {
        move |p| {
            p.add_facility(name)
                .map(|_| ())
                .map_err(|e| ErrorPayload::from(&e))
        }
    }

    #[test]
    fn a_change_through_another_connection_is_seen() {
        let (_dir, mut a, b) = two_connections();
        let before = b.revision().unwrap();
        assert_eq!(b.revision().unwrap(), before, "reading changes nothing");
        // Another program that only reads (the CLI, a second window's first look) is no
        // change, even when its closing folds the log into the file.
        let path = b.path().unwrap().to_path_buf();
        let reader = Portfolio::open_read_only(&path).unwrap();
        reader.facilities().unwrap();
        drop(reader);
        drop(Portfolio::open(&path).unwrap());
        assert_eq!(b.revision().unwrap(), before);
        a.add_facility("Lakeside").unwrap();
        assert_ne!(b.revision().unwrap(), before);

        let mut watch = ChangeWatch::new();
        watch.meet("main", &a).unwrap();
        assert_eq!(watch.catch_up("main", &a).unwrap(), None);
        let mut b = b;
        b.add_facility("Hillcrest").unwrap();
        let notice = watch.catch_up("main", &a).unwrap().unwrap();
        assert!(
            notice.starts_with("The portfolio was changed by another window or program at "),
            "{notice}"
        );
        assert_eq!(watch.catch_up("main", &a).unwrap(), None, "told once");
    }

    #[test]
    fn a_write_from_behind_is_refused_and_changes_nothing() {
        let (_dir, mut a, mut b) = two_connections();
        let mut watch = ChangeWatch::new();
        watch.meet("main", &a).unwrap();
        b.add_facility("Hillcrest").unwrap();

        let e = watch.write("main", &mut a, add("Lakeside")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Conflict);
        assert_eq!(e.field.as_deref(), Some("portfolio"));
        assert!(
            e.message
                .contains("changed by another window or program at ")
                && e.message.ends_with("make your change again"),
            "{}",
            e.message
        );
        let names: Vec<String> = a
            .facilities()
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["Hillcrest"]);

        // Once the window has loaded the latest data, its change goes through.
        assert!(watch.catch_up("main", &a).unwrap().is_some());
        watch.write("main", &mut a, add("Lakeside")).unwrap();
        assert_eq!(a.facilities().unwrap().len(), 2);
        assert_eq!(b.facilities().unwrap().len(), 2);
    }

    #[test]
    fn a_viewers_own_changes_are_known_to_it_and_not_to_the_others() {
        let (_dir, mut a, _b) = two_connections();
        let mut watch = ChangeWatch::new();
        watch.meet("main", &a).unwrap();
        watch.meet("second", &a).unwrap();
        watch.write("main", &mut a, add("Lakeside")).unwrap();
        // A refused change is known to its viewer too.
        let e = watch.write("main", &mut a, add("Lakeside")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Conflict);
        assert_eq!(e.field.as_deref(), Some("name"));
        watch.write("main", &mut a, add("Hillcrest")).unwrap();
        assert_eq!(watch.catch_up("main", &a).unwrap(), None);

        let e = watch.write("second", &mut a, add("Riverside")).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("portfolio"));
        assert!(watch.catch_up("second", &a).unwrap().is_some());
        watch.write("second", &mut a, add("Riverside")).unwrap();
        assert!(watch.catch_up("main", &a).unwrap().is_some());
    }

    /// Another program's commit in the instant of a viewer's own write is not taken for
    /// the viewer's own: the viewer is still told.
    #[test]
    fn a_concurrent_change_is_not_mistaken_for_the_viewers_own() {
        let (_dir, mut a, mut b) = two_connections();
        let mut watch = ChangeWatch::new();
        watch.meet("main", &a).unwrap();
        watch
            .write("main", &mut a, |p| {
                b.add_facility("Hillcrest")
                    .map_err(|e| ErrorPayload::from(&e))?;
                add("Lakeside")(p)
            })
            .unwrap();
        assert!(watch.catch_up("main", &a).unwrap().is_some());
    }

    #[test]
    fn another_file_opened_is_a_change_for_the_other_viewers() {
        let (_dir, a, b) = two_connections();
        let mut watch = ChangeWatch::new();
        watch.meet("main", &a).unwrap();
        watch.meet("second", &a).unwrap();
        watch.reopened();
        assert!(watch.catch_up("main", &b).unwrap().is_some());
        let notice = watch.catch_up("second", &b).unwrap().unwrap();
        assert!(
            notice.starts_with("Another portfolio file was opened"),
            "{notice}"
        );
        let memory = Portfolio::in_memory().unwrap();
        watch.reopened();
        watch.catch_up("main", &memory).unwrap();
        let mut memory = memory;
        memory.add_facility("Lakeside").unwrap();
        assert_eq!(
            watch.catch_up("main", &memory).unwrap().as_deref(),
            Some("The portfolio was changed by another window or program; the screen now shows the latest data.")
        );
    }
}
