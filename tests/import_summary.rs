//! The import summary: what was read from a report text, in the JSON record, the
//! terminal, and the markdown/csv/html summaries; datasets have none.

mod common;

use common::dabiao_in;
use common::docx::{self, Part, auto_heading, para, table};
use serde_json::Value;

/// An invented Word report: three of the eight parts, a case, a figure, and table 1
/// with one row the template does not have and one text in a number cell.
fn partial_report() -> Vec<Part> {
    let mut parts = vec![
        para("河西省枫林市中等职业教育"),
        para("质量年度报告（2025年度）"),
        para(""),
    ];
    let titles = dabiao::base::vocab::PARTS;
    for i in [0, 1, 5] {
        parts.push(auto_heading(1, titles[i]));
        parts.push(para("各校按计划推进本年度重点工作，办学条件继续改善。"));
        if i == 1 {
            parts.push(para("案例 2-1 订单班走进乡村工坊"));
            parts.push(para("学生在乡村工坊完成订单任务，企业全程参与评价。"));
            parts.push(para("图 2-1 乡村工坊实训现场"));
        }
    }
    parts.push(para("表1 人才培养质量计分卡"));
    parts.push(table(
        "序号\t指标\t单位\t2024年\t2025年\n\
         1\t毕业生人数\t人\t3120\t3305\n\
         2\t毕业去向落实人数\t人\t3010\t3190\n\
         3\t月收入\t元\t3150\t大约三千五\n\
         4\t毕业生城乡来源构成\t人\t40\t44",
    ));
    parts
}

fn json_record(dir: &std::path::Path, file: &str) -> Value {
    let run = dabiao_in(dir, &["check", "--format", "json", file]);
    let v: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout));
    v["files"][0].clone()
}

#[test]
fn a_word_report_says_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("枫林.docx"), docx::build(&partial_report())).unwrap();
    let import = json_record(dir.path(), "枫林.docx")["import"].clone();
    assert_eq!(import["parts"], 3, "{import:#}");
    assert_eq!(
        (import["cases"].as_i64(), import["figures"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(import["year"], 2025);
    assert_eq!(import["year_source"], "title");
    let data = import["data"].as_array().unwrap();
    let years: Vec<&str> = data.iter().map(|d| d["year"].as_str().unwrap()).collect();
    assert_eq!(years, ["2024", "2025"], "{import:#}");
    assert_eq!(data[1]["stage"], "secondary");
    assert_eq!(data[1]["tables"], serde_json::json!(["scorecard"]));
    // 2024: three cells; 2025: two (the text in the income cell is not a value).
    assert_eq!(import["cells"], 5, "{import:#}");
    assert_eq!(import["unmapped"], 2, "{import:#}");

    let run = dabiao_in(dir.path(), &["check", "枫林.docx"]);
    let out = &run.stdout;
    assert!(
        out.contains("    导入：3/8 个部分，案例 1 个，图 1 个，表 1 个；年度 2025（来自标题）"),
        "{out}"
    );
    assert!(
        out.contains("    数据表：中职 2024 年 表1（缺表2、3、4、5、6）；中职 2025 年 表1（缺表2、3、4、5、6）；已对应 5 格，未能对应 2 处"),
        "{out}"
    );
    for (format, want) in [
        ("markdown", "| 导入情况 |"),
        ("csv", "导入情况"),
        ("html", "<p class=\"import muted\">导入：3/8 个部分"),
    ] {
        let run = dabiao_in(dir.path(), &["check", "--format", format, "枫林.docx"]);
        assert!(run.stdout.contains(want), "{format}:\n{}", run.stdout);
        assert!(
            run.stdout.contains("已对应 5 格"),
            "{format}:\n{}",
            run.stdout
        );
    }
    for (name, want) in [
        ("结果.txt", "  导入：3/8 个部分"),
        ("结果.xml", "name=\"import\" value=\"导入：3/8 个部分"),
        ("结果.sarif", "\"parts\": 3"),
    ] {
        let path = dir.path().join(name);
        let run = dabiao_in(
            dir.path(),
            &[
                "check",
                "-q",
                "--report",
                path.to_str().unwrap(),
                "枫林.docx",
            ],
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains(want), "{name}:\n{written}");
    }
}

#[test]
fn a_text_report_without_a_year_in_its_title_takes_it_from_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let text = "枫林县职业中学质量年度报告\n\n一、基本情况\n学校办学条件持续改善。\n\n\
                表1 人才培养质量计分卡\n序号\t指标\t单位\t2025年\n1\t毕业生人数\t人\t640\n";
    std::fs::write(dir.path().join("枫林县.txt"), text).unwrap();
    let import = json_record(dir.path(), "枫林县.txt")["import"].clone();
    assert_eq!(import["year"], 2025, "{import:#}");
    assert_eq!(import["year_source"], "table-columns", "{import:#}");
    assert_eq!(import["parts"], 1, "{import:#}");
}

#[test]
fn datasets_and_unreadable_files_have_no_import_summary() {
    let dir = common::fixtures();
    let record = json_record(&dir, "valid/minimal.yaml");
    assert!(record.get("import").is_none(), "{record:#}");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("空.docx"), b"").unwrap();
    let record = json_record(tmp.path(), "空.docx");
    assert!(record.get("import").is_none(), "{record:#}");
    let run = dabiao_in(&dir, &["check", "valid/minimal.yaml"]);
    assert!(!run.stdout.contains("导入："), "{}", run.stdout);
}

#[test]
fn import_says_what_it_read_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("枫林.docx"), docx::build(&partial_report())).unwrap();
    let run = dabiao_in(dir.path(), &["import", "枫林.docx", "-o", "枫林.yaml"]);
    assert!(
        run.stderr
            .contains("导入：3/8 个部分，案例 1 个，图 1 个，表 1 个；年度 2025（来自标题）"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("已对应 5 格"), "{}", run.stderr);
}
