//! `compare`: two versions of one submission under one pack. Each finding of either
//! version falls in exactly one class: fixed (old only), still open (both, same
//! severity), new (new only), or severity changed (both, another severity). Findings
//! are matched by (code, pointer), so a value corrected in place counts as fixed and
//! a line moved by an edit elsewhere is still the same finding.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{FindingBrief, FindingKey, key};
use crate::finding::Severity;
use crate::grade::Grade;
use crate::record::{FindingRecord, ReportRecord};

/// A finding present in both versions at the same place, with another severity.
#[derive(Debug, Clone, Serialize)]
pub struct SeverityChange {
    /// The new version's finding (its severity is the new one).
    #[serde(flatten)]
    pub finding: FindingBrief,
    pub severity_before: Severity,
    pub line_before: Option<usize>,
    pub message_before: String,
}

impl SeverityChange {
    /// Error above warning above info.
    pub fn raised(&self) -> bool {
        rank(self.finding.severity) > rank(self.severity_before)
    }
}

fn rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Info => 0,
    }
}

/// The counts of each class, for a one-line summary (and JSON readers).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct CompareCounts {
    pub fixed: usize,
    pub still_open: usize,
    pub added: usize,
    pub severity_changed: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareReport {
    pub old: String,
    pub new: String,
    pub entity: Option<String>,
    pub grade_before: Option<Grade>,
    pub grade_after: Option<Grade>,
    pub score_before: Option<f64>,
    pub score_after: Option<f64>,
    /// The grades as printed: "B", "C（封顶）", "C（无法读取）".
    #[serde(skip)]
    pub grade_labels: (String, String),
    pub counts: CompareCounts,
    /// In the old version only (the old version's findings).
    pub fixed: Vec<FindingBrief>,
    /// In both, same severity (the new version's findings).
    pub still_open: Vec<FindingBrief>,
    /// In the new version only.
    pub added: Vec<FindingBrief>,
    pub severity_changed: Vec<SeverityChange>,
    /// Why the new version counts as worse (empty: it does not); `compare` exits 1 if any.
    pub worse: Vec<String>,
}

/// For each finding of `before`, the index of its match in `after`, if any.
/// Within one (code, pointer), findings are paired first with the same severity and
/// message, then with the same severity, then in order.
fn match_findings(before: &[FindingRecord], after: &[FindingRecord]) -> Vec<Option<usize>> {
    let mut groups: BTreeMap<FindingKey, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, f) in before.iter().enumerate() {
        groups.entry(key(f)).or_default().0.push(i);
    }
    for (j, f) in after.iter().enumerate() {
        groups.entry(key(f)).or_default().1.push(j);
    }
    let mut matched = vec![None; before.len()];
    let same_text = |i: usize, j: usize| {
        before[i].severity == after[j].severity && before[i].message == after[j].message
    };
    let same_severity = |i: usize, j: usize| before[i].severity == after[j].severity;
    let any = |_: usize, _: usize| true;
    let passes: [&dyn Fn(usize, usize) -> bool; 3] = [&same_text, &same_severity, &any];
    for (olds, mut news) in groups.into_values() {
        for pass in passes {
            for &i in &olds {
                if matched[i].is_some() {
                    continue;
                }
                if let Some(pos) = news.iter().position(|&j| pass(i, j)) {
                    matched[i] = Some(news.remove(pos));
                }
            }
        }
    }
    matched
}

/// Each finding of two gradings in one class (see the module's doc).
pub(super) struct Classified {
    /// The old grading's findings that have no match.
    pub fixed: Vec<FindingBrief>,
    /// The new grading's findings matched with the same severity.
    pub still_open: Vec<FindingBrief>,
    /// The new grading's findings that have no match, and whether each is counted.
    pub added: Vec<(FindingBrief, bool)>,
    pub severity_changed: Vec<SeverityChange>,
}

