//! What the prose around an own table says about it: a figure for one of its rows or
//! columns in a year ("2024年……一等奖36项"), and a change on the year before
//! ("比上年度有显著增长"). Only what ties to one cell is kept: the sentence names the
//! year, the figure follows the row's or column's words directly.

use crate::base::normalize::fold_char;
use crate::base::source::Span;

use super::super::document::Block;
use super::super::facts::numbers::{Mention, mentions};
use super::grid::{Grid, Years, label_words};

/// A figure the prose gives for a cell.
#[derive(Debug, Clone)]
pub struct Said {
    pub year: u32,
    /// The row and column of the cell it speaks of.
    pub cell: (usize, usize),
    pub value: f64,
    pub decimals: u32,
    pub span: Span,
    /// The words it was found by.
    pub label: String,
    /// Another figure of the same sentence and year agrees with the table.
    pub confirmed: bool,
    /// The table gives this value for the same row or column in another year.
    pub other_year: Option<u32>,
    /// The sentence it was said in (counted over the table's prose).
    pub sentence: usize,
}

/// A change the prose states for a row or column against the year before.
#[derive(Debug, Clone)]
pub struct Trend {
    pub year: u32,
    pub up: bool,
    pub span: Span,
    pub from: (usize, usize),
    pub to: (usize, usize),
}

#[derive(Debug, Default)]
pub struct Prose {
    pub said: Vec<Said>,
    pub trends: Vec<Trend>,
    sentences: usize,
}

/// A row (years in columns) or a column (years in rows) the prose can name.
struct Series {
    line: usize,
    words: Vec<String>,
}

const COMPARE: [&str; 10] = [
    "比上年",
    "较上年",
    "比上一年",
    "较上一年",
    "同比",
    "比去年",
    "较去年",
    "与上年相比",
    "与上一年相比",
    "与去年相比",
];
const UP: [&str; 7] = ["增长", "增加", "提高", "上升", "提升", "增多", "攀升"];
const DOWN: [&str; 6] = ["下降", "减少", "降低", "回落", "下滑", "缩减"];
/// Words that may stand between a row's name and its figure.
const LINKERS: [&str; 10] = [
    "达到", "共计", "为", "是", "达", "共", "计", "有", ":", "合",
];

pub fn read(grid: &Grid, paras: &[usize], blocks: &[Block]) -> Prose {
    let series = series(grid);
    let mut out = Prose::default();
    if series.is_empty() {
        return out;
    }
    for &i in paras {
        let block = &blocks[i];
        // Offsets into the shown text only.
        if block.text.len() != block.span.len() {
            continue;
        }
        let mut from = 0;
        let text = &block.text;
        for (k, c) in text.char_indices().chain([(text.len(), '。')]) {
            if matches!(c, '。' | '！' | '？' | '!' | '?') && k > from {
                let s = &text[from..k];
                let start = block.span.start + from;
                sentence(grid, &series, s, start, &mut out);
                out.sentences += 1;
                from = k + c.len_utf8().min(text.len() - k);
            }
        }
    }
    out
}

fn series(grid: &Grid) -> Vec<Series> {
    let named = |text: &str| -> Vec<String> {
        let w: String = label_words(text)
            .chars()
            .filter(|c| !is_quote(*c))
            .collect();
        if w.chars().count() < 2 || w.chars().all(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let mut words = vec![w.clone()];
        for suffix in ["总数", "人数", "数量", "证书", "数据", "数"] {
            if let Some(stem) = w.strip_suffix(suffix)
                && stem.chars().count() >= 3
            {
                words.push(stem.to_string());
            }
        }
        words
    };
    match grid.years {
        Years::InRows => (1..grid.header.len())
            .filter(|&k| grid.col_years[k].is_none())
            .map(|k| Series {
                line: k,
                words: named(&grid.header[k].text),
            })
            .filter(|s| !s.words.is_empty())
            .collect(),
        Years::InColumns => (0..grid.rows.len())
            .filter_map(|r| {
                let label = grid.rows[r].first()?;
                Some(Series {
                    line: r,
                    words: named(&label.text),
                })
            })
            .filter(|s| !s.words.is_empty())
            .collect(),
        Years::None => Vec::new(),
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '「' | '」')
}

/// The cell of series line `line` in `year`, as (row, column).
fn cell_of(grid: &Grid, line: usize, year: u32) -> Option<(usize, usize)> {
    let at = match grid.years {
        Years::InRows => (grid.row_years.iter().position(|y| *y == Some(year))?, line),
        Years::InColumns => (line, grid.col_years.iter().position(|y| *y == Some(year))?),
        Years::None => return None,
    };
    grid.rows.get(at.0)?.get(at.1)?.value.map(|_| at)
}

fn value_at(grid: &Grid, at: (usize, usize)) -> Option<f64> {
    grid.rows.get(at.0)?.get(at.1)?.value
}

/// The sentence's text folded, without spaces and quotes, with each kept char's
/// byte offset in the sentence.
fn keyed(s: &str) -> (String, Vec<usize>) {
    let mut key = String::new();
    let mut offsets = Vec::new();
    for (i, c) in s.char_indices() {
        let c = fold_char(c);
        if c.is_whitespace() || is_quote(c) {
            continue;
        }
        key.push(c);
        offsets.push(i);
    }
    (key, offsets)
}

fn year_mention(m: &Mention) -> Option<u32> {
    (m.unit == "年" && m.decimals == 0 && (2000.0..2100.0).contains(&m.value))
        .then_some(m.value as u32)
}

/// The series whose words end the text right before byte `at` of the sentence
/// (after a linker such as 为, 达, 共): (series index, words).
fn named_before<'a>(
    series: &'a [Series],
    key: &str,
    offsets: &[usize],
    at: usize,
) -> Option<(usize, &'a str)> {
    let chars = offsets.iter().take_while(|&&o| o < at).count();
    let mut head: String = key.chars().take(chars).collect();
    for _ in 0..2 {
        if let Some(l) = LINKERS.iter().find(|l| head.ends_with(*l)) {
            head.truncate(head.len() - l.len());
        }
    }
    series
        .iter()
        .enumerate()
        .flat_map(|(k, s)| s.words.iter().map(move |w| (k, w.as_str())))
        .filter(|(_, w)| head.ends_with(w))
        .max_by_key(|(_, w)| w.len())
}

