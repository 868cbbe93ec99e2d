//! What `check` prints as each report's result arrives (in input order): the
//! terminal text (every diagnostic, a table line, or nothing but the summary) or a
//! JSON line; and what it keeps for the end of the run.

use dabiao::check::FileReport;
use dabiao::grade::Policy;
use dabiao::record::{Provenance, ReportRecord};
use dabiao::render::{OutputFormat, Totals, compact, human::HumanPrinter, json};

use super::exit::Outcome;
use super::options::{Options, Terminal};
use crate::cli::{write_stdout, write_stdout_bytes};

/// At most this many failing files are named in the closing summary.
const NAMED_FAILURES: usize = 20;

/// One graded report, prepared on a worker thread.
pub struct Item {
    /// The terminal text, when the human format streams.
    text: Option<String>,
    /// A failing report's table line: held back and printed after the others.
    held: Option<String>,
    record: ReportRecord,
}

/// The worker's part: render the terminal text (with `printer`) and the record.
pub fn prepare(
    report: &FileReport,
    printer: Option<&HumanPrinter>,
    terminal: Terminal,
    provenance: &Provenance,
) -> Item {
    let mut item = Item {
        text: None,
        held: None,
        record: ReportRecord::from_report(report, provenance),
    };
    match (printer, terminal) {
        (Some(p), Terminal::Full) => item.text = Some(p.file(report)),
        (Some(p), Terminal::Table) => {
            let row = p.row(report);
            let line = format!("{}\n", row.line);
            if row.failed {
                item.held = Some(line);
            } else {
                item.text = Some(line);
            }
        }
        (Some(p), Terminal::Summary) => item.text = Some(format!("{}\n", p.summary_line(report))),
        (None, _) => {}
    }
    item
}

/// Receives the items in input order on the main thread.
pub struct Sink<'a> {
    /// Set when the human format streams; also prints the closing summary.
    human: Option<&'a HumanPrinter>,
    terminal: Terminal,
    policy: Policy,
    jsonl: bool,
    /// Keep records only when a whole-run format needs them: memory stays flat otherwise.
    keep_records: bool,
    /// The table's heading is printed before its first line.
    heading_printed: bool,
    /// Failing reports' table lines, printed after the others.
    held: Vec<String>,
    /// Failing files by name, for the closing summary.
    failed: Vec<String>,
    /// A summary line per report in summary mode, printed only for a single report.
    summary: Vec<String>,
    pub records: Vec<ReportRecord>,
    pub totals: Totals,
    pub outcome: Outcome,
}

impl<'a> Sink<'a> {
    pub fn new(options: &Options, printer: &'a HumanPrinter) -> Self {
        Sink {
            human: (options.format == OutputFormat::Human).then_some(printer),
            terminal: options.terminal,
            policy: options.policy,
            jsonl: options.format == OutputFormat::Jsonl,
            keep_records: !options.format.streams() || !options.targets.is_empty(),
            heading_printed: false,
            held: Vec::new(),
            failed: Vec::new(),
            summary: Vec::new(),
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
        if self.terminal == Terminal::Summary {
            self.summary.extend(item.text);
        } else if let Some(t) = item.text {
            if self.terminal == Terminal::Table && !self.heading_printed {
                self.heading_printed = true;
                stdout_ok &= write_stdout(&format!("{}\n", compact::heading()));
            }
            stdout_ok &= write_stdout(&t);
        }
        self.held.extend(item.held);
        if self.jsonl {
            stdout_ok &= write_stdout_bytes(json::line(&item.record).as_bytes());
        }
        let grade = item.record.verdict.as_ref().map(|v| v.grade);
        if self.policy.fails(item.record.worst_counted(), grade) {
            self.failed.push(item.record.file.clone());
        }
        self.outcome.trouble |= !stdout_ok;
        self.totals.add(&item.record);
        self.outcome.add(&item.record);
        if self.keep_records {
            self.records.push(item.record);
        }
    }

    /// After the run: the failing reports' lines, then the closing summary.
    pub fn finish(&mut self) {
        let Some(printer) = self.human else {
            return;
        };
        let mut out = String::new();
        if !self.held.is_empty() {
            if !self.heading_printed {
                out.push_str(&format!("{}\n", compact::heading()));
            }
            out.push_str(&format!("\n未通过（{} 份）：\n", self.held.len()));
            out.extend(self.held.drain(..));
        }
        if self.totals.files == 1 && self.terminal == Terminal::Summary {
            out.extend(self.summary.drain(..));
        } else if self.totals.files > 1 {
            out.push_str(&format!(
                "\n{}\n",
                printer.totals_line(&self.totals, self.failed.len())
            ));
            out.push_str(&failed_names(&self.failed));
            if self.terminal == Terminal::Table {
                out.push_str("（逐条查看问题：加 --verbose，或对单个文件运行 dabiao check）\n");
            }
        }
        self.outcome.trouble |= !write_stdout(&out);
    }
}

/// "未通过的文件：a.yaml、b.docx（另有 3 个）" or nothing.
fn failed_names(failed: &[String]) -> String {
    if failed.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = failed
        .iter()
        .take(NAMED_FAILURES)
        .map(|f| dabiao::base::source::printable(f).into_owned())
        .collect();
    let more = failed.len().saturating_sub(NAMED_FAILURES);
    let more = if more > 0 {
        format!("（另有 {more} 个）")
    } else {
        String::new()
    };
    format!("未通过的文件：{}{more}\n", shown.join("、"))
}
