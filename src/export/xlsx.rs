//! The workbook model as .xlsx: a bold title row, a styled header row, panes frozen
//! below it, columns as wide as their Chinese text, and a data validation on every
//! figure cell (a number, or "-" for 不适用; percentages 0–100). The creation date
//! is fixed, so the same dataset always gives the same bytes.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};

use crate::import::sheet::cell_name;

use super::model::{Cell, Expect, Figure, OutSheet, Part};

/// The .xlsx bytes of a book.
pub fn write(sheets: &[OutSheet]) -> Result<Vec<u8>, String> {
    build(sheets).map_err(|e| e.to_string())
}

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    figure: Format,
    hint: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: cell.clone(),
            figure: cell.clone().set_background_color(Color::RGB(0xFFF9E5)),
            hint: cell.set_text_wrap().set_font_color(Color::RGB(0x595959)),
        }
    }
}

fn build(sheets: &[OutSheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("dabiao"),
    );
    let styles = Styles::new();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        // Printed (or turned into PDF) a sheet is one page wide.
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        if sheet.part == Part::Instructions {
            instructions(ws, sheet, &styles)?;
        } else {
            table(ws, sheet, &styles)?;
        }
    }
    book.save_to_buffer()
}

fn instructions(ws: &mut Worksheet, sheet: &OutSheet, styles: &Styles) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, &sheet.title, &styles.title)?;
    let plain = Format::new().set_text_wrap();
    for (i, row) in sheet.rows.iter().enumerate() {
        let text = row.first().map(Cell::text).unwrap_or_default();
        ws.write_string_with_format(i as u32 + 1, 0, &text, &plain)?;
    }
    ws.set_column_width(0, 110)?;
    Ok(())
}

fn table(ws: &mut Worksheet, sheet: &OutSheet, styles: &Styles) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, &sheet.title, &styles.title)?;
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, h, &styles.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 2;
        for (c, cell) in row.iter().enumerate() {
            write_cell(ws, r, c as u16, cell, styles)?;
        }
        validate_row(ws, r, row)?;
    }
    ws.set_freeze_panes(2, 0)?;
    let columns = sheet
        .header
        .len()
        .max(sheet.rows.iter().map(Vec::len).max().unwrap_or(0));
    for c in 0..columns {
        let widest = sheet
            .rows
            .iter()
            .filter_map(|row| row.get(c))
            .map(|cell| width(&cell.text()))
            .chain(sheet.header.get(c).map(|h| width(h)))
            .max()
            .unwrap_or(0);
        let cap = if sheet.part == Part::Report && c == 3 {
            40
        } else {
            50
        };
        ws.set_column_width(c as u16, (widest + 2).clamp(6, cap) as f64)?;
    }
    Ok(())
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => ws.write_blank(r, c, &styles.text)?,
        Cell::Text(s) => ws.write_string_with_format(r, c, s, &styles.text)?,
        Cell::Hint(s) => ws.write_string_with_format(r, c, s, &styles.hint)?,
        Cell::Number(n) => {
            ws.write_number_with_format(r, c, n.as_f64().unwrap_or(0.0), &styles.text)?
        }
        Cell::Value { value, .. } => match value {
            None => ws.write_blank(r, c, &styles.figure)?,
            Some(Figure::Dash) => ws.write_string_with_format(r, c, "-", &styles.figure)?,
            Some(Figure::Number(n)) => {
                ws.write_number_with_format(r, c, n.as_f64().unwrap_or(0.0), &styles.figure)?
            }
        },
    };
    Ok(())
}

/// One validation per run of figure cells of the same kind in a row.
fn validate_row(ws: &mut Worksheet, r: u32, row: &[Cell]) -> Result<(), XlsxError> {
    let mut c = 0;
    while c < row.len() {
        let Cell::Value { expect, .. } = row[c] else {
            c += 1;
            continue;
        };
        let start = c;
        while c < row.len() && matches!(row[c], Cell::Value { expect: e, .. } if e == expect) {
            c += 1;
        }
        let dv = validation(expect, &cell_name(start as u32, r))?;
        ws.add_data_validation(r, start as u16, r, c as u16 - 1, &dv)?;
    }
    Ok(())
}

/// A custom rule: a number (in range), or "-"; blank is allowed.
fn validation(expect: Expect, at: &str) -> Result<DataValidation, XlsxError> {
    let (rule, message) = match expect {
        Expect::Number => (
            format!("ISNUMBER({at})"),
            "请填写数字（不带单位）；不适用填 -，未填写留空",
        ),
        Expect::Percent => (
            format!("AND(ISNUMBER({at}),{at}>=0,{at}<=100)"),
            "请填写 0 到 100 之间的数字，不带 %（89.5% 填 89.5）；不适用填 -",
        ),
        Expect::Ratio => (
            format!("AND(ISNUMBER({at}),{at}>=0)"),
            "生师比填 x:1 中的 x（18.6:1 填 18.6）；不适用填 -",
        ),
    };
    DataValidation::new()
        .allow_custom(Formula::new(format!("=OR({rule},{at}=\"-\")")))
        .set_input_title("填写说明")?
        .set_input_message(message)?
        .set_error_title("不是有效的值")?
        .set_error_message(message)
}

/// Display width: a wide (CJK) character counts as 2.
fn width(text: &str) -> usize {
    text.chars()
        .map(|ch| if (ch as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(width("表1 计分卡"), 10);
        assert_eq!(width("2024年"), 6);
    }

    #[test]
    fn the_same_book_gives_the_same_bytes() {
        let sheets = vec![OutSheet {
            name: "表1".into(),
            title: "表1".into(),
            header: vec!["指标".into(), "2024年".into()],
            rows: vec![vec![
                Cell::Text("生师比".into()),
                Cell::Value {
                    value: Some(Figure::Dash),
                    expect: Expect::Ratio,
                },
            ]],
            part: Part::Other,
        }];
        let a = write(&sheets).unwrap();
        assert_eq!(a, write(&sheets).unwrap());
        assert!(a.starts_with(b"PK"));
    }
}