fn sentence(grid: &Grid, series: &[Series], s: &str, start: usize, out: &mut Prose) {
    let ms = mentions(s);
    let (key, offsets) = keyed(s);
    let mut found: Vec<Said> = Vec::new();
    let mut year = None;
    for m in &ms {
        if let Some(y) = year_mention(m) {
            year = Some(y);
            continue;
        }
        let written = &s[m.number_start..m.end];
        if m.approx || written.contains('万') || written.contains('亿') {
            continue;
        }
        let Some(y) = year else { continue };
        let Some((k, label)) = named_before(series, &key, &offsets, m.number_start) else {
            continue;
        };
        let line = series[k].line;
        let Some(cell) = cell_of(grid, line, y) else {
            continue;
        };
        let gc = &grid.rows[cell.0][cell.1];
        let percent = gc.text.trim_end().ends_with(['%', '％']);
        if (m.unit == "%") != percent || (m.unit == ":1") != (gc.rate && !percent) {
            continue;
        }
        found.push(Said {
            year: y,
            cell,
            value: m.value,
            decimals: m.decimals,
            span: Span::new(start + m.number_start, start + m.end),
            label: label.to_string(),
            confirmed: false,
            other_year: other_year(grid, line, y, m.value),
            sentence: out.sentences,
        });
    }
    let agrees = |x: &Said| value_at(grid, x.cell).is_some_and(|v| close(v, x.value, x.decimals));
    let agreeing: Vec<(u32, (usize, usize))> = found
        .iter()
        .filter(|x| agrees(x))
        .map(|x| (x.year, x.cell))
        .collect();
    for x in &mut found {
        x.confirmed = agreeing.iter().any(|&(y, c)| y == x.year && c != x.cell);
    }
    out.said.extend(found);
    if let Some(t) = trend(grid, series, s, start, &ms, &key) {
        out.trends.push(t);
    }
}

/// `said`, written with `decimals` places, is `table` rounded.
pub fn close(table: f64, said: f64, decimals: u32) -> bool {
    (table - said).abs() <= 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9
}

fn other_year(grid: &Grid, line: usize, year: u32, value: f64) -> Option<u32> {
    let years: Vec<u32> = match grid.years {
        Years::InRows => grid.row_years.iter().flatten().copied().collect(),
        _ => grid.col_years.iter().flatten().copied().collect(),
    };
    years
        .into_iter()
        .filter(|&y| y != year)
        .find(|&y| cell_of(grid, line, y).and_then(|c| value_at(grid, c)) == Some(value))
}

/// A change on the year before, stated for one row or column of the table: the
/// sentence names it, or says no subject at all ("比上年度有显著增长") and the table
/// has one total (or one line) it must be about.
fn trend(
    grid: &Grid,
    series: &[Series],
    s: &str,
    start: usize,
    ms: &[Mention],
    key: &str,
) -> Option<Trend> {
    let at = COMPARE.iter().filter_map(|w| key.find(w)).min()?;
    let up = UP.iter().any(|w| key.contains(w));
    let down = DOWN.iter().any(|w| key.contains(w));
    if up == down {
        return None;
    }
    let mut named: Vec<usize> = series
        .iter()
        .filter(|x| x.words.iter().any(|w| key[..at].contains(w.as_str())))
        .map(|x| x.line)
        .collect();
    named.dedup();
    let line = match named.as_slice() {
        [one] => *one,
        [] => {
            let head = key[..at].trim_start_matches(['，', ',', '、']);
            let bare =
                head.is_empty() || ["总数", "总量", "合计", "总体", "整体", "均"].contains(&head);
            if !bare {
                return None;
            }
            total_line(grid, series)?
        }
        _ => return None,
    };
    let years: Vec<u32> = ms.iter().filter_map(year_mention).collect();
    let year = match years.as_slice() {
        [y] => *y,
        [] => grid.years().iter().map(|(y, _, _)| *y).max()?,
        _ => return None,
    };
    let to = cell_of(grid, line, year)?;
    let from = cell_of(grid, line, year.checked_sub(1)?)?;
    Some(Trend {
        year,
        up,
        span: Span::new(start, start + s.len()),
        from,
        to,
    })
}

/// The one line a subjectless change speaks of: the table's declared total, or its
/// only line.
fn total_line(grid: &Grid, series: &[Series]) -> Option<usize> {
    let column = grid.years == Years::InRows;
    let totals: Vec<usize> = grid
        .totals
        .iter()
        .filter(|t| t.column == column)
        .map(|t| t.index)
        .collect();
    match (totals.as_slice(), series) {
        ([one], _) => Some(*one),
        ([], [only]) => Some(only.line),
        _ => None,
    }
}
