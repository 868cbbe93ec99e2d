//! `--report 汇总.xlsx`: the summary as a workbook for reviewers who live in Excel.
//! Sheet 「汇总」 has the CSV summary's columns, one row per report, with the grade
//! cell coloured and counts and score as numbers; sheet 「问题」 lists every finding.
//! Both have a frozen, filterable header and columns sized for Chinese text.

use rust_xlsxwriter::{
    ColNum, Color, DocProperties, Format, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

use super::Run;
use super::csv::{HEADER, row};
use crate::finding::{Category, Severity};
use crate::grade::Grade;
use crate::record::FindingRecord;

/// Columns of the summary that hold numbers: 年度, 得分, 错误, 警告, 提示, 豁免.
const NUMERIC: [usize; 6] = [5, 7, 8, 9, 10, 11];
const GRADE_COLUMN: usize = 6;

pub const FINDINGS_HEADER: [&str; 14] = [
    "文件",
    "单位",
    "代码",
    "严重程度",
    "类别",
    "说明",
    "行",
    "列",
    "位置（JSON 指针）",
    "建议",
    "计入评分",
    "豁免说明",
    "起因（改正它后随之消失）",
    "单元格（表格文件）",
];

/// Widest a column gets, in Excel character units; longer text is cut on screen, not in the cell.
const MAX_WIDTH: usize = 60;

pub fn render(run: &Run<'_>) -> Result<Vec<u8>, String> {
    build(run).map_err(|e| format!("无法生成 xlsx：{e}"))
}

fn build(run: &Run<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title("年报检查汇总")
            .set_author(format!("dabiao {}", run.provenance.dabiao))
            .set_comment(format!(
                "规则包 {}；数据集规范 {}；阈值 {}",
                run.provenance.rules, run.provenance.schema, run.provenance.thresholds
            )),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin);

    let summary = workbook.add_worksheet();
    summary.set_name("汇总")?;
    let mut widths = Widths::new(&HEADER);
    write_header(summary, &HEADER, &header)?;
    for (i, r) in run.records.iter().enumerate() {
        let at = (i + 1) as RowNum;
        let cells = row(r, run.provenance);
        for (c, cell) in cells.iter().enumerate() {
            let col = c as ColNum;
            widths.fit(c, cell);
            if c == GRADE_COLUMN {
                match r.verdict.as_ref().map(|v| v.grade) {
                    Some(g) => summary.write_string_with_format(at, col, cell, &grade_format(g))?,
                    None => summary.write_string(at, col, cell)?,
                };
            } else if NUMERIC.contains(&c) {
                let number = if c == 7 {
                    r.score()
                } else {
                    cell.parse::<f64>().ok()
                };
                if let Some(n) = number {
                    summary.write_number(at, col, n)?;
                } else if !cell.is_empty() {
                    // "未评分": a file that could not be read.
                    summary.write_string(at, col, cell)?;
                }
            } else if !cell.is_empty() {
                summary.write_string(at, col, clip(cell))?;
            }
        }
    }
    finish(summary, &widths, run.records.len())?;

    let issues = workbook.add_worksheet();
    issues.set_name("问题")?;
    let mut widths = Widths::new(&FINDINGS_HEADER);
    write_header(issues, &FINDINGS_HEADER, &header)?;
    let mut at: RowNum = 0;
    for r in run.records {
        let entity = r.entity.as_deref().unwrap_or_default();
        for f in &r.findings {
            at += 1;
            write_finding(issues, at, entity, f, &mut widths)?;
        }
    }
    finish(issues, &widths, at as usize)?;

    workbook.save_to_buffer()
}

