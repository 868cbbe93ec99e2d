//! The explained verdict as HTML: the grade line, notes (caps, next grade, waivers,
//! checks that did not run), what each code cost, and the marks of a summary row.
//! The words come from [`Explanation`]; this file only chooses the elements.

use std::fmt::{self, Write};

use super::{escape, grade_class};
use crate::grade::explain::{
    Deduction, Explanation, Headline, Mark, MarkKind, Note, NoteKind, PER_RULE_LIMIT, Part,
};

/// The verdict block of one report's section.
pub(super) fn verdict(h: &mut String, x: &Explanation) -> fmt::Result {
    headline(h, &x.headline)?;
    h.push_str("<ul class=\"explain\">");
    for n in &x.notes {
        note(h, n)?;
    }
    h.push_str("</ul>\n");
    if !x.deductions.is_empty() {
        costs(h, x)?;
    }
    h.push_str("</div>\n");
    Ok(())
}

/// The grade cell of a summary row: badge, waivers, marks.
pub(super) fn grade_cell(h: &mut String, x: &Explanation) -> fmt::Result {
    let hl = &x.headline;
    write!(
        h,
        "<td class=\"grade\"><span class=\"badge {}\" title=\"{}\">{}</span>",
        grade_class(Some(hl.grade)),
        hl.meaning,
        hl.grade
    )?;
    if !hl.waivers.is_empty() {
        write!(h, " <small class=\"muted\">{}</small>", escape(&hl.waivers))?;
    }
    for m in &x.marks {
        mark(h, m)?;
    }
    h.push_str("</td>");
    Ok(())
}

/// A short mark beside a grade, its explanation on hover.
fn mark(h: &mut String, m: &Mark) -> fmt::Result {
    let class = match m.kind {
        MarkKind::Capped => "muted",
        MarkKind::Incomplete => "warn",
    };
    write!(
        h,
        " <small class=\"{class}\" title=\"{}\">{}</small>",
        escape(&m.title),
        escape(&m.label)
    )
}

fn headline(h: &mut String, hl: &Headline) -> fmt::Result {
    write!(
        h,
        "<div class=\"verdict\"><p class=\"label\"><strong class=\"{}\">{} {}</strong>",
        grade_class(Some(hl.grade)),
        hl.grade,
        hl.meaning
    )?;
    if !hl.waivers.is_empty() {
        write!(h, " <span class=\"muted\">{}</span>", escape(&hl.waivers))?;
    }
    write!(h, " · {}", escape(&hl.score_text))?;
    if let Some(capped) = &hl.capped {
        h.push_str(&escape(capped));
    }
    h.push_str("</p>\n");
    Ok(())
}

fn note(h: &mut String, n: &Note) -> fmt::Result {
    let class = match n.kind {
        NoteKind::Costs => "costs",
        NoteKind::Cap => "cap",
        NoteKind::Next => "next",
        NoteKind::Waived => "waived",
        NoteKind::Incomplete => "incomplete",
    };
    write!(
        h,
        "<li class=\"{class}\"><span class=\"tag\">{}</span> ",
        escape(&n.tag)
    )?;
    for p in &n.text {
        part(h, p)?;
    }
    h.push_str("</li>");
    Ok(())
}

fn part(h: &mut String, p: &Part) -> fmt::Result {
    match p {
        Part::Text(t) => h.push_str(&escape(t)),
        Part::Code { code, title: None } => write!(h, "<code>{}</code>", escape(code))?,
        Part::Code {
            code,
            title: Some(title),
        } => write!(
            h,
            "<code title=\"{}\">{}</code>",
            escape(title),
            escape(code)
        )?,
    }
    Ok(())
}

/// The table of what each code cost, with the total.
fn costs(h: &mut String, x: &Explanation) -> fmt::Result {
    h.push_str(
        "<table class=\"grid costs\"><thead><tr><th>代码</th><th>问题</th><th class=\"n\">条数</th>\
         <th class=\"n\">扣分</th></tr></thead><tbody>",
    );
    for d in &x.deductions {
        deduction(h, d)?;
    }
    writeln!(
        h,
        "</tbody><tfoot><tr><td colspan=\"3\">合计（满分 100）</td><td class=\"n\">{}</td></tr></tfoot></table>",
        escape(&x.total)
    )
}

