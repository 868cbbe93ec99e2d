//! The terminal printer: one miette diagnostic per finding, then one line per file.

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, Report};

use super::Totals;
use super::groups::{Entry, entries};
use super::human_window::Snippet;
use crate::base::source::{SourceFile, printable};
use crate::check::FileReport;
use crate::finding::{Finding, Severity};
use crate::grade::explain::Explanation;
use crate::grade::{Grade, Policy};

#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    /// At most this many diagnostics per file on the terminal (machine formats keep all).
    pub max_per_file: usize,
    /// When a report fails (its ✗), as the exit code decides.
    pub policy: Policy,
    /// Draw a rule's repeated findings once and list the rest (off: draw each, as the
    /// rule snapshots do).
    pub group_repeats: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
            max_per_file: 50,
            policy: Policy::default(),
            group_repeats: true,
        }
    }
}

pub struct HumanPrinter {
    handler: GraphicalReportHandler,
    options: HumanOptions,
}

impl HumanPrinter {
    pub fn new(options: HumanOptions) -> Self {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(options.width)
            .with_links(false)
            .with_context_lines(1);
        HumanPrinter { handler, options }
    }

    /// The diagnostics of one file and its summary line.
    pub fn file(&self, report: &FileReport) -> String {
        let mut out = self.file_diagnostics(report);
        out.push_str(&self.summary_line(report));
        out.push('\n');
        // Said under the file's own verdict, so it cannot be read as the next file's.
        let hidden = self.hidden(report);
        if hidden > 0 {
            out.push_str(&format!(
                "    另有 {hidden} 条问题未显示（用 --max-diagnostics 调整，或用 --format json 查看全部）\n"
            ));
        }
        out
    }

    /// The diagnostics of one file, without the summary line.
    pub fn file_diagnostics(&self, report: &FileReport) -> String {
        let mut out = String::new();
        // The file's text made printable once, not once per finding (a large file
        // with many findings would be scanned again for each).
        let source = report.source.as_ref().map(SourceFile::printable);
        for entry in entries(&report.findings, self.options.group_repeats)
            .iter()
            .take(self.options.max_per_file)
        {
            self.diagnostic(&mut out, report, source.as_ref(), entry.head);
            let listed =
                |title: String, fs: &[&Finding]| listing(&title, fs, |f| place(source.as_ref(), f));
            if !entry.consequences.is_empty() {
                out.push_str(&listed(
                    format!(
                        "由此引起 {} 处（改正上面这一处后随之消失）",
                        entry.consequences.len()
                    ),
                    &entry.consequences,
                ));
            }
            if !entry.repeats.is_empty() {
                out.push_str(&listed(
                    format!(
                        "{} 共 {} 处，其余 {} 处",
                        entry.head.code,
                        entry.repeats.len() + 1,
                        entry.repeats.len()
                    ),
                    &entry.repeats,
                ));
            }
        }
        out
    }

    /// How many findings of the file are not drawn or listed (past `--max-diagnostics`).
    fn hidden(&self, report: &FileReport) -> usize {
        entries(&report.findings, self.options.group_repeats)
            .iter()
            .skip(self.options.max_per_file)
            .map(Entry::len)
            .sum()
    }

    /// The report's ✓/✗ (coloured) and whether the run's policy fails it.
    /// ✓ means checked and passing: a file that could not be read is never ticked,
    /// even in a run told never to fail (`--fail-on never`), which only keeps the
    /// exit code at 0.
    fn mark(&self, report: &FileReport) -> (String, bool) {
        let grade = report.verdict.as_ref().map(|v| v.grade);
        let unread = report.verdict.as_ref().is_some_and(|v| v.unread);
        let fails = self.options.policy.fails(report.worst_counted(), grade);
        if fails || unread {
            (self.paint("✗", "31"), fails)
        } else {
            (self.paint("✓", "32"), false)
        }
    }

    /// The report as one line of the table of many reports.
    pub fn row(&self, report: &FileReport) -> super::compact::Row {
        let (mark, failed) = self.mark(report);
        super::compact::row(report, &mark, failed, self.options.width)
    }

