//! A .ods measured before calamine reads it. calamine expands repeated rows and
//! cells ("number-rows-repeated") into one dense block per sheet, from its first
//! value to its last, so a few hundred bytes can ask for billions of cells. One
//! streaming pass over content.xml finds, per table, the last row and column that
//! hold a value; past `MAX_SHEET_CELLS` for that block, the file is not read. The
//! same pass notes the cells typed "percentage", whose format calamine drops, and
//! adds up the text the repeated text cells will expand to (one long text repeated
//! over a million cells is a million copies), refused past `MAX_SHEET_TEXT`.

use std::collections::HashSet;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::base::limits::{MAX_SHEET_CELLS, MAX_SHEET_TEXT};
use crate::finding::Finding;

/// Row and column reach of the values of one table.
#[derive(Debug, Default, Clone, Copy)]
struct Reach {
    row: u64,
    /// The next row's number (rows so far, repeats counted).
    next_row: u64,
    first_row: Option<u64>,
    last_col: u64,
    first_col: Option<u64>,
    /// Column of the next cell in the current row, and the row's repeat.
    col: u64,
    repeat: u64,
}

impl Reach {
    fn block(&self) -> u64 {
        match (self.first_row, self.first_col) {
            (Some(r0), Some(c0)) => (self.row.saturating_sub(r0) + 1)
                .saturating_mul(self.last_col.saturating_sub(c0) + 1),
            _ => 0,
        }
    }
}

/// The cells of a .ods whose value type is "percentage" (of an .xls, whose format is
/// one), by sheet (in order) and (row, column): calamine reads them as plain
/// numbers (0.4561).
#[derive(Debug, Default)]
pub struct Percents {
    sheets: Vec<HashSet<(u32, u32)>>,
    /// Positions still to be recorded (all sheets together).
    budget: usize,
}

impl Percents {
    /// Empty, with room for as many positions as a file may have cells.
    pub fn new() -> Percents {
        Percents {
            budget: MAX_SHEET_CELLS,
            ..Percents::default()
        }
    }

    /// The next sheet's positions follow.
    pub fn next_sheet(&mut self) {
        self.sheets.push(HashSet::new());
    }

    pub fn is(&self, sheet: usize, row: u32, col: u32) -> bool {
        self.sheets
            .get(sheet)
            .is_some_and(|s| s.contains(&(row, col)))
    }

    pub fn add(&mut self, rows: std::ops::Range<u64>, cols: std::ops::Range<u64>) {
        let Some(sheet) = self.sheets.last_mut() else {
            return;
        };
        for r in rows {
            for c in cols.clone() {
                if self.budget == 0 {
                    return;
                }
                if let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) {
                    sheet.insert((r, c));
                    self.budget -= 1;
                }
            }
        }
    }
}

/// Measures each table's block (an error past the limit) and notes its
/// percentage cells.
pub fn check(content: &[u8]) -> Result<Percents, Box<Finding>> {
    let mut reader = Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut t = Reach::default();
    let mut worst: u64 = 0;
    let mut percents = Percents {
        budget: MAX_SHEET_CELLS,
        ..Percents::default()
    };
    let mut text = TextVolume::default();
    loop {
        let (e, empty) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => t.next_row = t.next_row.saturating_add(t.repeat),
                    "table:table" => worst = worst.max(t.block()),
                    "table:table-cell" | "table:covered-table-cell" => {
                        text.close(reader.buffer_position());
                    }
                    _ => {}
                }
                if text.expanded > MAX_SHEET_TEXT as u64 {
                    return Err(super::too_large(format!(
                        "中重复的文字单元格展开后合计超过 {} MiB 的上限，为安全起见不读取",
                        MAX_SHEET_TEXT >> 20
                    )));
                }
                buf.clear();
                continue;
            }
            // At the end, or an error calamine will report.
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" => {
                t = Reach::default();
                percents.sheets.push(HashSet::new());
            }
            "table:table-row" => {
                t.repeat = repeat(&e, "table:number-rows-repeated");
                t.col = 0;
                if empty {
                    t.next_row = t.next_row.saturating_add(t.repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                text.open(&e, empty, reader.buffer_position(), t.repeat);
                t.cell(&e, &mut percents);
            }
            _ => {}
        }
        worst = worst.max(t.block());
        if worst > MAX_SHEET_CELLS as u64 {
            return Err(super::too_large(format!(
                "文件中有一张工作表的数据区域（从第一个到最后一个有值的单元格）超过 {MAX_SHEET_CELLS} 个单元格的上限，为安全起见不读取"
            )));
        }
        buf.clear();
    }
    Ok(percents)
}

