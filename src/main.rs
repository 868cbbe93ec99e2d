//! The command line: the top-level command enum, parsing and dispatch. Each
//! command's arguments and implementation are in `cli/`; the work is in the library.

mod cli;

// glibc's malloc was ~17% of a single report's instructions (Rhai's parser and
// evaluator allocate small strings and values by the million); mimalloc's
// thread-local free lists make those allocations several times cheaper.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::say;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cli::EXIT_USAGE;

/// 达标：检查职业教育质量年度报告的数据集，指出每个问题在文件中的位置。
#[derive(Parser)]
#[command(name = "dabiao", version, long_about = None)]
#[command(
    about = "达标：检查和评级职业教育质量年度报告的数据集，指出每个问题在文件中的位置、依据和改法"
)]
#[command(disable_help_subcommand = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// 检查数据集（.json、.yaml/.yml、.toml）或报告原文（.txt、.md、.docx），可给出文件、目录或通配符
    Check(cli::check::CheckArgs),
    /// 打印数据集的 JSON Schema（供编辑器自动补全），或生成字段一览
    Schema {
        /// 输出 Markdown 字段一览（docs/fields.md 即由此生成）
        #[arg(long)]
        markdown: bool,
    },
    /// 生成一份空白数据集模板：所有指标都已列出，值为空
    Init(cli::init::InitArgs),
    /// 从报告原文（.txt、.md、.docx）读出数据集并写成 .json/.yaml/.toml，便于保存和修改
    Import(cli::import::ImportArgs),
    /// 把数据集（或报告原文读出的数据）写成 Excel 工作簿（.xlsx）或 .csv，便于在表格中填写和核对
    Export(cli::export::ExportArgs),
    /// 比较两个规则包对同一批报告的评级：哪些等级改变、哪些问题增减（用于规则变更的 CI 把关）
    Diff(cli::diff::DiffArgs),
    /// 比较同一份报告的两个版本：已修正、仍未修正和新出现的问题，以及等级变化
    Compare(cli::diff::CompareArgs),
    /// 显示生效的配置（当前目录向上查找到的 dabiao.toml）
    Config,
    /// 规则包：列出、解释、生成文档、运行规则测试
    Rules {
        #[command(subcommand)]
        command: cli::rules::RulesCommand,
    },
}

/// Chinese headings and help for clap's built-in parts, on every subcommand.
fn localize(cmd: clap::Command) -> clap::Command {
    let cmd = cmd
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_version_flag(true)
        .mut_args({
            // A custom heading sorts its arguments by name; keep the order they are
            // declared in (OLD before NEW), as the usage line shows them.
            let mut order = 0;
            move |a| {
                order += 1;
                let heading = if a.is_positional() {
                    "参数"
                } else {
                    "选项"
                };
                value_names_in_chinese(with_values_in_chinese(a))
                    .help_heading(heading)
                    .display_order(order)
            }
        })
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项")
                .display_order(usize::MAX),
        );
    cmd.mut_subcommands(localize)
}

/// The usage line with clap's English placeholders ("[OPTIONS]", "<COMMAND>") in
/// Chinese, for `cmd` (named `path` from the top) and its subcommands.
fn usage_in_chinese(cmd: clap::Command, parent: &str) -> clap::Command {
    let path = match parent {
        "" => cmd.get_name().to_string(),
        p => format!("{p} {}", cmd.get_name()),
    };
    let usage = cmd
        .clone()
        .bin_name(&path)
        .disable_help_flag(true)
        .render_usage()
        .to_string();
    let usage = usage
        .trim_start_matches("Usage: ")
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>");
    cmd.override_usage(usage)
        .mut_subcommands(|sub| usage_in_chinese(sub, &path))
}

/// clap writes "[default: …] [possible values: …]" in English after each help line:
/// the same said in Chinese inside the help text instead.
fn with_values_in_chinese(a: clap::Arg) -> clap::Arg {
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let possible: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let takes_value = a.get_action().takes_values();
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    // A help text that already names the values or the default is not repeated.
    let mut notes = Vec::new();
    if !possible.is_empty() && !possible.iter().all(|v| help.contains(v.as_str())) {
        notes.push(format!("可选：{}", possible.join("、")));
    }
    if !defaults.is_empty() && !help.contains("默认") {
        notes.push(format!("默认：{}", defaults.join("、")));
    }
    if !takes_value {
        return a;
    }
    let a = a.hide_default_value(true).hide_possible_values(true);
    if notes.is_empty() {
        return a;
    }
    a.help(format!("{help}（{}）", notes.join("；")))
}

/// The placeholders of help and usage lines (`--report <FILE>`, `<OLD>`) in Chinese:
/// declared ones and those clap derives from an argument's name alike.
fn value_names_in_chinese(a: clap::Arg) -> clap::Arg {
    if !a.get_action().takes_values() {
        return a;
    }
    let declared: Vec<String> = a
        .get_value_names()
        .map(|v| v.iter().map(|n| n.to_string()).collect())
        .unwrap_or_else(|| vec![a.get_id().as_str().to_uppercase()]);
    // An unknown name keeps the argument as it is (tests/english_words.rs names it).
    match declared
        .iter()
        .map(|n| placeholder(n))
        .collect::<Option<Vec<_>>>()
    {
        Some(chinese) => a.value_names(chinese),
        None => a,
    }
}

