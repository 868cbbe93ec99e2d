//! Rhai's array functions that call a script function back, replaced where Rhai
//! swallows the callback's error: `sort`/`sort_by` with a comparator and `dedup`
//! with one treat a failed call (a comparator that loops until the operation or time
//! limit stops it) as "no answer" and go on comparing, so the rule ran on for
//! seconds and then passed. Here the first failure stops the call and fails the rule.
//! (Every other callback taker — `filter`, `map`, `reduce`, `retain`, `drain`, `some`,
//! `all`, `find`, `index_of`, `for_each`, on arrays and maps — returns the error.)

use std::cmp::Ordering;
use std::panic::{AssertUnwindSafe, catch_unwind};

use rhai::{Array, Dynamic, Engine, EvalAltResult, FnPtr, NativeCallContext, Position};

type Result<T> = std::result::Result<T, Box<EvalAltResult>>;

/// Registers the replacements on the engine (searched before Rhai's own packages).
pub fn register(engine: &mut Engine) {
    engine
        .register_fn("sort", sort_by)
        .register_fn("sort_by", sort_by)
        .register_fn("dedup", dedup_by);
}

/// Calls `f(a, b)`, remembering the first failure in `failed`; after one, no more calls.
fn call(
    ctx: &NativeCallContext,
    f: &FnPtr,
    a: &Dynamic,
    b: &Dynamic,
    failed: &mut Option<Box<EvalAltResult>>,
) -> Option<Dynamic> {
    if failed.is_some() {
        return None;
    }
    match f.call_raw(ctx, None, [a.clone(), b.clone()]) {
        Ok(v) => Some(v),
        Err(e) => {
            *failed = Some(e);
            None
        }
    }
}

/// `array.sort(|a, b| …)`: as Rhai's (an integer's sign or a bool orders), except
/// that a failing comparator fails the call.
fn sort_by(ctx: NativeCallContext, array: &mut Array, comparer: FnPtr) -> Result<()> {
    if array.len() <= 1 {
        return Ok(());
    }
    let mut failed = None;
    // `slice::sort_by` may panic when the comparator is not a total order.
    let sorted = catch_unwind(AssertUnwindSafe(|| {
        array.sort_by(|x, y| {
            let Some(v) = call(&ctx, &comparer, x, y, &mut failed) else {
                return Ordering::Equal;
            };
            match v.as_int() {
                Ok(n) => n.cmp(&0),
                Err(_) => match v.as_bool() {
                    Ok(true) => Ordering::Less,
                    Ok(false) => Ordering::Greater,
                    Err(_) => x.type_id().cmp(&y.type_id()),
                },
            }
        })
    }));
    if let Some(e) = failed {
        return Err(e);
    }
    sorted.map_err(|_| {
        EvalAltResult::ErrorRuntime("排序的比较函数前后矛盾（不是全序）".into(), Position::NONE)
            .into()
    })
}

/// `array.dedup(|a, b| …)`: as Rhai's, except that a failing comparer fails the call.
fn dedup_by(ctx: NativeCallContext, array: &mut Array, comparer: FnPtr) -> Result<()> {
    let mut failed = None;
    array.dedup_by(|x, y| {
        call(&ctx, &comparer, y, x, &mut failed)
            .and_then(|v| v.as_bool().ok())
            .unwrap_or(false)
    });
    failed.map_or(Ok(()), Err)
}
