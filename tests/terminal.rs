//! What the terminal shows (issue 15): a folder as a table with the failing reports
//! last and named, every diagnostic on request, a blank template's verdict and a
//! file with one error, each as a snapshot.

mod common;

use std::path::Path;

use common::{dabiao_in, project_root};

/// Thirty reports made from the bundled examples: clean ones, ones with one wrong
/// value (an error), ones with blanks (warnings), a blank template and an unreadable
/// file, in an order that mixes passing and failing.
fn thirty_reports(dir: &Path) {
    let examples = project_root().join("examples");
    let read = |name: &str| std::fs::read_to_string(examples.join(name)).unwrap();
    let higher = read("school-higher-2024.json");
    let secondary = read("school-secondary-2024.toml");
    let province = read("province-2024-both.yaml");
    for i in 0..30 {
        let (name, text) = match i % 6 {
            0 => (format!("{i:02}-高职.json"), higher.clone()),
            1 => (format!("{i:02}-中职.toml"), secondary.clone()),
            2 => (format!("{i:02}-省.yaml"), province.clone()),
            // One value made negative: an error.
            3 => (
                format!("{i:02}-负数.toml"),
                secondary.replacen("graduates = 560", "graduates = -560", 1),
            ),
            // A row left blank: a warning.
            4 => (
                format!("{i:02}-空行.toml"),
                secondary.replacen("placed = 548", "# placed left blank", 1),
            ),
            _ if i == 29 => (format!("{i:02}-损坏.docx"), "not a zip".to_string()),
            _ => (format!("{i:02}-空白.yaml"), String::new()),
        };
        std::fs::write(dir.join(&name), text).unwrap();
    }
    let blank = dabiao_in(
        dir,
        &[
            "init", "--level", "school", "--stage", "higher", "--year", "2025", "-o", "x.yaml",
        ],
    );
    assert_eq!(blank.code, 0, "{}", blank.stderr);
    for i in (5..29).step_by(6) {
        std::fs::copy(dir.join("x.yaml"), dir.join(format!("{i:02}-空白.yaml"))).unwrap();
    }
    std::fs::remove_file(dir.join("x.yaml")).unwrap();
}

fn check(dir: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["check", "--quiet", "--color", "never", "."];
    args.extend_from_slice(extra);
    dabiao_in(dir, &args)
}

#[test]
fn a_folder_is_a_table_with_the_failing_reports_last_and_named() {
    let dir = tempfile::tempdir().unwrap();
    thirty_reports(dir.path());
    let run = check(dir.path(), &[]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.len() < 80, "{} lines:\n{}", lines.len(), run.stdout);
    // Passing rows first, then the failing ones under their heading.
    let failing_at = lines
        .iter()
        .position(|l| l.starts_with("未通过（"))
        .unwrap();
    assert!(lines[..failing_at].iter().all(|l| !l.starts_with('✗')));
    assert!(lines[failing_at..].iter().all(|l| !l.starts_with('✓')));
    let named = lines
        .iter()
        .find(|l| l.starts_with("未通过的文件："))
        .unwrap();
    for l in lines[failing_at..].iter().filter(|l| l.starts_with('✗')) {
        let file = l.split_whitespace().find(|w| w.contains('.')).unwrap();
        let file = file.split('（').next().unwrap();
        assert!(named.contains(file), "{file} not named in: {named}");
    }
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn verbose_shows_every_report_in_full() {
    let dir = tempfile::tempdir().unwrap();
    thirty_reports(dir.path());
    let run = check(dir.path(), &["--verbose"]);
    assert_eq!(run.code, 1);
    let verdicts = |mark: &str| run.stdout.lines().filter(|l| l.starts_with(mark)).count();
    assert_eq!((verdicts("✓ "), verdicts("✗ ")), (20, 10), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn with_report_files_the_terminal_shows_only_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    thirty_reports(dir.path());
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("汇总.html");
    let run = check(dir.path(), &["--report", html.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(html.exists());
    assert!(run.stdout.lines().count() <= 4, "{}", run.stdout);
    assert!(run.stdout.contains("未通过的文件："), "{}", run.stdout);
}

#[test]
fn a_blank_template_is_c_not_yet_filled() {
    let dir = tempfile::tempdir().unwrap();
    let made = dabiao_in(
        dir.path(),
        &[
            "init",
            "--level",
            "city",
            "--stage",
            "secondary",
            "--year",
            "2024",
            "-o",
            "模板.yaml",
        ],
    );
    assert_eq!(made.code, 0);
    let run = dabiao_in(
        dir.path(),
        &[
            "check",
            "--color",
            "never",
            "--max-diagnostics",
            "0",
            "模板.yaml",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("✗ C "), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn a_file_with_one_error_is_not_a_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(project_root().join("examples/school-higher-2024.json"))
        .unwrap()
        .replacen("\"year\": 2024", "\"year\": 2024, \"毕业生人数\": 1", 1);
    std::fs::write(dir.path().join("一处错误.json"), text).unwrap();
    let run = dabiao_in(dir.path(), &["check", "--color", "never", "一处错误.json"]);
    assert_eq!(run.code, 1);
    // 92 points would be an A; the error holds it at B, and the mark says it fails.
    assert!(run.stdout.contains("✗ B（封顶） 92 分"), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

/// The mark beside a report is the exit policy's verdict on it: a B with warnings only
/// passes by default, and fails (✗, exit 1) when the run asks for A.
#[test]
fn the_mark_follows_the_exit_policy() {
    let root = project_root();
    let linfen = "examples/linfen-2024-city-secondary.yaml";
    let default = dabiao_in(&root, &["check", "--color", "never", linfen]);
    assert_eq!(default.code, 0);
    assert!(default.stdout.contains("✓ B "), "{}", default.stdout);
    let strict = dabiao_in(
        &root,
        &["check", "--color", "never", "--min-grade", "a", linfen],
    );
    assert_eq!(strict.code, 1);
    assert!(strict.stdout.contains("✗ B "), "{}", strict.stdout);
}

/// A 10,000-character entity name made the verdict line 10,237 columns wide: it is cut.
#[test]
fn a_long_entity_name_is_cut_in_the_verdict_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(project_root().join("examples/school-higher-2024.json"))
        .unwrap()
        .replace("示例职业技术学院", &"长".repeat(10_000));
    std::fs::write(dir.path().join("长名.json"), text).unwrap();
    let run = dabiao_in(dir.path(), &["check", "--color", "never", "长名.json"]);
    let verdict = run
        .stdout
        .lines()
        .find(|l| l.starts_with(['✓', '✗']))
        .unwrap();
    assert!(verdict.chars().count() < 120, "{verdict}");
    assert!(verdict.contains("长…"), "{verdict}");
}
