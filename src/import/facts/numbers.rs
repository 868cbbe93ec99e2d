//! Numbers as reports write them in prose: "27,534 人", "１２．５％", "2.5万人",
//! "150余所", "近3000人", "9.60:1", "1.2亿元", "六所", "3 个百分点".
//!
//! Works on the original text and returns byte spans into it; full-width forms are
//! folded only for reading.

use crate::base::normalize::fold_char;

/// One number in a sentence with what follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The value, with 万 applied ("2.5万人" → 25000); 万元/亿元 stay units.
    pub value: f64,
    /// Decimal places as written (for rounding tolerances).
    pub decimals: u32,
    /// The unit as written after it (folded): "人", "%", "万元", ":1", "个百分点", …
    pub unit: String,
    /// 约/近/余/多: not an exact figure.
    pub approx: bool,
    /// Byte span of the number and its unit.
    pub start: usize,
    pub end: usize,
    /// Byte offset where the number itself starts (after 约/近).
    pub number_start: usize,
}

/// Units in the order they are tried (longest first where one is a prefix of another).
const UNITS: [&str; 39] = [
    "个百分点",
    "百分点",
    "人次",
    "人/门",
    "人日",
    "个/生",
    "元/生",
    "Mbps",
    "万元",
    "亿元",
    "千元",
    "元",
    "人",
    "名",
    "所",
    "个",
    "门",
    "本",
    "项",
    "家",
    "%",
    "学时",
    "课时",
    "天",
    "次",
    "届",
    "亩",
    "平方米",
    "台",
    "套",
    "册",
    "篇",
    "倍",
    "岁",
    "年",
    "月",
    "日",
    "部",
    "位",
];

/// Counters that make a Chinese numeral a count ("六所", "十二个专业").
const COUNTERS: [&str; 9] = ["所", "个", "名", "人", "项", "家", "门", "本", "位"];

/// 零〇一二两三四五六七八九十百: a match, not a search of a string (every character
/// of a report's prose is asked).
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
    )
}

struct Chars<'a> {
    text: &'a str,
    /// (byte offset, folded char)
    chars: Vec<(usize, char)>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        Chars {
            text,
            chars: text
                .char_indices()
                .map(|(i, c)| (i, fold_char(c)))
                .collect(),
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|(_, c)| *c)
    }

    fn offset(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |(o, _)| *o)
    }

    /// Whether the folded text at char `i` starts with `s`.
    fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..).zip(s.chars()).all(|(k, c)| self.at(k) == Some(c))
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(|c| c == ' ' || c == '\t') {
            i += 1;
        }
        i
    }
}

/// Every number in `text`, left to right.
pub fn mentions(text: &str) -> Vec<Mention> {
    let s = Chars::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.chars.len() {
        let c = s.at(i).unwrap_or(' ');
        let prev = i.checked_sub(1).and_then(|p| s.at(p));
        if c.is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.') {
            if let Some((m, next)) = arabic(&s, i) {
                out.push(m);
                i = next;
                continue;
            }
        } else if is_cn_digit(c)
            && prev != Some('第')
            && let Some((m, next)) = chinese(&s, i)
        {
            out.push(m);
            i = next;
            continue;
        }
        i += 1;
    }
    out
}

fn approx_before(s: &Chars<'_>, i: usize) -> bool {
    ["约", "近", "逾", "超过", "将近", "接近", "大约"]
        .iter()
        .any(|w| {
            let n = w.chars().count();
            i >= n && s.starts_with(i - n, w)
        })
}

/// An Arabic numeral at `start` ("27,534 人", "2.5万人", "150余所", "9.60:1") with
/// its magnitude, unit and any 约/余 around it; also the index after all it read.
fn arabic(s: &Chars<'_>, start: usize) -> Option<(Mention, usize)> {
    let (digits, decimals, i) = arabic_digits(s, start);
    let mut value: f64 = digits.parse().ok()?;
    let mut approx = approx_before(s, start);
    let mut j = s.skip_spaces(i);
    if let Some(factor) = magnitude(s, j) {
        value *= factor;
        j += 1;
    }
    if matches!(s.at(j), Some('余' | '多')) {
        approx = true;
        j += 1;
    }
    let (unit, j) = unit_after(s, j);
    Some((
        Mention {
            value,
            decimals,
            unit,
            approx,
            start: span_start(s, start),
            end: s.offset(j),
            number_start: s.offset(start),
        },
        j.max(i),
    ))
}

/// The digits of an Arabic numeral from `start`, without thousands separators and
/// with at most one decimal point: (digits, decimal places, index after them).
fn arabic_digits(s: &Chars<'_>, start: usize) -> (String, u32, usize) {
    let mut i = start;
    let mut digits = String::new();
    let mut decimals = 0;
    let mut seen_dot = false;
    while let Some(c) = s.at(i) {
        if c.is_ascii_digit() {
            digits.push(c);
            if seen_dot {
                decimals += 1;
            }
        } else if c == ','
            && !seen_dot
            && (1..=3).all(|k| s.at(i + k).is_some_and(|d| d.is_ascii_digit()))
            && !s.at(i + 4).is_some_and(|d| d.is_ascii_digit())
        {
            // a thousands separator
        } else if c == '.' && !seen_dot && s.at(i + 1).is_some_and(|d| d.is_ascii_digit()) {
            seen_dot = true;
            digits.push('.');
        } else {
            break;
        }
        i += 1;
    }
    (digits, decimals, i)
}

