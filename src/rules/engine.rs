//! The Rhai side: one sandboxed `Engine`, rules compiled once into `AST`s shared by
//! all threads; each evaluation sets this thread's report ([`super::current`]),
//! which the native functions of `api` read by pointer (the dataset is never
//! converted into Rhai values).

use crate::base::limits;
use std::sync::Arc;
use std::time::Duration;

use rhai::{Dynamic, Engine, EvalAltResult, Position};

use super::bounds::Collected;
use super::context::ReportContext;
use super::current;
use super::meta::RuleMeta;
use super::shapes::Shapes;

/// Sandbox limits. Set explicitly: Rhai's defaults differ between debug and release.
#[derive(Debug, Clone, Copy)]
pub struct SandboxLimits {
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

impl SandboxLimits {
    /// What one evaluation may spend.
    pub fn allowance(&self) -> current::Allowance {
        current::Allowance {
            time: self.timeout,
            operations: self.max_operations,
        }
    }
}

impl Default for SandboxLimits {
    fn default() -> Self {
        SandboxLimits {
            max_operations: limits::MAX_RULE_OPERATIONS,
            max_call_levels: 32,
            max_expr_depth: 64,
            max_fn_expr_depth: 32,
            max_string_size: limits::MAX_RULE_STRING,
            max_array_size: limits::MAX_RULE_ARRAY,
            max_map_size: limits::MAX_RULE_MAP,
            max_variables: 1_000,
            timeout: Duration::from_millis(limits::MAX_RULE_MILLIS),
        }
    }
}

/// Builds the sandboxed engine with the helper API registered.
pub fn build_engine(limits: SandboxLimits) -> Engine {
    let mut e = Engine::new();
    // Sandbox: no modules from disk, no eval, no printing to our stdout.
    e.set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new());
    e.disable_symbol("eval");
    // A curried argument is the one value Rhai's size limits do not measure: an array
    // of `Fn("f").curry(big)` grew by gigabytes before the time limit. No rule needs it.
    e.disable_symbol("curry");
    // The interner costs more than it saves on short-lived per-report strings.
    e.set_max_strings_interned(0);
    // Rhai's optimizer folds constants when a script is compiled: a fifth of the
    // time to compile the pack (each process, before its first report) to make the
    // rules run ~1% faster. Compiling is what one report waits for.
    e.set_optimization_level(rhai::OptimizationLevel::None);
    e.on_print(|_| {});
    e.on_debug(|_, _, _| {});
    e.set_max_operations(limits.max_operations)
        .set_max_call_levels(limits.max_call_levels)
        .set_max_expr_depths(limits.max_expr_depth, limits.max_fn_expr_depth)
        .set_max_string_size(limits.max_string_size)
        .set_max_array_size(limits.max_array_size)
        .set_max_map_size(limits.max_map_size)
        .set_max_variables(limits.max_variables);
    // Operations and time are counted per evaluation, callbacks included
    // (Rhai's own operation count restarts inside each callback).
    e.on_progress(|_| current::tick().map(|x| Dynamic::from(x.token())));
    super::api::register(&mut e);
    super::callbacks::register(&mut e);
    e
}

/// Evaluates one compiled rule against one report, adding what it reports to
/// `found`; the error that stopped it, if any.
pub fn eval(
    engine: &Engine,
    ast: &rhai::AST,
    ctx: &Arc<ReportContext>,
    rule: &Arc<RuleMeta>,
    allowance: current::Allowance,
    found: Collected,
) -> (Collected, Option<Box<EvalAltResult>>) {
    current::begin(ctx, rule, allowance, found);
    let result = {
        let mut scope = rhai::Scope::new();
        engine.run_ast_with_scope(&mut scope, ast)
    };
    (current::finish(), result.err())
}

/// Runs declared (data) checks natively; no Rhai involved.
pub fn run_declared(ctx: &ReportContext, rule: &RuleMeta, out: &mut Collected) {
    let mut shapes = Shapes { ctx, rule, out };
    for check in &rule.checks {
        shapes.declared(check);
    }
}

/// Whether a rule was stopped by a time or operation limit (a cost paid
/// again on every report), rather than by a mistake that fails at once.
pub fn is_limit(err: &EvalAltResult) -> bool {
    match err {
        EvalAltResult::ErrorInFunctionCall(_, _, inner, _) => is_limit(inner),
        EvalAltResult::ErrorTooManyOperations(_) | EvalAltResult::ErrorTerminated(..) => true,
        _ => false,
    }
}

/// A Rhai error in Chinese, for the `engine` finding.
pub fn describe_error(err: &EvalAltResult) -> (String, Position) {
    let pos = err.position();
    // A failure inside a callback (`filter`, a function the script defines) is
    // wrapped once per call: the cause is innermost, the place is the outermost call.
    let mut err = err;
    while let EvalAltResult::ErrorInFunctionCall(_, _, inner, _) = err {
        err = inner;
    }
    let text = match err {
        EvalAltResult::ErrorTooManyOperations(_) => operations(),
        EvalAltResult::ErrorTerminated(token, _) => match token.clone().into_string().as_deref() {
            Ok("memory") => format!("占用内存超过上限 {} MiB", limits::MAX_RULE_MEMORY >> 20),
            Ok("operations") => operations(),
            _ => format!(
                "运行时间超过上限 {} 毫秒（可能是死循环）",
                limits::MAX_RULE_MILLIS
            ),
        },
        EvalAltResult::ErrorDataTooLarge(what, _) => {
            format!("数据超过大小上限（{}）", data_kind(what))
        }
        EvalAltResult::ErrorStackOverflow(_) => "调用层数过深".to_string(),
        EvalAltResult::ErrorFunctionNotFound(f, _) => format!("调用了不存在的函数 {f}"),
        EvalAltResult::ErrorVariableNotFound(v, _) => format!("使用了未定义的变量 {v}"),
        other => format!("运行出错（{other}）"),
    };
    (text, pos)
}

fn operations() -> String {
    format!(
        "运行步数超过上限 {} 步（可能是死循环）",
        limits::MAX_RULE_OPERATIONS
    )
}

/// Which of Rhai's size limits, in Chinese.
fn data_kind(what: &str) -> String {
    match what {
        "Length of string" => format!(
            "字符串（含数组、映射中字符串的总长）不超过 {} 字节",
            limits::MAX_RULE_STRING
        ),
        "Size of array/BLOB" => format!("数组不超过 {} 个元素", limits::MAX_RULE_ARRAY),
        "Size of object map" => format!("映射不超过 {} 个条目", limits::MAX_RULE_MAP),
        other => other.to_string(),
    }
}
