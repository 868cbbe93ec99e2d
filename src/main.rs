//! The command line. Parsing and dispatch only; the work is in the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use dabiao::check::{Checker, FileReport};
use dabiao::dataset::{Format, Limits};
use dabiao::inputs;
use dabiao::render::{Totals, human, json};
use dabiao::rules::engine::Limits as RuleLimits;
use dabiao::rules::{PackSource, RulePack};
use dabiao::schema::Schema;
use dabiao::template::{self, Level, Stage, TemplateSpec};

/// 达标：检查职业教育质量年度报告的数据集，指出每个问题在文件中的位置。
#[derive(Parser)]
#[command(name = "dabiao", version, about, long_about = None)]
#[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
#[command(disable_help_subcommand = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查数据集文件（.json、.yaml/.yml、.toml），可给出文件、目录或通配符
    Check(CheckArgs),
    /// 打印数据集的 JSON Schema（供编辑器自动补全），或生成字段一览
    Schema {
        /// 输出 Markdown 字段一览（docs/fields.md 即由此生成）
        #[arg(long)]
        markdown: bool,
    },
    /// 生成一份空白数据集模板：所有指标都已列出，值为空
    Init(InitArgs),
    /// 显示生效的配置（当前目录向上查找到的 dabiao.toml）
    Config,
    /// 规则包：列出、解释、生成文档、运行规则测试
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// 列出所有规则（编号、类别、严重程度、标题）
    List(PackArgs),
    /// 显示一条规则的元数据、依据、修改建议和脚本
    Explain {
        /// 规则编号，例如 CON-001
        id: String,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// 生成规则参考文档（默认写入 docs/rules.md）
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
    /// 运行规则测试用例（tests/rules/<规则编号>/）
    Test {
        /// 测试用例目录
        #[arg(long, value_name = "DIR", default_value = "tests/rules")]
        fixtures: PathBuf,
        /// 只测试编号以此开头的规则，例如 CON 或 THR-01
        #[arg(long, value_name = "PREFIX")]
        only: Option<String>,
        #[command(flatten)]
        pack: PackArgs,
    },
}

#[derive(clap::Args)]
struct PackArgs {
    /// 使用此目录中的规则包（默认使用内置规则包）
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// 覆盖阈值，例如 --set secondary.students_min=1000（可重复）
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// 要检查的文件、目录或通配符（如 'reports/**/*.yaml'）
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// 输出格式：human（终端，默认）或 json
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// 单个文件的大小上限，例如 64MiB、500KiB 或字节数
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    max_file_size: u64,
    /// 终端输出中每个文件最多显示的问题数（json 输出不受限制）
    #[arg(long, value_name = "N", default_value_t = 50)]
    max_diagnostics: usize,
    /// 使用此目录中的规则包（默认使用内置规则包）
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// 覆盖阈值，例如 --set secondary.students_min=1000（可重复）
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// 只检查数据集规范（JSON Schema），不运行规则，也不评级
    #[arg(long, conflicts_with_all = ["rules", "set"])]
    no_rules: bool,
}

#[derive(clap::Args)]
struct InitArgs {
    /// 模板格式
    #[arg(long, value_enum, default_value_t = InitFormat::Yaml)]
    format: InitFormat,
    /// 报告层级
    #[arg(long, value_enum)]
    level: LevelArg,
    /// 教育层次：secondary（中职）、higher（高职）或 both（两者，省级报告常用）
    #[arg(long, value_enum)]
    stage: StageArg,
    /// 报告年度，例如 2024
    #[arg(long, value_parser = clap::value_parser!(i64).range(2012..=2100))]
    year: i64,
    /// 只列报告年度一列（默认同时列出上一年度，与国家模板的两年对比一致）
    #[arg(long)]
    no_previous_year: bool,
    /// 写入文件（默认打印到标准输出）
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// 覆盖已存在的文件
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum InitFormat {
    Json,
    Yaml,
    Toml,
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    School,
    County,
    City,
    Province,
}

#[derive(Clone, Copy, ValueEnum)]
enum StageArg {
    Secondary,
    Higher,
    Both,
}

/// Exit codes: 0 no error-level finding, 1 some, 2 usage or I/O error.
const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Schema { markdown } => schema(markdown),
        Command::Init(args) => init(args),
        Command::Rules { command } => rules(command),
        Command::Config => config(),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let (files, input_errors) = inputs::expand(&args.inputs);
    for e in &input_errors {
        eprintln!("dabiao: {}：{}", e.input, e.reason);
    }
    let limits = Limits {
        max_file_size: args.max_file_size,
        ..Limits::default()
    };
    let pack = if args.no_rules {
        None
    } else {
        match load_pack(args.rules.as_deref(), &args.set) {
            Ok(p) => Some(p),
            Err(code) => return code,
        }
    };
    let checker = Checker::new(Schema::embedded(), pack, limits);
    let reports: Vec<FileReport> = files.iter().map(|f| checker.check(f)).collect();
    let output = match args.format {
        OutputFormat::Json => json::render(&reports),
        OutputFormat::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let width = terminal_width().unwrap_or(100);
            let printer = human::HumanPrinter::new(human::HumanOptions {
                color,
                width,
                max_per_file: args.max_diagnostics,
            });
            let mut s = String::new();
            for r in &reports {
                s.push_str(&printer.file(r));
            }
            if reports.len() > 1 {
                s.push('\n');
                s.push_str(&printer.totals_line(&Totals::of(&reports)));
                s.push('\n');
            }
            s
        }
    };
    if !write_stdout(&output) {
        return ExitCode::from(EXIT_USAGE);
    }
    if !input_errors.is_empty() {
        ExitCode::from(EXIT_USAGE)
    } else if reports.iter().any(FileReport::has_errors) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn schema(markdown: bool) -> ExitCode {
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

fn init(args: InitArgs) -> ExitCode {
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
                eprintln!("dabiao: {} 已存在；如要覆盖请加 --force", path.display());
                return ExitCode::from(EXIT_USAGE);
            }
            match dabiao::output::write_atomically(&path, text.as_bytes()) {
                Ok(()) => {
                    eprintln!("已写入模板：{}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("dabiao: 无法写入 {}：{e}", path.display());
                    ExitCode::from(EXIT_USAGE)
                }
            }
        }
    }
}

