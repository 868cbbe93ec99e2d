//! What `check` prints as each report's result arrives (in input order): the
//! terminal text or a JSON line; and what it keeps for the end of the run.

use dabiao::check::FileReport;
use dabiao::record::{Provenance, ReportRecord};
use dabiao::render::{OutputFormat, Totals, human::HumanPrinter, json};

use super::exit::Outcome;
use super::options::Options;
use crate::cli::{write_stdout, write_stdout_bytes};

/// One graded report, prepared on a worker thread.
pub struct Item {
    /// The terminal text, when the human format streams.
    text: Option<String>,
    record: ReportRecord,
}

/// The worker's part: render the terminal text (with `printer`) and the record.
pub fn prepare(
    report: &FileReport,
    printer: Option<&HumanPrinter>,
    provenance: &Provenance,
) -> Item {
    Item {
        text: printer.map(|p| p.file(report)),
        record: ReportRecord::from_report(report, provenance),
    }
}

/// Receives the items in input order on the main thread.
pub struct Sink<'a> {
    /// Set when the human format streams; also prints the closing totals line.
    human: Option<&'a HumanPrinter>,
    jsonl: bool,
    /// Keep records only when a whole-run format needs them: memory stays flat otherwise.
    keep_records: bool,
    pub records: Vec<ReportRecord>,
    pub totals: Totals,
    pub outcome: Outcome,
}

impl<'a> Sink<'a> {
    pub fn new(options: &Options, printer: &'a HumanPrinter) -> Self {
        Sink {
            human: (options.format == OutputFormat::Human).then_some(printer),
            jsonl: options.format == OutputFormat::Jsonl,
            keep_records: !options.format.streams() || !options.targets.is_empty(),
            records: Vec::new(),
            totals: Totals::default(),
            outcome: Outcome {
                trouble: options.input_errors,
                ..Outcome::default()
            },
        }
    }

    /// The printer for [`prepare`]: only when the terminal text is streamed.
    pub fn streamed_printer(&self) -> Option<&'a HumanPrinter> {
        self.human
    }

    pub fn accept(&mut self, item: Item) {
        let mut stdout_ok = true;
        if let Some(t) = item.text {
            stdout_ok &= write_stdout(&t);
        }
        if self.jsonl {
            stdout_ok &= write_stdout_bytes(json::line(&item.record).as_bytes());
        }
        self.outcome.trouble |= !stdout_ok;
        self.totals.add(&item.record);
        self.outcome.add(&item.record);
        if self.keep_records {
            self.records.push(item.record);
        }
    }

    /// After the run: the totals line under several streamed reports.
    pub fn finish(&mut self) {
        if let Some(printer) = self.human
            && self.totals.files > 1
        {
            let line = format!("\n{}\n", printer.totals_line(&self.totals));
            self.outcome.trouble |= !write_stdout(&line);
        }
    }
}
