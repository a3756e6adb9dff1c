//! A finished PDF: every page's footer, the embedded fonts, the metadata, all taken from
//! the document's data and never from the clock, and a file identifier derived from the
//! content hash, so the same content gives the same bytes.

use printpdf::{FontId, Mm, ParsedFont, PdfDocument, PdfPage, PdfSaveOptions};

use super::{Layout, Paper, MUTED, RULE};
use crate::error::{Error, Result};
use crate::report::fonts::{BOLD_TTF, REGULAR_TTF};

/// What the finished PDF says about itself: metadata and the footer.
pub(crate) struct Document {
    pub title: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Left part of every page's footer ("Page n of N" is on the right).
    pub footer_left: String,
    pub content_hash: String,
    pub as_of: chrono::NaiveDate,
    /// The file identifier is `{id_prefix}-{content_hash}`.
    pub id_prefix: &'static str,
}

/// Metadata text without control characters (a title comes from what users typed).
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Adds the footers, embeds the fonts, sets the metadata from the data (never the clock)
/// and returns the PDF's bytes.
pub(crate) fn finish_document(l: Layout, paper: Paper, d: &Document) -> Result<Vec<u8>> {
    let (page_w, page_h) = (l.page_w, l.page_h);
    let (left, right, bottom) = (l.left, l.right, l.bottom);
    let (mut pages, regular, font_regular) = l.finish();
    let n = pages.len();
    for (i, ops) in pages.iter_mut().enumerate() {
        let mut f = Layout::new(paper)?;
        f.ops = Vec::new();
        let y_rule = bottom + 5.0;
        f.line(left, y_rule, right, y_rule, RULE, 0.5);
        let page_text = format!("Page {} of {}", i + 1, n);
        let size = 7.5;
        let pw = regular.width_mm(&page_text, size);
        let avail = right - left - pw - 6.0;
        let shown = regular.ellipsize(&regular.sanitize(&d.footer_left), size, avail);
        f.text(left, y_rule + 4.0, &shown, size, false, MUTED);
        f.text(right - pw, y_rule + 4.0, &page_text, size, false, MUTED);
        ops.extend(f.ops);
    }

    let mut doc = PdfDocument::new(&plain(&d.title));
    for (id, bytes, name) in [
        (font_regular, REGULAR_TTF, "DejaVuSans.ttf"),
        (FontId("F2".into()), BOLD_TTF, "DejaVuSans-Bold.ttf"),
    ] {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| {
            Error::render(
                "the PDF",
                format!("the embedded font {name} does not parse"),
            )
        })?;
        doc.resources
            .fonts
            .map
            .insert(id, printpdf::PdfFont::new(parsed));
    }
    let created = d
        .as_of
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(created).map_err(|e| {
        Error::validation("as_of", format!("{} cannot be a PDF date: {e}", d.as_of))
    })?;
    let info = &mut doc.metadata.info;
    info.author = "Caliper".into();
    info.creator = "Caliper".into();
    info.producer = "Caliper".into();
    info.subject = plain(&d.subject);
    info.keywords = d.keywords.iter().map(|k| plain(k)).collect();
    info.identifier = d.content_hash.clone();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    doc.with_pages(
        pages
            .into_iter()
            .map(|ops| PdfPage::new(Mm(page_w), Mm(page_h), ops))
            .collect(),
    );

    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    // printpdf draws the file identifier at random; derive it from the content instead.
    let id = format!("{}-{}", d.id_prefix, d.content_hash).into_bytes();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::render("the PDF", e))?;
    Ok(bytes)
}
