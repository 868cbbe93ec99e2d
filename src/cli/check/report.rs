//! After the run: warnings about waivers, the whole-run formats on stdout and the
//! `--report FILE` outputs.

use std::path::PathBuf;

use dabiao::check::Checker;
use dabiao::render::{self, OutputFormat, Run};
use dabiao::waiver::{WaiverStatus, Waivers};

use crate::cli::write_stdout_bytes;

/// Each waiver's use in this run; warns on stderr about expired and unused ones.
pub fn waiver_statuses(checker: &Checker) -> Vec<WaiverStatus> {
    let waivers = checker.waivers().map(Waivers::status).unwrap_or_default();
    for w in &waivers {
        if w.expired {
            say!(
                "dabiao: 警告：豁免 {}/{} 已于 {} 到期",
                w.waiver.entity,
                w.waiver.rule,
                w.waiver.expires
            );
        } else if w.used == 0 {
            say!(
                "dabiao: 警告：豁免 {}/{} 在本次检查中没有用上，可以删除",
                w.waiver.entity,
                w.waiver.rule
            );
        }
    }
    waivers
}

/// Renders a format that needs the whole run (not streamed) to stdout.
/// `Err` when it cannot be rendered; `Ok(false)` when stdout could not be written.
pub fn to_stdout(format: OutputFormat, run: &Run) -> Result<bool, String> {
    render::render(format, run).map(|bytes| write_stdout_bytes(&bytes))
}

/// Writes every report file whole (atomically); `false` if any could not be written.
pub fn write_files(targets: &[(PathBuf, OutputFormat)], run: &Run, quiet: bool) -> bool {
    let mut all_written = true;
    for (path, format) in targets {
        let written = render::render(*format, run).and_then(|bytes| {
            dabiao::base::files::write_atomically(path, &bytes)
                .map_err(|e| dabiao::base::files::write_reason(path, &e))
        });
        match written {
            Ok(()) => {
                if !quiet {
                    say!("已写入 {}", path.display());
                }
            }
            Err(e) => {
                say!("dabiao: 无法写入 {}：{e}", path.display());
                all_written = false;
            }
        }
    }
    all_written
}