pub(super) fn classify(before: &[FindingRecord], after: &[FindingRecord]) -> Classified {
    let matched = match_findings(before, after);
    let mut partner: Vec<Option<usize>> = vec![None; after.len()];
    let mut fixed = Vec::new();
    for (i, m) in matched.iter().enumerate() {
        match m {
            Some(j) => partner[*j] = Some(i),
            None => fixed.push(FindingBrief::from(&before[i])),
        }
    }
    let (mut still_open, mut added, mut severity_changed) = (Vec::new(), Vec::new(), Vec::new());
    for (j, f) in after.iter().enumerate() {
        match partner[j].map(|i| &before[i]) {
            None => added.push((FindingBrief::from(f), f.counted)),
            Some(b) if b.severity == f.severity => still_open.push(FindingBrief::from(f)),
            Some(b) => severity_changed.push(SeverityChange {
                finding: FindingBrief::from(f),
                severity_before: b.severity,
                line_before: b.line,
                message_before: b.message.clone(),
            }),
        }
    }
    Classified {
        fixed,
        still_open,
        added,
        severity_changed,
    }
}

impl CompareReport {
    pub fn new(old: &str, new: &str, before: &ReportRecord, after: &ReportRecord) -> Self {
        let Classified {
            fixed,
            still_open,
            added,
            severity_changed,
        } = classify(&before.findings, &after.findings);
        let label = |r: &ReportRecord| {
            r.verdict
                .as_ref()
                .map_or_else(|| "-".to_string(), |v| v.grade_label())
        };
        let mut report = CompareReport {
            old: old.to_string(),
            new: new.to_string(),
            entity: after.entity.clone().or_else(|| before.entity.clone()),
            grade_before: before.verdict.as_ref().map(|v| v.grade),
            grade_after: after.verdict.as_ref().map(|v| v.grade),
            score_before: before.score(),
            score_after: after.score(),
            grade_labels: (label(before), label(after)),
            counts: CompareCounts {
                fixed: fixed.len(),
                still_open: still_open.len(),
                added: added.len(),
                severity_changed: severity_changed.len(),
            },
            fixed,
            still_open,
            added: Vec::new(),
            severity_changed,
            worse: Vec::new(),
        };
        report.worse = report.worse_reasons(&added);
        report.added = added.into_iter().map(|(f, _)| f).collect();
        report
    }

    /// What makes the new version worse: new problems that cost (counted, not info),
    /// a raised severity, a lower grade, a lower score.
    fn worse_reasons(&self, added: &[(FindingBrief, bool)]) -> Vec<String> {
        let mut out = Vec::new();
        let costly = added
            .iter()
            .filter(|(f, counted)| *counted && f.severity != Severity::Info)
            .count();
        if costly > 0 {
            out.push(format!("新出现 {costly} 处错误或警告"));
        }
        let raised = self.severity_changed.iter().filter(|c| c.raised()).count();
        if raised > 0 {
            out.push(format!("{raised} 处问题的严重程度升高"));
        }
        if let (Some(b), Some(a)) = (self.grade_before, self.grade_after)
            && a > b
        {
            out.push(format!("等级由 {b} 降为 {a}"));
        }
        if let (Some(b), Some(a)) = (self.score_before, self.score_after)
            && a < b
        {
            out.push(format!("得分由 {} 降为 {}", num(b), num(a)));
        }
        out
    }

