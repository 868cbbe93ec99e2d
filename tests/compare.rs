//! `dabiao compare OLD NEW`: every finding of either version is in exactly one class
//! (fixed, still open, new, severity changed), each listed with its code, place and
//! message; the grade and score change are shown; the exit code says whether the new
//! version went backwards. The inputs are an invented province's two submissions under
//! a small pack of its own (tests/fixtures/compare/), so that the output follows this
//! command and not the shipped rules.

mod common;

use std::path::PathBuf;

use common::{Run, dabiao_in, fixtures};

fn dir() -> PathBuf {
    fixtures().join("compare")
}

fn compare(args: &[&str]) -> Run {
    let mut all = vec!["compare", "--rules", "pack"];
    all.extend_from_slice(args);
    dabiao_in(&dir(), &all)
}

/// Old → new has one finding fixed, one still open, one new, and three at the same
/// place with another severity (error → warning, warning → info, info → warning);
/// the grade rises B → A, yet the new warning and the raised severity make it exit 1.
#[test]
fn every_kind_of_change_is_listed() {
    let run = compare(&["old.yaml", "new.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn every_kind_of_change_in_json() {
    let run = compare(&["--format", "json", "old.yaml", "new.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    insta::assert_json_snapshot!(v);
}

/// The same pair the other way round: the grade falls, which alone is reason to exit 1.
#[test]
fn a_lower_grade_is_named_in_the_conclusion() {
    let run = compare(&["new.yaml", "old.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(last.contains("等级由 A 降为 B"), "{}", run.stdout);
    assert!(last.contains("得分由 92 降为 76"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("已修正 1 处，仍未修正 1 处，新出现 1 处，严重程度改变 3 处")
    );
}

/// A resubmission that only corrects a value exits 0 and says why.
#[test]
fn only_fixes_exit_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let old = std::fs::read_to_string(dir().join("old.yaml")).unwrap();
    let fixed = old.replacen("placed: 5386", "placed: 5104", 1);
    assert_ne!(old, fixed);
    std::fs::write(tmp.path().join("fixed.yaml"), fixed).unwrap();
    let fixed = tmp.path().join("fixed.yaml");
    let run = compare(&["old.yaml", fixed.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("已修正 1 处，仍未修正 4 处，新出现 0 处，严重程度改变 0 处"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("结论：新版本没有退步"),
        "{}",
        run.stdout
    );
    let v: serde_json::Value = serde_json::from_str(
        &compare(&["--format", "json", "old.yaml", fixed.to_str().unwrap()]).stdout,
    )
    .unwrap();
    assert_eq!(v["still_open"].as_array().unwrap().len(), 4, "{v:#}");
    assert_eq!(v["worse"].as_array().unwrap().len(), 0, "{v:#}");
}

/// The help says how findings are classed and what each exit code means.
#[test]
fn help_documents_classes_and_exit_codes() {
    let help = dabiao_in(&dir(), &["compare", "--help"]).stdout;
    for part in [
        "已修正",
        "仍未修正",
        "新出现",
        "严重程度改变",
        "退出码",
        "  0  ",
        "  1  ",
        "  2  ",
    ] {
        assert!(help.contains(part), "{part}: {help}");
    }
}

#[test]
fn a_missing_file_exits_two() {
    let run = compare(&["old.yaml", "no-such.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no-such.yaml：文件不存在"),
        "{}",
        run.stderr
    );
}

/// Lines added above every finding move them all; each is still the same finding
/// (matched by code and pointer), shown at its new line.
#[test]
fn moved_lines_are_still_the_same_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let old = std::fs::read_to_string(dir().join("old.yaml")).unwrap();
    let moved = tmp.path().join("moved.yaml");
    std::fs::write(&moved, format!("# 重报说明：只加了这两行注释。\n#\n{old}")).unwrap();
    let run = compare(&["old.yaml", moved.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("已修正 0 处，仍未修正 5 处，新出现 0 处，严重程度改变 0 处"),
        "{}",
        run.stdout
    );
    // TST-003 was on line 17 of old.yaml.
    assert!(
        run.stdout.contains("`TST-003` 警告 · 第 19 行"),
        "{}",
        run.stdout
    );
}
