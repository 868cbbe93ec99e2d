//! Reading the dataset by JSON pointer: numbers, flags, text, blanks, counts and keys,
//! and the same row a year earlier.

use rhai::{Array, Dynamic, INT};
use serde_json::Value;

use super::{Api, opt_float};
use crate::rules::context::{Cell, previous_year, stage_year};
use crate::rules::current::with_ctx;

pub(super) fn register(api: &mut Api<'_>) {
    api.add(
        "num(p: string) -> float?",
        "数字；未填写、`\"-\"`、缺失或不是数字时为 `()`",
        num,
    );
    api.add(
        "flag(p: string) -> bool",
        "布尔值；不存在或不是布尔值时为 `false`",
        flag,
    );
    api.add(
        "is_blank(p: string) -> bool",
        "是否未填写（null 或缺失）",
        is_blank,
    );
    api.add("is_na(p: string) -> bool", "是否为不适用（`\"-\"`）", is_na);
    api.add("exists(p: string) -> bool", "是否存在且不为 null", exists);
    api.add(
        "text(p: string) -> string?",
        "文本；不存在或不是文本时为 `()`",
        text,
    );
    api.add(
        "count(p: string) -> int",
        "数组的长度或对象的键数；其他为 0",
        count,
    );
    api.add(
        "keys(p: string) -> array",
        "对象的键；不是对象时为空数组",
        keys,
    );
    api.add(
        "nums(p: string, field: string) -> array",
        "p 处数组每个元素的 field 按 `num` 读出的值（`/facts` 的 value：`nums(\"/facts\", \"value\")`）；p 不是数组时为空数组。一次读出整列，比逐个元素调用 `num` 快得多",
        nums,
    );
    api.add(
        "texts(p: string, field: string) -> array",
        "p 处数组每个元素的 field 按 `text` 读出的值；p 不是数组时为空数组",
        texts,
    );
    api.add(
        "flags(p: string, field: string) -> array",
        "p 处数组每个元素的 field 按 `flag` 读出的值；p 不是数组时为空数组",
        flags,
    );
    api.add(
        "na_rows(p: string) -> array",
        "p 处的表中含“-”的行：每行为 `[行键, 填了“-”的字段键数组]`，整行为“-”时字段数组为空；按文档顺序",
        na_rows,
    );
    api.add(
        "always_applies(p: string) -> bool",
        "数据规范把 p 这一行标为始终适用（`x-always-applies`：没有就填 0 的计数、每所学校都有的满意度调查），且 p 的教育层次的模板有这一行",
        always_applies,
    );
    api.add(
        "prev(p: string) -> string",
        "同一行上一年度的指针（`/data/secondary/2024/…` → `/data/secondary/2023/…`）；不在 /data 下时为空字符串",
        prev,
    );
}

fn num(p: &str) -> Dynamic {
    opt_float(with_ctx(|c| c.num(p)).flatten())
}

fn flag(p: &str) -> bool {
    with_ctx(|c| c.get(p).and_then(|v| v.as_bool()))
        .flatten()
        .unwrap_or(false)
}

fn is_blank(p: &str) -> bool {
    with_ctx(|c| c.cell(p) == Cell::Blank).unwrap_or(true)
}

fn is_na(p: &str) -> bool {
    with_ctx(|c| c.cell(p) == Cell::NotApplicable).unwrap_or(false)
}

fn exists(p: &str) -> bool {
    with_ctx(|c| c.get(p).is_some_and(|v| !v.is_null())).unwrap_or(false)
}

fn text(p: &str) -> Dynamic {
    with_ctx(|c| {
        c.get(p)
            .and_then(|v| v.as_str())
            .map(|s| Dynamic::from(s.to_string()))
    })
    .flatten()
    .unwrap_or(Dynamic::UNIT)
}

fn count(p: &str) -> INT {
    with_ctx(|c| match c.get(p) {
        Some(Value::Array(a)) => a.len() as INT,
        Some(Value::Object(m)) => m.len() as INT,
        _ => 0,
    })
    .unwrap_or(0)
}

fn keys(p: &str) -> Array {
    with_ctx(|c| match c.get(p) {
        Some(Value::Object(m)) => m.keys().map(|k| Dynamic::from(k.clone())).collect(),
        _ => Array::new(),
    })
    .unwrap_or_default()
}

/// One field of each element of the array at `p`, read by `read` (missing field:
/// `None`). Loops over the facts of a report text read a column at a time: one
/// native call instead of one per fact, and no pointer built per fact.
fn column(p: &str, field: &str, read: impl Fn(Option<&Value>) -> Dynamic) -> Array {
    with_ctx(|c| match c.get(p) {
        Some(Value::Array(items)) => items.iter().map(|item| read(item.get(field))).collect(),
        _ => Array::new(),
    })
    .unwrap_or_default()
}

fn nums(p: &str, field: &str) -> Array {
    column(p, field, |v| match v {
        Some(Value::Number(n)) => opt_float(n.as_f64()),
        _ => Dynamic::UNIT,
    })
}

fn texts(p: &str, field: &str) -> Array {
    column(p, field, |v| match v {
        Some(Value::String(s)) => Dynamic::from(s.clone()),
        _ => Dynamic::UNIT,
    })
}

fn flags(p: &str, field: &str) -> Array {
    column(p, field, |v| {
        Dynamic::from_bool(v.and_then(Value::as_bool).unwrap_or(false))
    })
}

fn na_rows(p: &str) -> Array {
    let dashed = |v: &Value| v.as_str() == Some("-");
    with_ctx(|c| match c.get(p) {
        Some(Value::Object(rows)) => rows
            .iter()
            .filter_map(|(k, row)| {
                let fields: Array = match row {
                    Value::Object(m) => m
                        .iter()
                        .filter(|(_, v)| dashed(v))
                        .map(|(f, _)| Dynamic::from(f.clone()))
                        .collect(),
                    _ if dashed(row) => Array::new(),
                    _ => return None,
                };
                if fields.is_empty() && !dashed(row) {
                    return None;
                }
                Some(Dynamic::from_array(vec![
                    Dynamic::from(k.clone()),
                    Dynamic::from_array(fields),
                ]))
            })
            .collect(),
        _ => Array::new(),
    })
    .unwrap_or_default()
}

fn always_applies(p: &str) -> bool {
    with_ctx(|c| {
        let Some(node) = c.index.at(p) else {
            return false;
        };
        let stages = node.stages();
        let stage_ok = match stage_year(p) {
            Some((stage, _)) => stages.is_empty() || stages.contains(&stage),
            None => true,
        };
        node.always_applies() && stage_ok
    })
    .unwrap_or(false)
}

fn prev(p: &str) -> String {
    previous_year(p).unwrap_or_default()
}
