//! Recognising the lines that give a report its structure: the eight parts and
//! their subsections, cases, figure and table captions, table-of-contents entries.
//! Each recogniser is a pure function of one line's text.

use crate::base::normalize::{compact, compact_longer_than, fold, fold_char, small_chinese_number};

/// The eight required parts, in the template's order (one list for the whole crate).
use crate::base::vocab;

/// A line that names one of the eight parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartHeading {
    /// The number as written (1 for "一、"), if any.
    pub no: Option<u32>,
    /// Index into [`PARTS`].
    pub part: usize,
    /// The title as written, without its number.
    pub title: String,
}

/// Leading numbering of a heading: "1", "1.", "一、", "第一部分", "（一）".
fn split_number(c: &str) -> Option<(u32, &str)> {
    if let Some(rest) = c.strip_prefix('第') {
        for end in ["部分", "章", "篇"] {
            if let Some(i) = rest.find(end) {
                let n = &rest[..i];
                let no = n.parse().ok().or_else(|| small_chinese_number(n))?;
                return Some((
                    no,
                    rest[i + end.len()..].trim_start_matches([':', '、', '.']),
                ));
            }
        }
        return None;
    }
    let digits: String = c.chars().take_while(|ch| ch.is_ascii_digit()).collect();
    if !digits.is_empty() {
        let rest = &c[digits.len()..];
        // "1.1" is a subsection, not a part.
        if rest.starts_with('.') && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
            return None;
        }
        return Some((
            digits.parse().ok()?,
            rest.trim_start_matches(['.', '、', ':', ')']),
        ));
    }
    let cn: String = c
        .chars()
        .take_while(|ch| "一二三四五六七八九十".contains(*ch))
        .collect();
    if !cn.is_empty() {
        let rest = &c[cn.len()..];
        if rest.starts_with(['、', '.', ':']) {
            return Some((
                small_chinese_number(&cn)?,
                &rest[rest.chars().next()?.len_utf8()..],
            ));
        }
    }
    None
}

/// A heading's title as the author wrote it (full-width punctuation kept), without
/// its number: "2.3 课程建设（含数字化教学资源建设）" → "课程建设（含数字化教学资源建设）".
pub fn title_as_written(text: &str) -> String {
    let t = text.trim();
    let rest = if let Some(r) = t.strip_prefix('第') {
        ["部分", "章", "篇"]
            .iter()
            .find_map(|end| r.find(end).map(|i| &r[i + end.len()..]))
            .unwrap_or(t)
    } else if t.starts_with(['(', '（']) {
        t.find([')', '）']).map_or(t, |i| {
            &t[i + t[i..].chars().next().map_or(1, char::len_utf8)..]
        })
    } else {
        // "一、" and "一." (an extraction's half-width dot) are numbers; "十大…" is not.
        let cn_numbered = t
            .trim_start_matches(|c: char| "一二三四五六七八九十".contains(c))
            .starts_with(['、', '.', '．']);
        t.trim_start_matches(|c: char| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || (cn_numbered && "一二三四五六七八九十".contains(c))
                || matches!(c, '.' | '．' | '、')
                || c.is_whitespace()
        })
    };
    let rest = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '：' | '、' | ')' | '）')
    });
    collapse_spaces(rest)
}

/// Which part a title names: it starts with one of the part's names
/// ("国际合作与交流", "学校概况", "挑战与展望" too).
pub fn part_of_title(title: &str) -> Option<usize> {
    vocab::part_named(&compact(title))
}

/// "1 基本情况", "4. 文化传承", "一、人才培养", "第三部分 服务贡献".
/// `heading_style`: the author marked the line as a heading (then no number is needed).
pub fn part_heading(text: &str, heading_style: bool) -> Option<PartHeading> {
    // A TOC line ("1 基本情况.....\t2") names a part but is not its heading.
    if text.contains('\t') || text.contains("..") || text.contains('…') || toc_line(text) {
        return None;
    }
    if compact_longer_than(text, 24) {
        return None;
    }
    let c = compact(text);
    if c.ends_with(['。', ';', ',', '，', '；']) {
        return None;
    }
    let (no, title) = match split_number(&c) {
        Some((no, rest)) => (Some(no), rest),
        None => (None, c.as_str()),
    };
    let part = part_of_title(title)?;
    // "1 基本情况2": a TOC entry with its page number glued on, not the heading.
    let bare = title.trim_end_matches(|ch: char| ch.is_ascii_digit());
    if bare.len() < title.len() && vocab::is_part_name(part, bare) {
        return None;
    }
    // Unnumbered lines count only when they are nothing but the part's name, or styled.
    if no.is_none() && !heading_style && !vocab::is_part_name(part, title) {
        return None;
    }
    if no.is_some_and(|n| n == 0 || n > 20) {
        return None;
    }
    let _ = title;
    Some(PartHeading {
        no,
        part,
        title: title_as_written(text),
    })
}

