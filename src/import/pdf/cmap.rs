//! ToUnicode CMaps: which bytes form one character code (codespace ranges) and what
//! text each code stands for (bfchar, bfrange, including the array form).
//!
//! Written by hand rather than taken from the library because the library's map is
//! keyed by 16-bit codes only and forgets the codespace, which a font mixing one-
//! and two-byte codes needs to split a string.

use std::collections::HashMap;

/// Most entries a map may hold: a bfrange can name 2^32 codes in a few bytes.
const MAX_ENTRIES: u32 = 200_000;

#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// (byte length, low, high) of each codespace range.
    pub codespace: Vec<(usize, u32, u32)>,
    pub map: HashMap<u32, String>,
}

impl CMap {
    /// Parses the text of a CMap stream; what it cannot read it skips.
    pub fn parse(data: &[u8]) -> CMap {
        let tokens = tokenize(data);
        let mut cmap = CMap::default();
        let mut i = 0;
        while i < tokens.len() {
            i = match &tokens[i] {
                Tok::Word(w) if w == "begincodespacerange" => {
                    cmap.codespace_section(&tokens, i + 1)
                }
                Tok::Word(w) if w == "beginbfchar" => cmap.bfchar_section(&tokens, i + 1),
                Tok::Word(w) if w == "beginbfrange" => cmap.bfrange_section(&tokens, i + 1),
                _ => i + 1,
            };
        }
        cmap
    }

    /// Splits a string into codes with their byte lengths, by the codespace ranges
    /// (two bytes each when the map declares none).
    pub fn split(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let n = self.code_len(&bytes[i..]);
            out.push((be(&bytes[i..i + n]), n));
            i += n;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        if self.codespace.is_empty() {
            return rest.len().min(2);
        }
        for n in 1..=4.min(rest.len()) {
            let code = be(&rest[..n]);
            if self
                .codespace
                .iter()
                .any(|&(len, lo, hi)| len == n && (lo..=hi).contains(&code))
            {
                return n;
            }
        }
        // Not in any range: take the shortest declared length, as readers do.
        let shortest = self.codespace.iter().map(|c| c.0).min().unwrap_or(1);
        shortest.clamp(1, rest.len())
    }

    fn codespace_section(&mut self, t: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (t.get(i), t.get(i + 1)) {
            if (1..=4).contains(&lo.len()) {
                self.codespace.push((lo.len(), be(lo), be(hi)));
            }
            i += 2;
        }
        i
    }

    fn bfchar_section(&mut self, t: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) = (t.get(i), t.get(i + 1)) {
            if src.len() <= 4 {
                self.insert(be(src), utf16(dst));
            }
            i += 2;
        }
        i
    }

    fn bfrange_section(&mut self, t: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (t.get(i), t.get(i + 1)) {
            let (lo, hi) = (be(lo), be(hi));
            match t.get(i + 2) {
                Some(Tok::Hex(dst)) => self.range(lo, hi, dst),
                Some(Tok::Array(items)) => {
                    for (k, dst) in items.iter().enumerate() {
                        let code = lo.saturating_add(k as u32);
                        if code > hi {
                            break;
                        }
                        self.insert(code, utf16(dst));
                    }
                }
                _ => return i + 2,
            }
            i += 3;
        }
        i
    }

    /// `<lo> <hi> <dst>`: consecutive codes get consecutive values, the last
    /// UTF-16 unit counting up.
    fn range(&mut self, lo: u32, hi: u32, dst: &[u8]) {
        if hi < lo || hi - lo > MAX_ENTRIES || dst.len() < 2 {
            return;
        }
        let mut units: Vec<u16> = dst
            .chunks(2)
            .filter(|c| c.len() == 2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        for code in lo..=hi {
            if self.map.len() >= MAX_ENTRIES as usize {
                return; // full: many ranges must not cost time either
            }
            self.insert(code, String::from_utf16_lossy(&units));
            if let Some(last) = units.last_mut() {
                *last = last.wrapping_add(1);
            }
        }
    }

    fn insert(&mut self, code: u32, text: String) {
        if self.map.len() < MAX_ENTRIES as usize {
            self.map.insert(code, text);
        }
    }
}

fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

fn utf16(bytes: &[u8]) -> String {
    if bytes.len() == 1 {
        return char::from(bytes[0]).to_string();
    }
    let units: Vec<u16> = bytes
        .chunks(2)
        .filter(|c| c.len() == 2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
}

/// The tokens a CMap needs: words, hex strings and arrays of hex strings.
/// Literal strings, names and dictionaries are skipped as words.
fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut array: Option<Vec<Vec<u8>>> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => i = skip_until(data, i, |c| c == b'\n' || c == b'\r'),
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = skip_until(data, i, |c| c == b'>');
                let hex = hex_bytes(&data[i + 1..end]);
                match array.as_mut() {
                    Some(items) => items.push(hex),
                    None => out.push(Tok::Hex(hex)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                out.push(Tok::Array(array.take().unwrap_or_default()));
                i += 1;
            }
            c if c.is_ascii_alphabetic() => {
                let end = skip_until(data, i, |c| !c.is_ascii_alphanumeric());
                out.push(Tok::Word(
                    String::from_utf8_lossy(&data[i..end]).into_owned(),
                ));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

fn skip_until(data: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
    data[from..]
        .iter()
        .position(|&c| stop(c))
        .map_or(data.len(), |p| from + p)
}

fn hex_bytes(text: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = text
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "/CIDInit /ProcSet findresource begin\n1 begincodespacerange\n<00> <7F>\n<8140> <FEFE>\nendcodespacerange\n\
        2 beginbfchar\n<41> <0041>\n<8140> <4E2D>\nendbfchar\n\
        2 beginbfrange\n<8141> <8143> <56FD>\n<8150> <8151> [<4E00> <D840DC00>]\nendbfrange\nendcmap";

    #[test]
    fn bfchar_bfrange_and_array_form() {
        let c = CMap::parse(SAMPLE.as_bytes());
        assert_eq!(c.map[&0x41], "A");
        assert_eq!(c.map[&0x8140], "中");
        assert_eq!(c.map[&0x8142], "\u{56FE}");
        assert_eq!(c.map[&0x8150], "一");
        assert_eq!(c.map[&0x8151], "\u{20000}");
    }

    #[test]
    fn codespace_splits_one_and_two_byte_codes() {
        let c = CMap::parse(SAMPLE.as_bytes());
        assert_eq!(
            c.split(&[0x41, 0x81, 0x40, 0x42]),
            vec![(0x41, 1), (0x8140, 2), (0x42, 1)]
        );
    }

    #[test]
    fn no_codespace_means_two_bytes() {
        let c = CMap::parse(b"1 beginbfchar <0003> <0020> endbfchar");
        assert_eq!(c.split(&[0, 3, 0, 4]), vec![(3, 2), (4, 2)]);
        assert_eq!(c.map[&3], " ");
    }

    #[test]
    fn huge_range_is_ignored() {
        let c = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(c.map.is_empty());
    }

    #[test]
    fn many_ranges_stop_at_the_cap() {
        let mut text = String::from("400 beginbfrange\n");
        for k in 0..400u32 {
            text.push_str(&format!(
                "<{:08X}> <{:08X}> <0041>\n",
                k << 20,
                (k << 20) + 150_000
            ));
        }
        let c = CMap::parse(text.as_bytes());
        assert_eq!(c.map.len(), MAX_ENTRIES as usize);
    }
}
