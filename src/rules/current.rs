//! The report and rule a script is being evaluated on, per thread. The engine is
//! shared by all threads, so its native functions (`api`) find their report here;
//! `engine::eval` sets it around each evaluation.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::context::ReportContext;
use super::meta::RuleMeta;
use super::shapes::Shapes;
use crate::finding::Finding;

struct Evaluation {
    ctx: Arc<ReportContext>,
    rule: Arc<RuleMeta>,
    findings: Vec<Finding>,
}

thread_local! {
    static RUN: RefCell<Option<Evaluation>> = const { RefCell::new(None) };
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Starts evaluating `rule` on `ctx` on this thread, with a wall-clock budget.
pub(super) fn begin(ctx: &Arc<ReportContext>, rule: &Arc<RuleMeta>, timeout: Duration) {
    RUN.with(|r| {
        *r.borrow_mut() = Some(Evaluation {
            ctx: Arc::clone(ctx),
            rule: Arc::clone(rule),
            findings: Vec::new(),
        })
    });
    DEADLINE.with(|d| d.set(Some(Instant::now() + timeout)));
}

/// Ends this thread's evaluation: what the script reported.
pub(super) fn finish() -> Vec<Finding> {
    DEADLINE.with(|d| d.set(None));
    RUN.with(|r| {
        r.borrow_mut()
            .take()
            .map(|run| run.findings)
            .unwrap_or_default()
    })
}

/// Whether this thread's evaluation has run out of time.
pub(super) fn past_deadline() -> bool {
    DEADLINE.with(|d| d.get().is_some_and(|t| Instant::now() > t))
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
