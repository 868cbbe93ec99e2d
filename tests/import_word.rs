//! Word files as converters and editors really write them (LibreOffice, pandoc,
//! python-docx, Word with tracked changes): a header over two rows with a merged 数据
//! cell, numbering switched off with numId 0, a row typed with a leading tab, tracked
//! changes left in the file. Each was a wrong import once.

mod common;

use std::path::Path;

use serde_json::Value;

use common::docx::{self, Part, para};
use common::{dabiao_in, findings};

fn import(dir: &Path, file: &str) -> (Value, String) {
    let run = dabiao_in(dir, &["import", file]);
    let v = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{file}: import output is not JSON ({e}):\n{}", run.stderr));
    (v, run.stderr)
}

fn write(dir: &Path, file: &str, parts: &[Part]) {
    std::fs::write(dir.join(file), docx::build(parts)).unwrap();
}

fn cell(text: &str, props: &str) -> String {
    format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
}

fn row(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

const TITLE: &str = "河西省柳岸市中等职业教育质量年度报告（2024年度）";

/// The scorecard as LibreOffice writes a two-row header: 序号, 指标, 单位 merged down,
/// 数据 merged across the two year columns.
fn two_row_header_table() -> Part {
    let down = r#"<w:vMerge w:val="restart"/>"#;
    let cont = "<w:vMerge/>";
    let mut xml = String::from("<w:tbl><w:tblPr/>");
    xml.push_str(&row(&[
        cell("序号", down),
        cell("指标", down),
        cell("单位", down),
        cell("数据", r#"<w:gridSpan w:val="2"/>"#),
    ]));
    xml.push_str(&row(&[
        cell("", cont),
        cell("", cont),
        cell("", cont),
        cell("2023年", ""),
        cell("2024年", ""),
    ]));
    for (no, name, unit, a, b) in [
        ("1", "毕业生人数", "人", "6120", "6388"),
        ("2", "毕业去向落实人数", "人", "5904", "6215"),
        ("3", "毕业生本省去向落实率", "%", "84.2", "86.9"),
    ] {
        xml.push_str(&row(&[
            cell(no, ""),
            cell(name, ""),
            cell(unit, ""),
            cell(a, ""),
            cell(b, ""),
        ]));
    }
    xml.push_str("</w:tbl>");
    Part::Raw(xml)
}

#[test]
fn a_header_over_two_rows_gives_each_year_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let parts = [
        para(TITLE),
        para("表1 人才培养质量计分卡"),
        two_row_header_table(),
    ];
    write(dir.path(), "two-rows.docx", &parts);
    let (data, stderr) = import(dir.path(), "two-rows.docx");
    let t = &data["data"]["secondary"];
    assert_eq!(t["2023"]["scorecard"]["graduates"], 6120, "{stderr}");
    assert_eq!(t["2024"]["scorecard"]["graduates"], 6388, "{stderr}");
    assert_eq!(t["2023"]["scorecard"]["in_province_rate"], 84.2, "{stderr}");
    assert!(!stderr.contains("no-header"), "{stderr}");
}

/// A heading in a numbered heading style, its numbering switched off (numId 0).
fn unnumbered(text: &str) -> Part {
    Part::Raw(format!(
        r#"<w:p><w:pPr><w:pStyle w:val="N1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    ))
}

fn numbered_by_style(text: &str) -> Part {
    Part::Raw(format!(
        r#"<w:p><w:pPr><w:pStyle w:val="N1"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    ))
}

#[test]
fn numbering_id_zero_is_no_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut parts = vec![
        para(TITLE),
        unnumbered("前言"),
        para("本报告依据各校填报数据编制。"),
    ];
    for t in dabiao::base::vocab::PARTS.iter() {
        parts.push(numbered_by_style(t));
        parts.push(para("全市职业学校本年度各项工作稳步推进。"));
    }
    write(dir.path(), "numid0.docx", &parts);
    let (data, stderr) = import(dir.path(), "numid0.docx");
    let sections = data["sections"].as_array().expect("sections");
    assert_eq!(sections.len(), 8, "{stderr}\n{sections:#?}");
    for (i, s) in sections.iter().enumerate() {
        assert_eq!(s["no"], i + 1, "{s:#}");
    }
}

/// A paragraph that starts with a tab: its first cell is empty, and the columns
/// after it stay where the header put them.
#[test]
fn a_leading_tab_is_an_empty_first_cell() {
    let dir = tempfile::tempdir().unwrap();
    let tabbed = |cells: &[&str]| {
        let runs: Vec<String> = cells
            .iter()
            .map(|c| format!("<w:r><w:t>{c}</w:t></w:r>"))
            .collect();
        Part::Raw(format!("<w:p>{}</w:p>", runs.join("<w:r><w:tab/></w:r>")))
    };
    let parts = [
        para(TITLE),
        para("表1 人才培养质量计分卡"),
        tabbed(&["序号", "指标", "单位", "数据", ""]),
        tabbed(&["", "", "", "2023年", "2024年"]),
        tabbed(&["1", "毕业生人数", "人", "6120", "6388"]),
        tabbed(&["", "其中：升学人数", "人", "3120", "3301"]),
    ];
    write(dir.path(), "tabs.docx", &parts);
    let run = dabiao_in(dir.path(), &["import", "tabs.docx"]);
    let data: Value = serde_json::from_str(&run.stdout).unwrap();
    let t = &data["data"]["secondary"];
    assert_eq!(
        t["2023"]["scorecard"]["further_study"], 3120,
        "{}",
        run.stderr
    );
    assert_eq!(
        t["2024"]["scorecard"]["further_study"], 3301,
        "{}",
        run.stderr
    );
    let found = findings(dir.path(), "tabs.docx");
    let shown = dabiao_in(dir.path(), &["check", "--no-rules", "tabs.docx"]);
    assert!(
        found
            .iter()
            .all(|f| f["code"] != "dabiao::import::no-header"),
        "{}",
        shown.stdout
    );
}

#[test]
fn tracked_changes_read_as_accepted_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let changed = r#"<w:p><w:r><w:t xml:space="preserve">全市共有中职学校</w:t></w:r><w:del w:id="1" w:author="审稿人"><w:r><w:delText>19</w:delText></w:r></w:del><w:ins w:id="2" w:author="审稿人"><w:r><w:t>18</w:t></w:r></w:ins><w:r><w:t>所。</w:t></w:r></w:p>"#;
    let parts = [
        para(TITLE),
        para("表1 人才培养质量计分卡"),
        Part::Raw(changed.to_string()),
    ];
    write(dir.path(), "changes.docx", &parts);
    let run = dabiao_in(dir.path(), &["check", "--no-rules", "changes.docx"]);
    assert!(
        run.stdout.contains("全市共有中职学校18所。"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("1918"), "{}", run.stdout);
    let found = findings(dir.path(), "changes.docx");
    let f = found
        .iter()
        .find(|f| f["code"] == "dabiao::import::tracked-changes")
        .unwrap_or_else(|| panic!("no tracked-changes finding: {found:#?}"));
    assert_eq!(f["severity"], "warning", "{f:#}");
    assert!(f["message"].as_str().unwrap().contains("2 处"), "{f:#}");
}
