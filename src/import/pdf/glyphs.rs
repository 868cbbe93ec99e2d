//! Text of simple-font codes without a ToUnicode map: the WinAnsi and Standard
//! encodings, glyph names from /Differences, and the clean-up every decoded
//! character gets (radicals and compatibility ideographs to unified ones, control
//! characters dropped).

use unicode_normalization::UnicodeNormalization;

/// WinAnsiEncoding 0x80–0x9F (the rest is Latin-1); 0 = undefined.
const WIN_ANSI_80: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The base encoding a simple font's codes are read in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Base {
    WinAnsi,
    Standard,
}

/// The character a one-byte code stands for in a base encoding.
pub fn base_char(base: Base, code: u8) -> Option<char> {
    match (base, code) {
        (_, 0..=0x1F) => None,
        (Base::Standard, 0x27) => Some('\u{2019}'),
        (Base::Standard, 0x60) => Some('\u{2018}'),
        (Base::Standard, 0x80..) => None,
        (Base::WinAnsi, 0x80..=0x9F) => {
            char::from_u32(WIN_ANSI_80[(code - 0x80) as usize] as u32).filter(|&c| c != '\0')
        }
        (_, c) => Some(c as char),
    }
}

/// Named glyphs a report's fonts use; the rest come from `uniXXXX`/`uXXXX` names
/// or single-letter names.
const NAMES: &[(&str, char)] = &[
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("quoteright", '\u{2019}'),
    ("quoteleft", '\u{2018}'),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("grave", '`'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
    ("bullet", '\u{2022}'),
    ("endash", '\u{2013}'),
    ("emdash", '\u{2014}'),
    ("quotedblleft", '\u{201C}'),
    ("quotedblright", '\u{201D}'),
    ("ellipsis", '\u{2026}'),
    ("degree", '\u{B0}'),
    ("multiply", '\u{D7}'),
    ("divide", '\u{F7}'),
    ("periodcentered", '\u{B7}'),
    ("nbspace", ' '),
    ("plusminus", '\u{B1}'),
    ("section", '\u{A7}'),
];

/// The text of a glyph name (`a`, `space`, `uni4E2D`, `uni4E2D4E2D`, `u1F600`,
/// `a.sc`), or None for names that say nothing (`g17`, `cid123`).
pub fn glyph_name(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if let Some((_, c)) = NAMES.iter().find(|(n, _)| *n == base) {
        return Some(c.to_string());
    }
    if base.len() == 1 && base.is_ascii() {
        return Some(base.to_string());
    }
    if let Some(hex) = base
        .strip_prefix("uni")
        .filter(|h| h.len() >= 4 && h.len() % 4 == 0)
    {
        let units: Option<Vec<u16>> = (0..hex.len())
            .step_by(4)
            .map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok())
            .collect();
        return units.map(|u| String::from_utf16_lossy(&u));
    }
    if let Some(hex) = base
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    None
}

/// Cleans decoded text: Kangxi radicals, CJK radicals and compatibility
/// ideographs become the unified ideographs a reader sees (Chromium's Type 3
/// fonts map glyphs to radicals), control characters go (pdfium-style U+0002
/// soft hyphens, stray NULs). Other compatibility forms (full-width digits,
/// punctuation) stay as written: the importer reads them as such.
pub fn clean(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_control() {
            continue;
        }
        if let Some(&(_, to)) = SIMPLIFIED_RADICALS.iter().find(|(r, _)| *r == c) {
            out.push(to);
        } else if is_radical_or_compat(c) {
            out.extend(c.to_string().nfkc());
        } else {
            out.push(c);
        }
    }
}

/// Radicals that stand for a whole simplified character in simplified-Chinese
/// fonts, where NFKC gives nothing (the supplement) or the traditional form.
const SIMPLIFIED_RADICALS: &[(char, char)] = &[
    ('\u{2EA0}', '民'),
    ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC8}', '讠'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ED0}', '钅'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EE0}', '饣'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEC}', '齐'),
    ('\u{2EEE}', '齿'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF3}', '龟'),
    ('\u{2F3E}', '户'),
    ('\u{2FAD}', '青'),
];

fn is_radical_or_compat(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2EFF | 0x2F00..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(s: &str) -> String {
        let mut out = String::new();
        clean(s, &mut out);
        out
    }

    #[test]
    fn radicals_and_compat_ideographs_become_unified() {
        assert_eq!(cleaned("\u{2F00}\u{2F08}\u{F907}"), "一人龜");
        assert_eq!(cleaned("\u{2F800}"), "丽");
        assert_eq!(cleaned("\u{2EA0}\u{2ED3}\u{2F3E}"), "民长户");
    }

    #[test]
    fn controls_go_full_width_stays() {
        assert_eq!(cleaned("a\u{2}b\0c１（"), "abc１（");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name("uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_name("uni4E2D56FD").as_deref(), Some("中国"));
        assert_eq!(glyph_name("u20000").as_deref(), Some("\u{20000}"));
        assert_eq!(glyph_name("space").as_deref(), Some(" "));
        assert_eq!(glyph_name("a").as_deref(), Some("a"));
        assert_eq!(glyph_name("seven.sc").as_deref(), Some("7"));
        assert_eq!(glyph_name("g17"), None);
    }

    #[test]
    fn win_ansi_specials() {
        assert_eq!(base_char(Base::WinAnsi, 0x93), Some('\u{201C}'));
        assert_eq!(base_char(Base::WinAnsi, 0x81), None);
        assert_eq!(base_char(Base::Standard, b'A'), Some('A'));
    }
}
