//! Batch grading as reviewers and CI use it: output independent of the thread count,
//! a batch mixing bad files, every streaming/summary format, exit-code policy,
//! waivers, rule-pack diffs and resubmission comparisons.

mod common;

use std::path::Path;

use common::{dabiao_in, project_root};
use serde_json::{Value, json};

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}\n{stdout}"))
}

#[test]
fn output_does_not_depend_on_the_number_of_jobs() {
    let run = |jobs: &str| {
        let r = dabiao_in(
            &project_root(),
            &[
                "check",
                "--format",
                "json",
                "--jobs",
                jobs,
                "examples/",
                "tests/reports/",
            ],
        );
        assert_eq!(r.code, 1);
        r.stdout
    };
    let one = run("1");
    assert_eq!(one, run("8"));
    assert_eq!(one, run("2"));
    assert!(
        one.contains("\"files\": 10") || json(&one)["totals"]["files"] == 10,
        "{one}"
    );
}

#[test]
fn json_output_matches_its_schema() {
    let run = dabiao_in(&project_root(), &["check", "--format", "json", "examples/"]);
    let schema: Value =
        serde_json::from_str(include_str!("../schemas/verdicts.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let output = json(&run.stdout);
    let errors: Vec<String> = validator
        .iter_errors(&output)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for f in output["files"].as_array().unwrap() {
        for key in ["dabiao", "schema", "rules", "thresholds"] {
            assert!(
                f["graded_with"][key]
                    .as_str()
                    .is_some_and(|s| !s.is_empty()),
                "{key}"
            );
        }
        assert_eq!(f["input_hash"].as_str().map(str::len), Some(16));
    }
}

#[test]
fn one_bad_file_never_stops_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        project_root().join("examples/school-higher-2024.json"),
        d.join("a-good.json"),
    )
    .unwrap();
    std::fs::write(d.join("b-empty.yaml"), "").unwrap();
    std::fs::write(
        d.join("c-binary.json"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 0],
    )
    .unwrap();
    std::fs::write(
        d.join("d-huge.json"),
        format!("{{\"x\": \"{}\"}}", "甲".repeat(400_000)),
    )
    .unwrap();
    std::fs::write(d.join("e-broken.toml"), "[report\n").unwrap();
    let run = dabiao_in(
        d,
        &["check", "--format", "json", "--max-file-size", "1MiB", "."],
    );
    assert_eq!(run.code, 1);
    let v = json(&run.stdout);
    let files = v["files"].as_array().unwrap();
    let row = |name: &str| {
        files
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    assert_eq!(files.len(), 5);
    assert_eq!(row("a-good.json")["verdict"]["grade"], "A");
    for (name, code) in [
        ("b-empty.yaml", "dabiao::parse::empty"),
        ("c-binary.json", "dabiao::encoding::binary"),
        ("d-huge.json", "dabiao::limit::file-size"),
        ("e-broken.toml", "dabiao::parse::toml"),
    ] {
        let r = row(name);
        assert_eq!(r["findings"][0]["code"], code, "{name}");
        assert_eq!(
            r["verdict"]["grade"], "C",
            "unreadable files are graded C: {name}"
        );
    }
}

#[test]
fn jsonl_streams_one_report_per_line_in_input_order() {
    let run = dabiao_in(
        &project_root(),
        &["check", "--format", "jsonl", "--jobs", "4", "examples/"],
    );
    let lines: Vec<Value> = run.stdout.lines().map(json).collect();
    let names: Vec<&str> = lines.iter().map(|l| l["file"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(lines.len(), 7);
    assert!(lines.iter().all(|l| l["graded_with"]["rules"].is_string()));
}

#[test]
fn csv_and_markdown_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("汇总.csv");
    let md_path = dir.path().join("summary.md");
    let run = dabiao_in(
        &project_root(),
        &[
            "check",
            "--quiet",
            "--format",
            "json",
            "--report",
            csv_path.to_str().unwrap(),
            "--report",
            md_path.to_str().unwrap(),
            "examples/",
        ],
    );
    assert_eq!(run.code, 1);
    let bytes = std::fs::read(&csv_path).unwrap();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        &header[..8],
        [
            "文件",
            "单位",
            "代码",
            "层级",
            "教育层次",
            "年度",
            "等级",
            "得分"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7);
    let linfen = rows.iter().find(|r| r[0].contains("linfen")).unwrap();
    assert_eq!(
        (&linfen[1], &linfen[6], &linfen[7]),
        ("山西省临汾市", "B", "87")
    );
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(
        md.contains("| examples/mistakes-2024.yaml |") && md.contains("最常见的问题"),
        "{md}"
    );
}

#[test]
fn exit_code_policy() {
    let root = project_root();
    let code = |args: &[&str]| dabiao_in(&root, args).code;
    let linfen = "examples/linfen-2024-city-secondary.yaml";
    assert_eq!(code(&["check", "--quiet", linfen]), 0, "warnings only");
    assert_eq!(
        code(&["check", "--quiet", "--fail-on", "warning", linfen]),
        1
    );
    // examples/ holds a C: --fail-on never asks for a run that never fails.
    assert_eq!(
        code(&["check", "--quiet", "--fail-on", "never", "examples/"]),
        0
    );
    assert_eq!(
        code(&[
            "check",
            "--quiet",
            "--fail-on",
            "never",
            "--min-grade",
            "A",
            "examples/"
        ]),
        1
    );
    assert_eq!(
        code(&[
            "check",
            "--quiet",
            "--fail-on",
            "never",
            "--min-grade",
            "C",
            "examples/"
        ]),
        0
    );
    assert_eq!(code(&["check", "--quiet", "--min-grade", "D", linfen]), 2);
    assert_eq!(
        code(&["check", "--quiet", "--report", "out.docx", linfen]),
        2
    );
}

#[test]
fn excludes_and_report_files_are_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let run = dabiao_in(
        &project_root(),
        &[
            "check",
            "--quiet",
            "--exclude",
            "*mistakes*",
            "--report",
            out.to_str().unwrap(),
            "examples/",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(v["totals"]["files"], 6);
    // A report file that cannot be written is an I/O error (exit 2), and nothing half-written is left.
    let bad = dir.path().join("no/such/dir/r.json");
    let run = dabiao_in(
        &project_root(),
        &[
            "check",
            "--quiet",
            "--report",
            bad.to_str().unwrap(),
            "examples/",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(!bad.exists());
}

fn write_waivers(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("waivers.toml");
    std::fs::write(
        &path,
        r#"
[[waiver]]
entity = "141000"
rule = "CON-001"
reason = "毕业生人数按学籍系统口径，落实人数含往届生，已在正文说明"
approver = "省职成处 审核组"
expires = "2099-12-31"

[[waiver]]
entity = "141000"
rule = "CON-004"
pointer = "/data/secondary/2024/scorecard/industry_employed"
reason = "三次产业分类口径调整"
approver = "省职成处 审核组"
expires = "2099-12-31"

[[waiver]]
entity = "141000"
rule = "CON-036"
reason = "表4 就业人数按初次就业口径统计，含部分升学后仍就业的毕业生，已在正文说明"
approver = "省职成处 审核组"
expires = "2099-12-31"

[[waiver]]
entity = "141000"
rule = "CMP-015"
reason = "本年度未开展教职工满意度调查、未接收留学生，已在正文说明"
approver = "省职成处 审核组"
expires = "2099-12-31"

[[waiver]]
entity = "141000"
rule = "THR-004"
reason = "旧豁免"
approver = "省职成处 审核组"
expires = "2020-12-31"

[[waiver]]
entity = "999999"
rule = "CON-001"
reason = "没有这份报告"
approver = "省职成处 审核组"
expires = "2099-12-31"
"#,
    )
    .unwrap();
    path
}

#[test]
fn waivers_are_shown_not_counted_and_expired_or_unused_ones_warn() {
    let dir = tempfile::tempdir().unwrap();
    let waivers = write_waivers(dir.path());
    let file = "tests/reports/linfen-two-contradictions.yaml";
    let run = dabiao_in(
        &project_root(),
        &[
            "check",
            "--format",
            "json",
            "--waivers",
            waivers.to_str().unwrap(),
            file,
        ],
    );
    let v = json(&run.stdout);
    let f = &v["files"][0];
    assert_eq!(f["verdict"]["grade"], "A", "{:#}", f["verdict"]);
    assert_eq!(f["verdict"]["without_waivers"]["grade"], "C");
    assert_eq!(f["verdict"]["without_waivers"]["waived"], 6);
    let findings = f["findings"].as_array().unwrap();
    let con001 = findings.iter().find(|x| x["code"] == "CON-001").unwrap();
    assert_eq!(con001["counted"], false);
    assert!(con001["waiver"].as_str().unwrap().contains("学籍系统口径"));
    assert!(
        findings
            .iter()
            .any(|x| x["code"] == "dabiao::waiver::expired"),
        "expired waiver warns"
    );
    assert!(
        findings
            .iter()
            .any(|x| x["code"] == "THR-004" && x["counted"] == true),
        "expired waiver does not apply"
    );
    assert!(
        run.stderr.contains("999999/CON-001 在本次检查中没有用上"),
        "{}",
        run.stderr
    );
    let statuses = v["waivers"].as_array().unwrap();
    assert_eq!(statuses.len(), 6);
    // The terminal says it in words.
    let run = dabiao_in(
        &project_root(),
        &[
            "check",
            "--color",
            "never",
            "--waivers",
            waivers.to_str().unwrap(),
            file,
        ],
    );
    assert!(
        run.stdout.contains("A；不计豁免为 C（6 项豁免）"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("［已豁免："), "{}", run.stdout);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn diff_between_two_rule_directories_shows_the_grade_change() {
    let dir = tempfile::tempdir().unwrap();
    let head = dir.path().join("head");
    copy_dir(&project_root().join("rules"), &head);
    // The head pack raises the A band: 澄川 (90 points) drops to B.
    let grading = std::fs::read_to_string(head.join("grading.toml")).unwrap();
    std::fs::write(
        head.join("grading.toml"),
        grading.replace("A = 90", "A = 95"),
    )
    .unwrap();
    let args = [
        "diff",
        "--base",
        "rules",
        "--head",
        head.to_str().unwrap(),
        "--format",
        "json",
        "examples/",
    ];
    let run = dabiao_in(&project_root(), &args);
    assert_eq!(run.code, 1, "a grade changed: {}", run.stderr);
    let v = json(&run.stdout);
    // 澄川 (90 points) drops to B; 临汾 (87) was B already.
    assert_eq!(v["transitions"]["A→B"], 1, "{v:#}");
    let chengchuan = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"].as_str().unwrap().contains("chengchuan"))
        .unwrap();
    assert_eq!(
        (
            chengchuan["grade_before"].as_str(),
            chengchuan["grade_after"].as_str()
        ),
        (Some("A"), Some("B"))
    );
    let mut allowed = args.to_vec();
    allowed.push("--allow-grade-changes");
    assert_eq!(dabiao_in(&project_root(), &allowed).code, 0);
    let md = dabiao_in(
        &project_root(),
        &[
            "diff",
            "--base",
            "rules",
            "--head",
            head.to_str().unwrap(),
            "examples/",
        ],
    );
    assert!(md.stdout.contains("A→B：1 份"), "{}", md.stdout);
    assert!(md.stdout.contains("| A → B | 90 → 90 |"), "{}", md.stdout);
}

#[test]
fn diff_answers_what_if_a_threshold_moved() {
    let run = dabiao_in(
        &project_root(),
        &[
            "diff",
            "--base",
            "rules",
            "--head",
            "rules",
            "--set",
            "secondary.senior_title_rate_min=15",
            "--format",
            "json",
            "examples/",
        ],
    );
    // Without THR-004 临汾 gains its 3 points back: 87 → 90, B → A.
    assert_eq!(run.code, 1, "a grade moves: {}", run.stderr);
    let v = json(&run.stdout);
    let linfen = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"].as_str().unwrap().contains("linfen"))
        .unwrap();
    assert_eq!(linfen["removed"][0]["code"], "THR-004");
    assert_eq!(
        (
            linfen["grade_before"].as_str(),
            linfen["grade_after"].as_str()
        ),
        (Some("B"), Some("A"))
    );
}

#[test]
fn compare_two_versions_of_a_submission() {
    let dir = tempfile::tempdir().unwrap();
    let old = project_root().join("tests/reports/linfen-two-contradictions.yaml");
    let fixed = std::fs::read_to_string(&old)
        .unwrap()
        .replacen("placed: 9431", "placed: 9331", 1)
        .replacen("graduates: 7800", "graduates: 7600", 1);
    let new = dir.path().join("resubmitted.yaml");
    std::fs::write(&new, fixed).unwrap();
    let run = dabiao_in(
        &project_root(),
        &[
            "compare",
            "--format",
            "json",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ],
    );
    let v = json(&run.stdout);
    assert_eq!(
        (v["grade_before"].as_str(), v["grade_after"].as_str()),
        (Some("B"), Some("B")),
        "{v:#}"
    );
    let fixed: Vec<&str> = v["fixed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(fixed, ["CON-001"]);
    assert_eq!(
        v["fixed"][0]["pointer"],
        "/data/secondary/2024/scorecard/placed"
    );
    // Lowering the 2023 graduates to 7600 put them below that year's 7649 placed: a new problem.
    let added: Vec<(&str, &str)> = v["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["pointer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        added,
        [("CON-001", "/data/secondary/2023/scorecard/placed")]
    );
    assert_eq!(run.code, 1, "the resubmission has a new error");
    let md = dabiao_in(
        &project_root(),
        &["compare", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert!(md.stdout.contains("已修正 1 处"), "{}", md.stdout);
}

/// A rule made stricter (warning → error) changed no finding's place, so `diff`
/// counted it as neither added nor removed: it is listed as a severity change.
#[test]
fn diff_lists_a_rule_made_stricter_as_a_severity_change() {
    let dir = tempfile::tempdir().unwrap();
    let head = dir.path().join("head");
    copy_dir(&project_root().join("rules"), &head);
    let rule = head.join("completeness/CMP-005-rows-filled.rhai");
    let text = std::fs::read_to_string(&rule).unwrap();
    std::fs::write(
        &rule,
        text.replace("severity = \"warning\"", "severity = \"error\""),
    )
    .unwrap();
    let file = "examples/school-secondary-2024.toml";
    let base = ["diff", "--base", "rules", "--head", head.to_str().unwrap()];
    let json_run = dabiao_in(
        &project_root(),
        &[
            &base[..],
            &["--allow-grade-changes", "--format", "json", file],
        ]
        .concat(),
    );
    let v = json(&json_run.stdout);
    let report = &v["reports"][0];
    assert_eq!(report["added"].as_array().unwrap().len(), 0, "{v:#}");
    assert_eq!(report["removed"].as_array().unwrap().len(), 0, "{v:#}");
    let changed = &report["severity_changed"][0];
    assert_eq!(
        (
            &changed["code"],
            &changed["severity_before"],
            &changed["severity"]
        ),
        (&json!("CMP-005"), &json!("warning"), &json!("error")),
        "{v:#}"
    );
    let md = dabiao_in(
        &project_root(),
        &[&base[..], &["--allow-grade-changes", file]].concat(),
    );
    assert!(md.stdout.contains("CMP-005 警告→错误"), "{}", md.stdout);
}

/// `--stats` says where the time went: every stage named, in the order data flows,
/// and a text report's import and a dataset's rules took some.
#[test]
fn stats_give_the_time_of_each_stage() {
    let run = dabiao_in(
        &project_root(),
        &[
            "check",
            "-q",
            "--stats",
            "--jobs",
            "1",
            "examples/chengchuan-2024-city-secondary.txt",
            "examples/school-higher-2024.json",
        ],
    );
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("各阶段用时"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let stages: Vec<(&str, f64)> = line
        .split('：')
        .nth(1)
        .expect("stages after the colon")
        .split('，')
        .map(|p| {
            let (name, ms) = p.split_once(' ').expect("name and milliseconds");
            (name, ms.parse().expect("milliseconds"))
        })
        .collect();
    let names: Vec<&str> = stages.iter().map(|s| s.0).collect();
    assert_eq!(
        names,
        [
            "读取", "解析", "模式", "导入", "事实", "规则", "评级", "输出"
        ],
        "{line}"
    );
    for spent in ["读取", "解析", "导入", "事实", "规则"] {
        let ms = stages.iter().find(|s| s.0 == spent).unwrap().1;
        assert!(ms > 0.0, "{spent}: {line}");
    }
}
