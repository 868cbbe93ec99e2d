//! The terminal table for a folder of reports: one line per report (mark, grade,
//! score, errors, warnings, file, the main reason), so thirty reports fit on a screen
//! and the failing ones can be listed last; the full diagnostics are on request.

use unicode_width::UnicodeWidthStr;

use crate::base::source::printable;
use crate::check::FileReport;
use crate::finding::{Finding, Severity};
use crate::grade::Verdict;

/// One report's line, and whether it fails (listed last, named in the summary).
pub struct Row {
    pub failed: bool,
    pub line: String,
}

/// The table's heading line, aligned with [`row`].
pub fn heading() -> String {
    format!(
        "  {}{}{}{} 文件 · 主要原因",
        pad("等级", GRADE),
        pad_left("得分", SCORE),
        pad_left("错误", COUNT),
        pad_left("警告", COUNT)
    )
}

const GRADE: usize = 14;
const SCORE: usize = 6;
const COUNT: usize = 6;
/// Fewer columns than this left for the reason beside the file: it goes under it.
const MIN_REASON: usize = 36;

/// One report as a table line at most `width` columns wide; `mark` is its ✓/✗
/// (already coloured), `failed` whether the run's policy fails it.
pub fn row(report: &FileReport, mark: &str, failed: bool, width: usize) -> Row {
    let verdict = report.verdict.as_ref();
    let grade = verdict.map_or_else(
        || if failed { "未通过" } else { "通过" }.to_string(),
        Verdict::grade_label,
    );
    let score = verdict.map(Verdict::score_label).unwrap_or_default();
    let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
    let mut file = printable(&report.input.display).into_owned();
    if let Some(entity) = report.entity() {
        file.push_str(&format!("（{}）", cut(&printable(entity), 40)));
    }
    let head = format!(
        "{mark} {}{}{}{} {file}",
        pad(&grade, GRADE),
        pad_left(&score, SCORE),
        pad_left(&count(Severity::Error).to_string(), COUNT),
        pad_left(&count(Severity::Warning).to_string(), COUNT),
    );
    let reason = main_reason(report).map(|r| printable(&r).into_owned());
    // The reason beside the file when it fits well, else on its own line under it.
    let room = width.saturating_sub(head.width() + 3);
    let line = match reason {
        Some(r) if r.width() <= room || room >= MIN_REASON => format!("{head} · {}", cut(&r, room)),
        Some(r) => format!(
            "{head}\n    └ {}",
            cut(&r, width.saturating_sub(6).max(MIN_REASON))
        ),
        None => head,
    };
    Row { failed, line }
}

/// Why the report has its grade, in a few words: the finding behind a cap at the
/// grade (a missing table, a blank template, an unreadable file), else the most
/// severe counted finding (first in the file).
pub fn main_reason(report: &FileReport) -> Option<String> {
    let counted = || report.findings.iter().filter(|f| f.waiver.is_none());
    let capping = report.verdict.as_ref().and_then(|v| {
        v.caps
            .iter()
            .filter(|c| c.grade == v.grade)
            .find_map(|c| counted().find(|f| f.code == c.code))
    });
    let worst = || {
        counted()
            .filter(|f| f.severity != Severity::Info)
            .min_by_key(|f| f.severity)
    };
    let f: &Finding = capping.or_else(worst)?;
    Some(format!("{} {}", f.code, f.message))
}

/// `s` cut to `cols` display columns, with "…" when something was cut.
pub fn cut(s: &str, cols: usize) -> String {
    if s.width() <= cols {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > cols {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

fn pad(s: &str, cols: usize) -> String {
    format!("{s}{}", " ".repeat(cols.saturating_sub(s.width())))
}

fn pad_left(s: &str, cols: usize) -> String {
    format!("{}{s}", " ".repeat(cols.saturating_sub(s.width())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_counts_wide_characters_twice() {
        assert_eq!(cut("尚未填写六张表", 8), "尚未填…");
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(pad("等级", 6).width(), 6);
        assert_eq!(pad_left("41", 6), "    41");
    }
}
