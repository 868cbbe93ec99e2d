//! Command implementations, each beside its clap argument structs. `main.rs`
//! parses and dispatches; these run the library and decide output and exit codes.

/// `eprintln!` for everything said on stderr: a file name, a path or a message taken
/// from the input can hold terminal controls (ESC sequences), shown as '?'.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", dabiao::base::source::printable(&format!($($arg)*)))
    };
}
pub(crate) use say;

pub mod check;
pub mod diff;
pub mod export;
pub mod import;
pub mod init;
pub mod rules;
pub mod rules_test;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use dabiao::render::human;
use dabiao::rules::engine::SandboxLimits;
use dabiao::rules::pack::PackError;
use dabiao::rules::thresholds::ThresholdError;
use dabiao::rules::{PackProblem, PackSource, RulePack};

/// Exit codes: 0 nothing reached the failure threshold, 1 something did, 2 usage or I/O error.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

// `--rules DIR` and `--set KEY=VALUE`, flattened into every `rules` subcommand.
// (No doc comment: on a clap struct it would become help text.)
#[derive(clap::Args)]
pub struct PackArgs {
    /// 使用此目录中的规则包（默认使用内置规则包）
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// 覆盖阈值，例如 --set secondary.students_min=1000（可重复；dabiao rules thresholds 列出全部阈值）
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

/// Loads the embedded pack or `--rules DIR`; shows problems in rule files on stderr
/// (the affected rules are skipped and reported on each report).
pub fn load_pack(dir: Option<&std::path::Path>, set: &[String]) -> Result<RulePack, ExitCode> {
    let config = match current_config() {
        Ok(c) => c,
        Err(e) => {
            say!("dabiao: {e}");
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
                say!(
                    "dabiao: 无法读取规则目录 {}：{}",
                    d.display(),
                    dabiao::base::files::io_reason(&e)
                );
                return Err(ExitCode::from(EXIT_USAGE));
            }
        },
    };
    let pack = RulePack::load(&source, set, SandboxLimits::default()).map_err(|e| {
        // A pack refused for its rule files shows them, then says why.
        if let PackError::DuplicateIds { places, .. } = &e {
            show_pack_problems(places);
        }
        // An override from dabiao.toml names the file (a --set one is on the command line).
        let from_file = match &e {
            PackError::Override(ThresholdError::Unknown { key, .. })
            | PackError::Override(ThresholdError::OutOfRange { key, .. }) => {
                config.thresholds.contains_key(key)
                    && !set[config.thresholds.len()..]
                        .iter()
                        .any(|a| a.split('=').next().map(str::trim) == Some(key.as_str()))
            }
            _ => false,
        };
        match config.path.as_ref().filter(|_| from_file) {
            Some(p) => say!("dabiao: {e}（{} 的 [thresholds]）", p.display()),
            None => say!("dabiao: {e}"),
        }
        ExitCode::from(EXIT_USAGE)
    })?;
    show_pack_problems(&pack.problems);
    Ok(pack)
}

/// Problems in rule files, on stderr, each pointing into its file.
fn show_pack_problems(problems: &[PackProblem]) {
    if problems.is_empty() {
        return;
    }
    let printer = human::HumanPrinter::new(human::HumanOptions {
        color: std::io::stderr().is_terminal(),
        ..human::HumanOptions::default()
    });
    for p in problems {
        eprint!("{}", printer.pack_problem(p));
    }
}

/// Where each threshold override [`load_pack`] applies came from, in the order
/// applied: the dabiao.toml path for the file's, then `--set` for the flags'.
pub fn threshold_origins(set: &[String]) -> Vec<String> {
    let config = current_config().unwrap_or_default();
    let file = config
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| dabiao::config::FILE_NAME.to_string());
    let mut origins = vec![file; config.thresholds.len()];
    origins.extend(set.iter().map(|_| "--set".to_string()));
    origins
}

pub fn current_config() -> Result<dabiao::config::Config, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("无法确定当前目录：{e}"))?;
    dabiao::config::Config::discover(&cwd).map_err(|e| e.to_string())
}

/// Shows `dabiao: {message}` on stderr; the exit code of a usage or I/O error.
pub fn fail_usage(message: impl std::fmt::Display) -> ExitCode {
    say!("dabiao: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// Writes to stdout; a closed pipe (`dabiao … | head`) is not an error worth a panic.
pub fn write_stdout(text: &str) -> bool {
    write_stdout_bytes(text.as_bytes())
}

/// [`write_stdout`] for rendered bytes.
pub fn write_stdout_bytes(bytes: &[u8]) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            say!("dabiao: 无法写入标准输出：{e}");
            false
        }
    }
}

pub fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// "64MiB", "500KiB", "1MB", "1048576" → bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
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
    let bytes = n * factor;
    if !(1.0..=MAX_SIZE_SETTING as f64).contains(&bytes) {
        return Err(format!(
            "大小应在 1 字节到 {}GiB 之间，而不是 {s}",
            MAX_SIZE_SETTING >> 30
        ));
    }
    Ok(bytes as u64)
}

/// The largest `--max-file-size`: a report is read whole into memory, and beyond a few
/// GiB the size is a typo (`18446744073709551615` made every file "empty").
const MAX_SIZE_SETTING: u64 = 4 << 30;
