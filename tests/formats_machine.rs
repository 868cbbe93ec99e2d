//! The machine formats (SARIF, JUnit XML, xlsx) written by the real binary over
//! examples/, checked against `--format json` of the same run: SARIF against the
//! official 2.1.0 schema (tests/data/sarif-schema-2.1.0.json, the OASIS file as
//! shipped in serde-sarif 0.8.0's sources), JUnit parsed back with roxmltree, xlsx
//! read back with calamine.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{dabiao_in, project_root};
use serde_json::Value;

const WAIVERS: &str = "tests/fixtures/formats/waivers.toml";

fn run_json(extra: &[&str]) -> Value {
    let mut args = vec!["check", "-q", "--format", "json"];
    args.extend_from_slice(extra);
    args.push("examples/");
    let run = dabiao_in(&project_root(), &args);
    assert_eq!(run.code, 1, "mistakes-2024.yaml has errors\n{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("json: {e}\n{}", run.stdout))
}

fn run_format(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["check", "-q", "--format", format];
    args.extend_from_slice(extra);
    args.push("examples/");
    let run = dabiao_in(&project_root(), &args);
    assert_eq!(run.code, 1, "{format}: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{format}: {}", run.stderr);
    run.stdout
}

fn files(json: &Value) -> &Vec<Value> {
    json["files"].as_array().expect("files")
}

fn all_findings(json: &Value) -> Vec<&Value> {
    files(json)
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .collect()
}

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(project_root().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("schema file");
    // The official file's `language` pattern ends in a bare `]`: a literal in
    // ECMAScript regexes, an error for Rust's regex crate. Escaping it keeps the meaning.
    let ecma = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(ecma).count(), 2, "the schema file changed");
    let text = text.replace(ecma, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(sarif: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF is not valid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_is_valid_and_has_a_result_per_finding() {
    let json = run_json(&[]);
    let sarif: Value = serde_json::from_str(&run_format("sarif", &[])).expect("SARIF is JSON");
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["tool"]["driver"]["name"], "dabiao");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");

    let findings = all_findings(&json);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    let t = &json["totals"];
    let total = ["errors", "warnings", "infos"]
        .iter()
        .map(|k| t[*k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(results.len() as u64, total);

    // Same order, same codes, levels and fingerprints.
    for (f, r) in findings.iter().zip(results) {
        assert_eq!(r["ruleId"], f["code"]);
        let level = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(r["level"], level);
        assert_eq!(r["partialFingerprints"]["dabiao/v1"], f["fingerprint"]);
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(f["message"].as_str().unwrap())
        );
    }

    // A rule for every code that fired, with its Chinese title; ruleIndex points at it.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let by_id: BTreeMap<&str, &Value> = rules
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();
    assert_eq!(by_id.len(), rules.len(), "rule ids are unique");
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        assert!(by_id.contains_key(id), "no rule for {id}");
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], id);
    }
    let codes: std::collections::BTreeSet<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), rules.len());
    assert_eq!(
        by_id["dabiao::schema::enum"]["shortDescription"]["text"],
        "取值不在允许范围内"
    );
    assert_eq!(
        by_id["THR-004"]["shortDescription"]["text"],
        "中职高级专业技术职务专任教师比例不低于 20%"
    );
    assert!(
        by_id["THR-004"]["help"]["text"]
            .as_str()
            .unwrap()
            .contains("中等职业学校设置标准")
    );

    // One known position: `level: 地市` on line 6 of the mistakes example.
    let known = findings
        .iter()
        .find(|f| f["file"] == "examples/mistakes-2024.yaml" && f["pointer"] == "/report/level")
        .expect("the level finding");
    assert_eq!(
        (known["line"].as_u64(), known["column"].as_u64()),
        (Some(6), Some(10))
    );
    let result = results
        .iter()
        .find(|r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/report/level")
        .expect("the level result");
    assert_eq!(result["ruleId"], "dabiao::schema::enum");
    assert_eq!(result["level"], "error");
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"],
        "examples/mistakes-2024.yaml"
    );
    let region = &physical["region"];
    assert_eq!(region["startLine"], known["line"]);
    assert_eq!(region["startColumn"], known["column"]);
    assert_eq!(region["endLine"], known["end_line"]);
    assert_eq!(region["endColumn"], known["end_column"]);
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(6), Some(10))
    );

    // Grades per file on the artifacts.
    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), files(&json).len());
    for (a, f) in artifacts.iter().zip(files(&json)) {
        assert_eq!(a["location"]["uri"], f["file"]);
        assert_eq!(a["properties"]["grade"], f["verdict"]["grade"]);
        assert_eq!(a["properties"]["score"], f["verdict"]["score"]);
    }
    assert_eq!(run["properties"]["totals"], json["totals"]);
}

