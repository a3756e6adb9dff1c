//! The brief's embedded fonts (DejaVu Sans, regular and bold; licence in
//! `models/assets/fonts/LICENSE`) and text measurement with their glyph widths.

use super::layout::bidi;
use crate::error::{Error, Result};

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Replaces a character the font cannot draw.
pub(crate) const FALLBACK: char = '?';

const MM_PER_PT: f32 = 25.4 / 72.0;

/// Glyph metrics of one face.
pub(crate) struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Metrics {
    pub(crate) fn new(bytes: &'static [u8], name: &str) -> Result<Self> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| {
            Error::render(
                "the PDF",
                format!("the embedded font {name} does not parse: {e}"),
            )
        })?;
        let units_per_em = f32::from(face.units_per_em().max(1));
        Ok(Metrics { face, units_per_em })
    }

    fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    fn advance(&self, c: char) -> f32 {
        if bidi::is_direction_format(c) {
            return 0.0;
        }
        let gid = self
            .face
            .glyph_index(c)
            .or_else(|| self.face.glyph_index(FALLBACK));
        gid.and_then(|g| self.face.glyph_hor_advance(g))
            .map_or(0.5, |a| f32::from(a) / self.units_per_em)
    }

    /// Width of `text` at `size` points, in millimetres.
    pub(crate) fn width_mm(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size * MM_PER_PT
    }

    /// `text` with Arabic letters in their joined forms, every control character (and
    /// line or paragraph separator) a space, and every character the font lacks replaced;
    /// direction marks are kept for the line's reordering ([`bidi::visual`]).
    pub(crate) fn sanitize(&self, text: &str) -> String {
        bidi::shape(text)
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                    ' '
                } else if self.has(c) || bidi::is_direction_format(c) {
                    c
                } else {
                    FALLBACK
                }
            })
            .collect()
    }

    /// Greedy word wrap to `width` mm; words longer than a line are broken.
    pub(crate) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width_mm(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // Break a word that does not fit on a line of its own.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width_mm(&piece, size) > width && piece.chars().count() > 1 {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }

    /// `text` cut to fit `width` mm, ending in an ellipsis when cut.
    pub(crate) fn ellipsize(&self, text: &str, size: f32, width: f32) -> String {
        if self.width_mm(text, size) <= width {
            return text.to_string();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.width_mm(&format!("{out}…"), size) > width {
                out.pop();
                break;
            }
        }
        format!("{}…", out.trim_end())
    }
}
