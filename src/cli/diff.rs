//! `dabiao diff` (the same reports under two rule packs) and `dabiao compare`
//! (two versions of one submission).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use dabiao::batch::{self, BatchOptions};
use dabiao::check::Checker;
use dabiao::dataset::Limits;
use dabiao::diff::{CompareReport, DiffReport, ReportChange, diff};
use dabiao::inputs::{self, Input};
use dabiao::record::{Provenance, ReportRecord};
use dabiao::rules::engine::SandboxLimits;
use dabiao::rules::{PackSource, RulePack};
use dabiao::schema::Schema;

use super::{EXIT_FINDINGS, EXIT_USAGE, fail_usage, load_pack, write_stdout};

// The arguments of `dabiao diff`; the field doc comments are the help text.
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

// The arguments of `dabiao compare`.
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

// `--format` of both `diff` and `compare`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

/// Grades inputs in parallel and keeps their records, in input order.
fn grade_all(checker: &Checker, files: &[Input], jobs: usize) -> Result<Vec<ReportRecord>, String> {
    let provenance = Provenance::new(checker);
    let mut records = Vec::with_capacity(files.len());
    batch::run(
        checker,
        files,
        BatchOptions {
            jobs,
            progress: false,
        },
        |r| ReportRecord::from_report(&r, &provenance),
        |_, r| records.push(r),
    )?;
    Ok(records)
}

/// A directory, or else a git revision of the `rules/` directory.
fn base_pack(base: &str, set: &[String]) -> Result<RulePack, String> {
    let source = if Path::new(base).is_dir() {
        PackSource::from_dir(Path::new(base))
            .map_err(|e| format!("无法读取规则目录 {base}：{e}"))?
    } else {
        PackSource::from_git(base, "rules").map_err(|e| e.to_string())?
    };
    RulePack::load(&source, set, SandboxLimits::default()).map_err(|e| e.to_string())
}

pub fn diff_cmd(args: DiffArgs) -> ExitCode {
    let (files, errors) = inputs::expand(&args.inputs);
    for e in &errors {
        say!("dabiao: {}：{}", e.input, e.reason);
    }
    if !errors.is_empty() {
        return ExitCode::from(EXIT_USAGE);
    }
    let (base, head) = match packs(&args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let report = match diff_packs(base, head, &files, args.jobs.unwrap_or(0)) {
        Ok(r) => r,
        Err(e) => return fail_usage(e),
    };
    let text = match args.format {
        DiffFormat::Markdown => report.markdown(),
        DiffFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&report).expect("diff serializes")
        ),
    };
    if !write_stdout(&text) {
        return ExitCode::from(EXIT_USAGE);
    }
    if report.grades_changed > 0 && !args.allow_grade_changes {
        say!(
            "dabiao: {} 份报告的等级因规则变更而改变（确属预期时加 --allow-grade-changes）",
            report.grades_changed
        );
        return ExitCode::from(EXIT_FINDINGS);
    }
    ExitCode::SUCCESS
}

/// The base pack (`--base`) and the head pack: `--head DIR`, else the pack `check`
/// would use here (dabiao.toml or rules/ in the working directory, else the embedded one).
fn packs(args: &DiffArgs) -> Result<(RulePack, RulePack), ExitCode> {
    let base = base_pack(&args.base, &args.base_set).map_err(fail_usage)?;
    let head_dir = args
        .head
        .clone()
        .or_else(|| Path::new("rules").is_dir().then(|| "rules".into()));
    let head = load_pack(head_dir.as_deref(), &args.set)?;
    Ok((base, head))
}

/// Grades the files under both packs and compares the results.
fn diff_packs(
    base: RulePack,
    head: RulePack,
    files: &[Input],
    jobs: usize,
) -> Result<DiffReport, String> {
    let head_label = head.origin.clone();
    let base_label = base.origin.clone();
    let head_rules: Vec<String> = head.rules.iter().map(|r| r.meta.id.clone()).collect();
    let base_checker = Checker::new(Schema::embedded(), Some(base), Limits::default());
    let head_checker = Checker::new(Schema::embedded(), Some(head), Limits::default());
    let before = grade_all(&base_checker, files, jobs)?;
    let after = grade_all(&head_checker, files, jobs)?;
    Ok(diff(&base_label, &head_label, &before, &after, &head_rules))
}

pub fn compare_cmd(args: CompareArgs) -> ExitCode {
    let pack = match load_pack(args.rules.as_deref(), &args.set) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let checker = Checker::new(Schema::embedded(), Some(pack), Limits::default());
    let mut files = Vec::new();
    for p in [&args.old, &args.new] {
        if !p.is_file() {
            say!("dabiao: {}：文件不存在", p.display());
            return ExitCode::from(EXIT_USAGE);
        }
        files.push(Input {
            path: p.clone(),
            display: p.display().to_string(),
        });
    }
    let records = match grade_all(&checker, &files, 2) {
        Ok(r) => r,
        Err(e) => {
            say!("dabiao: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let report = CompareReport {
        old: files[0].display.clone(),
        new: files[1].display.clone(),
        change: ReportChange::new(&records[0], &records[1]),
    };
    let text = match args.format {
        DiffFormat::Markdown => report.markdown(),
        DiffFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&report).expect("compare serializes")
        ),
    };
    if !write_stdout(&text) {
        return ExitCode::from(EXIT_USAGE);
    }
    // A resubmission that still has errors (or new ones) fails, like `check`.
    let still_failing = records[1]
        .findings
        .iter()
        .any(|f| f.counted && f.severity == dabiao::finding::Severity::Error);
    if still_failing {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}
