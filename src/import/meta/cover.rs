//! The cover: which of the first lines make up the title (variations A, C, G), the
//! year line under it and the publisher line. Each line is classified on its own,
//! so that a title over several paragraphs, an English subtitle, a credit line, a
//! website's breadcrumbs or a page number between them do not run into the title.

use super::series;
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
    /// The region of the authority that issues the report ("河东省梧岭市教育局" →
    /// "河东省梧岭市"), named above or under the title.
    pub issuer: Option<(String, Span)>,
    /// The title is a series line naming no entity of its own (A7).
    pub series: bool,
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

/// The cover's title lines (whitespace dropped), with the year line, the publisher
/// line and the issuer found on the way.
fn title_lines(blocks: &[Block]) -> (Vec<(&Block, String)>, Cover) {
    let mut scan = Scan::default();
    for b in blocks.iter().take(COVER_LINES) {
        if !scan.line(b) {
            break;
        }
    }
    scan.finish()
}

/// A cover line kept with its block.
type Line<'a> = (&'a Block, String);

/// The cover read so far.
#[derive(Default)]
struct Scan<'a> {
    cover: Cover,
    lines: Vec<Line<'a>>,
    /// A year line or a credit came after the title lines: the title is complete.
    complete: bool,
    /// A file name as the page title ("2024…报告.pdf", A5, maybe over several Word
    /// paragraphs) stands in for the title only when the cover itself has none.
    file_title: Vec<Line<'a>>,
    /// A series line (A7) that gave way to the title under it, with the publisher
    /// read until then: both come back if no title follows after all.
    series: Vec<Line<'a>>,
    displaced: Option<(String, Span)>,
    /// The publisher line as a line: after a series line it may start the title.
    publisher_line: Option<Line<'a>>,
}

impl<'a> Scan<'a> {
    /// Reads one block; false at the end of the cover.
    fn line(&mut self, b: &'a Block) -> bool {
        let c = compact(&b.text);
        let dated = year::date_line(&b.text).is_some();
        if ends_cover(b, &c) || (dated && !self.lines.is_empty()) {
            return false;
        }
        if chrome(&c) || english(&b.text) || dated || self.file_name(b, &c) {
            return true;
        }
        if credit(&c) {
            self.complete |= !self.lines.is_empty();
            return true;
        }
        if let Some(m) = year::only_mark(&b.text) {
            if self.cover.year.is_none() {
                self.cover.year = Some((m, sub_span(b, m.start, m.end)));
                self.cover.year_line = Some(own(&b.text));
            }
            self.complete |= !self.lines.is_empty();
            return true;
        }
        if self.complete || titled(&self.lines) {
            return self.after_title(b, &c);
        }
        if c.chars().count() > MAX_LINE {
            // G12: the body on the title's line.
            let n = title_prefix(&b.text).filter(|_| self.lines.is_empty());
            if let Some(n) = n {
                self.lines.push((b, own(&b.text[..n])));
                self.complete = true;
            }
            return n.is_some();
        }
        if self.lines.is_empty() && !title_words(&c) {
            return true;
        }
        self.push(b, &c);
        true
    }

    /// A file name ending the lines read so far ("….pdf"): set aside.
    fn file_name(&mut self, b: &'a Block, c: &str) -> bool {
        let before: String = self.lines.iter().map(|(_, l)| l.as_str()).collect();
        if strip_file_suffix(c) == c
            || titled(&self.lines)
            || !format!("{before}{c}").contains("报告")
        {
            return false;
        }
        if self.file_title.is_empty() {
            self.file_title = std::mem::take(&mut self.lines);
            self.file_title.push((b, own(&b.text)));
        }
        self.lines.clear();
        true
    }

    /// A title line. A cover that names the school, then repeats it in the title
    /// (C5), or starts with the bureau that issues the report ("梧岭市教育局"),
    /// starts the title afresh.
    fn push(&mut self, b: &'a Block, c: &str) {
        let before: String = self.lines.iter().map(|(_, l)| compact(l)).collect();
        if !before.is_empty() && (c.starts_with(&before) || authority(&before)) {
            if let Some(region) = series::authority_region(&before) {
                let span = self.lines[0].0.span;
                self.cover.issuer.get_or_insert((region.to_string(), span));
            }
            self.lines.clear();
        }
        self.lines.push((b, own(&b.text)));
    }

    /// A line after the title: the issuer's or the publisher's line, the title
    /// proper under a series line, or the end of the cover.
    fn after_title(&mut self, b: &'a Block, c: &str) -> bool {
        if let Some(region) = series::authority_region(c) {
            self.cover
                .issuer
                .get_or_insert((region.to_string(), b.span));
            return true;
        }
        if self.cover.publisher.is_none()
            && let Some(name) = publisher_name(c)
        {
            self.cover.publisher = Some((name, b.span));
            self.publisher_line = Some((b, own(&b.text)));
            return true;
        }
        let joined: String = self.lines.iter().map(|(_, l)| l.as_str()).collect();
        let starts_title = title_words(c) || series::region_name(c);
        if !self.series.is_empty() || !series::gives_way(&joined) || !starts_title {
            return false;
        }
        // A7: the series line gives way; a school named under it starts the title.
        self.series = std::mem::take(&mut self.lines);
        self.displaced = self.cover.publisher.take();
        self.lines.extend(self.publisher_line.take());
        self.complete = false;
        self.push(b, c);
        true
    }

    fn finish(mut self) -> (Vec<Line<'a>>, Cover) {
        if !self.series.is_empty() && !titled(&self.lines) {
            self.lines = std::mem::take(&mut self.series);
            self.cover.publisher = self.displaced.take();
        }
        if self.lines.is_empty() {
            self.lines = std::mem::take(&mut self.file_title);
        }
        let joined: String = self.lines.iter().map(|(_, l)| l.as_str()).collect();
        self.cover.series = series::collective(&joined);
        (self.lines, self.cover)
    }
}

/// Lines that make a title: they name a report.
fn titled(lines: &[Line]) -> bool {
    lines.iter().any(|(_, l)| l.contains("报告"))
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
