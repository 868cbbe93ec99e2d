//! The Rhai side: one sandboxed `Engine`, rules compiled once into `AST`s shared by
//! all threads, and native helpers that read the canonical value by pointer (the
//! dataset is never converted into Rhai values).

use std::cell::{Cell as StdCell, RefCell};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rhai::{Array, Dynamic, Engine, EvalAltResult, FLOAT, INT, ImmutableString, Position};

use super::context::{Cell, ReportContext, previous_year};
use super::meta::RuleMeta;
use super::natives;
use super::shapes::Shapes;
use crate::finding::{Finding, Severity};

/// Sandbox limits. Set explicitly: Rhai's defaults differ between debug and release.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_operations: u64,
    pub max_call_levels: usize,
    pub max_expr_depth: usize,
    pub max_fn_expr_depth: usize,
    pub max_string_size: usize,
    pub max_array_size: usize,
    pub max_map_size: usize,
    pub max_variables: usize,
    /// Wall-clock budget of one rule on one report.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operations: 1_000_000,
            max_call_levels: 32,
            max_expr_depth: 64,
            max_fn_expr_depth: 32,
            max_string_size: 1 << 20,
            max_array_size: 100_000,
            max_map_size: 10_000,
            max_variables: 1_000,
            timeout: Duration::from_millis(500),
        }
    }
}

/// The report and rule being evaluated on this thread. The engine is shared, so its
/// native functions find their report here; the worker sets it around each `eval`.
struct Run {
    ctx: Arc<ReportContext>,
    rule: Arc<RuleMeta>,
    findings: Vec<Finding>,
}

thread_local! {
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
    static DEADLINE: StdCell<Option<Instant>> = const { StdCell::new(None) };
}

fn with_ctx<R>(f: impl FnOnce(&ReportContext) -> R) -> Option<R> {
    RUN.with(|r| r.borrow().as_ref().map(|run| f(&run.ctx)))
}

