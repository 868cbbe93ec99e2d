//! Report covers in the forms real reports use (../shared/docs/variations.md A, B, C,
//! G, H), imported by the real binary from small invented texts in
//! tests/import_covers/: the metadata each yields, the info findings that say what
//! was inferred (a snapshot), look-alikes named and capped, and a cover whose lines
//! are separate Word paragraphs.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use common::dabiao_in;
use common::docx::{self, para};

fn dir() -> PathBuf {
    common::project_root().join("tests/import_covers")
}

/// `dabiao import FILE` → the dataset's `report`.
fn report(dir: &Path, file: &str) -> Value {
    let run = dabiao_in(dir, &["import", file]);
    let v: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{file}: not JSON ({e}):\n{}", run.stderr));
    v["report"].clone()
}

/// `dabiao check --no-rules --format json FILE` → its import findings.
fn import_findings(dir: &Path, file: &str) -> Vec<Value> {
    let run = dabiao_in(dir, &["check", "--no-rules", "--format", "json", file]);
    let v: Value = serde_json::from_str(&run.stdout).expect("json output");
    v["files"][0]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["category"] == "import")
        .cloned()
        .collect()
}

fn pick(report: &Value, keys: &[&str]) -> Value {
    let mut out = serde_json::Map::new();
    for k in keys {
        if let Some(v) = report.pointer(k) {
            out.insert((*k).to_string(), v.clone());
        }
    }
    Value::Object(out)
}

const KEYS: [&str; 5] = ["/title", "/year", "/level", "/stages", "/entity/name"];

