//! `dabiao rules test`: runs the fixtures under tests/rules/<RULE-ID>/ and checks
//! that each rule fires where its fixtures say and stays quiet elsewhere.
//!
//! A fixture is a dataset (YAML or TOML) or a report text (.txt) whose leading
//! comment lines say what to expect:
//!
//! ```text
//! # expect: CON-001 /data/secondary/2024/scorecard/placed
//! # expect: CON-001 /data/secondary/2023/scorecard/placed info
//! # grade: B
//! ```
//!
//! In the directory of rule R, a fixture with `expect` lines for R is a firing fixture:
//! R's findings must be exactly those (pointer and, if given, severity). One without is
//! a quiet fixture: R must report nothing. Every fixture must be valid against the
//! schema (unless it says `# allow: schema`). Whole-report fixtures that declare a
//! grade live apart, in tests/reports/. Subdirectories of a rule's directory (such as
//! its `snapshots/`) are not fixtures.

mod expect;
mod fixture;
mod set;

pub use expect::{Expectations, parse_expectations};
pub use fixture::{Kind, Outcome, run_fixture};
pub use set::{EMBEDDED_PREFIX, FixtureFile, FixtureSet, RuleFixtures};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::check::Checker;

/// The file extensions of fixtures.
pub const FIXTURE_EXTENSIONS: [&str; 4] = ["yaml", "yml", "toml", "txt"];

#[derive(Debug, Default)]
pub struct RuleResult {
    pub firing: usize,
    pub quiet: usize,
    pub failures: Vec<String>,
}

#[derive(Debug, Default)]
pub struct TestReport {
    pub rules: BTreeMap<String, RuleResult>,
    /// Failures of fixtures outside a rule's directory (whole reports, unknown ids).
    pub other_failures: Vec<String>,
    pub uncovered: Vec<String>,
    pub fixtures: usize,
}

impl TestReport {
    pub fn passed(&self) -> bool {
        self.other_failures.is_empty()
            && self.uncovered.is_empty()
            && self
                .rules
                .values()
                .all(|r| r.failures.is_empty() && r.firing > 0 && r.quiet > 0)
    }
}

/// A fixture folder that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    #[error("无法读取{what} {path}：{reason}")]
    ReadDir {
        what: &'static str,
        path: String,
        reason: String,
    },
    #[error("没有加载规则包")]
    NoPack,
}

fn read_dir_sorted(dir: &Path, what: &'static str) -> Result<Vec<PathBuf>, FixtureError> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| FixtureError::ReadDir {
            what,
            path: dir.display().to_string(),
            reason: crate::base::files::io_reason(&e),
        })?
        .flatten()
        .map(|e| e.path())
        .collect();
    out.sort();
    Ok(out)
}

/// The fixture files directly in `dir`, sorted (none if it cannot be read).
pub fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = read_dir_sorted(dir, "目录").unwrap_or_default();
    out.retain(|p| {
        p.is_file()
            && p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| FIXTURE_EXTENSIONS.contains(&e))
    });
    out
}

/// The subdirectories of `fixtures` (one per rule id), sorted, with their names.
pub fn rule_dirs(fixtures: &Path) -> Result<Vec<(String, PathBuf)>, FixtureError> {
    Ok(read_dir_sorted(fixtures, "测试用例目录")?
        .into_iter()
        .filter(|p| p.is_dir())
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, p)
        })
        .collect())
}

/// The fixture file names of each rule directory under `fixtures` (for docs/rules.md).
pub fn fixture_names(fixtures: &Path) -> BTreeMap<String, Vec<String>> {
    rule_dirs(fixtures)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, dir)| {
            let files: Vec<String> = fixture_files(&dir)
                .iter()
                .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            (name, files)
        })
        .filter(|(_, files)| !files.is_empty())
        .collect()
}

/// Runs the rule fixtures of `set` (only rules whose id starts with `only`, if
/// given) and, when all rules are tested, its whole-report fixtures.
pub fn run(
    checker: &Checker,
    set: &FixtureSet,
    only: Option<&str>,
) -> Result<TestReport, FixtureError> {
    let pack = checker.rules().ok_or(FixtureError::NoPack)?;
    let selected = |id: &str| {
        only.is_none_or(|p| id.to_ascii_uppercase().starts_with(&p.to_ascii_uppercase()))
    };
    let mut report = TestReport::default();
    for rule in pack.rules.iter().filter(|r| selected(&r.meta.id)) {
        report
            .rules
            .insert(rule.meta.id.clone(), RuleResult::default());
    }
    for group in set.rules.iter().filter(|g| selected(&g.id)) {
        if pack.rule(&group.id).is_none() {
            report
                .other_failures
                .push(unknown_dir(&group.shown, &group.id));
            continue;
        }
        for file in &group.files {
            report.fixtures += 1;
            let outcome = run_fixture(checker, file, Some(&group.id));
            let r = report.rules.get_mut(&group.id).expect("known rule");
            match outcome.kind {
                Some(Kind::Firing) => r.firing += 1,
                Some(Kind::Quiet) => r.quiet += 1,
                None => {}
            }
            r.failures.extend(outcome.failures);
        }
    }
    if only.is_none() {
        for file in &set.reports {
            report.fixtures += 1;
            let outcome = run_fixture(checker, file, None);
            report.other_failures.extend(outcome.failures);
        }
    }
    for (id, r) in &report.rules {
        if r.firing == 0 && r.quiet == 0 {
            report.uncovered.push(id.clone());
        }
    }
    Ok(report)
}

fn unknown_dir(dir: &str, name: &str) -> String {
    if name == "_reports" {
        format!("{dir}：整份报告的用例已移到 tests/reports/（用 --reports 指定其他目录）")
    } else {
        format!("{dir}：目录名 {name} 不是任何规则的编号")
    }
}
