//! Which field of the six data tables a table row is, by its Chinese name.
//!
//! The catalogue is built from the schema's titles and `x-aliases` (the schema is
//! the one list of indicators), so a new alias in the schema is a new name the
//! importers understand. Shared by every importer that reads table rows.

use std::sync::OnceLock;

use crate::schema::{SchemaIndex, SchemaNode};

use crate::base::normalize::{compact, name_key};
use crate::base::vocab::TABLES;

/// What a row fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One number per year column.
    Plain,
    /// A satisfaction row: `{value, respondents, method}`.
    Satisfaction,
}

/// One row of the national template.
#[derive(Debug, Clone)]
pub struct Target {
    /// The table key (`resources`).
    pub table: &'static str,
    /// Path below the table (`["quality_online_courses", "total"]`).
    pub path: Vec<String>,
    /// Name keys ([`name_key`]) the row may be written with.
    pub names: Vec<String>,
    /// The title to show (`在线精品课程数`).
    pub title: String,
    pub unit: Option<String>,
    pub shape: Shape,
    /// Only in these stages' templates (empty = all).
    pub stages: Vec<String>,
    /// The title and aliases as the schema writes them (for the prose lexicon).
    pub written: Vec<String>,
    /// For a member of a row object (`virtual_training_bases/provincial`), the row
    /// object's title (`虚拟仿真实训基地数`).
    pub group_title: Option<String>,
}

impl Target {
    /// The group this row belongs to (`quality_online_courses`), if it is part of a
    /// row object.
    pub fn group(&self) -> Option<&str> {
        (self.path.len() > 1).then(|| self.path[0].as_str())
    }

    pub fn pointer_below_table(&self) -> String {
        self.path.iter().fold(String::new(), |p, s| {
            crate::dataset::source_map::push(&p, s)
        })
    }
}

#[derive(Debug)]
pub struct RowCatalog {
    /// In schema order, table by table.
    pub targets: Vec<Target>,
    /// Each target's names as [`variant`]s, worked out once: every cell of every
    /// table of a report is looked up, and rewriting each catalogue name for each
    /// lookup was most of the time to import a report.
    variants: Vec<Vec<String>>,
}

/// How a row name was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Exact,
    /// By similarity; the importer says so in a note.
    Approximate,
}

