//! Where a run's time goes, stage by stage, summed over threads (`check --stats`).
//!
//! Off unless [`enable`]d: then each timed stage costs two clock reads. A stage
//! timed inside another (facts inside import) is charged to itself only, so the
//! stages add up to the time spent in any of them.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The stages of checking one input, in the order data flows through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file's bytes.
    Read,
    /// Decoding and parsing: JSON/YAML/TOML into a value, Word/PDF/spreadsheets into text.
    Parse,
    /// Validating the dataset against the JSON Schema.
    Schema,
    /// Reading a report's text into the dataset (without its facts).
    Import,
    /// Reading the prose's figures (facts) during import.
    Facts,
    /// Running the rule pack and locating its findings.
    Rules,
    /// Waivers, ordering and the grade.
    Grade,
    /// Rendering and writing the output.
    Render,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Read,
        Stage::Parse,
        Stage::Schema,
        Stage::Import,
        Stage::Facts,
        Stage::Rules,
        Stage::Grade,
        Stage::Render,
    ];

    /// The stage's name in `--stats`.
    pub fn title(self) -> &'static str {
        match self {
            Stage::Read => "读取",
            Stage::Parse => "解析",
            Stage::Schema => "模式",
            Stage::Import => "导入",
            Stage::Facts => "事实",
            Stage::Rules => "规则",
            Stage::Grade => "评级",
            Stage::Render => "输出",
        }
    }
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; 8] = [const { AtomicU64::new(0) }; 8];

thread_local! {
    /// The stage this thread is in and since when its time was last charged.
    static CURRENT: Cell<Option<(Stage, Instant)>> = const { Cell::new(None) };
}

/// Starts counting (for the rest of the process).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Runs `f` as `stage`; while it runs, the enclosing stage's clock is paused.
pub fn timed<R>(stage: Stage, f: impl FnOnce() -> R) -> R {
    if !ENABLED.load(Ordering::Relaxed) {
        return f();
    }
    let start = Instant::now();
    let outer = CURRENT.with(|c| c.replace(Some((stage, start))));
    if let Some((s, since)) = outer {
        charge(s, start - since);
    }
    let result = f();
    let end = Instant::now();
    let inner = CURRENT.with(|c| c.replace(outer.map(|(s, _)| (s, end))));
    if let Some((s, since)) = inner {
        charge(s, end - since);
    }
    result
}

fn charge(stage: Stage, spent: Duration) {
    let i = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
    NANOS[i].fetch_add(spent.as_nanos() as u64, Ordering::Relaxed);
}

/// Time charged to each stage so far, over all threads.
pub fn totals() -> Vec<(Stage, Duration)> {
    Stage::ALL
        .iter()
        .zip(&NANOS)
        .map(|(s, n)| (*s, Duration::from_nanos(n.load(Ordering::Relaxed))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_stages_are_charged_once() {
        enable();
        let before = totals();
        timed(Stage::Import, || {
            std::thread::sleep(Duration::from_millis(20));
            timed(Stage::Facts, || {
                std::thread::sleep(Duration::from_millis(30))
            });
        });
        let after = totals();
        let spent = |stage: Stage| {
            let i = Stage::ALL.iter().position(|s| *s == stage).unwrap();
            after[i].1 - before[i].1
        };
        // Other tests may time stages on other threads at the same time: only lower
        // bounds hold whatever they do.
        assert!(spent(Stage::Import) >= Duration::from_millis(20));
        assert!(spent(Stage::Facts) >= Duration::from_millis(30));
        assert!(CURRENT.with(|c| c.get()).is_none());
    }
}
