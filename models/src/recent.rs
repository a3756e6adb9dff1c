//! The portfolios opened lately, most recent first, for the start screen and the File
//! menu's Open Recent: a small JSON file in Caliper's data directory, written through
//! [`crate::output::write_atomically`]. The list is a convenience: a missing or unreadable
//! file reads as an empty list, and a portfolio file that no longer exists is left out when
//! the list is read.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::output::write_atomically;

/// How many portfolios the list keeps.
pub const MAX_RECENT: usize = 8;

/// A portfolio opened lately: its file and its name when it was last opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecentPortfolio {
    pub path: String,
    pub name: String,
}

/// `list` with `opened` in front: no other entry of its path, at most [`MAX_RECENT`].
pub fn remembered(list: Vec<RecentPortfolio>, opened: RecentPortfolio) -> Vec<RecentPortfolio> {
    let mut kept = Vec::with_capacity(MAX_RECENT);
    kept.extend(list.into_iter().filter(|r| r.path != opened.path));
    kept.insert(0, opened);
    kept.truncate(MAX_RECENT);
    kept
}

/// The entries of `list` whose file `exists`, in order, at most [`MAX_RECENT`].
pub fn still_there(
    list: Vec<RecentPortfolio>,
    exists: impl Fn(&Path) -> bool,
) -> Vec<RecentPortfolio> {
    list.into_iter()
        .filter(|r| exists(Path::new(&r.path)))
        .take(MAX_RECENT)
        .collect()
}

/// The list kept in `file`, the portfolios that no longer exist left out.
pub fn read(file: &Path) -> Vec<RecentPortfolio> {
    let kept = std::fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Vec<RecentPortfolio>>(&bytes).ok())
        .unwrap_or_default();
    still_there(kept, |p| p.is_file())
}

/// Puts the portfolio at `path` named `name` first in the list kept in `file`; returns the
/// list as kept.
pub fn remember(file: &Path, path: &str, name: &str) -> Result<Vec<RecentPortfolio>> {
    let opened = RecentPortfolio {
        path: path.to_string(),
        name: name.to_string(),
    };
    let list = remembered(read(file), opened);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let json = serde_json::to_vec_pretty(&list)
        .map_err(|e| Error::internal(format!("the recent portfolios: {e}")))?;
    write_atomically(file, &json)?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> RecentPortfolio {
        RecentPortfolio {
            path: path.to_string(),
            name: format!("Name of {path}"),
        }
    }

    #[test]
    fn the_latest_comes_first_once_and_the_list_is_capped() {
        let mut list = Vec::new();
        for i in 0..10 {
            list = remembered(list, entry(&format!("/p/{i}.caliper")));
        }
        assert_eq!(list.len(), MAX_RECENT);
        assert_eq!(list[0].path, "/p/9.caliper");
        assert_eq!(list[MAX_RECENT - 1].path, "/p/2.caliper");

        let list = remembered(list, entry("/p/5.caliper"));
        let paths: Vec<&str> = list.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/p/5.caliper",
                "/p/9.caliper",
                "/p/8.caliper",
                "/p/7.caliper",
                "/p/6.caliper",
                "/p/4.caliper",
                "/p/3.caliper",
                "/p/2.caliper"
            ]
        );
    }

    #[test]
    fn portfolios_gone_are_left_out() {
        let list = vec![entry("/a"), entry("/gone"), entry("/b")];
        let shown = still_there(list, |p| p != Path::new("/gone"));
        assert_eq!(shown, vec![entry("/a"), entry("/b")]);
    }

    #[test]
    fn the_list_is_kept_in_its_file_and_a_bad_file_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data").join("recent.json");
        assert!(read(&file).is_empty());

        let a = dir.path().join("a.caliper");
        let b = dir.path().join("b.caliper");
        std::fs::write(&a, b"").unwrap();
        std::fs::write(&b, b"").unwrap();
        remember(&file, a.to_str().unwrap(), "A").unwrap();
        remember(&file, b.to_str().unwrap(), "B").unwrap();
        let names: Vec<String> = read(&file).into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["B", "A"]);

        std::fs::remove_file(&b).unwrap();
        let names: Vec<String> = read(&file).into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["A"]);

        std::fs::write(&file, b"not json").unwrap();
        assert!(read(&file).is_empty());
        assert_eq!(remember(&file, a.to_str().unwrap(), "A").unwrap().len(), 1);
    }
}
