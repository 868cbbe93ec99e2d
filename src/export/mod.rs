//! Writing a dataset as a workbook (.xlsx) or as .csv (`dabiao export`,
//! `dabiao init --format xlsx`), in the layout of [`crate::import::sheet::layout`].
//!
//! One model ([`book`]) holds every sheet's cells; the writers ([`xlsx`], [`csv`])
//! only render it, so the two formats cannot differ in content. The six data tables
//! are laid out exactly as the text importer reads a tab-separated table ([`tsv`]
//! gives that text; the tests read it back with `import_text`).

pub mod book;
pub mod csv;
mod model;
mod records;
mod report;
mod tables;
pub mod xlsx;

pub use book::book;
pub use model::{Cell, Expect, Figure, OutSheet, Part};

/// The data-table sheets of a book as tab-separated text (title row, header row,
/// rows; a blank line between tables), the way a report's text gives its tables.
pub fn tsv(sheets: &[OutSheet]) -> String {
    let mut out = String::new();
    for sheet in sheets
        .iter()
        .filter(|s| matches!(s.part, Part::Table { .. }))
    {
        out.push_str(&sheet.title);
        out.push('\n');
        out.push_str(&sheet.header.join("\t"));
        out.push('\n');
        for row in &sheet.rows {
            let cells: Vec<String> = row.iter().map(Cell::text).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod roundtrip_tests;