    pub fn markdown(&self) -> String {
        use std::fmt::Write;
        let mut out = format!("## 重报对比：{} → {}\n\n", self.old, self.new);
        if let Some(e) = &self.entity {
            let _ = writeln!(out, "编制主体：{e}\n");
        }
        let _ = writeln!(
            out,
            "等级：{}；得分：{}。\n",
            self.grade_line(),
            self.score_line()
        );
        let c = &self.counts;
        let _ = writeln!(
            out,
            "已修正 {} 处，仍未修正 {} 处，新出现 {} 处，严重程度改变 {} 处。\n",
            c.fixed, c.still_open, c.added, c.severity_changed
        );
        let lists: [(&str, &[FindingBrief], &str); 3] = [
            ("已修正", &self.fixed, "原第"),
            ("仍未修正", &self.still_open, "第"),
            ("新出现", &self.added, "第"),
        ];
        for (title, list, line_word) in lists {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {title}（{} 处）\n", list.len());
            for f in list {
                let _ = writeln!(
                    out,
                    "- `{}` {}{}：{}",
                    f.code,
                    f.severity.chinese(),
                    place(f.line, &f.pointer, line_word),
                    f.message
                );
            }
            out.push('\n');
        }
        if !self.severity_changed.is_empty() {
            let n = self.severity_changed.len();
            let _ = writeln!(out, "### 严重程度改变（{n} 处）\n");
            for s in &self.severity_changed {
                let f = &s.finding;
                let was = if s.message_before == f.message {
                    String::new()
                } else {
                    format!("（原为：{}）", s.message_before)
                };
                let _ = writeln!(
                    out,
                    "- `{}` {} → {}（{}）{}：{}{was}",
                    f.code,
                    s.severity_before.chinese(),
                    f.severity.chinese(),
                    if s.raised() { "升高" } else { "降低" },
                    place(f.line, &f.pointer, "第"),
                    f.message
                );
            }
            out.push('\n');
        }
        out.push_str(&self.conclusion());
        out
    }

    fn grade_line(&self) -> String {
        let (b, a) = &self.grade_labels;
        let trend = match (self.grade_before, self.grade_after) {
            (Some(x), Some(y)) if y < x => "（提高）",
            (Some(x), Some(y)) if y > x => "（降低）",
            (Some(_), Some(_)) => "（不变）",
            _ => "",
        };
        format!("{b} → {a}{trend}")
    }

    fn score_line(&self) -> String {
        let text = |s: Option<f64>| s.map_or_else(|| "未评分".to_string(), num);
        let delta = match (self.score_before, self.score_after) {
            (Some(b), Some(a)) if a > b => format!("（+{}）", num(a - b)),
            (Some(b), Some(a)) if a < b => format!("（-{}）", num(b - a)),
            (Some(_), Some(_)) => "（不变）".to_string(),
            _ => String::new(),
        };
        format!(
            "{} → {}{delta}",
            text(self.score_before),
            text(self.score_after)
        )
    }

    /// The last line: worse or not, and the exit code that follows.
    fn conclusion(&self) -> String {
        if self.worse.is_empty() {
            "结论：新版本没有退步：没有新的错误或警告，没有问题的严重程度升高，等级和得分没有降低（退出码 0）。\n".to_string()
        } else {
            format!(
                "结论：新版本有退步之处：{}（退出码 1）。\n",
                self.worse.join("；")
            )
        }
    }
}

fn num(n: f64) -> String {
    crate::base::number::fmt_num(n)
}

/// " · 第 12 行 · `/data/…`": the line if known, and the pointer if any.
fn place(line: Option<usize>, pointer: &str, line_word: &str) -> String {
    let mut out = String::new();
    if let Some(l) = line {
        out.push_str(&format!(" · {line_word} {l} 行"));
    }
    if !pointer.is_empty() {
        out.push_str(&format!(" · `{pointer}`"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &str, pointer: &str, severity: Severity, message: &str) -> FindingRecord {
        FindingRecord {
            message: message.into(),
            ..FindingRecord::sample(code, Some(pointer), severity)
        }
    }

    #[test]
    fn same_place_pairs_same_severity_first_then_the_rest() {
        use Severity::*;
        let before = [
            finding("A", "/x", Warning, "one"),
            finding("A", "/x", Error, "two"),
            finding("B", "/y", Error, "gone"),
        ];
        let after = [
            finding("A", "/x", Error, "two, reworded"),
            finding("A", "/x", Info, "one"),
            finding("C", "/z", Warning, "new"),
        ];
        let m = match_findings(&before, &after);
        // The error pairs with the error; the warning that became info pairs with it.
        assert_eq!(m, vec![Some(1), Some(0), None]);
    }
}
