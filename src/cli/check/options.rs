//! `check`'s settings, resolved once before the run: the command line over
//! `dabiao.toml`, the inputs less the excluded ones, the report files to write.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use dabiao::base::limits::MAX_JOBS_PER_CORE;
use dabiao::check::Checker;
use dabiao::dataset::Limits;
use dabiao::finding::Severity;
use dabiao::grade::{DEFAULT_MIN_GRADE, Grade, Policy};
use dabiao::inputs::{self, Input};
use dabiao::render::{OutputFormat, human};
use dabiao::schema::Schema;
use dabiao::waiver::Waivers;

use super::{CheckArgs, ColorChoice, FailOn};
use crate::cli::{current_config, fail_usage, load_pack, terminal_width};

/// Everything `check` needs after the command line and the config are merged.
pub struct Options {
    /// The inputs to check, in order.
    pub files: Vec<Input>,
    /// Some inputs could not be expanded (already shown on stderr).
    pub input_errors: bool,
    /// `--report` files (and the config's `reports`) with their formats.
    pub targets: Vec<(PathBuf, OutputFormat)>,
    pub format: OutputFormat,
    /// When a report fails: `--fail-on` and `--min-grade` (exit code and ✓/✗).
    pub policy: Policy,
    /// Worker threads; 0 means one per CPU core.
    pub jobs: usize,
    pub quiet: bool,
    pub stats: bool,
    /// What the terminal shows of each report.
    pub terminal: Terminal,
    color: ColorChoice,
    max_diagnostics: Option<usize>,
    max_file_size: u64,
    /// `None` with `--no-rules`; else `--rules` and `--set` for [`load_pack`].
    pack: Option<(Option<PathBuf>, Vec<String>)>,
    waivers: Option<PathBuf>,
}

/// `--tables`: the one report given gets the spreadsheet as its tables.
fn with_tables(
    mut files: Vec<inputs::Input>,
    tables: Option<&std::path::Path>,
) -> Result<Vec<inputs::Input>, ExitCode> {
    let Some(tables) = tables else {
        return Ok(files);
    };
    if !tables.is_file() {
        return Err(fail_usage(format!(
            "--tables {}：文件不存在",
            tables.display()
        )));
    }
    let is_report = |f: &inputs::Input| {
        dabiao::dataset::Format::from_path(&f.path).is_some_and(|x| x.is_report_text())
    };
    match &mut files[..] {
        [one] if is_report(one) => {
            one.tables = Some(Box::new(inputs::Input::new(
                tables,
                tables.display().to_string(),
            )));
            Ok(files)
        }
        _ => Err(fail_usage(
            "--tables 只能与一份报告（.docx、.pdf、.txt、.md）一起使用；检查一个目录时，把表格文件与报告取同样的文件名放在一起即可自动配对",
        )),
    }
}

impl Options {
    /// Flags win over `dabiao.toml`; list settings (excludes, reports) add up.
    /// Problems are shown on stderr and end the command with exit code 2.
    pub fn resolve(args: CheckArgs) -> Result<Options, ExitCode> {
        let config = current_config().map_err(fail_usage)?;
        let (files, input_errors) = inputs::expand(&args.inputs);
        for e in &input_errors {
            say!("dabiao: {}：{}", e.input, e.reason);
        }
        let excludes = [&config.exclude[..], &args.exclude[..]].concat();
        let files = exclude(files, &excludes).map_err(fail_usage)?;
        let files = with_tables(inputs::pair_tables(files), args.tables.as_deref())?;
        let targets = report_targets([&config.reports[..], &args.reports[..]].concat())?;
        // Outputs never overwrite or feed an input (`--report in.json`, a report inside
        // a folder being checked).
        if let Some(why) = targets
            .iter()
            .find_map(|(t, _)| inputs::output_conflict(t, &args.inputs, &files))
        {
            return Err(fail_usage(why));
        }
        if args.format == OutputFormat::Xlsx {
            return Err(fail_usage("xlsx 不能输出到终端，请用 --report 汇总.xlsx"));
        }
        let terminal = Terminal::choose(
            args.verbose || args.max_diagnostics.is_some(),
            files.len(),
            !targets.is_empty(),
        );
        let jobs = capped_jobs(args.jobs.or(config.jobs).unwrap_or(0), files.len());
        Ok(Options {
            files,
            input_errors: !input_errors.is_empty(),
            targets,
            format: args.format,
            policy: policy(
                fail_on(args.fail_on, config.fail_on.as_deref()),
                args.min_grade
                    .or(config.min_grade)
                    .and_then(|g| Grade::parse(&g)),
            ),
            jobs,
            quiet: args.quiet,
            stats: args.stats,
            terminal,
            color: args.color,
            max_diagnostics: args.max_diagnostics,
            max_file_size: args.max_file_size,
            pack: (!args.no_rules).then_some((args.rules, args.set)),
            waivers: args.waivers.or(config.waivers),
        })
    }

