//! The HTML report's summary table: one sortable, filterable row per report, with
//! the controls above it. The script reads each row's `data-*` attributes.

use std::fmt::{self, Write};

use super::{escape, grade_class, verdict};
use crate::base::number::fmt_num;
use crate::base::vocab::level_name;
use crate::finding::Severity;
use crate::grade::explain::Explanation;
use crate::record::ReportRecord;
use crate::render::Run;

/// Columns of the summary table: (key, heading, numeric, first click sorts descending).
const COLUMNS: [(&str, &str, bool, bool); 10] = [
    ("file", "文件", false, false),
    ("entity", "单位", false, false),
    ("level", "层级", false, false),
    ("stages", "教育层次", false, false),
    ("year", "年度", true, false),
    ("grade", "等级", false, false),
    ("score", "得分", true, false),
    ("errors", "错误", true, true),
    ("warnings", "警告", true, true),
    ("infos", "提示", true, true),
];

pub(super) fn summary(
    h: &mut String,
    run: &Run<'_>,
    explained: &[Option<Explanation>],
) -> fmt::Result {
    h.push_str(
        "<section id=\"summary-section\"><h2>报告一览</h2>\n<div class=\"controls\" id=\"controls\">\
         <label>筛选 <input type=\"search\" id=\"filter-q\" placeholder=\"文件名、单位名称或代码（按 / 键）\" \
         autocomplete=\"off\"></label>\
         <label>等级 <select id=\"filter-grade\"><option value=\"\">全部</option>\
         <option value=\"A\">A 可直接发布</option><option value=\"B\">B 修改后发布</option>\
         <option value=\"C\">C 退回重报</option><option value=\"B,C\">B 和 C（需处理）</option></select></label>\
         <span class=\"chip\" id=\"filter-code\" hidden>只看含 <code></code> 的报告 \
         <button type=\"button\" title=\"清除\" aria-label=\"清除代码筛选\">×</button></span>",
    );
    writeln!(
        h,
        "<span class=\"shown\" id=\"shown\" aria-live=\"polite\">共 {} 份报告</span></div>",
        run.records.len()
    )?;
    h.push_str("<div class=\"scroll\"><table id=\"summary\" class=\"grid summary\"><thead><tr>");
    for (key, title, numeric, desc) in COLUMNS {
        write!(
            h,
            "<th data-key=\"{key}\" data-type=\"{}\" data-dir=\"{}\"{} aria-sort=\"none\">\
             <button type=\"button\" title=\"按{title}排序\">{title}<span class=\"arrow\"></span></button></th>",
            if numeric { "num" } else { "text" },
            if desc { "desc" } else { "asc" },
            if numeric { " class=\"n\"" } else { "" },
        )?;
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (i, (r, x)) in run.records.iter().zip(explained).enumerate() {
        summary_row(h, i + 1, r, x.as_ref())?;
    }
    h.push_str(
        "</tbody></table></div>\n<p class=\"empty\" id=\"summary-empty\" hidden>没有符合条件的报告。</p>\n</section>\n",
    );
    Ok(())
}

fn count_cell(n: usize, class: &str) -> String {
    if n == 0 {
        "<td class=\"n zero\">0</td>".to_string()
    } else {
        format!("<td class=\"n {class}\">{n}</td>")
    }
}

fn summary_row(
    h: &mut String,
    index: usize,
    r: &ReportRecord,
    x: Option<&Explanation>,
) -> fmt::Result {
    let grade = r.verdict.as_ref().map(|v| v.grade);
    let score = r.score().map(fmt_num).unwrap_or_default();
    row_open(h, index, r, &score)?;
    write!(
        h,
        "<td class=\"file\"><a href=\"#report-{index}\" data-jump=\"report-{index}\">{}</a></td>",
        escape(&r.file)
    )?;
    entity_cell(h, r)?;
    write!(
        h,
        "<td>{}</td><td>{}</td><td class=\"n\">{}</td>",
        escape(r.level.as_deref().map(level_name).unwrap_or("")),
        escape(&r.stages_text()),
        r.year.map(|y| y.to_string()).unwrap_or_default()
    )?;
    match x {
        Some(x) => verdict::grade_cell(h, x)?,
        None => h.push_str("<td class=\"grade\"><span class=\"badge grade-none\">—</span></td>"),
    }
    writeln!(
        h,
        "<td class=\"n score {}\">{}</td>{}{}{}</tr>",
        grade_class(grade),
        if score.is_empty() {
            // A file that could not be read has no score; say so rather than a dash.
            if r.verdict.as_ref().is_some_and(|v| v.unread) {
                "未评分"
            } else {
                "—"
            }
        } else {
            &score
        },
        count_cell(r.errors, "sev-error"),
        count_cell(r.warnings, "sev-warning"),
        count_cell(r.infos, "sev-info"),
    )
}

/// The row's opening tag, with everything the script sorts and filters by.
fn row_open(h: &mut String, index: usize, r: &ReportRecord, score: &str) -> fmt::Result {
    let mut codes: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| f.code.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    write!(
        h,
        "<tr id=\"row-{index}\" data-index=\"{index}\" data-file=\"{file}\" data-entity=\"{entity}\" \
         data-code=\"{code}\" data-level=\"{level}\" data-stages=\"{stages}\" data-year=\"{year}\" \
         data-grade=\"{grade}\" data-score=\"{score}\" data-errors=\"{e}\" data-warnings=\"{w}\" \
         data-infos=\"{i}\" data-codes=\"{codes}\">",
        file = escape(&r.file),
        entity = escape(r.entity.as_deref().unwrap_or("")),
        code = escape(r.code.as_deref().unwrap_or("")),
        level = escape(r.level.as_deref().map(level_name).unwrap_or("")),
        stages = escape(&r.stages_text()),
        year = r.year.map(|y| y.to_string()).unwrap_or_default(),
        grade = r
            .verdict
            .as_ref()
            .map(|v| v.grade.to_string())
            .unwrap_or_default(),
        e = r.errors,
        w = r.warnings,
        i = r.infos,
        codes = escape(&codes.join(" ")),
    )
}

fn entity_cell(h: &mut String, r: &ReportRecord) -> fmt::Result {
    match r.entity.as_deref().filter(|e| !e.is_empty()) {
        None => h.push_str("<td class=\"muted\">（未填写）</td>"),
        Some(entity) => {
            write!(h, "<td>{}", escape(entity))?;
            if let Some(code) = &r.code {
                write!(h, " <small class=\"muted\">{}</small>", escape(code))?;
            }
            h.push_str("</td>");
        }
    }
    Ok(())
}
