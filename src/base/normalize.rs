//! Text normalisation for matching: full-width forms folded to ASCII, spaces and
//! quotes dropped. Only used to *compare* text; spans always refer to the original.

/// Folds full-width ASCII forms (`１２．５％`, `（`, `：`) and the ideographic space to
/// their half-width equivalents.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        '—' | '–' => '-',
        _ => c,
    }
}

pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Folded, with every kind of whitespace removed: "1 .1  学校 概况" → "1.1学校概况".
pub fn compact(s: &str) -> String {
    compact_chars(s).collect()
}

/// Whether [`compact`] of `s` would be longer than `n` characters, found without
/// building it and stopping at the `n + 1`th: headings and captions are short, and
/// every paragraph of a report is asked whether it is one.
pub fn compact_longer_than(s: &str, n: usize) -> bool {
    // No more characters than bytes.
    if s.len() <= n {
        return false;
    }
    // Folding changes no character's whitespace-ness (full-width forms fold to
    // printable ASCII, the wide and no-break spaces to a space): each character is
    // judged as it is. Every block is asked this many times, so it is judged by its
    // first byte where that settles it: every non-ASCII space or invisible character
    // (U+0085, U+00A0, U+1680, U+2000–U+206F, U+3000, U+FEFF) starts with C2, E1, E2,
    // E3 or EF; Han characters never do.
    let bytes = s.as_bytes();
    let (mut i, mut count) = (0, 0);
    while i < bytes.len() {
        let lead = bytes[i];
        let counts = match lead {
            0x00..=0x7F => !matches!(lead, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'),
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => s[i..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && !is_invisible(c)),
            _ => true,
        };
        i += match lead {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        if counts {
            count += 1;
            if count > n {
                return true;
            }
        }
    }
    false
}

/// Whether [`compact`] of `s` starts with `prefix` (given compact), found without
/// building it: most blocks a classifier is asked about are long paragraphs.
pub fn compact_starts_with(s: &str, prefix: &str) -> bool {
    let mut chars = compact_chars(s);
    prefix.chars().all(|p| chars.next() == Some(p))
}

/// The characters of [`compact`], lazily.
fn compact_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}'
    )
}

/// The key two indicator names are compared by: compact, without quotes, without a
/// leading "其中：", without a trailing colon. "其中：高级“双师型”教师比例" and
/// "高级双师型教师比例" have the same key.
pub fn name_key(s: &str) -> String {
    let c = compact(s);
    let c: String = c
        .chars()
        .filter(|ch| {
            !matches!(
                ch,
                '“' | '”' | '"' | '\'' | '‘' | '’' | '「' | '」' | '『' | '』'
            )
        })
        .collect();
    let mut k = c.as_str();
    for prefix in ["其中:", "其中"] {
        if let Some(rest) = k.strip_prefix(prefix) {
            k = rest;
            break;
        }
    }
    k.trim_end_matches(':').to_string()
}

/// Whether a cell says "not applicable": "-", "—", "－", "/" and the like.
pub fn is_dash(s: &str) -> bool {
    let c = compact(s);
    !c.is_empty()
        && c.chars()
            .all(|ch| matches!(ch, '-' | '—' | '/' | '\\' | '无'))
        && c.chars().count() <= 3
        && c != "无无"
}

/// A number as reports write it in a table cell: "1,234", "88.01%", "9.60:1",
/// "１２．５", "3167.00". `None` if the cell holds anything else.
pub fn parse_number(s: &str) -> Option<f64> {
    let c = compact(s);
    let mut t = c.as_str();
    t = t.trim_end_matches('%');
    if let Some((x, one)) = t.split_once(':')
        && one == "1"
    {
        t = x;
    }
    let t = t.replace(',', "");
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    if t.starts_with('-') && t.len() == 1 {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number as a JSON value: integers stay integers ("9397" → 9397, "3167.00" →
/// 3167.0 keeps its decimals as written).
pub fn number_value(s: &str, x: f64) -> serde_json::Value {
    let written_int = !compact(s).contains('.');
    if written_int && x.fract() == 0.0 && x.abs() < 9.0e15 {
        serde_json::Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

/// Chinese numerals for small counts: 一 … 十九, 两.
pub fn small_chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', c] => digit(*c).map(|d| 10 + d),
        [c, '十'] => digit(*c).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// Counts the characters a reader would count: no whitespace.
pub fn char_count(s: &str) -> u64 {
    s.chars().filter(|c| !c.is_whitespace()).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_longer_than_agrees_with_the_length_of_compact() {
        let samples = [
            "",
            " ",
            "1.1 学校概况",
            "１ ．１\u{3000}学校 概况",
            "\u{FEFF}图\u{200B} 1\u{00A0}—实训\t基地\r\n",
            "a\x0Bb\x0Cc",
            "　　全市中等职业学校共有在校生两万三千余人，比上年增加一千二百人。",
            "ＡＢＣ　ｄｅｆ\u{2003}\u{2028}x",
            "\u{0085}a\u{1680}b\u{202F}c\u{205F}d\u{2060}e\u{1F600}f",
            "éü中\u{2F00}\u{E000}。，",
        ];
        for s in samples {
            let len = compact(s).chars().count();
            for n in 0..len + 3 {
                assert_eq!(compact_longer_than(s, n), len > n, "{s:?} {n}");
            }
        }
    }

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(compact("１ ．１\u{3000}学校 概况"), "1.1学校概况");
        assert_eq!(fold("（2024年度）"), "(2024年度)");
    }

    #[test]
    fn compact_length_is_told_without_building_it() {
        for s in [
            "",
            "ab",
            "１ ．１\u{3000}学校 概况",
            " a\u{200B}b c\t",
            "一二三四五",
        ] {
            let len = compact(s).chars().count();
            for n in 0..8 {
                assert_eq!(compact_longer_than(s, n), len > n, "{s:?} {n}");
            }
        }
    }

    #[test]
    fn name_keys_ignore_quotes_and_qizhong() {
        assert_eq!(name_key("其中：高级“双师型”教师比例"), "高级双师型教师比例");
        assert_eq!(name_key(" 其中:升学人数 "), "升学人数");
        assert_eq!(
            name_key("公共基础课（不含思想政治课）教学满意度"),
            name_key("公共基础课(不含思想政治课)教学满意度")
        );
    }

    #[test]
    fn parses_numbers_as_cells_hold_them() {
        assert_eq!(parse_number("1,234"), Some(1234.0));
        assert_eq!(parse_number("88.01%"), Some(88.01));
        assert_eq!(parse_number("9.60:1"), Some(9.6));
        assert_eq!(parse_number("９．６０"), Some(9.6));
        assert_eq!(parse_number("4702 万元"), None);
        assert_eq!(parse_number("-"), None);
        assert_eq!(parse_number(""), None);
        assert!(is_dash("-") && is_dash("—") && is_dash("／") && !is_dash("12"));
        assert_eq!(number_value("3167.00", 3167.0).to_string(), "3167.0");
        assert_eq!(number_value("9397", 9397.0).to_string(), "9397");
    }

    #[test]
    fn small_chinese_numbers() {
        assert_eq!(small_chinese_number("八"), Some(8));
        assert_eq!(small_chinese_number("十二"), Some(12));
        assert_eq!(small_chinese_number("二十"), Some(20));
        assert_eq!(small_chinese_number("二十三"), Some(23));
        assert_eq!(small_chinese_number("百"), None);
    }
}
