//! Plain text as PDF extraction leaves it (variations G3, G4): a paragraph broken
//! into lines at the page width, and page numbers between the lines of the body.
//! Lines broken mid-sentence become one block again whose text is the source from
//! the first line's start to the last line's end (the line breaks included), so
//! that offsets into the block's text stay offsets into the file; a page number
//! between two lines of body text goes.

use super::{Block, BlockKind};
use crate::base::normalize::{compact, compact_longer_than};
use crate::base::source::Span;
use crate::import::outline::{caption, case_heading, part_heading, sub_heading, toc_heading};

/// A line this long that does not end a sentence was broken at the page width.
const FULL_LINE: usize = 25;

/// Ends a sentence, a heading or a list item: the line after starts afresh.
fn ends_sentence(c: &str) -> bool {
    c.ends_with([
        '。', '！', '？', '!', '?', '；', ';', ':', '：', '”', '"', '）', ')', '》', '…', '.',
    ])
}

/// A line with a role of its own, never a continuation or continued; judged on the
/// line as the walker will read it ("圖 6.1 …", "案 例 1 …").
fn structural(text: &str) -> bool {
    let read = super::reading::line(text);
    let text = read.as_str();
    let c = compact(text);
    toc_heading(text)
        || part_heading(text, false).is_some()
        || sub_heading(text, None).is_some()
        || case_heading(text).is_some()
        || caption(text, "图").is_some()
        || caption(text, "表").is_some()
        || c.contains("报告")
        || c.starts_with(['(', '（', '【', '[', '第', '-', '•', '·'])
        || c.starts_with(|ch: char| "一二三四五六七八九十".contains(ch))
            && c.chars().nth(1).is_some_and(|ch| "、.．".contains(ch))
        || c.starts_with(|ch: char| ch.is_ascii_digit())
            && c.chars()
                .find(|ch| !ch.is_ascii_digit())
                .is_some_and(|ch| "．、)）".contains(ch))
}

/// A page number on a line of its own: "12", "- 12 -", "第 3 页", "3/45".
fn page_number(text: &str) -> bool {
    // "第123页", "123/456", "- 12 -": short, whatever the dashes.
    if compact_longer_than(text, 16) {
        return false;
    }
    let c = compact(text);
    let core = c.trim_matches(['-', '—', '－']);
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|ch| ch.is_ascii_digit());
    digits(core)
        || c.strip_prefix('第')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(digits)
        || c.split_once('/')
            .is_some_and(|(a, b)| digits(a) && digits(b))
}

fn long_text(b: &Block) -> bool {
    b.kind == BlockKind::Text && compact_longer_than(&b.text, FULL_LINE - 1)
}

/// The running header: a short line naming the report that recurs on every page
/// (three times or more). Its first occurrence is the cover's and stays.
fn running_headers(blocks: &[Block]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Text) {
        if compact_longer_than(&b.text, 40) {
            continue;
        }
        let c = compact(&b.text);
        if c.contains("报告") {
            *seen.entry(c).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n >= 3)
        .map(|(c, _)| c)
        .collect()
}

/// Mends `blocks` read from `text`.
pub fn mend(text: &str, blocks: Vec<Block>) -> Vec<Block> {
    let headers = running_headers(&blocks);
    let mut first_seen: Vec<String> = Vec::new();
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut dropped: Vec<Span> = Vec::new();
    let mut it = blocks.into_iter().peekable();
    while let Some(b) = it.next() {
        if b.kind == BlockKind::Text && !headers.is_empty() {
            let c = compact(&b.text);
            if headers.contains(&c) {
                if first_seen.contains(&c) {
                    dropped.push(b.span);
                    continue;
                }
                first_seen.push(c);
            }
        }
        // A page number between two lines of body text (not a heading's number,
        // whose title follows on a short line).
        if page_number(&b.text)
            && out.last().is_some_and(long_text)
            && it.peek().is_some_and(long_text)
        {
            dropped.push(b.span);
            continue;
        }
        if let Some(prev) = out.last_mut()
            && continues(prev, &b)
        {
            prev.span = Span::new(prev.span.start, b.span.end);
            prev.text = blanked(text, prev.span, &dropped);
            dropped.clear();
            continue;
        }
        dropped.clear();
        out.push(b);
    }
    out
}

