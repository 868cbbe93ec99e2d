//! `--format json`: our own serde structs (miette's JSON handler does not escape
//! every control character and has no line/column).

use serde::Serialize;

use super::Totals;
use crate::check::FileReport;
use crate::finding::{Category, Finding, Severity};

#[derive(Serialize)]
struct Output<'a> {
    dabiao: &'static str,
    files: Vec<FileOut<'a>>,
    totals: Totals,
}

#[derive(Serialize)]
struct FileOut<'a> {
    file: &'a str,
    format: Option<crate::dataset::Format>,
    encoding: Option<&'static str>,
    entity: Option<&'a str>,
    errors: usize,
    warnings: usize,
    infos: usize,
    verdict: Option<&'a crate::grade::Verdict>,
    findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
pub struct FindingOut<'a> {
    pub file: &'a str,
    pub code: &'a str,
    pub severity: Severity,
    pub category: Category,
    pub pointer: Option<&'a str>,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub label: Option<&'a str>,
    /// 1-based; columns count characters.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    /// Byte offsets into the decoded text.
    pub span: Option<crate::dataset::source::Span>,
}

pub fn finding_out<'a>(report: &'a FileReport, f: &'a Finding) -> FindingOut<'a> {
    let pos = |offset| report.source.as_ref().map(|s| s.line_col(offset));
    let start = f.span.and_then(|s| pos(s.start));
    let end = f.span.and_then(|s| pos(s.end));
    FindingOut {
        file: &report.input.display,
        code: &f.code,
        severity: f.severity,
        category: f.category,
        pointer: f.pointer.as_deref(),
        message: &f.message,
        help: f.help.as_deref(),
        label: f.label.as_deref(),
        line: start.map(|p| p.line),
        column: start.map(|p| p.column),
        end_line: end.map(|p| p.line),
        end_column: end.map(|p| p.column),
        span: f.span,
    }
}

pub fn render(reports: &[FileReport]) -> String {
    let files = reports
        .iter()
        .map(|r| FileOut {
            file: &r.input.display,
            format: r.format,
            encoding: r.encoding,
            entity: r.entity(),
            errors: r.count(Severity::Error),
            warnings: r.count(Severity::Warning),
            infos: r.count(Severity::Info),
            verdict: r.verdict.as_ref(),
            findings: r.findings.iter().map(|f| finding_out(r, f)).collect(),
        })
        .collect();
    let out = Output {
        dabiao: env!("CARGO_PKG_VERSION"),
        files,
        totals: Totals::of(reports),
    };
    let mut s = serde_json::to_string_pretty(&out).expect("findings serialize");
    s.push('\n');
    s
}
