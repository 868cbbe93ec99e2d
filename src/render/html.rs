//! The HTML report: one self-contained page (inline CSS and JS, no external
//! assets) for a reviewer who grades many reports at once. Every piece of text
//! that comes from a dataset, a rule or a waiver goes through [`escape`]; the
//! script reads its data only from `data-*` attributes, never from inline JSON.
//!
//! The page keeps its view state (sort, direction, grade and text filters, the
//! report in focus) in the URL fragment, e.g. `r.html#sort=score&dir=asc&grade=C&q=临汾`,
//! so that a view can be linked, bookmarked, and tested with `chromium --dump-dom`.

use std::collections::HashMap;
use std::fmt::{self, Write};

use super::Run;
use crate::base::number::fmt_num;
use crate::base::vocab::level_name;
use crate::finding::Severity;
use crate::grade::{Grade, Verdict};
use crate::record::{FindingRecord, ReportRecord};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// How many of the most frequent codes are shown before "其余 …".
const FREQUENT_SHOWN: usize = 10;

/// Escapes text for HTML element content and double- or single-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in HTML text.
            c if c.is_control() && c != '\t' && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(run: &Run<'_>) -> Result<Vec<u8>, String> {
    let mut h = String::with_capacity(32 * 1024 + run.records.len() * 16 * 1024);
    page(&mut h, run).map_err(|e| format!("无法生成 html 报告：{e}"))?;
    Ok(h.into_bytes())
}

fn page(h: &mut String, run: &Run<'_>) -> fmt::Result {
    let t = &run.totals;
    write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"dabiao {}\">\n\
         <title>年报检查结果：{} 份报告（A {} · B {} · C {}）</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        escape(run.provenance.dabiao),
        t.files,
        t.grade_a,
        t.grade_b,
        t.grade_c
    )?;
    header(h, run)?;
    h.push_str("<main class=\"wrap\">\n");
    overview(h, run)?;
    frequent(h, run)?;
    summary(h, run)?;
    reports(h, run)?;
    waivers(h, run)?;
    h.push_str("</main>\n");
    let p = run.provenance;
    write!(
        h,
        "<footer class=\"wrap foot\">由 dabiao {} 生成 · 规则包 {}（{}）· 阈值 {} · 数据集规范 {}</footer>\n\
         <script>\n{JS}</script>\n</body>\n</html>\n",
        escape(p.dabiao),
        escape(&p.rules),
        escape(&p.pack),
        escape(&p.thresholds),
        escape(&p.schema)
    )
}

fn header(h: &mut String, run: &Run<'_>) -> fmt::Result {
    let t = &run.totals;
    writeln!(
        h,
        "<header class=\"top\"><div class=\"wrap\">\
         <h1>职业教育质量年度报告 · 检查结果</h1>\
         <p class=\"sub\">共 {} 份报告 · 错误 {} 条 · 警告 {} 条 · 提示 {} 条</p>\
         </div></header>",
        t.files, t.errors, t.warnings, t.infos
    )
}

fn grade_class(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::A) => "grade-a",
        Some(Grade::B) => "grade-b",
        Some(Grade::C) => "grade-c",
        None => "grade-none",
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

fn overview(h: &mut String, run: &Run<'_>) -> fmt::Result {
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

    // Grade distribution: one bar per grade, each a link that filters the table.
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
        escape(&p.pack),
        escape(&p.thresholds),
        escape(&p.schema)
    )?;
    h.push_str("</div>\n</section>\n");
    Ok(())
}

