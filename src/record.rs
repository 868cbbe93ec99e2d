//! The compact, serializable result of checking one input: what every machine
//! format renders from. A batch keeps only these (not the texts and datasets), so
//! memory stays small however many reports are graded.

use serde::Serialize;
use serde_json::Value;

use crate::base::hash::{Fnv, hash_bytes};
use crate::check::FileReport;
use crate::finding::{Category, Severity};
use crate::grade::Verdict;
use crate::import::summary::ImportSummary;

/// What a grade was produced with, so that it can be reproduced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub dabiao: &'static str,
    /// FNV-1a-64 of the schema text.
    pub schema: String,
    /// FNV-1a-64 over every file of the rule pack (or "none" without rules).
    pub rules: String,
    /// FNV-1a-64 of thresholds.toml plus the overrides applied.
    pub thresholds: String,
    /// `embedded` or the rule directory used.
    pub pack: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingRecord {
    /// The input, repeated so that each finding stands alone (jsonl, SARIF, grep).
    pub file: String,
    pub code: String,
    pub severity: Severity,
    pub category: Category,
    pub pointer: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub label: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    /// The source line the finding points at (for pages and spreadsheets).
    pub excerpt: Option<String>,
    /// In a spreadsheet: the cell (`表1!D7`); `line` and `column` are then its row and
    /// column as the spreadsheet counts them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Stable across runs: FNV of (code, pointer, value at the pointer).
    pub fingerprint: String,
    /// Counted in the grade (false when a waiver covers it).
    pub counted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
    /// The finding this one follows from (a misspelt key, a blank table): fix that one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caused_by: Option<crate::finding::Cause>,
}

