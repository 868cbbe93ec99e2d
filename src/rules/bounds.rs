//! What a rule may emit, bounded: findings per rule and per report, and the length
//! of a message. A pack is user input (`--rules`), so a rule emitting without end
//! must cost neither memory nor output; what is left out is said in one note.

use crate::base::limits::{MAX_FINDINGS_PER_FILE, MAX_FINDINGS_PER_RULE, MAX_MESSAGE_CHARS};
use crate::finding::Finding;

use super::codes::OMITTED;

/// The findings of one rule on one report, at most `limit` of them; the most severe
/// are kept when there are more.
#[derive(Debug)]
pub struct Collected {
    kept: Vec<Finding>,
    dropped: usize,
    limit: usize,
}

impl Default for Collected {
    fn default() -> Self {
        Collected::new(MAX_FINDINGS_PER_RULE)
    }
}

impl Collected {
    pub fn new(limit: usize) -> Self {
        Collected {
            kept: Vec::new(),
            dropped: 0,
            limit,
        }
    }

    /// Keeps `f` (its message cut to [`MAX_MESSAGE_CHARS`]) while there is room; past
    /// the limit, it replaces the last of the least severe kept findings if it is
    /// more severe, so an error is never crowded out by notes.
    pub fn push(&mut self, mut f: Finding) {
        cut_message(&mut f.message);
        if self.kept.len() < self.limit {
            self.kept.push(f);
            return;
        }
        self.dropped += 1;
        let weakest = self
            .kept
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|(_, k)| k.severity)
            .map(|(i, _)| i);
        if let Some(i) = weakest
            && self.kept[i].severity > f.severity
        {
            self.kept[i] = f;
        }
    }

    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The findings kept, and a note saying how many `rule` emitted beyond the limit.
    pub fn finish(self, rule: &str) -> Vec<Finding> {
        let mut out = self.kept;
        if self.dropped > 0 {
            out.push(Finding::of(
                &OMITTED,
                format!(
                    "规则 {rule} 在本报告上报告的问题超过上限 {} 条，另有 {} 条未列出（已保留较严重的）",
                    self.limit, self.dropped
                ),
            ).with_help("同一问题重复出现时，修正列出的几处后再检查一次即可看到其余的"));
        }
        out
    }
}

/// Cuts `message` to [`MAX_MESSAGE_CHARS`] characters, the last being "…".
pub fn cut_message(message: &mut String) {
    if let Some((at, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
        let keep = message
            .char_indices()
            .nth(MAX_MESSAGE_CHARS - 1)
            .map_or(at, |(i, _)| i);
        message.truncate(keep);
        message.push('…');
    }
}

/// The rule findings of one report, at most [`MAX_FINDINGS_PER_FILE`]: the most
/// severe are kept (in their order otherwise), then a note says how many were left out.
pub fn bound_report(findings: &mut Vec<Finding>) {
    // The notes of rules that went past their own bound are kept (one per rule).
    let notes: Vec<Finding> = findings.extract_if(.., |f| f.code == OMITTED.id).collect();
    bound_findings(findings);
    findings.extend(notes);
}

fn bound_findings(findings: &mut Vec<Finding>) {
    let total = findings.len();
    if total <= MAX_FINDINGS_PER_FILE {
        return;
    }
    let mut order: Vec<usize> = (0..total).collect();
    order.sort_by_key(|&i| findings[i].severity);
    let mut keep = vec![false; total];
    for &i in &order[..MAX_FINDINGS_PER_FILE] {
        keep[i] = true;
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    findings.push(Finding::of(
        &OMITTED,
        format!(
            "本报告的规则问题超过上限 {MAX_FINDINGS_PER_FILE} 条，另有 {} 条未列出（已保留较严重的）",
            total - MAX_FINDINGS_PER_FILE
        ),
    ).with_help("修正列出的问题后再检查一次即可看到其余的"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Severity};

    fn finding(severity: Severity, message: &str) -> Finding {
        Finding::new("T-1", severity, Category::Consistency, message.to_string())
    }

    #[test]
    fn long_messages_are_cut_with_an_ellipsis() {
        let mut m = "数".repeat(MAX_MESSAGE_CHARS + 5);
        cut_message(&mut m);
        assert_eq!(m.chars().count(), MAX_MESSAGE_CHARS);
        assert!(m.ends_with("数…"));
        let mut short = "数".repeat(MAX_MESSAGE_CHARS);
        cut_message(&mut short);
        assert_eq!(short.chars().count(), MAX_MESSAGE_CHARS);
        assert!(!short.ends_with('…'));
    }

    #[test]
    fn past_the_limit_errors_replace_notes_and_the_rest_is_counted() {
        let mut c = Collected::new(3);
        for _ in 0..5 {
            c.push(finding(Severity::Info, "n"));
        }
        c.push(finding(Severity::Error, "e"));
        let out = c.finish("T-1");
        assert_eq!(out.len(), 4);
        assert!(out.iter().any(|f| f.severity == Severity::Error));
        assert!(out[3].message.contains("另有 3 条"), "{}", out[3].message);
        assert_eq!(out[3].code, OMITTED.id);
    }

    #[test]
    fn a_report_keeps_its_most_severe_findings() {
        let mut all: Vec<Finding> = (0..MAX_FINDINGS_PER_FILE + 10)
            .map(|i| {
                finding(
                    if i == 0 {
                        Severity::Info
                    } else {
                        Severity::Warning
                    },
                    "w",
                )
            })
            .collect();
        all.push(finding(Severity::Error, "e"));
        bound_report(&mut all);
        assert_eq!(all.len(), MAX_FINDINGS_PER_FILE + 1);
        assert!(all.iter().any(|f| f.severity == Severity::Error));
        assert!(
            all.iter()
                .all(|f| f.severity != Severity::Info || f.code == OMITTED.id)
        );
        assert!(all.last().unwrap().message.contains("另有 11 条"));
        let mut with_note = vec![finding(Severity::Warning, "w"); MAX_FINDINGS_PER_FILE + 1];
        let mut note = with_note[0].clone();
        note.code = OMITTED.id.to_string();
        note.severity = Severity::Info;
        with_note.insert(0, note);
        bound_report(&mut with_note);
        assert_eq!(with_note.iter().filter(|f| f.code == OMITTED.id).count(), 2);
    }
}
