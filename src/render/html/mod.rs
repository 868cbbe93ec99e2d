//! The HTML report: one self-contained page (inline CSS and JS, no external
//! assets) for a reviewer who grades many reports at once. Every piece of text
//! that comes from a dataset, a rule or a waiver goes through [`escape()`]; the
//! script reads its data only from `data-*` attributes, never from inline JSON.
//!
//! The page keeps its view state (sort, direction, grade and text filters, the
//! report in focus) in the URL fragment, e.g. `r.html#sort=score&dir=asc&grade=C&q=临汾`,
//! so that a view can be linked, bookmarked, and tested with `chromium --dump-dom`.

mod escape;
mod overview;
mod report;
mod summary;
mod verdict;
mod waivers;

use std::fmt::{self, Write};

pub use escape::escape;

use super::Run;
use crate::grade::Grade;
use crate::grade::explain::Explanation;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// The HTML page of a whole run.
pub fn render(run: &Run<'_>) -> Result<Vec<u8>, String> {
    let mut h = String::with_capacity(32 * 1024 + run.records.len() * 16 * 1024);
    page(&mut h, run).map_err(|e| format!("无法生成 html 报告：{e}"))?;
    Ok(h.into_bytes())
}

/// The whole page: head with inline CSS, the sections, footer and inline JS.
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
    // Each verdict explained once, for its summary row and its report's section.
    let explained: Vec<Option<Explanation>> = run
        .records
        .iter()
        .map(|r| r.verdict.as_ref().map(Explanation::of))
        .collect();
    header(h, run)?;
    h.push_str("<main class=\"wrap\">\n");
    overview::overview(h, run)?;
    overview::frequent(h, run)?;
    summary::summary(h, run, &explained)?;
    report::reports(h, run, &explained)?;
    waivers::waivers(h, run)?;
    h.push_str("</main>\n");
    let p = run.provenance;
    write!(
        h,
        "<footer class=\"wrap foot\">由 dabiao {} 生成 · 规则包 {}（{}）· 阈值 {} · 数据集规范 {}</footer>\n\
         <script>\n{JS}</script>\n</body>\n</html>\n",
        escape(p.dabiao),
        escape(&p.rules),
        escape(p.pack_label()),
        escape(&p.thresholds),
        escape(&p.schema)
    )
}

/// The page's title bar with the run's counts.
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

/// The CSS class of a grade (badges, bars, score cells).
fn grade_class(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::A) => "grade-a",
        Some(Grade::B) => "grade-b",
        Some(Grade::C) => "grade-c",
        None => "grade-none",
    }
}

/// `part` of `whole` in percent, to one decimal (0 of nothing is 0).
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}
