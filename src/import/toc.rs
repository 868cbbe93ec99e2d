//! Table-of-contents entries (variations D): a title, a leader, a page number, in
//! every form extraction leaves them: dotted, dashed or tabbed, the page number
//! glued to the title, or a whole contents page run together on one line.

use super::outline::{is_leader, part_heading, sub_heading};
use crate::base::normalize::{compact, small_chinese_number};

/// A table-of-contents entry: a title, then a leader (dots, dashes, middle dots),
/// spaces or a tab, then a page number. Returns (title, page).
pub fn toc_entry(text: &str) -> Option<(String, u32)> {
    let t = text.trim_end();
    let digits_start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i)?;
    let page: u32 = t[digits_start..].parse().ok()?;
    let before = &t[..digits_start];
    let title = before.trim_end_matches(|c: char| c.is_whitespace() || is_leader(c));
    // "图 1.1", "表 2-3": a caption's number, not a title and a page.
    let sep = &before[title.len()..];
    if title.is_empty()
        || (sep.chars().count() == 1 && title.ends_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    // Something must separate the title from the page number, unless the number is
    // glued to a title that ends in a word (D2: "1.2专业设置8", "前 言4").
    if title.len() == before.len() && !glued_page(title, &t[digits_start..]) {
        return None;
    }
    Some((title.trim().to_string(), page))
}

/// Whether `page` can be a page number glued to `title`: a short title that ends
/// in a Chinese character or a closing bracket, a page of at most three digits.
/// "5G…" and "1+X…" keep their digits (they lead the title), "2.10就业质量14" splits
/// after 质量, and a sentence ending in a figure ("在校生1620") is not an entry.
/// A title that ends in a unit ("…312人") is an entry only when it starts like one
/// (a heading's number, a caption's label, 前言).
fn glued_page(title: &str, page: &str) -> bool {
    let c = compact(title);
    let last = c.chars().last();
    let cjk = c.chars().filter(|ch| !ch.is_ascii()).count();
    let entry_like = starts_like_entry(&c);
    page.len() <= 3
        && !page.starts_with('0')
        && cjk >= 2
        && c.chars().count() <= 40
        && !c.contains('。')
        // A heading's title may have a comma ("2.9.1 科技赋能，开展…建设19"); a
        // sentence that ends in a number is not an entry.
        && (entry_like || !c.contains([',', '，', ';', '；']))
        && last.is_some_and(|ch| {
            (!ch.is_ascii() && (entry_like || !"人个所名万亿元年月日次项门%％".contains(ch)))
                || ch == ')'
        })
}

/// A title that opens as a TOC entry does: a heading's number, a caption's or a
/// case's label with its number, or a front or back matter's name.
fn starts_like_entry(c: &str) -> bool {
    if toc_level(c).is_some() {
        return true;
    }
    let labelled = ["附图", "附表", "图", "表", "典型案例", "案例"]
        .iter()
        .find_map(|w| c.strip_prefix(w))
        .is_some_and(|r| r.starts_with(|ch: char| ch.is_ascii_digit()));
    // "（一）立德树人": the subsection's number needs its part to give a level.
    let bracketed = c
        .strip_prefix(['(', '（'])
        .and_then(|r| r.find([')', '）']).map(|i| &r[..i]))
        .is_some_and(|n| small_chinese_number(n).is_some());
    labelled
        || bracketed
        || ["前言", "引言", "附表", "附件", "后记", "结语"]
            .iter()
            .any(|w| c.starts_with(w))
}

/// The depth of a TOC entry's numbering: "2.3.1 …" → 3, "1 基本情况" → 1.
pub fn toc_level(title: &str) -> Option<u32> {
    let c = compact(title);
    if part_heading(&c, true).is_some() || matches!(c.as_str(), "前言" | "引言") {
        return Some(1);
    }
    if let Some(s) = sub_heading(&c, None) {
        return Some(s.no.split('.').count() as u32);
    }
    None
}

