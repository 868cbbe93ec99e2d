//! `dabiao export`: a dataset (or a report's text, through import) written as a
//! workbook (.xlsx) or .csv in the layout dabiao reads back; and the file writing
//! `init --format xlsx` shares.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use dabiao::dataset::Limits;
use dabiao::schema::Schema;

use super::{EXIT_USAGE, fail_usage, write_stdout_bytes};

// The arguments of `dabiao export`; the field doc comments are the help text.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// 数据集（.json、.yaml/.yml、.toml）、报告原文（.txt、.md、.docx、.pdf）或数据表（.xlsx、.xls、.ods、.csv）
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// 输出格式：xlsx（工作簿）或 csv（默认按输出文件的扩展名）
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// 写入的文件（.xlsx 或 .csv）；csv 可省略，打印到标准输出
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的文件
    #[arg(long)]
    pub force: bool,
    /// 单个文件的大小上限，例如 64MiB
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = super::parse_size)]
    pub max_file_size: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

pub fn run(args: ExportArgs) -> ExitCode {
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, Some(p)) => match extension(p).as_str() {
            "xlsx" => ExportFormat::Xlsx,
            "csv" => ExportFormat::Csv,
            _ => {
                return fail_usage(format!(
                    "无法从文件名判断输出格式：{}；请用 --format xlsx 或 --format csv",
                    p.display()
                ));
            }
        },
        (None, None) => {
            return fail_usage("请用 --format 指定 xlsx 或 csv，并用 -o 指定写入的文件");
        }
    };
    if format == ExportFormat::Xlsx && args.output.is_none() {
        return fail_usage(XLSX_TO_STDOUT);
    }
    if let Some(p) = args.output.as_deref().filter(|p| p.exists() && !args.force) {
        return fail_usage(format!("{} 已存在；如要覆盖请加 --force", p.display()));
    }
    let limits = Limits {
        max_file_size: args.max_file_size,
        ..Limits::default()
    };
    let name = args.input.display().to_string();
    let loaded = dabiao::load::load_file(&args.input, &name, &limits);
    let Some(dataset) = loaded.dataset else {
        let why = loaded
            .findings
            .first()
            .map(|f| format!("：{}", f.message))
            .unwrap_or_default();
        return fail_usage(format!("无法从 {name} 读出数据{why}"));
    };
    let schema = Schema::embedded();
    let sheets = dabiao::export::book(&dataset.value, schema.index());
    let bytes = match format {
        ExportFormat::Csv => dabiao::export::csv::write(&sheets),
        ExportFormat::Xlsx => match dabiao::export::xlsx::write(&sheets) {
            Ok(b) => b,
            Err(e) => return fail_usage(format!("无法生成工作簿：{e}")),
        },
    };
    match &args.output {
        None => ok_or_usage(write_stdout_bytes(&bytes)),
        Some(path) => write_file(path, &bytes, true, "已写入：{}（用 dabiao check 检查它）"),
    }
}

/// What `init` and `export` say when asked to print a workbook.
pub const XLSX_TO_STDOUT: &str = "xlsx 工作簿是二进制文件，不能打印到终端或标准输出；请用 -o 指定写入的文件，例如 -o 数据表.xlsx";

fn extension(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

fn ok_or_usage(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_USAGE)
    }
}

/// Writes `bytes` to `path` (refusing to overwrite unless `force`); `done` is said
/// with the path in place of `{}`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool, done: &str) -> ExitCode {
    if path.exists() && !force {
        return fail_usage(format!("{} 已存在；如要覆盖请加 --force", path.display()));
    }
    match dabiao::base::files::write_atomically(path, bytes) {
        Ok(()) => {
            say!("{}", done.replace("{}", &path.display().to_string()));
            ExitCode::SUCCESS
        }
        Err(e) => fail_usage(format!(
            "无法写入 {}：{}",
            path.display(),
            dabiao::base::files::write_reason(path, &e)
        )),
    }
}
