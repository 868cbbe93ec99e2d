//! `dabiao check`: expand the inputs, grade them in parallel, stream the terminal
//! and JSON Lines output in input order, write every requested report file whole,
//! and decide the exit code.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use dabiao::batch::{self, BatchOptions};
use dabiao::check::Checker;
use dabiao::dataset::Limits;
use dabiao::finding::Severity;
use dabiao::grade::Grade;
use dabiao::inputs::{self, Input};
use dabiao::record::{Provenance, ReportRecord};
use dabiao::render::{self, OutputFormat, Run, Totals, human, json};
use dabiao::schema::Schema;
use dabiao::waiver::Waivers;

use super::{EXIT_FINDINGS, EXIT_USAGE, current_config, load_pack, terminal_width, write_stdout};

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
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = super::parse_size)]
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
    let started = std::time::Instant::now();
    let config = match current_config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dabiao: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (files, input_errors) = inputs::expand(&args.inputs);
    for e in &input_errors {
        eprintln!("dabiao: {}：{}", e.input, e.reason);
    }
    let mut excludes = config.exclude.clone();
    excludes.extend(args.exclude.iter().cloned());
    let files = match exclude(files, &excludes) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("dabiao: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut report_files = config.reports.clone();
    report_files.extend(args.reports.iter().cloned());
    let mut targets = Vec::new();
    for path in &report_files {
        match OutputFormat::from_path(path) {
            Some(f) => targets.push((path.clone(), f)),
            None => {
                eprintln!(
                    "dabiao: 无法从扩展名判断报告格式：{}（可用 .json .jsonl .sarif .xml .csv .xlsx .md .html .txt）",
                    path.display()
                );
                return ExitCode::from(EXIT_USAGE);
            }
        }
    }
    if args.format == OutputFormat::Xlsx {
        eprintln!("dabiao: xlsx 不能输出到终端，请用 --report 汇总.xlsx");
        return ExitCode::from(EXIT_USAGE);
    }
    let pack = if args.no_rules {
        None
    } else {
        match load_pack(args.rules.as_deref(), &args.set) {
            Ok(p) => Some(p),
            Err(code) => return code,
        }
    };
    let limits = Limits {
        max_file_size: args.max_file_size,
        ..Limits::default()
    };
    let mut checker = Checker::new(Schema::embedded(), pack, limits);
    let waiver_file = args.waivers.clone().or(config.waivers.clone());
    if let Some(path) = &waiver_file {
        match Waivers::load(path) {
            Ok(w) => checker = checker.with_waivers(w),
            Err(e) => {
                eprintln!("dabiao: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        }
    }
    let provenance = Provenance::new(&checker);

    let printer = human::HumanPrinter::new(human::HumanOptions {
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
        width: terminal_width().unwrap_or(100),
        max_per_file: args.max_diagnostics,
    });
    let stream_human = args.format == OutputFormat::Human;
    let stream_jsonl = args.format == OutputFormat::Jsonl;
    // Keep records only when a whole-run format needs them: memory stays flat otherwise.
    let keep_records = !args.format.streams() || !targets.is_empty();
    let mut records: Vec<ReportRecord> = Vec::new();
    let mut totals = Totals::default();
    let mut worst: Option<Grade> = None;
    let mut fail_hit = false;
    let fail_on = args.fail_on.or(match config.fail_on.as_deref() {
        Some("warning") => Some(FailOn::Warning),
        Some("never") => Some(FailOn::Never),
        Some(_) => Some(FailOn::Error),
        None => None,
    });
    let fail_on = fail_on.unwrap_or(FailOn::Error);
    let mut stdout_ok = true;
    let stdout = std::io::stdout();
    let jobs = args.jobs.or(config.jobs).unwrap_or(0);
    let result = batch::run(
        &checker,
        &files,
        BatchOptions {
            jobs,
            progress: !args.quiet,
        },
        |report| {
            let text = if stream_human {
                Some(printer.file(&report))
            } else {
                None
            };
            (text, ReportRecord::from_report(&report, &provenance))
        },
        |_, (text, record)| {
            let mut out = stdout.lock();
            if let Some(t) = text {
                stdout_ok &= write_all(&mut out, t.as_bytes());
            }
            if stream_jsonl {
                stdout_ok &= write_all(&mut out, json::line(&record).as_bytes());
            }
            totals.add(&record);
            fail_hit |= record.findings.iter().any(|f| {
                f.counted
                    && match fail_on {
                        FailOn::Error => f.severity == Severity::Error,
                        FailOn::Warning => f.severity <= Severity::Warning,
                        FailOn::Never => false,
                    }
            });
            if let Some(v) = &record.verdict {
                worst = Some(worst.map_or(v.grade, |w| w.max(v.grade)));
            }
            if keep_records {
                records.push(record);
            }
        },
    );
    if let Err(e) = result {
        eprintln!("dabiao: {e}");
        return ExitCode::from(EXIT_USAGE);
    }
    let waivers = checker.waivers().map(Waivers::status).unwrap_or_default();
    for w in &waivers {
        if w.expired {
            eprintln!(
                "dabiao: 警告：豁免 {}/{} 已于 {} 到期",
                w.waiver.entity, w.waiver.rule, w.waiver.expires
            );
        } else if w.used == 0 {
            eprintln!(
                "dabiao: 警告：豁免 {}/{} 在本次检查中没有用上，可以删除",
                w.waiver.entity, w.waiver.rule
            );
        }
    }
    let run = Run {
        records: &records,
        provenance: &provenance,
        totals,
        waivers: &waivers,
    };
    if stream_human && totals.files > 1 {
        stdout_ok &= write_stdout(&format!("\n{}\n", printer.totals_line(&totals)));
    }
    if !args.format.streams() {
        match render::render(args.format, &run) {
            Ok(bytes) => stdout_ok &= write_all(&mut stdout.lock(), &bytes),
            Err(e) => {
                eprintln!("dabiao: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        }
    }
    let mut io_failed = !stdout_ok;
    for (path, format) in &targets {
        let written = render::render(*format, &run).and_then(|bytes| {
            dabiao::output::write_atomically(path, &bytes)
                .map_err(|e| dabiao::dataset::io_reason(&e))
        });
        match written {
            Ok(()) => {
                if !args.quiet {
                    eprintln!("已写入 {}", path.display());
                }
            }
            Err(e) => {
                eprintln!("dabiao: 无法写入 {}：{e}", path.display());
                io_failed = true;
            }
        }
    }
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        let peak = peak_memory().map_or_else(
            || "未知".to_string(),
            |kib| format!("{:.1} MiB", kib as f64 / 1024.0),
        );
        eprintln!(
            "dabiao: 检查 {} 份，用时 {:.2} 秒，{:.0} 份/秒，{} 个线程，峰值内存 {peak}",
            totals.files,
            secs,
            totals.files as f64 / secs.max(1e-9),
            if jobs == 0 {
                rayon::current_num_threads()
            } else {
                jobs
            }
        );
    }
    let min_grade = args
        .min_grade
        .clone()
        .or(config.min_grade.clone())
        .and_then(|g| Grade::parse(&g));
    let below_min = matches!((min_grade, worst), (Some(min), Some(w)) if w > min);
    if io_failed || !input_errors.is_empty() {
        ExitCode::from(EXIT_USAGE)
    } else if fail_hit || below_min {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_all(out: &mut impl Write, bytes: &[u8]) -> bool {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            eprintln!("dabiao: 无法写入标准输出：{e}");
            false
        }
    }
}

/// Drops inputs matching any `--exclude` pattern (matched against the path as shown).
fn exclude(files: Vec<Input>, patterns: &[String]) -> Result<Vec<Input>, String> {
    let compiled = patterns
        .iter()
        .map(|p| {
            glob::Pattern::new(p).map_err(|e| format!("--exclude 通配符有误：{p}（{}）", e.msg))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let options = glob::MatchOptions {
        require_literal_separator: false,
        ..glob::MatchOptions::new()
    };
    Ok(files
        .into_iter()
        .filter(|f| {
            !compiled.iter().any(|p| {
                p.matches_with(&f.display, options) || p.matches_path_with(&f.path, options)
            })
        })
        .collect())
}

/// Peak resident memory in KiB (Linux: VmHWM of /proc/self/status).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
