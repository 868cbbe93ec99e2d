//! One report's section of the HTML report: its header (grade, entity, file, meta),
//! the explained verdict, and each finding with its excerpt, help and waiver.

use std::collections::HashMap;
use std::fmt::{self, Write};

use super::{escape, grade_class, verdict};
use crate::base::vocab::level_name;
use crate::grade::explain::Explanation;
use crate::record::{FindingRecord, ReportRecord};
use crate::render::Run;

pub(super) fn reports(
    h: &mut String,
    run: &Run<'_>,
    explained: &[Option<Explanation>],
) -> fmt::Result {
    h.push_str("<section id=\"reports\"><h2>各报告详情</h2>\n<div id=\"report-list\">\n");
    for (i, (r, x)) in run.records.iter().zip(explained).enumerate() {
        report(h, i + 1, r, x.as_ref())?;
    }
    h.push_str("</div></section>\n");
    Ok(())
}

fn report(h: &mut String, index: usize, r: &ReportRecord, x: Option<&Explanation>) -> fmt::Result {
    let grade = r.verdict.as_ref().map(|v| v.grade);
    let cls = grade_class(grade);
    write!(
        h,
        "<article class=\"report {cls}\" id=\"report-{index}\" data-index=\"{index}\" data-file=\"{}\" \
         data-grade=\"{}\">\n<header class=\"rhead\">",
        escape(&r.file),
        grade.map(|g| g.to_string()).unwrap_or_default()
    )?;
    write!(
        h,
        "<span class=\"badge big {cls}\">{}</span><div class=\"who\"><h3>{}</h3>\
         <p class=\"path\"><code>{}</code></p><p class=\"meta\">",
        grade.map_or_else(|| "—".to_string(), |g| g.to_string()),
        match &r.entity {
            Some(e) => escape(e),
            None => "<span class=\"muted\">（未填写单位）</span>".to_string(),
        },
        escape(&r.file)
    )?;
    h.push_str(&meta(r).join(" · "));
    h.push_str("</p></div>");
    if let Some(x) = x {
        // A file that could not be read has no score out of 100: "未评分" alone.
        let out_of = if r.verdict.as_ref().is_some_and(|v| v.unread) {
            ""
        } else {
            "<span>/ 100 分</span>"
        };
        write!(
            h,
            "<div class=\"score\"><b>{}</b>{out_of}</div>",
            escape(&x.headline.score)
        )?;
    }
    h.push_str(
        "<a class=\"back\" href=\"#summary-section\" data-top=\"1\">↑ 返回一览</a></header>\n",
    );
    match x {
        Some(x) => verdict::verdict(h, x)?,
        None => h.push_str("<p class=\"verdict-none\">未评级。</p>"),
    }
    if let Some(i) = &r.import {
        let lines: Vec<String> = i.text().lines().map(escape).collect();
        write!(h, "<p class=\"import muted\">{}</p>", lines.join("<br>"))?;
    }
    findings(h, r)?;
    h.push_str("</article>\n");
    Ok(())
}

/// The report's code, level, stages, year, format and encoding, each escaped.
fn meta(r: &ReportRecord) -> Vec<String> {
    let mut meta: Vec<String> = Vec::new();
    if let Some(c) = &r.code {
        meta.push(format!("代码 {}", escape(c)));
    }
    if let Some(l) = &r.level {
        meta.push(escape(level_name(l)));
    }
    if !r.stages.is_empty() {
        meta.push(escape(&r.stages_text()));
    }
    if let Some(y) = r.year {
        meta.push(format!("{y} 年度"));
    }
    if let Some(f) = r.format {
        meta.push(format!("{f:?}").to_uppercase());
    }
    if let Some(e) = r.encoding {
        meta.push(escape(e));
    }
    meta
}

fn findings(h: &mut String, r: &ReportRecord) -> fmt::Result {
    if r.findings.is_empty() {
        h.push_str("<p class=\"clean\">没有发现问题。</p>\n");
        return Ok(());
    }
    write!(
        h,
        "<details class=\"findings\" open><summary>问题 {} 条（错误 {} · 警告 {} · 提示 {}）</summary>\n<ol class=\"finding-list\">",
        r.findings.len(),
        r.errors,
        r.warnings,
        r.infos
    )?;
    // Help repeated for the same code is folded, so that 40 blank cells of one
    // table don't repeat the same paragraph 40 times.
    let mut last_help: HashMap<&str, &str> = HashMap::new();
    // Errors first, then warnings, then notes; in source order within each.
    let mut ordered: Vec<&FindingRecord> = r.findings.iter().collect();
    ordered.sort_by_key(|f| f.severity);
    for f in ordered {
        let repeated = match (&f.help, last_help.get(f.code.as_str())) {
            (Some(help), Some(prev)) => help == prev,
            _ => false,
        };
        if let Some(help) = &f.help {
            last_help.insert(&f.code, help);
        }
        finding(h, f, repeated)?;
    }
    h.push_str("</ol></details>\n");
    Ok(())
}