    fn diagnostic(
        &self,
        out: &mut String,
        report: &FileReport,
        source: Option<&SourceFile>,
        f: &Finding,
    ) {
        let located = f.span.is_some() && source.is_some();
        // Everything shown comes from the input, a rule or a file name: terminal
        // controls in it are shown as '?', never obeyed.
        let mut message = if located {
            printable(&f.message).into_owned()
        } else {
            printable(&format!("{}：{}", report.input.display, f.message)).into_owned()
        };
        if let Some(w) = &f.waiver {
            message = format!("［已豁免：{w}］{message}");
        }
        let mut d = MietteDiagnostic::new(message)
            .with_code(&f.code)
            .with_severity(match f.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            });
        if let Some(h) = &f.help {
            d = d.with_help(printable(h));
        }
        let rendered = match (f.span, source) {
            (Some(span), Some(source)) => {
                // A span over many lines is drawn as its first; a line wider than the
                // terminal (a one-line JSON file, a long paragraph) is drawn cut to a
                // window around the span.
                let span = first_lines(source, source.clamp(span));
                let (code, span) = match f.cell.as_ref().and_then(|c| c.row) {
                    Some(row) => Snippet::row(source, span, row as usize, self.options.width),
                    None => Snippet::choose(source, span, self.options.width),
                };
                let label = f.label.as_deref().map(|l| printable(l).into_owned());
                d = d.with_label(LabeledSpan::new_primary_with_span(label, span));
                let r = Report::new(d).with_source_code(code);
                self.render(r.as_ref())
            }
            _ => self.render(&d),
        };
        let rendered = match &f.cell {
            Some(cell) => at_cell(rendered, &report.input.display, &cell.name),
            None => rendered,
        };
        out.push_str(&rendered);
        out.push('\n');
    }

    fn render(&self, d: &dyn miette::Diagnostic) -> String {
        let mut s = String::new();
        if self.handler.render_report(&mut s, d).is_err() {
            s = format!("{d}\n");
        }
        help_in_chinese(s)
    }

    /// A problem in a rule file, pointing into the file.
    pub fn pack_problem(&self, p: &crate::rules::PackProblem) -> String {
        let d = MietteDiagnostic::new(p.message.clone())
            .with_code(crate::rules::codes::PACK.id)
            .with_severity(miette::Severity::Error)
            .with_help(p.help.clone())
            .with_label(LabeledSpan::new_primary_with_span(
                Some("这里".to_string()),
                p.span,
            ));
        let r = Report::new(d).with_source_code(p.file.clone());
        let mut s = self.render(r.as_ref());
        s.push('\n');
        s
    }

    pub fn summary_line(&self, report: &FileReport) -> String {
        let (e, w, i) = (
            report.count(Severity::Error),
            report.count(Severity::Warning),
            report.count(Severity::Info),
        );
        let mut counts = Vec::new();
        if e > 0 {
            counts.push(format!("{e} 个错误"));
        }
        if w > 0 {
            counts.push(format!("{w} 个警告"));
        }
        if i > 0 {
            counts.push(format!("{i} 个提示"));
        }
        let (mark, failed) = self.mark(report);
        let explained = report.verdict.as_ref().map(Explanation::of);
        let verdict = match &explained {
            Some(x) => {
                let color = match x.headline.grade {
                    Grade::A => "32",
                    Grade::B => "33",
                    Grade::C => "31",
                };
                self.paint(&x.headline.line, color)
            }
            None if failed => "未通过".to_string(),
            None => "通过".to_string(),
        };
        let mut line = format!("{mark} {verdict}  {}", printable(&report.input.display));
        if let Some(entity) = report.entity() {
            // An entity name is the file's text: a 10,000-character one is cut.
            let entity = super::compact::cut(&printable(entity), MAX_ENTITY_COLUMNS);
            line.push_str(&format!("（{entity}）"));
        }
        if counts.is_empty() {
            line.push_str("：没有发现问题");
        } else {
            line.push_str(&format!("：{}", counts.join("，")));
        }
        if let Some(enc) = report.encoding.filter(|e| *e != "UTF-8") {
            line.push_str(&format!("  [按 {enc} 编码读取]"));
        }
        if let Some(x) = &explained {
            line.push_str(&brief(x, self.options.width));
        }
        if let Some(summary) = crate::record::import_summary(report) {
            for l in summary.text().lines() {
                line.push_str(&format!("\n    {l}"));
            }
        }
        line
    }

    /// The closing line of a run; `failed` reports failed the run's policy.
    pub fn totals_line(&self, totals: &Totals, failed: usize) -> String {
        let grades = if totals.grade_a + totals.grade_b + totals.grade_c > 0 {
            format!(
                "（A {} 份，B {} 份，C {} 份）",
                totals.grade_a, totals.grade_b, totals.grade_c
            )
        } else {
            String::new()
        };
        format!(
            "共检查 {} 个文件：{} 个通过，{} 个未通过{grades}；共 {} 个错误，{} 个警告，{} 个提示",
            totals.files,
            totals.files - failed,
            failed,
            totals.errors,
            totals.warnings,
            totals.infos
        )
    }

    pub fn paint(&self, text: &str, ansi: &str) -> String {
        if self.options.color {
            format!("\u{1b}[{ansi}m{text}\u{1b}[0m")
        } else {
            text.to_string()
        }
    }
}

