//! Writing the files Caliper produces (briefs, workbooks, CSV, charts) so that nobody ever
//! reads a half-written file and a planted link cannot redirect the write.
//!
//! The bytes go to a temporary file created exclusively, under an unpredictable name, in
//! the target's own folder (so the final rename stays on one file system); it is flushed
//! to disk, then renamed over the target. A target that exists and is not a regular file
//! (a symbolic link, a directory, a device, a pipe) is refused, never replaced. The
//! temporary file is removed on every failure; one left behind by a killed process is
//! removed by the next write to the same target (a live writer holds a lock on its own, so
//! it is never taken for a stale one).

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Every temporary file ends so; the name starts with `.` and the target's file name.
const TEMP_SUFFIX: &str = ".caliper-tmp";

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, whole.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::validation("out", format!("{} is not a file name", path.display()))
        })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::new(
                ErrorKind::NotFound,
                format!("the folder {} does not exist", dir.display()),
            ),
        ));
    }
    refuse_special_target(path)?;
    remove_stale_temporaries(&dir, &name, TEMP_SUFFIX);

    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // Locked until the rename: tells a concurrent cleaner this file is being written.
    let mut tmp = locked_temporary(&builder, &dir)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(path, e))?;
    // On failure `persist` hands the temporary file back, and dropping it deletes it.
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    if let Ok(d) = File::open(&dir) {
        // The rename is durable once the folder is; not every file system allows this.
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new temporary file made by `builder` in `dir`, locked (which tells a concurrent
/// cleaner it is in use). A cleaner may remove a file between its creation and its lock:
/// then the lock is taken on a file that is no longer in the folder, and another is made.
pub(crate) fn locked_temporary(
    builder: &tempfile::Builder,
    dir: &Path,
) -> Result<tempfile::NamedTempFile> {
    for _ in 0..16 {
        let temp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
        temp.as_file()
            .lock()
            .map_err(|e| Error::io(temp.path(), e))?;
        if still_in_place(&temp) {
            return Ok(temp);
        }
    }
    Err(Error::io(
        dir,
        std::io::Error::other("another process kept removing the temporary file"),
    ))
}

/// Whether the temporary file's path still names the file that is open.
fn still_in_place(temp: &tempfile::NamedTempFile) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(temp.path()), temp.as_file().metadata()) {
            (Ok(named), Ok(open)) => named.dev() == open.dev() && named.ino() == open.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        temp.path().exists()
    }
}

/// Refuses a target that exists and is not a regular file.
fn refuse_special_target(path: &Path) -> Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let what = if meta.file_type().is_symlink() {
        "a symbolic link"
    } else if meta.is_dir() {
        "a folder"
    } else if meta.is_file() {
        return Ok(());
    } else {
        "a device, pipe or socket"
    };
    Err(Error::validation(
        "out",
        format!(
            "{} is {what}, not a regular file: Caliper replaces only regular files; choose another path",
            path.display()
        ),
    ))
}

/// Removes temporary files of `name` (named `.{name}.*{suffix}`) left in `dir` by a
/// process that was killed while writing. One that is still locked belongs to a live
/// writer and stays. The cleaner holds the file's lock while it removes it, so a writer
/// that created the file an instant before and locks it now finds, once it has the lock,
/// that its file is gone, and makes another ([`locked_temporary`]).
pub(crate) fn remove_stale_temporaries(dir: &Path, name: &str, suffix: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !(file_name.starts_with(&prefix) && file_name.ends_with(suffix)) {
            continue;
        }
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if !is_file {
            continue;
        }
        if let Ok(file) = File::open(entry.path()) {
            if file.try_lock().is_ok() {
                // Windows does not remove a file that is open: there the lock is let go
                // first (a writer's later check still finds its file gone).
                #[cfg(not(unix))]
                drop(file);
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(TEMP_SUFFIX))
            .collect()
    }

    #[test]
    fn writes_and_replaces_a_regular_file_leaving_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("brief.pdf");
        write_atomically(&out, b"first").unwrap();
        write_atomically(&out, b"second").unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"second");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, b"keep me").unwrap();
        let out = dir.path().join("brief.pdf");
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        let err = write_atomically(&out, b"payload").unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(fs::read(&victim).unwrap(), b"keep me");
        assert!(fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_or_device_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), b"x");
        assert!(err.is_err());
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        let err = write_atomically(&sub, b"x").unwrap_err().to_string();
        assert!(err.contains("a folder"), "{err}");
        #[cfg(unix)]
        {
            let err = write_atomically(Path::new("/dev/null"), b"x")
                .unwrap_err()
                .to_string();
            assert!(err.contains("device"), "{err}");
        }
    }

    #[test]
    fn a_stale_temporary_is_removed_but_a_locked_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(format!(".brief.pdf.abc123{TEMP_SUFFIX}"));
        fs::write(&stale, b"left by a killed export").unwrap();
        let live = dir.path().join(format!(".brief.pdf.live99{TEMP_SUFFIX}"));
        fs::write(&live, b"being written").unwrap();
        let held = File::open(&live).unwrap();
        held.lock().unwrap();
        write_atomically(&dir.path().join("brief.pdf"), b"new").unwrap();
        assert!(!stale.exists());
        assert!(live.exists());
        drop(held);
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no-such-folder").join("brief.pdf");
        let err = write_atomically(&out, b"x").unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
    }
}