/// A line that is only the number of a heading whose title is on the next line.
pub fn lone_number(text: &str) -> bool {
    // "第十九部分" at most, with room for stray marks.
    if compact_longer_than(text, 12) {
        return false;
    }
    let c = compact(text);
    split_number(&c).is_some_and(|(n, rest)| rest.is_empty() && (1..=20).contains(&n))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubHeading {
    /// "2.3.1"
    pub no: String,
    pub title: String,
}

/// "1.1 学校概况", "2.3.1 积极开展…", "（二）专业设置" (given the part number).
pub fn sub_heading(text: &str, part_no: Option<u32>) -> Option<SubHeading> {
    if compact_longer_than(text, 50) {
        return None;
    }
    let c = compact(text);
    if c.ends_with(['。', ';', '；', ',', '，', ':']) {
        return None;
    }
    let numbered: String = c
        .chars()
        .take_while(|ch| ch.is_ascii_digit() || *ch == '.')
        .collect();
    let (no, title) =
        if numbered.contains('.') && numbered.starts_with(|ch: char| ch.is_ascii_digit()) {
            let no = numbered.trim_end_matches('.');
            (no.to_string(), &c[numbered.len()..])
        } else if let Some(rest) = c.strip_prefix('(') {
            let close = rest.find(')')?;
            let n = small_chinese_number(&rest[..close])?;
            (format!("{}.{n}", part_no?), &rest[close + 1..])
        } else {
            return None;
        };
    let parts: Vec<&str> = no.split('.').collect();
    if parts.len() < 2 || parts.len() > 4 || parts.iter().any(|p| p.is_empty() || p.len() > 2) {
        return None;
    }
    if part_no.is_some_and(|p| parts[0].parse::<u32>().ok() != Some(p)) {
        return None;
    }
    // "2.5 亿元…", "1.5 倍" are numbers in a sentence, not headings.
    let first = title.chars().next()?;
    if first.is_ascii_digit()
        || "%％亿万元个人倍次年月日名所项门本台套家篇小时天".contains(first)
        || title.chars().count() < 2
    {
        return None;
    }
    Some(SubHeading {
        no,
        title: title_as_written(text),
    })
}

/// "1. 学校分布" below "（一）学校概况" (numbered `parent` = "1.1"): the third level
/// of the 一、→（一）→ 1. outline, "1.1.1"; its number is not kept in the title.
pub fn third_level(text: &str, parent: &str) -> Option<SubHeading> {
    let c = compact(text);
    let digits = c.chars().take_while(char::is_ascii_digit).count();
    let after = &c[digits..];
    let mark = after.chars().next().filter(|ch| matches!(ch, '.' | '、'));
    let decimal =
        mark.is_some_and(|m| after[m.len_utf8()..].starts_with(|ch: char| ch.is_ascii_digit()));
    if digits == 0 || digits > 2 || mark.is_none() || decimal {
        return None;
    }
    let title = title_as_written(text);
    sub_heading(&format!("{parent}.{} {title}", &c[..digits]), None)
}

/// A numbered caption or case heading: "案例 2-1 …", "图 3 …", "表 1.2 …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// "2-1", "2.1", "3"
    pub id: String,
    /// May be empty (the title is on the next line).
    pub title: String,
}

/// Whether `text`, folded and trimmed, starts with `word`: `labelled`'s first test.
fn folded_starts_with(text: &str, word: &str) -> bool {
    let mut chars = text
        .chars()
        .map(fold_char)
        .skip_while(|c| c.is_whitespace());
    word.chars().all(|w| chars.next() == Some(w))
}

