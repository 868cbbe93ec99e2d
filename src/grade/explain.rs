//! The explanation of a grade, built once from a [`Verdict`]: headline, what each code
//! cost, caps, waivers, the fewest fixes for the next grade. All its wording is here;
//! printers only lay it out (terminal lines, HTML elements).

use super::{Cost, Grade, NextGrade, UNREAD_REASON, Verdict};
use crate::base::number::fmt_num;

/// Why a deduction shows less than its findings cost.
pub const PER_RULE_LIMIT: &str = "每条规则的扣分有上限";

/// How many of the costliest codes the brief form names.
const BRIEF_COSTS: usize = 3;

/// A verdict explained: every sentence a printer shows about one report's grade.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub headline: Headline,
    /// The short form, one note a line (the terminal): what cost most, the cap that
    /// held the grade, the next grade's fixes, checks that did not run.
    pub brief: Vec<Note>,
    /// The full list (the HTML page): every cap, the next grade's fixes, waivers,
    /// checks that did not run.
    pub notes: Vec<Note>,
    /// Short marks beside the grade in a table of many reports.
    pub marks: Vec<Mark>,
    /// What each code cost, costliest first (the verdict's order).
    pub deductions: Vec<Deduction>,
    /// All deductions together: "−56".
    pub total: String,
}

/// The grade and score in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub grade: Grade,
    /// "可直接发布" …
    pub meaning: &'static str,
    /// What the grade label adds after the grade when waivers were used:
    /// "（1 项豁免）", "；不计豁免为 C（26 项豁免）", or empty.
    pub waivers: String,
    /// The score as a reviewer writes it: "41", "92.5".
    pub score: String,
    /// Grade, score and meaning on one line: "C 41 分 退回重报".
    pub line: String,
    /// The score after the grade: "得分 41".
    pub score_text: String,
    /// When a cap held the grade below the score's: "（按得分为 A，因下列问题封顶为 C）".
    pub capped: Option<String>,
}

/// One line of explanation: a short tag ("升到 B") and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    pub tag: String,
    pub text: Vec<Part>,
}

/// What a note is about (printers may style each kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// The costliest codes.
    Costs,
    /// A cap on the grade.
    Cap,
    /// The fewest fixes that raise the grade.
    Next,
    /// Findings excused by waivers.
    Waived,
    /// Checks that could not run.
    Incomplete,
}

/// A piece of a note's text: words, or a code a printer may set apart.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    /// A rule or schema code; `title` is what it checks, when shown on demand.
    Code {
        code: String,
        title: Option<String>,
    },
}

/// A short mark with a longer explanation on demand ("封顶", hover: "按得分为 A …").
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    pub label: String,
    pub title: String,
}

/// What a mark warns of (printers may style each kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A cap held the grade below the score's.
    Capped,
    /// Some checks could not run.
    Incomplete,
}

/// What one code cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Deduction {
    pub code: String,
    pub title: String,
    pub findings: usize,
    /// "−24", or "0" for a code that cost nothing.
    pub points: String,
    /// Whether the code cost any points.
    pub lost: bool,
    /// When the per-rule limit cut the cost: "（已封顶，原 −40）" (see [`PER_RULE_LIMIT`]).
    pub limited: Option<String>,
}

impl Part {
    /// The part as plain text (a code as itself).
    pub fn plain(&self) -> &str {
        match self {
            Part::Text(t) => t,
            Part::Code { code, .. } => code,
        }
    }
}

impl Note {
    /// The note's text without markup.
    pub fn plain_text(&self) -> String {
        self.text.iter().map(Part::plain).collect()
    }
}

impl Explanation {
    /// Explains a verdict: every sentence and item, computed once.
    pub fn of(v: &Verdict) -> Explanation {
        let lost: f64 = v.costs.iter().map(|c| c.points).sum();
        Explanation {
            headline: headline(v),
            brief: brief(v),
            notes: notes(v),
            marks: marks(v),
            deductions: v.costs.iter().map(deduction).collect(),
            total: format!("−{}", fmt_num(lost)),
        }
    }
}

fn text(s: impl Into<String>) -> Part {
    Part::Text(s.into())
}

fn code(code: &str) -> Part {
    Part::Code {
        code: code.to_string(),
        title: None,
    }
}

fn headline(v: &Verdict) -> Headline {
    let label = v.grade_label();
    let score = v.score_label();
    let (line, score_text) = if v.unread {
        (
            format!("{label} {score} {}", v.grade.meaning()),
            format!("{score}（文件无法读取）"),
        )
    } else {
        (
            format!("{label} {score} 分 {}", v.grade.meaning()),
            format!("得分 {score}"),
        )
    };
    Headline {
        grade: v.grade,
        meaning: v.grade.meaning(),
        line,
        score_text,
        capped: (!v.unread && v.score_grade != v.grade).then(|| {
            format!(
                "（按得分为 {}，因下列问题封顶为 {}）",
                v.score_grade, v.grade
            )
        }),
        waivers: v.waiver_label(),
        score,
    }
}

/// The one note for a file that could not be read: no costs, no next grade.
fn unread_note(v: &Verdict) -> Note {
    let code_of = v.caps.first().map(|c| c.code.as_str()).unwrap_or("");
    Note {
        kind: NoteKind::Cap,
        tag: "无法读取".into(),
        text: vec![
            text("内容未能核对，不评分；按上面的提示处理（"),
            code(code_of),
            text("）后重新检查才能评级"),
        ],
    }
}

