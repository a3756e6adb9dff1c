//! A plotters drawing backend that writes printpdf operations onto a [`Layout`] page, so
//! the brief's charts are drawn by the same plotters code as the slide exports and stay
//! vector graphics with real, selectable text in the brief's embedded DejaVu fonts.
//!
//! PDF operations here have no transparency: a translucent colour is blended onto white
//! (the page) before it is written.

use std::convert::Infallible;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};

use super::charts::Scale;
use super::layout::{on_white, Layout, Rgb3};

const PT_PER_MM: f64 = 72.0 / 25.4;

/// A `width` x `height` px area whose top-left corner is at `origin` (mm from the page's
/// top-left) on the current page of a [`Layout`].
pub(crate) struct PdfBackend<'a> {
    layout: &'a mut Layout,
    origin: (f32, f32),
    size: (u32, u32),
    scale: Scale,
}

impl<'a> PdfBackend<'a> {
    /// An area of `width_mm` x `height_mm` at `origin` on `layout`'s current page.
    pub(crate) fn new(
        layout: &'a mut Layout,
        origin: (f32, f32),
        (width_mm, height_mm): (f32, f32),
        scale: Scale,
    ) -> Self {
        let px = |mm: f32| (f64::from(mm) * scale.px_per_mm).round().max(1.0) as u32;
        PdfBackend {
            layout,
            origin,
            size: (px(width_mm), px(height_mm)),
            scale,
        }
    }

    /// A backend coordinate as mm on the page.
    fn mm(&self, (x, y): BackendCoord) -> (f32, f32) {
        let k = self.scale.px_per_mm;
        (
            self.origin.0 + (f64::from(x) / k) as f32,
            self.origin.1 + (f64::from(y) / k) as f32,
        )
    }

    /// One em of text of plotters' font `size`, mm.
    fn em_mm(&self, size: f64) -> f64 {
        size / self.scale.size_per_em / self.scale.px_per_mm
    }

    fn thickness_pt(&self, px: u32) -> f32 {
        (f64::from(px.max(1)) / self.scale.px_per_mm * PT_PER_MM) as f32
    }
}

/// The colour as drawn on a white page.
fn opaque(c: BackendColor) -> Rgb3 {
    let v = |b: u8| f32::from(b) / 255.0;
    on_white(
        (v(c.rgb.0), v(c.rgb.1), v(c.rgb.2)),
        c.alpha.clamp(0.0, 1.0) as f32,
    )
}

impl DrawingBackend for PdfBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if color.alpha > 0.0 {
            let (x, y) = self.mm(point);
            let side = (1.0 / self.scale.px_per_mm) as f32;
            self.layout.fill_rect(x, y, side, side, opaque(color));
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        if !fill {
            let (x0, y0) = upper_left;
            let (x1, y1) = bottom_right;
            return self.draw_path([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], style);
        }
        let (x0, y0) = self.mm(upper_left);
        let (x1, y1) = self.mm(bottom_right);
        self.layout.fill_rect(
            x0.min(x1),
            y0.min(y1),
            (x1 - x0).abs(),
            (y1 - y0).abs(),
            opaque(style.color()),
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let points: Vec<(f32, f32)> = path.into_iter().map(|p| self.mm(p)).collect();
        let thickness = self.thickness_pt(style.stroke_width());
        self.layout
            .polyline(&points, opaque(style.color()), thickness);
        Ok(())
    }

    /// Text as PDF text in the brief's fonts, placed as the [`Scale`] says (as plotters' SVG
    /// backend places it: a top anchor 0.76 em above the baseline, a bottom one below it).
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let bold = matches!(style.style(), FontStyle::Bold);
        let em_mm = self.em_mm(style.size());
        let size_pt = (em_mm * PT_PER_MM) as f32;
        let metrics = self.layout.metrics(bold);
        let width = metrics.width_mm(&metrics.sanitize(text), size_pt);
        let (x, y) = self.mm(pos);
        let anchor = style.anchor();
        let x = match anchor.h_pos {
            HPos::Left => x,
            HPos::Center => x - width / 2.0,
            HPos::Right => x - width,
        };
        let drop_em = match anchor.v_pos {
            VPos::Top => 0.76,
            VPos::Center => self.scale.baseline_below_centre,
            VPos::Bottom => -self.scale.baseline_below_centre,
        };
        let baseline = y + (drop_em * em_mm) as f32;
        self.layout
            .text(x, baseline, text, size_pt, bold, opaque(style.color()));
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let bold = matches!(style.style(), FontStyle::Bold);
        let em_mm = self.em_mm(style.size());
        let metrics = self.layout.metrics(bold);
        let width_mm = metrics.width_mm(&metrics.sanitize(text), (em_mm * PT_PER_MM) as f32);
        let k = self.scale.px_per_mm;
        Ok((
            (f64::from(width_mm) * k).ceil() as u32,
            (em_mm * k).ceil() as u32,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translucent_colours_are_blended_onto_white() {
        let check = |rgb: (u8, u8, u8), alpha: f64, expected: Rgb3| {
            let (r, g, b) = opaque(BackendColor { alpha, rgb });
            let close = |a: f32, e: f32| (a - e).abs() < 1e-4;
            assert!(
                close(r, expected.0) && close(g, expected.1) && close(b, expected.2),
                "{rgb:?} at {alpha}: {:?}",
                (r, g, b)
            );
        };
        check((0, 0, 0), 1.0, (0.0, 0.0, 0.0));
        // Black at 10 % is a light grey, not black.
        check((0, 0, 0), 0.1, (0.9, 0.9, 0.9));
        check((255, 0, 0), 0.5, (1.0, 0.5, 0.5));
        check((10, 20, 30), 0.0, (1.0, 1.0, 1.0));
    }
}
