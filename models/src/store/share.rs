//! Is the portfolio on a network share?
//!
//! SQLite's WAL mode keeps an index in shared memory that every process on the file maps;
//! on a network file system (SMB/CIFS, NFS, AFP, …) processes on different computers do
//! not share it, and the file can be corrupted. A portfolio found on a network share is
//! therefore kept with a rollback journal (slower, but safe where the share's locking
//! works), and the user is told. Detection asks the operating system which file system
//! holds the file (Linux: the `statfs` magic number; macOS: the file system's name;
//! Windows: a `\\server\share` path). Setting `CALIPER_NETWORK_SHARE=1` treats every
//! portfolio as being on a share, for shares the detection cannot see (for example one
//! mounted through FUSE).

use std::path::Path;

/// The environment variable that declares the portfolio to be on a network share.
pub const NETWORK_SHARE_VARIABLE: &str = "CALIPER_NETWORK_SHARE";

/// The kind of network file system holding `path`, if it is on one.
pub fn network_filesystem(path: &Path) -> Option<&'static str> {
    if std::env::var(NETWORK_SHARE_VARIABLE).is_ok_and(|v| v.trim() == "1") {
        return Some("network share (declared by CALIPER_NETWORK_SHARE)");
    }
    detect(path)
}

/// What the user is told when the file is on a network share.
pub fn warning(kind: &str) -> String {
    format!(
        "the portfolio is on a {kind}: Caliper keeps it with a rollback journal instead of \
         WAL, which is safe there but slower; keep one person editing it at a time"
    )
}

/// The network file system with this Linux `statfs` magic number, if it is one.
#[cfg(any(target_os = "linux", target_os = "android", test))]
fn linux_network_fs(magic: u64) -> Option<&'static str> {
    Some(match magic & 0xFFFF_FFFF {
        0x6969 => "NFS share",
        0x517B => "SMB share",
        0xFF53_4D42 => "SMB/CIFS share",
        0xFE53_4D42 => "SMB2 share",
        0x5346_414F | 0x6B41_4653 => "AFS share",
        0x0102_1997 => "9P share",
        0x00C3_6400 => "Ceph share",
        0x7375_7245 => "Coda share",
        0x0BD0_0BD0 => "Lustre share",
        0x0116_1970 => "GFS2 cluster file system",
        0x7461_636F => "OCFS2 cluster file system",
        _ => return None,
    })
}

/// The network file system with this macOS file system type name, if it is one.
#[cfg(any(target_os = "macos", test))]
fn macos_network_fs(name: &str) -> Option<&'static str> {
    Some(match name {
        "smbfs" | "cifs" => "SMB share",
        "nfs" => "NFS share",
        "afpfs" => "AFP share",
        "webdav" => "WebDAV share",
        _ => return None,
    })
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn detect(path: &Path) -> Option<&'static str> {
    let stat = rustix::fs::statfs(path).ok()?;
    #[allow(clippy::unnecessary_cast)]
    linux_network_fs(stat.f_type as u64)
}

#[cfg(target_os = "macos")]
fn detect(path: &Path) -> Option<&'static str> {
    let stat = rustix::fs::statfs(path).ok()?;
    let name: String = stat
        .f_fstypename
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| char::from(c as u8))
        .collect();
    macos_network_fs(&name)
}

#[cfg(windows)]
fn detect(path: &Path) -> Option<&'static str> {
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_string_lossy();
    let unc = text.starts_with(r"\\") && !text.starts_with(r"\\?\") && !text.starts_with(r"\\.\");
    (unc || text.starts_with(r"\\?\UNC\")).then_some("Windows network share")
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    windows
)))]
fn detect(_path: &Path) -> Option<&'static str> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_file_systems_are_recognised_and_local_ones_are_not() {
        assert_eq!(linux_network_fs(0x6969), Some("NFS share"));
        assert_eq!(linux_network_fs(0xFF53_4D42), Some("SMB/CIFS share"));
        // 32-bit systems report the same magic as a negative number.
        assert_eq!(linux_network_fs(0xFFFF_FFFF_FE53_4D42), Some("SMB2 share"));
        for local in [0xEF53_u64, 0x5846_5342, 0x0102_1994, 0x9123_683E] {
            assert_eq!(linux_network_fs(local), None, "{local:#x}");
        }
        assert_eq!(macos_network_fs("smbfs"), Some("SMB share"));
        assert_eq!(macos_network_fs("apfs"), None);
    }

    #[test]
    fn a_local_folder_is_not_a_share() {
        let dir = std::env::temp_dir();
        assert_eq!(detect(&dir), None);
    }
}