fn deduction(h: &mut String, d: &Deduction) -> fmt::Result {
    write!(
        h,
        "<tr data-code=\"{code}\"{zero}><td><code>{code}</code></td><td>{}</td><td class=\"n\">{}</td>\
         <td class=\"n\">{}",
        escape(&d.title),
        d.findings,
        escape(&d.points),
        code = escape(&d.code),
        zero = if d.lost { "" } else { " class=\"zero\"" },
    )?;
    if let Some(limited) = &d.limited {
        write!(
            h,
            " <small class=\"muted\" title=\"{PER_RULE_LIMIT}\">{}</small>",
            escape(limited)
        )?;
    }
    h.push_str("</td></tr>");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::{CapApplied, Cost, Grade, NextGrade, Verdict, WithoutWaivers};

    fn cost(code: &str, title: &str, findings: usize, raw: f64, points: f64) -> Cost {
        Cost {
            code: code.into(),
            title: title.into(),
            findings,
            raw,
            points,
            capped: raw > points,
        }
    }

    /// Capped from B to C, a per-rule limit, a code that cost nothing, a waiver,
    /// a check that did not run, and text that needs escaping.
    fn explained() -> Explanation {
        Explanation::of(&Verdict {
            grade: Grade::C,
            score: 68.0,
            score_grade: Grade::B,
            costs: vec![
                cost("X-2", "二<", 5, 40.0, 24.0),
                cost("dabiao::parse::json", "文件语法错误", 1, 8.0, 8.0),
                cost("Z-1", "零", 2, 0.0, 0.0),
            ],
            caps: vec![CapApplied {
                grade: Grade::C,
                code: "dabiao::parse::json".into(),
                reason: "无法解析 & 读取".into(),
            }],
            next: Some(NextGrade {
                grade: Grade::B,
                fix: vec!["dabiao::parse::json".into()],
                findings: 1,
            }),
            incomplete: 1,
            without_waivers: Some(WithoutWaivers {
                waived: 2,
                grade: Grade::C,
                score: 80.0,
            }),
            unread: false,
        })
    }

    #[test]
    fn the_verdict_block() {
        let mut h = String::new();
        verdict(&mut h, &explained()).unwrap();
        let expected = [
            "<div class=\"verdict\"><p class=\"label\"><strong class=\"grade-c\">C 退回重报</strong> \
             <span class=\"muted\">（2 项豁免）</span> · 得分 68（按得分为 B，因下列问题封顶为 C）</p>\n",
            "<ul class=\"explain\">\
             <li class=\"cap\"><span class=\"tag\">封顶 C</span> <code>dabiao::parse::json</code> 无法解析 &amp; 读取</li>\
             <li class=\"next\"><span class=\"tag\">升到 B</span> 修正 <code title=\"文件语法错误\">dabiao::parse::json</code>\
             （共 1 条问题）即可达到 B（修改后发布）</li>\
             <li class=\"waived\"><span class=\"tag\">豁免</span> 2 条问题已豁免、不计入等级；不计豁免时为 C 级、80 分</li>\
             <li class=\"incomplete\"><span class=\"tag\">不完整</span> 有 1 项检查未能运行，等级可能偏高</li></ul>\n",
            "<table class=\"grid costs\"><thead><tr><th>代码</th><th>问题</th><th class=\"n\">条数</th>\
             <th class=\"n\">扣分</th></tr></thead><tbody>",
            "<tr data-code=\"X-2\"><td><code>X-2</code></td><td>二&lt;</td><td class=\"n\">5</td><td class=\"n\">−24 \
             <small class=\"muted\" title=\"每条规则的扣分有上限\">（已封顶，原 −40）</small></td></tr>",
            "<tr data-code=\"dabiao::parse::json\"><td><code>dabiao::parse::json</code></td><td>文件语法错误</td>\
             <td class=\"n\">1</td><td class=\"n\">−8</td></tr>",
            "<tr data-code=\"Z-1\" class=\"zero\"><td><code>Z-1</code></td><td>零</td><td class=\"n\">2</td>\
             <td class=\"n\">0</td></tr>",
            "</tbody><tfoot><tr><td colspan=\"3\">合计（满分 100）</td><td class=\"n\">−32</td></tr></tfoot></table>\n",
            "</div>\n",
        ]
        .concat();
        assert_eq!(h, expected);
    }

    #[test]
    fn the_grade_cell_of_a_summary_row() {
        let mut h = String::new();
        grade_cell(&mut h, &explained()).unwrap();
        assert_eq!(
            h,
            "<td class=\"grade\"><span class=\"badge grade-c\" title=\"退回重报\">C</span> \
             <small class=\"muted\">（2 项豁免）</small> \
             <small class=\"muted\" title=\"按得分为 B，因严重问题封顶为 C\">封顶</small> \
             <small class=\"warn\" title=\"有 1 项检查未能运行，等级可能偏高\">不完整</small></td>"
        );
    }
}