/// One placeholder's Chinese name.
fn placeholder(name: &str) -> Option<&'static str> {
    Some(match name {
        "FILE" | "OUTPUT" => "文件",
        "DIR" => "目录",
        "DIR|GIT-REV" => "目录|版本",
        "INPUT" | "INPUTS" => "输入",
        "KEY=VALUE" | "SET" => "键=值",
        "PATTERN" | "EXCLUDE" => "通配符",
        "PREFIX" | "ONLY" => "前缀",
        "SIZE" | "MAX_FILE_SIZE" => "大小",
        "GRADE" | "MIN_GRADE" => "等级",
        "FORMAT" => "格式",
        "COLOR" => "何时",
        "FAIL_ON" => "级别",
        "LEVEL" => "层级",
        "STAGE" => "层次",
        "YEAR" => "年度",
        "OLD" => "原版本",
        "NEW" => "新版本",
        "ID" => "编号",
        "RUNS" => "次数",
        "JOBS" | "N" | "MAX_DIAGNOSTICS" => "N",
        _ => return None,
    })
}

/// A usage error said wholly in Chinese: what is wrong, with the argument and value
/// clap names, then where to look. `None` for --help and --version (clap prints those).
fn usage_error_in_chinese(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind::*};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg)
        .map(|a| a.split(' ').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand => return None,
        MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        InvalidValue => match (value.is_empty(), context(ContextKind::ValidValue)) {
            (false, Some(valid)) => format!("{arg} 的值 {value} 无效；可用的值：{valid}"),
            (true, Some(valid)) => format!("{arg} 需要一个值；可用的值：{valid}"),
            (_, None) => format!("{arg} 需要一个值"),
        },
        ValueValidation => format!("{arg} 的值 {value} 无效：{}", validation_reason(e)),
        UnknownArgument => format!("无法识别的选项 {arg}"),
        InvalidSubcommand => format!(
            "无法识别的命令 {}",
            context(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        MissingSubcommand => "缺少命令".to_string(),
        ArgumentConflict => match context(ContextKind::PriorArg) {
            Some(prior) => format!("{arg} 不能与 {prior} 同时使用"),
            None => format!("{arg} 不能与其他选项同时使用"),
        },
        TooManyValues | TooFewValues | WrongNumberOfValues => format!("{arg} 的值的个数不对"),
        NoEquals => format!("{arg} 需要用 = 给出值"),
        _ => "命令行有误".to_string(),
    };
    Some(format!(
        "dabiao: {what}\n（用 dabiao --help 或 dabiao <命令> --help 查看用法）"
    ))
}

/// clap ends its headings ("选项", "参数", "命令") with an ASCII colon; every other
/// Chinese line of dabiao uses the full-width one.
fn one_colon_style(help: &str) -> String {
    help.lines()
        .map(|l| match l.strip_suffix(':') {
            Some(heading) if !heading.is_empty() && !heading.contains(' ') => {
                format!("{heading}：\n")
            }
            _ => format!("{l}\n"),
        })
        .collect()
}

/// Why a value was refused: our own parsers' messages are Chinese already; Rust's
/// number parsers' are not.
fn validation_reason(e: &clap::Error) -> String {
    use std::error::Error;
    let Some(source) = e.source() else {
        return "格式不对".to_string();
    };
    if source.downcast_ref::<std::num::ParseIntError>().is_some() {
        return "应为不小于 0 的整数".to_string();
    }
    if source.downcast_ref::<std::num::ParseFloatError>().is_some() {
        return "应为数".to_string();
    }
    let text = source.to_string();
    if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        text
    } else {
        format!("格式不对（{text}）")
    }
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let command = usage_in_chinese(localize(Cli::command().disable_help_flag(true)), "").arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(clap::ArgAction::Version)
            .help("显示版本")
            .help_heading("选项"),
    );
    let parsed = command
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            match usage_error_in_chinese(&e) {
                Some(text) => say!("{text}"),
                // Help and version: clap's text, with its headings' colons as ours.
                None => {
                    let text = one_colon_style(&e.render().to_string());
                    if e.use_stderr() {
                        say!("{}", text.trim_end());
                    } else {
                        cli::write_stdout(&text);
                    }
                }
            }
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Schema { markdown } => cli::init::schema(markdown),
        Command::Init(args) => cli::init::init(args),
        Command::Import(args) => cli::import::run(args),
        Command::Export(args) => cli::export::run(args),
        Command::Rules { command } => cli::rules::rules(command),
        Command::Config => cli::init::config(),
        Command::Diff(args) => cli::diff::diff_cmd(args),
        Command::Compare(args) => cli::diff::compare_cmd(args),
    }
}
