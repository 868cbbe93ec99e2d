//! Word (.docx) reports read directly: `word/document.xml` for paragraphs and
//! tables, `word/styles.xml` for heading levels, `word/numbering.xml` for the
//! automatic numbers Word shows but does not store in the text ("1.1 学校概况").
//!
//! The report becomes a plain text (one paragraph per line, table cells separated by
//! tabs) that diagnostics show, and every block remembers where it is in Word
//! ("第 57 段", "第 3 个表格第 5 行") so a user can find it there.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::Node;

use super::document::{Block, BlockKind, Cell, Document};
use crate::base::source::Span;
use crate::finding::Finding;

use super::docx_numbering::{Numbering, attr, child, is};

pub use super::docx_limits::DocxError;
use super::docx_limits::{bound, inflate_error, xml_error, zip_error};
use crate::base::limits::MAX_ROW_CELLS;

/// The text diagnostics show, and the blocks with their Word places.
pub struct DocxText {
    pub text: String,
    pub document: Document,
    /// What the file itself says about its text (unaccepted tracked changes).
    pub findings: Vec<Finding>,
}

/// Reads a .docx from its bytes. `max_xml` bounds the decompressed size of each part
/// (a zip bomb is an error, not an out-of-memory).
pub fn read(bytes: &[u8], max_xml: u64) -> Result<DocxText, DocxError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(DocxError::new(
            "这是旧版 Word（.doc）文件，只是扩展名写成了 .docx；请在 Word 或 WPS 中另存为 .docx",
        ));
    }
    // The zip library's reason ("Could not find EOCD") tells a user nothing more.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        DocxError::new(
            "这不是有效的 .docx 文件（无法作为 zip 打开，可能不完整或已损坏）；如是旧版 .doc，请在 Word 中另存为 .docx",
        )
    })?;
    let document = part(&mut zip, "word/document.xml", max_xml)?
        .ok_or_else(|| DocxError::new("这个 .docx 文件里没有正文（缺少 word/document.xml）"))?;
    let (document, cut) = bound(document, "word/document.xml")?;
    let styles = part(&mut zip, "word/styles.xml", max_xml)?.unwrap_or_default();
    let numbering = part(&mut zip, "word/numbering.xml", max_xml)?.unwrap_or_default();
    let rels = part(&mut zip, "word/_rels/document.xml.rels", max_xml)?.unwrap_or_default();
    let mut styles = Styles::parse(&styles);
    styles.links = links(&rels);
    let mut numbers = Numbering::parse(&numbering);
    let xml =
        super::docx_limits::parse_xml(&document).map_err(|e| xml_error("word/document.xml", &e))?;
    let body = xml
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| DocxError::new("word/document.xml 中没有正文（缺少 w:body）"))?;
    let mut out = Writer::default();
    walk(body, &styles, &mut numbers, &mut out);
    let mut findings = limit_findings(cut, out.cells_cut, out.text.len());
    if let Some(span) = out.first_change {
        findings.push(
            Finding::of(
                &super::codes::TRACKED_CHANGES,
                format!(
                    "文件中有 {} 处未接受或拒绝的修订；按接受全部修订后的文字读取（插入的读入，删除的不读）",
                    out.changes
                ),
            )
            .at(span)
            .with_help("在 Word 的“审阅”中接受或拒绝全部修订后再保存，确保送审的是定稿"),
        );
    }
    Ok(DocxText {
        text: out.text,
        document: Document { blocks: out.blocks },
        findings,
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
        Err(e) => return Err(zip_error(name, &e)),
    };
    let mut s = String::new();
    let read = file
        .take(max + 1)
        .read_to_string(&mut s)
        .map_err(|e| inflate_error(name, &e))?;
    if read as u64 > max {
        return Err(DocxError {
            code: &super::codes::DOCX_TOO_LARGE,
            message: format!(
                "{name} 解压后超过 {} MiB 的上限（疑似压缩炸弹），为安全起见不读取这个文件",
                max / (1024 * 1024)
            ),
        });
    }
    Ok(Some(s))
}

/// The findings of a part cut at a limit and of rows whose extra cells were dropped,
/// at the end of the text read.
fn limit_findings(
    cut: Option<super::docx_limits::Cut>,
    cells_cut: bool,
    end: usize,
) -> Vec<Finding> {
    let at = Span::new(end, end);
    let mut out = Vec::new();
    if let Some(c) = cut {
        out.push(
            Finding::of(c.code, c.message).at(at).with_help(
                "正式报告远不到这个数量；请检查文件是否由程序生成或混入了大量空段落、空行",
            ),
        );
    }
    if cells_cut {
        out.push(
            Finding::of(
                &super::codes::CELLS,
                format!("有的表格行超过 {MAX_ROW_CELLS} 个单元格，多余的单元格未读取"),
            )
            .at(at)
            .with_help("请检查这个表格是否由程序生成或列数有误"),
        );
    }
    out
}

