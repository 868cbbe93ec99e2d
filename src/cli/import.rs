//! `dabiao import`: a report (.txt, .md, .docx, .pdf) or a spreadsheet of its tables
//! (.xlsx, .xls, .ods, .csv) into a dataset file that a
//! school can keep, correct and check again; or, with `-o FILE.txt`, the text that
//! was read from a Word or PDF file, to see what the import saw.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dabiao::check::{Checker, FileReport};
use dabiao::dataset::{Format, Limits};
use dabiao::finding::{Category, Severity};
use dabiao::inputs::Input;
use dabiao::render::human::{HumanOptions, HumanPrinter};
use dabiao::schema::Schema;

use super::{EXIT_FINDINGS, EXIT_USAGE, fail_usage, terminal_width, write_stdout};

// The arguments of `dabiao import`; the field doc comments are the help text.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// 报告原文（.txt、.md、.docx、.pdf）或数据表（.xlsx、.xls、.ods、.csv）
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// 报告的数据表所在的表格文件：正文从报告读，数据表从这里读
    #[arg(long, value_name = "FILE")]
    pub tables: Option<PathBuf>,
    /// 写入的数据集文件（.json、.yaml/.yml 或 .toml）；默认以 JSON 打印到标准输出。
    /// 写成 .txt 时，输出从 Word、PDF 或表格中读出的文字（诊断中的行号即指这份文字）
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的文件
    #[arg(long)]
    pub force: bool,
    /// 单个文件的大小上限，例如 64MiB
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = super::parse_size)]
    pub max_file_size: u64,
}

pub fn run(args: ImportArgs) -> ExitCode {
    let out_format = match output_format(&args) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let report = read_report(&args);
    let Some(dataset) = &report.dataset else {
        return fail_usage(format!("无法从 {} 读出数据", args.input.display()));
    };
    if out_format == Format::Text {
        let text = report.source.as_ref().map_or("", |s| s.text());
        return if write_file(
            args.output.as_deref(),
            text,
            "已写入读出的文字：{}（诊断中的行号即指这份文字）",
        ) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_USAGE)
        };
    }
    let index = Schema::embedded();
    let text = dabiao::template::render(index.index(), &dataset.value, out_format).replacen(
        "dabiao 数据集模板",
        &format!("dabiao import 从 {} 读出的数据集", args.input.display()),
        1,
    );
    if !write_file(
        args.output.as_deref(),
        &text,
        "已写入数据集：{}（用 dabiao check 检查它）",
    ) {
        return ExitCode::from(EXIT_USAGE);
    }
    if report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
    {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// The dataset format to write, after checking that the input is a report's text
/// and that the output (if any) has a dataset extension and may be written.
fn output_format(args: &ImportArgs) -> Result<Format, ExitCode> {
    let format = Format::from_path(&args.input);
    if !format.is_some_and(|f| f.is_report_text() || f.is_spreadsheet()) {
        return Err(fail_usage(format!(
            "import 读取报告原文（.txt、.md、.docx、.pdf）或数据表（.xlsx、.xls、.ods、.csv）；{} 不是这几种文件",
            args.input.display()
        )));
    }
    let from_file =
        format.is_some_and(|f| matches!(f, Format::Docx | Format::Pdf) || f.is_spreadsheet());
    let out_format = match &args.output {
        None => Format::Json,
        Some(p) => match Format::from_path(p) {
            Some(f @ (Format::Json | Format::Yaml | Format::Toml)) => f,
            Some(Format::Text) if from_file => Format::Text,
            _ => {
                return Err(fail_usage(format!(
                    "输出文件的扩展名应为 .json、.yaml/.yml 或 .toml（从 .docx、.pdf 或表格读出的文字可写成 .txt）：{}",
                    p.display()
                )));
            }
        },
    };
    if let Some(p) = &args.output
        && p.exists()
        && !args.force
    {
        return Err(fail_usage(format!(
            "{} 已存在；如要覆盖请加 --force",
            p.display()
        )));
    }
    Ok(out_format)
}

/// Reads the report's text into a dataset; shows on stderr what the import itself
/// found (the schema's and rules' turn comes with `check`).
fn read_report(args: &ImportArgs) -> FileReport {
    let limits = Limits {
        max_file_size: args.max_file_size,
        ..Limits::default()
    };
    let checker = Checker::new(Schema::embedded(), None, limits);
    let mut input = Input::new(args.input.clone(), args.input.display().to_string());
    input.tables = args
        .tables
        .as_ref()
        .map(|t| Box::new(Input::new(t.clone(), t.display().to_string())));
    let mut report = checker.check(&input);
    report
        .findings
        .retain(|f| !matches!(f.category, Category::Schema));
    let printer = HumanPrinter::new(HumanOptions {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: terminal_width().unwrap_or(100),
        max_per_file: 200,
        ..HumanOptions::default()
    });
    if !report.findings.is_empty() {
        eprint!("{}", printer.file_diagnostics(&report));
    }
    // What was read, so the dataset can be trusted (or not) at a glance.
    if let Some(summary) = dabiao::record::import_summary(&report) {
        say!("{}", summary.text());
    }
    report
}

/// Writes `text` to `output` (atomically), or to stdout, and says so with `done`
/// (its `{}` is the file); `false` on failure.
fn write_file(output: Option<&Path>, text: &str, done: &str) -> bool {
    match output {
        None => write_stdout(text),
        Some(p) => match dabiao::base::files::write_atomically(p, text.as_bytes()) {
            Ok(()) => {
                say!("{}", done.replace("{}", &p.display().to_string()));
                true
            }
            Err(e) => {
                say!(
                    "dabiao: 无法写入 {}：{}",
                    p.display(),
                    dabiao::base::files::write_reason(p, &e)
                );
                false
            }
        },
    }
}
