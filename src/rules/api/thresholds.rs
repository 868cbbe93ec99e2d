//! Thresholds from rules/thresholds.toml, for the report's 高职 category or another.

use rhai::Dynamic;

use super::{Api, opt_float};
use crate::rules::current::with_ctx;
use crate::rules::natives;

pub(super) fn register(api: &mut Api<'_>) {
    api.add(
        "th(key: string) -> float?",
        "阈值表中 key 的值（按高职类别取值的，按报告的类别）；没有时为 `()`",
        th,
    );
    api.add(
        "th_for(key: string, category: string) -> float?",
        "按指定的高职类别取阈值 key 的值；没有时为 `()`",
        th_for,
    );
    api.add(
        "lenient_category(key: string, at_least: bool) -> string?",
        "阈值 key 最宽松的高职类别（at_least 为 true 取值最小的，否则取最大的），学校类别不明时用；key 不按类别取值时为 `()`",
        lenient_category,
    );
}

fn th(key: &str) -> Dynamic {
    opt_float(with_ctx(|c| c.threshold(key, None)).flatten())
}

fn th_for(key: &str, category: &str) -> Dynamic {
    opt_float(with_ctx(|c| c.threshold(key, Some(category))).flatten())
}

fn lenient_category(key: &str, at_least: bool) -> Dynamic {
    with_ctx(|c| natives::lenient_category(c, key, at_least))
        .flatten()
        .map_or(Dynamic::UNIT, Dynamic::from)
}
