//! `dabiao export` and `dabiao init --format xlsx`: the workbook and .csv they write,
//! read back with calamine, and the files' bytes stable from run to run.

mod common;

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::{dabiao_in, project_root};

/// Every dataset in examples/ (not the README).
fn examples() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(project_root().join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .map(|p| p.display().to_string())
        .collect();
    out.sort();
    out
}

/// The sheets of a workbook: name and rows of cells as text.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            Data::Float(f) => f.to_string(),
                            Data::Int(i) => i.to_string(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], name: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r.get(1).is_some_and(|c| c == name))
        .unwrap_or_else(|| panic!("no row {name}"))
}

/// The XML of every worksheet in the zip.
fn sheet_xml(path: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .map(|n| n.into_owned())
        .collect();
    names
        .iter()
        .map(|n| {
            let mut s = String::new();
            zip.by_name(n).unwrap().read_to_string(&mut s).unwrap();
            s
        })
        .collect()
}

#[test]
fn every_example_exports_to_xlsx_and_csv_the_same_way_twice() {
    let dir = tempfile::tempdir().unwrap();
    for (i, example) in examples().iter().enumerate() {
        for ext in ["xlsx", "csv"] {
            let mut bytes = Vec::new();
            for run in 0..2 {
                let out = dir.path().join(format!("{i}-{run}.{ext}"));
                let args = ["export", example, "-o", out.to_str().unwrap()];
                let r = dabiao_in(dir.path(), &args);
                assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
                bytes.push(std::fs::read(&out).unwrap());
            }
            assert_eq!(bytes[0], bytes[1], "{example} .{ext} differs between runs");
            if ext == "csv" {
                assert!(bytes[0].starts_with("\u{feff}报告信息\r\n".as_bytes()));
            } else {
                let book = sheets(&dir.path().join(format!("{i}-0.xlsx")));
                assert_eq!(book[0].0, "填写说明", "{example}");
                assert_eq!(book[1].0, "报告信息", "{example}");
                assert_eq!(book[1].1[1], ["项目", "内容", "键", "说明"]);
            }
        }
    }
}

#[test]
fn the_workbook_holds_the_captions_headers_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let example = project_root().join("examples/school-higher-2024.json");
    let out = dir.path().join("o.xlsx");
    let r = dabiao_in(
        dir.path(),
        &[
            "export",
            example.to_str().unwrap(),
            "--format",
            "xlsx",
            "-o",
            "o.xlsx",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let book = sheets(&out);
    let names: Vec<&str> = book.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        names[..8],
        [
            "填写说明",
            "报告信息",
            "表1 人才培养质量计分卡（高职）",
            "表2 满意度调查表（高职）",
            "表3 教学资源表（高职）",
            "表4 服务贡献表（高职）",
            "表5 国际影响表（高职）",
            "表6 落实政策表（高职）",
        ]
    );
    let report = &book[1].1;
    let entity = report.iter().find(|r| r[2] == "entity.name").unwrap();
    assert_eq!(
        entity[..3],
        ["编制主体名称", "示例职业技术学院", "entity.name"]
    );
    let level = report.iter().find(|r| r[2] == "level").unwrap();
    assert_eq!(level[1], "学校");
    let scorecard = &book[2].1;
    assert_eq!(scorecard[0][0], "表1 人才培养质量计分卡（高职）");
    assert_eq!(scorecard[1], ["序号", "指标", "单位", "2023年", "2024年"]);
    assert_eq!(row(scorecard, "毕业生人数")[2..4], ["人", "2840"]);
    let survey = &book[3].1;
    assert_eq!(survey[1][5..], ["调查人次", "调查方式"]);
    // A 学时 row under its 门 row, with no name.
    let resources = &book[4].1;
    let at = resources
        .iter()
        .position(|r| r[1] == "教学计划内课程总数")
        .unwrap();
    assert_eq!(resources[at + 1][1..3], ["", "学时"]);
}

#[test]
fn blank_workbooks_have_each_stage_its_own_rows_and_validations() {
    let dir = tempfile::tempdir().unwrap();
    for (level, stage, stages) in [
        ("school", "secondary", &["中职"][..]),
        ("city", "both", &["高职", "中职"][..]),
        ("province", "higher", &["高职"][..]),
    ] {
        let file = format!("{level}-{stage}.xlsx");
        let args = [
            "init", "--format", "xlsx", "--level", level, "--stage", stage, "--year", "2024", "-o",
            &file,
        ];
        let r = dabiao_in(dir.path(), &args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let path = dir.path().join(&file);
        let book = sheets(&path);
        assert_eq!(book[0].0, "填写说明");
        assert!(
            book[0]
                .1
                .iter()
                .flatten()
                .any(|c| c.contains("dabiao check"))
        );
        let tables: Vec<&(String, Vec<Vec<String>>)> =
            book.iter().filter(|s| s.0.starts_with('表')).collect();
        assert_eq!(tables.len(), 6 * stages.len(), "{file}");
        for s in stages {
            assert!(
                tables
                    .iter()
                    .any(|t| t.0 == format!("表6 落实政策表（{s}）"))
            );
        }
        for (name, rows) in &tables {
            assert_eq!(rows[1][3..5], ["2023年", "2024年"], "{name}");
            // 辅导员人数 is a row of the 高职 template only.
            if name.starts_with("表6") {
                let counselors = rows.iter().any(|r| r[1] == "辅导员人数");
                assert_eq!(counselors, name.contains("高职"), "{name}");
            }
        }
        assert_eq!(
            book.iter().any(|s| s.0 == "学校办学条件"),
            level == "school"
        );
        let xml = sheet_xml(&path);
        assert!(
            xml.iter()
                .filter(|x| x.contains("<dataValidation "))
                .count()
                >= 6
        );
        assert!(
            xml.iter()
                .any(|x| x.contains("ISNUMBER") && x.contains("&lt;=100"))
        );
    }
}

#[test]
fn refusals_are_usage_errors_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let example = project_root().join("examples/school-higher-2024.json");
    let example = example.to_str().unwrap();
    let init = [
        "init", "--format", "xlsx", "--level", "school", "--stage", "higher", "--year", "2024",
    ];
    let r = dabiao_in(dir.path(), &init);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("不能打印到终端或标准输出"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    std::fs::write(dir.path().join("o.xlsx"), "keep").unwrap();
    let r = dabiao_in(dir.path(), &["export", example, "-o", "o.xlsx"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("已存在；如要覆盖请加 --force"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(dir.path().join("o.xlsx")).unwrap(), b"keep");
    let r = dabiao_in(dir.path(), &["export", example, "-o", "o.xlsx", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = dabiao_in(dir.path(), &["export", example, "-o", "o.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--format xlsx"), "{}", r.stderr);
    let r = dabiao_in(dir.path(), &["export", "missing.json", "-o", "m.csv"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("无法从 missing.json 读出数据"),
        "{}",
        r.stderr
    );
    // A .csv may go to standard output.
    let r = dabiao_in(dir.path(), &["export", example, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with('\u{feff}'));
}

#[test]
fn csv_of_an_example() {
    let dir = tempfile::tempdir().unwrap();
    let example = project_root().join("examples/school-secondary-2024.toml");
    let r = dabiao_in(
        dir.path(),
        &["export", example.to_str().unwrap(), "--format", "csv"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(
        r.stdout
            .trim_start_matches('\u{feff}')
            .replace("\r\n", "\n")
    );
}
