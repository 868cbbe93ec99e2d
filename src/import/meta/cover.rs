//! The cover: which of the first lines make up the title (variations A, C, G), the
//! year line under it and the publisher line. Each line is classified on its own,
//! so that a title over several paragraphs, an English subtitle, a credit line, a
//! website's breadcrumbs or a page number between them do not run into the title.

use super::year::{self, Mark};
use crate::base::normalize::compact;
use crate::base::source::Span;
use crate::import::document::{Block, BlockKind};
use crate::import::outline::{part_heading, toc_heading};

/// What the cover says.
#[derive(Debug, Default)]
pub struct Cover {
    /// The title lines joined, without whitespace; the span of the lines.
    pub title: Option<(String, Span)>,
    /// The year mark in the title or on its own line under it, with its span.
    pub year: Option<(Mark, Span)>,
    /// A line under the title naming a school or an authority ("丰原市青禾县职业教育中心").
    pub publisher: Option<(String, Span)>,
    /// The year line as written, whitespace dropped ("(2019年度)").
    pub year_line: Option<String>,
}

/// How far down the cover is looked for.
const COVER_LINES: usize = 24;
/// A longer line is body text, not a cover line.
const MAX_LINE: usize = 40;

/// Website chrome (G1): breadcrumbs, the post's date and source, buttons.
pub fn chrome(c: &str) -> bool {
    const STARTS: [&str; 16] = [
        "首页",
        "当前位置",
        "您的位置",
        "您现在的位置",
        "发布时间",
        "发布日期",
        "来源:",
        "作者:",
        "浏览",
        "点击",
        "字体",
        "【字体",
        "打印",
        "内容预览",
        "合集下载",
        "分享到",
    ];
    STARTS.iter().any(|s| c.starts_with(s))
        || c.matches('>').count() >= 2
        || c.contains("发布时间:")
        || c.contains("浏览次数")
        || (c
            .chars()
            .all(|ch| ch.is_ascii_digit() || "-/第页共".contains(ch))
            && c.chars().count() <= 8)
}

/// An English subtitle or translation: mostly Latin letters.
fn english(text: &str) -> bool {
    let letters = text.chars().filter(char::is_ascii_alphabetic).count();
    let cjk = text.chars().filter(|c| !c.is_ascii()).count();
    letters >= 4 && letters > cjk * 2
}

/// A credit, author or copyright line (C3): never part of the title, and a company
/// is never the publisher of a school's report.
fn credit(c: &str) -> bool {
    const STARTS: [&str; 10] = [
        "编制单位",
        "编制",
        "主编",
        "编写",
        "出品",
        "制作",
        "项目负责人",
        "版权",
        "联系",
        "地址",
    ];
    const HAS: [&str; 6] = ["有限公司", "公司", "咨询", "Copyright", "©", "版权所有"];
    STARTS.iter().any(|s| c.starts_with(s))
        || HAS.iter().any(|h| c.contains(h))
        || (c.chars().count() <= 30
            && (c.ends_with("编") || c.ends_with("编制") || c.ends_with("编印")))
}

/// A school named on a line of its own under the title (B1): the report's publisher.
/// An education bureau there is not the entity: the region in the title is.
fn publisher_name(c: &str) -> Option<String> {
    const ENDS: [&str; 6] = ["学校", "学院", "中心", "中专", "职中", "大学"];
    let c = c
        .trim_start_matches("编制单位:")
        .trim_end_matches("编制")
        .trim_end_matches('编');
    (ENDS.iter().any(|e| c.ends_with(e)) && c.chars().count() <= 30).then(|| c.to_string())
}

/// An education authority's name: it issues a report, it is not its title.
fn authority(c: &str) -> bool {
    [
        "教育局",
        "教育厅",
        "教育委员会",
        "教委",
        "人民政府",
        "教育和体育局",
        "办公厅",
    ]
    .iter()
    .any(|w| c.ends_with(w))
}

/// A line that starts a title: it names a school, a region's education or a report.
fn title_words(c: &str) -> bool {
    ["职业", "报告", "学院", "学校", "职教", "中专", "教育"]
        .iter()
        .any(|w| c.contains(w))
}

/// Lines that end the cover: a table, the contents, the preface, the first part.
fn ends_cover(b: &Block, c: &str) -> bool {
    b.kind == BlockKind::Row
        || toc_heading(&b.text)
        || c.contains("公开形式")
        || c.contains("http")
        || c == "前言"
        || part_heading(&b.text, false).is_some()
}

/// The span of bytes `start..end` of a block's text, where the text is the source's.
pub fn sub_span(b: &Block, start: usize, end: usize) -> Span {
    let (start, end) = (b.written_offset(start), b.written_offset(end));
    if b.written.as_ref().unwrap_or(&b.text).len() == b.span.len() {
        Span::new(b.span.start + start, b.span.start + end)
    } else {
        b.span
    }
}