impl FindingRecord {
    /// Where it is, for a person: `file:表1!D7` in a spreadsheet, `file:12:5`, or `file`.
    pub fn at(&self) -> String {
        match (&self.cell, self.line, self.column) {
            (Some(cell), _, _) => format!("{}:{cell}", self.file),
            (None, Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (None, Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }
}

#[cfg(test)]
impl FindingRecord {
    /// A finding of `code` at `pointer` (line 1, column 1, counted), for unit tests.
    pub fn sample(code: &str, pointer: Option<&str>, severity: Severity) -> FindingRecord {
        FindingRecord {
            file: "f".into(),
            code: code.into(),
            severity,
            category: crate::finding::Category::Consistency,
            pointer: pointer.map(str::to_string),
            message: String::new(),
            help: None,
            label: None,
            line: Some(1),
            column: Some(1),
            end_line: None,
            end_column: None,
            excerpt: None,
            cell: None,
            fingerprint: String::new(),
            counted: true,
            waiver: None,
            caused_by: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportRecord {
    pub file: String,
    pub format: Option<crate::dataset::Format>,
    pub encoding: Option<&'static str>,
    /// FNV-1a-64 of the input's bytes as read.
    pub input_hash: Option<String>,
    pub entity: Option<String>,
    pub code: Option<String>,
    pub level: Option<String>,
    pub stages: Vec<String>,
    pub year: Option<i64>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub verdict: Option<Verdict>,
    /// For a report text (.txt, .md, .docx): what the import read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import: Option<ImportSummary>,
    /// What the verdict was produced with.
    pub graded_with: Provenance,
    pub findings: Vec<FindingRecord>,
}

#[cfg(test)]
impl ReportRecord {
    /// A report of `findings` with nothing else known, for unit tests.
    pub fn sample(findings: Vec<FindingRecord>) -> ReportRecord {
        ReportRecord {
            file: "f".into(),
            format: None,
            encoding: None,
            input_hash: None,
            entity: None,
            code: None,
            level: None,
            stages: Vec::new(),
            year: None,
            errors: 0,
            warnings: 0,
            infos: 0,
            verdict: None,
            import: None,
            graded_with: Provenance {
                dabiao: "0",
                schema: String::new(),
                rules: String::new(),
                thresholds: String::new(),
                pack: String::new(),
            },
            findings,
        }
    }
}

impl FindingRecord {
    /// One finding of `r` as it is written out: its place as line and column (for a
    /// spreadsheet: its cell's row and column), the line it is on, its fingerprint.
    fn of(r: &FileReport, f: &crate::finding::Finding, value: Option<&Value>) -> FindingRecord {
        let pos = |offset| r.source.as_ref().map(|s| s.line_col(offset));
        let mut start = f
            .span
            .and_then(|s| pos(s.start))
            .map(|p| (p.line, p.column));
        let mut end = f.span.and_then(|s| pos(s.end)).map(|p| (p.line, p.column));
        if let Some(cell) = &f.cell {
            start = cell
                .row
                .map(|r| (r as usize, cell.column.unwrap_or(1) as usize));
            end = None;
        }
        let excerpt = match (f.span, &r.source) {
            (Some(span), Some(src)) => line_text(src.text(), span.start),
            _ => None,
        };
        let at = f
            .pointer
            .as_deref()
            .and_then(|p| value.and_then(|v| v.pointer(p)));
        FindingRecord {
            file: r.input.display.clone(),
            code: f.code.clone(),
            severity: f.severity,
            category: f.category,
            pointer: f.pointer.clone(),
            message: f.message.clone(),
            help: f.help.clone(),
            label: f.label.clone(),
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            excerpt,
            cell: f.cell.as_ref().map(|c| c.name.clone()),
            fingerprint: fingerprint(&f.code, f.pointer.as_deref(), at),
            counted: f.waiver.is_none(),
            waiver: f.waiver.clone(),
            caused_by: f.caused_by.clone(),
        }
    }
}

impl ReportRecord {
    pub fn from_report(r: &FileReport, provenance: &Provenance) -> Self {
        let value = r.dataset.as_ref().map(|d| &*d.value);
        let text = |p: &str| {
            value
                .and_then(|v| v.pointer(p))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let findings = r
            .findings
            .iter()
            .map(|f| FindingRecord::of(r, f, value))
            .collect();
        ReportRecord {
            file: r.input.display.clone(),
            format: r.format,
            encoding: r.encoding,
            input_hash: r.input_hash.clone(),
            entity: r.entity().map(str::to_string),
            code: text("/report/entity/code"),
            level: text("/report/level"),
            stages: value
                .and_then(|v| v.pointer("/report/stages"))
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            year: value
                .and_then(|v| v.pointer("/report/year"))
                .and_then(Value::as_i64),
            errors: r.count(Severity::Error),
            warnings: r.count(Severity::Warning),
            infos: r.count(Severity::Info),
            verdict: r.verdict.clone(),
            import: import_summary(r),
            graded_with: provenance.clone(),
            findings,
        }
    }

    pub fn grade_text(&self) -> String {
        self.verdict
            .as_ref()
            .map(|v| v.grade.to_string())
            .unwrap_or_default()
    }

    /// The score, none for a file that could not be read (it has no score).
    pub fn score(&self) -> Option<f64> {
        self.verdict.as_ref().filter(|v| !v.unread).map(|v| v.score)
    }

    /// The score as summaries print it: "92", "未评分", or "" without a verdict.
    pub fn score_text(&self) -> String {
        self.verdict
            .as_ref()
            .map(|v| v.score_label())
            .unwrap_or_default()
    }

    /// The most severe finding not excused by a waiver.
    pub fn worst_counted(&self) -> Option<Severity> {
        self.findings
            .iter()
            .filter(|f| f.counted)
            .map(|f| f.severity)
            .min()
    }

    /// The most costly findings' messages, for one-line summaries.
    pub fn top_findings(&self, n: usize) -> Vec<String> {
        let mut counted: Vec<&FindingRecord> = self
            .findings
            .iter()
            .filter(|f| f.counted && f.severity != Severity::Info)
            .collect();
        counted.sort_by_key(|f| f.severity);
        counted
            .iter()
            .take(n)
            .map(|f| format!("{} {}", f.code, f.message))
            .collect()
    }

    pub fn stages_text(&self) -> String {
        self.stages
            .iter()
            .map(|s| crate::base::vocab::stage_name(s).to_string())
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// The import summary of a report text that was read; none for a dataset.
pub fn import_summary(r: &FileReport) -> Option<ImportSummary> {
    let d = r.dataset.as_ref()?;
    let read = d.format.is_report_text() || d.format.is_spreadsheet();
    read.then(|| ImportSummary {
        spreadsheet: d.format.is_spreadsheet(),
        ..ImportSummary::of(&d.value, &r.findings)
    })
}

fn line_text(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text.get(start..end)?.trim_end_matches('\r');
    Some(line.chars().take(300).collect())
}

impl Provenance {
    /// Where the rule pack came from, as a reader is shown it: 「内置规则包」, 「未加载规则」
    /// or the rule directory given.
    pub fn pack_label(&self) -> &str {
        match self.pack.as_str() {
            "embedded" => "内置规则包",
            "none" => "未加载规则",
            dir => dir,
        }
    }

    pub fn new(checker: &crate::check::Checker) -> Self {
        let pack = checker.rules();
        Provenance {
            dabiao: env!("CARGO_PKG_VERSION"),
            schema: hash_bytes(crate::schema::SCHEMA_TEXT.as_bytes()),
            rules: pack.map_or_else(|| "none".to_string(), |p| p.digest.clone()),
            thresholds: pack.map_or_else(|| "none".to_string(), |p| p.thresholds_digest.clone()),
            pack: pack.map_or_else(|| "none".to_string(), |p| p.origin.clone()),
        }
    }
}

pub fn fingerprint(code: &str, pointer: Option<&str>, value: Option<&Value>) -> String {
    let mut h = Fnv::new();
    h.write(code.as_bytes());
    h.write(&[0]);
    h.write(pointer.unwrap_or("").as_bytes());
    h.write(&[0]);
    if let Some(v) = value {
        h.write(v.to_string().as_bytes());
    }
    h.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_the_whole_line() {
        assert_eq!(line_text("a\n  bc: 1\nd", 5).as_deref(), Some("  bc: 1"));
        assert_eq!(line_text("x", 0).as_deref(), Some("x"));
    }

    #[test]
    fn fingerprints_depend_on_code_pointer_and_value() {
        let a = fingerprint("CON-001", Some("/a"), Some(&Value::from(1)));
        assert_eq!(a, fingerprint("CON-001", Some("/a"), Some(&Value::from(1))));
        assert_ne!(a, fingerprint("CON-001", Some("/a"), Some(&Value::from(2))));
        assert_ne!(a, fingerprint("CON-002", Some("/a"), Some(&Value::from(1))));
    }
}