/// miette labels every suggestion "help: "; ours say "建议：" (as wide: continuation
/// lines stay aligned). Only the label at the start of a line is replaced.
fn help_in_chinese(rendered: String) -> String {
    if !rendered.contains("help: ") {
        return rendered;
    }
    rendered
        .split_inclusive('\n')
        .map(|line| match line.find("help: ") {
            Some(at) if is_indent(&line[..at]) => {
                format!("{}建议：{}", &line[..at], &line[at + "help: ".len()..])
            }
            _ => line.to_string(),
        })
        .collect()
}

/// Spaces, possibly after a colour escape ("\x1b[36m  ").
fn is_indent(s: &str) -> bool {
    let plain = match s.strip_prefix('\u{1b}') {
        Some(rest) => rest.split_once('m').map_or(rest, |(_, r)| r),
        None => s,
    };
    plain.chars().all(|c| c == ' ')
}

/// Columns of an entity name shown in a verdict line.
const MAX_ENTITY_COLUMNS: usize = 40;

/// At most this many places are listed under one diagnostic.
const LISTED: usize = 30;

/// Findings listed one per line under a drawn diagnostic: "  title：\n    第 12 行 …".
fn listing(title: &str, fs: &[&Finding], place: impl Fn(&Finding) -> String) -> String {
    let mut out = format!("  {title}：\n");
    for f in fs.iter().take(LISTED) {
        out.push_str(&format!(
            "    {} {} {}\n",
            place(f),
            f.code,
            printable(&f.message)
        ));
    }
    if fs.len() > LISTED {
        out.push_str(&format!("    ……另有 {} 处\n", fs.len() - LISTED));
    }
    out.push('\n');
    out
}

/// A spreadsheet's finding is at a cell: the snippet's header names it
/// (`[质量年报.xlsx:表1!D7]`) instead of the line and column of the rows drawn.
fn at_cell(rendered: String, file: &str, cell: &str) -> String {
    let Some(open) = rendered.find("╭─[") else {
        return rendered;
    };
    let from = open + "╭─[".len();
    let line_end = rendered[from..]
        .find('\n')
        .map_or(rendered.len(), |i| from + i);
    let Some(close) = rendered[from..line_end].rfind(']') else {
        return rendered;
    };
    let name = printable(&format!("{file}:{cell}")).into_owned();
    format!("{}{name}{}", &rendered[..from], &rendered[from + close..])
}

/// Where a listed finding is: "第 168 行", its cell ("表1!D7"), else its pointer.
fn place(source: Option<&SourceFile>, f: &Finding) -> String {
    if let Some(cell) = &f.cell {
        return printable(&cell.name).into_owned();
    }
    match (f.span, source) {
        (Some(span), Some(s)) => format!("第 {} 行", s.line_col(s.clamp(span).start).line),
        _ => f.pointer.clone().unwrap_or_default(),
    }
}

/// The grade's reasons in short indented lines ("    升到 B：修正 …").
fn brief(x: &Explanation, width: usize) -> String {
    x.brief
        .iter()
        .map(|n| wrapped(&format!("    {}：", n.tag), &n.plain_text(), width))
        .collect()
}

/// A note after its tag, broken at "；" where a line would pass `width` columns; the
/// continued lines are indented under the text.
fn wrapped(head: &str, text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let indent = " ".repeat(head.width());
    let mut out = format!("\n{head}");
    let mut used = head.width();
    let items: Vec<&str> = text.split_inclusive('；').collect();
    for (i, item) in items.iter().enumerate() {
        if i > 0 && used + item.width() > width {
            out.push_str(&format!("\n{indent}"));
            used = indent.width();
        }
        out.push_str(item);
        used += item.width();
    }
    out
}

/// The terminal summary without snippets, for `--report run.txt`.
pub fn plain_summary(run: &super::Run<'_>) -> String {
    let mut out = String::new();
    for r in run.records {
        let grade = r
            .verdict
            .as_ref()
            .map(|v| Explanation::of(v).headline.line)
            .unwrap_or_else(|| {
                if r.errors > 0 {
                    "未通过".into()
                } else {
                    "通过".into()
                }
            });
        out.push_str(&format!(
            "{grade}  {}（{}）：{} 个错误，{} 个警告，{} 个提示\n",
            r.file,
            r.entity.as_deref().unwrap_or("-"),
            r.errors,
            r.warnings,
            r.infos
        ));
        if let Some(i) = &r.import {
            for l in i.text().lines() {
                out.push_str(&format!("  {l}\n"));
            }
        }
        for f in &r.findings {
            let at = f.at();
            let waived = if f.counted { "" } else { "［已豁免］" };
            out.push_str(&format!(
                "  {at} {} [{}] {waived}{}\n",
                f.code,
                f.severity.chinese(),
                f.message
            ));
        }
    }
    let t = run.totals;
    out.push_str(&format!(
        "\n共 {} 份：A {}，B {}，C {}；错误 {}，警告 {}，提示 {}\n",
        t.files, t.grade_a, t.grade_b, t.grade_c, t.errors, t.warnings, t.infos
    ));
    out
}

