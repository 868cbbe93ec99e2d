//! The shapes of `rules/shapes.rs` called from scripts: a part at most its total, sums,
//! ratios, ranges, thresholds (also for derived values), year-over-year changes and
//! filled tables. Each reports what it finds itself.

use rhai::{Array, Dynamic};

use super::{Api, float, strings};
use crate::rules::current::with_shapes;

pub(super) fn register(api: &mut Api<'_>) {
    counts(api);
    limits(api);
}

/// Shapes that compare values with each other or with fixed bounds.
fn counts(api: &mut Api<'_>) {
    api.add(
        "at_most(part: string, total: string)",
        "part 不超过 total，问题报在 part",
        at_most,
    );
    api.add(
        "sum_equals(parts: array, total: string)",
        "分项之和等于合计，问题报在合计",
        |parts: Array, total: &str| sum_equals(parts, total, Dynamic::UNIT),
    );
    api.add(
        "sum_equals(parts: array, total: string, tol: number)",
        "分项之和与合计相差不超过 tol",
        sum_equals,
    );
    api.add(
        "sum_at_most(parts: array, total: string)",
        "分项之和不超过合计，问题报在合计",
        sum_at_most,
    );
    api.add(
        "ratio(value: string, num: string, den: string, scale: number, tol_key: string)",
        "value ≈ num ÷ den × scale，相对容差取阈值 tol_key（没有时 0.05）",
        ratio,
    );
    api.add(
        "in_range(p: string, lo: number?, hi: number?)",
        "数值在 lo 与 hi 之间；某一端为 `()` 时不限",
        in_range,
    );
    api.add(
        "yoy(p: string, key: string)",
        "与上一年度同一行比较，相对变化（%）超过阈值 key 时报告",
        yoy,
    );
    api.add(
        "filled(table: string)",
        "表的每一行都已填写（数字或 `\"-\"`），未填写的行逐一报告；table 是表的指针",
        filled,
    );
}

/// Shapes that compare a value with a threshold of rules/thresholds.toml.
fn limits(api: &mut Api<'_>) {
    api.add(
        "min_th(p: string, key: string)",
        "数值不低于阈值 key（按报告的高职类别）；刚好达标时给出提示",
        |p: &str, key: &str| {
            with_shapes(|s| s.threshold_at(p, key, true));
        },
    );
    api.add(
        "max_th(p: string, key: string)",
        "数值不高于阈值 key；刚好达标时给出提示",
        |p: &str, key: &str| {
            with_shapes(|s| s.threshold_at(p, key, false));
        },
    );
    api.add(
        "min_th_value(p: string, v: number, key: string, category: string?)",
        "派生值 v（生均、平均数）不低于阈值 key，问题报在 p；category 为 `()` 时按报告的类别",
        |p: &str, v: Dynamic, key: &str, cat: Dynamic| derived(p, None, v, key, cat, true),
    );
    api.add(
        "max_th_value(p: string, v: number, key: string, category: string?)",
        "派生值 v 不高于阈值 key，问题报在 p",
        |p: &str, v: Dynamic, key: &str, cat: Dynamic| derived(p, None, v, key, cat, false),
    );
    api.add(
        "min_th_named(p: string, name: string, v: number, key: string, category: string?)",
        "同 `min_th_value`，消息中称 v 为 name（如“生均教学科研仪器设备值”）",
        |p: &str, name: &str, v: Dynamic, key: &str, cat: Dynamic| {
            derived(p, Some(name), v, key, cat, true)
        },
    );
    api.add(
        "max_th_named(p: string, name: string, v: number, key: string, category: string?)",
        "同 `max_th_value`，消息中称 v 为 name",
        |p: &str, name: &str, v: Dynamic, key: &str, cat: Dynamic| {
            derived(p, Some(name), v, key, cat, false)
        },
    );
}

fn at_most(part: &str, total: &str) {
    with_shapes(|s| s.at_most(part, total));
}

fn sum_equals(parts: Array, total: &str, tol: Dynamic) {
    with_shapes(|s| s.sum_equals(&strings(&parts), total, float(&tol).unwrap_or(0.0)));
}

fn sum_at_most(parts: Array, total: &str) {
    with_shapes(|s| s.sum_at_most(&strings(&parts), total, 0.0));
}

fn ratio(value: &str, numerator: &str, denominator: &str, scale: Dynamic, tolerance_key: &str) {
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
}

fn in_range(p: &str, lo: Dynamic, hi: Dynamic) {
    with_shapes(|s| s.in_range(p, float(&lo), float(&hi)));
}

fn yoy(p: &str, key: &str) {
    with_shapes(|s| s.yoy(p, key));
}

fn filled(table: &str) {
    with_shapes(|s| s.filled(table));
}

/// A value derived from others (per student, an average …) against a threshold,
/// reported at `p` and named by `name` (else by `p`'s own name).
fn derived(p: &str, name: Option<&str>, v: Dynamic, key: &str, category: Dynamic, at_least: bool) {
    let cat = category.into_string().ok();
    with_shapes(|s| {
        let Some(v) = float(&v) else { return };
        match name {
            Some(name) => s.threshold_named(p, name, v, key, cat.as_deref(), at_least),
            None => s.threshold(p, v, key, cat.as_deref(), at_least),
        }
    });
}
