//! Bad input and careless use, as issue 14 lists them: each a regression test that
//! drives the real binary. Large inputs are generated here, not committed.

mod common;

use std::path::Path;

use common::{dabiao_in, project_root};

fn example(dir: &Path, name: &str) -> Vec<u8> {
    let bytes = std::fs::read(project_root().join("examples/school-higher-2024.json")).unwrap();
    std::fs::write(dir.join(name), &bytes).unwrap();
    bytes
}

/// `check in.json --report in.json` replaced the input with the report and exited 0.
#[test]
fn a_report_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let original = example(dir.path(), "in.json");
    for report in ["in.json", "./in.json"] {
        let run = dabiao_in(dir.path(), &["check", "in.json", "--report", report]);
        assert_eq!(run.code, 2, "a usage error: {}", run.stderr);
        assert!(run.stderr.contains("会覆盖"), "{}", run.stderr);
        assert_eq!(std::fs::read(dir.path().join("in.json")).unwrap(), original);
    }
}

/// The same file through a link is the same input.
#[cfg(unix)]
#[test]
fn a_report_through_a_link_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let original = example(dir.path(), "in.json");
    std::os::unix::fs::symlink("in.json", dir.path().join("alias.json")).unwrap();
    let run = dabiao_in(dir.path(), &["check", "in.json", "--report", "alias.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read(dir.path().join("in.json")).unwrap(), original);
}

/// A report written into a folder being checked would be read as a report: refused.
/// A report the walk does not pick up (HTML), or one outside the folder, is fine.
#[test]
fn a_report_inside_a_checked_folder_is_refused_if_it_would_be_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("报送")).unwrap();
    example(&dir.path().join("报送"), "a.json");
    for report in ["报送/汇总.xlsx", "报送/汇总.json", "./报送/汇总.csv"] {
        let run = dabiao_in(dir.path(), &["check", "报送", "--report", report]);
        assert_eq!(run.code, 2, "{report}: {}", run.stderr);
        assert!(run.stderr.contains("目录"), "{}", run.stderr);
        assert!(!dir.path().join(report).exists());
    }
    let run = dabiao_in(dir.path(), &["check", "报送", "--report", "报送/汇总.html"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let run = dabiao_in(dir.path(), &["check", "报送", "--report", "汇总.xlsx"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(dir.path().join("汇总.xlsx").exists());
}
