//! `dabiao check` and `dabiao import` on PDF reports, driving the real binary:
//! a published PDF is graded like its Word original, findings say the page (and
//! the table row), the text read can be written out, and a PDF that has no text
//! to read (scanned, encrypted, not a PDF) is named as such and graded C at best.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

use common::pdf::Writer;
use common::{dabiao_in, project_root};

fn converted() -> PathBuf {
    project_root().join("tests/import/converted")
}

fn check_json(dir: &Path, file: &str) -> Value {
    let run = dabiao_in(dir, &["check", "--format", "json", file]);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

#[test]
fn a_published_pdf_is_graded_with_pages_in_its_findings() {
    let v = check_json(&converted(), "city-secondary-2024.grid.pdf");
    let file = &v["files"][0];
    let grade = file["verdict"]["grade"].as_str().unwrap();
    assert!(["A", "B", "C"].contains(&grade), "{file:#}");
    assert_ne!(file["verdict"]["unread"], true, "{file:#}");
    let labels: Vec<&str> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["label"].as_str())
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.contains("PDF 中：第 ") && l.contains(" 页")),
        "{labels:#?}"
    );
    // A finding in a data table names the table and the row.
    assert!(
        labels.iter().any(|l| l.contains("表") && l.contains(" 行")),
        "{labels:#?}"
    );
}

#[test]
fn the_pdf_grades_as_its_word_original_does() {
    let grade = |f: &str| check_json(&converted(), f)["files"][0]["verdict"]["grade"].clone();
    assert_eq!(
        grade("school-variants-2025.grid.pdf"),
        grade("school-variants-2025.python-docx.docx")
    );
}

#[test]
fn import_writes_the_text_it_read_from_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = converted().join("tables-continued-2024.grid.pdf");
    std::fs::copy(&pdf, dir.path().join("报告.pdf")).unwrap();
    let run = dabiao_in(dir.path(), &["import", "报告.pdf", "-o", "报告.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("报告.txt")).unwrap();
    assert!(text.contains("序号\t指标\t单位\t2023年\t2024年"), "{text}");
    assert!(text.contains("毕业生人数\t人\t4210\t4388"), "{text}");
    assert!(text.starts_with("河西省柳岸市中等职业教育质量年度报告（2024年度）\n"));
    // Not over an existing file.
    let again = dabiao_in(dir.path(), &["import", "报告.pdf", "-o", "报告.txt"]);
    assert_ne!(again.code, 0);
}

#[test]
fn a_folder_includes_its_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        converted().join("table-defects-2024.grid.pdf"),
        dir.path().join("甲校.pdf"),
    )
    .unwrap();
    let v = check_json(dir.path(), ".");
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(v["files"][0]["format"], "pdf", "{v:#}");
}

/// A one-page PDF whose page is only an image: what a scanner makes.
fn scanned_pdf() -> Vec<u8> {
    let mut w = Writer::new();
    let im = w.stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x80",
    );
    w.one_page(
        &format!("<< /XObject << /Im1 {im} 0 R >> >>"),
        b"q 500 0 0 700 40 70 cm /Im1 Do Q",
    )
}

fn only_finding(dir: &Path, file: &str) -> (Value, Value) {
    let v = check_json(dir, file);
    let f = &v["files"][0];
    let findings = f["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{f:#}");
    (findings[0].clone(), f["verdict"].clone())
}

#[test]
fn a_scanned_pdf_is_named_and_graded_c_unread() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("扫描件.pdf"), scanned_pdf()).unwrap();
    let (finding, verdict) = only_finding(dir.path(), "扫描件.pdf");
    assert_eq!(finding["code"], "dabiao::import::pdf-scanned");
    assert!(finding["message"].as_str().unwrap().contains("扫描件"));
    assert!(finding["help"].as_str().unwrap().contains("Word 原稿"));
    assert_eq!(verdict["grade"], "C");
    assert_eq!(verdict["unread"], true);
}