fn rules(command: RulesCommand) -> ExitCode {
    let pack_args = match &command {
        RulesCommand::List(p)
        | RulesCommand::Bench { pack: p, .. }
        | RulesCommand::Explain { pack: p, .. }
        | RulesCommand::Doc { pack: p, .. }
        | RulesCommand::Test { pack: p, .. } => p,
    };
    let pack = match load_pack(pack_args.rules.as_deref(), &pack_args.set) {
        Ok(p) => p,
        Err(code) => return code,
    };
    match command {
        RulesCommand::List(_) => {
            write_stdout(&dabiao::rules::doc::list(&pack));
            ExitCode::SUCCESS
        }
        RulesCommand::Explain { id, .. } => match pack.rule(&id) {
            Some(r) => {
                write_stdout(&dabiao::rules::doc::explain(r));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("dabiao: 没有编号为 {id} 的规则（dabiao rules list 列出全部规则）");
                ExitCode::from(EXIT_USAGE)
            }
        },
        RulesCommand::Doc { output, .. } => {
            let text = dabiao::rules::doc::markdown(&pack);
            if output.as_os_str() == "-" {
                write_stdout(&text);
                return ExitCode::SUCCESS;
            }
            match dabiao::output::write_atomically(&output, text.as_bytes()) {
                Ok(()) => {
                    eprintln!("已写入 {}（{} 条规则）", output.display(), pack.rules.len());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("dabiao: 无法写入 {}：{e}", output.display());
                    ExitCode::from(EXIT_USAGE)
                }
            }
        }
        RulesCommand::Bench { inputs, runs, .. } => rules_bench(&pack, &inputs, runs),
        RulesCommand::Test { fixtures, only, .. } => rules_test(pack, &fixtures, only.as_deref()),
    }
}

fn rules_bench(pack: &RulePack, inputs: &[String], runs: usize) -> ExitCode {
    let (files, errors) = inputs::expand(inputs);
    for e in &errors {
        eprintln!("dabiao: {}：{}", e.input, e.reason);
    }
    let index = std::sync::Arc::new(dabiao::schema::SchemaIndex::new(
        Schema::embedded().value().clone(),
    ));
    let reports: Vec<_> = files
        .iter()
        .filter_map(|f| dabiao::dataset::load_file(&f.path, &f.display, &Limits::default()).dataset)
        .map(|d| pack.context(d.value, std::sync::Arc::clone(&index)))
        .collect();
    if reports.is_empty() {
        eprintln!("dabiao: 没有可以读取的数据集");
        return ExitCode::from(EXIT_USAGE);
    }
    let rows = dabiao::rules::profile::per_rule(pack, &reports, runs);
    let total: u128 = rows.iter().map(|r| r.1).sum();
    let mut out = format!(
        "{} 份报告，每条规则运行 {runs} 次，取中位数（每份报告）：\n",
        reports.len()
    );
    for (id, ns) in &rows {
        out.push_str(&format!("  {id:<8} {:>9.1} µs\n", *ns as f64 / 1000.0));
    }
    out.push_str(&format!("合计 {:.1} µs/份\n", total as f64 / 1000.0));
    write_stdout(&out);
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_USAGE)
    }
}

