//! The explained verdict in one report's section of the HTML report: the grade line,
//! caps, next grade, waivers, and what each code cost.

use std::fmt::{self, Write};

use super::{escape, grade_class};
use crate::grade::Verdict;
use crate::rules::context::fmt_num;

fn code_list(codes: &[String], v: &Verdict) -> String {
    codes
        .iter()
        .map(|c| {
            let title = v
                .costs
                .iter()
                .find(|x| &x.code == c)
                .map(|x| x.title.as_str())
                .unwrap_or("");
            format!("<code title=\"{}\">{}</code>", escape(title), escape(c))
        })
        .collect::<Vec<_>>()
        .join("、")
}

pub(super) fn verdict(h: &mut String, v: &Verdict) -> fmt::Result {
    write!(
        h,
        "<div class=\"verdict\"><p class=\"label\"><strong class=\"{}\">{} {}</strong>",
        grade_class(Some(v.grade)),
        v.grade,
        v.grade.meaning()
    )?;
    let label = v.grade_label();
    if let Some(rest) = label.strip_prefix(&v.grade.to_string())
        && !rest.is_empty()
    {
        write!(h, " <span class=\"muted\">{}</span>", escape(rest))?;
    }
    write!(h, " · 得分 {}", fmt_num(v.score))?;
    if v.score_grade != v.grade {
        write!(
            h,
            "（按得分为 {}，因下列问题封顶为 {}）",
            v.score_grade, v.grade
        )?;
    }
    h.push_str("</p>\n<ul class=\"explain\">");
    for cap in &v.caps {
        write!(
            h,
            "<li class=\"cap\"><span class=\"tag\">封顶 {}</span> <code>{}</code> {}</li>",
            cap.grade,
            escape(&cap.code),
            escape(&cap.reason)
        )?;
    }
    if let Some(next) = &v.next {
        write!(
            h,
            "<li class=\"next\"><span class=\"tag\">升到 {}</span> 修正 {}（共 {} 条问题）即可达到 {}（{}）</li>",
            next.grade,
            code_list(&next.fix, v),
            next.findings,
            next.grade,
            next.grade.meaning()
        )?;
    }
    if let Some(w) = &v.without_waivers {
        write!(
            h,
            "<li class=\"waived\"><span class=\"tag\">豁免</span> {} 条问题已豁免、不计入等级；不计豁免时为 {} 级、{} 分</li>",
            w.waived,
            w.grade,
            fmt_num(w.score)
        )?;
    }
    if v.incomplete > 0 {
        write!(
            h,
            "<li class=\"incomplete\"><span class=\"tag\">不完整</span> 有 {} 项检查未能运行，等级可能偏高</li>",
            v.incomplete
        )?;
    }
    h.push_str("</ul>\n");
    if !v.costs.is_empty() {
        h.push_str(
            "<table class=\"grid costs\"><thead><tr><th>代码</th><th>问题</th><th class=\"n\">条数</th>\
             <th class=\"n\">扣分</th></tr></thead><tbody>",
        );
        for c in &v.costs {
            write!(
                h,
                "<tr data-code=\"{code}\"{zero}><td><code>{code}</code></td><td>{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}",
                escape(&c.title),
                c.findings,
                if c.points > 0.0 {
                    format!("−{}", fmt_num(c.points))
                } else {
                    "0".to_string()
                },
                code = escape(&c.code),
                zero = if c.points > 0.0 {
                    ""
                } else {
                    " class=\"zero\""
                },
            )?;
            if c.capped {
                write!(
                    h,
                    " <small class=\"muted\" title=\"每条规则的扣分有上限\">（已封顶，原 −{}）</small>",
                    fmt_num(c.raw)
                )?;
            }
            h.push_str("</td></tr>");
        }
        let lost: f64 = v.costs.iter().map(|c| c.points).sum();
        writeln!(
            h,
            "</tbody><tfoot><tr><td colspan=\"3\">合计（满分 100）</td><td class=\"n\">−{}</td></tr></tfoot></table>",
            fmt_num(lost)
        )?;
    }
    h.push_str("</div>\n");
    Ok(())
}
