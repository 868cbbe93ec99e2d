//! `dabiao check`: resolve the options, grade the inputs in parallel, stream the
//! terminal and JSON Lines output in input order, write every requested report
//! file whole, and decide the exit code.

mod exit;
mod options;
mod report;
mod sink;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::ValueEnum;

use dabiao::batch::{self, BatchOptions};
use dabiao::check::Checker;
use dabiao::record::Provenance;
use dabiao::render::{OutputFormat, Run};

use super::fail_usage;
use options::Options;
use sink::Sink;

// The arguments of `dabiao check`; the field doc comments are the help text.
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
    /// 出现哪一级问题时退出码为 1，该报告标 ✗：error（默认）、warning 或 never（从不）
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// 任何报告低于此等级时退出码为 1，该报告标 ✗（默认 B：C 级“退回重报”算未通过；与 --fail-on never 同用时默认不限）
    #[arg(long, value_name = "GRADE", value_parser = parse_grade)]
    pub min_grade: Option<String>,
    /// 报告的数据表所在的表格文件（.xlsx、.xls、.ods、.csv）：正文从报告读，数据表从这里读；只能检查一份报告时使用（同一目录下同名的报告和表格文件会自动配对）
    #[arg(long, value_name = "FILE")]
    pub tables: Option<PathBuf>,
    /// 豁免文件（TOML），由审核人员维护
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// 结束时在标准错误输出用时、速度、峰值内存和各阶段（读取、解析、模式、导入、事实、规则、评级、输出）用时
    #[arg(long)]
    pub stats: bool,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// 单个文件的大小上限，例如 64MiB、500KiB 或字节数
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = super::parse_size)]
    pub max_file_size: u64,
    /// 逐条显示每个问题（检查多个文件时默认每份报告只显示一行，只写 --report 时只显示汇总）
    #[arg(short, long)]
    pub verbose: bool,
    /// 逐条显示问题，每个文件最多 N 条（默认 50；json 等格式不受限制）
    #[arg(long, value_name = "N")]
    pub max_diagnostics: Option<usize>,
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

// `--fail-on`: the least severe finding that makes the exit code 1.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

// `--color`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let options = match Options::resolve(args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    if options.stats {
        dabiao::base::stages::enable();
    }
    let (checker, preloaded) = checker_and_lone_input(&options);
    let checker = match checker {
        Ok(c) => c,
        Err(code) => return code,
    };
    let provenance = Provenance::new(&checker);
    let printer = options.printer();
    let mut sink = Sink::new(&options, &printer);
    let streamed = sink.streamed_printer();
    let terminal = options.terminal;
    let result = match (preloaded, options.files.first()) {
        (Some(loaded), Some(input)) => {
            let report = checker.check_alone(input, loaded);
            let item = dabiao::base::stages::timed(dabiao::base::stages::Stage::Render, || {
                sink::prepare(&report, streamed, terminal, &provenance)
            });
            dabiao::base::stages::timed(dabiao::base::stages::Stage::Render, || sink.accept(item));
            Ok(())
        }
        _ => batch::run(
            &checker,
            &options.files,
            BatchOptions {
                jobs: options.jobs,
                progress: !options.quiet,
            },
            |report| sink::prepare(&report, streamed, terminal, &provenance),
            |_, item| sink.accept(item),
        ),
    };
    if let Err(e) = result {
        return fail_usage(e);
    }
    let waivers = report::waiver_statuses(&checker);
    sink.finish();
    let run = Run {
        records: &sink.records,
        provenance: &provenance,
        totals: sink.totals,
        waivers: &waivers,
    };
    let mut outcome = sink.outcome;
    if !options.format.streams() {
        let written = dabiao::base::stages::timed(dabiao::base::stages::Stage::Render, || {
            report::to_stdout(options.format, &run)
        });
        match written {
            Ok(written) => outcome.trouble |= !written,
            Err(e) => return fail_usage(e),
        }
    }
    outcome.trouble |= !report::write_files(&options.targets, &run, options.quiet);
    if options.stats {
        print_stats(started, run.totals.files, options.jobs);
        print_stages();
    }
    let code = ExitCode::from(exit::exit_code(&outcome, &options.policy));
    // The process ends with this command: freeing the compiled scripts and schema one
    // allocation at a time took ~4 ms (a quarter of checking one report) for nothing.
    std::mem::forget(checker);
    code
}

/// The checker; and, when there is one input (a school checking its report), that
/// input read and imported on one core while the schema and the rule scripts compile
/// on the other: a 200-page .docx takes about as long to import as the pack to compile.
fn checker_and_lone_input(
    options: &Options,
) -> (Result<Checker, ExitCode>, Option<dabiao::load::Loaded>) {
    match options.files.as_slice() {
        [one] => {
            let limits = options.limits();
            let (checker, loaded) = rayon::join(
                || options.checker(),
                || dabiao::check::load_input(one, &limits),
            );
            (checker, Some(loaded))
        }
        _ => (options.checker(), None),
    }
}

/// `--stats`: time, speed, threads and peak memory on stderr.
fn print_stats(started: Instant, files: usize, jobs: usize) {
    let secs = started.elapsed().as_secs_f64();
    let peak = peak_memory().map_or_else(
        || "未知".to_string(),
        |kib| format!("{:.1} MiB", kib as f64 / 1024.0),
    );
    // Milliseconds: the benchmark's ratios are taken from this line, and a batch of
    // a thousand datasets takes under a second.
    say!(
        "dabiao: 检查 {} 份，用时 {:.3} 秒，{:.0} 份/秒，{} 个线程，峰值内存 {peak}",
        files,
        secs,
        files as f64 / secs.max(1e-9),
        if jobs == 0 {
            rayon::current_num_threads()
        } else {
            jobs
        }
    );
}

/// `--stats`, second line: the time of each stage, summed over threads.
fn print_stages() {
    let parts: Vec<String> = dabiao::base::stages::totals()
        .into_iter()
        .map(|(stage, spent)| format!("{} {:.1}", stage.title(), spent.as_secs_f64() * 1e3))
        .collect();
    say!(
        "dabiao: 各阶段用时（毫秒，各线程合计）：{}",
        parts.join("，")
    );
}

/// Peak resident memory in KiB (Linux: VmHWM of /proc/self/status).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `--min-grade`: A, B or C, in either case.
fn parse_grade(s: &str) -> Result<String, String> {
    dabiao::grade::Grade::parse(s)
        .map(|g| g.to_string())
        .ok_or_else(|| format!("等级应为 A、B 或 C，而不是 {s}"))
}
