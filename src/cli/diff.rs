//! `dabiao diff` (the same reports under two rule packs) and `dabiao compare`
//! (two versions of one submission).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use dabiao::batch::{self, BatchOptions};
use dabiao::check::Checker;
use dabiao::dataset::Limits;
use dabiao::diff::{CompareReport, DiffReport, diff};
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

// The arguments of `dabiao compare`; `after_help` says how findings are classed and
// what the exit code means.
#[derive(clap::Args)]
#[command(after_help = COMPARE_AFTER_HELP)]
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

const COMPARE_AFTER_HELP: &str = "\
两个版本中的每个问题按规则编号和位置（数据集中的指针）对应，归入一类：
  已修正        只在原版本中出现
  仍未修正      两个版本同一位置都有，严重程度相同
  新出现        只在新版本中出现
  严重程度改变  两个版本同一位置都有，严重程度不同（列出原来 → 现在）
每一类都列出规则编号、位置（行号和指针）和说明；另给出等级和得分的变化。
同一处改了数值而规则不再报告，算已修正；别处增删内容使行号移动，不影响对应。

退出码：
  0  新版本没有退步：没有新的错误或警告，没有问题的严重程度升高，等级和得分没有降低
  1  新版本有退步之处（即使等级提高）：有新的错误或警告（新出现的提示、已豁免的问题除外），
     或某处问题的严重程度升高，或等级降低，或得分降低（最后一行说明原因）
  2  用法错误，文件不存在或无法读取，规则包无法加载
新版本是否仍有问题（能否通过）请用 dabiao check 检查。";

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
        files.push(Input::new(p.clone(), p.display().to_string()));
    }
    let records = match grade_all(&checker, &files, 2) {
        Ok(r) => r,
        Err(e) => {
            say!("dabiao: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let report = CompareReport::new(
        &files[0].display,
        &files[1].display,
        &records[0],
        &records[1],
    );
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
    // Worse (new errors or warnings, a raised severity, a lower grade or score) fails;
    // whether the new version passes is `check`'s question.
    if report.worse.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDINGS)
    }
}