/// A contents page run together on one line, as PDF extraction leaves it (D8):
/// "前言……11. 基本情况……11.1 学校概况……2". Each leader is followed by the page
/// number of the entry before it and, glued to it, the next entry's title; where
/// the digits could split several ways, the page that keeps the pages in order
/// and leaves the title a plausible number is taken. At least three entries.
pub fn flat_entries(text: &str) -> Option<Vec<(String, u32)>> {
    let runs = leader_runs(text);
    if runs.len() < 3 {
        return None;
    }
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut pending = String::new();
    let mut cursor = 0;
    for (k, &(a, b)) in runs.iter().enumerate() {
        let next = runs.get(k + 1).map_or(text.len(), |r| r.0);
        pending.push_str(&text[cursor..a]);
        let prev = out.last().map(|e| e.1);
        match split_page(text[b..next].trim(), prev) {
            Some((page, rest)) if !pending.trim().is_empty() => {
                out.push((pending.trim().to_string(), page));
                pending = rest.to_string();
                cursor = next;
            }
            // Not a leader but part of the title ("服务贡献——助力乡村振兴").
            _ => {
                pending.push_str(&text[a..b]);
                cursor = b;
            }
        }
    }
    (out.len() >= 3).then_some(out)
}

/// The byte ranges of the leaders in `text`: runs of two or more leader characters
/// (spaces between them allowed) or an ellipsis. Not a tab: a tab also parts a
/// caption's number from its title ("表 1.1\t2023 年…").
fn leader_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start: Option<(usize, usize, bool)> = None; // (start, leader count, strong)
    let mut end = 0;
    for (i, ch) in text.char_indices() {
        let leader = is_leader(ch);
        let gap = ch.is_whitespace() || ch == '\u{3000}';
        if leader || (gap && start.is_some()) {
            let s = start.get_or_insert((i, 0, false));
            if leader {
                s.1 += 1;
                end = i + ch.len_utf8();
            }
            s.2 |= matches!(ch, '…' | '⋯');
            continue;
        }
        if let Some((s, n, strong)) = start.take()
            && (n >= 2 || strong)
        {
            runs.push((s, end));
        }
    }
    if let Some((s, n, strong)) = start
        && (n >= 2 || strong)
    {
        runs.push((s, end));
    }
    runs
}

