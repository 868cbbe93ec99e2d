//! Helpers that many rules share, written once in Rust: which part of the report a
//! heading belongs to, which stage and category a listed school has, how to name it.
//! (Rhai scripts cannot import each other, and these run for every report.)

use serde_json::Value;

use super::context::{ReportContext, fmt_num};

/// The eight parts, in order, and the wordings accepted for each.
pub const PARTS: [&str; 8] = [
    "基本情况",
    "人才培养",
    "服务贡献",
    "文化传承",
    "国际合作",
    "产教融合",
    "发展保障",
    "面临挑战",
];

const ALIASES: [&[&str]; 8] = [
    &["基本情况", "概况"],
    &["人才培养"],
    &["服务贡献"],
    &["文化传承"],
    &["国际合作", "国际交流"],
    &["产教融合"],
    &["发展保障", "政策保障", "办学保障"],
    &["面临挑战", "挑战"],
];

/// Drops spaces, quotes and brackets that headings are decorated with.
pub fn normalize_title(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '「' | '」' | '『' | '』' | '“' | '”' | '"' | '\'' | '《' | '》'
                )
        })
        .collect()
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十〇零".contains(c)
}

/// Drops a heading's numbering: 第一部分, 一、, （一）, 1., 1.1, 2 …
pub fn strip_numbering(s: &str) -> &str {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let Some(&(_, first)) = chars.first() else {
        return s;
    };
    let at = |j: usize| chars.get(j).map_or(s.len(), |(i, _)| *i);
    if first == '第' {
        for (marker, max) in [("部分", 5), ("章", 4)] {
            if let Some(b) = s.find(marker) {
                let j = s[..b].chars().count();
                if j > 1 && j <= max {
                    return &s[b + marker.len()..];
                }
            }
        }
        return s;
    }
    if first == '（' || first == '(' {
        let mut j = 1;
        while j < chars.len() && is_numeral(chars[j].1) {
            j += 1;
        }
        if j > 1 && j < chars.len() && matches!(chars[j].1, '）' | ')') {
            return &s[at(j + 1)..];
        }
        return s;
    }
    let mut j = 0;
    let mut arabic = true;
    while j < chars.len() && (is_numeral(chars[j].1) || matches!(chars[j].1, '.' | '．')) {
        if !(chars[j].1.is_ascii_digit() || matches!(chars[j].1, '.' | '．')) {
            arabic = false;
        }
        j += 1;
    }
    if j == 0 || j >= chars.len() {
        return s;
    }
    if "、.．:：)）".contains(chars[j].1) {
        return &s[at(j + 1)..];
    }
    if arabic && j <= 3 {
        return &s[at(j)..];
    }
    s
}

/// Which of the eight parts a heading names (0–7), or -1 when none or several.
pub fn part_of(title: &str) -> i64 {
    let t = normalize_title(title);
    let t = strip_numbering(&t);
    let mut found = -1;
    for (k, aliases) in ALIASES.iter().enumerate() {
        if aliases.iter().any(|a| t.contains(a)) {
            if found >= 0 && found != k as i64 {
                return -1;
            }
            found = k as i64;
        }
    }
    found
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
        for (title, part) in [
            ("1 基本情况", 0),
            ("第二部分 人才培养", 1),
            ("三、服务贡献", 2),
            ("（四）文化传承", 3),
            ("4. 文化传承", 3),
            ("5 国际交流与合作", 4),
            ("「产教融合」", 5),
            ("7.发展保障", 6),
            ("8 面临挑战", 7),
            ("前言", -1),
            ("人才培养与服务贡献", -1),
        ] {
            assert_eq!(part_of(title), part, "{title}");
        }
        assert_eq!(strip_numbering("1.1 学校概况").trim(), "学校概况");
        assert_eq!(strip_numbering("第一章 总则"), " 总则");
    }
}