#[test]
fn covers_yield_their_metadata() {
    let cases = [
        (
            "year-line-alone.txt",
            json!({"/title": "青禾信息工程中等专业学校质量年度报告(2019年度)", "/year": 2019,
                   "/level": "school", "/stages": ["secondary"],
                   "/entity/name": "青禾信息工程中等专业学校"}),
        ),
        (
            "bare-year-2018.txt",
            json!({"/title": "江岭省高等职业教育质量年度报告（2018）", "/year": 2017,
                   "/level": "province", "/stages": ["higher"], "/entity/name": "江岭省"}),
        ),
        (
            "school-year-in-body.txt",
            json!({"/title": "丰原市高等职业教育质量年度报告", "/year": 2015,
                   "/level": "city", "/stages": ["higher"], "/entity/name": "丰原市"}),
        ),
        (
            "date-only.txt",
            json!({"/title": "云溪县职教中心职业教育质量年度报告", "/year": 2024,
                   "/level": "school", "/stages": ["secondary"], "/entity/name": "云溪县职教中心"}),
        ),
        (
            "web-page-spaced.txt",
            json!({"/title": "宁夏回族自治区高等职业教育质量年度报告(2016)", "/year": 2015,
                   "/level": "province", "/stages": ["higher"], "/entity/name": "宁夏回族自治区"}),
        ),
    ];
    let mut failures = Vec::new();
    for (file, want) in cases {
        let got = pick(&report(&dir(), file), &KEYS);
        if got != want {
            failures.push(format!("{file}:\n  got  {got}\n  want {want}"));
        }
        let year_error = import_findings(&dir(), file)
            .iter()
            .any(|f| f["code"] == "dabiao::import::year");
        if year_error {
            failures.push(format!("{file}: the report year was not found"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture's import findings: what was inferred, from which line, and what
/// the document appears to be when it is not a report.
#[test]
fn inferences_are_info_findings_at_their_evidence() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".txt"))
        .collect();
    files.sort();
    let mut out = String::new();
    for file in &files {
        writeln!(out, "## {file}").unwrap();
        for f in import_findings(&dir(), file) {
            writeln!(
                out,
                "{} {} {}:{} {}",
                f["severity"].as_str().unwrap_or(""),
                f["code"].as_str().unwrap_or(""),
                f["line"],
                f["column"],
                f["message"].as_str().unwrap_or("")
            )
            .unwrap();
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_look_alike_is_named_and_graded_c() {
    let findings = import_findings(&dir(), "employment-report.txt");
    let f = findings
        .iter()
        .find(|f| f["code"] == "dabiao::import::not-a-report")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(f["severity"], "error");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("毕业生就业质量年度报告"),
        "{f}"
    );
    let run = dabiao_in(
        &dir(),
        &["check", "--format", "json", "employment-report.txt"],
    );
    let v: Value = serde_json::from_str(&run.stdout).expect("json output");
    let verdict = &v["files"][0]["verdict"];
    assert_eq!(verdict["grade"], "C", "{verdict:#}");
    let capped = verdict["caps"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|c| c["code"] == "dabiao::import::not-a-report");
    assert!(capped, "{verdict:#}");
}

/// A Word cover whose lines are separate paragraphs, with no blank ones: the title,
/// its English subtitle, the year line and the publisher stay apart.
#[test]
fn word_cover_paragraphs_stay_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let parts = vec![
        para("青禾职业技术学院"),
        para("高等职业教育质量年度报告"),
        para("Annual Report on the Quality of Higher Vocational Education"),
        para("（2024年度）"),
        para("青禾职业技术学院"),
        para("2025年1月"),
        para("1 基本情况"),
        para("学院现有在校生 9620 人。"),
    ];
    std::fs::write(tmp.path().join("cover.docx"), docx::build(&parts)).unwrap();
    let got = pick(&report(tmp.path(), "cover.docx"), &KEYS);
    assert_eq!(
        got,
        json!({"/title": "青禾职业技术学院高等职业教育质量年度报告（2024年度）", "/year": 2024,
               "/level": "school", "/stages": ["higher"], "/entity/name": "青禾职业技术学院"})
    );
}

/// A contents list whose page numbers are glued to the entries (D2, D3), under a
/// heading with spaces in it (D1).
#[test]
fn glued_contents_entries_keep_their_titles_and_pages() {
    let run = dabiao_in(&dir(), &["import", "toc-glued.txt"]);
    let v: Value = serde_json::from_str(&run.stdout).expect("json");
    let toc: Vec<(String, u64)> = v["toc"]
        .as_array()
        .unwrap_or_else(|| panic!("no toc: {}", run.stderr))
        .iter()
        .map(|e| {
            (
                e["title"].as_str().unwrap().to_string(),
                e["page"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64)> = [
        ("前 言", 4),
        ("1 基本情况", 5),
        ("1.1学校概况", 5),
        ("1.2专业设置", 8),
        ("2 人才培养", 9),
        ("2.1 1+X证书试点", 9),
        ("2.10就业质量", 14),
        ("附表3教学资源表", 31),
    ]
    .iter()
    .map(|(t, p)| (t.to_string(), *p))
    .collect();
    assert_eq!(toc, want);
    assert_eq!(
        v["sections"].as_array().map(Vec::len),
        Some(2),
        "{}",
        v["sections"]
    );
    assert_eq!(v["report"]["entity"]["name"], "云溪县职业教育中心");
}

/// Text as PDF extraction leaves it (G3, G4, G11): every character of the cover
/// spaced, a sentence broken at the page width and a page number inside it. The
/// figure after the break is read, the page number is not.
#[test]
fn pdf_extracted_text_reads_as_paragraphs() {
    let run = dabiao_in(&dir(), &["import", "pdf-extracted.txt"]);
    let v: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(
        pick(&v["report"], &["/title", "/year"]),
        json!({"/title": "丰原市中等职业教育质量年度报告（2024年度）", "/year": 2024})
    );
    let facts: Vec<(String, f64)> = v["facts"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["indicator"].as_str().unwrap_or("").to_string(),
                f["value"].as_f64().unwrap_or(0.0),
            )
        })
        .collect();
    assert!(
        facts.contains(&("students".to_string(), 23500.0)),
        "{facts:?}"
    );
    assert!(!facts.iter().any(|(_, x)| *x == 7.0), "{facts:?}");
}

#[test]
fn a_city_report_without_a_stage_word_is_secondary_and_says_so() {
    let d = dir();
    let r = report(&d, "city-no-stage-word.txt");
    assert_eq!(r["level"], "city");
    assert_eq!(r["stages"], json!(["secondary"]));
    let inferred: Vec<String> = import_findings(&d, "city-no-stage-word.txt")
        .iter()
        .filter(|f| f["code"] == "dabiao::import::inferred")
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        inferred.iter().any(|m| m.contains("按中职读入")),
        "{inferred:?}"
    );
}