/// Splits the page number off the front of `seg` ("11.1 学校概况" → 1, "1.1 学校概况"):
/// among the ways to cut the leading digits, pages not below `prev` first, then the
/// smallest page whose remainder is not a broken number.
fn split_page(seg: &str, prev: Option<u32>) -> Option<(u32, &str)> {
    let digits = seg.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || seg.starts_with('0') {
        return None;
    }
    let candidates: Vec<(u32, &str)> = (1..=digits.min(3))
        .filter_map(|k| {
            let rest = seg[k..].trim_start();
            let lead: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let broken = rest.starts_with(['.', '．', '0', '-'])
                || lead
                    .parse::<u32>()
                    .is_ok_and(|n| (31..1900).contains(&n) || n > 2100);
            let page = seg[..k].parse().ok()?;
            (!broken && (k == digits || !rest.is_empty())).then_some((page, rest))
        })
        .collect();
    let in_order = candidates
        .iter()
        .filter(|c| prev.is_none_or(|p| c.0 >= p))
        .min_by_key(|c| c.0);
    in_order
        .or_else(|| candidates.iter().min_by_key(|c| c.0))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_entries() {
        assert_eq!(toc_entry("1. 基本情况\t1"), Some(("1. 基本情况".into(), 1)));
        assert_eq!(toc_entry("前 言.....\t1"), Some(("前 言".into(), 1)));
        assert_eq!(toc_entry("2.2.2 开展特色专业建设 ..\t9").unwrap().1, 9);
        assert_eq!(toc_entry("图 5.1 座谈会 53").unwrap().0, "图 5.1 座谈会");
        assert_eq!(toc_entry("1 基本情况"), None);
        // Page numbers glued to the entry (D2, D3).
        for (line, title, page) in [
            ("1.2专业设置8", "1.2专业设置", 8),
            ("前 言4", "前 言", 4),
            ("2.10就业质量14", "2.10就业质量", 14),
            ("附表3教学资源表31", "附表3教学资源表", 31),
            ("2.4 1+X证书试点11", "2.4 1+X证书试点", 11),
            ("3.2 5G实训基地建设12", "3.2 5G实训基地建设", 12),
            ("2 人才培养9", "2 人才培养", 9),
            ("7.1 问题与展望（附）28", "7.1 问题与展望（附）", 28),
        ] {
            assert_eq!(toc_entry(line), Some((title.into(), page)), "{line}");
        }
        assert_eq!(toc_entry("全市中职学校在校生1620"), None);
        // In a contents page a numbered heading may have a comma; a sentence not.
        assert_eq!(
            toc_entry("2.1 服务贡献，成效显著12"),
            Some(("2.1 服务贡献，成效显著".into(), 12))
        );
        assert_eq!(toc_entry("全市中职学校在校生增加，达到1620"), None);
        assert_eq!(toc_level("2.3.1 课程"), Some(3));
        assert_eq!(toc_level("1. 基本情况"), Some(1));
    }

    #[test]
    fn leaders_of_every_kind() {
        for line in [
            "1.1 学校概况－－－－2",
            "1.1 学校概况----2",
            "1.1 学校概况—— 2",
            "1.1 学校概况···········2",
            "1.1 学校概况 . . . . . 2",
            "1.1 学校概况⋯⋯2",
        ] {
            assert_eq!(toc_entry(line), Some(("1.1 学校概况".into(), 2)), "{line}");
        }
    }

    #[test]
    fn glued_pages_after_any_entry() {
        for (line, title, page) in [
            ("2.1 立德树人6", "2.1 立德树人", 6),
            (
                "2.9.1 科技赋能，开展虚拟仿真实训基地建设19",
                "2.9.1 科技赋能，开展虚拟仿真实训基地建设",
                19,
            ),
            ("（一）立德树人4", "（一）立德树人", 4),
            ("1.4 教师队伍4", "1.4 教师队伍", 4),
            ("图1 研学活动15", "图1 研学活动", 15),
            (
                "表 1-1 2025 年招生专业一览3",
                "表 1-1 2025 年招生专业一览",
                3,
            ),
            ("3.2 大事记2024年9", "3.2 大事记2024年", 9),
            ("1.3 招生情况（2024年）3", "1.3 招生情况（2024年）", 3),
            ("案例 2-1 校企共育12", "案例 2-1 校企共育", 12),
        ] {
            assert_eq!(toc_entry(line), Some((title.into(), page)), "{line}");
        }
        // A sentence ending in a figure or a unit is no entry.
        assert_eq!(toc_entry("全校共有教职工312人"), None);
        assert_eq!(toc_entry("图 1.1"), None);
        assert_eq!(toc_entry("附表 2-3"), None);
    }

    #[test]
    fn a_contents_page_on_one_line() {
        let e = flat_entries(
            "前言……11. 基本情况……11.1 学校概况……21.2 专业设置——特色专业……32. 人才培养……102.1 立德树人……1210.1 附录……13表1 计分卡……14",
        )
        .unwrap();
        let got: Vec<(&str, u32)> = e.iter().map(|(t, p)| (t.as_str(), *p)).collect();
        assert_eq!(
            got,
            [
                ("前言", 1),
                ("1. 基本情况", 1),
                ("1.1 学校概况", 2),
                ("1.2 专业设置——特色专业", 3),
                ("2. 人才培养", 10),
                ("2.1 立德树人", 12),
                ("10.1 附录", 13),
                ("表1 计分卡", 14),
            ]
        );
        let e = flat_entries(
            "前 言……1一、基本情况……2第二部分 人才培养……6（一）立德树人……72024年工作……9",
        )
        .unwrap();
        assert_eq!(e[3], ("（一）立德树人".to_string(), 7));
        assert_eq!(e[4], ("2024年工作".to_string(), 9));
        // One entry, or a sentence with an ellipsis, is no flattened contents page.
        assert_eq!(flat_entries("1.1 学校概况……2"), None);
        assert_eq!(flat_entries("学校开展了技能大赛、研学……等活动"), None);
    }
}
