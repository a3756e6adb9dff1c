//! Section 7, sign-off: a line for the name, signature and date of each role asked to sign.

use super::SECTION_HEADINGS;
use crate::report::brief::SIGN_OFF_ROLES;
use crate::report::layout::{Layout, BODY, INK, MUTED};

pub(super) fn sign_off(l: &mut Layout) {
    l.heading(SECTION_HEADINGS[7]);
    let row_h = 17.0;
    l.ensure(row_h * SIGN_OFF_ROLES.len() as f32 + 10.0);
    l.paragraph(
        "Reviewed and agreed for the capital committee:",
        BODY,
        false,
        INK,
        0.0,
    );
    let w = l.width();
    let col = [
        46.0,
        (w - 46.0) * 0.34,
        (w - 46.0) * 0.40,
        (w - 46.0) * 0.26,
    ];
    for role in SIGN_OFF_ROLES {
        l.y += row_h;
        let y = l.y;
        let mut x = l.left;
        let role = l.bold.ellipsize(role, BODY, col[0] - 3.0);
        l.text(x, y - 1.0, &role, BODY, true, INK);
        x += col[0];
        for (k, label) in ["Name", "Signature", "Date"].iter().enumerate() {
            let cw = col[k + 1];
            l.line(x + 2.0, y, x + cw - 3.0, y, MUTED, 0.6);
            l.text(x + 2.0, y + 3.2, label, 7.0, false, MUTED);
            x += cw;
        }
    }
    l.y += 8.0;
}