/// The source text of `span` with the page numbers in it turned into spaces of the
/// same byte length, so that offsets still hold and the number is not read.
fn blanked(text: &str, span: Span, dropped: &[Span]) -> String {
    let mut s = text[span.start..span.end].to_string();
    for d in dropped
        .iter()
        .filter(|d| span.start <= d.start && d.end <= span.end)
    {
        let (a, b) = (d.start - span.start, d.end - span.start);
        s.replace_range(a..b, &" ".repeat(b - a));
    }
    s
}

/// Whether `next` continues `prev`'s sentence: `prev` is a full line of body text
/// that stops mid-sentence, `next` follows it directly and starts no new item.
fn continues(prev: &Block, next: &Block) -> bool {
    let last_line = prev.text.rsplit('\n').next().unwrap_or(&prev.text);
    prev.kind == BlockKind::Text
        && next.kind == BlockKind::Text
        && !next.blank_before
        && compact_longer_than(last_line, FULL_LINE - 1)
        && !ends_sentence(&compact(last_line))
        && next
            .text
            .starts_with(|c: char| !c.is_ascii() || c.is_ascii_digit())
        && !structural(last_line)
        && !structural(&next.text)
        && !page_number(&next.text)
}

#[cfg(test)]
mod tests {
    use super::super::Document;

    #[test]
    fn broken_lines_join_and_keep_their_spans() {
        let text = "1 基本情况\n学校占地面积 96.5 亩，校舍建筑面积达到了三万二千平方米，建筑面\n积3.2万㎡，在校生 2350 人。\n图 1 校园一角\n";
        let d = Document::from_plain_text(text);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        let joined = &d.blocks[1];
        assert!(joined.text.contains("建筑面\n积3.2万㎡"));
        assert_eq!(&text[joined.span.start..joined.span.end], joined.text);
        assert_eq!(d.blocks[2].text, "图 1 校园一角");
    }

    #[test]
    fn page_numbers_between_body_lines_go() {
        let text = "全市中等职业学校共有在校生两万三千余人，比上年增加一千二百人，增长五个百\n12\n分点，各校围绕本地主导产业调整专业结构，新增智能制造等专业九个，撤并专业三个。\n3\n人才培养\n";
        let d = Document::from_plain_text(text);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(!texts.contains(&"12"), "{texts:?}");
        // The lines around it are one paragraph; the number's bytes are spaces.
        assert!(texts[0].contains("百\n  \n分点"), "{texts:?}");
        let s = d.blocks[0].span;
        assert_eq!(text[s.start..s.end].len(), texts[0].len());
        // A heading's number on its own line stays.
        assert!(texts.contains(&"3"), "{texts:?}");
    }

    #[test]
    fn running_headers_go_after_the_cover() {
        let body = "各校围绕本地主导产业调整专业结构，新增智能制造等专业九个，撤并专业三";
        let text = format!(
            "丰原市中等职业教育质量年度报告\n\n1 基本情况\n{body}\n丰原市中等职业教育质量年度报告\n4\n个，专业布局与产业结构更加匹配，服务地方经济的能力明显增强。\n2 人才培养\n丰原市中等职业教育质量年度报告\n"
        );
        let d = Document::from_plain_text(&text);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert_eq!(texts[0], "丰原市中等职业教育质量年度报告");
        assert!(
            texts[2].starts_with(body) && texts[2].ends_with("增强。"),
            "{texts:?}"
        );
        assert!(!texts[2].contains("报告"), "{texts:?}");
    }

    #[test]
    fn sentences_headings_and_rows_are_not_joined() {
        let text = "学校坚持立德树人根本任务，深化三全育人综合改革，育人成效显著。\n2.1 立德树人\n学校推进课程思政建设，全体专业课教师参与课程思政教学设计和实施\n\n另起一段的文字不会接到上一段后面，因为中间有空行隔开。\n";
        let d = Document::from_plain_text(text);
        assert_eq!(d.blocks.len(), 4);
    }
}
