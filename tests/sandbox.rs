//! The rule sandbox: a rule that loops forever, builds a huge string, calls an
//! unknown function or does not compile gives a clear finding quickly, and the other
//! rules and reports still run.

mod common;

use std::time::{Duration, Instant};

use common::{dabiao, fixtures, project_root};

fn pack_with(rules: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["thresholds.toml", "grading.toml"] {
        std::fs::copy(project_root().join("rules").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::create_dir(dir.path().join("consistency")).unwrap();
    for (name, text) in rules {
        std::fs::write(dir.path().join("consistency").join(name), text).unwrap();
    }
    dir
}

/// `check --format json` of the minimal dataset with `pack`: the parsed output.
fn json_of_minimal(pack: &tempfile::TempDir) -> serde_json::Value {
    json_of(pack, "valid/minimal.yaml")
}

/// `check --format json` of `file` (from tests/fixtures) with `pack`: the parsed output.
fn json_of(pack: &tempfile::TempDir, file: &str) -> serde_json::Value {
    let pack = pack.path().to_str().unwrap();
    let run = dabiao(&["check", "--rules", pack, "--format", "json", file]);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stderr))
}

/// The messages of the findings of rule `code` in the first file of `v`.
fn messages_of<'a>(v: &'a serde_json::Value, code: &str) -> Vec<&'a str> {
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .filter_map(|f| f["message"].as_str())
        .collect()
}

fn header(id: &str) -> String {
    format!(
        "//! id = \"{id}\"\n//! title = \"测试规则\"\n//! category = \"consistency\"\n//! severity = \"error\"\n//! source = \"测试\"\n//! help = \"测试\"\n"
    )
}

#[test]
fn misbehaving_rules_become_findings_and_the_run_goes_on() {
    let pack = pack_with(&[
        ("BAD-1.rhai", &format!("{}loop {{ }}\n", header("BAD-1"))),
        (
            "BAD-2.rhai",
            &format!("{}let s = \"x\";\nloop {{ s += s; }}\n", header("BAD-2")),
        ),
        (
            "BAD-3.rhai",
            &format!("{}no_such_helper(1);\n", header("BAD-3")),
        ),
        ("BAD-4.rhai", &format!("{}let x = ;\n", header("BAD-4"))),
        (
            "OK-1.rhai",
            &format!("{}fail(\"/report/year\", \"照常运行\");\n", header("OK-1")),
        ),
    ]);
    let started = Instant::now();
    let run = dabiao(&[
        "check",
        "--rules",
        pack.path().to_str().unwrap(),
        "--format",
        "json",
        "valid/minimal.yaml",
        "valid/minimal.json",
    ]);
    let elapsed = started.elapsed();
    // Two reports, one endless loop each (timeout 0.5 s), everything else fast.
    assert!(elapsed < Duration::from_secs(4), "took {elapsed:?}");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for file in v["files"].as_array().unwrap() {
        let findings = file["findings"].as_array().unwrap();
        let message_of = |needle: &str| {
            findings
                .iter()
                .filter_map(|f| f["message"].as_str())
                .find(|m| m.contains(needle))
                .unwrap_or_else(|| panic!("no finding mentioning {needle}: {findings:#?}"))
                .to_string()
        };
        assert!(message_of("BAD-1").contains("超过上限"));
        assert!(message_of("BAD-2").contains("大小上限"));
        assert!(message_of("BAD-3").contains("no_such_helper"));
        assert!(message_of("BAD-4").contains("无法加载"));
        assert!(
            findings.iter().any(|f| f["code"] == "OK-1"),
            "the good rule still ran"
        );
        let engine = findings
            .iter()
            .filter(|f| f["category"] == "engine")
            .count();
        assert_eq!(engine, 4);
        assert_eq!(file["verdict"]["incomplete"], 4);
    }
    // The syntax error is shown once, pointing into the rule file.
    assert!(run.stderr.contains("规则脚本语法错误"), "{}", run.stderr);
    assert!(run.stderr.contains("BAD-4.rhai:7:"), "{}", run.stderr);
}

#[test]
fn rules_cannot_reach_files_or_modules() {
    let pack = pack_with(&[
        (
            "BAD-5.rhai",
            &format!("{}import \"/etc/passwd\" as p;\n", header("BAD-5")),
        ),
        ("BAD-6.rhai", &format!("{}eval(\"1\");\n", header("BAD-6"))),
    ]);
    let v = json_of_minimal(&pack);
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert_eq!(
        findings
            .iter()
            .filter(|f| f["category"] == "engine")
            .count(),
        2,
        "{findings:#?}"
    );
    assert!(!v.to_string().contains("root:"), "file contents leaked");
}

#[test]
fn a_broken_header_is_reported_at_its_line() {
    let bad = "//! id = \"BAD-7\"\n//! title = \"缺少类别\"\n//! severity = \"fatal\"\nfail(\"/\", \"x\");\n";
    let pack = pack_with(&[("BAD-7.rhai", bad)]);
    let run = dabiao(&[
        "rules",
        "test",
        "--rules",
        pack.path().to_str().unwrap(),
        "--fixtures",
        fixtures().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("规则文件头"), "{}", run.stderr);
    assert!(run.stderr.contains("BAD-7.rhai:3:1"), "{}", run.stderr);
}

/// `na_rows` finds the "-" of a table (not null, not 0, not "—"): a row that is
/// "-" with no fields, a row object with the fields that are; nothing for a value
/// that is not an object.
#[test]
fn na_rows_finds_the_dashes_of_a_table() {
    let script = "let t = \"/data/secondary/2024/international\";\n\
                  fail(\"/report/year\", `${na_rows(t)}|${na_rows(\"/data/secondary/2024\")}|${na_rows(t + \"/intl_students\")}|${na_rows(\"/nope\")}`);\n";
    let pack = pack_with(&[("NA-1.rhai", &format!("{}{script}", header("NA-1")))]);
    let v = json_of_minimal(&pack);
    assert_eq!(
        messages_of(&v, "NA-1"),
        ["[[\"intl_students\", []]]|[[\"international\", [\"intl_students\"]]]|[]|[]"],
        "{v}"
    );
}

/// `nums`, `texts` and `flags` read a column of an array in one call: the same values,
/// element by element, as `num`, `text` and `flag` on each element's pointer; an empty
/// array where there is no array.
#[test]
fn columns_read_as_their_elements_do() {
    let script = "let n = count(\"/facts\");\n\
                  let v = nums(\"/facts\", \"value\");\n\
                  let u = texts(\"/facts\", \"unit\");\n\
                  let a = flags(\"/facts\", \"approx\");\n\
                  let y = nums(\"/facts\", \"year\");\n\
                  let same = n > 10 && v.len() == n && u.len() == n && a.len() == n;\n\
                  let approx = 0;\n\
                  for i in 0..n {\n\
                      let f = `/facts/${i}`;\n\
                      if v[i] != num(f + \"/value\") || u[i] != text(f + \"/unit\") || a[i] != flag(f + \"/approx\") || y[i] != num(f + \"/year\") { same = false; }\n\
                      if a[i] { approx += 1; }\n\
                  }\n\
                  fail(\"/report\", `${same}|${approx > 0}|${nums(\"/nope\", \"value\")}|${texts(\"/report\", \"year\")}`);\n";
    let pack = pack_with(&[("COL-1.rhai", &format!("{}{script}", header("COL-1")))]);
    let v = json_of(&pack, "../../examples/chengchuan-2024-city-secondary.txt");
    assert_eq!(messages_of(&v, "COL-1"), ["true|true|[]|[]"], "{v}");
}
