//! Copied from tests/common/docx.rs (benches cannot share the tests' module): builds
//! .docx files the way Word writes them: heading styles
//! (by name, "heading 1" or "标题 2"), automatic heading numbers kept in
//! numbering.xml (not in the text), tables as `w:tbl` with merged cells.

#![allow(dead_code)] // the builder whole; the bench uses fixture_parts and build

use std::io::Write;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One body element.
pub enum Part {
    /// A paragraph of the given style id ("Normal", "1", "2"), optionally numbered
    /// by Word at list level `ilvl` (the number is not in the text).
    Para {
        style: &'static str,
        numbered: Option<usize>,
        text: String,
    },
    /// A table: rows of cells; a cell of `None` continues the cell above (vMerge).
    Table(Vec<Vec<Option<String>>>),
    /// Body XML written as is (`<w:p>…</w:p>`, `<w:tbl>…</w:tbl>`): what converters
    /// write that the helpers above cannot express.
    Raw(String),
}

pub fn para(text: &str) -> Part {
    Part::Para {
        style: "Normal",
        numbered: None,
        text: text.to_string(),
    }
}

/// A heading at `level` whose number Word generates ("1", "1.1").
pub fn auto_heading(level: usize, text: &str) -> Part {
    Part::Para {
        style: if level == 1 { "1" } else { "2" },
        numbered: Some(level - 1),
        text: text.to_string(),
    }
}

/// A heading styled at `level` with its number (if any) typed in the text.
pub fn heading(level: usize, text: &str) -> Part {
    Part::Para {
        style: match level {
            1 => "1",
            2 => "2",
            _ => "3",
        },
        numbered: None,
        text: text.to_string(),
    }
}

/// A table from tab-separated lines; a cell written "^" continues the cell above.
pub fn table(rows: &str) -> Part {
    Part::Table(
        rows.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                l.split('\t')
                    .map(|c| (c != "^").then(|| c.to_string()))
                    .collect()
            })
            .collect(),
    )
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn runs(text: &str) -> String {
    text.split('\t')
        .map(|t| {
            format!(
                r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
                escape(t)
            )
        })
        .collect::<Vec<_>>()
        .join("<w:r><w:tab/></w:r>")
}

fn document(parts: &[Part]) -> String {
    let mut body = String::new();
    for p in parts {
        match p {
            Part::Para {
                style,
                numbered,
                text,
            } => {
                let num = numbered.map_or(String::new(), |l| {
                    format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="1"/></w:numPr>"#)
                });
                body.push_str(&format!(
                    r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{num}</w:pPr>{}</w:p>"#,
                    runs(text)
                ));
            }
            Part::Table(rows) => {
                body.push_str("<w:tbl><w:tblPr/>");
                for row in rows {
                    body.push_str("<w:tr>");
                    for cell in row {
                        match cell {
                            Some(t) => body.push_str(&format!(
                                r#"<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p>{}</w:p></w:tc>"#,
                                runs(t)
                            )),
                            None => body.push_str(
                                r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#,
                            ),
                        }
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
            Part::Raw(xml) => body.push_str(xml),
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="3"><w:name w:val="Heading 3"/></w:style>
  <w:style w:type="paragraph" w:styleId="N1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"#;

/// The bytes of a .docx holding `parts`.
pub fn build(parts: &[Part]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in [
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("word/document.xml", document(parts)),
            ("word/styles.xml", STYLES.to_string()),
            ("word/numbering.xml", NUMBERING.to_string()),
        ] {
            zip.start_file(name, opts).expect("zip entry");
            zip.write_all(body.as_bytes()).expect("zip write");
        }
        zip.finish().expect("zip finish");
    }
    buf.into_inner()
}

/// A text or Markdown fixture as Word would hold it: one paragraph per line, `#`
/// headings as heading styles, tab-separated lines and pipe tables as Word tables (a
/// cell "" stays an empty cell), emphasis as plain text.
pub fn fixture_parts(text: &str, markdown: bool) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut rows: Vec<Vec<Option<String>>> = Vec::new();
    for line in text.lines() {
        let line = if markdown {
            line.replace("**", "")
        } else {
            line.to_string()
        };
        let line = line.as_str();
        if markdown && line.trim_start().starts_with('|') {
            let inner = line.trim().trim_start_matches('|');
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            if !inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
                rows.push(
                    inner
                        .split('|')
                        .map(|c| Some(c.trim().to_string()))
                        .collect(),
                );
            }
            continue;
        }
        if !markdown && line.contains('\t') {
            rows.push(line.split('\t').map(|c| Some(c.to_string())).collect());
            continue;
        }
        if !rows.is_empty() {
            parts.push(Part::Table(std::mem::take(&mut rows)));
        }
        let hashes = line.len() - line.trim_start_matches('#').len();
        if markdown && (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            parts.push(heading(hashes, line[hashes..].trim()));
        } else if markdown {
            parts.push(para(
                line.trim_start_matches(['>', ' ']).trim_start_matches("- "),
            ));
        } else {
            parts.push(para(line));
        }
    }
    if !rows.is_empty() {
        parts.push(Part::Table(rows));
    }
    parts
}
