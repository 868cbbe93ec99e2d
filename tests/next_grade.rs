//! "升到 X" names the smallest set of fixes (issue 15): on a report where fixing the
//! costliest code (83 warnings) would reach the next grade, but so would fixing its
//! three errors, the advice is the three errors, in the terminal and in JSON.

mod common;

use common::{dabiao, project_root};
use serde_json::Value;

/// A pack with the embedded thresholds and grading and these consistency rules.
fn pack_with(rules: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["thresholds.toml", "grading.toml"] {
        std::fs::copy(project_root().join("rules").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::create_dir(dir.path().join("consistency")).unwrap();
    for (id, severity, script) in rules {
        let text = format!(
            "//! id = \"{id}\"\n//! title = \"测试规则 {id}\"\n//! category = \"consistency\"\n\
             //! severity = \"{severity}\"\n//! source = \"测试\"\n//! help = \"测试\"\n{script}\n"
        );
        std::fs::write(
            dir.path().join("consistency").join(format!("{id}.rhai")),
            text,
        )
        .unwrap();
    }
    dir
}

/// A rule script that reports `n` findings on the scorecard's rows when it is filled.
fn fires(n: usize) -> String {
    format!(
        "for t in tables(\"scorecard\") {{\n\
         \x20 if num(t + \"/graduates\") != () {{\n\
         \x20   for i in 0..{n} {{ fail(t + \"/graduates\", `第 ${{i + 1}} 处`); }}\n\
         \x20 }}\n\
         }}"
    )
}

/// T-005: 83 warnings (3 each, 24 at most); T-101: two errors, T-102: one (8 each).
/// 100 − 24 − 16 − 8 = 52, C. Costliest first: T-005 alone reaches 76 — 83 places.
/// Fewest: T-101 and T-102, 3 places, also 76.
fn pack() -> tempfile::TempDir {
    pack_with(&[
        ("T-005", "warning", &fires(83)),
        ("T-101", "error", &fires(2)),
        ("T-102", "error", &fires(1)),
    ])
}

#[test]
fn the_terminal_advises_the_three_errors_not_the_83_warnings() {
    let pack = pack();
    let run = dabiao(&[
        "check",
        "--rules",
        pack.path().to_str().unwrap(),
        "valid/minimal.yaml",
    ]);
    assert!(run.stdout.contains("52"), "{}", run.stdout);
    assert!(
        run.stdout.contains("升到 B：修正 T-101、T-102（共 3 处）"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("修正 T-005"), "{}", run.stdout);
}

#[test]
fn json_names_the_smallest_set() {
    let pack = pack();
    let run = dabiao(&[
        "check",
        "--rules",
        pack.path().to_str().unwrap(),
        "--format",
        "json",
        "valid/minimal.yaml",
    ]);
    let v: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("json output: {e}\n{}", run.stderr));
    let verdict = &v["files"][0]["verdict"];
    assert_eq!(verdict["grade"], "C", "{verdict:#}");
    assert_eq!(verdict["score"], 52.0, "{verdict:#}");
    assert_eq!(
        verdict["next"],
        serde_json::json!({ "grade": "B", "fix": ["T-101", "T-102"], "findings": 3 }),
        "{verdict:#}"
    );
}
