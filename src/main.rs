//! The command line: the top-level command enum, parsing and dispatch. Each
//! command's arguments and implementation are in `cli/`; the work is in the library.

mod cli;

/// Counts each thread's bytes, so the rule sandbox can bound a rule's memory.
#[global_allocator]
static ALLOC: dabiao::base::alloc::Counting = dabiao::base::alloc::Counting;

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
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            a.help_heading(heading)
        })
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    cmd.mut_subcommands(localize)
}

/// One Chinese line before clap's own (English) explanation of a usage error.
fn usage_error_in_chinese(e: &clap::Error) -> Option<String> {
    use clap::error::ErrorKind::*;
    let what = match e.kind() {
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand => return None,
        MissingRequiredArgument => "缺少必需的参数",
        InvalidValue | ValueValidation => "参数的值无效",
        UnknownArgument => "无法识别的选项",
        InvalidSubcommand => "无法识别的命令",
        MissingSubcommand => "缺少命令",
        ArgumentConflict => "这些选项不能同时使用",
        TooManyValues | TooFewValues | WrongNumberOfValues => "参数的个数不对",
        NoEquals => "选项需要用 = 给出值",
        _ => "命令行有误",
    };
    Some(format!(
        "dabiao：{what}（用 dabiao --help 或 dabiao <命令> --help 查看用法）"
    ))
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let command = localize(Cli::command().disable_help_flag(true)).arg(
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
            if let Some(line) = usage_error_in_chinese(&e) {
                eprintln!("{line}");
            }
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => cli::check::run(args),
        Command::Schema { markdown } => cli::init::schema(markdown),
        Command::Init(args) => cli::init::init(args),
        Command::Import(args) => cli::import::run(args),
        Command::Rules { command } => cli::rules::rules(command),
        Command::Config => cli::init::config(),
        Command::Diff(args) => cli::diff::diff_cmd(args),
        Command::Compare(args) => cli::diff::compare_cmd(args),
    }
}