/// Heading levels and numbering by style id.
#[derive(Default)]
struct Styles {
    level: HashMap<String, u8>,
    numbering: HashMap<String, (String, usize)>,
    /// Hyperlink targets by relationship id: a link's address is often only there
    /// ("网址：学校官网" linked to the page), not in the text.
    links: HashMap<String, String>,
}

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The web addresses of `word/_rels/document.xml.rels`, by relationship id.
fn links(xml: &str) -> HashMap<String, String> {
    let Ok(doc) = super::docx_limits::parse_xml(xml) else {
        return HashMap::new();
    };
    doc.root_element()
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() == "Relationship")
        .filter_map(|n| {
            let target = n.attribute("Target")?;
            let id = n.attribute("Id")?;
            (target.starts_with("http://") || target.starts_with("https://"))
                .then(|| (id.to_string(), target.to_string()))
        })
        .collect()
}

impl Styles {
    fn parse(xml: &str) -> Styles {
        let mut s = Styles::default();
        let Ok(doc) = super::docx_limits::parse_xml(xml) else {
            return s;
        };
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
            if let Some(num) = ppr.and_then(|p| num_pr(&p)).flatten() {
                s.numbering.insert(id.to_string(), num);
            }
        }
        s
    }
}

/// (numId, ilvl) of a paragraph's or style's `w:numPr`. `Some(None)` is numId 0:
/// "no numbering", which switches off the numbering the paragraph's style has (an
/// unnumbered 前言 in a numbered heading style).
fn num_pr(ppr: &Node<'_, '_>) -> Option<Option<(String, usize)>> {
    let np = child(ppr, "numPr")?;
    let id = child(&np, "numId")
        .and_then(|n| attr(&n, "val"))?
        .to_string();
    let lvl = child(&np, "ilvl")
        .and_then(|n| attr(&n, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id != "0").then_some((id, lvl)))
}

#[derive(Default)]
struct Writer {
    text: String,
    blocks: Vec<Block>,
    paragraphs: usize,
    tables: usize,
    blank: bool,
    /// Tracked changes met, and the first block that has one.
    changes: usize,
    first_change: Option<Span>,
    /// A row had more than `MAX_ROW_CELLS` cells (the rest were not read).
    cells_cut: bool,
    /// The last caption paragraph ("表1 人才培养质量计分卡"), named in the place of the
    /// rows of the table below it.
    caption: Option<String>,
}

impl Writer {
    /// `n` tracked changes in the block just written (or dropped as empty).
    fn changed(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        self.changes += n;
        if self.first_change.is_none() {
            self.first_change = Some(self.blocks.last().map_or(Span::new(0, 0), |b| b.span));
        }
    }

    fn paragraph(&mut self, text: String, level: Option<u8>) {
        // A bullet typed by hand ("- ", "• ") is not part of the text.
        let mut t = super::document::strip_bullet(text.trim()).trim();
        // A row typed with tabs keeps its leading tabs: they are its empty first cells.
        let lead = text.trim_start_matches(|c: char| c.is_whitespace() && c != '\t');
        if t.contains('\t') && lead.starts_with('\t') {
            t = lead.trim_end();
        }
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
        if level.is_some() {
            self.caption = None;
        } else if super::outline::caption(t, "表").is_some()
            || super::table_captions::data_table_caption(t).is_some()
        {
            self.caption = Some(t.chars().take(30).collect());
        }
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
            written: None,
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
            place: Some(match &self.caption {
                Some(c) => format!("第 {table} 个表格（“{c}”）第 {row} 行"),
                None => format!("第 {table} 个表格第 {row} 行"),
            }),
            written: None,
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
            let (text, level, changes) = paragraph(&n, styles, numbers);
            out.paragraph(text, level);
            out.changed(changes);
        } else if is(&n, "tbl") {
            out.tables += 1;
            let table = out.tables;
            for (r, tr) in n.children().filter(|c| is(c, "tr")).enumerate() {
                let mut changes = 0;
                let cells: Vec<String> = tr
                    .children()
                    .filter(|c| is(c, "tc") || is(c, "sdt"))
                    .flat_map(|c| {
                        if is(&c, "sdt") {
                            c.descendants().filter(|d| is(d, "tc")).collect::<Vec<_>>()
                        } else {
                            vec![c]
                        }
                    })
                    .flat_map(|tc| {
                        // A cell merged across columns stands for each of them, so
                        // the columns below it line up (a 数据 cell over the years).
                        let span = child(&tc, "tcPr")
                            .and_then(|p| child(&p, "gridSpan"))
                            .and_then(|g| attr(&g, "val"))
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, 64);
                        let mut v = vec![cell_text(&tc, &styles.links, &mut changes)];
                        v.resize(span, String::new());
                        v
                    })
                    .take(MAX_ROW_CELLS + 1)
                    .collect();
                let mut cells = cells;
                if cells.len() > MAX_ROW_CELLS {
                    cells.truncate(MAX_ROW_CELLS);
                    out.cells_cut = true;
                }
                out.row(cells, table, r + 1);
                out.changed(changes);
            }
            out.caption = None;
        } else if is(&n, "sdt") {
            if let Some(content) = child(&n, "sdtContent") {
                walk(content, styles, numbers, out);
            }
        } else if n.is_element() && !is(&n, "sectPr") {
            walk(n, styles, numbers, out);
        }
    }
}

