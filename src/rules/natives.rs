//! Helpers that many rules share, written once in Rust: which part of the report a
//! heading belongs to, which stage and category a listed school has, how to name it.
//! (Rhai scripts cannot import each other, and these run for every report.)

use serde_json::Value;

use super::context::ReportContext;
use crate::base::number::fmt_num;
use crate::base::vocab;

/// Which of the eight parts a heading names (0–7), or -1 when none or several
/// (the integer form rule scripts use).
pub fn part_of(title: &str) -> i64 {
    vocab::part_of(title).map_or(-1, |k| k as i64)
}

fn school(ctx: &ReportContext, i: i64) -> Option<&Value> {
    ctx.value.get("schools")?.get(usize::try_from(i).ok()?)
}

/// A listed school's stage: its `stage`, else its kind, else the report's only stage.
pub fn school_stage(ctx: &ReportContext, i: i64) -> Option<String> {
    let s = school(ctx, i)?;
    if let Some(stage) = s.get("stage").and_then(Value::as_str) {
        return Some(stage.to_string());
    }
    match s.get("kind").and_then(Value::as_str) {
        Some("higher_vocational" | "vocational_bachelor") => return Some("higher".into()),
        Some("specialized_secondary" | "vocational_high" | "technical" | "adult_secondary") => {
            return Some("secondary".into());
        }
        _ => {}
    }
    match ctx.stages.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// Indexes of the listed schools of a stage.
pub fn schools_of(ctx: &ReportContext, stage: &str) -> Vec<i64> {
    let n = ctx
        .value
        .get("schools")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    (0..n as i64)
        .filter(|&i| school_stage(ctx, i).as_deref() == Some(stage))
        .collect()
}

/// A school's name for messages, or 第 n 所学校.
pub fn school_name(ctx: &ReportContext, i: i64) -> String {
    school(ctx, i)
        .and_then(|s| s.get("name"))
        .and_then(Value::as_str)
        .map_or_else(|| format!("第 {} 所学校", i + 1), str::to_string)
}

/// A school's 高职 category: its own, else the report's.
pub fn school_category(ctx: &ReportContext, i: i64) -> Option<String> {
    school(ctx, i)
        .and_then(|s| s.get("category"))
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .or_else(|| ctx.category.clone().filter(|c| !c.is_empty()))
}

/// The category whose value of a threshold is most lenient (used when a school's
/// category is unknown: better to miss a problem than to invent one).
pub fn lenient_category(ctx: &ReportContext, key: &str, at_least: bool) -> Option<String> {
    let t = ctx.thresholds.get(key)?;
    let pick = t.by_category.iter().min_by(|a, b| {
        let ord = a.1.total_cmp(b.1);
        if at_least { ord } else { ord.reverse() }
    });
    pick.map(|(c, _)| c.clone())
}

pub fn category_name(c: &str) -> &str {
    match c {
        "comprehensive" => "综合、师范、民族类",
        "engineering" => "工科、农、林类",
        "medical" => "医学类",
        "humanities" => "语文、财经、政法类",
        "sports" => "体育类",
        "arts" => "艺术类",
        other => other,
    }
}

pub fn fmt(n: f64) -> String {
    fmt_num(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_map_to_parts() {
        assert_eq!(part_of("三、服务贡献"), 2);
        assert_eq!(part_of("前言"), -1);
    }
}
