//! The report's metadata from its cover and first pages: title, year, entity (name
//! and code), level, stages, publication URL and date. The cover is read line by
//! line ([`cover`]), the year in every written form ([`year`]); what is inferred
//! rather than read says where it came from ([`infer`]).

mod cover;
mod infer;
mod series;
pub mod year;

use super::document::{Block, BlockKind};
use super::outline::part_heading;
use crate::base::normalize::compact;
use crate::base::source::Span;
use crate::base::vocab::{self, Stage};

pub use infer::{Inferred, settle_year};
pub use year::date_line;

#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<(String, Span)>,
    /// The report year as read or inferred (without the data tables, which come later:
    /// see [`settle_year`]).
    pub year: Option<u32>,
    /// Where the year was read or inferred from.
    pub year_span: Option<Span>,
    pub entity: Option<(String, Span)>,
    pub code: Option<(String, Span)>,
    pub level: Option<&'static str>,
    pub stages: Vec<&'static str>,
    pub url: Option<(String, Span)>,
    pub date: Option<(String, Span)>,
    /// The date line as written ("二〇二五年一月"), to quote when the year is inferred from it.
    pub date_written: Option<String>,
    /// For schools: the kind, from the name, and public or private, from the text.
    pub kind: Option<&'static str>,
    pub ownership: Option<(&'static str, Span)>,
    /// Where the year came from when it was inferred, or needs a word of caution.
    pub inferred: Vec<Inferred>,
    /// What the document appears to be when it is not a quality report (H1).
    pub look_alike: Option<infer::LookAlike>,
}

/// How far into the report the cover and its publication statement reach.
const COVER_BLOCKS: usize = 40;

pub fn read(blocks: &[Block]) -> Meta {
    let cover = cover::read(blocks);
    let stated = stated_title(blocks);
    let mut meta = Meta {
        title: cover.title.clone().or_else(|| stated.clone()),
        ..Meta::default()
    };
    if let Some((t, _)) = &meta.title {
        meta.stages = stages_in(t);
    }
    let mark = cover.year.or_else(|| {
        let (t, span) = stated.as_ref()?;
        year::mark(t).map(|m| (m, *span))
    });
    infer::year(&mut meta, mark, blocks);
    let body_start = blocks
        .iter()
        .position(|b| part_heading(&b.text, matches!(b.kind, BlockKind::Heading(_))).is_some())
        .unwrap_or(blocks.len());
    for b in blocks.iter().take(COVER_BLOCKS.min(body_start)) {
        if meta.url.is_none()
            && let Some(u) = url_in(b)
        {
            meta.url = Some(u);
        }
        if meta.date.is_none()
            && let Some(d) = date_line(&b.text)
        {
            meta.date = Some((d, b.span));
            meta.date_written = Some(b.text.clone());
        }
    }
    if let Some((name, code)) = blocks.iter().find_map(name_line) {
        meta.entity = Some(name);
        meta.code = code;
    } else if let Some(p) = cover.publisher.clone() {
        meta.entity = Some(p);
    } else {
        meta.entity = region(&cover, meta.title.as_ref());
    }
    if let Some((name, _)) = &meta.entity {
        meta.level = level_of(name);
        if meta.level == Some("school") {
            if meta.stages.is_empty() {
                meta.stages = school_stage(name).into_iter().collect();
            }
            meta.kind = school_kind(name);
            meta.ownership = ownership(blocks);
        }
    }
    // A title stated in a sentence ("本校2025年质量年度报告在…发布") says nothing about
    // what the cover is: a bureau's 工作汇报 is named on the cover alone.
    meta.look_alike = infer::look_alike(cover.title.as_ref(), blocks);
    meta
}

/// The region or school the title names, or the fuller name of the authority that
/// issues the report when the title shortens it (B1: "梧岭市…" under
/// "河东省梧岭市教育局"). A series line names none of its own (A7).
fn region(cover: &cover::Cover, title: Option<&Located>) -> Option<Located> {
    let named = title
        .filter(|_| !cover.series)
        .and_then(|(t, span)| Some((entity_in_title(t)?, *span)));
    match (named, &cover.issuer) {
        (Some((n, span)), Some((r, at))) => {
            let f = series::fuller(&n, r);
            Some(if f == n {
                (n, span)
            } else {
                (f.to_string(), *at)
            })
        }
        (None, Some((r, at))) if !r.is_empty() && level_of(r).is_some() => Some((r.clone(), *at)),
        (named, _) => named,
    }
}

/// The kind of school its name says, where the name is unambiguous.
fn school_kind(name: &str) -> Option<&'static str> {
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    if has(&["技工学校", "技师学院", "技工院校"]) {
        Some("technical")
    } else if has(&["职业技术大学", "职业大学"]) {
        Some("vocational_bachelor")
    } else if has(&["职业技术学院", "职业学院", "高等专科学校"]) {
        Some("higher_vocational")
    } else if has(&["成人中专", "成人中等专业"]) {
        Some("adult_secondary")
    } else if has(&["职业高中", "职业中学", "职业高级中学", "职中"]) {
        Some("vocational_high")
    } else if has(&["中等专业学校", "中专"]) {
        Some("specialized_secondary")
    } else {
        None
    }
}

