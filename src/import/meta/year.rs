//! The report year in every form covers and first pages write it (variations A1–A11,
//! G2, G8, G10): "(2024年度)", "（2019 年度）", "２０２１年度", "(2018)", "2014—2015学年",
//! and the dates "2025年1月", "二〇二五年一月". Matching runs on folded characters with
//! their byte offsets in the original text, so that evidence keeps its span.

use crate::base::normalize::fold_char;

/// How the year is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "(2024年度)", "2024年度": the year reported.
    Annual,
    /// "2022年…质量年度报告": the year, said as a year.
    Year,
    /// "(2018)", or a leading "2018…" in a file title: an edition year (A11).
    Bare,
}

/// A year found in a text: the printed year, its form and its byte range there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub printed: u32,
    pub form: Form,
    pub start: usize,
    pub end: usize,
}

impl Mark {
    /// The year the report is about. A bare "(YYYY)" before 2023 named the edition,
    /// which reports on the year before (the national "2021…" report describes 2020);
    /// from 2023 on the MOE writes "(YYYY年度)" for the year reported, and a bare year
    /// is taken at face value (it may still be an edition year: the caller says so).
    pub fn data_year(self) -> u32 {
        match self.form {
            Form::Bare if self.printed < 2023 => self.printed - 1,
            _ => self.printed,
        }
    }
}

/// `text` without whitespace, each character folded (full-width → ASCII, dashes →
/// "-"), with the byte offset where it starts in `text`.
pub fn folded(text: &str) -> Vec<(usize, char)> {
    text.char_indices()
        .map(|(i, c)| (i, fold_char(c)))
        .filter(|(_, c)| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}'))
        .collect()
}

/// The byte end of the folded character at `k`.
fn end_of(text: &str, chars: &[(usize, char)], k: usize) -> usize {
    let i = chars[k].0;
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

/// Four-digit years (2000–2099) standing alone in `chars`: (index of the first digit, year).
fn years(chars: &[(usize, char)]) -> Vec<(usize, u32)> {
    let digit = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_ascii_digit());
    let mut out = Vec::new();
    for k in 0..chars.len().saturating_sub(3) {
        if (k > 0 && digit(k - 1)) || digit(k + 4) || !(k..k + 4).all(digit) {
            continue;
        }
        let y: String = chars[k..k + 4].iter().map(|(_, c)| c).collect();
        if let Ok(y) = y.parse::<u32>()
            && (2000..2100).contains(&y)
        {
            out.push((k, y));
        }
    }
    out
}

/// The report year a title or cover line states; the strongest form wins
/// ("(2024年度)" over "(2018)" over "2022年").
pub fn mark(text: &str) -> Option<Mark> {
    let chars = folded(text);
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    let mut best: Option<(u8, Mark)> = None;
    for (k, y) in years(&chars) {
        let (rank, form, last) = match (at(k + 4), at(k + 5)) {
            (Some('年'), Some('度')) => (3, Form::Annual, k + 5),
            // "2022届" is a cohort, "2022年3月" a date: neither names the report year.
            (Some('年'), Some(c)) if !c.is_ascii_digit() && !"一二三四五六七八九十".contains(c) => {
                (1, Form::Year, k + 4)
            }
            (Some(')'), _) if k > 0 && at(k - 1) == Some('(') => (2, Form::Bare, k + 4),
            // "2018丰原…质量年度报告.pdf": a year glued to the front of a file title.
            (Some(c), _) if k == 0 && !c.is_ascii() && !matches!(c, '年' | '届') => {
                (2, Form::Bare, k + 3)
            }
            _ => continue,
        };
        let m = Mark {
            printed: y,
            form,
            start: chars[k].0,
            end: end_of(text, &chars, last),
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, m));
        }
    }
    best.map(|(_, m)| m)
}

/// Whether `text` is nothing but a year mark: "(2019 年度)", "（2018）", "2024年度".
pub fn only_mark(text: &str) -> Option<Mark> {
    let m = mark(text)?;
    let rest: String = text[..m.start]
        .chars()
        .chain(text[m.end..].chars())
        .map(fold_char)
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']' | '【' | '】'))
        .collect();
    rest.is_empty().then_some(m)
}

/// An academic year "2014—2015学年" (any dash, "~" or "至"): its end year and byte range.
pub fn school_years(text: &str) -> Vec<(u32, usize, usize)> {
    let chars = folded(text);
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    let found = years(&chars);
    let mut out = Vec::new();
    for (k, y) in &found {
        let mut j = k + 4;
        if at(j) == Some('年') {
            j += 1;
        }
        if !matches!(at(j), Some('-' | '~' | '至' | '/')) {
            continue;
        }
        let Some(&(k2, y2)) = found.iter().find(|(k2, _)| *k2 == j + 1) else {
            continue;
        };
        let mut e = k2 + 4;
        if at(e) == Some('年') {
            e += 1;
        }
        if at(e) == Some('学') && at(e + 1) == Some('年') && y2 == y + 1 {
            out.push((y2, chars[*k].0, end_of(text, &chars, e + 1)));
        }
    }
    out
}

