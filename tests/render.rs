//! Snapshots of the terminal output (no colour, width 100), so that a change in
//! how diagnostics look is seen in review.

mod common;

use common::dabiao;

fn snapshot_of(file: &str) -> String {
    let run = dabiao(&["check", "--no-rules", "--color", "never", file]);
    assert_eq!(run.code, 1, "{file}");
    run.stdout
}

#[test]
fn text_in_cell_yaml() {
    insta::assert_snapshot!(snapshot_of("broken/text-in-cell.yaml"));
}

#[test]
fn misspelt_key_toml() {
    insta::assert_snapshot!(snapshot_of("broken/misspelt-key.toml"));
}

#[test]
fn missing_entity_json() {
    insta::assert_snapshot!(snapshot_of("broken/missing-entity.json"));
}

#[test]
fn percent_130_yaml() {
    insta::assert_snapshot!(snapshot_of("broken/percent-130.yaml"));
}

#[test]
fn json_syntax_error() {
    insta::assert_snapshot!(snapshot_of("broken/syntax.json"));
}

#[test]
fn gbk_yaml() {
    insta::assert_snapshot!(snapshot_of("broken/gbk-text-in-cell.yaml"));
}

#[test]
fn unreadable_file() {
    insta::assert_snapshot!(snapshot_of("broken/binary.json"));
}

#[test]
fn several_files_with_totals() {
    let run = dabiao(&[
        "check",
        "--no-rules",
        "--verbose",
        "--color",
        "never",
        "valid/minimal.yaml",
        "broken/bom-negative.json",
    ]);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn graded_report_with_reasons() {
    // The first diagnostics and the graded summary (rules included).
    let run = dabiao(&[
        "check",
        "--color",
        "never",
        "--max-diagnostics",
        "2",
        "broken/percent-130.yaml",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

/// A report text: diagnostics quote the report's own lines (import findings at the cells).
#[test]
fn report_text_with_table_defects() {
    let run = common::dabiao_in(
        &common::project_root().join("tests/import"),
        &[
            "check",
            "--no-rules",
            "--color",
            "never",
            "table-defects-2024.txt",
        ],
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

/// A narrative finding: the sentence, the figure underlined, the rule's help.
#[test]
fn narrative_finding_in_a_report_text() {
    let run = common::dabiao_in(
        &common::project_root().join("tests/rules/NAR-005"),
        &[
            "check",
            "--color",
            "never",
            "fire-prose-against-report-table.txt",
        ],
    );
    let nar: String = run
        .stdout
        .split("\n\n")
        .skip_while(|block| !block.starts_with("NAR-005"))
        .take(2)
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(!nar.is_empty(), "{}", run.stdout);
    insta::assert_snapshot!(nar);
}

/// Files that could not be read, graded: C with no score, the reason, no next grade.
#[test]
fn unreadable_files_graded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("空白.docx"), b"").unwrap();
    std::fs::write(dir.path().join("旧版.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    let run = common::dabiao_in(
        dir.path(),
        &[
            "check",
            "--verbose",
            "--color",
            "never",
            "空白.docx",
            "旧版.doc",
        ],
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}