fn frequent(h: &mut String, run: &Run<'_>) -> fmt::Result {
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

fn summary(h: &mut String, run: &Run<'_>) -> fmt::Result {
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
    for (i, r) in run.records.iter().enumerate() {
        summary_row(h, i + 1, r)?;
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

fn summary_row(h: &mut String, index: usize, r: &ReportRecord) -> fmt::Result {
    let grade = r.verdict.as_ref().map(|v| v.grade);
    let score = r.score().map(fmt_num).unwrap_or_default();
    let mut codes: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| f.code.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let entity = r.entity.as_deref().unwrap_or("");
    let level = r.level.as_deref().map(level_name).unwrap_or("");
    let stages = r.stages_text();
    let year = r.year.map(|y| y.to_string()).unwrap_or_default();
    write!(
        h,
        "<tr id=\"row-{index}\" data-index=\"{index}\" data-file=\"{file}\" data-entity=\"{entity}\" \
         data-code=\"{code}\" data-level=\"{level}\" data-stages=\"{stages}\" data-year=\"{year}\" \
         data-grade=\"{grade}\" data-score=\"{score}\" data-errors=\"{e}\" data-warnings=\"{w}\" \
         data-infos=\"{i}\" data-codes=\"{codes}\">",
        file = escape(&r.file),
        entity = escape(entity),
        code = escape(r.code.as_deref().unwrap_or("")),
        level = escape(level),
        stages = escape(&stages),
        grade = grade.map(|g| g.to_string()).unwrap_or_default(),
        e = r.errors,
        w = r.warnings,
        i = r.infos,
        codes = escape(&codes.join(" ")),
    )?;
    write!(
        h,
        "<td class=\"file\"><a href=\"#report-{index}\" data-jump=\"report-{index}\">{}</a></td>",
        escape(&r.file)
    )?;
    if entity.is_empty() {
        h.push_str("<td class=\"muted\">（未填写）</td>");
    } else {
        write!(h, "<td>{}", escape(entity))?;
        if let Some(code) = &r.code {
            write!(h, " <small class=\"muted\">{}</small>", escape(code))?;
        }
        h.push_str("</td>");
    }
    write!(
        h,
        "<td>{}</td><td>{}</td><td class=\"n\">{}</td>",
        escape(level),
        escape(&stages),
        year
    )?;
    match &r.verdict {
        Some(v) => {
            write!(
                h,
                "<td class=\"grade\"><span class=\"badge {}\" title=\"{}\">{}</span>",
                grade_class(Some(v.grade)),
                v.grade.meaning(),
                v.grade
            )?;
            let label = v.grade_label();
            if let Some(rest) = label.strip_prefix(&v.grade.to_string())
                && !rest.is_empty()
            {
                write!(h, " <small class=\"muted\">{}</small>", escape(rest))?;
            }
            if v.score_grade != v.grade {
                write!(
                    h,
                    " <small class=\"muted\" title=\"按得分为 {}，因严重问题封顶为 {}\">封顶</small>",
                    v.score_grade, v.grade
                )?;
            }
            if v.incomplete > 0 {
                write!(
                    h,
                    " <small class=\"warn\" title=\"有 {} 项检查未能运行，等级可能偏高\">不完整</small>",
                    v.incomplete
                )?;
            }
            h.push_str("</td>");
        }
        None => h.push_str("<td class=\"grade\"><span class=\"badge grade-none\">—</span></td>"),
    }
    writeln!(
        h,
        "<td class=\"n score {}\">{}</td>{}{}{}</tr>",
        grade_class(grade),
        if score.is_empty() { "—" } else { &score },
        count_cell(r.errors, "sev-error"),
        count_cell(r.warnings, "sev-warning"),
        count_cell(r.infos, "sev-info"),
    )
}

fn reports(h: &mut String, run: &Run<'_>) -> fmt::Result {
    h.push_str("<section id=\"reports\"><h2>各报告详情</h2>\n<div id=\"report-list\">\n");
    for (i, r) in run.records.iter().enumerate() {
        report(h, i + 1, r)?;
    }
    h.push_str("</div></section>\n");
    Ok(())
}

fn report(h: &mut String, index: usize, r: &ReportRecord) -> fmt::Result {
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
    h.push_str(&meta.join(" · "));
    h.push_str("</p></div>");
    if let Some(v) = &r.verdict {
        write!(
            h,
            "<div class=\"score\"><b>{}</b><span>/ 100 分</span></div>",
            fmt_num(v.score)
        )?;
    }
    h.push_str(
        "<a class=\"back\" href=\"#summary-section\" data-top=\"1\">↑ 返回一览</a></header>\n",
    );
    match &r.verdict {
        Some(v) => verdict(h, v)?,
        None => h.push_str("<p class=\"verdict-none\">未评级。</p>"),
    }
    findings(h, r)?;
    h.push_str("</article>\n");
    Ok(())
}

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

fn verdict(h: &mut String, v: &Verdict) -> fmt::Result {
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
    let mut loc = escape(&f.file);
    if let Some(line) = f.line {
        write!(loc, ":{line}")?;
        if let Some(col) = f.column {
            write!(loc, ":{col}")?;
        }
    }
    write!(h, " <span class=\"loc\">{loc}</span>")?;
    if let Some(p) = &f.pointer
        && !p.is_empty()
    {
        write!(
            h,
            " <span class=\"ptr\" title=\"JSON 指针\">{}</span>",
            escape(p)
        )?;
    }
    write!(h, "</div><p class=\"msg\">{}</p>", escape(&f.message))?;
    if let Some(ex) = &f.excerpt {
        h.push_str("<pre class=\"excerpt\">");
        if let Some(line) = f.line {
            write!(h, "<span class=\"ln\">{line}</span>")?;
        }
        h.push_str(&marked_excerpt(ex, f));
        h.push_str("</pre>");
    }
    if let Some(help) = &f.help {
        if repeated_help {
            write!(
                h,
                "<details class=\"help\"><summary>修改建议（同上）</summary><p>{}</p></details>",
                escape(help)
            )?;
        } else {
            write!(
                h,
                "<p class=\"help\"><span class=\"tag\">修改建议</span> {}</p>",
                escape(help)
            )?;
        }
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

/// The excerpt with the finding's span (character columns, 1-based) in `<mark>`.
fn marked_excerpt(excerpt: &str, f: &FindingRecord) -> String {
    let chars: Vec<char> = excerpt.chars().collect();
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

fn waivers(h: &mut String, run: &Run<'_>) -> fmt::Result {
    if run.waivers.is_empty() {
        return Ok(());
    }
    h.push_str(
        "<section id=\"waivers\"><h2>豁免</h2><table class=\"grid\"><thead><tr><th>单位代码</th>\
         <th>规则</th><th>范围</th><th>理由</th><th>批准人</th><th>到期</th><th class=\"n\">本次用到</th>\
         </tr></thead><tbody>",
    );
    for w in run.waivers {
        let status = if w.expired {
            "<small class=\"warn\">已到期</small>"
        } else if w.used == 0 {
            "<small class=\"muted\">未用上</small>"
        } else {
            ""
        };
        write!(
            h,
            "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td>\
             <td>{} {status}</td><td class=\"n\">{}</td></tr>",
            escape(&w.waiver.entity),
            escape(&w.waiver.rule),
            escape(w.waiver.pointer.as_deref().unwrap_or("（整条规则）")),
            escape(&w.waiver.reason),
            escape(&w.waiver.approver),
            escape(&w.waiver.expires),
            w.used
        )?;
    }
    h.push_str("</tbody></table></section>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Category;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("临汾\t\n"), "临汾\t\n");
        assert_eq!(escape("a\u{0}b\u{1b}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    fn record(
        line: Option<usize>,
        col: Option<usize>,
        end: Option<(usize, usize)>,
    ) -> FindingRecord {
        FindingRecord {
            file: "f.yaml".into(),
            code: "X".into(),
            severity: Severity::Error,
            category: Category::Schema,
            pointer: None,
            message: String::new(),
            help: None,
            label: None,
            line,
            column: col,
            end_line: end.map(|e| e.0),
            end_column: end.map(|e| e.1),
            excerpt: None,
            fingerprint: String::new(),
            counted: true,
            waiver: None,
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
