//! What the commands share: the open portfolio with the revision each window last loaded,
//! the files this session exported, the flag that stops a sensitivity analysis, and the
//! file of the portfolios opened lately.

use std::collections::HashSet;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use caliper_models::recent::{self, RecentPortfolio};
use caliper_models::store::{ChangeWatch, Portfolio, PortfolioInfo};
use caliper_models::{Error, ErrorPayload};

use crate::error::{cmd, poisoned, CmdResult};

pub struct AppState {
    open: Mutex<Open>,
    /// The files this session exported (canonical paths): the only ones the window may
    /// have opened or shown in the file manager.
    exported: Mutex<HashSet<PathBuf>>,
    /// Set to stop a running sensitivity analysis.
    cancel: Arc<AtomicBool>,
    /// Where the portfolios opened lately are kept; none keeps no list.
    recent_file: Option<PathBuf>,
}

/// The open portfolio and what each window last loaded of it, behind one lock, so that a
/// change is checked against the window's revision and written in one step.
struct Open {
    portfolio: Portfolio,
    watch: ChangeWatch,
}

/// The open portfolio, to read: a command not marked `#[writes]` in the contract cannot
/// change it.
pub struct Reading<'a>(MutexGuard<'a, Open>);

impl Deref for Reading<'_> {
    type Target = Portfolio;
    fn deref(&self) -> &Portfolio {
        &self.0.portfolio
    }
}

impl AppState {
    pub fn new(portfolio: Portfolio) -> Self {
        AppState {
            open: Mutex::new(Open {
                portfolio,
                watch: ChangeWatch::new(),
            }),
            exported: Mutex::new(HashSet::new()),
            cancel: Arc::new(AtomicBool::new(false)),
            recent_file: None,
        }
    }

    /// Keeps the portfolios opened from now on in `file`, beginning with the open one.
    pub fn keeping_recent(mut self, file: PathBuf) -> Self {
        self.recent_file = Some(file);
        if let Ok(info) = self.portfolio().and_then(|p| cmd(p.info())) {
            self.remember(&info);
        }
        self
    }

    /// The portfolios opened lately, most recent first.
    pub fn recent(&self) -> Vec<RecentPortfolio> {
        self.recent_file
            .as_deref()
            .map(recent::read)
            .unwrap_or_default()
    }

    /// Puts the portfolio just opened first in the recent list. The list is a
    /// convenience: failing to keep it does not fail the opening.
    fn remember(&self, info: &PortfolioInfo) {
        let Some(file) = &self.recent_file else {
            return;
        };
        if info.path.is_empty() {
            return;
        }
        if let Err(e) = recent::remember(file, &info.path, &info.name) {
            eprintln!("caliper: the recent portfolios were not saved: {e}");
        }
    }

    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }

    fn open(&self) -> CmdResult<MutexGuard<'_, Open>> {
        self.open.lock().map_err(|_| poisoned())
    }

    pub fn portfolio(&self) -> CmdResult<Reading<'_>> {
        self.open().map(Reading)
    }

    /// Starts watching the portfolio for `window`, unless it already is.
    pub fn meet(&self, window: &str) -> CmdResult<()> {
        let open = &mut *self.open()?;
        cmd(open.watch.meet(window, &open.portfolio))
    }

    /// The notice for `window` when the portfolio changed since it last loaded it; the
    /// window then loads everything again.
    pub fn catch_up(&self, window: &str) -> CmdResult<Option<String>> {
        let open = &mut *self.open()?;
        cmd(open.watch.catch_up(window, &open.portfolio))
    }

    /// Runs a change for `window`, refused when the window's data is older than the file.
    pub fn write<T>(
        &self,
        window: &str,
        write: impl FnOnce(&mut Portfolio) -> CmdResult<T>,
    ) -> CmdResult<T> {
        let open = &mut *self.open()?;
        open.watch.write(window, &mut open.portfolio, write)
    }

    /// Puts another portfolio in place of the open one; returns its facts. Every window
    /// is then behind it until it catches up.
    pub fn replace(&self, portfolio: Portfolio) -> CmdResult<PortfolioInfo> {
        let mut open = self.open()?;
        open.portfolio = portfolio;
        open.watch.reopened();
        let info = cmd(open.portfolio.info())?;
        drop(open);
        self.remember(&info);
        Ok(info)
    }

    /// Remembers a file this session wrote, so that the window may open it (a file already
    /// gone is not remembered: opening it is refused).
    pub fn exported(&self, path: &str) -> CmdResult<()> {
        if let Ok(canonical) = std::fs::canonicalize(path) {
            self.exported
                .lock()
                .map_err(|_| poisoned())?
                .insert(canonical);
        }
        Ok(())
    }

    /// The file at `path` if this session exported it; any other path is refused.
    pub fn exported_file(&self, path: &Path) -> CmdResult<PathBuf> {
        let refused = || {
            ErrorPayload::from(&Error::validation(
                "path",
                format!(
                    "{} is not a file Caliper exported since it started; only those are opened from here",
                    path.display()
                ),
            ))
        };
        let canonical = std::fs::canonicalize(path).map_err(|_| refused())?;
        let exported = self.exported.lock().map_err(|_| poisoned())?;
        if exported.contains(&canonical) {
            Ok(canonical)
        } else {
            Err(refused())
        }
    }
}