#[test]
fn the_schema_check_is_not_vacuous() {
    let sarif: Value = serde_json::from_str(&run_format("sarif", &[])).unwrap();
    let validator = sarif_validator();
    assert!(validator.is_valid(&sarif));
    for (pointer, bad) in [
        ("/runs/0/results/0/level", Value::from("fatal")),
        (
            "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
            Value::from(0),
        ),
        ("/runs/0/tool/driver/rules/0/id", Value::from(1)),
    ] {
        let mut broken = sarif.clone();
        *broken.pointer_mut(pointer).expect(pointer) = bad;
        assert!(!validator.is_valid(&broken), "{pointer}");
    }
}

#[test]
fn sarif_marks_waived_findings_as_suppressed() {
    let sarif: Value =
        serde_json::from_str(&run_format("sarif", &["--waivers", WAIVERS])).expect("SARIF is JSON");
    assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1, "exactly the waived THR-004");
    let s = suppressed[0];
    assert_eq!(s["ruleId"], "THR-004");
    assert_eq!(s["suppressions"][0]["kind"], "external");
    assert!(
        s["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .contains("全市高级职称评审")
    );
}

struct Testcase {
    name: String,
    classname: String,
    failures: usize,
    properties: BTreeMap<String, String>,
    system_out: String,
}

struct Junit {
    testcases: Vec<Testcase>,
    suite_failures: usize,
    messages: Vec<String>,
}

fn parse_junit(xml: &str) -> Junit {
    let doc = roxmltree::Document::parse(xml).expect("JUnit XML is well-formed");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1);
    let suite = suites[0];
    assert_eq!(suite.attribute("name"), Some("dabiao"));
    let mut testcases = Vec::new();
    let mut messages = Vec::new();
    for tc in suite.children().filter(|n| n.has_tag_name("testcase")) {
        let failures: Vec<_> = tc
            .children()
            .filter(|n| n.has_tag_name("failure"))
            .collect();
        messages.extend(
            failures
                .iter()
                .map(|f| f.attribute("message").unwrap_or_default().to_string()),
        );
        let props = tc
            .children()
            .filter(|n| n.has_tag_name("properties"))
            .flat_map(|p| p.children().filter(|n| n.has_tag_name("property")))
            .map(|p| {
                (
                    p.attribute("name").unwrap().to_string(),
                    p.attribute("value").unwrap().to_string(),
                )
            })
            .collect();
        let out = tc
            .children()
            .find(|n| n.has_tag_name("system-out"))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string();
        testcases.push(Testcase {
            name: tc.attribute("name").unwrap().to_string(),
            classname: tc.attribute("classname").unwrap().to_string(),
            failures: failures.len(),
            properties: props,
            system_out: out,
        });
    }
    assert_eq!(
        suite.attribute("tests").unwrap().parse::<usize>().unwrap(),
        testcases.len()
    );
    Junit {
        testcases,
        suite_failures: suite.attribute("failures").unwrap().parse().unwrap(),
        messages,
    }
}