impl RowCatalog {
    /// The catalogue of the embedded schema, built once.
    pub fn embedded() -> &'static RowCatalog {
        static CATALOG: OnceLock<RowCatalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let index = SchemaIndex::new(
                serde_json::from_str(crate::schema::SCHEMA_TEXT).expect("embedded schema is JSON"),
            );
            RowCatalog::new(&index)
        })
    }

    pub fn new(index: &SchemaIndex) -> RowCatalog {
        let mut targets = Vec::new();
        let year_tables = index
            .root_value()
            .pointer("/$defs/year_tables")
            .map(|v| SchemaNode { site: v, target: v });
        let Some(year_tables) = year_tables else {
            return RowCatalog::of(targets);
        };
        for table in TABLES.map(|t| t.key) {
            let Some(node) = index.child(year_tables, table) else {
                continue;
            };
            let Some(props) = node.properties() else {
                continue;
            };
            for key in props.keys() {
                let Some(row) = index.child(node, key) else {
                    continue;
                };
                add_row(index, table, key, row, &mut targets);
            }
        }
        RowCatalog::of(targets)
    }

    fn of(targets: Vec<Target>) -> RowCatalog {
        let variants = targets
            .iter()
            .map(|t| t.names.iter().map(|n| variant(n)).collect())
            .collect();
        RowCatalog { targets, variants }
    }

    /// Whether target `i` may be written as the name key `key`, whose variant is
    /// `key_variant`.
    fn is_named(&self, i: usize, key: &str, key_variant: &str) -> bool {
        self.targets[i].names.iter().any(|n| n == key)
            || self.variants[i].iter().any(|v| v == key_variant)
    }

    /// The targets of one table, with their indices in `targets`.
    pub fn table(&self, table: &str) -> impl Iterator<Item = (usize, &Target)> {
        self.targets
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.table == table)
    }

    /// The row of `table` that `name` stands for. `previous` is the target matched
    /// by the row above: where a name fits several rows ("接入国家智慧教育平台数量"
    /// follows each level), the first one after it wins.
    pub fn find(
        &self,
        table: &str,
        name: &str,
        previous: Option<usize>,
    ) -> Option<(usize, MatchKind)> {
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        let key_variant = variant(&key);
        let exact: Vec<usize> = self
            .table(table)
            .filter(|(i, _)| self.is_named(*i, &key, &key_variant))
            .map(|(i, _)| i)
            .collect();
        if !exact.is_empty() {
            return Some((pick(&exact, previous), MatchKind::Exact));
        }
        // By similarity: only clearly close names, and only one clear winner.
        let mut best: Option<(usize, f64)> = None;
        for (i, t) in self.table(table) {
            let score = t
                .names
                .iter()
                .map(|n| strsim::normalized_levenshtein(n, &key))
                .fold(0.0, f64::max);
            if score >= 0.8 && best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
        best.map(|(i, _)| (i, MatchKind::Approximate))
    }

    /// Every table with a row named exactly `name`, one target each (the first):
    /// how a table is recognised by its rows.
    pub fn exact_tables(&self, name: &str) -> Vec<(&'static str, usize)> {
        let key = name_key(name);
        let mut out: Vec<(&'static str, usize)> = Vec::new();
        if key.is_empty() {
            return out;
        }
        let key_variant = variant(&key);
        for (i, t) in self.targets.iter().enumerate() {
            if self.is_named(i, &key, &key_variant)
                && !out.iter().any(|(table, _)| *table == t.table)
            {
                out.push((t.table, i));
            }
        }
        out
    }

    /// The sibling of `target` holding its hours (`courses/count` → `courses/hours`),
    /// for a continuation row whose unit is 学时.
    pub fn hours_of(&self, target: usize) -> Option<usize> {
        let t = &self.targets[target];
        let group = t.group()?;
        self.targets.iter().position(|o| {
            o.table == t.table
                && o.group() == Some(group)
                && o.path.last().is_some_and(|l| l == "hours")
        })
    }
}

/// Small spelling variants that reports use interchangeably: 数量/数, 人数/数.
fn variant(key: &str) -> String {
    key.replace("数量", "数")
        .replace("人数", "数")
        .replace("等基层", "")
}

fn pick(candidates: &[usize], previous: Option<usize>) -> usize {
    if let Some(p) = previous
        && let Some(next) = candidates.iter().copied().find(|&c| c > p)
    {
        return next;
    }
    candidates[0]
}

fn written_of(node: &SchemaNode<'_>) -> Vec<String> {
    let mut names: Vec<String> = node.title().into_iter().map(String::from).collect();
    names.extend(node.aliases().into_iter().map(String::from));
    names
}

fn names_of(node: &SchemaNode<'_>) -> Vec<String> {
    let mut names: Vec<String> = node.title().into_iter().map(name_key).collect();
    names.extend(node.aliases().into_iter().map(name_key));
    names.dedup();
    names
}

fn add_row(
    index: &SchemaIndex,
    table: &'static str,
    key: &str,
    row: SchemaNode<'_>,
    targets: &mut Vec<Target>,
) {
    let stages: Vec<String> = row.stages().into_iter().map(String::from).collect();
    let title = row.title().unwrap_or(key).to_string();
    let is_satisfaction = row
        .site
        .get("$ref")
        .and_then(|r| r.as_str())
        .is_some_and(|r| r.ends_with("/satisfaction"))
        || row
            .properties()
            .is_some_and(|p| p.contains_key("respondents"));
    if is_satisfaction {
        targets.push(Target {
            table,
            path: vec![key.to_string()],
            names: names_of(&row),
            title,
            unit: row.unit().map(String::from),
            shape: Shape::Satisfaction,
            stages,
            written: written_of(&row),
            group_title: None,
        });
        return;
    }
    let Some(children) = row.properties().filter(|_| row.kind().is_none()) else {
        targets.push(Target {
            table,
            path: vec![key.to_string()],
            names: names_of(&row),
            title,
            unit: row.unit().map(String::from),
            shape: Shape::Plain,
            stages,
            written: written_of(&row),
            group_title: None,
        });
        return;
    };
    // A row object: the row's own name fills its first member (`total` or `count`);
    // the other members are rows of their own (by level) or continuation rows (学时).
    for (i, child_key) in children.keys().enumerate() {
        let Some(child) = index.child(row, child_key) else {
            continue;
        };
        let mut names = if i == 0 { names_of(&row) } else { Vec::new() };
        if child_key != "hours" && child_key != "count" && child_key != "total" || i == 0 {
            for n in names_of(&child) {
                if !(names.contains(&n) || i == 0 && is_generic(&n)) {
                    names.push(n);
                }
            }
        }
        targets.push(Target {
            table,
            path: vec![key.to_string(), child_key.clone()],
            names,
            title: if i == 0 {
                title.clone()
            } else {
                child.title().unwrap_or(child_key).to_string()
            },
            unit: child.unit().or(row.unit()).map(String::from),
            shape: Shape::Plain,
            stages: stages.clone(),
            written: written_of(&child),
            group_title: Some(title.clone()),
        });
    }
}

/// Member titles that say nothing on their own ("总数", "课程数").
fn is_generic(key: &str) -> bool {
    matches!(key, "总数" | "课程数" | "学时" | "数量")
}

/// Whether `cell` is a unit as the tables write them.
pub fn is_unit(cell: &str) -> bool {
    let c = compact(cell);
    matches!(
        c.as_str(),
        "人" | "%"
            | "元"
            | "万元"
            | "亿元"
            | "千元"
            | "个"
            | "门"
            | "学时"
            | "课时"
            | ":"
            | ":1"
            | "比"
            | "项"
            | "本"
            | "Mbps"
            | "mbps"
            | "M"
            | "个/生"
            | "元/生"
            | "人/门"
            | "人日"
            | "所"
            | "人次"
            | "次"
            | "天"
            | "小时"
            | "册"
            | "台"
            | "套"
            | "家"
            | "篇"
            | "平方米"
            | "m²"
            | "生/师"
    )
}

/// Whether a unit written in a report agrees with the template's.
pub fn unit_agrees(written: &str, expected: &str) -> bool {
    let w = compact(written);
    let e = compact(expected);
    let canon = |u: &str| -> String {
        match u {
            ":" | ":1" | "比" | "生/师" => ":1".to_string(),
            "元/生" => "元".to_string(),
            "课时" => "学时".to_string(),
            "mbps" | "M" => "Mbps".to_string(),
            other => other.to_string(),
        }
    };
    // "门 + 学时" and "个，分级" describe row objects; their first unit is the row's.
    let e = e.split(['+', ',']).next().unwrap_or_default().to_string();
    canon(&w) == canon(&e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(table: &str, name: &str, prev: Option<usize>) -> String {
        let c = RowCatalog::embedded();
        let (i, _) = c
            .find(table, name, prev)
            .unwrap_or_else(|| panic!("{name} not found"));
        c.targets[i].pointer_below_table()
    }

    fn index_of(table: &str, ptr: &str) -> usize {
        let c = RowCatalog::embedded();
        c.table(table)
            .find(|(_, t)| t.pointer_below_table() == ptr)
            .unwrap()
            .0
    }

    #[test]
    fn rows_by_title_and_alias() {
        assert_eq!(find("scorecard", "其中：升学人数", None), "/further_study");
        assert_eq!(
            find("resources", "“双师型”教师比例", None),
            "/dual_qualified_rate"
        );
        assert_eq!(
            find("resources", "专业教学资源库数", None),
            "/resource_libraries/total"
        );
        assert_eq!(
            find("resources", "教学计划内课程总数", None),
            "/courses/count"
        );
        assert_eq!(
            find("contribution", "C类：到中小微企业就业人数", None),
            "/grassroots_sme"
        );
        assert_eq!(
            find("international", "在国外组织担任职务的专任教师人数", None),
            "/teachers_in_intl_orgs"
        );
        assert_eq!(
            find("policy", "年财政专项经费", None),
            "/special_appropriation"
        );
        assert_eq!(
            find("satisfaction", "其中：课堂育人满意度", None),
            "/students_classroom"
        );
    }

    #[test]
    fn repeated_rows_resolve_by_the_row_above() {
        let after_school = index_of("resources", "/virtual_training_bases/school");
        assert_eq!(
            find("resources", "接入国家智慧教育平台数", Some(after_school)),
            "/virtual_training_bases/school_on_platform"
        );
        let after_new = index_of("resources", "/textbooks/new_form");
        assert_eq!(
            find("resources", "接入国家智慧教育平台数", Some(after_new)),
            "/textbooks/on_platform"
        );
    }

    #[test]
    fn hours_follow_counts() {
        let c = RowCatalog::embedded();
        let courses = index_of("resources", "/courses/count");
        assert_eq!(
            c.targets[c.hours_of(courses).unwrap()].pointer_below_table(),
            "/courses/hours"
        );
        let q = index_of("resources", "/quality_online_courses/total");
        assert_eq!(
            c.targets[c.hours_of(q).unwrap()].pointer_below_table(),
            "/quality_online_courses/hours"
        );
    }

    #[test]
    fn units() {
        assert!(is_unit("人") && is_unit("：") && is_unit("人/门") && !is_unit("毕业生"));
        assert!(
            unit_agrees(":", ":1")
                && unit_agrees("元/生", "元/生")
                && unit_agrees("门", "门 + 学时")
        );
        assert!(!unit_agrees("万元", "元"));
    }
}
