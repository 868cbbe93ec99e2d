//! The report and rule a script is being evaluated on, per thread. The engine is
//! shared by all threads, so its native functions (`api`) find their report here;
//! `engine::eval` sets it around each evaluation.

use crate::base::limits::MAX_RULE_MEMORY;
use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::bounds::Collected;
use super::context::ReportContext;
use super::meta::RuleMeta;
use super::shapes::Shapes;

struct Evaluation {
    ctx: Arc<ReportContext>,
    rule: Arc<RuleMeta>,
    findings: Collected,
}

thread_local! {
    static RUN: RefCell<Option<Evaluation>> = const { RefCell::new(None) };
    static BUDGET: Cell<Option<Budget>> = const { Cell::new(None) };
    /// Operations this thread's evaluation has run, and the count at which `tick`
    /// next looks at the budget (its limit, or the next clock reading): Rhai calls
    /// `tick` for every operation, and all but a few of them stop at one comparison.
    static OPS: Cell<u64> = const { Cell::new(0) };
    static LOOK_AT: Cell<u64> = const { Cell::new(0) };
    /// The last resident size this thread read, and when.
    static RESIDENT: Cell<Option<(Instant, Option<u64>)>> = const { Cell::new(None) };
}

/// What this thread's evaluation may still spend: until when, how many operations,
/// how much the process may grow while it runs. Counted here
/// rather than by Rhai, whose count restarts inside every callback (a sort
/// comparator, a closure given to `filter`).
#[derive(Clone, Copy)]
struct Budget {
    deadline: Instant,
    /// The process's resident size when the evaluation began (None: not measurable).
    resident_at_start: Option<u64>,
    max_ops: u64,
}

/// What an evaluation may spend.
#[derive(Debug, Clone, Copy)]
pub struct Allowance {
    pub time: Duration,
    pub operations: u64,
}

/// Why an evaluation must stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Operations,
    Time,
    Memory,
}

impl Exceeded {
    /// The token Rhai's `ErrorTerminated` carries.
    pub fn token(self) -> &'static str {
        match self {
            Exceeded::Operations => "operations",
            Exceeded::Time => "timeout",
            Exceeded::Memory => "memory",
        }
    }
}

/// A clock read every this many operations: reading it each time costs ~45%.
const CLOCK_EVERY: u64 = 4096;

/// Starts evaluating `rule` on `ctx` on this thread, with a wall-clock budget; what
/// it emits is added to `found`.
pub(super) fn begin(
    ctx: &Arc<ReportContext>,
    rule: &Arc<RuleMeta>,
    allowance: Allowance,
    found: Collected,
) {
    RUN.with(|r| {
        *r.borrow_mut() = Some(Evaluation {
            ctx: Arc::clone(ctx),
            rule: Arc::clone(rule),
            findings: found,
        })
    });
    BUDGET.with(|b| {
        b.set(Some(Budget {
            deadline: Instant::now() + allowance.time,
            resident_at_start: resident_lately(),
            max_ops: allowance.operations,
        }))
    });
    OPS.with(|o| o.set(0));
    LOOK_AT.with(|l| l.set(next_look(0, allowance.operations)));
}

/// Ends this thread's evaluation: what the script reported.
pub(super) fn finish() -> Collected {
    BUDGET.with(|b| b.set(None));
    LOOK_AT.with(|l| l.set(0));
    RUN.with(|r| {
        r.borrow_mut()
            .take()
            .map(|run| run.findings)
            .unwrap_or_default()
    })
}

/// Operations after which an evaluation's memory is watched: rules of the pack run a
/// few thousand; a rule that builds gigabytes (a map of 10,000 strings of 64 KiB:
/// Rhai's limits count entries and string lengths, not their product) runs far more.
const LONG_RUNNING: u64 = 16 * CLOCK_EVERY;

/// Whether the process has grown by more than `MAX_RULE_MEMORY` since the
/// evaluation began. Process-wide (safe Rust cannot count one thread's bytes), so
/// it is asked only of long-running evaluations, where a rule that hoards memory is.
fn grew_too_much(at_start: Option<u64>) -> bool {
    match (at_start, resident_bytes()) {
        (Some(start), Some(now)) => now > start.saturating_add(MAX_RULE_MEMORY as u64),
        _ => false,
    }
}

