//! Naming things in messages: a value's Chinese name, the stage-and-year prefix,
//! numbers with and without their unit, 高职 categories and listed schools.

use rhai::{Dynamic, INT};

use super::{Api, float};
use crate::rules::current::{with_ctx, with_shapes};
use crate::rules::natives;

pub(super) fn register(api: &mut Api<'_>) {
    api.add(
        "name(p: string) -> string",
        "指标的中文名，如“升学人数”",
        name,
    );
    api.add(
        "prefix(p: string) -> string",
        "指针的教育层次和年度，如“中职 2024 年：”；不在 /data 下时为空字符串",
        prefix,
    );
    api.add(
        "amount(p: string, n: number) -> string",
        "按 p 的单位写出数值 n，如“7800 人”“88.01%”“9.6:1”",
        amount,
    );
    api.add(
        "fmt(n: number) -> string",
        "不带单位写出数值：去掉末尾的 0，最多两位小数",
        fmt,
    );
    api.add(
        "cat_name(category: string) -> string",
        "高职类别的中文名，如 medical → “医学类”；未知的类别原样返回",
        cat_name,
    );
    api.add(
        "school_name(i: int) -> string",
        "学校名单（/schools）中第 i 所学校（从 0 起）的名称；没有名称时为“第 i+1 所学校”",
        school_name,
    );
}

fn name(p: &str) -> String {
    with_shapes(|s| s.name(p)).unwrap_or_default()
}

fn prefix(p: &str) -> String {
    with_shapes(|s| s.prefix(p)).unwrap_or_default()
}

fn amount(p: &str, n: Dynamic) -> String {
    with_shapes(|s| s.amount(p, float(&n).unwrap_or(f64::NAN))).unwrap_or_default()
}

fn fmt(n: Dynamic) -> String {
    float(&n).map(natives::fmt).unwrap_or_default()
}

fn cat_name(c: &str) -> String {
    natives::category_name(c).to_string()
}

fn school_name(i: INT) -> String {
    with_ctx(|c| natives::school_name(c, i)).unwrap_or_default()
}