fn labelled(text: &str, word: &str) -> Option<Labelled> {
    let folded = fold(text);
    let rest = folded.trim().strip_prefix(word)?.trim_start();
    let id_len = rest
        .char_indices()
        .find(|(_, ch)| !(ch.is_ascii_digit() || matches!(ch, '-' | '.' | '_')))
        .map_or(rest.len(), |(i, _)| i);
    let id = rest[..id_len]
        .trim_end_matches(['-', '.', '_'])
        .replace('_', "-");
    if id.is_empty() || !id.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let title = rest[id_len..]
        .trim_start_matches(|ch: char| {
            ch.is_whitespace() || matches!(ch, '】' | ']' | ':' | '、' | '.')
        })
        .trim();
    Some(Labelled {
        id,
        title: collapse_spaces(title),
    })
}

/// Runs of whitespace become one space, and a space between two Chinese characters
/// (a stray one: "学校 概况") goes.
pub fn collapse_spaces(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = String::with_capacity(s.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let before = words[i - 1].chars().last().is_some_and(|c| !c.is_ascii());
            let after = w.chars().next().is_some_and(|c| !c.is_ascii());
            if !(before && after) {
                out.push(' ');
            }
        }
        out.push_str(w);
    }
    out
}

/// Whether a heading's brackets or quotes are left open ("课程建设（含数字化"), so
/// that its title continues on the next line.
pub fn left_open(title: &str) -> bool {
    let count = |c: char| title.chars().filter(|&x| x == c).count();
    count('（') > count('）')
        || count('(') > count(')')
        || count('“') > count('”')
        || count('《') > count('》')
}

/// A case heading: "案例 2-1 …", "案例 2.1：…", "【典型案例2-1】…".
pub fn case_heading(text: &str) -> Option<Labelled> {
    // Folding never makes 案例, so a block without it is asked nothing more.
    if !text.contains("案例") || compact_longer_than(text, 70) {
        return None;
    }
    let c = compact(text);
    if c.ends_with(['。', ';', '；']) {
        return None;
    }
    let t = fold(text);
    let t = t.trim().trim_start_matches(['【', '[']).trim_start();
    let t = t.strip_prefix("典型").unwrap_or(t);
    labelled(t, "案例")
}

/// A caption: "图 3 …", "表1 …", "表 1.2 …". Sentences that start with "图 3 所示" are
/// not captions: a caption has a title and no full stop.
pub fn caption(text: &str, word: &str) -> Option<Labelled> {
    // What `labelled` requires, checked before anything is built: every block of a
    // report is asked whether it is a caption, twice.
    if !folded_starts_with(text, word) || compact_longer_than(text, 80) {
        return None;
    }
    let c = compact(text);
    if c.contains('。') || c.ends_with([',', '，', ';', '；']) {
        return None;
    }
    let l = labelled(text, word)?;
    // "图 3 所示", "表 2 中可以看出": a sentence that mentions a figure.
    let mentions = [
        "所示", "中可", "中的", "中所", "为", "是", "可见", "可以", "显示", "的", "和", "与", "及",
        "中,", "中，",
    ];
    if l.title.is_empty() || mentions.iter().any(|m| l.title.starts_with(m)) {
        return None;
    }
    Some(l)
}

/// The heading of a table of contents or of a list of figures, tables or cases:
/// "目录", "目 錄", "目次", and a list's name before it ("图目录", "附图目录",
/// "附表目录", "图表目录", "插图目录", "表格目录", "典型案例目录", "图片目录").
pub fn toc_heading(text: &str) -> bool {
    // Six characters of list name and "目录".
    if compact_longer_than(text, 8) {
        return false;
    }
    let c = compact(text);
    let Some(list) = ["目录", "目錄", "目次"]
        .iter()
        .find_map(|w| c.strip_suffix(w))
    else {
        return false;
    };
    // Only the words that name a list may stand before it: "专业目录" is no heading.
    list.chars().count() <= 6
        && list
            .chars()
            .all(|ch| "附插彩图片表格案例典型照".contains(ch))
}

/// The characters of a leader between a TOC entry's title and its page number:
/// dots, ellipses, middle dots, dashes (half- and full-width), underscores.
pub fn is_leader(ch: char) -> bool {
    matches!(
        ch,
        '.' | '…'
            | '⋯'
            | '·'
            | '・'
            | '‧'
            | '．'
            | '-'
            | '－'
            | '—'
            | '–'
            | '‒'
            | '―'
            | '─'
            | '_'
            | '＿'
    )
}

