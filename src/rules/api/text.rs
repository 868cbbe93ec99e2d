//! Text helpers that do in one native call what a script would do one character or
//! one list element at a time (each Rhai step costs ~100 ns; a report's table of
//! contents against its headings is thousands of steps).

use rhai::Array;

use super::Api;

pub(super) fn register(api: &mut Api<'_>) {
    api.add(
        "is_ascii(s: string) -> bool",
        "s 是否只由 ASCII 字符组成（网址、编号等逐字符检查之前的快速判断）",
        is_ascii,
    );
    api.add(
        "without_chars(s: string, chars: string) -> string",
        "去掉 s 中出现在 chars 里的每一个字符，如 without_chars(t, \"，。、：\") 去掉这些标点",
        without_chars,
    );
    api.add(
        "find_overlap(s: string, list: array) -> int",
        "list 中第一个与 s 相同、包含 s 或被 s 包含的非空字符串的下标；没有或 s 为空时为 -1（list 中不是字符串的元素跳过）",
        find_overlap,
    );
    api.add(
        "dotted(no: string) -> array?",
        "点分编号的各部分：\"2.3.1\" → `[\"2\", \"2.3\", 1, 2]`（第一段、最后一个“.”之前的部分、最后一段的整数值、点的个数）；少于两段或最后一段不是整数时为 `()`",
        dotted,
    );
    api.add(
        "find_overlap(s: string, list: array, longer_than: int) -> int",
        "list 中第一个与 s 相同的字符串，或与 s 互相包含、且被包含的一方多于 longer_than 个字符的字符串的下标；没有时为 -1（list 中不是字符串的元素跳过）",
        find_overlap_longer,
    );
}

fn is_ascii(s: &str) -> bool {
    s.is_ascii()
}

fn without_chars(s: &str, chars: &str) -> String {
    s.chars().filter(|c| !chars.contains(*c)).collect()
}

fn find_overlap(s: &str, list: Array) -> rhai::INT {
    if s.is_empty() {
        return -1;
    }
    list.iter()
        .position(|x| {
            x.read_lock::<rhai::ImmutableString>().is_some_and(|x| {
                !x.is_empty() && (x.as_str() == s || x.contains(s) || s.contains(x.as_str()))
            })
        })
        .map_or(-1, |i| i as rhai::INT)
}

fn dotted(no: &str) -> rhai::Dynamic {
    let Some((parent, last)) = no.rsplit_once('.') else {
        return rhai::Dynamic::UNIT;
    };
    let Ok(n) = last.trim().parse::<rhai::INT>() else {
        return rhai::Dynamic::UNIT;
    };
    let first = no.split('.').next().unwrap_or_default();
    let depth = no.matches('.').count() as rhai::INT;
    rhai::Dynamic::from_array(vec![first.into(), parent.into(), n.into(), depth.into()])
}

fn find_overlap_longer(s: &str, list: Array, longer_than: rhai::INT) -> rhai::INT {
    let long = |t: &str| t.chars().count() as rhai::INT > longer_than;
    list.iter()
        .position(|x| {
            x.read_lock::<rhai::ImmutableString>().is_some_and(|x| {
                let x = x.as_str();
                x == s || (s.contains(x) && long(x)) || (x.contains(s) && long(s))
            })
        })
        .map_or(-1, |i| i as rhai::INT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhai::Dynamic;

    #[test]
    fn chars_removed_and_overlaps_found() {
        assert_eq!(
            without_chars("一、学校（概况）：", "、（）："),
            "一学校概况"
        );
        assert_eq!(without_chars("abc", ""), "abc");
        let list: Array = vec![
            Dynamic::from("学生发展"),
            Dynamic::UNIT,
            Dynamic::from(""),
            Dynamic::from(3_i64),
        ];
        assert_eq!(find_overlap("学生发展", list.clone()), 0);
        assert_eq!(find_overlap("学生发展质量", list.clone()), 0);
        assert_eq!(find_overlap("发展", list.clone()), 0);
        assert_eq!(find_overlap("教师", list.clone()), -1);
        assert_eq!(find_overlap("", list.clone()), -1);
        assert_eq!(find_overlap("x", Array::new()), -1);
        let later: Array = vec![Dynamic::from("甲"), Dynamic::from("乙丙")];
        assert_eq!(find_overlap("丙", later), 1);
    }

    #[test]
    fn dotted_numbers_are_split_at_their_last_dot() {
        let parts = |no: &str| {
            dotted(no).try_cast::<Array>().map(|a| {
                a.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("|")
            })
        };
        assert_eq!(parts("2.3.1").as_deref(), Some("2|2.3|1|2"));
        assert_eq!(parts("2.10").as_deref(), Some("2|2|10|1"));
        assert_eq!(parts("2"), None);
        assert_eq!(parts("2.x"), None);
        assert_eq!(parts("2."), None);
        assert_eq!(parts("").as_deref(), None);
    }

    #[test]
    fn overlaps_count_only_when_the_contained_side_is_long_enough() {
        let list: Array = vec![
            Dynamic::UNIT,
            Dynamic::from("图1"),
            Dynamic::from("图2校企合作实训基地"),
        ];
        // Equal strings always count, however short.
        assert_eq!(find_overlap_longer("图1", list.clone(), 6), 1);
        // "图2校企合作实训基地" contains "图2校企" (4 characters): too short to count.
        assert_eq!(find_overlap_longer("图2校企", list.clone(), 6), -1);
        assert_eq!(find_overlap_longer("图2校企合作实训", list.clone(), 6), 2);
        // The list's string inside s: its own length decides (7 characters: counts).
        assert_eq!(
            find_overlap_longer("图2校企合作实训基地（一）", list.clone(), 6),
            2
        );
        assert_eq!(find_overlap_longer("图1（续）", list.clone(), 6), -1);
        assert_eq!(find_overlap_longer("", list, 6), -1);
    }
}
