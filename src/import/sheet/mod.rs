//! Spreadsheets (.xlsx, .xls, .ods, .csv) holding the six data tables, and the
//! workbook layout that `dabiao init --format xlsx` and `dabiao export` write.
//!
//! Every spreadsheet is first read into a [`Grid`]: sheets of rows of cells as text,
//! each cell knowing its row and column, so that a finding can name `表1!D7`. The
//! readers of the file formats ([`book`], [`csv`]) stop there; what the cells mean is
//! decided once for all of them ([`read`]).

pub mod book;
pub mod cells;
pub mod codes;
pub mod csv;
pub mod layout;
pub mod parts;
pub mod read;
#[cfg(test)]
mod read_tests;
pub mod records;
pub mod shown;

/// The embedded schema's index, built once: titles, enum titles and types of the
/// fields the record parts hold.
pub fn schema_index() -> &'static crate::schema::SchemaIndex {
    static INDEX: std::sync::OnceLock<crate::schema::SchemaIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        crate::schema::SchemaIndex::new(
            serde_json::from_str(crate::schema::SCHEMA_TEXT).expect("embedded schema is JSON"),
        )
    })
}

/// A whole spreadsheet file: its sheets in order (a .csv file is one sheet).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub sheets: Vec<Sheet>,
}

/// One sheet: its name (for a .csv, the file's stem) and its non-empty rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// Only rows with at least one non-empty cell, in order.
    pub rows: Vec<GridRow>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridRow {
    /// 0-based row number in the sheet (row 7 of the spreadsheet is 6).
    pub row: u32,
    /// Only non-empty cells, in column order.
    pub cells: Vec<GridCell>,
}

/// One cell's value as text, the way a person reads it in the spreadsheet: a number
/// in its shortest decimal form ("45.61", "1765"), a percentage-formatted number with
/// its "%" ("45.61%"), a date as "2025-01-20", a formula as its cached value, text
/// trimmed. A merged range's value is in its top-left cell only.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridCell {
    /// 0-based column (D is 3).
    pub col: u32,
    pub text: String,
}

/// Rows of cells from text, for tests: row i holds the texts from column A on, an
/// empty text being an empty cell.
#[cfg(test)]
pub(crate) fn rows_of(texts: &[&[&str]]) -> Vec<GridRow> {
    texts
        .iter()
        .enumerate()
        .map(|(r, cells)| GridRow {
            row: r as u32,
            cells: cells
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(c, t)| GridCell {
                    col: c as u32,
                    text: t.to_string(),
                })
                .collect(),
        })
        .collect()
}

/// "D7" for column 3, row 6 (both 0-based), as spreadsheets name cells.
pub fn cell_name(col: u32, row: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col as u64 + 1;
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        letters.push((b'A' + r) as char);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        letters.into_iter().collect::<String>(),
        row as u64 + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_as_spreadsheets_write_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(3, 6), "D7");
        assert_eq!(cell_name(25, 9), "Z10");
        assert_eq!(cell_name(26, 0), "AA1");
        assert_eq!(cell_name(701, 0), "ZZ1");
        assert_eq!(cell_name(702, 0), "AAA1");
        assert!(cell_name(u32::MAX, u32::MAX).ends_with("4294967296"));
    }
}