fn rules_test(pack: RulePack, fixtures: &std::path::Path, only: Option<&str>) -> ExitCode {
    let broken = pack.problems.len();
    let checker = Checker::new(Schema::embedded(), Some(pack), Limits::default());
    let report = match dabiao::rules::testing::run(&checker, fixtures, only) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dabiao: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut out = String::new();
    for (id, r) in &report.rules {
        let ok = r.failures.is_empty() && r.firing > 0 && r.quiet > 0;
        out.push_str(&format!(
            "{} {id}  触发用例 {}，静默用例 {}\n",
            if ok { "✓" } else { "✗" },
            r.firing,
            r.quiet
        ));
        if r.firing == 0 && r.quiet + r.failures.len() > 0 {
            out.push_str("    缺少触发用例（至少一个让规则报告问题的用例）\n");
        }
        if r.quiet == 0 && r.firing + r.failures.len() > 0 {
            out.push_str("    缺少静默用例（至少一个规则不应报告的用例）\n");
        }
        for f in &r.failures {
            out.push_str(&format!("    {f}\n"));
        }
    }
    for f in &report.other_failures {
        out.push_str(&format!("✗ {f}\n"));
    }
    if !report.uncovered.is_empty() {
        out.push_str(&format!(
            "\n没有任何测试用例的规则：{}\n",
            report.uncovered.join("、")
        ));
    }
    let failed = report
        .rules
        .values()
        .filter(|r| !(r.failures.is_empty() && r.firing > 0 && r.quiet > 0))
        .count();
    out.push_str(&format!(
        "\n{} 条规则，{} 个测试用例：{} 条通过，{} 条未通过{}\n",
        report.rules.len(),
        report.fixtures,
        report.rules.len() - failed,
        failed,
        if broken > 0 {
            format!("；{broken} 个规则文件无法加载")
        } else {
            String::new()
        }
    ));
    write_stdout(&out);
    if report.passed() && broken == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDINGS)
    }
}

/// Loads the embedded pack or `--rules DIR`; shows problems in rule files on stderr
/// (the affected rules are skipped and reported on each report).
fn load_pack(dir: Option<&std::path::Path>, set: &[String]) -> Result<RulePack, ExitCode> {
    let config = match current_config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dabiao: {e}");
            return Err(ExitCode::from(EXIT_USAGE));
        }
    };
    // Flags win: the config's overrides first, then --set; --rules over the config's pack.
    let mut assignments = config.threshold_assignments();
    assignments.extend(set.iter().cloned());
    let set = &assignments[..];
    let dir = dir.or(config.rules.as_deref());
    let source = match dir {
        None => PackSource::embedded(),
        Some(d) => match PackSource::from_dir(d) {
            Ok(s) => s,
            Err(e) => {
                eprintln!(
                    "dabiao: 无法读取规则目录 {}：{}",
                    d.display(),
                    dabiao::dataset::io_reason(&e)
                );
                return Err(ExitCode::from(EXIT_USAGE));
            }
        },
    };
    let pack = RulePack::load(&source, set, RuleLimits::default()).map_err(|e| {
        eprintln!("dabiao: {e}");
        ExitCode::from(EXIT_USAGE)
    })?;
    if !pack.problems.is_empty() {
        let printer = human::HumanPrinter::new(human::HumanOptions {
            color: std::io::stderr().is_terminal(),
            ..human::HumanOptions::default()
        });
        for p in &pack.problems {
            eprint!("{}", printer.pack_problem(p));
        }
    }
    Ok(pack)
}

fn config() -> ExitCode {
    match current_config() {
        Ok(c) => {
            let mut out = match &c.path {
                Some(p) => format!("# 配置文件：{}\n", p.display()),
                None => "# 没有找到 dabiao.toml，使用默认设置\n".to_string(),
            };
            out.push_str(&toml::to_string(&c).unwrap_or_default());
            write_stdout(&out);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dabiao: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn current_config() -> Result<dabiao::config::Config, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("无法确定当前目录：{e}"))?;
    dabiao::config::Config::discover(&cwd)
}

/// Writes to stdout; a closed pipe (`dabiao … | head`) is not an error worth a panic.
fn write_stdout(text: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            eprintln!("dabiao: 无法写入标准输出：{e}");
            false
        }
    }
}

fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// "64MiB", "500KiB", "1MB", "1048576" → bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("无法识别的大小：{s}（例如 64MiB、500KiB 或字节数）"))?;
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(format!("无法识别的单位：{unit}（可用 B、KiB、MiB、GiB）")),
    };
    Ok((n * factor) as u64)
}