/// A span over many lines (a whole table, a blank block of a template) drawn as its
/// first line: miette would print every line of it.
fn first_lines(source: &SourceFile, span: crate::base::source::Span) -> crate::base::source::Span {
    const MAX_LINES: usize = 6;
    let start = source.line_col(span.start).line;
    let end = source.line_col(span.end).line;
    if end <= start + MAX_LINES {
        return span;
    }
    let line_end = source
        .line_start(start)
        .map_or(span.end, |next| next.saturating_sub(1).max(span.start));
    crate::base::source::Span::new(span.start, line_end.min(span.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::{SourceFile, Span};
    use crate::finding::Category;
    use crate::inputs::Input;

    fn report_with(text: &str, span: Span) -> FileReport {
        FileReport {
            input: Input::new("t.json", "t.json"),
            input_hash: None,
            format: None,
            encoding: Some("UTF-8"),
            source: Some(SourceFile::new("t.json", text)),
            dataset: None,
            verdict: None,
            findings: vec![
                Finding::new(
                    "dabiao::test",
                    Severity::Error,
                    Category::Schema,
                    "测试".into(),
                )
                .at(span)
                .with_label("这里"),
            ],
        }
    }

    #[test]
    fn header_column_counts_characters_not_bytes() {
        let text = "{\"名称\": \"甲\", \"n\": -1}";
        let at = text.find("-1").unwrap();
        let out = HumanPrinter::new(HumanOptions::default())
            .file(&report_with(text, Span::new(at, at + 2)));
        assert!(out.contains("[t.json:1:18]"), "{out}"); // bytes would say 22
    }

    #[test]
    fn findings_beyond_the_cap_are_counted_not_shown() {
        let mut r = report_with("{}", Span::new(0, 1));
        let f = r.findings[0].clone();
        // Five different codes: repeats of one code would be drawn once and listed.
        r.findings = (0..5)
            .map(|i| Finding {
                code: format!("dabiao::test{i}"),
                ..f.clone()
            })
            .collect();
        let out = HumanPrinter::new(HumanOptions {
            max_per_file: 2,
            ..HumanOptions::default()
        })
        .file(&r);
        assert_eq!(out.matches("dabiao::test").count(), 2);
        assert!(out.contains("另有 3 条问题未显示"), "{out}");
    }

    #[test]
    fn a_long_note_breaks_between_its_items_under_its_text() {
        let text = "甲甲甲甲甲 ×3（-9）；乙乙乙乙乙 ×2（-6）；丙 ×1（-3）";
        assert_eq!(
            wrapped("    扣分最多：", text, 50),
            "\n    扣分最多：甲甲甲甲甲 ×3（-9）；\
             \n              乙乙乙乙乙 ×2（-6）；丙 ×1（-3）"
        );
        assert_eq!(
            wrapped("    升到 B：", "修正 X", 40),
            "\n    升到 B：修正 X"
        );
    }

    #[test]
    fn the_brief_explanation_is_indented_lines() {
        use crate::grade::{CapApplied, Cost, NextGrade, Verdict};
        let v = Verdict {
            grade: Grade::C,
            score: 92.0,
            score_grade: Grade::A,
            costs: vec![Cost {
                code: "dabiao::parse::json".into(),
                title: "文件语法错误".into(),
                findings: 1,
                raw: 8.0,
                points: 8.0,
                capped: false,
            }],
            caps: vec![CapApplied {
                grade: Grade::C,
                code: "dabiao::parse::json".into(),
                reason: "文件无法读取或解析，无法核对内容".into(),
            }],
            next: Some(NextGrade {
                grade: Grade::B,
                fix: vec!["dabiao::parse::json".into()],
                findings: 1,
            }),
            incomplete: 1,
            without_waivers: None,
            unread: false,
        };
        assert_eq!(
            brief(&Explanation::of(&v), 200),
            "\n    扣分最多：dabiao::parse::json 文件语法错误（-8）\
             \n    等级封顶 C：文件无法读取或解析，无法核对内容（dabiao::parse::json）\
             \n    升到 B：修正 dabiao::parse::json（共 1 处）\
             \n    注意：有 1 项检查未能执行，等级可能偏高"
        );
    }
}
