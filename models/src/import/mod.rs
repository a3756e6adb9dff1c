//! File importers: the edge where a file on disk becomes the input of a pure reader.
//! Each opens and decodes its format and hands rows or values to the domain module that
//! reads them, so the readers stay free of I/O and can be tested on values.

pub mod inventory;
pub mod mds2;
mod ods;
pub mod score_sheet;
mod xls;
