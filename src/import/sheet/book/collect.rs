//! What every spreadsheet reader does with a cell once it has its text: keeps it in
//! its sheet and row, within the limits of `base::limits`, and says what was left out.

use std::collections::BTreeMap;

use crate::base::limits::{
    MAX_CELL_CHARS, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_SHEET_TEXT, MAX_SHEETS,
};
use crate::finding::Finding;
use crate::import::codes;

use super::super::{Grid, GridCell, GridRow, Sheet, cell_name};

/// Formula error values noted one by one; past this many, one finding counts the rest.
const MAX_ERROR_FINDINGS: usize = 20;

/// Whether a reader should go on with the cells of this sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Go,
    /// Stop reading this sheet (its row limit, or the file's cell limit).
    Stop,
}

/// The sheets read so far, the counts the limits are on, and the findings.
#[derive(Debug, Default)]
pub struct Collector {
    grid: Grid,
    pub findings: Vec<Finding>,
    /// The sheet being read: its rows by number, cells by column.
    rows: BTreeMap<u32, BTreeMap<u32, String>>,
    current: Option<String>,
    cells: usize,
    /// Bytes of cell text kept, all sheets together.
    text: usize,
    cells_cut: bool,
    errors: usize,
    /// What of the current sheet was left out.
    rows_cut: bool,
    cols_cut: usize,
    chars_cut: usize,
}

impl Collector {
    /// Starts a sheet; `false` (and a finding, once) past the sheet limit.
    pub fn sheet(&mut self, name: &str, total_sheets: usize) -> bool {
        self.finish_sheet();
        if self.cells_cut {
            return false;
        }
        if self.grid.sheets.len() >= MAX_SHEETS {
            if self.grid.sheets.len() == MAX_SHEETS {
                self.cut(format!(
                    "文件有 {total_sheets} 张工作表，超过 {MAX_SHEETS} 张的上限，只读取前 {MAX_SHEETS} 张；从“{name}”起的工作表未检查"
                ));
                // Counted as read so that this is said once.
                self.grid.sheets.push(Sheet::default());
            }
            return false;
        }
        self.current = Some(name.to_string());
        true
    }

    /// Adds the cell at (`row`, `col`) (0-based) with its text as read; empty text
    /// is skipped. Says when to stop reading the sheet.
    pub fn cell(&mut self, row: u32, col: u32, text: String) -> Flow {
        if self.cells_cut {
            return Flow::Stop;
        }
        let mut text = text;
        if text.is_empty() {
            return Flow::Go;
        }
        if col as usize >= MAX_SHEET_COLUMNS {
            self.cols_cut += 1;
            return Flow::Go;
        }
        if !self.rows.contains_key(&row) && self.rows.len() >= MAX_SHEET_ROWS {
            self.rows_cut = true;
            return Flow::Stop;
        }
        if self.cells >= MAX_SHEET_CELLS {
            self.cells_cut = true;
            self.cut(format!(
                "文件中的非空单元格超过 {MAX_SHEET_CELLS} 个的上限，只读取到“{}”的 {} 为止，其后的单元格和工作表未检查",
                self.current.as_deref().unwrap_or_default(),
                cell_name(col, row)
            ));
            return Flow::Stop;
        }
        if let Some((at, _)) = text.char_indices().nth(MAX_CELL_CHARS) {
            text.truncate(at);
            self.chars_cut += 1;
        }
        if self.text + text.len() > MAX_SHEET_TEXT {
            self.cells_cut = true;
            self.cut(format!(
                "文件中单元格的文字合计超过 {} MiB 的上限，只读取到“{}”的 {} 之前，其后的单元格和工作表未检查",
                MAX_SHEET_TEXT >> 20,
                self.current.as_deref().unwrap_or_default(),
                cell_name(col, row)
            ));
            return Flow::Stop;
        }
        self.text += text.len();
        self.cells += 1;
        self.rows.entry(row).or_default().insert(col, text);
        Flow::Go
    }

    /// A sheet the spreadsheet library could not parse: its cells are not checked.
    pub fn sheet_unread(&mut self, name: &str, reason: &str) {
        self.findings.push(
            Finding::of(
                &codes::SHEET_CUT,
                format!("工作表“{name}”无法完整读取（{reason}），其中的数据未全部检查；其他工作表照常读取"),
            )
            .with_help("在 Excel 或 WPS 中打开这个文件，检查这张工作表后重新保存（另存为 .xlsx）"),
        );
    }

    /// Notes a formula error value ("#DIV/0!") at (`row`, `col`).
    pub fn error_value(&mut self, row: u32, col: u32, text: &str) {
        self.errors += 1;
        if self.errors <= MAX_ERROR_FINDINGS {
            let sheet = self.current.as_deref().unwrap_or_default();
            let at = format!("{sheet}!{}", cell_name(col, row));
            self.findings.push(
                Finding::of(
                    &codes::CELL_ERROR,
                    format!("{at} 是公式错误值 {text}，按文字“{text}”读取，不是数字"),
                )
                .with_help(
                    "在电子表格中修正这个单元格的公式（如除数为零、引用无效），重新计算后保存",
                ),
            );
        }
    }

    /// The grid read, with the findings of what was left out.
    pub fn finish(mut self) -> (Grid, Vec<Finding>) {
        self.finish_sheet();
        self.grid.sheets.truncate(MAX_SHEETS);
        if self.errors > MAX_ERROR_FINDINGS {
            self.findings.push(Finding::of(
                &codes::CELL_ERROR,
                format!(
                    "另有 {} 个单元格是公式错误值（如 #DIV/0!），未逐一列出",
                    self.errors - MAX_ERROR_FINDINGS
                ),
            ));
        }
        (self.grid, self.findings)
    }