/// The short form: the three costliest codes, the cap that held the grade, the
/// next grade, checks that did not run.
fn brief(v: &Verdict) -> Vec<Note> {
    if v.unread {
        return vec![unread_note(v)];
    }
    let mut out: Vec<Note> = costliest(v).into_iter().collect();
    // Only a cap that set the grade: one as bad as the grade, worse than the score's.
    for cap in &v.caps {
        if cap.grade >= v.score_grade && cap.grade == v.grade && v.grade != v.score_grade {
            out.push(Note {
                kind: NoteKind::Cap,
                tag: format!("等级封顶 {}", cap.grade),
                text: vec![
                    text(format!("{}（", cap.reason)),
                    code(&cap.code),
                    text("）"),
                ],
            });
        }
    }
    if let Some(n) = &v.next {
        out.push(next_note(n, code, format!("（共 {} 处）", n.findings)));
    }
    if v.incomplete > 0 {
        out.push(Note {
            kind: NoteKind::Incomplete,
            tag: "注意".into(),
            text: vec![text(format!(
                "有 {} 项检查未能执行，等级可能偏高",
                v.incomplete
            ))],
        });
    }
    out
}

/// "扣分最多：CMP-003 … ×4（-24）；…" for the codes that cost most, if any cost.
fn costliest(v: &Verdict) -> Option<Note> {
    let mut top = Vec::new();
    for c in v.costs.iter().filter(|c| c.points > 0.0).take(BRIEF_COSTS) {
        if !top.is_empty() {
            top.push(text("；"));
        }
        let times = if c.findings > 1 {
            format!(" ×{}", c.findings)
        } else {
            String::new()
        };
        top.push(code(&c.code));
        top.push(text(format!(
            " {}{times}（-{}）",
            c.title,
            fmt_num(c.points)
        )));
    }
    (!top.is_empty()).then(|| Note {
        kind: NoteKind::Costs,
        tag: "扣分最多".into(),
        text: top,
    })
}

/// "升到 B：修正 X、Y{tail}", each code as `part` makes it.
fn next_note(n: &NextGrade, part: impl Fn(&str) -> Part, tail: String) -> Note {
    let mut parts = vec![text("修正 ")];
    parts.extend(codes(&n.fix, part));
    parts.push(Part::Text(tail));
    Note {
        kind: NoteKind::Next,
        tag: format!("升到 {}", n.grade),
        text: parts,
    }
}

/// The full list: every cap, the next grade, waivers, checks that did not run.
fn notes(v: &Verdict) -> Vec<Note> {
    if v.unread {
        return vec![unread_note(v)];
    }
    let mut out: Vec<Note> = v
        .caps
        .iter()
        .map(|cap| Note {
            kind: NoteKind::Cap,
            tag: format!("封顶 {}", cap.grade),
            text: vec![code(&cap.code), text(format!(" {}", cap.reason))],
        })
        .collect();
    if let Some(n) = &v.next {
        let titled = |c: &str| Part::Code {
            code: c.to_string(),
            title: Some(title_of(v, c).to_string()),
        };
        let tail = format!(
            "（共 {} 条问题）即可达到 {}（{}）",
            n.findings,
            n.grade,
            n.grade.meaning()
        );
        out.push(next_note(n, titled, tail));
    }
    if let Some(w) = &v.without_waivers {
        out.push(Note {
            kind: NoteKind::Waived,
            tag: "豁免".into(),
            text: vec![text(format!(
                "{} 条问题已豁免、不计入等级；不计豁免时为 {} 级、{} 分",
                w.waived,
                w.grade,
                fmt_num(w.score)
            ))],
        });
    }
    if v.incomplete > 0 {
        out.push(Note {
            kind: NoteKind::Incomplete,
            tag: "不完整".into(),
            text: vec![text(incomplete_run(v.incomplete))],
        });
    }
    out
}

/// The page's sentence for checks that did not run (its note and its mark).
fn incomplete_run(n: usize) -> String {
    format!("有 {n} 项检查未能运行，等级可能偏高")
}

/// Codes separated by "、".
fn codes(list: &[String], part: impl Fn(&str) -> Part) -> Vec<Part> {
    let mut out = Vec::new();
    for (i, c) in list.iter().enumerate() {
        if i > 0 {
            out.push(text("、"));
        }
        out.push(part(c));
    }
    out
}

/// What a code checks, from the verdict's costs ("" when it cost nothing).
fn title_of<'a>(v: &'a Verdict, code: &str) -> &'a str {
    v.costs
        .iter()
        .find(|x| x.code == code)
        .map(|x| x.title.as_str())
        .unwrap_or("")
}

fn marks(v: &Verdict) -> Vec<Mark> {
    let mut out = Vec::new();
    if v.unread {
        out.push(Mark {
            kind: MarkKind::Capped,
            label: "无法读取".into(),
            title: UNREAD_REASON.into(),
        });
    } else if v.score_grade != v.grade {
        out.push(Mark {
            kind: MarkKind::Capped,
            label: "封顶".into(),
            title: format!("按得分为 {}，因严重问题封顶为 {}", v.score_grade, v.grade),
        });
    }
    if v.incomplete > 0 {
        out.push(Mark {
            kind: MarkKind::Incomplete,
            label: "不完整".into(),
            title: incomplete_run(v.incomplete),
        });
    }
    out
}

fn deduction(c: &Cost) -> Deduction {
    let lost = c.points > 0.0;
    Deduction {
        code: c.code.clone(),
        title: c.title.clone(),
        findings: c.findings,
        points: if lost {
            format!("−{}", fmt_num(c.points))
        } else {
            "0".to_string()
        },
        lost,
        limited: c
            .capped
            .then(|| format!("（已封顶，原 −{}）", fmt_num(c.raw))),
    }
}

#[cfg(test)]
mod tests;
