//! File importers: the edge where a file on disk becomes the input of a pure reader.
//! Each opens and decodes its format and hands rows or values to the domain module that
//! reads them, so the readers stay free of I/O and can be tested on values.

pub mod inventory;
pub mod mds2;
mod ods;
pub mod score_sheet;
mod xls;

/// A file's name as messages give it, and its bytes: at most one byte past `max_bytes`
/// (so an endless pipe or device is refused by the caller's size check, not read whole).
pub(crate) fn read_bounded(
    path: &std::path::Path,
    max_bytes: u64,
) -> crate::error::Result<(String, Vec<u8>)> {
    use std::io::Read;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let io = |e| crate::error::Error::io(path, e);
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok((name, bytes))
}

/// The largest text file read whole (a recall file): 200 MiB.
pub const MAX_TEXT_BYTES: u64 = 200 * 1024 * 1024;

/// A UTF-8 text file's content, refused beyond [`MAX_TEXT_BYTES`] or when it is not
/// UTF-8, naming the file.
pub fn read_text_file(path: &std::path::Path) -> crate::error::Result<String> {
    use crate::error::Error;
    let (name, bytes) = read_bounded(path, MAX_TEXT_BYTES)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(Error::Parse {
            location: name,
            message: format!("is larger than {} MiB", MAX_TEXT_BYTES / (1024 * 1024)),
        });
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .to_vec();
    String::from_utf8(bytes).map_err(|e| Error::Parse {
        location: name,
        message: format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}
