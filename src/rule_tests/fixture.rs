//! One fixture: check it, then compare what the rules found with what its header
//! lines expect.

use super::FixtureFile;
use super::expect::{Expectations, parse_expectations};
use crate::check::{Checker, FileReport};
use crate::finding::{Category, Severity};
use crate::inputs::Input;

/// Whether a fixture made its directory's rule fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Firing,
    Quiet,
}

/// What running one fixture showed.
#[derive(Debug, Default)]
pub struct Outcome {
    pub failures: Vec<String>,
    /// For a fixture in a rule's directory: firing or quiet for that rule.
    pub kind: Option<Kind>,
}

/// A fixture read and checked.
struct Case {
    shown: String,
    exp: Expectations,
    result: FileReport,
}

/// Runs `file`; `rule_id` is the rule whose directory it is in (none for whole reports).
pub fn run_fixture(checker: &Checker, file: &FixtureFile, rule_id: Option<&str>) -> Outcome {
    let case = match load(checker, file) {
        Ok(c) => c,
        Err(failure) => {
            return Outcome {
                failures: vec![failure],
                kind: None,
            };
        }
    };
    let mut out = Outcome {
        failures: input_failures(&case),
        kind: None,
    };
    for id in rules_to_compare(&case.exp, rule_id) {
        out.failures.extend(compare_rule(&case, &id));
        if Some(id.as_str()) == rule_id {
            out.kind = Some(if case.exp.of_rule(&id).is_empty() {
                Kind::Quiet
            } else {
                Kind::Firing
            });
        }
    }
    out.failures.extend(grade_failure(&case));
    out
}

fn load(checker: &Checker, file: &FixtureFile) -> Result<Case, String> {
    let shown = file.shown.clone();
    let input = Input::new(file.path.clone(), shown.clone());
    let (exp, result) = match file.text {
        Some(text) => (
            parse_expectations(text),
            checker.check_bytes(&input, text.as_bytes()),
        ),
        None => {
            let text = std::fs::read_to_string(&file.path).map_err(|e| {
                format!("{shown}：无法读取（{}）", crate::base::files::io_reason(&e))
            })?;
            (parse_expectations(&text), checker.check(&input))
        }
    };
    let exp = exp.map_err(|m| format!("{shown}：{m}"))?;
    Ok(Case { shown, exp, result })
}

/// A fixture must itself be a valid dataset (unless it says `# allow: schema`), and
/// no rule may break on it.
fn input_failures(case: &Case) -> Vec<String> {
    let shown = &case.shown;
    let mut failures = Vec::new();
    if !case.exp.allow_schema {
        for f in case.result.findings.iter().filter(|f| {
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
    for f in case
        .result
        .findings
        .iter()
        .filter(|f| f.category == Category::Engine)
    {
        failures.push(format!("{shown}：{}", f.message));
    }
    failures
}

/// The rules named in expect lines, plus the directory's own rule.
fn rules_to_compare(exp: &Expectations, rule_id: Option<&str>) -> Vec<String> {
    let mut ids: Vec<String> = exp.expect.iter().map(|(id, _, _)| id.clone()).collect();
    ids.extend(rule_id.map(str::to_string));
    ids.sort();
    ids.dedup();
    ids
}

/// Rule `id`'s findings must be exactly the expected pointers (and severities, if given).
fn compare_rule(case: &Case, id: &str) -> Option<String> {
    let expected = case.exp.of_rule(id);
    let mut actual: Vec<(String, Severity, String)> = case
        .result
        .findings
        .iter()
        .filter(|f| f.code == id)
        .map(|f| {
            (
                f.pointer.clone().unwrap_or_default(),
                f.severity,
                f.message.clone(),
            )
        })
        .collect();
    actual.sort_by(|a, b| a.0.cmp(&b.0));
    let matches = expected.len() == actual.len()
        && expected
            .iter()
            .zip(&actual)
            .all(|((ep, es), (ap, asev, _))| ep == ap && es.is_none_or(|s| s == *asev));
    if matches {
        return None;
    }
    let want: Vec<String> = expected.iter().map(|(p, _)| p.clone()).collect();
    let got: Vec<String> = actual
        .iter()
        .map(|(p, s, m)| format!("{p} [{}] {m}", s.as_str()))
        .collect();
    Some(format!(
        "{}：{id} 应报告 {:?}，实际报告 {:?}",
        case.shown, want, got
    ))
}

/// The grade a `# grade:` line asks for.
fn grade_failure(case: &Case) -> Option<String> {
    let g = case.exp.grade?;
    let shown = &case.shown;
    match &case.result.verdict {
        Some(v) if v.grade == g => None,
        Some(v) => Some(format!(
            "{shown}：等级应为 {g}，实际为 {}（{} 分）",
            v.grade, v.score
        )),
        None => Some(format!("{shown}：没有评级结果")),
    }
}
