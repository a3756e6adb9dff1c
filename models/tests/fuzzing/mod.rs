//! What the fuzz test binaries share: the case count and the byte mutations.

use proptest::prelude::*;

/// `cases` per property, or `CALIPER_FUZZ_CASES` for a longer hunt.
pub fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("CALIPER_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Byte edits: (where, new byte), applied in turn; then maybe a cut.
pub fn mutate(
    mut bytes: Vec<u8>,
    edits: &[(prop::sample::Index, u8)],
    cut: Option<prop::sample::Index>,
) -> Vec<u8> {
    for (at, byte) in edits {
        let i = at.index(bytes.len());
        bytes[i] = *byte;
    }
    if let Some(at) = cut {
        bytes.truncate(at.index(bytes.len()).max(1));
    }
    bytes
}
