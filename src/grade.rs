//! Grades: a score out of 100 from the findings, bands for A/B/C, caps that hold
//! whatever the score, and an explanation a reviewer can follow (what each finding
//! cost, which cap applied, and the fewest fixes that would raise the grade).

pub mod explain;
mod next;
mod policy;

pub use policy::{DEFAULT_MIN_GRADE, Policy};

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Category, Finding, Severity};
pub use crate::rules::grading::{Grade, GradingConfig};
use crate::rules::{RuleMeta, RulePack};

/// What one code (rule id or schema code) cost.
#[derive(Debug, Clone, Serialize)]
pub struct Cost {
    pub code: String,
    pub title: String,
    pub findings: usize,
    /// Points before the per-rule cap.
    pub raw: f64,
    pub points: f64,
    pub capped: bool,
}

impl Cost {
    /// Nothing yet for a code; titled by its rule, or by dabiao's own code list.
    fn new(code: &str, rule: Option<&RuleMeta>) -> Cost {
        Cost {
            code: code.to_string(),
            title: rule.map_or_else(
                || crate::codes::title(code).unwrap_or_default().to_string(),
                |m| m.title.clone(),
            ),
            findings: 0,
            raw: 0.0,
            points: 0.0,
            capped: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CapApplied {
    pub grade: Grade,
    pub code: String,
    pub reason: String,
}

/// The smallest set of fixes that would raise the grade one step (grade/next.rs).
#[derive(Debug, Clone, Serialize)]
pub struct NextGrade {
    pub grade: Grade,
    /// Codes to fix: those whose cap bars the grade first, then the rest; each
    /// group most valuable first.
    pub fix: Vec<String>,
    pub findings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub grade: Grade,
    pub score: f64,
    /// The grade the score alone would give.
    pub score_grade: Grade,
    pub costs: Vec<Cost>,
    pub caps: Vec<CapApplied>,
    pub next: Option<NextGrade>,
    /// Checks that could not run (broken rules); the grade may be too kind.
    pub incomplete: usize,
    /// Findings excused by waivers, and the grade without them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_waivers: Option<WithoutWaivers>,
    /// Nothing of the file could be read: no score, graded C (see [`Verdict::unreadable`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unread: bool,
}

/// Why a file that could not be read is graded C.
pub const UNREAD_REASON: &str = "文件无法读取，内容未能核对，不评分";

#[derive(Debug, Clone, Serialize)]
pub struct WithoutWaivers {
    pub waived: usize,
    pub grade: Grade,
    pub score: f64,
}

impl Verdict {
    /// A file of which nothing could be read (no dataset): whatever its findings
    /// cost, it is graded C with no score, and no "fix these codes to go up" —
    /// reading the file again after fixing it is the only way up.
    pub fn unreadable(mut self, code: &str) -> Verdict {
        self.unread = true;
        self.score = 0.0;
        self.score_grade = Grade::C;
        self.grade = Grade::C;
        self.next = None;
        self.caps.retain(|c| c.code != code);
        self.caps.insert(
            0,
            CapApplied {
                grade: Grade::C,
                code: code.to_string(),
                reason: UNREAD_REASON.to_string(),
            },
        );
        self
    }

    /// Why the grade is not the score's: "无法读取", "封顶", or nothing.
    pub fn cap_mark(&self) -> Option<&'static str> {
        if self.unread {
            Some("无法读取")
        } else if self.grade != self.score_grade {
            Some("封顶")
        } else {
            None
        }
    }

    /// The score as printed: "92", or "未评分" for a file that could not be read.
    pub fn score_label(&self) -> String {
        if self.unread {
            "未评分".to_string()
        } else {
            crate::base::number::fmt_num(self.score)
        }
    }

    /// "A", "C（封顶）", "C（无法读取）", and with waivers that changed it,
    /// "A；不计豁免为 B（1 项豁免）": the grade never reads as the score's when a cap holds it.
    pub fn grade_label(&self) -> String {
        let mark = self
            .cap_mark()
            .map(|m| format!("（{m}）"))
            .unwrap_or_default();
        format!("{}{mark}{}", self.grade, self.waiver_label())
    }

    /// What waivers add after the grade: "（1 项豁免）", "；不计豁免为 B（1 项豁免）", or "".
    pub fn waiver_label(&self) -> String {
        match &self.without_waivers {
            Some(w) if w.grade != self.grade => {
                format!("；不计豁免为 {}（{} 项豁免）", w.grade, w.waived)
            }
            Some(w) => format!("（{} 项豁免）", w.waived),
            None => String::new(),
        }
    }
}

pub struct Grader<'a> {
    pub config: &'a GradingConfig,
    pub pack: Option<&'a RulePack>,
}

impl Grader<'_> {
    /// The grade with waived findings left out; when any are, also the grade
    /// they would have given.
    pub fn grade(&self, findings: &[Finding]) -> Verdict {
        let mut v = self.grade_counting(findings, false);
        let waived = findings.iter().filter(|f| f.waiver.is_some()).count();
        if waived > 0 {
            let all = self.grade_counting(findings, true);
            v.without_waivers = Some(WithoutWaivers {
                waived,
                grade: all.grade,
                score: all.score,
            });
        }
        v
    }

