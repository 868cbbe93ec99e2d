//! The Rhai side: one sandboxed `Engine`, rules compiled once into `AST`s shared by
//! all threads; each evaluation sets this thread's report ([`super::current`]),
//! which the native functions of `api` read by pointer (the dataset is never
//! converted into Rhai values).

use crate::base::limits;
use std::sync::Arc;
use std::time::Duration;

use rhai::{Dynamic, Engine, EvalAltResult, Position};

use super::context::ReportContext;
use super::current;
use super::meta::RuleMeta;
use super::shapes::Shapes;
use crate::finding::Finding;

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
        current::past_deadline().then(|| Dynamic::from("timeout"))
    });
    super::api::register(&mut e);
    e
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
    current::begin(ctx, rule, timeout);
    let mut scope = rhai::Scope::new();
    let result = engine.run_ast_with_scope(&mut scope, ast);
    let findings = current::finish();
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