/// How old a resident size read by this thread may be and still serve as an
/// evaluation's starting point. Reading /proc for each of ~100 rules of each report
/// cost 8% of a batch; in 50 ms no report grows the process by anything like
/// `MAX_RULE_MEMORY`, so a start read a little earlier measures the same.
const RESIDENT_FRESH: Duration = Duration::from_millis(50);

/// This thread's reading of the resident size, if fresh enough, else a new one.
fn resident_lately() -> Option<u64> {
    let now = Instant::now();
    if let Some((at, bytes)) = RESIDENT.with(Cell::get)
        && now.duration_since(at) < RESIDENT_FRESH
    {
        return bytes;
    }
    let bytes = resident_bytes();
    RESIDENT.with(|r| r.set(Some((now, bytes))));
    bytes
}

/// The process's resident size in bytes (Linux: /proc/self/statm, 4 KiB pages).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Counts one operation of this thread's evaluation (callbacks included); whether
/// it has run out of operations, time or memory. Rhai calls it on every operation:
/// the common case (no checkpoint yet) is inlined into the callback, the checkpoint
/// itself is not.
#[inline]
pub(super) fn tick() -> Option<Exceeded> {
    let ops = OPS.with(|o| {
        let ops = o.get() + 1;
        o.set(ops);
        ops
    });
    if ops < LOOK_AT.with(Cell::get) {
        return None;
    }
    checkpoint(ops)
}

/// At a checkpoint: the operation limit, and every `CLOCK_EVERY` operations the
/// clock and the memory.
#[cold]
#[inline(never)]
fn checkpoint(ops: u64) -> Option<Exceeded> {
    let budget = BUDGET.with(Cell::get)?;
    LOOK_AT.with(|l| l.set(next_look(ops, budget.max_ops)));
    if ops > budget.max_ops {
        Some(Exceeded::Operations)
    } else if !ops.is_multiple_of(CLOCK_EVERY) {
        None
    } else if Instant::now() > budget.deadline {
        Some(Exceeded::Time)
    } else if ops >= LONG_RUNNING && grew_too_much(budget.resident_at_start) {
        Some(Exceeded::Memory)
    } else {
        None
    }
}

/// The operation count after `ops` at which the budget must be looked at: the next
/// clock reading, or the first operation over the limit if that comes sooner.
fn next_look(ops: u64, max_ops: u64) -> u64 {
    let clock = (ops / CLOCK_EVERY + 1) * CLOCK_EVERY;
    clock.min(max_ops.saturating_add(1))
}

/// Runs `f` on the report being evaluated on this thread (`None` outside `eval`).
pub(super) fn with_ctx<R>(f: impl FnOnce(&ReportContext) -> R) -> Option<R> {
    RUN.with(|r| r.borrow().as_ref().map(|run| f(&run.ctx)))
}

/// Runs `f` on the report and the rule being evaluated on this thread.
pub(super) fn with_rule<R>(f: impl FnOnce(&ReportContext, &RuleMeta) -> R) -> Option<R> {
    RUN.with(|r| r.borrow().as_ref().map(|run| f(&run.ctx, &run.rule)))
}

/// Runs `f` on the shapes of this thread's report and rule; what it emits is kept.
pub(super) fn with_shapes<R>(f: impl FnOnce(&mut Shapes<'_>) -> R) -> Option<R> {
    RUN.with(|r| {
        let mut guard = r.borrow_mut();
        let run = guard.as_mut()?;
        let mut shapes = Shapes {
            ctx: &run.ctx,
            rule: &run.rule,
            out: &mut run.findings,
        };
        Some(f(&mut shapes))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_looked_at_on_each_clock_reading_and_just_past_the_limit() {
        assert_eq!(next_look(0, u64::MAX), CLOCK_EVERY);
        assert_eq!(next_look(CLOCK_EVERY, u64::MAX), 2 * CLOCK_EVERY);
        assert_eq!(next_look(CLOCK_EVERY - 1, u64::MAX), CLOCK_EVERY);
        assert_eq!(next_look(0, 10), 11);
        assert_eq!(next_look(0, 0), 1);
        // Past the limit: looked at again on the very next operation.
        assert_eq!(next_look(12, 10), 11);
    }
}
