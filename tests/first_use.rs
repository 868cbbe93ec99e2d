//! What a first-time user trips over (issue 15): each a regression test driving the
//! real binary.

mod common;

use common::{dabiao_in, project_root};

fn example(dir: &std::path::Path) {
    std::fs::copy(
        project_root().join("examples/school-higher-2024.json"),
        dir.join("a.json"),
    )
    .unwrap();
}

/// `--min-grade b` was refused: grades are accepted in either case.
#[test]
fn grades_are_accepted_in_either_case() {
    let dir = tempfile::tempdir().unwrap();
    example(dir.path());
    for g in ["b", "B", "c"] {
        let run = dabiao_in(dir.path(), &["check", "-q", "--min-grade", g, "a.json"]);
        assert_ne!(run.code, 2, "{g}: {}", run.stderr);
    }
    let run = dabiao_in(dir.path(), &["check", "--min-grade", "D", "a.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("等级应为 A、B 或 C"), "{}", run.stderr);
}

/// "无法写入 …：文件不存在" for a report into a folder that does not exist; the OS's
/// English words for `import -o` and `init -o`.
#[test]
fn writing_into_a_missing_folder_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    example(dir.path());
    for args in [
        &["check", "-q", "a.json", "--report", "没有/汇总.csv"][..],
        &[
            "init",
            "--level",
            "school",
            "--stage",
            "higher",
            "--year",
            "2024",
            "-o",
            "没有/模板.yaml",
        ],
    ] {
        let run = dabiao_in(dir.path(), args);
        assert!(
            run.stderr.contains("目录 没有 不存在"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("os error"), "{}", run.stderr);
    }
}

/// "可用 dabiao rules thresholds 查看全部阈值" named a command that did not exist; a
/// mistyped key now gets the nearest real one, and the command it names exists.
#[test]
fn a_mistyped_threshold_gets_the_nearest_key() {
    let dir = tempfile::tempdir().unwrap();
    example(dir.path());
    let run = dabiao_in(
        dir.path(),
        &["check", "a.json", "--set", "secondary.student_min=1000"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("是否指 `secondary.students_min`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("dabiao rules thresholds"),
        "{}",
        run.stderr
    );
    let listing = dabiao_in(dir.path(), &["rules", "thresholds"]);
    assert_eq!(listing.code, 0, "{}", listing.stderr);
}

/// clap wrote "[default: …] [possible values: …]" and "[OPTIONS]" in English in Chinese help, and
/// `compare --help` listed NEW before OLD. Every command's help is shown (clap's own
/// consistency checks run on each) and says both in Chinese.
#[test]
fn every_help_is_chinese_and_in_declared_order() {
    let dir = tempfile::tempdir().unwrap();
    for c in common::COMMANDS {
        let args: Vec<&str> = c.iter().copied().chain(["--help"]).collect();
        let run = dabiao_in(dir.path(), &args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        for english in ["[default:", "[possible values:", "[OPTIONS]", "<COMMAND>"] {
            assert!(!run.stdout.contains(english), "{args:?}: {}", run.stdout);
        }
        // One colon style: headings end in "：" like every other Chinese line.
        let ascii_colon = run.stdout.lines().find(|l| l.trim_end().ends_with(':'));
        assert_eq!(ascii_colon, None, "{args:?}: {}", run.stdout);
    }
    let help = dabiao_in(dir.path(), &["compare", "--help"]).stdout;
    let (old, new) = (
        help.find("<原版本>  ").unwrap(),
        help.find("<新版本>  ").unwrap(),
    );
    assert!(old < new, "{help}");
    assert!(
        help.contains("可选：markdown、json；默认：markdown"),
        "{help}"
    );
}

/// `--format xlsx` was offered in `--help` and then refused: it is not offered, and
/// asking for it says to use `--report`.
#[test]
fn format_offers_only_what_stdout_can_take() {
    let dir = tempfile::tempdir().unwrap();
    example(dir.path());
    let help = dabiao_in(dir.path(), &["check", "--help"]).stdout;
    let format_line = help.lines().find(|l| l.contains("--format")).unwrap();
    assert!(!format_line.contains("xlsx"), "{format_line}");
    let run = dabiao_in(dir.path(), &["check", "a.json", "--format", "xlsx"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--report"), "{}", run.stderr);
}