/// The text of repeated text cells, as calamine will hold it: each copy whole.
#[derive(Debug, Default)]
struct TextVolume {
    /// Where the open text cell's content starts, and how many copies it makes.
    open: Option<(u64, u64)>,
    expanded: u64,
}

impl TextVolume {
    fn open(&mut self, e: &BytesStart<'_>, empty: bool, at: u64, row_repeat: u64) {
        let is_text = e
            .attributes()
            .flatten()
            .any(|a| a.key.as_ref() == "office:value-type" && a.value.as_ref() == "string");
        if !is_text {
            return;
        }
        let copies = repeat(e, "table:number-columns-repeated").saturating_mul(row_repeat.max(1));
        if empty {
            // The text is in the tag itself (office:string-value).
            self.expanded = self
                .expanded
                .saturating_add((e.len() as u64).saturating_mul(copies));
        } else {
            self.open = Some((at, copies));
        }
    }

    fn close(&mut self, at: u64) {
        if let Some((start, copies)) = self.open.take() {
            let size = at.saturating_sub(start);
            self.expanded = self.expanded.saturating_add(size.saturating_mul(copies));
        }
    }
}

impl Reach {
    fn cell(&mut self, e: &BytesStart<'_>, percents: &mut Percents) {
        let n = repeat(e, "table:number-columns-repeated");
        if has_value(e) {
            let t = self;
            t.first_row = Some(t.first_row.unwrap_or(t.next_row).min(t.next_row));
            t.row = t
                .row
                .max(t.next_row.saturating_add(t.repeat.saturating_sub(1)));
            t.first_col = Some(t.first_col.unwrap_or(t.col).min(t.col));
            t.last_col = t.last_col.max(t.col.saturating_add(n - 1));
            if is_percentage(e) {
                percents.add(
                    t.next_row..t.next_row.saturating_add(t.repeat),
                    t.col..t.col.saturating_add(n),
                );
            }
            t.col = t.col.saturating_add(n);
        } else {
            self.col = self.col.saturating_add(n);
        }
    }
}

fn is_percentage(e: &BytesStart<'_>) -> bool {
    e.attributes()
        .flatten()
        .any(|a| a.key.as_ref() == "office:value-type" && a.value.as_ref() == "percentage")
}

fn repeat(e: &BytesStart<'_>, key: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A cell that calamine keeps: one with a value type or a formula.
fn has_value(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().any(|a| {
        matches!(
            a.key.as_ref(),
            "office:value-type" | "calcext:value-type" | "table:formula"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(rows: &str) -> String {
        format!(
            r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="a">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    #[test]
    fn one_long_text_repeated_a_million_times_is_refused() {
        let long = "长".repeat(2_000);
        let xml = content(&format!(
            r#"<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="10" office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
        ));
        let err = check(xml.as_bytes()).unwrap_err();
        assert!(err.message.contains("MiB"), "{}", err.message);
        // The same text in ten cells is read.
        let xml = content(&format!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="10" office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
        ));
        assert!(check(xml.as_bytes()).is_ok());
    }

    #[test]
    fn trailing_empty_repeats_are_fine() {
        let xml = content(
            r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        );
        assert!(check(xml.as_bytes()).is_ok());
    }

    /// Found by fuzzing (sheet_book): a cell outside any row subtracted 1 from a
    /// row repeat of 0.
    #[test]
    fn a_cell_outside_a_row_is_no_panic() {
        let xml = content(r#"<table:table-cell office:value-type="float" office:value="1"/>"#);
        assert!(check(xml.as_bytes()).is_ok());
    }

    #[test]
    fn repeated_values_past_the_limit_are_refused() {
        let xml = content(
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="100" office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        let e = check(xml.as_bytes()).unwrap_err();
        assert_eq!(e.code, "dabiao::sheet::too-large");
        let far = content(
            r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        assert!(check(far.as_bytes()).is_err());
    }
}
