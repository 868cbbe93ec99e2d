//! Every text that names a threshold names the value in force: with `--set` or a
//! `dabiao.toml` override, a rule's message, label (its title) and help all carry the
//! new value and none the pack's default; so does `rules explain`. `rules thresholds`
//! lists every threshold of the pack and marks the overridden ones. No user-visible
//! text says "待核实" (that status is for maintainers, in thresholds.toml).

mod common;

use std::path::Path;

use common::{dabiao_in, project_root};
use serde_json::Value;

const KEY: &str = "higher.per_student_appropriation_min";

/// An invented 高职 report whose appropriation (13500 元) clears the default 12000
/// but not an override of 15000.
const REPORT: &str = r#"report:
  title: 青禾职业技术学院质量年度报告（2024年度）
  level: school
  stages: [higher]
  year: 2024
  entity: {name: 青禾职业技术学院, code: "4133050021"}
  kind: higher_vocational
  ownership: public
  category: humanities
data:
  higher:
    "2024":
      policy: {per_student_appropriation: 13500}
"#;

fn report_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), REPORT).unwrap();
    dir
}

fn with_config(dir: &Path) {
    std::fs::write(
        dir.join("dabiao.toml"),
        format!("[thresholds]\n\"{KEY}\" = 15000\n"),
    )
    .unwrap();
}

/// The THR-016 findings of checking r.yaml in `dir` with `extra` arguments.
fn thr016(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["check", "r.yaml", "--format", "json"];
    args.extend_from_slice(extra);
    let run = dabiao_in(dir, &args);
    let v: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "THR-016")
        .cloned()
        .collect()
}

fn assert_names_override(f: &Value) {
    for field in ["message", "label", "help"] {
        let text = f[field]
            .as_str()
            .unwrap_or_else(|| panic!("no {field}: {f}"));
        assert!(text.contains("15000"), "{field}: {text}");
        assert!(!text.contains("12000"), "{field} names the default: {text}");
    }
}

#[test]
fn default_is_quiet_for_this_report() {
    let dir = report_dir();
    assert!(thr016(dir.path(), &[]).is_empty());
}

#[test]
fn set_reaches_message_label_and_help() {
    let dir = report_dir();
    let found = thr016(dir.path(), &["--set", &format!("{KEY}=15000")]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_names_override(&found[0]);
}

#[test]
fn config_file_reaches_message_label_and_help() {
    let dir = report_dir();
    with_config(dir.path());
    let found = thr016(dir.path(), &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_names_override(&found[0]);
}

/// `rules explain`'s title, 怎么改 and 依据 lines; the 阈值 line marks the override and
/// where it came from.
fn assert_explain_names_override(dir: &Path, args: &[&str], origin: &str) {
    let run = dabiao_in(dir, args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let meta: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| {
            l.starts_with("THR-016 ") || l.starts_with("怎么改：") || l.starts_with("依据：")
        })
        .collect();
    assert_eq!(meta.len(), 3, "{}", run.stdout);
    assert!(meta[0].contains("15000"), "{}", meta[0]);
    assert!(meta[2].contains("15000"), "{}", meta[2]);
    for l in &meta {
        assert!(!l.contains("12000"), "names the default: {l}");
    }
    let threshold = lines
        .iter()
        .find(|l| l.trim_start().starts_with(KEY))
        .unwrap_or_else(|| panic!("no threshold line: {}", run.stdout));
    assert!(threshold.contains("15000"), "{threshold}");
    assert!(threshold.contains(origin), "{threshold}");
    assert!(threshold.contains("默认 12000"), "{threshold}");
}

#[test]
fn explain_names_the_value_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let set = format!("{KEY}=15000");
    assert_explain_names_override(
        dir.path(),
        &["rules", "explain", "THR-016", "--set", &set],
        "--set",
    );
    with_config(dir.path());
    assert_explain_names_override(dir.path(), &["rules", "explain", "THR-016"], "dabiao.toml");
}

/// Every key of rules/thresholds.toml, as `group.name`.
fn pack_keys() -> Vec<String> {
    let text = std::fs::read_to_string(project_root().join("rules/thresholds.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut keys = Vec::new();
    for (group, items) in &table {
        for name in items.as_table().unwrap().keys() {
            keys.push(format!("{group}.{name}"));
        }
    }
    keys
}

#[test]
fn thresholds_lists_every_key_and_marks_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let run = dabiao_in(
        dir.path(),
        &[
            "rules",
            "thresholds",
            "--set",
            "secondary.students_min=1000",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let keys = pack_keys();
    assert!(keys.len() > 50, "{keys:?}");
    for k in &keys {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{k} = "))),
            "{k} missing:\n{}",
            run.stdout
        );
    }
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("secondary.students_min = "))
        .unwrap();
    assert!(line.contains("1000 人") && line.ends_with('*'), "{line}");
    assert!(
        run.stdout.contains("覆盖：--set 设为 1000；默认 1200 人"),
        "{}",
        run.stdout
    );
    for heading in ["含义：", "单位：", "核实：", "出处："] {
        assert!(run.stdout.contains(heading), "{heading}");
    }
    // Only the overridden one is marked.
    let marked = run.stdout.lines().filter(|l| l.ends_with(" *")).count();
    assert_eq!(marked, 1, "{}", run.stdout);
}

#[test]
fn thresholds_json_marks_where_an_override_came_from() {
    let dir = tempfile::tempdir().unwrap();
    with_config(dir.path());
    let run = dabiao_in(
        dir.path(),
        &[
            "rules",
            "thresholds",
            "--format",
            "json",
            "--set",
            "higher.student_teacher_ratio_max.medical=15",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let items = v["thresholds"].as_array().unwrap();
    assert_eq!(items.len(), pack_keys().len());
    let by_key = |k: &str| items.iter().find(|t| t["key"] == k).unwrap().clone();
    let appropriation = by_key(KEY);
    assert_eq!(appropriation["overridden"], true);
    assert_eq!(appropriation["value"], 15000.0);
    assert_eq!(appropriation["default"]["value"], 12000.0);
    let from = appropriation["overrides"][0]["from"].as_str().unwrap();
    assert!(from.ends_with("dabiao.toml"), "{from}");
    let ratio = by_key("higher.student_teacher_ratio_max");
    assert_eq!(ratio["by_category"]["medical"], 15.0);
    assert_eq!(ratio["default"]["by_category"]["medical"], 16.0);
    assert_eq!(ratio["overrides"][0]["from"], "--set");
    assert_eq!(by_key("secondary.students_min")["overridden"], false);
}

/// The verification status is for maintainers: rules' titles, help and sources
/// (all of docs/rules.md), `rules thresholds`, and the strings rules emit never say
/// "待核实".
#[test]
fn no_user_visible_text_says_to_be_verified() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["rules", "doc", "-o", "-"][..], &["rules", "thresholds"]] {
        let run = dabiao_in(dir.path(), args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stdout.contains("待核实"), "{args:?}");
    }
    let rules = project_root().join("rules");
    for folder in std::fs::read_dir(&rules).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder).unwrap() {
            let file = file.unwrap().path();
            let text = std::fs::read_to_string(&file).unwrap();
            for line in text.lines() {
                let code = line.trim_start();
                let comment = code.starts_with("//") && !code.starts_with("//!");
                assert!(
                    comment || !code.contains("待核实"),
                    "{}: {line}",
                    file.display()
                );
            }
        }
    }
}