/// "公办" or "民办" in the first part (基本情况), if the report says only one of them.
fn ownership(blocks: &[Block]) -> Option<(&'static str, Span)> {
    let mut parts_seen = 0;
    let mut found: Option<(&'static str, Span)> = None;
    for b in blocks {
        if part_heading(&b.text, matches!(b.kind, BlockKind::Heading(_))).is_some() {
            parts_seen += 1;
            if parts_seen > 1 {
                break;
            }
        }
        for (word, value) in [("公办", "public"), ("民办", "private")] {
            if let Some(i) = b.text.find(word) {
                if found.is_some_and(|(v, _)| v != value) {
                    return None;
                }
                let start = b.span.start + i;
                found.get_or_insert((value, Span::new(start, start + word.len())));
            }
        }
    }
    found
}

/// A title stated in a sentence: "…《临汾市中等职业教育质量年度报告（2024年度）》…".
fn stated_title(blocks: &[Block]) -> Option<(String, Span)> {
    for b in blocks.iter().take(COVER_BLOCKS) {
        let c = compact(&b.text);
        let Some(end) = c.find("报告") else {
            continue;
        };
        let head = &c[..end + "报告".len()];
        let start = head
            .rfind(['《', '。', ',', '，', ':', '：'])
            .map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            });
        let mut title = head[start..].to_string();
        let tail = &c[end + "报告".len()..];
        if (tail.starts_with('(') || tail.starts_with('（'))
            && let Some(close) = tail.find([')', '）'])
        {
            title.push_str(&tail[..close + tail[close..].chars().next()?.len_utf8()]);
        }
        if title.chars().count() >= 8 && (title.contains("质量") || title.contains("年度")) {
            return Some((title, b.span));
        }
    }
    None
}

/// "(2024年度)" or "2024年" in a title.
pub fn year_in(title: &str) -> Option<u32> {
    let c = compact(title);
    let bytes: Vec<char> = c.chars().collect();
    let mut found = None;
    for i in 0..bytes.len().saturating_sub(4) {
        let w: String = bytes[i..i + 4].iter().collect();
        if w.chars().all(|ch| ch.is_ascii_digit())
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4) == Some(&'年')
        {
            let y: u32 = w.parse().ok()?;
            if (2000..2100).contains(&y) {
                // "2024年度" wins over any other year in the title.
                if bytes.get(i + 5) == Some(&'度') {
                    return Some(y);
                }
                found.get_or_insert(y);
            }
        }
    }
    found
}

fn stages_in(title: &str) -> Vec<&'static str> {
    let c = compact(title);
    let mut s = Vec::new();
    for stage in [Stage::Higher, Stage::Secondary] {
        if stage.named_in(&c) {
            s.push(stage.key());
        }
    }
    s
}

/// The stage a school's type says (B4): 职业技术学院 → 高职, 职教中心 or 卫校 → 中职;
/// "学校" alone is a 中职 school (高职 ones are 学院, 大学 or 高等专科学校).
fn school_stage(name: &str) -> Option<&'static str> {
    if vocab::HIGHER_SCHOOL_WORDS.iter().any(|w| name.contains(w)) {
        Some("higher")
    } else if vocab::SECONDARY_SCHOOL_WORDS
        .iter()
        .chain(&["学校", "中心"])
        .any(|w| name.contains(w))
    {
        Some("secondary")
    } else {
        None
    }
}

/// "名称：山西省临汾市(141000)" → name and code, with spans.
/// A piece of text and where it is.
type Located = (String, Span);

fn name_line(b: &Block) -> Option<(Located, Option<Located>)> {
    let t = b.text.trim();
    let rest = t
        .strip_prefix("名称：")
        .or_else(|| t.strip_prefix("名称:"))
        .or_else(|| t.strip_prefix("单位名称："))?;
    let rest_start = b.span.start + (t.len() - rest.len());
    let rest_trim = rest.trim();
    let lead = rest.len() - rest.trim_start().len();
    let start = rest_start + lead;
    let open = rest_trim.rfind(['(', '（']);
    match open {
        Some(o) if rest_trim.ends_with([')', '）']) => {
            let open_len = rest_trim[o..].chars().next()?.len_utf8();
            let close_len = rest_trim.chars().last()?.len_utf8();
            let code = &rest_trim[o + open_len..rest_trim.len() - close_len];
            let name = rest_trim[..o].trim_end();
            let code_ok = !code.is_empty()
                && code.len() <= 18
                && code
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
            if !code_ok {
                return Some((
                    (
                        rest_trim.to_string(),
                        Span::new(start, start + rest_trim.len()),
                    ),
                    None,
                ));
            }
            let code_start = start + o + open_len;
            Some((
                (name.to_string(), Span::new(start, start + name.len())),
                Some((
                    code.to_string(),
                    Span::new(code_start, code_start + code.len()),
                )),
            ))
        }
        _ => Some((
            (
                rest_trim.to_string(),
                Span::new(start, start + rest_trim.len()),
            ),
            None,
        )),
    }
}

