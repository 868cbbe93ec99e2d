//! Word (.docx) reports read directly: `word/document.xml` for paragraphs and
//! tables, `word/styles.xml` for heading levels, `word/numbering.xml` for the
//! automatic numbers Word shows but does not store in the text ("1.1 学校概况").
//!
//! The report becomes a plain text (one paragraph per line, table cells separated by
//! tabs) that diagnostics show, and every block remembers where it is in Word
//! ("第 57 段", "第 3 个表格第 5 行") so a user can find it there.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document as Xml, Node};

use super::document::{Block, BlockKind, Cell, Document};
use crate::base::source::Span;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Why a .docx could not be read (shown to the user in Chinese).
#[derive(Debug)]
pub struct DocxError(pub String);

/// The text diagnostics show, and the blocks with their Word places.
pub struct DocxText {
    pub text: String,
    pub document: Document,
}

/// Reads a .docx from its bytes. `max_xml` bounds the decompressed size of each part
/// (a zip bomb is an error, not an out-of-memory).
pub fn read(bytes: &[u8], max_xml: u64) -> Result<DocxText, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        DocxError(
            "这不是有效的 .docx 文件（无法作为 zip 打开）；如是旧版 .doc，请在 Word 中另存为 .docx"
                .into(),
        )
    })?;
    let document = part(&mut zip, "word/document.xml", max_xml)?
        .ok_or_else(|| DocxError("这个 .docx 文件里没有正文（缺少 word/document.xml）".into()))?;
    let styles = part(&mut zip, "word/styles.xml", max_xml)?.unwrap_or_default();
    let numbering = part(&mut zip, "word/numbering.xml", max_xml)?.unwrap_or_default();
    let styles = Styles::parse(&styles);
    let mut numbers = Numbering::parse(&numbering);
    let xml = Xml::parse(&document)
        .map_err(|e| DocxError(format!("word/document.xml 不是有效的 XML：{e}")))?;
    let body = xml
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| DocxError("word/document.xml 中没有 w:body".into()))?;
    let mut out = Writer::default();
    walk(body, &styles, &mut numbers, &mut out);
    Ok(DocxText {
        text: out.text,
        document: Document { blocks: out.blocks },
    })
}

fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    max: u64,
) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError(format!("无法读取 {name}：{e}"))),
    };
    let mut s = String::new();
    let read = file
        .take(max + 1)
        .read_to_string(&mut s)
        .map_err(|e| DocxError(format!("无法解压 {name}：{e}")))?;
    if read as u64 > max {
        return Err(DocxError(format!(
            "{name} 解压后超过 {} MiB 的上限",
            max / (1024 * 1024)
        )));
    }
    Ok(Some(s))
}

fn is(n: &Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(W)
}

fn attr<'a>(n: &Node<'a, '_>, local: &str) -> Option<&'a str> {
    n.attribute((W, local))
}

fn child<'a, 'i>(n: &Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, local))
}

/// Heading levels and numbering by style id.
#[derive(Default)]
struct Styles {
    level: HashMap<String, u8>,
    numbering: HashMap<String, (String, usize)>,
}

impl Styles {
    fn parse(xml: &str) -> Styles {
        let mut s = Styles::default();
        let Ok(doc) = Xml::parse(xml) else { return s };
        for style in doc.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = attr(&style, "styleId") else {
                continue;
            };
            let name = child(&style, "name")
                .and_then(|n| attr(&n, "val"))
                .unwrap_or_default()
                .to_lowercase();
            let ppr = child(&style, "pPr");
            let outline = ppr
                .and_then(|p| child(&p, "outlineLvl"))
                .and_then(|o| attr(&o, "val"))
                .and_then(|v| v.parse::<u8>().ok())
                .map(|v| v + 1);
            let named = ["heading ", "标题 ", "标题"].iter().find_map(|p| {
                name.strip_prefix(p)
                    .and_then(|n| n.trim().parse::<u8>().ok())
            });
            if let Some(level) = outline.or(named).filter(|l| (1..=9).contains(l)) {
                s.level.insert(id.to_string(), level);
            }
            if let Some(num) = ppr.and_then(|p| num_pr(&p)) {
                s.numbering.insert(id.to_string(), num);
            }
        }
        s
    }
}