fn write_finding(
    sheet: &mut Worksheet,
    at: RowNum,
    entity: &str,
    f: &FindingRecord,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let texts: [(usize, String); 11] = [
        (0, f.file.clone()),
        (1, entity.to_string()),
        (2, f.code.clone()),
        (4, Category::chinese(f.category).to_string()),
        (5, f.message.clone()),
        (8, f.pointer.clone().unwrap_or_default()),
        (9, f.help.clone().unwrap_or_default()),
        (10, if f.counted { "计入" } else { "已豁免" }.to_string()),
        (11, f.waiver.clone().unwrap_or_default()),
        (12, f.caused_by.as_ref().map(cause_text).unwrap_or_default()),
        (13, f.cell.clone().unwrap_or_default()),
    ];
    for (c, text) in &texts {
        widths.fit(*c, text);
        if !text.is_empty() {
            sheet.write_string(at, *c as ColNum, clip(text))?;
        }
    }
    let severity = f.severity.chinese();
    widths.fit(3, severity);
    sheet.write_string_with_format(at, 3, severity, &severity_format(f.severity))?;
    for (c, n) in [(6, f.line), (7, f.column)] {
        if let Some(n) = n {
            widths.fit(c, &n.to_string());
            sheet.write_number(at, c as ColNum, n as f64)?;
        }
    }
    Ok(())
}

/// Excel holds at most 32 767 UTF-16 units in a cell; rust_xlsxwriter refuses longer text.
fn clip(text: &str) -> &str {
    const MAX: usize = 32_767;
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > MAX {
            return &text[..i];
        }
    }
    text
}

fn write_header(sheet: &mut Worksheet, names: &[&str], format: &Format) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as ColNum, *name, format)?;
    }
    Ok(())
}

/// Freezes the header row, adds the autofilter and sets the column widths.
fn finish(sheet: &mut Worksheet, widths: &Widths, rows: usize) -> Result<(), XlsxError> {
    let last_col = (widths.0.len() - 1) as ColNum;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows as RowNum, last_col)?;
    for (c, w) in widths.0.iter().enumerate() {
        sheet.set_column_width(c as ColNum, *w as f64)?;
    }
    Ok(())
}

fn grade_format(g: Grade) -> Format {
    // Excel's own "Good", "Neutral" and "Bad" cell styles.
    let (fill, font) = match g {
        Grade::A => (0xC6EFCE, 0x006100),
        Grade::B => (0xFFEB9C, 0x9C5700),
        Grade::C => (0xFFC7CE, 0x9C0006),
    };
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
}

fn severity_format(s: Severity) -> Format {
    match s {
        Severity::Error => Format::new().set_font_color(Color::RGB(0x9C0006)),
        Severity::Warning => Format::new().set_font_color(Color::RGB(0x9C5700)),
        Severity::Info => Format::new(),
    }
}

/// Column widths in Excel character units: a CJK character takes two.
struct Widths(Vec<usize>);

impl Widths {
    fn new(header: &[&str]) -> Self {
        Widths(
            header
                .iter()
                .map(|h| (display_width(h) + 4).max(6))
                .collect(),
        )
    }

    fn fit(&mut self, col: usize, text: &str) {
        let w = (display_width(text) + 2).min(MAX_WIDTH);
        if let Some(cur) = self.0.get_mut(col) {
            *cur = (*cur).max(w);
        }
    }
}

/// The widest line of `text`, counting East Asian wide and fullwidth characters as two.
fn display_width(text: &str) -> usize {
    text.lines()
        .map(|l| l.chars().map(|c| if wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

fn wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// The root cause as a cell: its code and pointer.
fn cause_text(c: &crate::finding::Cause) -> String {
    format!("{} {}", c.code, c.pointer.as_deref().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double() {
        assert_eq!(display_width("ab"), 2);
        assert_eq!(display_width("单位（名称）"), 12);
        assert_eq!(display_width("A；不计豁免为 B"), 15);
        assert_eq!(display_width("短\n更长一些"), 8);
    }

    #[test]
    fn long_text_is_clipped_to_what_a_cell_holds() {
        let long = "字".repeat(40_000);
        assert_eq!(clip(&long).chars().count(), 32_767);
        let astral = "𠀀".repeat(20_000);
        assert_eq!(clip(&astral).chars().count(), 16_383);
        assert_eq!(clip("短"), "短");
    }
}
