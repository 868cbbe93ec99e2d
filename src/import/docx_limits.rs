//! What a .docx may make the reader do, checked before its XML becomes a tree: one
//! linear pass over each part's tags measures nesting (the tree walkers recurse on
//! it) and counts paragraphs and table rows; past a count the part is cut there,
//! closed so it stays well-formed, and read that far. Also: the zip and XML
//! libraries' errors said in Chinese, with their own words as a suffix.

use crate::base::limits::{MAX_PARAGRAPHS, MAX_TABLE_ROWS, MAX_XML_DEPTH, MAX_XML_NODES};
use crate::finding::Code;

use super::codes;

/// Why a .docx could not be read (shown to the user in Chinese), and its code.
#[derive(Debug)]
pub struct DocxError {
    pub code: &'static Code,
    pub message: String,
}

impl DocxError {
    pub fn new(message: impl Into<String>) -> Self {
        DocxError {
            code: &codes::DOCX,
            message: message.into(),
        }
    }
}

/// Where a part was cut: the limit's code and what to tell the user.
pub struct Cut {
    pub code: &'static Code,
    pub message: String,
}

/// Checks `xml` (the part `name`): an error past the nesting limit; past the
/// paragraph or row limit, the part cut before that element and closed.
pub fn bound(xml: String, name: &str) -> Result<(String, Option<Cut>), DocxError> {
    let b = xml.as_bytes();
    // Open elements: (start of the name, end of the name).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let (mut paragraphs, mut rows) = (0usize, 0usize);
    let mut i = 0;
    while let Some(lt) = memchr(b, b'<', i) {
        i = lt + 1;
        match b.get(i) {
            Some(b'?') => i = find(b, i, b"?>"),
            Some(b'!') if b[i..].starts_with(b"!--") => i = find(b, i, b"-->"),
            Some(b'!') if b[i..].starts_with(b"![CDATA[") => i = find(b, i, b"]]>"),
            Some(b'!') => i = tag_end(b, i),
            Some(b'/') => {
                open.pop();
                i = tag_end(b, i);
            }
            Some(_) => {
                let name_end = i + b[i..]
                    .iter()
                    .position(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
                    .unwrap_or(b.len() - i);
                let local = local_name(&b[i..name_end]);
                let counted = match local {
                    b"p" => Some((&mut paragraphs, MAX_PARAGRAPHS, &codes::PARAGRAPHS)),
                    b"tr" => Some((&mut rows, MAX_TABLE_ROWS, &codes::ROWS)),
                    _ => None,
                };
                if let Some((n, max, code)) = counted {
                    *n += 1;
                    if *n > max {
                        return Ok((close(&xml, lt, &open), Some(cut(code, max))));
                    }
                }
                let end = tag_end(b, i);
                if b.get(end.saturating_sub(2)) != Some(&b'/') {
                    open.push((i, name_end));
                    if open.len() > MAX_XML_DEPTH {
                        return Err(DocxError {
                            code: &codes::DOCX_TOO_DEEP,
                            message: format!(
                                "{name} 中的元素嵌套超过 {MAX_XML_DEPTH} 层，为安全起见不读取这个文件"
                            ),
                        });
                    }
                }
                i = end;
            }
            None => break,
        }
    }
    Ok((xml, None))
}

fn cut(code: &'static Code, max: usize) -> Cut {
    let what = if code.id == codes::PARAGRAPHS.id {
        "段落"
    } else {
        "表格行"
    };
    Cut {
        code,
        message: format!(
            "文件中的{what}超过 {max} 个，为安全起见只读取前 {max} 个，其后的内容未检查"
        ),
    }
}

/// `xml` up to `at`, with the elements still open there closed.
fn close(xml: &str, at: usize, open: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(at + open.len() * 16);
    out.push_str(&xml[..at]);
    for &(s, e) in open.iter().rev() {
        out.push_str("</");
        out.push_str(&xml[s..e]);
        out.push('>');
    }
    out
}

fn local_name(qname: &[u8]) -> &[u8] {
    match qname.iter().position(|&c| c == b':') {
        Some(k) => &qname[k + 1..],
        None => qname,
    }
}

fn memchr(b: &[u8], c: u8, from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == c)
        .map(|k| from + k)
}

/// Just past the first `pat` at or after `from` (the end of the text if none).
fn find(b: &[u8], from: usize, pat: &[u8]) -> usize {
    b.get(from..)
        .and_then(|rest| rest.windows(pat.len()).position(|w| w == pat))
        .map_or(b.len(), |k| from + k + pat.len())
}