/// A title at the front of a long line (G12: "…质量年度报告(2019) 根据教育部…"): up to
/// "报告" and the year bracket after it. The byte length of the prefix in `text`.
fn title_prefix(text: &str) -> Option<usize> {
    let chars = year::folded(text);
    let k = chars
        .windows(2)
        .position(|w| w[0].1 == '报' && w[1].1 == '告')?;
    if k > 60 {
        return None;
    }
    let mut last = k + 1;
    if chars.get(last + 1).is_some_and(|(_, c)| *c == '(')
        && let Some(close) = chars[last + 1..]
            .iter()
            .take(12)
            .position(|(_, c)| *c == ')')
    {
        last += 1 + close;
    }
    let i = chars[last].0;
    Some(i + text[i..].chars().next().map_or(1, char::len_utf8))
}

/// Reads the cover from the first blocks.
pub fn read(blocks: &[Block]) -> Cover {
    let (lines, mut cover) = title_lines(blocks);
    let title: String = lines.iter().map(|(_, l)| l.as_str()).collect();
    if !title.contains("报告") {
        return Cover {
            year: None,
            year_line: None,
            ..cover
        };
    }
    let (first, last) = (lines.first().map(|l| l.0), lines.last().map(|l| l.0));
    let span = Span::new(
        first.map_or(0, |b| b.span.start),
        last.map_or(0, |b| b.span.end),
    );
    let title = strip_file_suffix(&title);
    // The year inside the title wins over a year line under it.
    if let Some(found) = lines
        .iter()
        .find_map(|(b, _)| year::mark(&b.text).map(|m| (m, sub_span(b, m.start, m.end))))
    {
        cover.year = Some(found);
    } else if let Some((_, s)) = cover.year
        && s.start >= span.end
        && let Some(y) = &cover.year_line
    {
        cover.title = Some((
            format!("{title}{}", bracketed(y)),
            Span::new(span.start, s.end),
        ));
        return cover;
    }
    cover.title = Some((title, span));
    cover
}

/// The cover's title lines (whitespace dropped), with the year line and the
/// publisher line found on the way.
fn title_lines(blocks: &[Block]) -> (Vec<(&Block, String)>, Cover) {
    let mut cover = Cover::default();
    let mut lines: Vec<(&Block, String)> = Vec::new();
    let mut complete = false;
    // A file name as the page title ("2024…报告.pdf", A5) stands in for the title
    // only when the cover itself has none.
    let mut file_title: Option<(&Block, String)> = None;
    for b in blocks.iter().take(COVER_LINES) {
        let c = compact(&b.text);
        let dated = year::date_line(&b.text).is_some();
        if ends_cover(b, &c) || (dated && !lines.is_empty()) {
            break;
        }
        if chrome(&c) || english(&b.text) || dated {
            continue;
        }
        if lines.is_empty() && c.contains("报告") && strip_file_suffix(&c) != c {
            file_title.get_or_insert((b, own(&b.text)));
            continue;
        }
        if credit(&c) {
            complete |= !lines.is_empty();
            continue;
        }
        if let Some(m) = year::only_mark(&b.text) {
            if cover.year.is_none() {
                cover.year = Some((m, sub_span(b, m.start, m.end)));
                cover.year_line = Some(own(&b.text));
            }
            complete |= !lines.is_empty();
            continue;
        }
        if complete || lines.iter().any(|(_, l)| l.contains("报告")) {
            // After the title: a publisher line, or the end of the cover.
            match publisher_name(&c) {
                Some(name) if cover.publisher.is_none() => cover.publisher = Some((name, b.span)),
                _ => break,
            }
            continue;
        }
        if c.chars().count() > MAX_LINE {
            // G12: the body on the title's line.
            if let Some(n) = title_prefix(&b.text).filter(|_| lines.is_empty()) {
                lines.push((b, own(&b.text[..n])));
                complete = true;
                continue;
            }
            break;
        }
        if lines.is_empty() && !title_words(&c) {
            continue;
        }
        let this = own(&b.text);
        // A cover that names the school, then repeats it in the title (C5), or
        // starts with the bureau that issues the report ("梧岭市教育局").
        let before: String = lines.iter().map(|(_, l)| compact(l)).collect();
        if !before.is_empty() && (compact(&this).starts_with(&before) || authority(&before)) {
            lines.clear();
        }
        lines.push((b, this));
    }
    if lines.is_empty() {
        lines.extend(file_title);
    }
    (lines, cover)
}

/// A line as it joins the title: without its whitespace.
fn own(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The year line as it joins the title: in brackets, as the title would write it.
fn bracketed(y: &str) -> String {
    if y.starts_with('(') || y.starts_with('（') {
        y.to_string()
    } else {
        format!("({y})")
    }
}

/// "…质量年度报告.pdf" → "…质量年度报告" (A5: a file name as the page title).
fn strip_file_suffix(t: &str) -> String {
    for ext in [".pdf", ".PDF", ".docx", ".doc", ".txt"] {
        if let Some(s) = t.strip_suffix(ext) {
            return s.to_string();
        }
    }
    t.to_string()
}
