//! Spreadsheet files read into a Grid (import::sheet::book and ::csv): workbooks
//! built here with rust_xlsxwriter or by hand, files LibreOffice saved
//! (tests/sheets/libreoffice), and hostile ones.

mod common;

use std::time::Instant;

use dabiao::import::sheet::book::{self, BookRead};
use dabiao::import::sheet::{Grid, csv};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// Every cell of sheet `s` as (cell name, text).
fn cells(g: &Grid, s: usize) -> Vec<(String, String)> {
    g.sheets[s]
        .rows
        .iter()
        .flat_map(|r| {
            r.cells.iter().map(move |c| {
                (
                    dabiao::import::sheet::cell_name(c.col, r.row),
                    c.text.clone(),
                )
            })
        })
        .collect()
}

fn text_at(g: &Grid, s: usize, name: &str) -> Option<String> {
    cells(g, s)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t)
}

fn read(bytes: &[u8]) -> BookRead {
    book::read(bytes).unwrap()
}

fn table1() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表1").unwrap();
    let center = Format::new();
    ws.merge_range(0, 0, 0, 4, "表1 人才培养质量计分卡", &center)
        .unwrap();
    for (c, h) in ["序号", "指标", "单位", "2023年", "2024年"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    ws.write_string(2, 0, "1").unwrap();
    ws.merge_range(2, 1, 3, 1, "专任教师数", &center).unwrap();
    ws.write_string(2, 2, "人").unwrap();
    ws.write_string(2, 3, "1765").unwrap(); // a number stored as text
    ws.write_number(2, 4, 1802.0).unwrap();
    ws.write_string(3, 3, "12:1").unwrap();
    ws.write_string(3, 4, "9.60:1").unwrap();
    let pct = Format::new().set_num_format("0.00%");
    ws.write_number_with_format(4, 3, 0.4561, &pct).unwrap();
    ws.write_number(4, 4, 45.61).unwrap();
    ws.write_number_with_format(5, 3, 0.056, &Format::new().set_num_format("0.0%"))
        .unwrap();
    ws.write_number_with_format(5, 4, 1.0, &Format::new().set_num_format("0%"))
        .unwrap();
    ws.write_formula(6, 3, Formula::new("=D3+E3").set_result("3567"))
        .unwrap();
    ws.write_formula(6, 4, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let when = ExcelDateTime::from_ymd(2025, 1, 20).unwrap();
    ws.write_datetime_with_format(7, 3, &when, &date).unwrap();
    ws.write_boolean(7, 4, true).unwrap();
    ws.write_string(8, 1, "  在校生\n 人数 ").unwrap();
    // Trailing empties: empty strings and formatted blanks far right and below.
    ws.write_string(8, 20, "").unwrap();
    ws.write_blank(30, 2, &pct).unwrap();
    ws.write_blank(31, 30, &pct).unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_cells_read_as_a_person_reads_them() {
    let r = read(&table1());
    let g = &r.grid;
    assert_eq!(g.sheets.len(), 1);
    assert_eq!(g.sheets[0].name, "表1");
    let t = |n| text_at(g, 0, n);
    assert_eq!(t("A1").as_deref(), Some("表1 人才培养质量计分卡"));
    assert_eq!(t("B1"), None, "a merged title is in its top-left cell only");
    assert_eq!(t("B3").as_deref(), Some("专任教师数"));
    assert_eq!(t("B4"), None, "a merged 指标 is in its top-left cell only");
    assert_eq!(t("D3").as_deref(), Some("1765"));
    assert_eq!(t("E3").as_deref(), Some("1802"));
    assert_eq!(t("D4").as_deref(), Some("12:1"));
    assert_eq!(t("E4").as_deref(), Some("9.60:1"));
    assert_eq!(t("D5").as_deref(), Some("45.61%"));
    assert_eq!(t("E5").as_deref(), Some("45.61"));
    assert_eq!(t("D6").as_deref(), Some("5.6%"));
    assert_eq!(t("E6").as_deref(), Some("100%"));
    assert_eq!(
        t("D7").as_deref(),
        Some("3567"),
        "a formula reads as its cached value"
    );
    assert_eq!(t("E7").as_deref(), Some("#DIV/0!"));
    assert_eq!(t("D8").as_deref(), Some("2025-01-20"));
    assert_eq!(t("E8").as_deref(), Some("是"));
    assert_eq!(t("B9").as_deref(), Some("在校生 人数"));
    let last = g.sheets[0].rows.last().unwrap();
    assert_eq!(last.row, 8, "rows of empty or blank cells are not rows");
    assert_eq!(last.cells.len(), 1);
    assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    assert_eq!(r.findings[0].code, "dabiao::import::cell-error");
    assert!(
        r.findings[0].message.contains("表1!E7"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn sheets_in_workbook_order_hidden_ones_too() {
    let mut wb = Workbook::new();
    for (name, hidden) in [("填写说明", false), ("表1", true), ("表2", false)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write_string(0, 0, format!("{name}的内容")).unwrap();
        if hidden {
            ws.set_hidden(true);
        }
    }
    let g = read(&wb.save_to_buffer().unwrap()).grid;
    let names: Vec<_> = g.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["填写说明", "表1", "表2"]);
    assert_eq!(text_at(&g, 1, "A1").as_deref(), Some("表1的内容"));
}

#[test]
fn ten_thousand_rows_read_in_linear_time() {
    let sheet = |rows: u32| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for r in 0..rows {
            ws.write_string(r, 0, format!("学校{r}")).unwrap();
            ws.write_number(r, 1, r as f64 + 0.5).unwrap();
        }
        wb.save_to_buffer().unwrap()
    };
    let (small, big) = (sheet(1_000), sheet(10_000));
    let t = Instant::now();
    assert_eq!(read(&small).grid.sheets[0].rows.len(), 1_000);
    let t_small = t.elapsed();
    let t = Instant::now();
    let g = read(&big).grid;
    let t_big = t.elapsed();
    assert_eq!(g.sheets[0].rows.len(), 10_000);
    assert_eq!(text_at(&g, 0, "B10000").as_deref(), Some("9999.5"));
    assert!(
        t_big < t_small * 40 + std::time::Duration::from_millis(500),
        "1,000 rows {t_small:?}, 10,000 rows {t_big:?}"
    );
}

// ---- files LibreOffice saved from tests/sheets/libreoffice/表1.csv (make.sh) ----

fn libreoffice(name: &str) -> Vec<u8> {
    std::fs::read(
        common::project_root()
            .join("tests/sheets/libreoffice")
            .join(name),
    )
    .unwrap()
}

fn csv_grid() -> Grid {
    let bytes = libreoffice("表1.csv");
    let text = dabiao::dataset::encoding::decode(&bytes).unwrap().text;
    csv::read(&text, "表1")
}

#[test]
fn libreoffice_xlsx_reads_as_the_csv() {
    let want = cells(&csv_grid(), 0);
    assert!(want.len() > 20);
    let r = book::read(&libreoffice("表1.xlsx")).unwrap();
    assert_eq!(r.grid.sheets.len(), 1);
    assert_eq!(cells(&r.grid, 0), want);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn libreoffice_ods_reads_as_the_csv() {
    let want = cells(&csv_grid(), 0);
    let r = book::read(&libreoffice("表1.ods")).unwrap();
    assert_eq!(r.grid.sheets.len(), 1);
    assert_eq!(cells(&r.grid, 0), want);
}

/// calamine keeps no number format for .xls; the pre-scan reads the cells' formats,
/// so a percentage reads with its "%" as in the other formats.
#[test]
fn libreoffice_xls_reads_as_the_csv() {
    let want = cells(&csv_grid(), 0);
    assert!(want.iter().any(|(_, t)| t.ends_with('%')));
    let r = book::read(&libreoffice("表1.xls")).unwrap();
    assert_eq!(cells(&r.grid, 0), want);
}

#[path = "sheet_read/hostile.rs"]
mod hostile;