/// (numId, ilvl) of a paragraph's or style's `w:numPr`.
fn num_pr(ppr: &Node<'_, '_>) -> Option<(String, usize)> {
    let np = child(ppr, "numPr")?;
    let id = child(&np, "numId")
        .and_then(|n| attr(&n, "val"))?
        .to_string();
    let lvl = child(&np, "ilvl")
        .and_then(|n| attr(&n, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    (id != "0").then_some((id, lvl))
}

#[derive(Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// Word's list numbering: the counters of each list, rendered as Word shows them.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId
    nums: HashMap<String, String>,
    levels: HashMap<String, Vec<Level>>,
    counters: HashMap<String, Vec<u32>>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let Ok(doc) = Xml::parse(xml) else { return n };
        for node in doc.root_element().children() {
            if is(&node, "abstractNum") {
                let Some(id) = attr(&node, "abstractNumId") else {
                    continue;
                };
                let mut levels = vec![
                    Level {
                        format: "decimal".into(),
                        text: String::new(),
                        start: 1
                    };
                    9
                ];
                for lvl in node.children().filter(|c| is(c, "lvl")) {
                    let Some(i) = attr(&lvl, "ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                        continue;
                    };
                    if i >= 9 {
                        continue;
                    }
                    let val = |name| child(&lvl, name).and_then(|c| attr(&c, "val"));
                    levels[i] = Level {
                        format: val("numFmt").unwrap_or("decimal").to_string(),
                        text: val("lvlText").unwrap_or_default().to_string(),
                        start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
                n.levels.insert(id.to_string(), levels);
            } else if is(&node, "num") {
                let (Some(id), Some(abs)) = (
                    attr(&node, "numId"),
                    child(&node, "abstractNumId").and_then(|a| attr(&a, "val")),
                ) else {
                    continue;
                };
                n.nums.insert(id.to_string(), abs.to_string());
            }
        }
        n
    }

    /// Advances list `num_id` at `ilvl` and returns the label Word shows ("2.3.1").
    fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let abs = self.nums.get(num_id)?.clone();
        let levels = self.levels.get(&abs)?.clone();
        let ilvl = ilvl.min(8);
        let counters = self
            .counters
            .entry(abs)
            .or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        counters[ilvl] += 1;
        for deeper in ilvl + 1..9 {
            counters[deeper] = levels[deeper].start.saturating_sub(1);
        }
        let level = &levels[ilvl];
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let mut label = level.text.clone();
        for (k, l) in levels.iter().enumerate().take(ilvl + 1) {
            let value = counters[k].max(l.start);
            let shown = match l.format.as_str() {
                "chineseCounting"
                | "chineseCountingThousand"
                | "ideographTraditional"
                | "japaneseCounting" => chinese(value),
                _ => value.to_string(),
            };
            label = label.replace(&format!("%{}", k + 1), &shown);
        }
        (!label.trim().is_empty()).then_some(label)
    }
}

fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

#[derive(Default)]
struct Writer {
    text: String,
    blocks: Vec<Block>,
    paragraphs: usize,
    tables: usize,
    blank: bool,
}

impl Writer {
    fn paragraph(&mut self, text: String, level: Option<u8>) {
        // A bullet typed by hand ("- ", "• ") is not part of the text.
        let t = super::document::strip_bullet(text.trim()).trim();
        if t.is_empty() {
            self.blank = true;
            return;
        }
        self.paragraphs += 1;
        let start = self.text.len();
        self.text.push_str(t);
        let span = Span::new(start, self.text.len());
        self.text.push('\n');
        // A paragraph with tabs (a TOC line, a table typed with tabs) reads like a row.
        let (kind, cells) = if level.is_none() && t.contains('\t') {
            (BlockKind::Row, split_cells(t, start))
        } else {
            (
                level.map_or(BlockKind::Text, BlockKind::Heading),
                Vec::new(),
            )
        };
        self.blocks.push(Block {
            kind,
            text: t.to_string(),
            span,
            cells,
            blank_before: std::mem::take(&mut self.blank),
            place: Some(format!("第 {} 段", self.paragraphs)),
        });
    }

    fn row(&mut self, cells: Vec<String>, table: usize, row: usize) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        let start = self.text.len();
        let mut out = Vec::new();
        for (k, c) in cells.iter().enumerate() {
            if k > 0 {
                self.text.push('\t');
            }
            let c = c.trim().replace(['\t', '\n'], " ");
            let s = self.text.len();
            self.text.push_str(&c);
            out.push(Cell {
                text: c,
                span: Span::new(s, self.text.len()),
            });
        }
        let span = Span::new(start, self.text.len());
        let text = self.text[start..].to_string();
        self.text.push('\n');
        self.blocks.push(Block {
            kind: BlockKind::Row,
            text,
            span,
            cells: out,
            blank_before: std::mem::take(&mut self.blank),
            place: Some(format!("第 {table} 个表格第 {row} 行")),
        });
    }
}

