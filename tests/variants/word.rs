//! The report as Word holds it (built with tests/common/docx.rs), and what Word
//! converters do to it: numbering switched off with numId 0, paragraphs indented
//! with tabs, two-row table headers, covers spread over paragraphs.

use dabiao::base::normalize::compact;

use super::catalog::{T, word};
use super::text::{part_heading, sub_heading};
use crate::common::docx::{Part, para, runs};

pub type Parts = Vec<Part>;

/// A text or Markdown report as Word would hold it (as tests/import.rs builds it).
pub fn as_word(text: &str, markdown: bool) -> Parts {
    crate::common::docx::fixture_parts(text, markdown)
}

fn para_text(p: &Part) -> Option<&str> {
    match p {
        Part::Para { text, .. } => Some(text),
        _ => None,
    }
}

fn raw_para(style: &str, num: &str, text: &str) -> Part {
    Part::Raw(format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{num}</w:pPr>{}</w:p>"#,
        runs(text)
    ))
}

fn numbering_off(parts: Parts) -> Option<Parts> {
    let mut n = 0;
    let out = parts
        .into_iter()
        .map(|p| {
            let Some(t) = para_text(&p) else { return p };
            let style = if part_heading(t).is_some() {
                "1"
            } else if sub_heading(t).is_some() {
                "2"
            } else {
                return p;
            };
            n += 1;
            let off = r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>"#;
            raw_para(style, off, t)
        })
        .collect();
    (n > 0).then_some(out)
}

fn leading_tabs(parts: Parts) -> Option<Parts> {
    Some(
        parts
            .into_iter()
            .map(|p| match p {
                Part::Para {
                    style: "Normal",
                    numbered: None,
                    text,
                } if !text.trim().is_empty() && text.chars().count() > 20 => {
                    raw_para("Normal", "", &format!("\t{text}"))
                }
                p => p,
            })
            .collect(),
    )
}

fn is_year(c: &str) -> bool {
    let c = compact(c);
    c.len() == 7 && c.ends_with('年') && c[..4].chars().all(|d| d.is_ascii_digit())
}

fn cell(text: &str, props: &str) -> String {
    format!(
        r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{}</w:p></w:tc>"#,
        runs(text)
    )
}

/// A data table whose header row is split: "数值" over the year columns, the
/// other header cells merged down over two rows.
fn two_row_header(rows: &[Vec<Option<String>>]) -> Option<String> {
    let head: Vec<String> = rows
        .first()?
        .iter()
        .map(|c| c.clone().unwrap_or_default())
        .collect();
    if compact(head.first()?) != "序号" || !head.iter().any(|c| is_year(c)) {
        return None;
    }
    let years: Vec<&String> = head.iter().filter(|c| is_year(c)).collect();
    let mut top = String::new();
    let mut bottom = String::new();
    let mut spanned = false;
    for c in &head {
        if is_year(c) {
            if !spanned {
                let span = format!(r#"<w:gridSpan w:val="{}"/>"#, years.len());
                top.push_str(&cell("数值", &span));
                spanned = true;
            }
            bottom.push_str(&cell(c, ""));
        } else {
            top.push_str(&cell(c, r#"<w:vMerge w:val="restart"/>"#));
            bottom.push_str(r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#);
        }
    }
    let mut xml = format!("<w:tbl><w:tblPr/><w:tr>{top}</w:tr><w:tr>{bottom}</w:tr>");
    for r in &rows[1..] {
        xml.push_str("<w:tr>");
        for c in r {
            xml.push_str(&format!(
                "<w:tc><w:p>{}</w:p></w:tc>",
                runs(&escape_cell(c))
            ));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    Some(xml)
}

fn escape_cell(c: &Option<String>) -> String {
    c.clone().unwrap_or_default()
}

fn two_row_headers(parts: Parts) -> Option<Parts> {
    let mut n = 0;
    let out = parts
        .into_iter()
        .map(|p| match &p {
            Part::Table(rows) => match two_row_header(rows) {
                Some(xml) => {
                    n += 1;
                    Part::Raw(xml)
                }
                None => p,
            },
            _ => p,
        })
        .collect();
    (n > 0).then_some(out)
}

/// The cover's title lines as separate paragraphs with empty ones between, the
/// one-line title cut before "质量" and before the year.
fn cover_paragraphs(parts: Parts) -> Option<Parts> {
    let first = parts
        .iter()
        .position(|p| para_text(p).is_some_and(|t| !t.trim().is_empty()))?;
    let mut out: Parts = parts.into_iter().collect();
    let t = para_text(&out[first])?.to_string();
    if !t.contains("报告") {
        // A multi-line cover: blank paragraphs between its first three lines.
        for k in (1..3).rev() {
            if out
                .get(first + k)
                .and_then(para_text)
                .is_some_and(|t| !t.trim().is_empty())
            {
                out.insert(first + k, para(""));
            }
        }
        return Some(out);
    }
    let i = t.find("质量")?;
    let (a, rest) = t.split_at(i);
    let j = rest.find(['（', '(']).unwrap_or(rest.len());
    let pieces = [a, &rest[..j], &rest[j..]];
    let mut repl = Vec::new();
    for p in pieces.iter().filter(|p| !p.is_empty()) {
        repl.push(para(p));
        repl.push(para(""));
    }
    repl.pop();
    out.splice(first..first + 1, repl);
    Some(out)
}

pub fn all() -> Vec<T> {
    vec![
        word(
            "word-numbering-switched-off",
            &["E4", "E5"],
            &["word-headings"],
            numbering_off,
        ),
        word("word-leading-tabs", &["G9"], &["word-paras"], leading_tabs),
        word(
            "word-two-row-table-headers",
            &["G6"],
            &["word-tables"],
            two_row_headers,
        ),
        word(
            "word-cover-separate-paragraphs",
            &["C1", "C4"],
            &["word-cover", "title"],
            cover_paragraphs,
        ),
    ]
}
