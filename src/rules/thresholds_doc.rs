//! The thresholds as a user reads them: `dabiao rules thresholds` (text or JSON), the
//! thresholds a rule uses in `rules explain`, and the table at the end of docs/rules.md.
//! Each shows the value in force and, when `--set` or `dabiao.toml` changed it, where
//! from and what the pack's default is.

use std::fmt::Write;

use serde_json::{Value, json};

use super::thresholds::{Confidence, Threshold, Thresholds};
use crate::base::number::fmt_num;

/// The 高职 categories in the order of 教发〔2004〕2号's tables.
const CATEGORY_ORDER: [&str; 6] = [
    "comprehensive",
    "engineering",
    "medical",
    "humanities",
    "sports",
    "arts",
];

/// A category's place in [`CATEGORY_ORDER`] (unknown ones last, by name).
fn category_rank(c: &str) -> (usize, &str) {
    (
        CATEGORY_ORDER
            .iter()
            .position(|k| *k == c)
            .unwrap_or(CATEGORY_ORDER.len()),
        c,
    )
}

/// Short Chinese names of the 高职 categories, for values listed by category.
fn category_short(c: &str) -> &str {
    match c {
        "comprehensive" => "综合",
        "engineering" => "工农林",
        "medical" => "医学",
        "humanities" => "语文财经政法",
        "sports" => "体育",
        "arts" => "艺术",
        other => other,
    }
}

/// A number with its unit: 20%, 20:1, 1200 人.
pub fn with_unit(n: f64, unit: &str) -> String {
    match unit {
        "%" | ":1" | "" => format!("{}{unit}", fmt_num(n)),
        u => format!("{} {u}", fmt_num(n)),
    }
}

/// A threshold's value with its unit, or its values per 高职 category
/// ("综合 18:1；医学 16:1；…").
pub fn value_text(t: &Threshold) -> String {
    if t.by_category.is_empty() {
        t.value.map(|v| with_unit(v, &t.unit)).unwrap_or_default()
    } else {
        let mut values: Vec<(&String, &f64)> = t.by_category.iter().collect();
        values.sort_by_key(|(c, _)| category_rank(c));
        values
            .iter()
            .map(|(c, v)| format!("{} {}", category_short(c), with_unit(**v, &t.unit)))
            .collect::<Vec<_>>()
            .join("；")
    }
}

/// Whether the number was checked against a copy of its document: a short status for
/// users ("已核实", "未核实"); the details are in thresholds.toml's notes.
pub fn status_text(t: &Threshold) -> String {
    let status = match t.confidence {
        Confidence::Source | Confidence::Seed => "已核实",
        Confidence::Secondary => "二手转述",
        Confidence::Memory => "未核实",
        Confidence::Convention => "项目约定",
    };
    if t.memory_categories.is_empty() || t.confidence == Confidence::Memory {
        status.to_string()
    } else {
        let mut names: Vec<&str> = t.memory_categories.iter().map(String::as_str).collect();
        names.sort_by_key(|c| category_rank(c));
        let names: Vec<&str> = names.into_iter().map(category_short).collect();
        format!("{status}（{} 未核实）", names.join("、"))
    }
}

/// What overrode `key`, or `None`: "--set 设为 1000；默认 1200 人". `origins[i]` says
/// where the i-th override applied came from (`--set` or a dabiao.toml path).
pub fn override_text(thresholds: &Thresholds, key: &str, origins: &[String]) -> Option<String> {
    let default = thresholds.default_of(key)?;
    let applied: Vec<String> = thresholds
        .overrides_of(key)
        .map(|(i, (k, v))| {
            let from = origins.get(i).map(String::as_str).unwrap_or("覆盖");
            let what = if k == key {
                String::new()
            } else {
                format!("{} ", k.rsplit('.').next().map(category_short).unwrap_or(k))
            };
            format!("{from} 设{what}为 {}", fmt_num(*v))
        })
        .collect();
    Some(format!(
        "{}；默认 {}",
        applied.join("，"),
        value_text(default)
    ))
}