fn with_shapes<R>(f: impl FnOnce(&mut Shapes<'_>) -> R) -> Option<R> {
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

fn float(d: &Dynamic) -> Option<f64> {
    d.as_float()
        .ok()
        .or_else(|| d.as_int().ok().map(|i| i as f64))
}

fn opt_float(v: Option<f64>) -> Dynamic {
    v.map_or(Dynamic::UNIT, |n| Dynamic::from_float(n as FLOAT))
}

fn strings(a: &Array) -> Vec<String> {
    a.iter().map(|d| d.to_string()).collect()
}

/// Builds the sandboxed engine with the helper API registered.
pub fn build_engine(limits: Limits) -> Engine {
    let mut e = Engine::new();
    // Sandbox: no modules from disk, no eval, no printing to our stdout.
    e.set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new());
    e.disable_symbol("eval");
    // The interner costs more than it saves on short-lived per-report strings.
    e.set_max_strings_interned(0);
    e.on_print(|_| {});
    e.on_debug(|_, _, _| {});
    e.set_max_operations(limits.max_operations)
        .set_max_call_levels(limits.max_call_levels)
        .set_max_expr_depths(limits.max_expr_depth, limits.max_fn_expr_depth)
        .set_max_string_size(limits.max_string_size)
        .set_max_array_size(limits.max_array_size)
        .set_max_map_size(limits.max_map_size)
        .set_max_variables(limits.max_variables);
    // A clock check on every operation costs ~45%; every 4096 operations is enough.
    e.on_progress(|ops| {
        if ops % 4096 != 0 {
            return None;
        }
        let late = DEADLINE.with(|d| d.get().is_some_and(|t| Instant::now() > t));
        late.then(|| Dynamic::from("timeout"))
    });
    register_api(&mut e);
    e
}

fn register_api(e: &mut Engine) {
    // Reading the dataset.
    e.register_fn("num", |p: &str| opt_float(with_ctx(|c| c.num(p)).flatten()));
    e.register_fn("is_blank", |p: &str| {
        with_ctx(|c| c.cell(p) == Cell::Blank).unwrap_or(true)
    });
    e.register_fn("is_na", |p: &str| {
        with_ctx(|c| c.cell(p) == Cell::NotApplicable).unwrap_or(false)
    });
    e.register_fn("flag", |p: &str| {
        with_ctx(|c| c.get(p).and_then(|v| v.as_bool()))
            .flatten()
            .unwrap_or(false)
    });
    e.register_fn("exists", |p: &str| {
        with_ctx(|c| c.get(p).is_some_and(|v| !v.is_null())).unwrap_or(false)
    });
    e.register_fn("text", |p: &str| {
        with_ctx(|c| {
            c.get(p)
                .and_then(|v| v.as_str())
                .map(|s| Dynamic::from(s.to_string()))
        })
        .flatten()
        .unwrap_or(Dynamic::UNIT)
    });
    e.register_fn("count", |p: &str| -> INT {
        with_ctx(|c| match c.get(p) {
            Some(serde_json::Value::Array(a)) => a.len() as INT,
            Some(serde_json::Value::Object(m)) => m.len() as INT,
            _ => 0,
        })
        .unwrap_or(0)
    });
    e.register_fn("keys", |p: &str| -> Array {
        with_ctx(|c| match c.get(p) {
            Some(serde_json::Value::Object(m)) => {
                m.keys().map(|k| Dynamic::from(k.clone())).collect()
            }
            _ => Array::new(),
        })
        .unwrap_or_default()
    });
    e.register_fn("prev", |p: &str| previous_year(p).unwrap_or_default());
    // The report.
    e.register_fn("report_year", || {
        with_ctx(|c| c.year)
            .flatten()
            .map_or(Dynamic::UNIT, |y| Dynamic::from_int(y as INT))
    });
    e.register_fn("level", || {
        with_ctx(|c| c.level.clone()).flatten().unwrap_or_default()
    });
    e.register_fn("category", || {
        with_ctx(|c| c.category.clone())
            .flatten()
            .unwrap_or_default()
    });
    e.register_fn("stages", || -> Array {
        with_ctx(|c| c.stages.iter().map(|s| Dynamic::from(s.clone())).collect())
            .unwrap_or_default()
    });
    e.register_fn("tables", |table: &str| -> Array {
        RUN.with(|r| {
            let guard = r.borrow();
            let Some(run) = guard.as_ref() else {
                return Array::new();
            };
            run.ctx
                .tables(table)
                .into_iter()
                .filter(|p| {
                    super::context::stage_year(p).is_some_and(|(s, _)| {
                        run.rule.applies.stage_ok(s) && run.ctx.stages.iter().any(|x| x == s)
                    })
                })
                .map(Dynamic::from)
                .collect()
        })
    });
    e.register_fn("th", |key: &str| {
        opt_float(with_ctx(|c| c.threshold(key, None)).flatten())
    });
    e.register_fn("th_for", |key: &str, category: &str| {
        opt_float(with_ctx(|c| c.threshold(key, Some(category))).flatten())
    });
    // Naming things in messages.
    e.register_fn("name", |p: &str| {
        with_shapes(|s| s.name(p)).unwrap_or_default()
    });
    e.register_fn("prefix", |p: &str| {
        with_shapes(|s| s.prefix(p)).unwrap_or_default()
    });
    e.register_fn("amount", |p: &str, n: Dynamic| {
        with_shapes(|s| s.amount(p, float(&n).unwrap_or(f64::NAN))).unwrap_or_default()
    });
    // Shapes.
    e.register_fn("at_most", |part: &str, total: &str| {
        with_shapes(|s| s.at_most(part, total));
    });
    e.register_fn("sum_equals", |parts: Array, total: &str| {
        with_shapes(|s| s.sum_equals(&strings(&parts), total, 0.0));
    });
    e.register_fn("sum_equals", |parts: Array, total: &str, tol: Dynamic| {
        with_shapes(|s| s.sum_equals(&strings(&parts), total, float(&tol).unwrap_or(0.0)));
    });
    e.register_fn("sum_at_most", |parts: Array, total: &str| {
        with_shapes(|s| s.sum_at_most(&strings(&parts), total, 0.0));
    });
    e.register_fn(
        "ratio",
        |value: &str, numerator: &str, denominator: &str, scale: Dynamic, tolerance_key: &str| {
            with_shapes(|s| {
                let tol = s.ctx.threshold(tolerance_key, None).unwrap_or(0.05);
                s.ratio(
                    value,
                    numerator,
                    denominator,
                    float(&scale).unwrap_or(1.0),
                    tol,
                )
            });
        },
    );
    e.register_fn("in_range", |p: &str, lo: Dynamic, hi: Dynamic| {
        with_shapes(|s| s.in_range(p, float(&lo), float(&hi)));
    });
    e.register_fn("min_th", |p: &str, key: &str| {
        with_shapes(|s| s.threshold_at(p, key, true));
    });
    e.register_fn("max_th", |p: &str, key: &str| {
        with_shapes(|s| s.threshold_at(p, key, false));
    });
    // Derived values (per student, per teacher …) against a threshold, reported at `p`.
    e.register_fn(
        "min_th_value",
        |p: &str, v: Dynamic, key: &str, category: Dynamic| {
            let cat = category.into_string().ok();
            with_shapes(|s| {
                if let Some(v) = float(&v) {
                    s.threshold(p, v, key, cat.as_deref(), true)
                }
            });
        },
    );
    e.register_fn(
        "max_th_value",
        |p: &str, v: Dynamic, key: &str, category: Dynamic| {
            let cat = category.into_string().ok();
            with_shapes(|s| {
                if let Some(v) = float(&v) {
                    s.threshold(p, v, key, cat.as_deref(), false)
                }
            });
        },
    );
    e.register_fn(
        "min_th_named",
        |p: &str, name: &str, v: Dynamic, key: &str, category: Dynamic| {
            let cat = category.into_string().ok();
            with_shapes(|s| {
                if let Some(v) = float(&v) {
                    s.threshold_named(p, name, v, key, cat.as_deref(), true)
                }
            });
        },
    );
    e.register_fn(
        "max_th_named",
        |p: &str, name: &str, v: Dynamic, key: &str, category: Dynamic| {
            let cat = category.into_string().ok();
            with_shapes(|s| {
                if let Some(v) = float(&v) {
                    s.threshold_named(p, name, v, key, cat.as_deref(), false)
                }
            });
        },
    );
    e.register_fn("yoy", |p: &str, key: &str| {
        with_shapes(|s| s.yoy(p, key));
    });
    e.register_fn("filled", |table: &str| {
        with_shapes(|s| s.filled(table));
    });
    // Shared helpers (see natives.rs).
    e.register_fn("part_of", |title: &str| -> INT { natives::part_of(title) });
    e.register_fn("fmt", |n: Dynamic| {
        float(&n).map(natives::fmt).unwrap_or_default()
    });
    e.register_fn("cat_name", |c: &str| natives::category_name(c).to_string());
    e.register_fn("school_name", |i: INT| {
        with_ctx(|c| natives::school_name(c, i)).unwrap_or_default()
    });
    e.register_fn("school_stage", |i: INT| {
        with_ctx(|c| natives::school_stage(c, i))
            .flatten()
            .map_or(Dynamic::UNIT, Dynamic::from)
    });
    e.register_fn("school_category", |i: INT| {
        with_ctx(|c| natives::school_category(c, i))
            .flatten()
            .map_or(Dynamic::UNIT, Dynamic::from)
    });
    e.register_fn("schools", |stage: &str| -> Array {
        with_ctx(|c| {
            natives::schools_of(c, stage)
                .into_iter()
                .map(Dynamic::from_int)
                .collect()
        })
        .unwrap_or_default()
    });
    e.register_fn("lenient_category", |key: &str, at_least: bool| {
        with_ctx(|c| natives::lenient_category(c, key, at_least))
            .flatten()
            .map_or(Dynamic::UNIT, Dynamic::from)
    });
    // Reporting.
    e.register_fn("fail", |p: &str, msg: ImmutableString| {
        with_shapes(|s| s.emit(s.rule.severity, p, msg.to_string()));
    });
    e.register_fn("warn", |p: &str, msg: ImmutableString| {
        with_shapes(|s| s.emit(s.rule.severity.max(Severity::Warning), p, msg.to_string()));
    });
    e.register_fn("note", |p: &str, msg: ImmutableString| {
        with_shapes(|s| s.emit(Severity::Info, p, msg.to_string()));
    });
}

/// Evaluates one compiled rule against one report; what it reports, or the error
/// that stopped it.
pub fn eval(
    engine: &Engine,
    ast: &rhai::AST,
    ctx: &Arc<ReportContext>,
    rule: &Arc<RuleMeta>,
    timeout: Duration,
) -> (Vec<Finding>, Option<Box<EvalAltResult>>) {
    RUN.with(|r| {
        *r.borrow_mut() = Some(Run {
            ctx: Arc::clone(ctx),
            rule: Arc::clone(rule),
            findings: Vec::new(),
        })
    });
    DEADLINE.with(|d| d.set(Some(Instant::now() + timeout)));
    let mut scope = rhai::Scope::new();
    let result = engine.run_ast_with_scope(&mut scope, ast);
    DEADLINE.with(|d| d.set(None));
    let findings = RUN.with(|r| {
        r.borrow_mut()
            .take()
            .map(|run| run.findings)
            .unwrap_or_default()
    });
    (findings, result.err())
}

/// Runs declared (data) checks natively; no Rhai involved.
pub fn run_declared(ctx: &ReportContext, rule: &RuleMeta) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut shapes = Shapes {
        ctx,
        rule,
        out: &mut out,
    };
    for check in &rule.checks {
        shapes.declared(check);
    }
    out
}

/// A Rhai error in Chinese, for the `engine` finding.
pub fn describe_error(err: &EvalAltResult) -> (String, Position) {
    let pos = err.position();
    let text = match err {
        EvalAltResult::ErrorTooManyOperations(_) => "运行步数超过上限（可能是死循环）".to_string(),
        EvalAltResult::ErrorTerminated(..) => "运行时间超过上限（可能是死循环）".to_string(),
        EvalAltResult::ErrorDataTooLarge(what, _) => format!("数据超过大小上限（{what}）"),
        EvalAltResult::ErrorStackOverflow(_) => "调用层数过深".to_string(),
        EvalAltResult::ErrorFunctionNotFound(f, _) => format!("调用了不存在的函数 {f}"),
        EvalAltResult::ErrorVariableNotFound(v, _) => format!("使用了未定义的变量 {v}"),
        other => format!("运行出错：{other}"),
    };
    (text, pos)
}
