//! Checking spreadsheets: findings at cells in every output, a report with its
//! spreadsheet of tables (`--tables`, or the same name in one folder).

mod common;

use std::fs;
use std::path::Path;

use common::dabiao_in;
use serde_json::Value;

/// 表1 of a city's secondary schools where 2024's 毕业去向落实人数 exceeds 毕业生人数.
const TABLE1: &str = "表1 人才培养质量计分卡（中职）\n\
序号,指标,单位,2023年,2024年\n\
1,毕业生人数,人,1204,1187\n\
2,毕业去向落实人数,人,1150,1203\n";

fn json(dir: &Path, args: &[&str]) -> Value {
    let run = dabiao_in(dir, args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

fn finding<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {v:#}"))
}

#[test]
fn a_csv_finding_names_its_cell_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("表1.csv"), TABLE1).unwrap();

    let v = json(dir.path(), &["check", "--format", "json", "表1.csv"]);
    let f = finding(&v, "CON-001");
    assert_eq!(f["cell"], "E4", "{f:#}");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(4), Some(5))
    );
    assert_eq!(f["excerpt"], "2\t毕业去向落实人数\t人\t1150\t1203");

    let human = dabiao_in(dir.path(), &["check", "表1.csv"]).stdout;
    assert!(human.contains("╭─[表1.csv:E4]"), "{human}");
    // The row is drawn alone, numbered as the spreadsheet numbers it.
    assert!(human.contains(" 4 │ 2   毕业去向落实人数"), "{human}");

    let sarif = json(dir.path(), &["check", "--format", "sarif", "表1.csv"]);
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CON-001")
        .unwrap();
    let location = &result["locations"][0];
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 4);
    assert_eq!(location["physicalLocation"]["region"]["startColumn"], 5);
    assert_eq!(
        location["physicalLocation"]["contextRegion"]["snippet"]["text"],
        "2\t毕业去向落实人数\t人\t1150\t1203"
    );
    assert_eq!(location["logicalLocations"][0]["fullyQualifiedName"], "E4");

    let junit = dabiao_in(dir.path(), &["check", "--format", "junit", "表1.csv"]).stdout;
    assert!(junit.contains("表1.csv:E4"), "{junit}");
    let html = dabiao_in(dir.path(), &["check", "--format", "html", "表1.csv"]).stdout;
    assert!(html.contains("表1.csv:E4"));
}

#[test]
fn a_spreadsheet_with_tables_only_is_not_faulted_for_missing_parts() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("表1.csv"), TABLE1).unwrap();
    let v = json(dir.path(), &["check", "--format", "json", "表1.csv"]);
    let codes: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    // The prose's parts are noted, not errors; the tables' own gaps are.
    assert!(!codes.contains(&"CMP-001"), "{codes:?}");
    assert!(
        !codes.iter().any(|c| c.starts_with("dabiao::import::")),
        "{codes:?}"
    );
    assert!(codes.contains(&"CMP-003"), "{codes:?}");
}

/// A report whose prose says 1,187 graduates while its spreadsheet says 1,087.
fn report_and_tables(dir: &Path, report: &str, tables: &str) {
    fs::write(
        dir.join(report),
        "示例市中等职业教育质量年度报告（2024年度）\n\
         1 基本情况\n\
         2024年，全市中职学校毕业生共 1187 人。\n",
    )
    .unwrap();
    fs::write(dir.join(tables), TABLE1.replace("1187", "1087")).unwrap();
}

#[test]
fn a_report_and_its_spreadsheet_of_the_same_name_are_one_submission() {
    let dir = tempfile::tempdir().unwrap();
    report_and_tables(dir.path(), "城关.txt", "城关.csv");
    let v = json(dir.path(), &["check", "--format", "json", "."]);
    let files = v["files"].as_array().unwrap();
    assert_eq!(
        files.len(),
        1,
        "the spreadsheet is not checked on its own: {v:#}"
    );
    let prose = finding(&v, "NAR-006");
    assert!(
        prose["message"].as_str().unwrap().contains("1087"),
        "{prose:#}"
    );
    assert!(
        prose.get("cell").is_none(),
        "the prose finding is in the report"
    );
    // A table finding in the same run names the spreadsheet's cell.
    let table = finding(&v, "CON-001");
    assert_eq!(table["cell"], "./城关.csv:E4", "{table:#}");
}

#[test]
fn tables_given_explicitly_and_its_misuse() {
    let dir = tempfile::tempdir().unwrap();
    report_and_tables(dir.path(), "报告.txt", "数据表.csv");
    let v = json(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "报告.txt",
            "--tables",
            "数据表.csv",
        ],
    );
    assert!(
        finding(&v, "NAR-006")["message"]
            .as_str()
            .unwrap()
            .contains("1087")
    );

    fs::write(dir.path().join("另一份.txt"), "另一份报告").unwrap();
    let two = dabiao_in(
        dir.path(),
        &["check", "报告.txt", "另一份.txt", "--tables", "数据表.csv"],
    );
    assert_eq!(two.code, 2);
    assert!(
        two.stderr.contains("--tables 只能与一份报告"),
        "{}",
        two.stderr
    );
    let missing = dabiao_in(dir.path(), &["check", "报告.txt", "--tables", "无.csv"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("文件不存在"));
}
