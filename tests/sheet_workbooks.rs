//! Workbooks as schools and platforms make them, built here with rust_xlsxwriter and
//! read through the real binary: each kind of cell read right, or reported at its cell.

mod common;

use std::path::Path;

use common::dabiao_in;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};
use serde_json::{Value, json};

const HEADER: [&str; 5] = ["序号", "指标", "单位", "2023年", "2024年"];

fn header(ws: &mut Worksheet, row: u32) {
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(row, c as u16, *h).unwrap();
    }
}

/// `dabiao import FILE` → the dataset (stdout), and the run's stderr.
fn import(dir: &Path, file: &str) -> (Value, String) {
    let run = dabiao_in(dir, &["import", file]);
    let v = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}\nstdout: {}\nstderr: {}", run.stdout, run.stderr));
    (v, run.stderr)
}

fn findings(dir: &Path, file: &str) -> Vec<Value> {
    let run = dabiao_in(dir, &["check", "--format", "json", file]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    v["files"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn save(wb: &mut Workbook, dir: &Path, name: &str) {
    wb.save(dir.join(name)).unwrap();
}

#[test]
fn cells_as_spreadsheets_hold_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("表1（中职）").unwrap();
    ws.write_string(0, 0, "表1 人才培养质量计分卡（中职）")
        .unwrap();
    header(ws, 1);
    // Numbers stored as text, a formula with its cached value.
    ws.write_string(2, 1, "毕业生人数").unwrap();
    ws.write_string(2, 2, "人").unwrap();
    ws.write_string(2, 3, "1765").unwrap();
    ws.write_formula(2, 4, Formula::new("=1700+102").set_result("1802"))
        .unwrap();
    // A percentage stored as a fraction with a % format, and as a plain number.
    ws.write_string(3, 1, "毕业生本省去向落实率").unwrap();
    ws.write_string(3, 2, "%").unwrap();
    let percent = Format::new().set_num_format("0.00%");
    ws.write_number_with_format(3, 3, 0.4561, &percent).unwrap();
    ws.write_number(3, 4, 45.61).unwrap();
    // Trailing empty rows and columns that only carry formatting.
    let bold = Format::new().set_bold();
    ws.write_blank(30, 0, &bold).unwrap();
    ws.write_blank(4, 12, &bold).unwrap();

    let ws = wb.add_worksheet().set_name("表3（中职）").unwrap();
    ws.write_string(0, 0, "表3 教学资源表（中职）").unwrap();
    header(ws, 1);
    // Ratios as text, in both of the ways reports write them.
    ws.write_string(2, 1, "生师比").unwrap();
    ws.write_string(2, 2, ":").unwrap();
    ws.write_string(2, 3, "12:1").unwrap();
    ws.write_string(2, 4, "9.60:1").unwrap();
    // A name merged over its two unit rows (门 and 学时).
    let merged = Format::new();
    ws.merge_range(3, 1, 4, 1, "教学计划内课程总数", &merged)
        .unwrap();
    ws.write_string(3, 2, "门").unwrap();
    ws.write_number(3, 3, 205.0).unwrap();
    ws.write_number(3, 4, 214.0).unwrap();
    ws.write_string(4, 2, "学时").unwrap();
    ws.write_number(4, 3, 37200.0).unwrap();
    ws.write_number(4, 4, 38100.0).unwrap();
    save(&mut wb, dir.path(), "中职.xlsx");

    let (v, stderr) = import(dir.path(), "中职.xlsx");
    let d = &v["data"]["secondary"];
    assert_eq!(d["2023"]["scorecard"]["graduates"], json!(1765), "{stderr}");
    assert_eq!(d["2024"]["scorecard"]["graduates"], json!(1802));
    assert_eq!(d["2023"]["scorecard"]["in_province_rate"], json!(45.61));
    assert_eq!(d["2024"]["scorecard"]["in_province_rate"], json!(45.61));
    assert_eq!(d["2023"]["resources"]["student_teacher_ratio"], json!(12));
    assert_eq!(d["2024"]["resources"]["student_teacher_ratio"], json!(9.6));
    assert_eq!(
        d["2024"]["resources"]["courses"],
        json!({"count": 214, "hours": 38100})
    );
}

#[test]
fn an_unknown_row_and_a_missing_table_are_reported_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("计分卡").unwrap();
    header(ws, 0);
    ws.write_string(1, 1, "毕业生人数").unwrap();
    ws.write_string(1, 2, "人").unwrap();
    ws.write_number(1, 3, 900.0).unwrap();
    ws.write_number(1, 4, 950.0).unwrap();
    ws.write_string(2, 1, "校园绿化覆盖率").unwrap();
    ws.write_string(2, 2, "%").unwrap();
    ws.write_number(2, 4, 38.0).unwrap();
    save(&mut wb, dir.path(), "学校.xlsx");

    let all = findings(dir.path(), "学校.xlsx");
    let unknown = all
        .iter()
        .find(|f| f["code"] == "dabiao::import::unmapped-row")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(unknown["cell"], "计分卡!B3", "{unknown:#}");
    // The missing tables are named (the sheet named 计分卡 counts as 表1).
    let missing: Vec<_> = all.iter().filter(|f| f["code"] == "CMP-003").collect();
    assert_eq!(missing.len(), 5, "{all:#?}");
    assert!(
        !missing
            .iter()
            .any(|f| f["message"].as_str().unwrap().contains("表1"))
    );
}

#[test]
fn two_stages_and_several_tables_on_one_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    for (name, stage, graduates) in [("中职", "中职", 700.0), ("高职", "高职", 3100.0)] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        ws.write_string(0, 0, format!("表1 人才培养质量计分卡（{stage}）"))
            .unwrap();
        header(ws, 1);
        ws.write_string(2, 1, "毕业生人数").unwrap();
        ws.write_string(2, 2, "人").unwrap();
        ws.write_number(2, 4, graduates).unwrap();
        // A second table further down the same sheet.
        ws.write_string(5, 0, format!("表3 教学资源表（{stage}）"))
            .unwrap();
        header(ws, 6);
        ws.write_string(7, 1, "专业数量").unwrap();
        ws.write_string(7, 2, "个").unwrap();
        ws.write_number(7, 4, 12.0).unwrap();
    }
    save(&mut wb, dir.path(), "全市.xlsx");
    let (v, _) = import(dir.path(), "全市.xlsx");
    assert_eq!(
        v["data"]["secondary"]["2024"]["scorecard"]["graduates"],
        json!(700)
    );
    assert_eq!(
        v["data"]["higher"]["2024"]["scorecard"]["graduates"],
        json!(3100)
    );
    assert_eq!(
        v["data"]["higher"]["2024"]["resources"]["specialties"],
        json!(12)
    );
    assert_eq!(
        v["data"]["secondary"]["2024"]["resources"]["specialties"],
        json!(12)
    );
    let stages = v["report"]["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 2, "{v:#}");
}

#[test]
fn a_metadata_sheet_of_its_own_making_with_a_date_and_titles() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("报告信息").unwrap();
    ws.write_string(0, 0, "项目").unwrap();
    ws.write_string(0, 1, "内容").unwrap();
    let rows: [(&str, Option<&str>); 5] = [
        ("报告标题", Some("示例市职业教育质量年度报告（2024年度）")),
        ("报告层级", Some("地市")),
        ("覆盖的教育层次", Some("中职、高职")),
        ("编制主体名称", Some("示例市教育局")),
        ("公开发布日期", None),
    ];
    for (i, (label, text)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *label).unwrap();
        if let Some(t) = text {
            ws.write_string(r, 1, *t).unwrap();
        }
    }
    // A date cell (a number with a date format), and the year as a number.
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1, 20).unwrap();
    let date_format = Format::new().set_num_format("yyyy/m/d");
    ws.write_datetime_with_format(5, 1, &date, &date_format)
        .unwrap();
    ws.write_string(6, 0, "报告年度").unwrap();
    ws.write_number(6, 1, 2024.0).unwrap();
    // Not a field: named at its cell, the rest still read.
    ws.write_string(7, 0, "联系人").unwrap();
    ws.write_string(7, 1, "王老师").unwrap();
    save(&mut wb, dir.path(), "信息.xlsx");

    let (v, _) = import(dir.path(), "信息.xlsx");
    assert_eq!(
        v["report"],
        json!({
            "title": "示例市职业教育质量年度报告（2024年度）",
            "level": "city",
            "stages": ["secondary", "higher"],
            "entity": {"name": "示例市教育局"},
            "published": {"date": "2025-01-20"},
            "year": 2024
        })
    );
    let all = findings(dir.path(), "信息.xlsx");
    let field = all
        .iter()
        .find(|f| f["code"] == "dabiao::sheet::field")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(field["cell"], "报告信息!A8", "{field:#}");
}
