//! One snapshot per rule fixture, as ruff keeps one per fixture: the findings of the
//! fixture's own rule as the terminal printer renders them without colour (severity,
//! code, message, the quoted line with its marker and label, help), so that any
//! change to a rule's wording or position shows in review. A quiet fixture's snapshot
//! is empty: the rule reports nothing there.
//!
//! Snapshots live beside the fixtures, in tests/rules/<RULE-ID>/snapshots/<fixture>.snap
//! (`dabiao rules test` reads only the files directly in tests/rules/<RULE-ID>/).
//! After changing a rule, accept the new output with
//! `INSTA_UPDATE=always cargo test --test rule_snapshots` and review `git diff tests/rules`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use dabiao::check::Checker;
use dabiao::dataset::Limits;
use dabiao::inputs::Input;
use dabiao::render::human::{HumanOptions, HumanPrinter};
use dabiao::rule_tests::{fixture_files, rule_dirs};
use dabiao::rules::engine::SandboxLimits;
use dabiao::rules::{PackSource, RulePack};
use dabiao::schema::Schema;

/// The fixtures directory, relative to the project root (paths in snapshots are too).
const FIXTURES: &str = "tests/rules";

fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The rule pack as it is on disk, so that a snapshot follows the rule files.
fn checker() -> Checker {
    let source = PackSource::from_dir(&project_root().join("rules")).expect("rules/ is readable");
    let pack = RulePack::load(&source, &[], SandboxLimits::default()).expect("the pack loads");
    assert!(pack.problems.is_empty(), "{:?}", pack.problems);
    Checker::new(Schema::embedded(), Some(pack), Limits::default())
}

/// Every fixture as (rule id, fixture file name), sorted.
fn fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (rule, dir) in rule_dirs(&project_root().join(FIXTURES)).expect("tests/rules/") {
        for file in fixture_files(&dir) {
            let name = file.file_name().expect("a file").to_string_lossy();
            out.push((rule.clone(), name.into_owned()));
        }
    }
    out
}

/// The findings of `rule` in `relative` (a path from the project root), as the
/// terminal shows them without colour: all of them, none hidden.
fn rendered(checker: &Checker, printer: &HumanPrinter, rule: &str, relative: &str) -> String {
    let mut report = checker.check(&Input::new(project_root().join(relative), relative));
    report.findings.retain(|f| f.code == rule);
    printer.file_diagnostics(&report)
}

/// Asserts the snapshot tests/rules/<rule>/snapshots/<name>.snap; false if it differs
/// or is missing (insta has printed why).
fn matches_snapshot(rule: &str, name: &str, relative: &str, text: &str) -> bool {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new("rules").join(rule).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_input_file(relative);
    catch_unwind(AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(name.to_string(), text));
    }))
    .is_ok()
}

#[test]
fn every_rule_fixture_matches_its_snapshot() {
    let checker = checker();
    let printer = HumanPrinter::new(HumanOptions {
        color: false,
        width: 100,
        max_per_file: usize::MAX,
        group_repeats: false,
        ..HumanOptions::default()
    });
    let all = fixtures();
    assert!(all.len() >= 200, "only {} fixtures found", all.len());
    let mut failed = Vec::new();
    for (rule, name) in &all {
        let relative = format!("{FIXTURES}/{rule}/{name}");
        let text = rendered(&checker, &printer, rule, &relative);
        if !matches_snapshot(rule, name, &relative, &text) {
            failed.push(relative);
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} fixtures differ from their snapshots (accept with \
         INSTA_UPDATE=always cargo test --test rule_snapshots, then review the diff):\n{}",
        failed.len(),
        all.len(),
        failed.join("\n")
    );
}

/// A snapshot whose fixture was renamed or removed would otherwise linger unseen.
#[test]
fn every_snapshot_has_its_fixture() {
    let mut orphans = Vec::new();
    for (rule, dir) in rule_dirs(&project_root().join(FIXTURES)).expect("tests/rules/") {
        let Ok(entries) = std::fs::read_dir(dir.join("snapshots")) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if let Some(fixture) = file.strip_suffix(".snap")
                && !dir.join(fixture).is_file()
            {
                orphans.push(format!("{FIXTURES}/{rule}/snapshots/{file}"));
            }
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture:\n{}",
        orphans.join("\n")
    );
}
