//! `dabiao import`: a report's text (.txt, .md, .docx) into a dataset file that a
//! school can keep, correct and check again.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use dabiao::check::Checker;
use dabiao::dataset::{Format, Limits};
use dabiao::finding::{Category, Severity};
use dabiao::inputs::Input;
use dabiao::render::human::{HumanOptions, HumanPrinter};
use dabiao::schema::Schema;

use super::{EXIT_FINDINGS, EXIT_USAGE, terminal_width, write_stdout};

// The arguments of `dabiao import`; the field doc comments are the help text.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// 报告原文：.txt、.md 或 .docx
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// 写入的数据集文件（.json、.yaml/.yml 或 .toml）；默认以 JSON 打印到标准输出
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
    let format = Format::from_path(&args.input);
    if !format.is_some_and(Format::is_report_text) {
        eprintln!(
            "dabiao: import 读取报告原文（.txt、.md、.docx）；{} 不是这几种文件",
            args.input.display()
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let out_format = match &args.output {
        None => Format::Json,
        Some(p) => match Format::from_path(p) {
            Some(f @ (Format::Json | Format::Yaml | Format::Toml)) => f,
            _ => {
                eprintln!(
                    "dabiao: 输出文件的扩展名应为 .json、.yaml/.yml 或 .toml：{}",
                    p.display()
                );
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    if let Some(p) = &args.output
        && p.exists()
        && !args.force
    {
        eprintln!("dabiao: {} 已存在；如要覆盖请加 --force", p.display());
        return ExitCode::from(EXIT_USAGE);
    }
    let limits = Limits {
        max_file_size: args.max_file_size,
        ..Limits::default()
    };
    let checker = Checker::new(Schema::embedded(), None, limits);
    let input = Input {
        display: args.input.display().to_string(),
        path: args.input.clone(),
    };
    let mut report = checker.check(&input);
    // Only what the import itself found: the schema's and rules' turn comes with `check`.
    report
        .findings
        .retain(|f| !matches!(f.category, Category::Schema));
    let printer = HumanPrinter::new(HumanOptions {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: terminal_width().unwrap_or(100),
        max_per_file: 200,
    });
    if !report.findings.is_empty() {
        eprint!("{}", printer.file_diagnostics(&report));
    }
    let Some(dataset) = &report.dataset else {
        eprintln!("dabiao: 无法从 {} 读出数据", args.input.display());
        return ExitCode::from(EXIT_USAGE);
    };
    let index = Schema::embedded();
    let text = dabiao::template::render(index.index(), &dataset.value, out_format).replacen(
        "dabiao 数据集模板",
        &format!("dabiao import 从 {} 读出的数据集", args.input.display()),
        1,
    );
    let written = match &args.output {
        None => write_stdout(&text),
        Some(p) => match dabiao::output::write_atomically(p, text.as_bytes()) {
            Ok(()) => {
                eprintln!("已写入数据集：{}（用 dabiao check 检查它）", p.display());
                true
            }
            Err(e) => {
                eprintln!("dabiao: 无法写入 {}：{e}", p.display());
                false
            }
        },
    };
    if !written {
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
