//! Printers: each turns checked reports into one output format. They never check
//! anything themselves. The terminal printer works on a full `FileReport` (it needs
//! the text for snippets) inside the batch workers; every other format renders
//! from the compact `ReportRecord`s of a whole run.

pub mod compact;
pub mod csv;
pub mod groups;
pub mod html;
pub mod human;
mod human_window;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod xlsx;

use serde::Serialize;

use crate::finding::Severity;
use crate::grade::Grade;
use crate::record::{Provenance, ReportRecord};
use crate::waiver::WaiverStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Jsonl,
    Sarif,
    Junit,
    Csv,
    /// For `--report` only (a spreadsheet cannot go to a terminal): accepted by
    /// `--format` to say so, not offered in its help.
    #[value(hide = true)]
    Xlsx,
    Markdown,
    Html,
}

impl OutputFormat {
    /// The format of a `--report FILE`, from its extension.
    pub fn from_path(path: &std::path::Path) -> Option<OutputFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let ext = name.rsplit('.').next()?;
        Some(match ext {
            "json" if name.ends_with(".sarif.json") => OutputFormat::Sarif,
            "json" => OutputFormat::Json,
            "jsonl" | "ndjson" => OutputFormat::Jsonl,
            "sarif" => OutputFormat::Sarif,
            "xml" => OutputFormat::Junit,
            "csv" => OutputFormat::Csv,
            "xlsx" => OutputFormat::Xlsx,
            "md" | "markdown" => OutputFormat::Markdown,
            "html" | "htm" => OutputFormat::Html,
            "txt" | "log" => OutputFormat::Human,
            _ => return None,
        })
    }

    /// Formats written while the batch runs, one report at a time.
    pub fn streams(self) -> bool {
        matches!(self, OutputFormat::Human | OutputFormat::Jsonl)
    }
}

/// Totals over a run.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Totals {
    pub files: usize,
    pub files_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub grade_a: usize,
    pub grade_b: usize,
    pub grade_c: usize,
}

impl Totals {
    pub fn add(&mut self, r: &ReportRecord) {
        self.files += 1;
        self.errors += r.errors;
        self.warnings += r.warnings;
        self.infos += r.infos;
        self.files_with_errors += usize::from(r.errors > 0);
        match r.verdict.as_ref().map(|v| v.grade) {
            Some(Grade::A) => self.grade_a += 1,
            Some(Grade::B) => self.grade_b += 1,
            Some(Grade::C) => self.grade_c += 1,
            None => {}
        }
    }

    pub fn of(records: &[ReportRecord]) -> Self {
        let mut t = Totals::default();
        records.iter().for_each(|r| t.add(r));
        t
    }
}

/// Everything a whole-run format needs.
pub struct Run<'a> {
    pub records: &'a [ReportRecord],
    pub provenance: &'a Provenance,
    pub totals: Totals,
    pub waivers: &'a [WaiverStatus],
}

impl Run<'_> {
    /// How often each code fired, most frequent first: (code, title, reports, findings).
    pub fn frequent_findings(&self) -> Vec<(String, String, usize, usize)> {
        let mut by_code: std::collections::BTreeMap<&str, (String, usize, usize)> =
            Default::default();
        for r in self.records {
            let mut seen = std::collections::BTreeSet::new();
            for f in r.findings.iter().filter(|f| f.severity != Severity::Info) {
                let e = by_code.entry(&f.code).or_insert_with(|| {
                    let title = r
                        .verdict
                        .as_ref()
                        .and_then(|v| v.costs.iter().find(|c| c.code == f.code))
                        .map(|c| c.title.clone())
                        .or_else(|| crate::codes::title(&f.code).map(str::to_string))
                        .or_else(|| f.label.clone())
                        .unwrap_or_default();
                    (title, 0, 0)
                });
                e.2 += 1;
                if seen.insert(&f.code) {
                    e.1 += 1;
                }
            }
        }
        let mut rows: Vec<_> = by_code
            .into_iter()
            .map(|(c, (t, r, f))| (c.to_string(), t, r, f))
            .collect();
        rows.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(b.3.cmp(&a.3))
                .then_with(|| a.0.cmp(&b.0))
        });
        rows
    }
}

/// Renders a whole-run format. (Human and JSON Lines are written per report.)
pub fn render(format: OutputFormat, run: &Run<'_>) -> Result<Vec<u8>, String> {
    match format {
        OutputFormat::Json => Ok(json::render(run).into_bytes()),
        OutputFormat::Jsonl => Ok(run
            .records
            .iter()
            .map(json::line)
            .collect::<String>()
            .into_bytes()),
        OutputFormat::Csv => csv::render(run),
        OutputFormat::Markdown => Ok(markdown::render(run).into_bytes()),
        OutputFormat::Human => Ok(human::plain_summary(run).into_bytes()),
        OutputFormat::Sarif => sarif::render(run),
        OutputFormat::Junit => junit::render(run),
        OutputFormat::Xlsx => xlsx::render(run),
        OutputFormat::Html => html::render(run),
    }
}