/// A line that ends in a leader and a page number ("基本情况－－－－2",
/// "1.1 概况 ·········· 3", "前言\t1"): a TOC line, not a heading.
pub fn toc_line(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit());
    if t.len() == text.trim_end().len() {
        return false;
    }
    let before = t.trim_end_matches([' ', '\u{3000}']);
    let leaders = before.chars().rev().take_while(|&c| is_leader(c)).count();
    before.ends_with('\t') || leaders >= 2 || before.ends_with(['…', '⋯'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_in_every_numbering_style() {
        for (text, no) in [
            ("1 基本情况", Some(1)),
            ("4. 文化传承", Some(4)),
            ("２．人才培养", Some(2)),
            ("一、基本情况", Some(1)),
            ("第三部分 服务贡献", Some(3)),
            ("第八部分：面临挑战", Some(8)),
            ("面临挑战", None),
        ] {
            let h = part_heading(text, false).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(h.no, no, "{text}");
        }
        assert_eq!(part_heading("5 国际合作与交流", false).unwrap().part, 4);
        assert!(part_heading("基本情况良好，", false).is_none());
        assert!(part_heading("1.1 学校概况", false).is_none());
        assert!(part_heading("人才培养质量不断提高，毕业生就业率稳定在较高水平", false).is_none());
        assert!(part_heading("一、基本情况－－－－2", false).is_none());
        assert!(part_heading("3 服务贡献——16", false).is_none());
        assert!(part_heading("8 面临挑战15", true).is_none());
        assert!(lone_number("3.") && lone_number("三、") && !lone_number("3.1"));
    }

    #[test]
    fn subsections() {
        assert_eq!(sub_heading("1.1 学校概况", Some(1)).unwrap().no, "1.1");
        assert_eq!(
            sub_heading("2.3.1积极开展省级在线精品课程建设", Some(2))
                .unwrap()
                .no,
            "2.3.1"
        );
        assert_eq!(sub_heading("（二）专业设置", Some(1)).unwrap().no, "1.2");
        let t = third_level("2. 办学条件", "1.1").unwrap();
        assert_eq!((t.no.as_str(), t.title.as_str()), ("1.1.2", "办学条件"));
        assert_eq!(third_level("1、动态调整专业", "2.2").unwrap().no, "2.2.1");
        assert!(third_level("1.1 学校概况", "1.1").is_none());
        assert!(third_level("3. 2024 年新增专业 5 个。", "1.1").is_none());
        assert!(sub_heading("2.5 亿元用于实训基地", Some(2)).is_none());
        assert!(sub_heading("3.1 服务行业企业", Some(2)).is_none());
        assert!(sub_heading("1.1 学校概况。", Some(1)).is_none());
        assert_eq!(
            sub_heading("8.2 招生失衡，生源参差", Some(8))
                .unwrap()
                .title,
            "招生失衡，生源参差"
        );
        assert_eq!(
            sub_heading("2.3 课程建设（含教材）", Some(2))
                .unwrap()
                .title,
            "课程建设（含教材）"
        );
        assert_eq!(
            part_heading("第三部分 服务贡献", false).unwrap().title,
            "服务贡献"
        );
        assert_eq!(
            part_heading("一、基本情况", false).unwrap().title,
            "基本情况"
        );
    }

    #[test]
    fn cases_and_captions() {
        assert_eq!(case_heading("案例 2-1 技能培训").unwrap().id, "2-1");
        assert_eq!(
            case_heading("案例 7.1：问题整改").unwrap().title,
            "问题整改"
        );
        let c = case_heading("【典型案例2-1】校企共育").unwrap();
        assert_eq!((c.id.as_str(), c.title.as_str()), ("2-1", "校企共育"));
        assert_eq!(case_heading("案例 3-2").unwrap().title, "");
        assert_eq!(caption("图 10 研学活动", "图").unwrap().id, "10");
        assert_eq!(caption("表 1.2 设施设备对比表", "表").unwrap().id, "1.2");
        assert!(caption("图 3 所示为实训中心", "图").is_none());
        let c = caption("图 2.3 2024 年全国教师培训", "图").unwrap();
        assert!(toc_heading("目 錄") && toc_heading("目    录"));
        for list in [
            "附图目录",
            "附 表 目 录",
            "图表目录",
            "插图目录",
            "表格目录",
            "典型案例目录",
        ] {
            assert!(toc_heading(list), "{list}");
        }
        assert!(!toc_heading("专业目录") && !toc_heading("国家职业教育专业目录"));
        assert_eq!(
            (c.id.as_str(), c.title.as_str()),
            ("2.3", "2024 年全国教师培训")
        );
    }
}