#[test]
fn an_encrypted_pdf_asks_for_the_original() {
    let dir = project_root().join("tests/pdf");
    let (finding, verdict) = only_finding(&dir, "encrypted.pdf");
    assert_eq!(finding["code"], "dabiao::import::pdf-encrypted");
    assert!(finding["help"].as_str().unwrap().contains("Word 原稿"));
    assert_eq!(verdict["grade"], "C");
    assert_eq!(verdict["unread"], true);
}

#[test]
fn a_pdf_restricted_from_copying_is_read() {
    let dir = project_root().join("tests/pdf");
    let v = check_json(&dir, "restricted.pdf");
    let f = &v["files"][0];
    assert_ne!(f["verdict"]["unread"], true, "{f:#}");
    assert!(
        !f["findings"].as_array().unwrap().iter().any(|x| x["code"]
            .as_str()
            .unwrap()
            .starts_with("dabiao::import::pdf")),
        "{f:#}"
    );
}

#[test]
fn a_damaged_pdf_never_gets_a_grade_better_than_c() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(converted().join("cells-per-line-2024.grid.pdf")).unwrap();
    bytes.truncate(bytes.len() / 3);
    std::fs::write(dir.path().join("半截.pdf"), bytes).unwrap();
    let v = check_json(dir.path(), "半截.pdf");
    let verdict = &v["files"][0]["verdict"];
    assert_eq!(verdict["grade"], "C", "{v:#}");
}

/// A one-page report as Chinese official-document systems write it: a Type0 font
/// with a predefined CMap and no ToUnicode (GBK bytes, or UCS-2 code units), each
/// table cell drawn where its column is.
fn official_document_pdf(encoding: &str) -> Vec<u8> {
    let encode = |s: &str| -> String {
        let bytes: Vec<u8> = if encoding == "GBK-EUC-H" {
            encoding_rs::GBK.encode(s).0.into_owned()
        } else {
            s.encode_utf16().flat_map(u16::to_be_bytes).collect()
        };
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    };
    let lines: &[(f32, &[&str])] = &[
        (780.0, &["河东省梧岭市中等职业教育质量年度报告（2024年度）"]),
        (740.0, &["表1 人才培养质量计分卡"]),
        (715.0, &["序号", "指标", "单位", "2024年"]),
        (695.0, &["1", "毕业生人数", "人", "4210"]),
        (675.0, &["2", "毕业去向落实人数", "人", "4102"]),
        (655.0, &["4", "月收入", "元", "3105"]),
    ];
    let columns = [60.0, 110.0, 330.0, 400.0];
    let mut content = String::new();
    for (y, cells) in lines {
        for (cell, x) in cells.iter().zip(columns) {
            content.push_str(&format!(
                "BT /F1 12 Tf 1 0 0 1 {x} {y} Tm <{}> Tj ET\n",
                encode(cell)
            ));
        }
    }
    let mut w = Writer::new();
    let f = common::pdf::type0_font(&mut w, encoding, None);
    w.one_page(
        &format!("<< /Font << /F1 {f} 0 R >> >>"),
        content.as_bytes(),
    )
}

#[test]
fn official_document_fonts_without_to_unicode_import_their_tables() {
    for encoding in ["GBK-EUC-H", "UniGB-UCS2-H"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("公文.pdf"), official_document_pdf(encoding)).unwrap();
        let run = dabiao_in(dir.path(), &["import", "公文.pdf"]);
        let v: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{encoding}: {e}\n{}", run.stderr));
        let card = &v["data"]["secondary"]["2024"]["scorecard"];
        assert_eq!(card["graduates"], 4210, "{encoding}: {v:#}");
        assert_eq!(card["placed"], 4102, "{encoding}");
        assert_eq!(card["monthly_income"], 3105, "{encoding}");
        assert_eq!(
            v["report"]["title"], "河东省梧岭市中等职业教育质量年度报告（2024年度）",
            "{encoding}"
        );
    }
}
