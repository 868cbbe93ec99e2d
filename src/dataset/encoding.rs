//! Bytes → text. Reports are written on Windows machines as often as anywhere, so
//! GB18030/GBK and UTF-16 files are as normal as UTF-8 ones.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::codes;
use crate::finding::Finding;

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name as people know it (`UTF-8`, `GB18030`, `UTF-16LE` …).
    pub encoding: &'static str,
    pub had_bom: bool,
    /// Bytes that were not UTF-8 in an otherwise UTF-8 file, each read as U+FFFD:
    /// where the U+FFFD is in `text` (a byte offset) and the bytes it replaced.
    pub bad_bytes: Vec<BadBytes>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBytes {
    pub offset: usize,
    pub bytes: Vec<u8>,
}

/// How many bad sequences a UTF-8 file may hold per good multi-byte character and
/// still be read as UTF-8: a GBK file read as UTF-8 has almost no valid multi-byte
/// characters, a UTF-8 file with a stray byte has hundreds per bad one.
const GOOD_PER_BAD: usize = 20;

/// Decodes a file's bytes, detecting the encoding from a BOM, from strict UTF-8, from
/// NUL-byte patterns (UTF-16 without BOM) and finally from chardetng's guess.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Box<Finding>> {
    let mut d = decode_any(bytes)?;
    lone_cr_to_lf(&mut d.text);
    Ok(d)
}

/// Old Mac line endings (a CR alone) become LF, byte for byte so that every offset
/// stays put: otherwise the whole file is line 1 and every location says so.
fn lone_cr_to_lf(text: &mut String) {
    if !text.contains('\r') {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Swapping one ASCII byte for another keeps the text UTF-8.
    *text = String::from_utf8(bytes).unwrap_or_default();
}

fn decode_any(bytes: &[u8]) -> Result<Decoded, Box<Finding>> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..], true);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains('\0') {
            return Err(Box::new(binary()));
        }
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            had_bom: false,
            bad_bytes: Vec::new(),
        });
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return decode_with(enc, bytes, false);
    }
    if let Some(d) = mostly_utf8(bytes) {
        return Ok(d);
    }
    if bytes.contains(&0) {
        return Err(Box::new(binary()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // encoding_rs's GBK decoder is the GB18030 decoder; name it by the superset.
    let enc = if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    };
    decode_with(enc, bytes, false)
}

fn decode_with(
    enc: &'static Encoding,
    bytes: &[u8],
    had_bom: bool,
) -> Result<Decoded, Box<Finding>> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let name = if enc == UTF_8 {
        "UTF-8"
    } else if enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    };
    if had_errors {
        let at = text.find('\u{FFFD}').unwrap_or(0);
        let line = text[..at].matches('\n').count() + 1;
        return Err(Box::new(
            Finding::of(
                &codes::ENCODING_INVALID,
                format!("文件不是有效的 {name} 文本：第 {line} 行附近有无法解码的字节"),
            )
            .with_help(
                "请用 UTF-8 编码重新保存文件（记事本、WPS 和 Excel 的“另存为”都可以选择编码）",
            ),
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name,
        had_bom,
        bad_bytes: Vec::new(),
    })
}

/// A UTF-8 file with a few bad bytes stays UTF-8: trading the whole file for another
/// encoding over one byte garbles every character (issue 14). Linear in the bytes.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let mut text = String::with_capacity(bytes.len() + 8);
    let mut bad_bytes = Vec::new();
    let mut good = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad_bytes.push(BadBytes {
                offset: text.len(),
                bytes: chunk.invalid().to_vec(),
            });
            text.push('\u{FFFD}');
        }
    }
    if good < GOOD_PER_BAD * bad_bytes.len() || text.contains('\0') {
        return None;
    }
    Some(Decoded {
        text,
        encoding: "UTF-8",
        had_bom: false,
        bad_bytes,
    })
}

/// UTF-16 text of CJK and ASCII has a NUL in most ASCII code units, all on one side.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nuls * 3 > pairs && even_nuls * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 3 > pairs && odd_nuls * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn binary() -> Finding {
    Finding::of(
        &codes::ENCODING_BINARY,
        "文件不是文本文件（含有 NUL 字节），无法作为数据集读取".to_string(),
    )
    .with_help("dabiao check 读取 .json、.yaml/.yml 和 .toml 格式的数据集；请确认没有选错文件")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("年报: 1".as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.had_bom),
            ("年报: 1", "UTF-8", false)
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("年报: 1".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.had_bom), ("年报: 1", true));
    }

    #[test]
    fn one_bad_byte_keeps_a_utf8_file_utf8() {
        let mut b = "报告名称：某某职业学院质量年度报告\n学生人数："
            .as_bytes()
            .to_vec();
        let at = b.len();
        b.push(0xFF);
        b.extend_from_slice("1200 人\n".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.bad_bytes,
            vec![BadBytes {
                offset: at,
                bytes: vec![0xFF]
            }]
        );
        assert!(d.text.ends_with("学生人数：\u{FFFD}1200 人\n"));
    }

    #[test]
    fn many_bad_bytes_are_another_encoding() {
        let text = "报告名称：某某职业学院质量年度报告\n";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert!(d.bad_bytes.is_empty());
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let d = decode(b"a: 1\rb: 2\r\nc: 3\r").unwrap();
        assert_eq!(d.text, "a: 1\nb: 2\r\nc: 3\n");
    }

    #[test]
    fn gbk_is_detected() {
        let text = "报告:\n  名称: 山西省临汾市中等职业教育质量年度报告\n  单位: 临汾市教育局\n";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, text);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "{\"名称\": \"临汾\"}";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
    }

    #[test]
    fn binary_is_refused() {
        let e = decode(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xFF, 0x00]).unwrap_err();
        assert_eq!(e.code, "dabiao::encoding::binary");
    }
}