/// `dabiao rules thresholds`: every threshold, its value in force (overrides marked
/// with where they came from), unit, status, meaning and source.
pub fn listing(thresholds: &Thresholds, origins: &[String]) -> String {
    let mut out = String::new();
    let overridden = thresholds
        .iter()
        .filter(|(k, _)| thresholds.default_of(k).is_some())
        .count();
    let _ = writeln!(
        out,
        "共 {} 个阈值{}。每项下面是它的含义和出处；标 * 的已被覆盖。\n",
        thresholds.iter().count(),
        if overridden > 0 {
            format!("，其中 {overridden} 个已被覆盖")
        } else {
            String::new()
        }
    );
    for (key, t) in thresholds.iter() {
        let over = override_text(thresholds, key, origins);
        let mark = if over.is_some() { " *" } else { "" };
        let _ = writeln!(out, "{key} = {}{mark}", value_text(t));
        let _ = writeln!(out, "    含义：{}", t.title);
        let _ = writeln!(
            out,
            "    单位：{}",
            if t.unit.is_empty() { "—" } else { &t.unit }
        );
        let _ = writeln!(out, "    核实：{}", status_text(t));
        if let Some(o) = over {
            let _ = writeln!(out, "    覆盖：{o}");
        }
        let _ = writeln!(out, "    出处：{}\n", t.source);
    }
    out.push_str("覆盖阈值：--set 键=值（可重复），或写进 dabiao.toml 的 [thresholds]；按高职类别的阈值可写 键.类别=值，例如 higher.student_teacher_ratio_max.medical=15\n");
    out
}

/// A Markdown table: key, title, value in force (with where an override came from
/// and the default), status and source.
pub fn markdown_table(thresholds: &Thresholds, origins: &[String]) -> String {
    let mut out = String::from("| 键 | 名称 | 值 | 核实 | 出处 |\n|---|---|---|---|---|\n");
    for (key, t) in thresholds.iter() {
        let over = override_text(thresholds, key, origins)
            .map(|o| format!("（{o}）"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| `{key}` | {} | {}{over} | {} | {} |",
            t.title,
            value_text(t),
            status_text(t),
            t.source
        );
    }
    out
}

/// `dabiao rules thresholds --format json`: one object per threshold.
pub fn listing_json(thresholds: &Thresholds, origins: &[String]) -> Value {
    let items: Vec<Value> = thresholds
        .iter()
        .map(|(key, t)| {
            let overrides: Vec<Value> = thresholds
                .overrides_of(key)
                .map(|(i, (k, v))| json!({"key": k, "value": v, "from": origins.get(i)}))
                .collect();
            let default = thresholds.default_of(key);
            json!({
                "key": key,
                "title": t.title,
                "value": t.value,
                "by_category": t.by_category,
                "unit": t.unit,
                "overridden": default.is_some(),
                "overrides": overrides,
                "default": default.map(|d| json!({"value": d.value, "by_category": d.by_category})),
                "status": status_text(t),
                "confidence": t.confidence,
                "source": t.source,
                "note": t.note,
            })
        })
        .collect();
    json!({ "thresholds": items })
}

/// The threshold keys a rule's file names (in `th("…")`, a declared check or a
/// `{…}` placeholder), in the table's order.
pub fn keys_in<'a>(thresholds: &'a Thresholds, text: &str) -> Vec<&'a String> {
    thresholds
        .iter()
        .map(|(k, _)| k)
        .filter(|k| {
            text.match_indices(k.as_str()).any(|(at, _)| {
                let next = text[at + k.len()..].chars().next();
                let prev = text[..at].chars().next_back();
                !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            })
        })
        .collect()
}

/// The "阈值" lines of `rules explain`: each threshold the rule uses, in force.
pub fn rule_thresholds(thresholds: &Thresholds, text: &str, origins: &[String]) -> String {
    let mut out = String::new();
    for key in keys_in(thresholds, text) {
        let Some(t) = thresholds.get(key) else {
            continue;
        };
        let _ = write!(
            out,
            "  {key} = {}（{}；{}",
            value_text(t),
            t.title,
            status_text(t)
        );
        if let Some(o) = override_text(thresholds, key, origins) {
            let _ = write!(out, "；{o}");
        }
        out.push_str("）\n");
    }
    out
}