    fn grade_counting(&self, findings: &[Finding], count_waived: bool) -> Verdict {
        let mut by_code: BTreeMap<&str, Cost> = BTreeMap::new();
        let mut caps = Vec::new();
        let mut incomplete = 0;
        for f in findings
            .iter()
            .filter(|f| count_waived || f.waiver.is_none())
        {
            if f.category == Category::Engine {
                incomplete += 1;
            }
            if let Some(failed) = self.failed_rule(f) {
                self.count_worst(failed, &mut by_code, &mut caps);
                continue;
            }
            let rule = self.pack.and_then(|p| p.rule(&f.code)).map(|r| &*r.meta);
            let cost = by_code
                .entry(&f.code)
                .or_insert_with(|| Cost::new(&f.code, rule));
            cost.findings += 1;
            cost.raw += self.penalty(f, rule);
            self.caps_of(f, rule, &mut caps);
        }
        let costs = self.limited(by_code.into_values().collect());
        // In whole hundredths, as the advice counts them (weights may be 1/3).
        let lost: i64 = costs.iter().map(|c| next::hundredths(c.points)).sum();
        let score = ((10_000 - lost).max(0)) as f64 / 100.0;
        let score_grade = self.config.band(score);
        let grade = caps.iter().map(|c| c.grade).fold(score_grade, Grade::max);
        let next = next::next_grade(self.config, grade, &costs, &caps);
        Verdict {
            grade,
            score,
            score_grade,
            costs,
            caps,
            next,
            incomplete,
            without_waivers: None,
            unread: false,
        }
    }

    /// The rule an engine finding says failed to run, when the pack has it.
    fn failed_rule(&self, f: &Finding) -> Option<&RuleMeta> {
        let id = f.failed_rule.as_deref()?;
        self.pack.and_then(|p| p.rule(id)).map(|r| &*r.meta)
    }

    /// A rule that failed to run counts as the worst it could have found: all the
    /// points it may cost, and (an error rule) the caps its errors would hold the
    /// grade at. So a broken rule never makes a report look better than it is.
    fn count_worst<'f>(
        &self,
        rule: &'f RuleMeta,
        by_code: &mut BTreeMap<&'f str, Cost>,
        caps: &mut Vec<CapApplied>,
    ) {
        let cost = by_code
            .entry(&rule.id)
            .or_insert_with(|| Cost::new(&rule.id, Some(rule)));
        cost.findings += 1;
        cost.raw += rule.cap.unwrap_or(self.config.limits.per_rule_cap);
        if rule.severity == Severity::Error {
            let worst = Finding::new(&rule.id, Severity::Error, rule.category, String::new());
            self.caps_of(&worst, Some(rule), caps);
        }
    }

    /// The points one finding costs: the rule's weight, else its severity's penalty;
    /// a rule that failed to run costs the engine penalty.
    fn penalty(&self, f: &Finding, rule: Option<&RuleMeta>) -> f64 {
        if f.category == Category::Engine {
            return self.config.engine.penalty;
        }
        match (rule.and_then(|m| m.weight), f.severity) {
            (Some(w), Severity::Error | Severity::Warning) => w,
            (_, Severity::Error) => self.config.penalty.error,
            (_, Severity::Warning) => self.config.penalty.warning,
            (_, Severity::Info) => self.config.penalty.info,
        }
    }

    /// The caps an error (or an unreadable file) holds the grade at: its rule's own
    /// grade cap and those of its category in grading.toml.
    fn caps_of(&self, f: &Finding, rule: Option<&RuleMeta>, caps: &mut Vec<CapApplied>) {
        if f.severity != Severity::Error && f.category != Category::Io {
            return;
        }
        if let Some(g) = rule
            .and_then(|m| m.grade_cap.as_deref())
            .and_then(Grade::parse)
        {
            let title = rule.map(|m| m.title.clone()).unwrap_or_default();
            push_cap(caps, g, &f.code, &title);
        }
        for c in &self.config.caps {
            let about = |p: &String| f.pointer.as_ref() == Some(p);
            if c.categories.iter().any(|x| x == f.category.as_str())
                || c.codes.contains(&f.code)
                || c.pointers.iter().any(about)
                || c.severities.iter().any(|s| s == f.severity.as_str())
            {
                push_cap(caps, c.grade, &f.code, &c.reason);
            }
        }
    }

    /// Each code's points within its per-rule limit, costliest first.
    fn limited(&self, mut costs: Vec<Cost>) -> Vec<Cost> {
        for c in &mut costs {
            let cap = self
                .pack
                .and_then(|p| p.rule(&c.code))
                .and_then(|r| r.meta.cap)
                .unwrap_or(self.config.limits.per_rule_cap);
            c.points = c.raw.min(cap);
            c.capped = c.raw > cap;
        }
        costs.sort_by(|a, b| {
            b.points
                .total_cmp(&a.points)
                .then_with(|| a.code.cmp(&b.code))
        });
        costs
    }
}

