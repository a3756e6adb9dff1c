//! File importers: the edge where a file on disk becomes the input of a pure reader.
//! Each opens and decodes its format and hands rows or values to the domain module that
//! reads them, so the readers stay free of I/O and can be tested on values.

pub mod inventory;
pub mod mds2;
mod ods;
pub mod score_sheet;
mod xls;

/// The largest text file read whole (a recall file): 200 MiB.
pub const MAX_TEXT_BYTES: u64 = 200 * 1024 * 1024;

/// A UTF-8 text file's content, refused beyond [`MAX_TEXT_BYTES`] (a pipe or device is
/// read to one byte past it) or when it is not UTF-8, naming the file.
pub fn read_text_file(path: &std::path::Path) -> crate::error::Result<String> {
    use crate::error::Error;
    use std::io::Read;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
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