    fn finish_sheet(&mut self) {
        let Some(name) = self.current.take() else {
            return;
        };
        if self.rows_cut {
            self.cut(format!(
                "工作表“{name}”的非空行超过 {MAX_SHEET_ROWS} 行的上限，只读取前 {MAX_SHEET_ROWS} 行，其后的行未检查"
            ));
        }
        if self.cols_cut > 0 {
            self.cut(format!(
                "工作表“{name}”有 {} 个非空单元格在第 {MAX_SHEET_COLUMNS} 列之后（超过列数上限），未读取",
                self.cols_cut
            ));
        }
        if self.chars_cut > 0 {
            self.cut(format!(
                "工作表“{name}”有 {} 个单元格超过 {MAX_CELL_CHARS} 个字，只读取前 {MAX_CELL_CHARS} 个字",
                self.chars_cut
            ));
        }
        let rows = std::mem::take(&mut self.rows)
            .into_iter()
            .map(|(row, cells)| GridRow {
                row,
                cells: cells
                    .into_iter()
                    .map(|(col, text)| GridCell { col, text })
                    .collect(),
            })
            .collect();
        self.grid.sheets.push(Sheet { name, rows });
        self.rows_cut = false;
        self.cols_cut = 0;
        self.chars_cut = 0;
    }

    fn cut(&mut self, message: String) {
        self.findings.push(
            Finding::of(&codes::SHEET_CUT, message).with_help(
                "送审的数据表只需几张工作表、几百行；请删去多余的工作表、行和列后再保存",
            ),
        );
    }
}

/// Text as a person reads it in a cell: trimmed, each line break (and the blanks
/// around it) one space.
pub fn clean_text(s: &str) -> String {
    if !s.contains(['\n', '\r']) {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    for line in s
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// A number in its shortest decimal form: 45.61 → "45.61", 1765.0 → "1765".
pub fn number(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string(); // also -0.0
    }
    if !x.is_finite() {
        return format!("{x}");
    }
    // As a spreadsheet shows it: 15 significant digits, so that 0.482 stored as
    // 0.48200000000000004 (an .xls RK number) reads 0.482.
    let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    format!("{rounded}")
}

/// A decimal string times 100 with "%", by moving the point two places:
/// "0.4561" → "45.61%", "0.056" → "5.6%", "1" → "100%". Not a plain decimal
/// (NaN, inf) → the text with "%".
pub fn percent(decimal: &str) -> String {
    let (sign, digits) = match decimal.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", decimal),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) || int.is_empty() {
        return format!("{decimal}%");
    }
    let frac = format!("{frac:0<2}");
    let whole = format!("{int}{}", &frac[..2]);
    let whole = whole.trim_start_matches('0');
    let rest = frac[2..].trim_end_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let sign = if whole == "0" && rest.is_empty() {
        ""
    } else {
        sign
    };
    if rest.is_empty() {
        format!("{sign}{whole}%")
    } else {
        format!("{sign}{whole}.{rest}%")
    }
}

/// Whether a number format code shows a percentage: a '%' outside quotes and not
/// escaped ("0.00%" yes, `0.00"%"` no).
pub fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_move_the_point_on_the_string() {
        assert_eq!(percent("0.4561"), "45.61%");
        assert_eq!(percent("0.056"), "5.6%");
        assert_eq!(percent("1"), "100%");
        assert_eq!(percent("0"), "0%");
        assert_eq!(percent("12.5"), "1250%");
        assert_eq!(percent("-0.25"), "-25%");
        assert_eq!(percent("0.0001"), "0.01%");
        assert_eq!(percent("0.00001"), "0.001%");
        // A binary fraction's noise is gone at 15 digits, as a spreadsheet shows it.
        assert_eq!(percent(&number(0.1 + 0.2)), "30%");
        assert_eq!(percent("NaN"), "NaN%");
    }

    #[test]
    fn numbers_in_shortest_form() {
        assert_eq!(number(45.61), "45.61");
        assert_eq!(number(1765.0), "1765");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.4561), "0.4561");
        assert_eq!(number(0.48200000000000004), "0.482");
        assert_eq!(number(123456789012.5), "123456789012.5");
        assert_eq!(number(1e-7), "0.0000001");
    }

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0.00%"));
        assert!(is_percent_format("0%"));
        assert!(!is_percent_format("0.00\"%\""));
        assert!(!is_percent_format("0.00\\%"));
        assert!(!is_percent_format("General"));
    }

    #[test]
    fn text_is_trimmed_and_lines_joined() {
        assert_eq!(clean_text("  专任教师\r\n 人数 "), "专任教师 人数");
        assert_eq!(clean_text(" a "), "a");
        assert_eq!(clean_text("\n\n"), "");
    }

    #[test]
    fn rows_past_the_limit_stop_the_sheet() {
        let mut c = Collector::default();
        assert!(c.sheet("表1", 1));
        for r in 0..MAX_SHEET_ROWS as u32 {
            assert_eq!(c.cell(r, 0, "1".into()), Flow::Go);
        }
        assert_eq!(c.cell(MAX_SHEET_ROWS as u32, 0, "1".into()), Flow::Stop);
        let (grid, findings) = c.finish();
        assert_eq!(grid.sheets[0].rows.len(), MAX_SHEET_ROWS);
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("表1"),
            "{}",
            findings[0].message
        );
    }
}