/// One cap per code: the lowest grade any of its caps holds it at.
fn push_cap(caps: &mut Vec<CapApplied>, grade: Grade, code: &str, reason: &str) {
    if let Some(c) = caps.iter_mut().find(|c| c.code == code) {
        if grade > c.grade {
            c.grade = grade;
            c.reason = reason.to_string();
        }
    } else {
        caps.push(CapApplied {
            grade,
            code: code.to_string(),
            reason: reason.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> GradingConfig {
        GradingConfig::parse(include_str!("../rules/grading.toml")).unwrap()
    }

    fn finding(code: &str, severity: Severity, category: Category) -> Finding {
        Finding::new(code, severity, category, String::new())
    }

    #[test]
    fn clean_report_is_a() {
        let c = config();
        let v = Grader {
            config: &c,
            pack: None,
        }
        .grade(&[]);
        assert_eq!((v.grade, v.score), (Grade::A, 100.0));
        assert!(v.next.is_none());
    }

    #[test]
    fn penalties_bands_and_per_rule_cap() {
        let c = config();
        let mut fs = vec![finding("X-1", Severity::Warning, Category::Consistency)];
        fs.extend((0..5).map(|_| finding("X-2", Severity::Error, Category::Consistency)));
        let v = Grader {
            config: &c,
            pack: None,
        }
        .grade(&fs);
        // 5 × 8 = 40, capped at 24; X-1: 3.
        assert_eq!(v.score, 73.0);
        assert_eq!(v.grade, Grade::B);
        assert!(v.costs[0].capped);
        let next = v.next.unwrap();
        assert_eq!(
            (next.grade, next.fix.as_slice(), next.findings),
            (Grade::A, &["X-2".to_string()][..], 5)
        );
    }

    #[test]
    fn unreadable_file_is_capped_at_c() {
        let c = config();
        let v = Grader {
            config: &c,
            pack: None,
        }
        .grade(&[finding(
            "dabiao::parse::json",
            Severity::Error,
            Category::Parse,
        )]);
        assert_eq!(
            (v.score, v.score_grade, v.grade),
            (92.0, Grade::A, Grade::C)
        );
        assert_eq!(v.caps[0].reason, "文件无法读取或解析，无法核对内容");
        assert_eq!(v.next.unwrap().fix, ["dabiao::parse::json"]);
    }

    #[test]
    fn a_file_not_read_is_c_whatever_its_findings_cost() {
        let c = config();
        let v = Grader {
            config: &c,
            pack: None,
        }
        .grade(&[finding(
            "dabiao::import::docx",
            Severity::Error,
            Category::Import,
        )])
        .unreadable("dabiao::import::docx");
        assert_eq!(
            (v.grade, v.score_grade, v.score, v.unread),
            (Grade::C, Grade::C, 0.0, true)
        );
        assert!(v.next.is_none());
        assert_eq!(
            (v.caps.len(), v.caps[0].reason.as_str()),
            (1, UNREAD_REASON)
        );
        assert_eq!(
            (v.grade_label(), v.score_label()),
            ("C（无法读取）".to_string(), "未评分".to_string())
        );
    }

    proptest::proptest! {
        /// The advice is right: fixing the codes "升到 X" names reaches X, whatever the
        /// findings, severities and (fractional) penalties.
        #[test]
        fn fixing_what_the_advice_names_reaches_its_grade(
            findings in proptest::collection::vec((0usize..6, 0usize..3), 0..40),
            error in 1.0f64..12.0,
            warning in 0.1f64..5.0,
        ) {
            let text = include_str!("../rules/grading.toml")
                .replace("error = 8", &format!("error = {error}"))
                .replace("warning = 3", &format!("warning = {warning}"));
            let c = GradingConfig::parse(&text).unwrap();
            let grader = Grader { config: &c, pack: None };
            let sev = [Severity::Error, Severity::Warning, Severity::Info];
            let fs: Vec<Finding> = findings
                .iter()
                .map(|&(code, s)| finding(&format!("X-{code}"), sev[s], Category::Consistency))
                .collect();
            let v = grader.grade(&fs);
            if let Some(next) = v.next {
                let left: Vec<Finding> =
                    fs.into_iter().filter(|f| !next.fix.contains(&f.code)).collect();
                let after = grader.grade(&left);
                proptest::prop_assert!(after.grade <= next.grade, "{:?} → {:?}", next, after.grade);
            }
        }
    }

    #[test]
    fn engine_findings_cost_nothing_but_are_counted() {
        let c = config();
        let v = Grader {
            config: &c,
            pack: None,
        }
        .grade(&[finding(
            "dabiao::engine::rule-error",
            Severity::Warning,
            Category::Engine,
        )]);
        assert_eq!((v.grade, v.score, v.incomplete), (Grade::A, 100.0, 1));
    }
}
