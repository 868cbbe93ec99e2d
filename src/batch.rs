//! Checking many inputs: in parallel on a rayon pool of `jobs` threads (schema and rules
//! compiled once and shared), each result handed on in input order as soon as it
//! and all before it are done, so output never depends on scheduling. One bad
//! input only ever produces its own findings.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::io::IsTerminal;
use std::sync::mpsc;

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::base::stages::{Stage, timed};
use crate::check::{Checker, FileReport};
use crate::inputs::Input;

#[derive(Debug, Clone, Copy)]
pub struct BatchOptions {
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
}

/// Checks every input. `per_file` runs in the worker right after a file is checked
/// (render it there, while its text is at hand) and returns what to keep; `sink`
/// receives those in input order.
pub fn run<T, F, S>(
    checker: &Checker,
    inputs: &[Input],
    options: BatchOptions,
    per_file: F,
    mut sink: S,
) -> Result<(), String>
where
    T: Send,
    F: Fn(FileReport) -> T + Sync,
    S: FnMut(usize, T),
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
        .map_err(|e| format!("无法启动工作线程：{e}"))?;
    let bar = progress_bar(inputs.len() as u64, options.progress);
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    // Workers take the next input in order (not rayon's split-in-halves), so results
    // arrive almost in order: the reorder buffer stays a few reports long and memory
    // stays flat however many reports there are.
    let next = AtomicUsize::new(0);
    let workers = pool.current_num_threads();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            pool.scope(|s| {
                for _ in 0..workers {
                    let tx = tx.clone();
                    let (next, per_file) = (&next, &per_file);
                    s.spawn(move |_| {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(input) = inputs.get(i) else { break };
                            let report = checker.check(input);
                            let kept = timed(Stage::Render, || per_file(report));
                            // The receiver only goes away if the sink panicked; nothing to do then.
                            if tx.send((i, kept)).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
            drop(tx);
        });
        let mut pending = BTreeMap::new();
        let mut next_out = 0;
        for (i, kept) in &rx {
            pending.insert(i, kept);
            while let Some(kept) = pending.remove(&next_out) {
                // The bar steps aside while a report's text is written (stdout and the
                // bar's stderr are usually one terminal), then is drawn again below it.
                bar.suspend(|| timed(Stage::Render, || sink(next_out, kept)));
                bar.inc(1);
                next_out += 1;
            }
        }
    });
    bar.finish_and_clear();
    Ok(())
}

fn progress_bar(len: u64, wanted: bool) -> indicatif::ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} 已检查 {pos}/{len} 份 [{bar:30}] {rate} 预计还需 {left}",
    ) {
        // indicatif's own {per_sec} and {eta} read "13.3274/s" and "2m".
        let style = style
            .with_key("rate", |s: &indicatif::ProgressState, w: &mut dyn Write| {
                let _ = w.write_str(&rate_text(s.per_sec()));
            })
            .with_key("left", |s: &indicatif::ProgressState, w: &mut dyn Write| {
                let _ = w.write_str(&duration_text(s.eta().as_secs()));
            });
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Files per second as the bar shows it: one decimal below 10, whole numbers above.
fn rate_text(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        "— 份/秒".to_string()
    } else if per_sec < 10.0 {
        format!("{per_sec:.1} 份/秒")
    } else {
        format!("{per_sec:.0} 份/秒")
    }
}

/// A remaining time in Chinese units: "45 秒", "3 分 5 秒", "1 小时 2 分".
fn duration_text(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h} 小时 {m} 分")
    } else if m > 0 {
        format!("{m} 分 {s} 秒")
    } else {
        format!("{s} 秒")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Limits;
    use crate::schema::Schema;

    #[test]
    fn the_bar_speaks_chinese_units() {
        assert_eq!(rate_text(13.3274), "13 份/秒");
        assert_eq!(rate_text(2.345), "2.3 份/秒");
        assert_eq!(rate_text(0.0), "— 份/秒");
        assert_eq!(duration_text(45), "45 秒");
        assert_eq!(duration_text(185), "3 分 5 秒");
        assert_eq!(duration_text(3720), "1 小时 2 分");
    }

    #[test]
    fn results_arrive_in_input_order_whatever_the_thread_count() {
        let dir = tempfile::tempdir().unwrap();
        let inputs: Vec<Input> = (0..40)
            .map(|i| {
                let path = dir.path().join(format!("{i:02}.json"));
                // Uneven sizes so that workers finish out of order.
                let pad = " ".repeat((i * 7919) % 20_000);
                std::fs::write(&path, format!("{{\"report\": {{}}{pad}}}")).unwrap();
                Input::new(path.clone(), path.display().to_string())
            })
            .collect();
        let checker = Checker::new(Schema::embedded(), None, Limits::default());
        for jobs in [1, 2, 8] {
            let mut seen = Vec::new();
            run(
                &checker,
                &inputs,
                BatchOptions {
                    jobs,
                    progress: false,
                },
                |r| r.input.display,
                |i, name| seen.push((i, name)),
            )
            .unwrap();
            let expected: Vec<(usize, String)> = inputs
                .iter()
                .enumerate()
                .map(|(i, x)| (i, x.display.clone()))
                .collect();
            assert_eq!(seen, expected, "jobs = {jobs}");
        }
    }
}