pub fn io_error(path: &Path, e: impl std::fmt::Display) -> ErrorPayload {
    ErrorPayload::from(&Error::io(path, std::io::Error::other(e.to_string())))
}

/// Where Caliper keeps its files: `$CALIPER_DATA_DIR`, else the user's data directory.
pub fn data_dir() -> PathBuf {
    std::env::var_os("CALIPER_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("Caliper")))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The list of the portfolios opened lately, in the data directory.
pub fn recent_file() -> PathBuf {
    data_dir().join("recent.json")
}

/// The portfolio opened at start: `$CALIPER_PORTFOLIO`, else `portfolio.caliper` in the data directory.
pub fn default_portfolio_path() -> PathBuf {
    std::env::var_os("CALIPER_PORTFOLIO")
        .map(PathBuf::from)
        .unwrap_or_else(|| data_dir().join("portfolio.caliper"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use caliper_models::ErrorKind;

    /// Two windows of one Caliper and a second Caliper on one file: a change through any
    /// of them puts the others behind, and a change from behind is refused.
    #[test]
    fn windows_and_instances_on_one_file_see_each_others_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.caliper");
        let this = AppState::new(Portfolio::create(&path).unwrap());
        let other = AppState::new(Portfolio::open(&path).unwrap());
        for window in ["main", "second"] {
            this.meet(window).unwrap();
        }
        other.meet("main").unwrap();
        let add = |name: &'static str| move |p: &mut Portfolio| cmd(p.add_facility(name));

        this.write("main", add("Lakeside")).unwrap();
        assert_eq!(this.catch_up("main").unwrap(), None);
        let e = this.write("second", add("Hillcrest")).unwrap_err();
        assert_eq!(
            (e.kind, e.field.as_deref()),
            (ErrorKind::Conflict, Some("portfolio"))
        );
        assert!(this.catch_up("second").unwrap().is_some());
        this.write("second", add("Hillcrest")).unwrap();

        let e = other.write("main", add("Riverside")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Conflict);
        assert_eq!(other.portfolio().unwrap().facilities().unwrap().len(), 2);
        assert!(other.catch_up("main").unwrap().is_some());
        other.write("main", add("Riverside")).unwrap();
        assert!(this.catch_up("main").unwrap().is_some());

        this.replace(Portfolio::in_memory().unwrap()).unwrap();
        let notice = this.catch_up("second").unwrap().unwrap();
        assert!(
            notice.starts_with("Another portfolio file was opened"),
            "{notice}"
        );
    }

    #[test]
    fn only_files_this_session_exported_are_given_to_the_opener() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(Portfolio::in_memory().unwrap());
        let brief = dir.path().join("brief.pdf");
        let other = dir.path().join("other.pdf");
        std::fs::write(&brief, b"%PDF").unwrap();
        std::fs::write(&other, b"%PDF").unwrap();

        for path in [&brief, &other, &dir.path().join("missing.pdf")] {
            let e = state.exported_file(path).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Validation);
            assert_eq!(e.field.as_deref(), Some("path"));
            assert!(
                e.message.contains("not a file Caliper exported"),
                "{}",
                e.message
            );
        }
        state.exported(brief.to_str().unwrap()).unwrap();
        let indirect = dir.path().join(".").join("brief.pdf");
        assert_eq!(
            state.exported_file(&indirect).unwrap(),
            brief.canonicalize().unwrap()
        );
        assert!(state.exported_file(&other).is_err());

        // A link planted in place of nothing Caliper wrote leads to a file it did not write.
        #[cfg(unix)]
        {
            let link = dir.path().join("link.pdf");
            std::os::unix::fs::symlink(&other, &link).unwrap();
            assert!(state.exported_file(&link).is_err());
        }
    }
}
