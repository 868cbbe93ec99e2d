//! The text shown for a spreadsheet: one line per non-empty row, its cells joined by
//! tabs (a cell's column is its place among the tabs), each sheet opened by a line
//! with its name. Diagnostics draw these lines as snippets; [`CellMap`] turns an
//! offset in them back into the cell a person finds in the spreadsheet (`表1!D7`).

use crate::base::source::Span;
use crate::finding::CellRef;

use super::{Grid, cell_name};
use crate::import::document::Cell;

/// The shown text of a whole grid, its lines and where each cell is.
#[derive(Debug, Default)]
pub struct Shown {
    pub text: String,
    pub lines: Vec<ShownLine>,
    pub cells: CellMap,
}

/// One line of the shown text: a sheet's name or one of its rows.
#[derive(Debug, Clone)]
pub struct ShownLine {
    /// Index of the sheet in the grid.
    pub sheet: usize,
    /// The row (0-based); `None` for the line naming the sheet.
    pub row: Option<u32>,
    /// For a row: one cell per column from A to its last non-empty cell (gaps are
    /// empty cells with empty spans); for a sheet's name: the name as one cell.
    pub cells: Vec<Cell>,
    pub span: Span,
}

impl ShownLine {
    /// The cells that are not empty.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &Cell)> {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.text.is_empty())
    }

    /// The only non-empty cell's text, when the row has exactly one.
    pub fn single(&self) -> Option<&Cell> {
        let mut filled = self.filled();
        let (_, first) = filled.next()?;
        filled.next().is_none().then_some(first)
    }
}

/// Offsets of the shown text → sheet, row and column.
#[derive(Debug, Default, Clone)]
pub struct CellMap {
    /// The spreadsheet's file name, when its cells are shown inside another file's
    /// text (a report checked with `--tables`).
    pub file: Option<String>,
    sheets: Vec<String>,
    /// Sorted by `start`.
    marks: Vec<Mark>,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    sheet: usize,
    row: Option<u32>,
    col: Option<u32>,
}

impl CellMap {
    /// Where byte `offset` of the shown text is: `表1!D7`, `'表1 计分卡'!D7`, `D7` (a .csv),
    /// or the sheet's name for the line naming it.
    pub fn at(&self, offset: usize) -> Option<String> {
        self.cell(offset).map(|c| c.name)
    }

    /// The cell at byte `offset`, named as [`at`](Self::at) names it.
    pub fn cell(&self, offset: usize) -> Option<CellRef> {
        let i = self
            .marks
            .partition_point(|m| m.start <= offset)
            .checked_sub(1)?;
        let m = self.marks[i];
        let sheet = &self.sheets[m.sheet];
        let place = match (m.row, m.col) {
            (Some(row), Some(col)) if sheet.is_empty() => cell_name(col, row),
            (Some(row), Some(col)) => format!("{}!{}", quoted(sheet), cell_name(col, row)),
            (Some(row), None) => format!("{}!{}", quoted(sheet), row as u64 + 1),
            (None, _) => format!("工作表“{sheet}”"),
        };
        Some(CellRef {
            name: match &self.file {
                Some(f) => format!("{f}:{place}"),
                None => place,
            },
            row: m.row.map(|r| r.saturating_add(1)),
            column: m.col.map(|c| c.saturating_add(1)),
        })
    }

    /// Moves every offset by `by` (the spreadsheet's text appended after another's).
    pub fn shifted(mut self, by: usize, file: &str) -> CellMap {
        for m in &mut self.marks {
            m.start += by;
        }
        self.file = Some(file.to_string());
        self
    }
}

/// A sheet name as spreadsheet formulas write it: quoted when it has a space or a
/// character that ends a name.
fn quoted(name: &str) -> String {
    if name
        .chars()
        .any(|c| c.is_whitespace() || "!'-+()（）,".contains(c))
    {
        format!("'{}'", name.replace('\'', "''"))
    } else {
        name.to_string()
    }
}

