//! The text layer of an MDS2 form sent as PDF, page by page, as lines placed `page P,
//! line L`. A scanned form (pages without text) and an encrypted PDF are refused, naming
//! the file: neither can be read without the vendor's help.

use crate::error::{Error, Result};

/// Pages a PDF form may have (the HN 1-2019 form fills a dozen or two).
pub const MAX_PDF_PAGES: usize = 200;
/// What a page's content may decompress to: a form's page holds a few KiB of text.
const MAX_PAGE_CONTENT_BYTES: usize = 8 * 1024 * 1024;

/// The lines of the PDF's text, each with its place (`page 2, line 14`).
pub(super) fn text_lines(file_name: &str, bytes: &[u8]) -> Result<Vec<(String, String)>> {
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    let encrypted = || {
        fail(
            "is an encrypted PDF, which Caliper does not open: ask the vendor for the Excel MDS2 or an unprotected PDF"
                .into(),
        )
    };
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if contains(bytes, b"/Encrypt") => return Err(encrypted()),
        Err(e) => return Err(fail(format!("is not a readable PDF: {e}"))),
    };
    if doc.trailer.get(b"Encrypt").is_ok() || doc.was_encrypted() {
        return Err(encrypted());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    if pages.len() > MAX_PDF_PAGES {
        return Err(fail(format!(
            "has {} pages, more than the {MAX_PDF_PAGES} an MDS2 form may have",
            pages.len()
        )));
    }
    let mut lines = Vec::new();
    for page in pages {
        let text = doc
            .extract_text_with_limit(&[page], MAX_PAGE_CONTENT_BYTES)
            .map_err(|e| fail(format!("page {page} could not be read: {e}")))?;
        lines.extend(
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| (format!("page {page}, line {}", i + 1), l.to_string())),
        );
    }
    if lines.is_empty() {
        return Err(fail(
            "has no text layer: it is a scanned form; ask the vendor for the Excel MDS2 or a text PDF"
                .into(),
        ));
    }
    Ok(lines)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
