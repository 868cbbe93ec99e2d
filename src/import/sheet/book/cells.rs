//! calamine's cells → text, for each file kind.

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, Ods, Reader, SheetType, Xls, Xlsx};

use super::collect::{Collector, Flow, clean_text, is_percent_format, number, percent};
use super::ods_scan::Percents;

type Bytes<'a> = Cursor<&'a [u8]>;

/// Reads an .xlsx sheet by sheet, each cell as it streams (with its number format,
/// for percentages): a sheet stops at the row limit without the rest being parsed.
pub fn xlsx(bytes: &[u8], c: &mut Collector) -> Result<(), String> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let sheets = book.sheets_metadata().to_vec();
    for s in sheets.iter().filter(|s| s.typ == SheetType::WorkSheet) {
        if !c.sheet(&s.name, sheets.len()) {
            break;
        }
        // One sheet that cannot be parsed does not take the others with it; what it
        // gave before the error is kept.
        if let Err(e) = xlsx_sheet(&mut book, &s.name, c) {
            c.sheet_unread(&s.name, &e.to_string());
        }
    }
    Ok(())
}

fn xlsx_sheet(
    book: &mut Xlsx<Bytes<'_>>,
    name: &str,
    c: &mut Collector,
) -> Result<(), calamine::XlsxError> {
    let mut cells = book.worksheet_cells_reader(name)?;
    let percents: Vec<bool> = cells
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|f| is_percent_format(&f.format_code))
        })
        .collect();
    while let Some((cell, style)) = cells.next_cell_with_style_id()? {
        let (row, col) = cell.get_position();
        let is_percent = percents.get(style).copied().unwrap_or(false);
        let data = Data::from(cell.get_value().clone());
        if put(c, row, col, &data, is_percent) == Flow::Stop {
            break;
        }
    }
    Ok(())
}

/// Reads an .xls (calamine parses the whole file when it opens it).
/// `percents`: its percentage cells (read from its formats by the pre-scan).
pub fn xls(bytes: &[u8], percents: &Percents, c: &mut Collector) -> Result<(), String> {
    let book = Xls::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    whole(book, percents, c)
}

/// Reads a .ods (calamine parses the whole file when it opens it).
/// `percents`: its percentage cells (the pre-scan's).
pub fn ods(bytes: &[u8], percents: &Percents, c: &mut Collector) -> Result<(), String> {
    let book = Ods::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    whole(book, percents, c)
}

fn whole<'a, R>(mut book: R, percents: &Percents, c: &mut Collector) -> Result<(), String>
where
    R: Reader<Bytes<'a>>,
    R::Error: std::fmt::Display,
{
    let sheets = book.sheets_metadata().to_vec();
    for (i, s) in sheets.iter().enumerate() {
        if s.typ != SheetType::WorkSheet {
            continue;
        }
        if !c.sheet(&s.name, sheets.len()) {
            break;
        }
        // One sheet that cannot be parsed does not take the others with it.
        let range = match book.worksheet_range(&s.name) {
            Ok(range) => range,
            Err(e) => {
                c.sheet_unread(&s.name, &e.to_string());
                continue;
            }
        };
        let Some((row0, col0)) = range.start() else {
            continue;
        };
        for (r, k, data) in range.used_cells() {
            let (row, col) = (row0 + r as u32, col0 + k as u32);
            if put(c, row, col, data, percents.is(i, row, col)) == Flow::Stop {
                break;
            }
        }
    }
    Ok(())
}

/// One cell's text into the collector (formula errors noted).
fn put(c: &mut Collector, row: u32, col: u32, data: &Data, is_percent: bool) -> Flow {
    let text = match data {
        Data::Empty => return Flow::Go,
        Data::Int(i) if is_percent => percent(&i.to_string()),
        Data::Int(i) => i.to_string(),
        Data::Float(x) if is_percent => percent(&number(*x)),
        Data::Float(x) => number(*x),
        Data::String(s) => clean_text(s),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => date_time(d),
        Data::DateTimeIso(s) => iso_date_time(s),
        Data::DurationIso(s) => s.trim().to_string(),
        Data::Error(e) => {
            let text = e.to_string();
            c.error_value(row, col, &text);
            text
        }
    };
    c.cell(row, col, text)
}

/// "2025-01-20", "2025-01-20 08:30", or "08:30" for a time of day alone; a
/// duration as its number of days.
fn date_time(d: &ExcelDateTime) -> String {
    if d.is_duration() {
        return number(d.as_f64());
    }
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    let has_time = (h, mi, s) != (0, 0, 0);
    if d.as_f64() < 1.0 && has_time {
        format!("{h:02}:{mi:02}")
    } else if has_time {
        format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}")
    } else {
        format!("{y:04}-{mo:02}-{day:02}")
    }
}

/// An ISO date-time as the other kinds read: "2025-01-20T08:30:00" → "2025-01-20
/// 08:30", "2025-01-20T00:00:00" → "2025-01-20".
fn iso_date_time(s: &str) -> String {
    let s = s.trim();
    match s.split_once('T') {
        Some((date, time)) => {
            let hm = time.get(..5).unwrap_or(time);
            if hm == "00:00"
                && time
                    .trim_start_matches("00:00")
                    .trim_matches([':', '0', '.'])
                    .is_empty()
            {
                date.to_string()
            } else {
                format!("{date} {hm}")
            }
        }
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn dates_read_as_people_write_them() {
        let d = |v| ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
        assert_eq!(date_time(&d(45677.0)), "2025-01-20");
        assert_eq!(date_time(&d(45677.5)), "2025-01-20 12:00");
        assert_eq!(date_time(&d(0.25)), "06:00");
        assert_eq!(iso_date_time("2025-01-20"), "2025-01-20");
        assert_eq!(iso_date_time("2025-01-20T00:00:00"), "2025-01-20");
        assert_eq!(iso_date_time("2025-01-20T08:30:00"), "2025-01-20 08:30");
    }
}