/// Every "YYYY年度" in `text`: the year and its byte range.
pub fn annual_mentions(text: &str) -> Vec<(u32, usize, usize)> {
    let chars = folded(text);
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    years(&chars)
        .into_iter()
        .filter(|(k, _)| at(k + 4) == Some('年') && at(k + 5) == Some('度'))
        .map(|(k, y)| (y, chars[k].0, end_of(text, &chars, k + 5)))
        .collect()
}

/// A year written in Chinese digits: "二〇二五" → 2025.
fn chinese_year(s: &str) -> Option<u32> {
    let digits: Option<String> = s
        .chars()
        .map(|c| match c {
            '〇' | '零' | 'Ｏ' | 'O' | '○' => Some('0'),
            _ => "一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .and_then(|p| char::from_digit(p as u32 + 1, 10)),
        })
        .collect();
    let d = digits?;
    (d.len() == 4).then(|| d.parse().ok()).flatten()
}

/// A number of months or days, in digits or Chinese ("十二", "一").
fn small(s: &str) -> Option<u32> {
    s.parse()
        .ok()
        .or_else(|| crate::base::normalize::small_chinese_number(s))
}

/// A cover's date line, alone on its line: "2025年12月", "2022 年 12 月", "二〇二五年一月",
/// "2023年3月14日" → "2025-12" (or "2023-03-14").
pub fn date_line(text: &str) -> Option<String> {
    let c: String = folded(text).into_iter().map(|(_, c)| c).collect();
    let (y, rest) = c.split_once('年')?;
    let y: u32 = if y.len() == 4 && y.chars().all(|ch| ch.is_ascii_digit()) {
        y.parse().ok()?
    } else {
        chinese_year(y)?
    };
    let (m, rest) = rest.split_once('月')?;
    let m = small(m).filter(|m| (1..=12).contains(m))?;
    match rest {
        "" => Some(format!("{y}-{m:02}")),
        d => {
            let d = d
                .strip_suffix('日')
                .and_then(small)
                .filter(|d| (1..=31).contains(d))?;
            Some(format!("{y}-{m:02}-{d:02}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_forms_on_covers() {
        for (text, printed, form, data) in [
            (
                "某某县职业教育中心职业教育质量年度报告(2025年度)",
                2025,
                Form::Annual,
                2025,
            ),
            (
                "某某县职业教育中心质量报告（2025年度）",
                2025,
                Form::Annual,
                2025,
            ),
            ("(2019 年度)", 2019, Form::Annual, 2019),
            ("（ ２０１９ 年度 ）", 2019, Form::Annual, 2019),
            (
                "江岭省高等职业教育质量年度报告(2018)",
                2018,
                Form::Bare,
                2017,
            ),
            (
                "某职业学院高等职业教育质量年度报告（2023）",
                2023,
                Form::Bare,
                2023,
            ),
            (
                "某职业学校2021年度中等职业教育质量报告",
                2021,
                Form::Annual,
                2021,
            ),
            (
                "2018丰原信息工程中等专业学校质量年度报告.pdf",
                2018,
                Form::Bare,
                2017,
            ),
            ("某某学院2025年质量年度报告", 2025, Form::Year, 2025),
            (
                "丰 原 市 高 等 职 业 教 育 质 量 年 度 报 告 (2 0 1 9)",
                2019,
                Form::Bare,
                2018,
            ),
        ] {
            let m = mark(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                (m.printed, m.form, m.data_year()),
                (printed, form, data),
                "{text}"
            );
        }
        let t = "某校质量报告（2019 年度）";
        let m = mark(t).unwrap();
        assert_eq!(&t[m.start..m.end], "2019 年度");
        assert!(mark("2022届毕业生就业质量年度报告").is_none());
        assert!(mark("2024年12月").is_none());
        assert!(only_mark("(2019 年度)").is_some());
        assert!(only_mark("（2018）").is_some());
        assert!(only_mark("某校(2018)").is_none());
    }

    #[test]
    fn school_years_with_any_dash() {
        for t in [
            "2014—2015学年",
            "2014-2015学年",
            "2014~2015学年",
            "2014～2015学年",
            "2014至2015学年",
            "2014 – 2015 学年",
            "2014年—2015年学年",
        ] {
            let ys = school_years(t);
            assert_eq!(ys.len(), 1, "{t}");
            assert_eq!(ys[0].0, 2015, "{t}");
            assert_eq!(&t[ys[0].1..ys[0].2], t, "{t}");
        }
        assert!(school_years("2014—2016学年").is_empty());
        assert!(school_years("2014—2015年").is_empty());
    }

    #[test]
    fn date_lines() {
        assert_eq!(date_line("2025年12月").as_deref(), Some("2025-12"));
        assert_eq!(date_line("2022 年 12 月").as_deref(), Some("2022-12"));
        assert_eq!(date_line("二〇二五年一月").as_deref(), Some("2025-01"));
        assert_eq!(date_line("二〇二四年十二月").as_deref(), Some("2024-12"));
        assert_eq!(date_line("2023年3月14日").as_deref(), Some("2023-03-14"));
        assert_eq!(date_line("２０２６年１月").as_deref(), Some("2026-01"));
        assert!(date_line("2024年招生812人").is_none());
    }
}