/// A paragraph's text (with Word's automatic number in front), heading level and
/// number of tracked changes.
fn paragraph(
    p: &Node<'_, '_>,
    styles: &Styles,
    numbers: &mut Numbering,
) -> (String, Option<u8>, usize) {
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
    let num = match ppr.and_then(|pp| num_pr(&pp)) {
        Some(own) => own,
        None => style.and_then(|s| styles.numbering.get(s).cloned()),
    };
    let mut text = String::new();
    if let Some((id, lvl)) = num
        && let Some(label) = numbers.next(&id, lvl)
    {
        text.push_str(&label);
        text.push(' ');
    }
    let changes = runs(p, &styles.links, &mut text);
    (text, level, changes)
}

/// The text of a paragraph's runs as it reads with every tracked change accepted:
/// inserted text (`w:ins`, `w:moveTo`) is read, deleted text (`w:del`, `w:moveFrom`,
/// `w:delText`) is not. Returns how many tracked changes it met.
fn runs(node: &Node<'_, '_>, links: &HashMap<String, String>, text: &mut String) -> usize {
    let mut changes = 0;
    for d in node.children() {
        if is(&d, "hyperlink") {
            let start = text.len();
            changes += runs(&d, links, text);
            // The address after the link's words, unless the words are the address.
            if let Some(url) = d.attribute((REL, "id")).and_then(|id| links.get(id))
                && !text[start..].contains(url.trim_end_matches('/'))
            {
                text.push('（');
                text.push_str(url);
                text.push('）');
            }
            continue;
        }
        if is(&d, "t") {
            text.push_str(d.text().unwrap_or_default());
        } else if is(&d, "tab") && d.parent().is_some_and(|p| is(&p, "r")) {
            text.push('\t');
        } else if (is(&d, "br") || is(&d, "cr")) && d.parent().is_some_and(|p| is(&p, "r")) {
            text.push(' ');
        } else if is(&d, "del") || is(&d, "moveFrom") {
            changes += 1;
        } else if d.is_element() && !is(&d, "delText") {
            changes += usize::from(is(&d, "ins") || is(&d, "moveTo"));
            changes += runs(&d, links, text);
        }
    }
    changes
}

fn cell_text(tc: &Node<'_, '_>, links: &HashMap<String, String>, changes: &mut usize) -> String {
    let mut parts = Vec::new();
    for p in tc.descendants().filter(|d| is(d, "p")) {
        let mut t = String::new();
        *changes += runs(&p, links, &mut t);
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
    use crate::import::docx_numbering::W;

    fn body(xml: &str) -> Vec<Block> {
        let doc = format!(r#"<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>"#);
        let doc = roxmltree::Document::parse(&doc).unwrap();
        let body = doc.root_element().first_element_child().unwrap();
        let mut out = Writer::default();
        walk(
            body,
            &Styles::default(),
            &mut Numbering::default(),
            &mut out,
        );
        out.blocks
    }

    #[test]
    fn a_leading_tab_keeps_its_empty_cell() {
        let blocks = body(
            "<w:p><w:r><w:tab/><w:t>其中：升学人数</w:t><w:tab/><w:t>人</w:t><w:tab/><w:t>30</w:t></w:r></w:p>\
             <w:p><w:r><w:tab/><w:t>缩进的正文</w:t></w:r></w:p>",
        );
        let cells: Vec<&str> = blocks[0].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, ["", "其中：升学人数", "人", "30"]);
        // A paragraph indented with a tab is still text, not a row.
        assert_eq!(blocks[1].kind, BlockKind::Text);
        assert_eq!(blocks[1].text, "缩进的正文");
    }

    #[test]
    fn not_a_zip_is_a_clear_error() {
        let e = read(b"plain text", 1 << 20).err().unwrap();
        assert!(e.message.contains("zip"), "{}", e.message);
    }
}
