//! A report as a sequence of blocks (paragraphs, headings, table rows) with their
//! spans in the text the user sees. Plain text, Markdown and .docx all become one of
//! these, so that everything after reading is the same for the three formats.

use crate::base::source::Span;

mod mend;
mod reading;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (or one line of a plain-text file).
    Text,
    /// A paragraph the author marked as a heading (Markdown `#`, a Word heading
    /// style), with its level.
    Heading(u8),
    /// One row of a table: tab-separated in text, `| … |` in Markdown, `<w:tr>` in Word.
    Row,
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// Trimmed.
    pub text: String,
    /// The trimmed text's span; empty cells get an empty span where they are.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Trimmed text (for rows: the cells joined by tabs).
    pub text: String,
    pub span: Span,
    /// Only for rows.
    pub cells: Vec<Cell>,
    /// A blank line (or an empty paragraph) came before this block.
    pub blank_before: bool,
    /// Where a Word user finds this block ("第 57 段", "第 3 个表格第 5 行").
    pub place: Option<String>,
    /// The text as written, when reading changed its length (joined spaced-out
    /// characters, dropped glosses): offsets into `text` map back through it.
    pub written: Option<String>,
}

impl Block {
    /// A paragraph or heading.
    pub(crate) fn line(kind: BlockKind, text: String, span: Span, blank_before: bool) -> Block {
        Block {
            kind,
            text,
            span,
            cells: Vec::new(),
            blank_before,
            place: None,
            written: None,
        }
    }

    /// A table row.
    pub(crate) fn row(cells: Vec<Cell>, span: Span, blank_before: bool) -> Block {
        Block {
            kind: BlockKind::Row,
            text: joined(&cells),
            span,
            cells,
            blank_before,
            place: None,
            written: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// Splits `text` into lines with their byte offsets (no line terminator).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        (start, raw.trim_end_matches(['\n', '\r']))
    })
}

/// The span of `part` (a sub-slice of `line`, which starts at `base`) after trimming.
fn trimmed(base: usize, line: &str, part: &str) -> (String, Span) {
    let t = part.trim_matches(|c: char| c.is_whitespace());
    let rel = part.as_ptr() as usize - line.as_ptr() as usize;
    let lead = part.len() - part.trim_start_matches(|c: char| c.is_whitespace()).len();
    let start = base + rel + lead;
    (t.to_string(), Span::new(start, start + t.len()))
}

fn cells(base: usize, line: &str, parts: Vec<&str>) -> Vec<Cell> {
    parts
        .into_iter()
        .map(|p| {
            let (text, span) = trimmed(base, line, p);
            Cell { text, span }
        })
        .collect()
}

fn joined(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\t")
}

impl Document {
    /// One block per non-empty line; lines with a tab are table rows.
    pub fn from_plain_text(text: &str) -> Document {
        let mut blocks = Vec::new();
        let mut blank = false;
        for (base, line) in lines(text) {
            if line.trim().is_empty() {
                blank = true;
                continue;
            }
            let block = if line.contains('\t') {
                let cells = cells(base, line, line.split('\t').collect());
                let (_, span) = trimmed(base, line, line);
                Block::row(cells, span, blank)
            } else {
                let (text, span) = trimmed(base, line, strip_bullet(line));
                Block::line(BlockKind::Text, text, span, blank)
            };
            blocks.push(block);
            blank = false;
        }
        Document {
            blocks: mend::mend(text, blocks),
        }
    }

    /// Markdown: `#` headings, pipe tables, bullets and emphasis markers stripped.
    pub fn from_markdown(text: &str) -> Document {
        let mut blocks = Vec::new();
        let mut blank = false;
        let mut fenced = false;
        for (base, line) in lines(text) {
            let t = line.trim();
            if t.starts_with("```") {
                fenced = !fenced;
                blank = true;
                continue;
            }
            if t.is_empty() || fenced || is_rule_line(t) {
                blank = true;
                continue;
            }
            let block = if t.starts_with('|') {
                if is_separator_row(t) {
                    continue;
                }
                let inner = t.trim_start_matches('|');
                let inner = inner.strip_suffix('|').unwrap_or(inner);
                let mut cells = cells(base, line, inner.split('|').collect());
                for c in &mut cells {
                    c.text = strip_emphasis(&c.text);
                }
                let (_, span) = trimmed(base, line, line);
                Block::row(cells, span, blank)
            } else if let Some((level, rest)) = heading(line) {
                let (text, span) = trimmed(base, line, rest);
                Block::line(
                    BlockKind::Heading(level),
                    strip_emphasis(&text),
                    span,
                    blank,
                )
            } else {
                let body = strip_bullet(line.trim_start().trim_start_matches('>'));
                let (text, span) = trimmed(base, line, body);
                Block::line(BlockKind::Text, strip_emphasis(&text), span, blank)
            };
            blocks.push(block);
            blank = false;
        }
        Document { blocks }
    }
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &t[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((
        hashes as u8,
        rest.trim_end_matches(|c: char| c == '#' || c.is_whitespace()),
    ))
}

fn is_separator_row(t: &str) -> bool {
    t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t')) && t.contains('-')
}

fn is_rule_line(t: &str) -> bool {
    t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*'))
}

/// "- 图 5.1 …" and "* …" lose their bullet; "1." stays (it is a heading number).
pub(crate) fn strip_bullet(line: &str) -> &str {
    let t = line.trim_start();
    for b in ["- ", "* ", "+ ", "• ", "· "] {
        if let Some(rest) = t.strip_prefix(b) {
            return rest;
        }
    }
    t
}

/// Emphasis markers become spaces, so that the text keeps its length (offsets into
/// it stay offsets into the file).
fn strip_emphasis(s: &str) -> String {
    s.replace("**", "  ").replace("__", "  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_lines_and_rows_with_spans() {
        let text = "1 基本情况\n\n\t其中：升学人数\t人\t6397\t7017\r\n- 图 5.1 座谈会 53\n";
        let d = Document::from_plain_text(text);
        assert_eq!(d.blocks.len(), 3);
        assert_eq!(d.blocks[0].text, "1 基本情况");
        let row = &d.blocks[1];
        assert_eq!(row.kind, BlockKind::Row);
        assert!(row.blank_before);
        assert_eq!(row.cells.len(), 5);
        assert_eq!(row.cells[0].text, "");
        assert_eq!(
            &text[row.cells[3].span.start..row.cells[3].span.end],
            "6397"
        );
        assert_eq!(
            &text[row.cells[4].span.start..row.cells[4].span.end],
            "7017"
        );
        assert_eq!(d.blocks[2].text, "图 5.1 座谈会 53");
    }

    #[test]
    fn markdown_headings_tables_and_emphasis() {
        let text = "# 1 基本情况\n\n| 序号 | 指标 |\n|---|---|\n| 1 | **毕业生人数** |\n\n> - 案例 2-1 标题\n";
        let d = Document::from_markdown(text);
        assert_eq!(d.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(d.blocks[0].text, "1 基本情况");
        assert_eq!(d.blocks[1].cells[1].text, "指标");
        assert_eq!(d.blocks[2].cells[1].text.trim(), "毕业生人数");
        let s = d.blocks[2].cells[1].span;
        assert_eq!(&text[s.start..s.end], "**毕业生人数**");
        assert_eq!(d.blocks[3].text, "案例 2-1 标题");
    }
}
