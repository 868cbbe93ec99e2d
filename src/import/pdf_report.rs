//! A PDF report read into the same `Document` of lines, headings and table rows
//! that text and Word reports give, so that everything after it (tables by their
//! rows, facts, rules, locations) works unchanged. The text the diagnostics show is
//! the text laid out from the PDF's pages (`dabiao import report.pdf -o report.txt`
//! writes it); each block knows its page and, in a table, its row.

use crate::finding::Finding;

use super::codes;
use super::document::{Block, BlockKind, Document};
use super::outline::caption;
use super::pdf::{self, Limits, Page, PdfError};
use super::pdf_layout::{self, Laid};
use super::table_captions::data_table_caption;

/// A page with fewer characters than this and an image on it is a scanned page.
const SCANNED_PAGE_CHARS: usize = 10;

/// The text diagnostics show, and the blocks with their places in the PDF.
pub struct PdfText {
    pub text: String,
    pub document: Document,
    /// What the file itself says about its text (pages that are only images).
    pub findings: Vec<Finding>,
}

/// Reads a PDF report from its bytes; a file with no text to read is a finding
/// that says what to provide instead.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<PdfText, Box<Finding>> {
    let pages = pdf::pages(bytes, limits).map_err(|e| Box::new(unreadable(e)))?;
    let scanned: Vec<u32> = pages
        .iter()
        .filter(|p| p.images > 0 && chars(p) < SCANNED_PAGE_CHARS)
        .map(|p| p.number)
        .collect();
    let total: usize = pages.iter().map(chars).sum();
    if total < SCANNED_PAGE_CHARS * pages.len().max(1) && !scanned.is_empty() {
        return Err(Box::new(
            Finding::of(
                &codes::PDF_SCANNED,
                "扫描件，没有文字层，无法读取其中的文字".to_string(),
            )
            .with_help("请提供 Word 原稿或可复制文字的 PDF"),
        ));
    }
    if total == 0 {
        return Err(Box::new(
            Finding::of(&codes::PDF, "这个 PDF 中没有文字".to_string())
                .with_help("请提供 Word 原稿或可复制文字的 PDF"),
        ));
    }
    let laid = pdf_layout::lay_out(&pages);
    let mut document = Document::from_plain_text(&laid.text);
    mark(&mut document.blocks, &laid);
    let mut findings = Vec::new();
    if !scanned.is_empty() {
        findings.push(
            Finding::of(
                &codes::PDF_SCANNED_PAGES,
                format!(
                    "第 {} 页是扫描图片，其中的文字没有读取",
                    page_list(&scanned)
                ),
            )
            .with_help("这些页面上的内容（例如数据表）请用 Word 原稿或可复制文字的 PDF 提供"),
        );
    }
    Ok(PdfText {
        text: laid.text,
        document,
        findings,
    })
}

fn chars(p: &Page) -> usize {
    p.runs
        .iter()
        .map(|r| r.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

fn unreadable(e: PdfError) -> Finding {
    let help = "请提供 Word 原稿（.docx），或用 PDF 阅读器另存一份可复制文字的 PDF";
    match e {
        PdfError::Encrypted => Finding::of(
            &codes::PDF_ENCRYPTED,
            "这个 PDF 已加密，需要密码才能打开".to_string(),
        )
        .with_help("请提供 Word 原稿或未加密的 PDF"),
        PdfError::NotPdf => Finding::of(
            &codes::PDF,
            "这不是有效的 PDF 文件（文件头不是 %PDF）".to_string(),
        )
        .with_help(help),
        PdfError::Damaged(why) => {
            Finding::of(&codes::PDF, format!("PDF 文件已损坏，无法读取：{why}")).with_help(help)
        }
        PdfError::TooLarge(why) => {
            Finding::of(&codes::PDF, format!("PDF 文件超出读取限制：{why}")).with_help(help)
        }
    }
}

/// "3", "3、5", "3–5、9".
fn page_list(pages: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}–{}", pages[i], pages[j])
        } else {
            pages[i].to_string()
        });
        i = j + 1;
    }
    parts.join("、")
}

/// Gives each block its page ("第 12 页", and in a table "第 12 页，表3 第 7 行")
/// and makes the lines set in larger type headings.
fn mark(blocks: &mut [Block], laid: &Laid) {
    let mut table: Option<String> = None;
    let mut row = 0;
    for b in blocks.iter_mut() {
        let page = laid.page_at(b.span.start).unwrap_or(1);
        if b.kind == BlockKind::Row {
            row += 1;
            b.place = Some(match &table {
                Some(t) => format!("第 {page} 页，{t} 第 {row} 行"),
                None => format!("第 {page} 页，表格第 {row} 行"),
            });
            continue;
        }
        if caption(&b.text, "表").is_some() || data_table_caption(&b.text).is_some() {
            table = Some(short_caption(&b.text));
        } else if row > 0 {
            table = None;
        }
        row = 0;
        b.place = Some(format!("第 {page} 页"));
        if let Some((_, level)) = laid.headings.iter().find(|(at, _)| *at == b.span.start) {
            b.kind = BlockKind::Heading(*level);
        }
    }
}

/// "表1 人才培养质量计分卡" → "表1"; a caption without a number stays whole.
fn short_caption(text: &str) -> String {
    let t = text.trim();
    let head = t.split_whitespace().next().unwrap_or(t);
    if head.chars().any(|c| c.is_ascii_digit()) && head.chars().count() <= 8 {
        head.to_string()
    } else {
        format!("“{}”", t.chars().take(20).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lists() {
        assert_eq!(page_list(&[3]), "3");
        assert_eq!(page_list(&[3, 4, 5, 9]), "3–5、9");
        assert_eq!(page_list(&[1, 3]), "1、3");
    }

    #[test]
    fn blocks_get_pages_rows_and_headings() {
        let laid = Laid {
            text: "一、基本情况\n表1 人才培养质量计分卡\n序号\t指标\n1\t毕业生人数\n说明：略\n"
                .into(),
            pages: vec![(0, 4), (10, 5)],
            headings: vec![(0, 1)],
        };
        let mut doc = Document::from_plain_text(&laid.text);
        mark(&mut doc.blocks, &laid);
        let places: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| b.place.as_deref().unwrap())
            .collect();
        assert_eq!(
            places,
            [
                "第 4 页",
                "第 5 页",
                "第 5 页，表1 第 1 行",
                "第 5 页，表1 第 2 行",
                "第 5 页"
            ]
        );
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
    }

    #[test]
    fn unreadable_files_say_what_to_provide() {
        let f = unreadable(PdfError::Encrypted);
        assert_eq!(f.code, codes::PDF_ENCRYPTED.id);
        let f = *read(b"not a pdf", &Limits::default()).err().unwrap();
        assert!(f.code.starts_with("dabiao::import::pdf"));
    }
}
