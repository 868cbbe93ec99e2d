//! The command line. Parsing and dispatch only; the work is in the library.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use cli::EXIT_USAGE;
use dabiao::render::OutputFormat;

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
    Check(CheckArgs),
    /// 打印数据集的 JSON Schema（供编辑器自动补全），或生成字段一览
    Schema {
        /// 输出 Markdown 字段一览（docs/fields.md 即由此生成）
        #[arg(long)]
        markdown: bool,
    },
    /// 生成一份空白数据集模板：所有指标都已列出，值为空
    Init(InitArgs),
    /// 从报告原文（.txt、.md、.docx）读出数据集并写成 .json/.yaml/.toml，便于保存和修改
    Import(ImportArgs),
    /// 比较两个规则包对同一批报告的评级：哪些等级改变、哪些问题增减（用于规则变更的 CI 把关）
    Diff(DiffArgs),
    /// 比较同一份报告的两个版本：已修正、仍未修正和新出现的问题，以及等级变化
    Compare(CompareArgs),
    /// 显示生效的配置（当前目录向上查找到的 dabiao.toml）
    Config,
    /// 规则包：列出、解释、生成文档、运行规则测试
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// 列出所有规则（编号、类别、严重程度、标题）
    List(PackArgs),
    /// 显示一条规则的元数据、依据、修改建议和脚本
    Explain {
        /// 规则编号，例如 CON-001
        id: String,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// 生成规则参考文档（默认写入 docs/rules.md，并链接 tests/rules/ 中的测试用例）
    Doc {
        /// 写入的文件；用 - 表示标准输出
        #[arg(short, long, default_value = "docs/rules.md")]
        output: PathBuf,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// 测量每条规则在给定报告上的耗时（中位数），从慢到快列出
    Bench {
        /// 用来测量的数据集文件或目录
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// 每条规则重复运行的次数
        #[arg(long, default_value_t = 101)]
        runs: usize,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// 运行规则测试用例（tests/rules/<规则编号>/）和整份报告的用例（tests/reports/）
    Test {
        /// 测试用例目录（默认 tests/rules）
        #[arg(long, value_name = "DIR")]
        fixtures: Option<PathBuf>,
        /// 整份报告的用例目录（默认：未指定 --fixtures 时为 tests/reports，目录不存在则跳过）
        #[arg(long, value_name = "DIR")]
        reports: Option<PathBuf>,
        /// 只测试编号以此开头的规则，例如 CON 或 THR-01
        #[arg(long, value_name = "PREFIX")]
        only: Option<String>,
        #[command(flatten)]
        pack: PackArgs,
    },
}

#[derive(clap::Args)]
pub struct PackArgs {
    /// 使用此目录中的规则包（默认使用内置规则包）
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// 覆盖阈值，例如 --set secondary.students_min=1000（可重复）
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// 要检查的文件、目录或通配符（如 'reports/**/*.yaml'）
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// 标准输出的格式：human（终端，默认）、json、jsonl、sarif、junit、csv、markdown、html
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// 另外写入报告文件，格式由扩展名决定（.json .jsonl .sarif .xml .csv .xlsx .md .html .txt），可重复
    #[arg(long = "report", value_name = "FILE")]
    pub reports: Vec<PathBuf>,
    /// 排除匹配的文件（通配符，可重复），例如 --exclude 'drafts/**'
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
    /// 并行检查的线程数（默认每个 CPU 核一个）
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// 不显示进度条
    #[arg(short, long)]
    pub quiet: bool,
    /// 出现哪一级问题时退出码为 1：error（默认）、warning 或 never
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// 任何报告低于此等级时退出码为 1
    #[arg(long, value_name = "GRADE", value_parser = ["A", "B", "C"])]
    pub min_grade: Option<String>,
    /// 豁免文件（TOML），由审核人员维护
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// 结束时在标准错误输出用时、速度和峰值内存
    #[arg(long)]
    pub stats: bool,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// 单个文件的大小上限，例如 64MiB、500KiB 或字节数
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = cli::parse_size)]
    pub max_file_size: u64,
    /// 终端输出中每个文件最多显示的问题数（json 输出不受限制）
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_diagnostics: usize,
    /// 使用此目录中的规则包（默认使用内置规则包）
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// 覆盖阈值，例如 --set secondary.students_min=1000（可重复）
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// 只检查数据集规范（JSON Schema），不运行规则，也不评级
    #[arg(long, conflicts_with_all = ["rules", "set"])]
    pub no_rules: bool,
}

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
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = cli::parse_size)]
    pub max_file_size: u64,
}

#[derive(clap::Args)]
pub struct InitArgs {
    /// 模板格式
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

#[derive(clap::Args)]
pub struct DiffArgs {
    /// 作为基准的规则包：目录，或 git 版本（如 origin/main，取该版本的 rules/ 目录）
    #[arg(long, value_name = "DIR|GIT-REV")]
    pub base: String,
    /// 新规则包的目录（默认：当前目录的 rules/，或 dabiao.toml 指定的规则包，或内置规则包）
    #[arg(long, value_name = "DIR")]
    pub head: Option<PathBuf>,
    /// 要评级的报告：文件、目录或通配符
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// 只对新规则包覆盖阈值（回答“如果这个阈值改了会怎样”）
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// 只对基准规则包覆盖阈值
    #[arg(long = "base-set", value_name = "KEY=VALUE")]
    pub base_set: Vec<String>,
    /// 等级改变时也以 0 退出
    #[arg(long)]
    pub allow_grade_changes: bool,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// 并行线程数
    #[arg(short, long)]
    pub jobs: Option<usize>,
}

#[derive(clap::Args)]
pub struct CompareArgs {
    /// 原来提交的版本
    pub old: PathBuf,
    /// 重新提交的版本
    pub new: PathBuf,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// 使用此目录中的规则包
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// 覆盖阈值
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum InitFormat {
    Json,
    Yaml,
    Toml,
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
