//! `dabiao rules test`: runs the fixtures under tests/rules/<RULE-ID>/ and checks
//! that each rule fires where its fixtures say and stays quiet elsewhere.
//!
//! A fixture is a dataset (YAML or TOML) whose leading comment lines say what to expect:
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
//! schema (unless it says `# allow: schema`). `tests/rules/_reports/` holds
//! whole-report fixtures that declare a grade.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::check::{Checker, FileReport};
use crate::finding::{Category, Severity};
use crate::inputs::Input;

#[derive(Debug, Default)]
pub struct Expectations {
    /// (rule id, pointer, severity if given)
    pub expect: Vec<(String, String, Option<Severity>)>,
    pub grade: Option<crate::grade::Grade>,
    pub allow_schema: bool,
}

pub fn parse_expectations(text: &str) -> Result<Expectations, String> {
    let mut e = Expectations::default();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix('#') else {
            break;
        };
        let rest = rest.trim();
        if let Some(spec) = rest.strip_prefix("expect:") {
            let parts: Vec<&str> = spec.split_whitespace().collect();
            let severity = match parts.get(2) {
                None => None,
                Some(&"error") => Some(Severity::Error),
                Some(&"warning") => Some(Severity::Warning),
                Some(&"info") => Some(Severity::Info),
                Some(other) => return Err(format!("无法识别的严重程度 {other}")),
            };
            match parts.as_slice() {
                [id, pointer, ..] => e
                    .expect
                    .push((id.to_string(), pointer.to_string(), severity)),
                _ => {
                    return Err(format!(
                        "expect 行应写成 `# expect: 规则编号 JSON指针`：{line}"
                    ));
                }
            }
        } else if let Some(g) = rest.strip_prefix("grade:") {
            e.grade =
                Some(crate::grade::Grade::parse(g).ok_or_else(|| format!("无法识别的等级：{g}"))?);
        } else if rest.starts_with("allow:") && rest.contains("schema") {
            e.allow_schema = true;
        }
    }
    Ok(e)
}

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

fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "toml" | "txt")
        )
    });
    out.sort();
    out
}

pub fn run(checker: &Checker, fixtures: &Path, only: Option<&str>) -> Result<TestReport, String> {
    let pack = checker.rules().ok_or("没有加载规则包")?;
    let mut report = TestReport::default();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures)
        .map_err(|e| {
            format!(
                "无法读取测试用例目录 {}：{}",
                fixtures.display(),
                crate::dataset::io_reason(&e)
            )
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let selected = |id: &str| {
        only.is_none_or(|p| id.to_ascii_uppercase().starts_with(&p.to_ascii_uppercase()))
    };
    dirs.retain(|d| {
        d.file_name()
            .is_some_and(|n| selected(&n.to_string_lossy()) || (only.is_none() && n == "_reports"))
    });
    for rule in pack.rules.iter().filter(|r| selected(&r.meta.id)) {
        report
            .rules
            .insert(rule.meta.id.clone(), RuleResult::default());
    }
    for dir in dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rule_id = (name != "_reports").then_some(name.clone());
        if let Some(id) = &rule_id
            && pack.rule(id).is_none()
        {
            report
                .other_failures
                .push(format!("{}：目录名 {id} 不是任何规则的编号", dir.display()));
            continue;
        }
        for file in fixture_files(&dir) {
            report.fixtures += 1;
            let failures = run_fixture(checker, &file, rule_id.as_deref(), &mut report);
            let target = match &rule_id {
                Some(id) => &mut report.rules.get_mut(id).expect("known rule").failures,
                None => &mut report.other_failures,
            };
            target.extend(failures);
        }
    }
    for (id, r) in &report.rules {
        if r.firing == 0 && r.quiet == 0 {
            report.uncovered.push(id.clone());
        }
    }
    Ok(report)
}

fn run_fixture(
    checker: &Checker,
    file: &Path,
    rule_id: Option<&str>,
    report: &mut TestReport,
) -> Vec<String> {
    let shown = file.display().to_string();
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            return vec![format!(
                "{shown}：无法读取（{}）",
                crate::dataset::io_reason(&e)
            )];
        }
    };
    let exp = match parse_expectations(&text) {
        Ok(e) => e,
        Err(m) => return vec![format!("{shown}：{m}")],
    };
    let result: FileReport = checker.check(&Input {
        path: file.to_path_buf(),
        display: shown.clone(),
    });
    let mut failures = Vec::new();
    if !exp.allow_schema {
        for f in result.findings.iter().filter(|f| {
            matches!(
                f.category,
                Category::Schema
                    | Category::Parse
                    | Category::Encoding
                    | Category::Io
                    | Category::Limit
            )
        }) {
            failures.push(format!(
                "{shown}：测试用例本身不符合数据集规范：{}（{}）",
                f.message, f.code
            ));
        }
    }
    for f in result
        .findings
        .iter()
        .filter(|f| f.category == Category::Engine)
    {
        failures.push(format!("{shown}：{}", f.message));
    }
    // Rules named in expect lines, plus the directory's own rule.
    let mut ids: Vec<String> = exp.expect.iter().map(|(id, _, _)| id.clone()).collect();
    if let Some(id) = rule_id {
        ids.push(id.to_string());
    }
    ids.sort();
    ids.dedup();
    for id in &ids {
        let mut expected: Vec<(String, Option<Severity>)> = exp
            .expect
            .iter()
            .filter(|(i, _, _)| i == id)
            .map(|(_, p, s)| (p.clone(), *s))
            .collect();
        let mut actual: Vec<(String, Severity, String)> = result
            .findings
            .iter()
            .filter(|f| &f.code == id)
            .map(|f| {
                (
                    f.pointer.clone().unwrap_or_default(),
                    f.severity,
                    f.message.clone(),
                )
            })
            .collect();
        expected.sort();
        actual.sort_by(|a, b| a.0.cmp(&b.0));
        let matches = expected.len() == actual.len()
            && expected
                .iter()
                .zip(&actual)
                .all(|((ep, es), (ap, asev, _))| ep == ap && es.is_none_or(|s| s == *asev));
        if !matches {
            let want: Vec<String> = expected.iter().map(|(p, _)| p.clone()).collect();
            let got: Vec<String> = actual
                .iter()
                .map(|(p, s, m)| format!("{p} [{}] {m}", s.as_str()))
                .collect();
            failures.push(format!(
                "{shown}：{id} 应报告 {:?}，实际报告 {:?}",
                want, got
            ));
        }
        if Some(id.as_str()) == rule_id
            && let Some(r) = report.rules.get_mut(id)
        {
            if expected.is_empty() {
                r.quiet += 1;
            } else {
                r.firing += 1;
            }
        }
    }
    if let Some(g) = exp.grade {
        match &result.verdict {
            Some(v) if v.grade == g => {}
            Some(v) => failures.push(format!(
                "{shown}：等级应为 {g}，实际为 {}（{} 分）",
                v.grade, v.score
            )),
            None => failures.push(format!("{shown}：没有评级结果")),
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_from_leading_comments() {
        let e = parse_expectations("# expect: CON-001 /a/b\n# expect: CON-002 /c info\n# grade: B\n# allow: schema\nreport: {}\n# expect: X /late\n").unwrap();
        assert_eq!(e.expect.len(), 2);
        assert_eq!(
            e.expect[1],
            ("CON-002".into(), "/c".into(), Some(Severity::Info))
        );
        assert_eq!(e.grade, Some(crate::grade::Grade::B));
        assert!(e.allow_schema);
        assert!(parse_expectations("# expect: CON-001\n").is_err());
    }
}
