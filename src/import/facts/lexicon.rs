//! The indicators prose speaks of, the words that name them, their units, and the
//! table row (indicators.md) that holds the same figure, if any. Built once from two
//! sources: the names prose uses in its own words (`prose`) and every row of the six
//! tables as the schema names it (`derive`), so a row added to the schema is a row
//! prose is checked against.

mod derive;
mod prose;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::import::rows::RowCatalog;

/// One indicator of the lexicon.
#[derive(Debug)]
pub struct Indicator {
    pub id: &'static str,
    /// Shown in messages.
    pub title: &'static str,
    /// Words that name it.
    pub words: Vec<&'static str>,
    /// Units a value of it may have.
    pub units: Vec<&'static str>,
    /// The table row with the same figure: (table, row below the table, unit there).
    pub table: Option<(&'static str, &'static str, &'static str)>,
    /// The everyday indicator this one is a kind of (编写教材 → 教材, 直接就业 →
    /// 就业), for readers that only know the everyday ones.
    pub broader: Option<&'static str>,
}

impl Indicator {
    /// Whether two indicators count the same kind of thing: the same, or one a kind of
    /// the other (课证融通课程 of 课程), or two kinds of one (新形态教材, 编写教材).
    pub fn same_family(&self, other: &Indicator) -> bool {
        self.id == other.id
            || self.broader == Some(other.id)
            || other.broader == Some(self.id)
            || self.broader.is_some() && self.broader == other.broader
    }

    /// Whether two plain statements of it must agree. Words like 经费 or 培训 name
    /// many different things (免学费资金, 质量提升计划资金), so they are not compared.
    pub fn comparable(&self) -> bool {
        !matches!(
            self.id,
            "funding"
                | "training"
                | "courses"
                | "textbooks"
                | "enterprises"
                | "employment"
                | "training_bases"
                | "certificates_1x"
                | "awards"
        )
    }
}

/// All indicators, and the words indexed by their first character (most positions
/// of a text start no name: one lookup rules them out).
pub struct Lexicon {
    indicators: Vec<Indicator>,
    by_first: HashMap<char, Vec<(&'static str, usize)>>,
}

/// The lexicon of the embedded schema, built once. Its strings live as long as the
/// program (they are made once, from the schema compiled into it).
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(RowCatalog::embedded()))
}

/// Whether a name is two everyday names in a row (毕业生就业: prose means the
/// graduates' employment in general, not table 4's count).
fn compound(spoken: &[&str], name: &str) -> bool {
    spoken.iter().any(|a| {
        name.strip_prefix(a)
            .is_some_and(|rest| !rest.is_empty() && spoken.contains(&rest))
    })
}

/// The everyday indicator whose longest word the name contains (在线精品课程 → 课程).
fn broader_of(spoken: &[Indicator], name: &str) -> Option<&'static str> {
    spoken
        .iter()
        .filter(|i| i.table.is_none() || i.broader.is_none())
        .flat_map(|i| i.words.iter().map(move |w| (i.id, *w)))
        .filter(|(_, w)| name.contains(w) && *w != name)
        .max_by_key(|(_, w)| w.len())
        .map(|(id, _)| id)
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

