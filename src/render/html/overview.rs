//! The top of the HTML report: count cards, the grade distribution, what the grades
//! were computed with, and the most frequent problems across all reports.

use std::fmt::{self, Write};

use super::{escape, grade_class, percent};
use crate::grade::Grade;
use crate::render::Run;

/// How many of the most frequent codes are shown before "其余 …".
const FREQUENT_SHOWN: usize = 10;

pub(super) fn overview(h: &mut String, run: &Run<'_>) -> fmt::Result {
    let t = &run.totals;
    h.push_str("<section class=\"overview\" id=\"overview\">\n<div class=\"cards\">");
    write!(
        h,
        "<div class=\"card\"><span class=\"num\">{}</span><span class=\"lbl\">份报告</span></div>\
         <div class=\"card sev-error\"><span class=\"num\">{}</span><span class=\"lbl\">条错误</span>\
         <span class=\"note\">{} 份报告有错误</span></div>\
         <div class=\"card sev-warning\"><span class=\"num\">{}</span><span class=\"lbl\">条警告</span></div>\
         <div class=\"card sev-info\"><span class=\"num\">{}</span><span class=\"lbl\">条提示</span></div>",
        t.files, t.errors, t.files_with_errors, t.warnings, t.infos
    )?;
    h.push_str("</div>\n<div class=\"panels\">\n");
    grades(h, run)?;
    provenance(h, run)?;
    h.push_str("</div>\n</section>\n");
    Ok(())
}

/// Grade distribution: one bar per grade, each a link that filters the table.
fn grades(h: &mut String, run: &Run<'_>) -> fmt::Result {
    let t = &run.totals;
    let graded = t.grade_a + t.grade_b + t.grade_c;
    h.push_str("<div class=\"panel\" id=\"grades\"><h2>等级分布</h2>\n<ul class=\"dist\">");
    for (g, n) in [
        (Grade::A, t.grade_a),
        (Grade::B, t.grade_b),
        (Grade::C, t.grade_c),
    ] {
        let pct = percent(n, graded);
        write!(
            h,
            "<li data-grade=\"{g}\" data-count=\"{n}\"><a href=\"#grade={g}\" data-set=\"grade={g}\" \
             title=\"只看 {g} 级报告\"><span class=\"badge {cls}\">{g}</span>\
             <span class=\"meaning\">{meaning}</span>\
             <span class=\"track\"><span class=\"fill {cls}\" style=\"width:{pct}%\"></span></span>\
             <span class=\"count\"><b>{n}</b> 份 <small>{pct}%</small></span></a></li>",
            cls = grade_class(Some(g)),
            meaning = g.meaning(),
        )?;
    }
    h.push_str("</ul>");
    if graded < t.files {
        write!(
            h,
            "<p class=\"note\">另有 {} 份报告未评级。</p>",
            t.files - graded
        )?;
    }
    h.push_str("</div>\n");
    Ok(())
}

/// The program, rule pack, thresholds and schema the grades were computed with.
fn provenance(h: &mut String, run: &Run<'_>) -> fmt::Result {
    let p = run.provenance;
    writeln!(
        h,
        "<div class=\"panel\" id=\"provenance\"><h2>评级依据</h2><dl class=\"prov\">\
         <dt>程序</dt><dd>dabiao {}</dd>\
         <dt>规则包</dt><dd><code>{}</code> <small>{}</small></dd>\
         <dt>阈值</dt><dd><code>{}</code></dd>\
         <dt>数据集规范</dt><dd><code>{}</code></dd>\
         </dl><p class=\"note\">同一程序版本与相同摘要的规则包、阈值和规范，对同一文件给出相同的等级。</p></div>",
        escape(p.dabiao),
        escape(&p.rules),
        escape(p.pack_label()),
        escape(&p.thresholds),
        escape(&p.schema)
    )
}

pub(super) fn frequent(h: &mut String, run: &Run<'_>) -> fmt::Result {
    let rows = run.frequent_findings();
    h.push_str("<section id=\"frequent-section\"><h2>最常见的问题</h2>\n");
    if rows.is_empty() {
        h.push_str("<p class=\"empty\">没有发现错误或警告。</p></section>\n");
        return Ok(());
    }
    h.push_str(
        "<table id=\"frequent\" class=\"grid frequent\"><thead><tr><th>代码</th><th>问题</th>\
         <th class=\"n\">涉及报告</th><th class=\"n\">问题条数</th></tr></thead>\n<tbody>",
    );
    let files = run.totals.files;
    for (i, (code, title, reports, count)) in rows.iter().enumerate() {
        if i == FREQUENT_SHOWN {
            write!(
                h,
                "</tbody>\n<tbody class=\"more\" id=\"frequent-more\" hidden>"
            )?;
        }
        let pct = percent(*reports, files);
        write!(
            h,
            "<tr data-code=\"{c}\"><td><a class=\"code\" href=\"#code={c}\" data-set=\"code={c}\" \
             title=\"只看有这个问题的报告\">{c}</a></td><td>{t}</td>\
             <td class=\"n\"><span class=\"minibar\"><span style=\"width:{pct}%\"></span></span>{reports} 份</td>\
             <td class=\"n\">{count}</td></tr>",
            c = escape(code),
            t = escape(title),
        )?;
    }
    h.push_str("</tbody></table>\n");
    if rows.len() > FREQUENT_SHOWN {
        writeln!(
            h,
            "<button type=\"button\" class=\"link\" id=\"frequent-toggle\" data-more=\"其余 {} 种问题\" \
             data-less=\"收起\">其余 {} 种问题</button>",
            rows.len() - FREQUENT_SHOWN,
            rows.len() - FREQUENT_SHOWN
        )?;
    }
    h.push_str("</section>\n");
    Ok(())
}
