//! Printers: each turns checked files into one output format. They never check
//! anything themselves.

pub mod human;
pub mod json;

use crate::check::FileReport;
use crate::finding::Severity;

/// Totals over a run.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Totals {
    pub files: usize,
    pub files_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut t = Totals {
            files: reports.len(),
            ..Totals::default()
        };
        for r in reports {
            t.errors += r.count(Severity::Error);
            t.warnings += r.count(Severity::Warning);
            t.infos += r.count(Severity::Info);
            t.files_with_errors += usize::from(r.has_errors());
        }
        t
    }
}