/// Cells may not hold the characters that separate cells and lines here.
fn flat(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// Lays out the grid as text.
pub fn show(grid: &Grid) -> Shown {
    let mut shown = Shown::default();
    for (s, sheet) in grid.sheets.iter().enumerate() {
        shown.cells.sheets.push(sheet.name.clone());
        if !sheet.name.trim().is_empty() {
            let name = flat(sheet.name.trim());
            let start = shown.text.len();
            shown.text.push_str(&name);
            let span = Span::new(start, shown.text.len());
            shown.text.push('\n');
            let mark = Mark {
                start,
                sheet: s,
                row: None,
                col: None,
            };
            shown.cells.marks.push(mark);
            shown.lines.push(ShownLine {
                sheet: s,
                row: None,
                cells: vec![Cell { text: name, span }],
                span,
            });
        }
        for row in &sheet.rows {
            push_row(&mut shown, s, row);
        }
    }
    shown
}

fn push_row(shown: &mut Shown, sheet: usize, row: &super::GridRow) {
    let Some(first) = row.cells.iter().find(|c| !c.text.trim().is_empty()) else {
        return;
    };
    let line_start = shown.text.len();
    // The line's start (before its first cell, after leading tabs) names that cell.
    shown.cells.marks.push(Mark {
        start: line_start,
        sheet,
        row: Some(row.row),
        col: Some(first.col),
    });
    let mut cells = Vec::new();
    let mut col = 0u32;
    for cell in &row.cells {
        let text = flat(cell.text.trim());
        if text.is_empty() {
            continue;
        }
        // Columns between the last cell and this one are empty cells.
        // Bounded: a hostile column number must not make a line of millions of tabs.
        while col < cell.col.min(crate::base::limits::MAX_ROW_CELLS as u32) {
            if col > 0 {
                shown.text.push('\t');
            }
            let at = shown.text.len();
            cells.push(Cell {
                text: String::new(),
                span: Span::new(at, at),
            });
            col += 1;
        }
        if col > 0 {
            shown.text.push('\t');
        }
        let start = shown.text.len();
        shown.text.push_str(&text);
        shown.cells.marks.push(Mark {
            start,
            sheet,
            row: Some(row.row),
            col: Some(cell.col),
        });
        cells.push(Cell {
            text,
            span: Span::new(start, shown.text.len()),
        });
        col = cell.col.saturating_add(1);
    }
    let span = Span::new(line_start, shown.text.len());
    shown.text.push('\n');
    shown.lines.push(ShownLine {
        sheet,
        row: Some(row.row),
        cells,
        span,
    });
}

#[cfg(test)]
mod tests {
    use super::super::{GridCell, GridRow, Sheet};
    use super::*;

    fn grid() -> Grid {
        let cell = |col, text: &str| GridCell {
            col,
            text: text.to_string(),
        };
        Grid {
            sheets: vec![Sheet {
                name: "表1 计分卡".to_string(),
                rows: vec![
                    GridRow {
                        row: 0,
                        cells: vec![cell(0, "表1 人才培养质量计分卡")],
                    },
                    GridRow {
                        row: 6,
                        cells: vec![cell(1, "毕业生人数"), cell(2, "人"), cell(3, "538\t")],
                    },
                ],
            }],
        }
    }

    #[test]
    fn rows_become_tab_lines_and_cells_are_named() {
        let shown = show(&grid());
        assert_eq!(
            shown.text,
            "表1 计分卡\n表1 人才培养质量计分卡\n\t毕业生人数\t人\t538\n"
        );
        let row = &shown.lines[2];
        assert_eq!(row.cells.len(), 4);
        assert_eq!(row.cells[0].text, "");
        let d7 = row.cells[3].span;
        assert_eq!(&shown.text[d7.start..d7.end], "538");
        assert_eq!(shown.cells.at(d7.start).as_deref(), Some("'表1 计分卡'!D7"));
        assert_eq!(
            shown.cells.at(d7.end - 1).as_deref(),
            Some("'表1 计分卡'!D7")
        );
        // The line's start (before its first cell) names the first cell.
        assert_eq!(
            shown.cells.at(row.span.start).as_deref(),
            Some("'表1 计分卡'!B7")
        );
        assert_eq!(shown.cells.at(0).as_deref(), Some("工作表“表1 计分卡”"));
        let c = shown.lines[1].cells[0].span;
        assert_eq!(shown.cells.at(c.start).as_deref(), Some("'表1 计分卡'!A1"));
    }

    #[test]
    fn a_csv_has_no_sheet_name_and_cells_are_plain() {
        let mut g = grid();
        g.sheets[0].name.clear();
        let shown = show(&g);
        assert!(shown.text.starts_with("表1 人才培养质量计分卡\n"));
        let d7 = shown.lines[1].cells[3].span;
        assert_eq!(shown.cells.at(d7.start).as_deref(), Some("D7"));
        let moved = shown.cells.clone().shifted(100, "表.csv");
        assert_eq!(moved.at(d7.start + 100).as_deref(), Some("表.csv:D7"));
    }
}
