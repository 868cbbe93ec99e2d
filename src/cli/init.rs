//! `dabiao init`, `dabiao schema` and `dabiao config`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use dabiao::dataset::Format;
use dabiao::schema::Schema;
use dabiao::template::{self, Level, Stage, TemplateSpec};

use super::{EXIT_USAGE, current_config, write_stdout};

// The arguments of `dabiao init`; the field doc comments are the help text.
#[derive(clap::Args)]
pub struct InitArgs {
    /// 模板格式；xlsx 为 Excel 工作簿，须用 -o 写入文件
    #[arg(long, value_enum, default_value_t = InitFormat::Yaml)]
    pub format: InitFormat,
    /// 报告层级
    #[arg(long, value_enum)]
    pub level: LevelArg,
    /// 教育层次：secondary（中职）、higher（高职）或 both（两者，省级报告常用）
    #[arg(long, value_enum)]
    pub stage: StageArg,
    /// 报告年度，例如 2024
    #[arg(long, value_parser = clap::value_parser!(i64).range(2012..=2100))]
    pub year: i64,
    /// 只列报告年度一列（默认同时列出上一年度，与国家模板的两年对比一致）
    #[arg(long)]
    pub no_previous_year: bool,
    /// 写入文件（默认打印到标准输出）
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的文件
    #[arg(long)]
    pub force: bool,
}

// `--format`, `--level` and `--stage`, mapped onto the library's types in `init`.
#[derive(Clone, Copy, ValueEnum)]
pub enum InitFormat {
    Json,
    Yaml,
    Toml,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LevelArg {
    School,
    County,
    City,
    Province,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StageArg {
    Secondary,
    Higher,
    Both,
}

pub fn schema(markdown: bool) -> ExitCode {
    let text = if markdown {
        dabiao::schema::doc::fields_markdown(Schema::embedded().index())
    } else {
        dabiao::schema::SCHEMA_TEXT.to_string()
    };
    if write_stdout(&text) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_USAGE)
    }
}

pub fn init(args: InitArgs) -> ExitCode {
    let spec = TemplateSpec {
        level: match args.level {
            LevelArg::School => Level::School,
            LevelArg::County => Level::County,
            LevelArg::City => Level::City,
            LevelArg::Province => Level::Province,
        },
        stages: match args.stage {
            StageArg::Secondary => vec![Stage::Secondary],
            StageArg::Higher => vec![Stage::Higher],
            StageArg::Both => vec![Stage::Higher, Stage::Secondary],
        },
        year: args.year,
        previous_year: !args.no_previous_year,
    };
    let format = match args.format {
        InitFormat::Json => Format::Json,
        InitFormat::Yaml => Format::Yaml,
        InitFormat::Toml => Format::Toml,
        InitFormat::Xlsx => return init_xlsx(&args, &spec),
    };
    let schema = Schema::embedded();
    let value = template::build(schema.index(), &spec);
    let text = template::render(schema.index(), &value, format);
    match args.output {
        None => {
            if write_stdout(&text) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_USAGE)
            }
        }
        Some(path) => {
            if path.exists() && !args.force {
                say!("dabiao: {} 已存在；如要覆盖请加 --force", path.display());
                return ExitCode::from(EXIT_USAGE);
            }
            match dabiao::base::files::write_atomically(&path, text.as_bytes()) {
                Ok(()) => {
                    say!("已写入模板：{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say!(
                        "dabiao: 无法写入 {}：{}",
                        path.display(),
                        dabiao::base::files::write_reason(&path, &e)
                    );
                    ExitCode::from(EXIT_USAGE)
                }
            }
        }
    }
}

/// The blank workbook: the template's dataset through the export model.
fn init_xlsx(args: &InitArgs, spec: &TemplateSpec) -> ExitCode {
    let Some(path) = &args.output else {
        say!("dabiao: {}", super::export::XLSX_TO_STDOUT);
        return ExitCode::from(EXIT_USAGE);
    };
    let schema = Schema::embedded();
    let value = template::build(schema.index(), spec);
    let sheets = dabiao::export::book(&value, schema.index());
    match dabiao::export::xlsx::write(&sheets) {
        Ok(bytes) => super::export::write_file(path, &bytes, args.force, "已写入模板：{}"),
        Err(e) => {
            say!("dabiao: 无法生成工作簿：{e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

pub fn config() -> ExitCode {
    match current_config() {
        Ok(c) => {
            let mut out = match &c.path {
                Some(p) => format!("# 配置文件：{}\n", p.display()),
                None => "# 没有找到 dabiao.toml，使用默认设置\n".to_string(),
            };
            // The effective settings: the file's values, and the defaults for the rest.
            let mut merged = c.clone();
            merged.fail_on.get_or_insert_with(|| "error".to_string());
            merged
                .jobs
                .get_or_insert_with(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            out.push_str(&toml::to_string(&merged).unwrap_or_default());
            if c.rules.is_none() {
                out.push_str("# rules：未设置，使用内置规则包\n");
            }
            if c.min_grade.is_none() {
                out.push_str("# min-grade：未设置，不按等级判定退出码\n");
            }
            out.push_str("# 命令行参数（--rules、--set、--fail-on、--min-grade、--report、--exclude、--jobs、--waivers）优先于此文件\n");
            write_stdout(&out);
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("dabiao: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