fn split_cells(t: &str, start: usize) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut offset = start;
    for part in t.split('\t') {
        let lead = part.len() - part.trim_start().len();
        let trimmed = part.trim();
        cells.push(Cell {
            text: trimmed.to_string(),
            span: Span::new(offset + lead, offset + lead + trimmed.len()),
        });
        offset += part.len() + 1;
    }
    cells
}

fn walk(node: Node<'_, '_>, styles: &Styles, numbers: &mut Numbering, out: &mut Writer) {
    for n in node.children() {
        if is(&n, "p") {
            let (text, level) = paragraph(&n, styles, numbers);
            out.paragraph(text, level);
        } else if is(&n, "tbl") {
            out.tables += 1;
            let table = out.tables;
            for (r, tr) in n.children().filter(|c| is(c, "tr")).enumerate() {
                let cells = tr
                    .children()
                    .filter(|c| is(c, "tc") || is(c, "sdt"))
                    .flat_map(|c| {
                        if is(&c, "sdt") {
                            c.descendants().filter(|d| is(d, "tc")).collect::<Vec<_>>()
                        } else {
                            vec![c]
                        }
                    })
                    .map(|tc| cell_text(&tc))
                    .collect();
                out.row(cells, table, r + 1);
            }
        } else if is(&n, "sdt") {
            if let Some(content) = child(&n, "sdtContent") {
                walk(content, styles, numbers, out);
            }
        } else if n.is_element() && !is(&n, "sectPr") {
            walk(n, styles, numbers, out);
        }
    }
}

/// A paragraph's text (with Word's automatic number in front) and heading level.
fn paragraph(p: &Node<'_, '_>, styles: &Styles, numbers: &mut Numbering) -> (String, Option<u8>) {
    let ppr = child(p, "pPr");
    let style = ppr
        .and_then(|pp| child(&pp, "pStyle"))
        .and_then(|s| attr(&s, "val"));
    let own_outline = ppr
        .and_then(|pp| child(&pp, "outlineLvl"))
        .and_then(|o| attr(&o, "val"))
        .and_then(|v| v.parse::<u8>().ok())
        .map(|v| v + 1)
        .filter(|l| (1..=9).contains(l));
    let level = own_outline.or_else(|| style.and_then(|s| styles.level.get(s).copied()));
    let num = ppr
        .and_then(|pp| num_pr(&pp))
        .or_else(|| style.and_then(|s| styles.numbering.get(s).cloned()));
    let mut text = String::new();
    if let Some((id, lvl)) = num
        && let Some(label) = numbers.next(&id, lvl)
    {
        text.push_str(&label);
        text.push(' ');
    }
    runs(p, &mut text);
    (text, level)
}

fn runs(node: &Node<'_, '_>, text: &mut String) {
    for d in node.descendants() {
        if is(&d, "t") {
            text.push_str(d.text().unwrap_or_default());
        } else if is(&d, "tab") && d.parent().is_some_and(|p| is(&p, "r")) {
            text.push('\t');
        } else if (is(&d, "br") || is(&d, "cr")) && d.parent().is_some_and(|p| is(&p, "r")) {
            text.push(' ');
        }
    }
}

fn cell_text(tc: &Node<'_, '_>) -> String {
    let mut parts = Vec::new();
    for p in tc.descendants().filter(|d| is(d, "p")) {
        let mut t = String::new();
        runs(&p, &mut t);
        let t = t.trim().to_string();
        if !t.is_empty() {
            parts.push(t);
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_counts_like_word() {
        let xml = format!(
            r#"<w:numbering xmlns:w="{W}">
              <w:abstractNum w:abstractNumId="0">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
              </w:abstractNum>
              <w:abstractNum w:abstractNumId="1">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
              <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            </w:numbering>"#
        );
        let mut n = Numbering::parse(&xml);
        assert_eq!(n.next("1", 0).as_deref(), Some("1"));
        assert_eq!(n.next("1", 1).as_deref(), Some("1.1"));
        assert_eq!(n.next("1", 1).as_deref(), Some("1.2"));
        assert_eq!(n.next("1", 0).as_deref(), Some("2"));
        assert_eq!(n.next("1", 1).as_deref(), Some("2.1"));
        assert_eq!(n.next("2", 0).as_deref(), Some("一、"));
        assert_eq!(n.next("2", 0).as_deref(), Some("二、"));
        assert_eq!(chinese(23), "二十三");
    }

    #[test]
    fn not_a_zip_is_a_clear_error() {
        let e = read(b"plain text", 1 << 20).err().unwrap();
        assert!(e.0.contains("zip"), "{}", e.0);
    }
}
