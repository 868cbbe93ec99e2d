//! Comparing gradings. `diff`: the same reports under two rule packs (what a rule
//! change does to grades). `compare`: two versions of one submission under one pack
//! (what a resubmission fixed, in `compare`). Both key findings by (code, pointer),
//! so a value corrected in place counts as fixed.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::finding::Severity;
use crate::grade::Grade;
use crate::record::{FindingRecord, ReportRecord};

mod compare;
pub use compare::{CompareCounts, CompareReport, SeverityChange};

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct FindingKey {
    pub code: String,
    pub pointer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingBrief {
    pub code: String,
    pub pointer: String,
    pub severity: Severity,
    pub message: String,
    pub line: Option<usize>,
}

impl From<&FindingRecord> for FindingBrief {
    fn from(f: &FindingRecord) -> Self {
        FindingBrief {
            code: f.code.clone(),
            pointer: f.pointer.clone().unwrap_or_default(),
            severity: f.severity,
            message: f.message.clone(),
            line: f.line,
        }
    }
}

fn key(f: &FindingRecord) -> FindingKey {
    FindingKey {
        code: f.code.clone(),
        pointer: f.pointer.clone().unwrap_or_default(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportChange {
    pub file: String,
    pub entity: Option<String>,
    pub grade_before: Option<Grade>,
    pub grade_after: Option<Grade>,
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
    /// In the new grading only (diff: new rule behaviour; compare: new problems).
    pub added: Vec<FindingBrief>,
    /// In the old grading only (diff: no longer reported; compare: fixed).
    pub removed: Vec<FindingBrief>,
    /// In both with the same severity.
    pub kept: usize,
    /// In both with another severity (a rule made stricter or milder).
    pub severity_changed: Vec<SeverityChange>,
}

impl ReportChange {
    pub fn new(before: &ReportRecord, after: &ReportRecord) -> Self {
        let c = compare::classify(&before.findings, &after.findings);
        ReportChange {
            file: after.file.clone(),
            entity: after.entity.clone().or_else(|| before.entity.clone()),
            grade_before: before.verdict.as_ref().map(|v| v.grade),
            grade_after: after.verdict.as_ref().map(|v| v.grade),
            score_before: before.score(),
            score_after: after.score(),
            added: c.added.into_iter().map(|(f, _)| f).collect(),
            removed: c.fixed,
            kept: c.still_open.len(),
            severity_changed: c.severity_changed,
        }
    }

    pub fn grade_changed(&self) -> bool {
        self.grade_before != self.grade_after
    }

    pub fn changed(&self) -> bool {
        self.grade_changed()
            || !self.added.is_empty()
            || !self.removed.is_empty()
            || !self.severity_changed.is_empty()
            || self.score_before != self.score_after
    }
}

/// A rule that fires on no input, or on nearly all of them: both worth a look
/// before a change lands.
#[derive(Debug, Clone, Serialize)]
pub struct RuleReach {
    pub code: String,
    pub reports: usize,
    pub of: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub base: String,
    pub head: String,
    pub reports: Vec<ReportChange>,
    /// "A→B" → count, for grades that moved.
    pub transitions: BTreeMap<String, usize>,
    pub grades_changed: usize,
    pub silent_rules: Vec<String>,
    pub ubiquitous_rules: Vec<RuleReach>,
}

/// Reports under two packs (same inputs, same order), plus the head pack's rule ids.
pub fn diff(
    base_label: &str,
    head_label: &str,
    base: &[ReportRecord],
    head: &[ReportRecord],
    head_rules: &[String],
) -> DiffReport {
    let reports: Vec<ReportChange> = base
        .iter()
        .zip(head)
        .map(|(b, h)| ReportChange::new(b, h))
        .collect();
    let mut transitions = BTreeMap::new();
    for r in reports.iter().filter(|r| r.grade_changed()) {
        let g = |g: Option<Grade>| g.map_or("-".to_string(), |g| g.to_string());
        *transitions
            .entry(format!("{}→{}", g(r.grade_before), g(r.grade_after)))
            .or_insert(0) += 1;
    }
    let mut reach: BTreeMap<&str, usize> = BTreeMap::new();
    for r in head {
        let codes: BTreeSet<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
        for c in codes {
            *reach.entry(c).or_insert(0) += 1;
        }
    }
    let n = head.len();
    let silent_rules = head_rules
        .iter()
        .filter(|id| !reach.contains_key(id.as_str()))
        .cloned()
        .collect();
    let ubiquitous_rules = if n >= 3 {
        reach
            .iter()
            .filter(|(c, k)| !c.starts_with("dabiao::") && **k * 10 >= n * 9)
            .map(|(c, k)| RuleReach {
                code: c.to_string(),
                reports: *k,
                of: n,
            })
            .collect()
    } else {
        Vec::new()
    };
    DiffReport {
        base: base_label.to_string(),
        head: head_label.to_string(),
        grades_changed: reports.iter().filter(|r| r.grade_changed()).count(),
        reports,
        transitions,
        silent_rules,
        ubiquitous_rules,
    }
}

fn grade_text(g: Option<Grade>) -> String {
    g.map_or_else(|| "-".to_string(), |g| g.to_string())
}

fn score_text(s: Option<f64>) -> String {
    s.map_or_else(|| "-".to_string(), crate::base::number::fmt_num)
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

impl DiffReport {
    pub fn markdown(&self) -> String {
        use std::fmt::Write;
        let mut out = format!(
            "## dabiao 规则变更影响（{} → {}）\n\n",
            self.base, self.head
        );
        let _ = writeln!(
            out,
            "{} 份报告中，{} 份等级改变，{} 份问题有增减或严重程度改变。",
            self.reports.len(),
            self.grades_changed,
            self.reports.iter().filter(|r| r.changed()).count()
        );
        if !self.transitions.is_empty() {
            let t: Vec<String> = self
                .transitions
                .iter()
                .map(|(k, v)| format!("{k}：{v} 份"))
                .collect();
            let _ = writeln!(out, "等级变化：{}。", t.join("；"));
        }
        out.push('\n');
        let changed: Vec<&ReportChange> = self.reports.iter().filter(|r| r.changed()).collect();
        if !changed.is_empty() {
            out.push_str(&changes_table(&changed));
        }
        if !self.silent_rules.is_empty() {
            let _ = writeln!(
                out,
                "在这批报告上从未触发的规则：{}\n",
                self.silent_rules.join("、")
            );
        }
        if !self.ubiquitous_rules.is_empty() {
            let r: Vec<String> = self
                .ubiquitous_rules
                .iter()
                .map(|r| format!("{}（{}/{}）", r.code, r.reports, r.of))
                .collect();
            let _ = writeln!(
                out,
                "几乎对所有报告都触发的规则（请确认不是误报）：{}\n",
                r.join("、")
            );
        }
        out
    }
}

/// The table of reports whose grading changed: grade, score, findings added and
/// removed, severities changed.
fn changes_table(changed: &[&ReportChange]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    out.push_str(
            "| 文件 | 单位 | 等级 | 得分 | 新增问题 | 消失问题 | 严重程度改变 |\n|---|---|---|---|---|---|---|\n",
        );
    for r in changed {
        let codes = |v: &[FindingBrief]| {
            let mut c: Vec<String> = v.iter().map(|f| f.code.clone()).collect();
            c.dedup();
            format!(
                "{}{}",
                v.len(),
                if c.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", c.join("、"))
                }
            )
        };
        let severities: Vec<String> = r
            .severity_changed
            .iter()
            .map(|c| {
                format!(
                    "{} {}→{}",
                    c.finding.code,
                    c.severity_before.chinese(),
                    c.finding.severity.chinese()
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} → {} | {} → {} | {} | {} | {} |",
            cell(&r.file),
            cell(r.entity.as_deref().unwrap_or("")),
            grade_text(r.grade_before),
            grade_text(r.grade_after),
            score_text(r.score_before),
            score_text(r.score_after),
            codes(&r.added),
            codes(&r.removed),
            cell(&severities.join("、"))
        );
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &str, pointer: &str) -> FindingRecord {
        FindingRecord {
            message: format!("{code} at {pointer}"),
            ..FindingRecord::sample(code, Some(pointer), Severity::Error)
        }
    }

    #[test]
    fn added_removed_kept_and_severity_changed_by_code_and_pointer() {
        let mut stricter = finding("A-4", "/w");
        stricter.severity = Severity::Warning;
        let before = [finding("A-1", "/x"), finding("A-2", "/y"), stricter];
        let after = [
            finding("A-2", "/y"),
            finding("A-3", "/z"),
            finding("A-4", "/w"),
        ];
        let c = ReportChange::new(
            &ReportRecord::sample(before.to_vec()),
            &ReportRecord::sample(after.to_vec()),
        );
        let codes = |v: &[FindingBrief]| v.iter().map(|f| f.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&c.added), ["A-3"]);
        assert_eq!(codes(&c.removed), ["A-1"]);
        assert_eq!(c.kept, 1);
        let changed = &c.severity_changed[0];
        assert_eq!(
            (
                changed.finding.code.as_str(),
                changed.severity_before,
                changed.raised()
            ),
            ("A-4", Severity::Warning, true)
        );
        assert!(c.changed());
    }
}
