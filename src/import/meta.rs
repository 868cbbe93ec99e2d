//! The report's metadata from its cover and first pages: title, year, entity (name
//! and code), level, stages, publication URL and date.

use super::document::{Block, BlockKind};
use super::outline::{part_heading, toc_heading};
use crate::base::normalize::compact;
use crate::base::source::Span;
use crate::base::vocab::Stage;

#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<(String, Span)>,
    pub year: Option<u32>,
    pub entity: Option<(String, Span)>,
    pub code: Option<(String, Span)>,
    pub level: Option<&'static str>,
    pub stages: Vec<&'static str>,
    pub url: Option<(String, Span)>,
    pub date: Option<(String, Span)>,
    /// For schools: the kind, from the name, and public or private, from the text.
    pub kind: Option<&'static str>,
    pub ownership: Option<(&'static str, Span)>,
}

/// How far into the report the cover and its publication statement reach.
const COVER_BLOCKS: usize = 40;

pub fn read(blocks: &[Block]) -> Meta {
    let mut meta = Meta {
        title: cover_title(blocks).or_else(|| stated_title(blocks)),
        ..Meta::default()
    };
    if let Some((t, _)) = &meta.title {
        meta.year = year_in(t);
        meta.stages = stages_in(t);
    }
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
        }
    }
    if let Some((name, code)) = blocks.iter().find_map(name_line) {
        meta.entity = Some(name);
        meta.code = code;
    } else if let Some((t, span)) = &meta.title {
        meta.entity = entity_in_title(t).map(|n| (n, *span));
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
    meta
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

/// The title lines at the top: consecutive short lines before the date, the table
/// of contents or the first sentence, joined ("山西省临汾市中等职业教育" /
/// "年度质量报告" / "(2024年度)").
fn cover_title(blocks: &[Block]) -> Option<(String, Span)> {
    let mut parts: Vec<&Block> = Vec::new();
    for b in blocks.iter().take(12) {
        let c = compact(&b.text);
        let stop = b.kind == BlockKind::Row
            || toc_heading(&b.text)
            || date_line(&b.text).is_some()
            || c.contains("公开形式")
            || c.contains("http")
            || c == "前言"
            || c.chars().count() > 40
            || part_heading(&b.text, false).is_some();
        if stop {
            break;
        }
        // A blank line after the title ends it.
        if b.blank_before && parts.iter().any(|p| compact(&p.text).contains("报告")) {
            break;
        }
        parts.push(b);
    }
    let start = parts.iter().position(|p| {
        let c = compact(&p.text);
        c.contains("职业") || c.contains("报告") || c.contains("学院") || c.contains("学校")
    })?;
    let parts = &parts[start..];
    let title: String = parts
        .iter()
        .flat_map(|p| p.text.chars().filter(|c| !c.is_whitespace()))
        .collect();
    if !title.contains("报告") {
        return None;
    }
    let span = Span::new(parts.first()?.span.start, parts.last()?.span.end);
    Some((title, span))
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

/// Schools whose name says 高职.
fn school_stage(name: &str) -> Option<&'static str> {
    if name.contains("职业技术学院")
        || name.contains("职业学院")
        || name.contains("高等专科")
        || name.contains("职业大学")
        || name.contains("职业技术大学")
    {
        Some("higher")
    } else if name.contains("学校")
        || name.contains("中专")
        || name.contains("职业中学")
        || name.contains("中心")
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
    let school_words = [
        "学校", "学院", "中专", "中学", "中心", "技校", "大学", "职专", "职中",
    ];
    if school_words.iter().any(|w| name.contains(w)) {
        Some("school")
    } else if name.ends_with('市')
        || name.ends_with('州')
        || name.ends_with('盟')
        || name.ends_with("地区")
    {
        Some("city")
    } else if name.ends_with('县') || name.ends_with('区') || name.ends_with('旗') {
        Some("county")
    } else if name.ends_with('省') || name.ends_with("自治区") {
        Some("province")
    } else {
        None
    }
}

/// "2026 年 1 月" (a cover's date line) → "2026-01".
pub fn date_line(text: &str) -> Option<String> {
    let c = compact(text);
    let (y, rest) = c.split_once('年')?;
    if y.len() != 4 || !y.chars().all(|ch| ch.is_ascii_digit()) {
        return None;
    }
    let (m, rest) = rest.split_once('月')?;
    let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    match rest {
        "" => Some(format!("{y}-{m:02}")),
        d => {
            let d: u32 = d
                .strip_suffix('日')?
                .parse()
                .ok()
                .filter(|d| (1..=31).contains(d))?;
            Some(format!("{y}-{m:02}-{d:02}"))
        }
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