fn finding(h: &mut String, f: &FindingRecord, repeated_help: bool) -> fmt::Result {
    let sev = f.severity.as_str();
    write!(
        h,
        "<li class=\"finding sev-{sev}{}\" data-code=\"{}\" data-severity=\"{sev}\">\
         <div class=\"fhead\"><span class=\"sev sev-{sev}\">{}</span> <code class=\"code\">{}</code>",
        if f.counted { "" } else { " waived" },
        escape(&f.code),
        f.severity.chinese(),
        escape(&f.code)
    )?;
    location(h, f)?;
    write!(h, "</div><p class=\"msg\">{}</p>", escape(&f.message))?;
    if let Some(ex) = &f.excerpt {
        h.push_str("<pre class=\"excerpt\">");
        if let Some(line) = f.line {
            write!(h, "<span class=\"ln\">{line}</span>")?;
        }
        h.push_str(&marked_excerpt(ex, f));
        h.push_str("</pre>");
    }
    help(h, f, repeated_help)?;
    if let Some(c) = &f.caused_by {
        write!(
            h,
            "<p class=\"cause\"><span class=\"tag\">起因</span> 由 <code>{}</code> {} 引起，改正它后随之消失</p>",
            escape(&c.code),
            escape(c.pointer.as_deref().unwrap_or_default())
        )?;
    }
    if let Some(w) = &f.waiver {
        write!(
            h,
            "<p class=\"waiver\"><span class=\"tag\">已豁免</span> 不计入等级：{}</p>",
            escape(w)
        )?;
    }
    h.push_str("</li>\n");
    Ok(())
}

/// file:line:col, and the JSON pointer when there is one.
fn location(h: &mut String, f: &FindingRecord) -> fmt::Result {
    write!(h, " <span class=\"loc\">{}</span>", escape(&f.at()))?;
    if let Some(p) = &f.pointer
        && !p.is_empty()
    {
        write!(
            h,
            " <span class=\"ptr\" title=\"JSON 指针\">{}</span>",
            escape(p)
        )?;
    }
    Ok(())
}

/// The finding's help, folded when the same code just said the same.
fn help(h: &mut String, f: &FindingRecord, repeated: bool) -> fmt::Result {
    let Some(help) = &f.help else {
        return Ok(());
    };
    if repeated {
        write!(
            h,
            "<details class=\"help\"><summary>修改建议（同上）</summary><p>{}</p></details>",
            escape(help)
        )
    } else {
        write!(
            h,
            "<p class=\"help\"><span class=\"tag\">修改建议</span> {}</p>",
            escape(help)
        )
    }
}

/// The excerpt with the finding's span (character columns, 1-based) in `<mark>`.
fn marked_excerpt(excerpt: &str, f: &FindingRecord) -> String {
    let chars: Vec<char> = excerpt.chars().collect();
    // A spreadsheet's column is a cell's, not a character's: the row is shown unmarked.
    if f.cell.is_some() {
        return escape(excerpt);
    }
    let Some(col) = f.column.filter(|c| *c >= 1 && *c <= chars.len()) else {
        return escape(excerpt);
    };
    let start = col - 1;
    let end = match (f.end_line, f.end_column) {
        (Some(el), Some(ec)) if Some(el) == f.line => ec.saturating_sub(1),
        _ => chars.len(),
    };
    let end = end.clamp(start + 1, chars.len());
    let part = |a: usize, b: usize| escape(&chars[a..b].iter().collect::<String>());
    format!(
        "{}<mark>{}</mark>{}",
        part(0, start),
        part(start, end),
        part(end, chars.len())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Severity};

    fn record(
        line: Option<usize>,
        col: Option<usize>,
        end: Option<(usize, usize)>,
    ) -> FindingRecord {
        FindingRecord {
            file: "f.yaml".into(),
            category: Category::Schema,
            line,
            column: col,
            end_line: end.map(|e| e.0),
            end_column: end.map(|e| e.1),
            ..FindingRecord::sample("X", None, Severity::Error)
        }
    }

    #[test]
    fn marks_the_span_by_characters() {
        let f = record(Some(2), Some(5), Some((2, 7)));
        assert_eq!(
            marked_excerpt("公司: 甲乙<", &f),
            "公司: <mark>甲乙</mark>&lt;"
        );
        // A span running past the line marks to its end; an empty span marks one character.
        let f = record(Some(2), Some(5), Some((3, 1)));
        assert_eq!(marked_excerpt("公司: 甲乙", &f), "公司: <mark>甲乙</mark>");
        let f = record(Some(2), Some(1), Some((2, 1)));
        assert_eq!(marked_excerpt("ab", &f), "<mark>a</mark>b");
        // No column, or one past the line: no mark.
        assert_eq!(
            marked_excerpt("<a>", &record(None, None, None)),
            "&lt;a&gt;"
        );
        assert_eq!(marked_excerpt("ab", &record(Some(1), Some(9), None)), "ab");
    }
}
