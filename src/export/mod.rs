//! Writing a dataset as a workbook (.xlsx) or as .csv (`dabiao export`,
//! `dabiao init --format xlsx`), in the layout of [`crate::import::sheet::layout`].
//!
//! One model ([`book`]) holds every sheet's cells; the writers ([`xlsx`], [`csv`])
//! only render it, so the two formats cannot differ in content. The six data tables
//! are laid out exactly as the text importer reads a tab-separated table ([`tsv`]
//! gives that text; the tests read it back with `import_text`).
//!
//! Choices within the layout, for the reader:
//! - 报告信息 lists every field of `/report` in schema order, blank ones too; a value
//!   with no cell form (an object, a list of non-enum items) is blank there and goes
//!   to 其他数据; an enum value that is no known value is written as it is and kept
//!   in 其他数据 as well (its cell would read back as the key its title names).
//! - A data table is written for each stage and each table present in any year of
//!   that stage (init: all six per stage). Rows of the other stage's template only are
//!   left out unless filled. A {count, hours} row is two rows: the count under the
//!   row's name, then a row with no 序号 and no name whose unit is 学时. Members of
//!   a row object after the first have no 序号.
//! - 调查人次 and 调查方式 are the report year's (the last year column), as the
//!   importer reads them; earlier years' survey figures go to 其他数据.
//! - 学校办学条件 only when `/schools` has a school (init: level school).
//! - 报告结构: 编号 is `no` of a part or subsection, `id` of a case or table; a 小节's
//!   所在部分 is its part's number; 其他 is the item's remaining fields as a JSON
//!   object (when longer than a cell, they go to 其他数据 field by field instead).
//! - 其他数据 keys are JSON pointers: unknown top-level keys (`/facts`), unknown keys
//!   anywhere, and values no cell can hold (a text "7800人" in a number cell).

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