#[test]
fn junit_has_a_testcase_per_report_and_a_failure_per_error() {
    let json = run_json(&["--waivers", WAIVERS]);
    let junit = parse_junit(&run_format("junit", &["--waivers", WAIVERS]));
    let files = files(&json);
    assert_eq!(junit.testcases.len(), files.len());
    let mut failing = 0;
    for (tc, f) in junit.testcases.iter().zip(files) {
        let Testcase {
            name,
            classname,
            failures,
            properties: props,
            system_out: out,
        } = tc;
        assert_eq!(name, f["file"].as_str().unwrap());
        let expected_class = f["entity"].as_str().unwrap_or(name);
        assert_eq!(classname, expected_class);
        let errors = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["severity"] == "error" && x["counted"] == true)
            .count();
        assert_eq!(*failures, errors, "{name}");
        failing += usize::from(errors > 0);
        assert_eq!(props["grade"], f["verdict"]["grade"].as_str().unwrap());
        let score = f["verdict"]["score"].as_f64().unwrap();
        assert_eq!(props["score"].parse::<f64>().unwrap(), score);
        let warnings = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["severity"] == "warning")
            .count();
        assert_eq!(out.matches("[警告").count(), warnings, "{name}");
    }
    assert_eq!(junit.suite_failures, failing);
    assert_eq!(failing, 1, "only the mistakes example fails");
    // examples/ in name order: chengchuan, linfen, mistakes, …
    let mistakes = &junit.testcases[2];
    assert_eq!(mistakes.name, "examples/mistakes-2024.yaml");
    assert_eq!(mistakes.failures, 11);
    assert!(
        junit
            .messages
            .iter()
            .any(|m| m.starts_with("dabiao::schema::enum 报告信息「报告层级」的值 \"地市\""))
    );
    // The waived warning is listed as such.
    let linfen = &junit.testcases[1];
    assert!(
        linfen.system_out.contains("[警告，已豁免] THR-004"),
        "{}",
        linfen.system_out
    );
    assert!(
        linfen
            .system_out
            .contains("examples/linfen-2024-city-secondary.yaml:220:28")
    );
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The XML of one part of the xlsx package (for what calamine does not expose).
fn xlsx_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn check_xlsx(path: &Path, json: &Value) {
    let mut book: Xlsx<_> = open_workbook(path).expect("xlsx opens");
    assert_eq!(book.sheet_names(), vec!["汇总", "问题"]);

    let summary = book.worksheet_range("汇总").unwrap();
    let rows: Vec<Vec<String>> = summary
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    assert_eq!(rows[0], dabiao::render::csv::HEADER.to_vec());
    let files = files(json);
    assert_eq!(rows.len(), files.len() + 1);
    let col = |name: &str| {
        dabiao::render::csv::HEADER
            .iter()
            .position(|h| *h == name)
            .unwrap()
    };
    for (i, f) in files.iter().enumerate() {
        let row = summary.rows().nth(i + 1).unwrap();
        assert_eq!(cell_text(&row[col("文件")]), f["file"].as_str().unwrap());
        let grade = cell_text(&row[col("等级")]);
        assert!(grade.starts_with(f["verdict"]["grade"].as_str().unwrap()));
        assert_eq!(
            row[col("得分")],
            Data::Float(f["verdict"]["score"].as_f64().unwrap()),
            "the score is a number"
        );
        assert_eq!(row[col("错误")], Data::Float(f["errors"].as_f64().unwrap()));
    }
    let linfen = summary.rows().nth(2).unwrap();
    assert_eq!(cell_text(&linfen[col("单位")]), "山西省临汾市");
    assert_eq!(cell_text(&linfen[col("等级")]), "B");
    let mistakes = summary.rows().nth(3).unwrap();
    assert_eq!(cell_text(&mistakes[col("等级")]), "C");

    let issues = book.worksheet_range("问题").unwrap();
    let header: Vec<String> = issues
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(cell_text)
        .collect();
    assert_eq!(
        header,
        [
            "文件",
            "单位",
            "代码",
            "严重程度",
            "类别",
            "说明",
            "行",
            "列",
            "位置（JSON 指针）",
            "建议",
            "计入评分",
            "豁免说明",
            "起因（改正它后随之消失）",
            "单元格（表格文件）"
        ]
    );
    let t = &json["totals"];
    let total = ["errors", "warnings", "infos"]
        .iter()
        .map(|k| t[*k].as_u64().unwrap() as usize)
        .sum::<usize>();
    assert_eq!(issues.height(), total + 1, "a row per finding");
    let findings = all_findings(json);
    assert_eq!(findings.len(), total);
    let level = issues
        .rows()
        .skip(1)
        .find(|r| cell_text(&r[8]) == "/report/level")
        .expect("the level finding");
    assert_eq!(cell_text(&level[0]), "examples/mistakes-2024.yaml");
    assert_eq!(cell_text(&level[2]), "dabiao::schema::enum");
    assert_eq!(cell_text(&level[3]), "错误");
    assert_eq!(level[6], Data::Float(6.0));
    assert_eq!(level[7], Data::Float(10.0));
    assert_eq!(cell_text(&level[10]), "计入");

    // Frozen header and autofilter on both sheets.
    for (sheet, rows) in [("sheet1", files.len()), ("sheet2", total)] {
        let xml = xlsx_part(path, &format!("xl/worksheets/{sheet}.xml"));
        assert!(xml.contains("state=\"frozen\""), "{sheet}: no frozen pane");
        assert!(
            xml.contains(&format!(
                "<autoFilter ref=\"A1:{}\"",
                last_cell(sheet, rows)
            )),
            "{sheet}: no autofilter"
        );
        assert!(xml.contains("<cols>"), "{sheet}: no column widths");
    }
}

