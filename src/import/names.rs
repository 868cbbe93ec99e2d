//! A name written two ways: a school, county or company listed in the report
//! ("盂县职业技术学校") that appears elsewhere with one character swapped for one
//! that looks like it ("孟县职业技术学校"). Only characters that are easily mistaken
//! for each other count: "城区" and "郊区", "第一" and "第二" are different places.
//! Found names go into the dataset as `name_variants[]`.

use serde_json::json;

use super::builder::Builder;
use crate::base::source::Span;

/// Characters that are easily mistaken for each other (形近字), in groups.
const LOOK_ALIKE: &[&str] = &[
    "盂孟",
    "己已巳",
    "戊戌戍",
    "侯候",
    "未末",
    "土士",
    "日曰",
    "千干于",
    "人入",
    "天夭",
    "大太犬",
    "冶治",
    "汩汨",
    "亳毫",
    "崇祟",
    "嬴赢羸",
    "茶荼",
    "盲肓",
    "拨拔",
    "析折",
    "免兔",
    "晴睛",
    "辨辩辫",
    "鸟乌",
    "仑仓",
    "沽沾",
    "泾径",
    "濉睢雎",
    "陕陜",
    "祁祈",
    "沁泌",
    "壶壸",
    "岢苛",
    "垣桓",
    "邛卭",
    "阆阗",
    "榆揄",
    "潞璐",
    "晋普",
];

/// Endings of names worth comparing: schools, places, companies.
const NAME_ENDS: &[&str] = &[
    "学校", "学院", "中学", "中专", "职专", "技校", "中心", "大学", "公司", "集团", "医院", "县",
    "区", "市", "镇", "乡", "村",
];

fn look_alikes(c: char) -> impl Iterator<Item = char> {
    LOOK_ALIKE
        .iter()
        .filter(move |g| g.contains(c))
        .flat_map(|g| g.chars())
        .filter(move |&x| x != c)
}

/// How often `needle` occurs in the texts, and its first span.
fn occurrences(needle: &str, texts: &[(String, Span)]) -> (u32, Option<Span>) {
    let mut n = 0;
    let mut first = None;
    for (t, span) in texts {
        for (i, _) in t.match_indices(needle) {
            n += 1;
            first.get_or_insert(Span::new(span.start + i, span.start + i + needle.len()));
        }
    }
    (n, first)
}

/// A pair of spellings: (the rarer, its count, its first span, the usual, its count).
type Variant = (String, u32, Span, String, u32);

/// The listed names (`known`) that appear elsewhere with a look-alike character.
pub fn variants(known: &[(String, Span)], texts: &[(String, Span)]) -> Vec<Variant> {
    let mut out: Vec<Variant> = Vec::new();
    for (name, _) in known {
        if name.chars().count() < 4 || !NAME_ENDS.iter().any(|e| name.ends_with(e)) {
            continue;
        }
        let chars: Vec<char> = name.chars().collect();
        for (k, &c) in chars.iter().enumerate() {
            for alt in look_alikes(c) {
                let mut other = chars.clone();
                other[k] = alt;
                let other: String = other.into_iter().collect();
                let seen = |a: &str, b: &str| {
                    out.iter()
                        .any(|v| (v.0 == a && v.3 == b) || (v.0 == b && v.3 == a))
                };
                if seen(name, &other) {
                    continue;
                }
                let (n_other, Some(so)) = occurrences(&other, texts) else {
                    continue;
                };
                let (n_name, Some(sn)) = occurrences(name, texts) else {
                    continue;
                };
                // The rarer spelling is the slip; on a tie, the later one.
                if n_other < n_name || (n_other == n_name && so.start > sn.start) {
                    out.push((other, n_other, so, name.clone(), n_name));
                } else {
                    out.push((name.clone(), n_name, sn, other, n_other));
                }
            }
        }
    }
    out
}

/// Writes `/name_variants`.
pub fn write_variants(b: &mut Builder, known: &[(String, Span)], texts: &[(String, Span)]) {
    for (name, times, span, usual, usual_times) in variants(known, texts) {
        let v = json!({
            "name": name,
            "times": times,
            "usual": usual,
            "usual_times": usual_times,
        });
        let p = b.push("/name_variants", v, span);
        b.locate(&format!("{p}/name"), span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[&str]) -> Vec<(String, Span)> {
        let mut at = 0;
        lines
            .iter()
            .map(|l| {
                let s = Span::new(at, at + l.len());
                at += l.len() + 1;
                (l.to_string(), s)
            })
            .collect()
    }

    #[test]
    fn a_look_alike_character_is_a_variant() {
        let t = texts(&[
            "全县有盂县职业技术学校一所。",
            "1\t孟县职业技术学校\t矿山机电",
            "盂县职业技术学校获评省级示范校。",
        ]);
        let known = vec![("孟县职业技术学校".to_string(), Span::new(0, 0))];
        let v = variants(&known, &t);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, "孟县职业技术学校");
        assert_eq!((v[0].1, v[0].4), (1, 2));
        assert_eq!(v[0].3, "盂县职业技术学校");
    }

    #[test]
    fn different_places_are_not_variants() {
        let t = texts(&["城区职业中学与郊区职业中学", "第一职业中学、第二职业中学"]);
        let known = vec![
            ("城区职业中学".to_string(), Span::new(0, 0)),
            ("第一职业中学".to_string(), Span::new(0, 0)),
        ];
        assert!(variants(&known, &t).is_empty());
    }
}