/// `rules doc` reads overrides the way `check` does: the reference names the value in
/// force and its table marks the override.
#[test]
fn doc_names_the_value_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let run = dabiao_in(
        dir.path(),
        &[
            "rules",
            "doc",
            "-o",
            "-",
            "--set",
            "secondary.students_min=1000",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("**中职学校学历教育在校生不少于 1000 人**"),
        "{}",
        run.stdout
    );
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("| `secondary.students_min` |"))
        .unwrap();
    assert!(
        row.contains("1000 人（--set 设为 1000；默认 1200 人）"),
        "{row}"
    );
}

/// A `{key}` in a rule's header that is not a threshold disables the rule, shown at
/// its line, instead of showing the braces to users.
#[test]
fn an_unknown_placeholder_is_a_pack_problem() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    std::fs::create_dir_all(pack.join("threshold")).unwrap();
    for f in ["thresholds.toml", "grading.toml"] {
        std::fs::copy(project_root().join("rules").join(f), pack.join(f)).unwrap();
    }
    std::fs::write(
        pack.join("threshold/THR-901-typo.rhai"),
        "//! id = \"THR-901\"\n//! title = \"在校生不少于 {secondary.student_min} 人\"\n//! category = \"threshold\"\n//! severity = \"warning\"\n//! source = \"s\"\n//! help = \"h\"\nlet x = 1;\n",
    )
    .unwrap();
    let run = dabiao_in(dir.path(), &["rules", "list", "--rules", "pack"]);
    assert!(
        run.stderr.contains("{secondary.student_min}"),
        "{}",
        run.stderr
    );
    // (The message may wrap after "是否指".)
    assert!(
        run.stderr.contains("是否指") && run.stderr.contains("{secondary.students_min}？"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("THR-901-typo.rhai:2"), "{}", run.stderr);
    assert!(!run.stdout.contains("THR-901"), "{}", run.stdout);
}

/// A mistyped key in dabiao.toml names the file it is in.
#[test]
fn a_mistyped_key_in_the_config_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dabiao.toml"),
        "[thresholds]\n\"secondary.student_min\" = 1000\n",
    )
    .unwrap();
    let run = dabiao_in(dir.path(), &["rules", "thresholds"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("dabiao.toml 的 [thresholds]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("secondary.students_min"),
        "{}",
        run.stderr
    );
}
