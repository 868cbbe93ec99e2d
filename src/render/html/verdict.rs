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

/// A short mark beside a grade, its explanation on hover.
pub(super) fn mark(h: &mut String, m: &Mark) -> fmt::Result {
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