/// "山西省临汾市中等职业教育年度质量报告（2024年度）" → "山西省临汾市".
fn entity_in_title(title: &str) -> Option<String> {
    let c = compact(title);
    let markers = [
        "中等职业教育",
        "高等职业教育",
        "职业教育",
        "质量年度报告",
        "年度质量报告",
        "教育质量",
        "质量报告",
        "年度报告",
    ];
    let end = markers.iter().filter_map(|m| c.find(m)).min()?;
    let mut name = c[..end].to_string();
    // "云溪县职业教育中心职业教育质量…": a school's name ends at its type word, which
    // may come after a stage phrase ("职业教育") the markers stop at.
    let noun = markers[3..].iter().filter_map(|m| c.find(m)).min()?;
    if let Some(cut) = vocab::SCHOOL_WORDS
        .iter()
        .filter_map(|w| c[..noun].rfind(w).map(|i| i + w.len()))
        .max()
    {
        name = c[..cut].to_string();
    }
    // "…学院2024年" → "…学院"
    while let Some(last) = name.chars().last() {
        if last.is_ascii_digit() || matches!(last, '年' | '度' | '(' | '（') {
            name.pop();
        } else {
            break;
        }
    }
    (!name.is_empty()).then_some(name)
}

pub fn level_of(name: &str) -> Option<&'static str> {
    if vocab::SCHOOL_WORDS.iter().any(|w| name.contains(w)) {
        Some("school")
    } else if vocab::is_province_name(name) {
        // Before the suffixes: 上海市 ends in 市 and 宁夏回族自治区 in 区 (B2).
        Some("province")
    } else if name.ends_with('市')
        || name.ends_with('州')
        || name.ends_with('盟')
        || name.ends_with("地区")
    {
        Some("city")
    } else if name.ends_with('县') || name.ends_with('区') || name.ends_with('旗') {
        Some("county")
    } else {
        None
    }
}

/// The first http(s) address in a block, without surrounding brackets.
fn url_in(b: &Block) -> Option<(String, Span)> {
    let i = b.text.find("http://").or_else(|| b.text.find("https://"))?;
    let rest = &b.text[i..];
    let end = rest
        .find(|c: char| {
            c.is_whitespace() || matches!(c, '>' | '）' | ')' | '”' | '"' | '，' | '。' | '<')
        })
        .unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ',']);
    // Block text is the trimmed source text for Text blocks, so offsets carry over.
    let start = b.span.start + i;
    Some((url.to_string(), Span::new(start, start + url.len())))
}

#[cfg(test)]
mod cover_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::document::Document;

    #[test]
    fn title_split_over_lines() {
        let d = Document::from_plain_text(
            "\n\n山西省某某市中等职业教育\n年度质量报告\n(2024年度)\n\n\n年报公开形式及发布网址\n\n网址：<http://jyj.example.gov.cn>\n",
        );
        let m = read(&d.blocks);
        assert_eq!(
            m.title.unwrap().0,
            "山西省某某市中等职业教育年度质量报告(2024年度)"
        );
        assert_eq!(m.year, Some(2024));
        assert_eq!(m.stages, vec!["secondary"]);
        assert_eq!(m.entity.unwrap().0, "山西省某某市");
        assert_eq!(m.level, Some("city"));
        assert_eq!(m.url.unwrap().0, "http://jyj.example.gov.cn");
    }

    #[test]
    fn title_with_stray_spaces_and_date() {
        let d = Document::from_plain_text(
            "某某市 中等职业教育质量 年度报告(2025 年度)\n\n2026 年 1 月\n",
        );
        let m = read(&d.blocks);
        assert_eq!(
            m.title.unwrap().0,
            "某某市中等职业教育质量年度报告(2025年度)"
        );
        assert_eq!(m.year, Some(2025));
        assert_eq!(m.date.unwrap().0, "2026-01");
    }

    #[test]
    fn name_line_gives_entity_and_code() {
        let d = Document::from_plain_text("名称：山西省某某市(141000)\n");
        let ((name, _), code) = name_line(&d.blocks[0]).unwrap();
        assert_eq!(name, "山西省某某市");
        assert_eq!(code.unwrap().0, "141000");
    }

    #[test]
    fn school_kinds_from_names() {
        assert_eq!(
            school_kind("某某市第一职业中专学校"),
            Some("specialized_secondary")
        );
        assert_eq!(school_kind("某某县职业中学"), Some("vocational_high"));
        assert_eq!(school_kind("某某职业技术学院"), Some("higher_vocational"));
        assert_eq!(school_kind("某某市技师学院"), Some("technical"));
        assert_eq!(school_kind("某某学校"), None);
    }

    #[test]
    fn levels_and_school_stages() {
        assert_eq!(level_of("某某职业技术学院"), Some("school"));
        assert_eq!(level_of("山西省"), Some("province"));
        assert_eq!(level_of("某某县"), Some("county"));
        assert_eq!(school_stage("某某职业技术学院"), Some("higher"));
        assert_eq!(year_in("某某学院2025年质量年度报告"), Some(2025));
    }
}