/// Just past the `>` that ends the tag begun before `from`, skipping quoted values.
fn tag_end(b: &[u8], mut from: usize) -> usize {
    let mut quote = None;
    while from < b.len() {
        let c = b[from];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return from + 1,
            None => {}
        }
        from += 1;
    }
    b.len()
}

/// A zip library error on `name`, in Chinese.
pub fn zip_error(name: &str, e: &zip::result::ZipError) -> DocxError {
    use zip::result::ZipError;
    let message = match e {
        ZipError::CompressionMethodNotSupported(_) | ZipError::UnsupportedArchive(_) => {
            format!(
                "{name} 使用了 dabiao 不支持的压缩方式，无法解压（{e}）；请在 Word 中另存为 .docx"
            )
        }
        ZipError::InvalidPassword => format!("{name} 已加密，无法读取；请去掉密码后另存"),
        _ => format!("{name} 已损坏或不完整，无法读取（{e}）；请在 Word 中重新保存"),
    };
    DocxError::new(message)
}

/// An error reading the decompressed bytes of `name`, in Chinese.
pub fn inflate_error(name: &str, e: &std::io::Error) -> DocxError {
    if e.kind() == std::io::ErrorKind::InvalidData && e.to_string().contains("UTF-8") {
        return DocxError::new(format!("{name} 不是 UTF-8 编码的文字，无法读取"));
    }
    if e.to_string().contains("compression method") {
        return DocxError::new(format!(
            "{name} 使用了 dabiao 不支持的压缩方式，无法解压（{e}）；请在 Word 中另存为 .docx"
        ));
    }
    DocxError::new(format!(
        "解压 {name} 时出错，文件可能已损坏或不完整（{e}）；请在 Word 中重新保存"
    ))
}

/// Parses a part with at most `MAX_XML_NODES` nodes and no DTD: a part of millions
/// of tiny elements would otherwise build a tree of hundreds of megabytes.
pub fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options)
}

/// An XML parser error in `name`, in Chinese, with its line and column.
pub fn xml_error(name: &str, e: &roxmltree::Error) -> DocxError {
    if matches!(e, roxmltree::Error::NodesLimitReached) {
        return DocxError {
            code: &codes::DOCX_TOO_LARGE,
            message: format!("{name} 的 XML 元素超过 {MAX_XML_NODES} 个，超出处理上限，不读取"),
        };
    }
    if matches!(e, roxmltree::Error::DtdDetected) {
        return DocxError::new(format!(
            "{name} 含有 DTD 声明（<!DOCTYPE …>），Word 不会这样保存，为安全起见不读取（{e}）"
        ));
    }
    let pos = e.pos();
    DocxError::new(format!(
        "{name} 不是有效的 XML，第 {} 行第 {} 列有误（{e}）；请在 Word 中重新保存",
        pos.row, pos.col
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_past_the_limit_are_an_error() {
        let many = format!("<a>{}</a>", "<b/>".repeat(MAX_XML_NODES as usize + 1));
        let e = parse_xml(&many).unwrap_err();
        assert!(matches!(e, roxmltree::Error::NodesLimitReached));
        assert!(
            xml_error("word/document.xml", &e)
                .message
                .contains("超出处理上限")
        );
        assert!(parse_xml("<a><b/></a>").is_ok());
    }

    #[test]
    fn nesting_past_the_limit_is_an_error() {
        let deep = format!("<a>{}{}</a>", "<b x='>'>".repeat(300), "</b>".repeat(300));
        let e = bound(deep, "word/document.xml").err().unwrap();
        assert_eq!(e.code.id, "dabiao::docx::too-deep");
        let ok = format!("<a>{}<c/>{}</a>", "<b>".repeat(200), "</b>".repeat(200));
        assert!(bound(ok, "x").unwrap().1.is_none());
    }

    #[test]
    fn paragraphs_past_the_limit_are_cut_and_closed() {
        let body = "<w:p/>".repeat(MAX_PARAGRAPHS + 5);
        let xml = format!("<w:document><w:body><!-- <w:p> -->{body}</w:body></w:document>");
        let (cut_xml, cut) = bound(xml, "word/document.xml").unwrap();
        assert_eq!(cut.unwrap().code.id, "dabiao::limit::paragraphs");
        assert!(
            cut_xml.ends_with("<w:p/></w:body></w:document>"),
            "{}",
            &cut_xml[cut_xml.len() - 40..]
        );
        assert_eq!(cut_xml.matches("<w:p/>").count(), MAX_PARAGRAPHS);
        assert!(roxmltree::Document::parse(&cut_xml.replace("w:", "")).is_ok());
    }
}
