//! `--format json` (the whole run) and `jsonl` (one report per line). Our own
//! serde structs: miette's JSON handler does not escape every control character
//! and has no line/column. The shape is documented in schemas/verdicts.schema.json.

use serde::Serialize;

use super::{Run, Totals};
use crate::record::{Provenance, ReportRecord};
use crate::waiver::WaiverStatus;

#[derive(Serialize)]
struct Output<'a> {
    dabiao: &'static str,
    graded_with: &'a Provenance,
    totals: Totals,
    #[serde(skip_serializing_if = "<[WaiverStatus]>::is_empty")]
    waivers: &'a [WaiverStatus],
    files: &'a [ReportRecord],
}

pub fn render(run: &Run<'_>) -> String {
    let out = Output {
        dabiao: env!("CARGO_PKG_VERSION"),
        graded_with: run.provenance,
        totals: run.totals,
        waivers: run.waivers,
        files: run.records,
    };
    let mut s = serde_json::to_string_pretty(&out).expect("records serialize");
    s.push('\n');
    s
}

/// One report as one line of JSON.
pub fn line(record: &ReportRecord) -> String {
    let mut s = serde_json::to_string(record).expect("records serialize");
    s.push('\n');
    s
}
