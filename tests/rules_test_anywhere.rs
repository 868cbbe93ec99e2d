//! `dabiao rules test` outside the source tree: the embedded pack is tested with the
//! fixtures embedded with it; a pack read from a folder is tested with the
//! `tests/rules/` beside that folder; with neither, a message says what to pass.

mod common;

use std::path::Path;

use common::{dabiao_in, project_root};

/// A copy of the shipped pack's files (not its fixtures) in `dir`.
fn copy_pack(dir: &Path) {
    let from = project_root().join("rules");
    let mut stack = vec![from.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let to = dir.join(path.strip_prefix(&from).unwrap());
            if path.is_dir() {
                std::fs::create_dir_all(&to).unwrap();
                stack.push(path);
            } else {
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(&path, &to).unwrap();
            }
        }
    }
}

/// The reported problem: "无法读取测试用例目录 tests/rules" from any other directory.
#[test]
fn the_embedded_pack_passes_its_embedded_fixtures_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let run = dabiao_in(dir.path(), &["rules", "test"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("规则包：内置规则包；测试用例：内置测试用例（"),
        "{first}"
    );
    let last = run.stdout.lines().last().unwrap_or_default();
    let rules: usize = last
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(rules >= 60, "{last}");
    assert!(last.contains("0 条未通过"), "{last}");
    assert!(
        !run.stdout.contains("没有任何测试用例的规则"),
        "{}",
        run.stdout
    );
}

/// `--rules DIR` reads the fixtures in DIR/../tests/rules, wherever the command runs.
#[test]
fn a_pack_folder_is_tested_with_the_tests_beside_it() {
    let elsewhere = tempfile::tempdir().unwrap();
    let rules = project_root().join("rules");
    let run = dabiao_in(
        elsewhere.path(),
        &[
            "rules",
            "test",
            "--rules",
            rules.to_str().unwrap(),
            "--only",
            "CON-00",
        ],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let shown = project_root().join("tests").join("rules");
    assert!(
        run.stdout
            .lines()
            .next()
            .unwrap_or_default()
            .contains(&format!("测试用例：{}", shown.display())),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("✓ CON-001"), "{}", run.stdout);
}

/// A pack of one's own, laid out as the source tree is (pack/ and tests/rules/ side
/// by side), is tested with its own fixtures, not the embedded ones.
#[test]
fn a_pack_of_ones_own_uses_its_own_fixtures() {
    let root = tempfile::tempdir().unwrap();
    copy_pack(&root.path().join("pack"));
    let case = root.path().join("tests/rules/CON-001");
    std::fs::create_dir_all(&case).unwrap();
    let quiet = std::fs::read_to_string(
        project_root().join("tests/rules/CON-001/quiet-equal-and-blank.yaml"),
    )
    .unwrap();
    std::fs::write(case.join("quiet.yaml"), &quiet).unwrap();
    // Expects a finding where there is none: must fail, and be named by its path.
    std::fs::write(
        case.join("fire.yaml"),
        format!("# expect: CON-001 /data/secondary/2024/scorecard/placed\n{quiet}"),
    )
    .unwrap();
    let run = dabiao_in(
        root.path(),
        &["rules", "test", "--rules", "pack", "--only", "CON-001"],
    );
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("tests/rules/CON-001/fire.yaml：CON-001 应报告"),
        "{}",
        run.stdout
    );
}

/// A pack folder with no tests/rules beside it: the message says where they were
/// looked for and which option to pass instead.
#[test]
fn a_pack_without_fixtures_says_which_directory_to_pass() {
    let root = tempfile::tempdir().unwrap();
    copy_pack(&root.path().join("mine"));
    let run = dabiao_in(root.path(), &["rules", "test", "--rules", "mine"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("找不到规则包 mine 的测试用例"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("tests/rules"), "{}", run.stderr);
    assert!(run.stderr.contains("--fixtures"), "{}", run.stderr);
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
}

/// `rules test --help` says where fixtures come from.
#[test]
fn help_says_where_fixtures_come_from() {
    let dir = tempfile::tempdir().unwrap();
    let help = dabiao_in(dir.path(), &["rules", "test", "--help"]).stdout;
    assert!(help.contains("<目录>/../tests/rules"), "{help}");
    assert!(help.contains("内置"), "{help}");
}
