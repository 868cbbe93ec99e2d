//! Indicators derived from the schema's rows, so that every row of the six tables can
//! be recognised in prose: by its title or an alias, or by their stem without the
//! measure word (毕业去向落实人数 → 毕业去向落实, 聘请行业导师人数 → 行业导师). A member
//! of a row object by level is named with its level and the object's stem
//! (省级 + 虚拟仿真实训基地); the object's first member (总数) by the object's stem.

use crate::import::rows::{RowCatalog, Shape, Target};

/// One row as prose may name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// `table.row.member` (`resources.virtual_training_bases.provincial`).
    pub id: String,
    pub title: String,
    pub words: Vec<String>,
    pub units: Vec<String>,
    /// (table, row pointer below the table, unit there).
    pub table: (String, String, String),
}

/// Levels a row object is split by.
const LEVELS: &[&str] = &["国家级", "省级", "市级", "校级"];

/// Every row of the catalogue that prose could name.
pub fn derive(catalog: &RowCatalog) -> Vec<Derived> {
    catalog.targets.iter().filter_map(derived).collect()
}

fn derived(t: &Target) -> Option<Derived> {
    let unit = t.unit.clone()?;
    let (title, words) = names(t)?;
    let mut row = t.pointer_below_table().trim_start_matches('/').to_string();
    if t.shape == Shape::Satisfaction {
        row.push_str("/value");
    }
    Some(Derived {
        id: format!("{}.{}", t.table, t.path.join(".")),
        title,
        words,
        units: units_of(&unit),
        table: (t.table.to_string(), row, unit),
    })
}

/// The title to show and the words that name the row, or `None` for a row prose
/// cannot name on its own (学时, 省级中接入国家智慧教育平台数量).
fn names(t: &Target) -> Option<(String, Vec<String>)> {
    let own = clean(&t.title);
    if own.contains("接入") || own == "学时" {
        return None;
    }
    let group = t.group_title.as_deref().map(clean).and_then(stem);
    let member = t.path.get(1).map(String::as_str);
    let words = match (group, member) {
        (Some(g), Some("total" | "count")) => vec![g],
        (Some(g), Some(_)) => match LEVELS.iter().find(|l| own.starts_with(**l)) {
            Some(level) if stem(own).is_none_or(|s| s == *level) => vec![format!("{level}{g}")],
            _ => own_words(t),
        },
        _ => own_words(t),
    };
    let words: Vec<String> = words.into_iter().filter(|w| long_enough(w)).collect();
    let title = words.first()?.clone();
    Some((title, words))
}

/// The row's title and aliases, cleaned, and their stems.
fn own_words(t: &Target) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in &t.written {
        let c = clean(w).to_string();
        let s = stem(&c);
        for x in [Some(c), s].into_iter().flatten() {
            if !out.contains(&x) {
                out.push(x);
            }
        }
    }
    out
}

/// Without a leading "其中：" or "A类：".
fn clean(title: &str) -> &str {
    let t = title.trim();
    let t = t
        .strip_prefix("其中：")
        .or_else(|| t.strip_prefix("其中:"))
        .unwrap_or(t);
    match t.char_indices().nth(2) {
        Some((i, '：')) if t[..i].ends_with('类') => &t[i + '：'.len_utf8()..],
        _ => t,
    }
}

/// The name without its measure word or leading verb, if what is left still names
/// something (three characters or more).
fn stem(name: &str) -> Option<String> {
    let mut s = name;
    for suffix in ["人数", "数量", "总数", "数"] {
        if let Some(x) = s.strip_suffix(suffix) {
            s = x;
            break;
        }
    }
    for prefix in ["聘请", "年"] {
        if let Some(x) = s.strip_prefix(prefix)
            && x.chars().count() >= 3
        {
            s = x;
        }
    }
    (s != name && s.chars().count() >= 2).then(|| s.to_string())
}

/// Two characters name too many things (课程, 学时); levels alone are not names.
fn long_enough(word: &str) -> bool {
    word.chars().count() >= 3 && !LEVELS.contains(&word)
}

/// The units prose may write a row's value in: per-unit rows are often written
/// without the "/生" ("生均教学科研仪器设备值 11420 元").
fn units_of(unit: &str) -> Vec<String> {
    let units: &[&str] = match unit {
        "人" => &["人", "名", "位"],
        "元/生" => &["元/生", "元", "万元"],
        "个/生" => &["个/生", "个"],
        "人/门" => &["人/门", "人", "名"],
        other => return vec![other.to_string()],
    };
    units.iter().map(|u| u.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(all: &'a [Derived], id: &str) -> &'a Derived {
        all.iter().find(|d| d.id == id).unwrap()
    }

    #[test]
    fn every_row_but_hours_and_platform_counts_is_named() {
        let all = derive(RowCatalog::embedded());
        let named = RowCatalog::embedded()
            .targets
            .iter()
            .filter(|t| !t.title.contains("接入") && t.title != "学时")
            .count();
        assert_eq!(all.len(), named, "{all:#?}");
    }

    #[test]
    fn stems_drop_the_measure_word_and_the_verb() {
        let all = derive(RowCatalog::embedded());
        let placed = find(&all, "scorecard.placed");
        assert!(placed.words.contains(&"毕业去向落实".to_string()));
        assert_eq!(placed.table.1, "placed");
        let mentors = find(&all, "policy.industry_mentors");
        assert!(
            mentors.words.contains(&"行业导师".to_string()),
            "{mentors:?}"
        );
        let local = find(&all, "contribution.local");
        assert!(
            local.words.contains(&"留在当地就业".to_string()),
            "{local:?}"
        );
    }

    #[test]
    fn members_by_level_are_named_with_their_object() {
        let all = derive(RowCatalog::embedded());
        let bases = find(&all, "resources.virtual_training_bases.provincial");
        assert_eq!(bases.words, ["省级虚拟仿真实训基地"]);
        assert_eq!(bases.table.1, "virtual_training_bases/provincial");
        let total = find(&all, "resources.virtual_training_bases.total");
        assert_eq!(total.words, ["虚拟仿真实训基地"]);
    }

    #[test]
    fn satisfaction_rows_point_at_their_value() {
        let all = derive(RowCatalog::embedded());
        let parents = find(&all, "satisfaction.parents");
        assert_eq!(parents.table.1, "parents/value");
        assert_eq!(parents.units, ["%"]);
        assert!(parents.words.contains(&"家长满意度".to_string()));
    }
}