impl Lexicon {
    fn new(catalog: &RowCatalog) -> Lexicon {
        let mut indicators: Vec<Indicator> = prose::PROSE
            .iter()
            .map(|p| Indicator {
                id: p.id,
                title: p.title,
                words: p.words.to_vec(),
                units: p.units.to_vec(),
                table: p.table,
                broader: p.broader,
            })
            .collect();
        let spoken: Vec<&str> = indicators.iter().flat_map(|i| i.words.clone()).collect();
        let derived = derive::derive(catalog);
        // A word two rows share names neither; a word prose already uses (or one that
        // is such a word plus a measure word: 专业数量, 在校生数) keeps its meaning.
        let shared = |w: &str| {
            derived
                .iter()
                .filter(|d| d.words.iter().any(|x| x == w))
                .count()
                > 1
        };
        let taken = |w: &str| {
            spoken.iter().any(|s| {
                w.strip_prefix(s)
                    .is_some_and(|rest| ["", "数", "数量", "人数", "总数"].contains(&rest))
            })
        };
        for d in &derived {
            let words: Vec<&'static str> = d
                .words
                .iter()
                .filter(|w| !shared(w) && !taken(w) && !compound(&spoken, w))
                .map(|w| leak(w))
                .collect();
            let row = (d.table.0.as_str(), d.table.1.as_str());
            if let Some(hand) = indicators
                .iter_mut()
                .find(|i| i.table.is_some_and(|t| (t.0, t.1) == row))
            {
                hand.words.extend(words);
                continue;
            }
            if words.is_empty() {
                continue;
            }
            let units: Vec<&'static str> = d.units.iter().map(|u| leak(u)).collect();
            let table = (leak(&d.table.0), leak(&d.table.1), leak(&d.table.2));
            let broader = broader_of(&indicators, words[0]);
            indicators.push(Indicator {
                id: leak(&d.id),
                title: leak(&d.title),
                words,
                units,
                table: Some(table),
                broader,
            });
        }
        let mut by_first: HashMap<char, Vec<(&'static str, usize)>> = HashMap::new();
        for (k, ind) in indicators.iter().enumerate() {
            for w in &ind.words {
                if let Some(c) = w.chars().next() {
                    by_first.entry(c).or_default().push((w, k));
                }
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        Lexicon {
            indicators,
            by_first,
        }
    }

    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }
}

/// The indicator a word at `text[at..]` names, and the word's length in bytes.
pub fn word_at(text: &str, at: usize) -> Option<(&'static Indicator, usize)> {
    let rest = &text[at..];
    let lex = lexicon();
    let candidates = lex.by_first.get(&rest.chars().next()?)?;
    let (word, k) = candidates.iter().find(|(w, _)| rest.starts_with(w))?;
    // "专业大类", "专业课", "专业教师" are not 专业 (specialties); a longer name that
    // starts with them ("专业课教学满意度") is its own.
    const NOT_SPECIALTIES: &[&str] = &[
        "大类",
        "类",
        "课",
        "教师",
        "带头人",
        "技能",
        "能力",
        "知识",
        "认证",
    ];
    if *word == "专业"
        && NOT_SPECIALTIES
            .iter()
            .any(|w| rest["专业".len()..].starts_with(w))
    {
        return None;
    }
    let indicator = &lex.indicators[*k];
    // "用人单位对毕业生满意度": the satisfaction of whoever stands before 对.
    if indicator.id.starts_with("satisfaction.") && text[..at].ends_with('对') {
        return satisfied_group(&text[..at - '对'.len_utf8()]).map(|i| (i, word.len()));
    }
    Some((indicator, word.len()))
}

/// The satisfaction row of the group a text ends with ("用人单位" → employers).
fn satisfied_group(head: &str) -> Option<&'static Indicator> {
    const GROUPS: &[(&str, &str)] = &[
        ("用人单位", "satisfaction.employers"),
        ("企业", "satisfaction.employers"),
        ("家长", "satisfaction.parents"),
        ("教职工", "satisfaction.staff"),
        ("毕业生", "satisfaction.graduates"),
        ("在校生", "satisfaction.students"),
        ("学生", "satisfaction.students"),
    ];
    let (_, id) = GROUPS.iter().find(|(w, _)| head.ends_with(w))?;
    by_id(id)
}

pub fn by_id(id: &str) -> Option<&'static Indicator> {
    lexicon().indicators.iter().find(|i| i.id == id)
}

/// Units that measure the same thing: 人 and 名, 元/万元/亿元 (with a factor).
pub fn unit_factor(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "人" | "名" | "位" => ("人", 1.0),
        "元" => ("元", 1.0),
        "千元" => ("元", 1_000.0),
        "万元" => ("元", 10_000.0),
        "亿元" => ("元", 100_000_000.0),
        "%" => ("%", 1.0),
        ":1" => (":1", 1.0),
        "所" => ("所", 1.0),
        "个" => ("个", 1.0),
        "门" => ("门", 1.0),
        "本" | "部" => ("本", 1.0),
        "家" => ("家", 1.0),
        "人次" => ("人次", 1.0),
        // Per-unit rows: prose writes "生均…值 11420 元" for the table's 元/生.
        "元/生" => ("元", 1.0),
        "个/生" => ("个", 1.0),
        "人/门" => ("人", 1.0),
        "Mbps" => ("Mbps", 1.0),
        "人日" => ("人日", 1.0),
        "学时" => ("学时", 1.0),
        "课时" => ("课时", 1.0),
        "项" => ("项", 1.0),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_word_wins() {
        assert_eq!(word_at("专业群23个", 0).unwrap().0.id, "specialty_groups");
        assert_eq!(word_at("专业290个", 0).unwrap().0.id, "specialties");
        assert_eq!(
            word_at("中等职业学校45所", 0).unwrap().1,
            "中等职业学校".len()
        );
        assert!(word_at("学生", 0).is_none());
    }
}