    /// The limits inputs are read with.
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_size: self.max_file_size,
            ..Limits::default()
        }
    }

    /// The checker: schema, rule pack (unless `--no-rules`), size limit and waivers.
    pub fn checker(&self) -> Result<Checker, ExitCode> {
        // The schema compiles while the rule scripts do (both before the first report).
        let (pack, schema) = rayon::join(
            || match &self.pack {
                None => Ok(None),
                Some((rules, set)) => load_pack(rules.as_deref(), set).map(Some),
            },
            Schema::embedded,
        );
        let checker = Checker::new(schema, pack?, self.limits());
        match &self.waivers {
            None => Ok(checker),
            Some(path) => Ok(checker.with_waivers(Waivers::load(path).map_err(fail_usage)?)),
        }
    }

    /// The terminal printer, coloured as `--color` says.
    pub fn printer(&self) -> human::HumanPrinter {
        human::HumanPrinter::new(human::HumanOptions {
            color: match self.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            },
            width: terminal_width().unwrap_or(100),
            max_per_file: self.max_diagnostics.unwrap_or(50),
            policy: self.policy,
            group_repeats: true,
        })
    }
}

/// What the terminal shows of each report (the human format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminal {
    /// Every diagnostic, then the report's verdict (one report, or `--verbose`).
    Full,
    /// One line per report, failing ones last (a folder).
    Table,
    /// Only the closing summary (report files are being written).
    Summary,
}

impl Terminal {
    /// Asked-for detail wins; report files make the terminal a summary; many files a table.
    fn choose(verbose: bool, files: usize, writing_reports: bool) -> Terminal {
        if verbose {
            Terminal::Full
        } else if writing_reports {
            Terminal::Summary
        } else if files > 1 {
            Terminal::Table
        } else {
            Terminal::Full
        }
    }
}

/// `--jobs` (0: one per core), at most `MAX_JOBS_PER_CORE` per core — `--jobs 100000`
/// started thousands of threads and finished nothing — and never more than the files.
fn capped_jobs(asked: usize, files: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = cores * MAX_JOBS_PER_CORE;
    let jobs = if asked > max {
        say!(
            "dabiao: --jobs {asked} 超过上限，改为 {max} 个并行（本机 {cores} 个 CPU 核，每核最多 {MAX_JOBS_PER_CORE} 个）"
        );
        max
    } else {
        asked
    };
    match jobs {
        0 => cores.min(files.max(1)),
        n => n.min(files.max(1)),
    }
}

/// `--fail-on`, else the config's `fail-on` (anything but warning/never means error).
fn fail_on(flag: Option<FailOn>, config: Option<&str>) -> FailOn {
    flag.unwrap_or(match config {
        Some("warning") => FailOn::Warning,
        Some("never") => FailOn::Never,
        _ => FailOn::Error,
    })
}

/// The policy: `--fail-on` as a severity; `--min-grade`, else B (a C fails) — except
/// with `--fail-on never`, which asks for a run that never fails: then only an
/// explicit `--min-grade` can fail it.
fn policy(fail_on: FailOn, min_grade: Option<Grade>) -> Policy {
    let (fail_on, default_grade) = match fail_on {
        FailOn::Error => (Some(Severity::Error), DEFAULT_MIN_GRADE),
        FailOn::Warning => (Some(Severity::Warning), DEFAULT_MIN_GRADE),
        FailOn::Never => (None, Grade::C),
    };
    Policy {
        fail_on,
        min_grade: min_grade.unwrap_or(default_grade),
    }
}

/// Each report file with the format its extension names.
fn report_targets(paths: Vec<PathBuf>) -> Result<Vec<(PathBuf, OutputFormat)>, ExitCode> {
    paths
        .into_iter()
        .map(|path| match OutputFormat::from_path(&path) {
            Some(f) => Ok((path, f)),
            None => Err(fail_usage(format!(
                "无法从扩展名判断报告格式：{}（可用 .json .jsonl .sarif .xml .csv .xlsx .md .html .txt）",
                path.display()
            ))),
        })
        .collect()
}

/// Drops inputs matching any `--exclude` pattern (matched against the path as shown).
fn exclude(files: Vec<Input>, patterns: &[String]) -> Result<Vec<Input>, String> {
    let compiled = patterns
        .iter()
        .map(|p| {
            glob::Pattern::new(p)
                .map_err(|e| format!("--exclude 通配符有误：{p}（{}）", inputs::pattern_error(&e)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_config_and_error_is_the_default() {
        assert!(fail_on(Some(FailOn::Never), Some("warning")) == FailOn::Never);
        assert!(fail_on(None, Some("warning")) == FailOn::Warning);
        assert!(fail_on(None, Some("never")) == FailOn::Never);
        assert!(fail_on(None, Some("error")) == FailOn::Error);
        assert!(fail_on(None, Some("bogus")) == FailOn::Error);
        assert!(fail_on(None, None) == FailOn::Error);
    }
}