fn last_cell(sheet: &str, rows: usize) -> String {
    let col = if sheet == "sheet1" { "P" } else { "N" };
    format!("{col}{}", rows + 1)
}

#[test]
fn xlsx_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("汇总.xlsx");
    let json = run_json(&[]);
    let run = dabiao_in(
        &project_root(),
        &["check", "--report", out.to_str().unwrap(), "examples/"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("已写入"), "{}", run.stderr);
    check_xlsx(&out, &json);
}

#[test]
fn xlsx_is_not_for_the_terminal() {
    let run = dabiao_in(&project_root(), &["check", "--format", "xlsx", "examples/"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
}

#[test]
fn one_run_writes_all_three_reports() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.sarif");
    let b = dir.path().join("b.xml");
    let c = dir.path().join("c.xlsx");
    let json = run_json(&[]);
    let run = dabiao_in(
        &project_root(),
        &[
            "check",
            "-q",
            "--format",
            "json",
            "--report",
            a.to_str().unwrap(),
            "--report",
            b.to_str().unwrap(),
            "--report",
            c.to_str().unwrap(),
            "examples/",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let stdout: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stdout["totals"], json["totals"]);

    let sarif: Value = serde_json::from_slice(&std::fs::read(&a).unwrap()).unwrap();
    assert_valid_sarif(&sarif);
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        all_findings(&json).len()
    );
    let junit = parse_junit(&std::fs::read_to_string(&b).unwrap());
    assert_eq!(junit.testcases.len(), files(&json).len());
    assert_eq!(
        junit.messages.len(),
        json["totals"]["errors"].as_u64().unwrap() as usize
    );
    check_xlsx(&c, &json);
}

/// Unreadable, empty, mis-encoded and broken inputs (findings without positions,
/// reports without an entity) and text with markup and control characters.
#[test]
fn odd_inputs_still_give_valid_output() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("odd.xlsx");
    let args = |format: &'static str| {
        vec![
            "check",
            "-q",
            "--format",
            format,
            "broken/",
            "valid/",
            "formats/control-chars.json",
        ]
    };
    let fixtures = common::fixtures();
    let json: Value = serde_json::from_str(&dabiao_in(&fixtures, &args("json")).stdout).unwrap();
    let findings = all_findings(&json).len();

    let sarif = dabiao_in(&fixtures, &args("sarif"));
    assert_eq!(sarif.code, 1);
    let sarif: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings);
    let binary = results
        .iter()
        .find(|r| r["ruleId"] == "dabiao::encoding::binary")
        .unwrap();
    assert!(binary["locations"][0]["physicalLocation"]["region"].is_null());
    assert_eq!(
        binary["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "broken/binary.json"
    );

    let junit = dabiao_in(&fixtures, &args("junit"));
    let parsed = parse_junit(&junit.stdout);
    assert_eq!(parsed.testcases.len(), files(&json).len());
    assert_eq!(
        parsed.messages.len(),
        all_findings(&json)
            .iter()
            .filter(|f| f["severity"] == "error" && f["counted"] == true)
            .count()
    );
    let control = parsed
        .testcases
        .iter()
        .find(|t| t.name == "formats/control-chars.json")
        .unwrap();
    assert_eq!(control.classname, "测试市 & <甲>");
    assert!(
        parsed
            .messages
            .iter()
            .any(|m| m.contains("\"7800人 <b>&amp; \"x\"\"")),
        "control characters are dropped, markup kept as text: {:?}",
        parsed.messages
    );

    let mut with_report = args("json");
    with_report.insert(1, "--report");
    with_report.insert(2, xlsx.to_str().unwrap());
    assert_eq!(dabiao_in(&fixtures, &with_report).code, 1);
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("xlsx opens");
    assert_eq!(
        book.worksheet_range("汇总").unwrap().height(),
        files(&json).len() + 1
    );
    assert_eq!(book.worksheet_range("问题").unwrap().height(), findings + 1);
}