/// The factor of 万 or 亿 at `j`, unless they begin 万元/亿元 (units, not magnitudes).
fn magnitude(s: &Chars<'_>, j: usize) -> Option<f64> {
    match s.at(j)? {
        '万' if !s.starts_with(j, "万元") => Some(10_000.0),
        '亿' if !s.starts_with(j, "亿元") => Some(100_000_000.0),
        _ => None,
    }
}

/// The unit after a number, from `j`: ":1" for a ratio, else the first of [`UNITS`]
/// (百分点 written as 个百分点), else none; with the index after it.
fn unit_after(s: &Chars<'_>, j: usize) -> (String, usize) {
    if let Some(end) = ratio_to_one(s, j) {
        return (":1".into(), end);
    }
    let k = s.skip_spaces(j);
    let Some(u) = UNITS.iter().find(|u| s.starts_with(k, u)) else {
        return (String::new(), j);
    };
    let unit = if *u == "百分点" { "个百分点" } else { u };
    (unit.to_string(), k + u.chars().count())
}

/// The index after ":1" in a ratio ("9.60:1", "12∶1", "18比1"), if one follows `j`.
/// Only a lone 1 counts: "3:15" is a time or a score, not a ratio.
fn ratio_to_one(s: &Chars<'_>, j: usize) -> Option<usize> {
    let k = s.skip_spaces(j);
    if !matches!(s.at(k), Some(':' | '∶' | '比')) {
        return None;
    }
    let one = s.skip_spaces(k + 1);
    let lone = s.at(one) == Some('1')
        && !s
            .at(one + 1)
            .is_some_and(|d| d.is_ascii_digit() || d == '.');
    lone.then_some(one + 1)
}

/// The byte offset where a number's span begins: at a 约/近/… right before it, so
/// that the span covers it, else at the number itself.
fn span_start(s: &Chars<'_>, start: usize) -> usize {
    // Longer words first: 将近 must be taken whole, not as 近.
    let word = ["将近", "接近", "大约", "超过", "约", "近", "逾"]
        .iter()
        .find(|w| {
            let n = w.chars().count();
            start >= n && s.starts_with(start - n, w)
        })
        .map_or(0, |w| w.chars().count());
    s.offset(start - word)
}

fn chinese(s: &Chars<'_>, start: usize) -> Option<(Mention, usize)> {
    let mut i = start;
    let mut word = String::new();
    while let Some(c) = s.at(i) {
        if is_cn_digit(c) && word.chars().count() < 4 {
            word.push(c);
            i += 1;
        } else {
            break;
        }
    }
    let counter = COUNTERS.iter().find(|c| s.starts_with(i, c))?;
    let value = chinese_value(&word)?;
    // "一个" is an article more often than a count.
    if value <= 1 {
        return None;
    }
    let end = i + counter.chars().count();
    Some((
        Mention {
            value: value as f64,
            decimals: 0,
            unit: counter.to_string(),
            approx: approx_before(s, start),
            start: s.offset(start),
            end: s.offset(end),
            number_start: s.offset(start),
        },
        end,
    ))
}

/// 一 … 九十九 and 一百.
fn chinese_value(word: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        if c == '〇' {
            return Some(0);
        }
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let chars: Vec<char> = word
        .chars()
        .map(|c| if c == '两' { '二' } else { c })
        .collect();
    match chars.as_slice() {
        ['一', '百'] => Some(100),
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', c] => Some(10 + digit(*c)?),
        [c, '十'] => Some(digit(*c)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Mention {
        let m = mentions(text);
        assert_eq!(m.len(), 1, "{text}: {m:?}");
        m.into_iter().next().unwrap()
    }

    #[test]
    fn arabic_numbers_with_their_units() {
        let m = one("在校生共27,534人");
        assert_eq!((m.value, m.unit.as_str(), m.approx), (27534.0, "人", false));
        assert_eq!(&"在校生共27,534人"[m.start..m.end], "27,534人");
        assert_eq!(one("占比达46.51%").value, 46.51);
        assert_eq!(one("占比达46.51%").decimals, 2);
        assert_eq!(one("达到１２．５％").unit, "%");
        assert_eq!(one("达到１２．５％").value, 12.5);
        let m = one("约2.5万人");
        assert_eq!((m.value, m.unit.as_str(), m.approx), (25000.0, "人", true));
        let m = one("下达资金1.2亿元");
        assert_eq!((m.value, m.unit.as_str()), (1.2, "亿元"));
        let m = one("拥有150余所");
        assert_eq!((m.value, m.approx), (150.0, true));
        assert_eq!(one("生师比为9.60:1").unit, ":1");
        assert_eq!(one("生师比12∶1").value, 12.0);
        assert_eq!(one("提高3个百分点").unit, "个百分点");
        assert!(one("近3000人").approx);
    }

    #[test]
    fn chinese_numerals_for_small_counts() {
        let m = one("新建六所实训基地");
        assert_eq!((m.value, m.unit.as_str()), (6.0, "所"));
        assert_eq!(one("开设十二个专业").value, 12.0);
        assert!(mentions("第十七届大赛").is_empty());
        assert!(mentions("“十四五”规划").is_empty());
        assert!(mentions("建成一个平台").is_empty());
    }

    #[test]
    fn not_numbers() {
        assert!(
            mentions("5G 网络与 H5 页面")
                .iter()
                .all(|m| m.value != 5.0 || m.unit.is_empty())
        );
        let m = mentions("2024年9月");
        assert_eq!(m[0].unit, "年");
    }
}
