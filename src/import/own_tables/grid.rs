//! A report's own table read as a grid: an optional header row, data rows of cells
//! with their numbers, the years it runs over (in the first column, "2024年", or in
//! the header, "2023 年数据"), and the totals it declares (a 合计 row, a 总数 column)
//! with the parts each one sums. Pure functions of the cells.

use crate::base::normalize::{compact, is_dash, parse_number};
use crate::base::source::Span;

use super::super::table_shape::year_cell;

/// At most this many rows and cells per row are read; a longer table is cut.
pub const MAX_ROWS: usize = 200;
pub const MAX_CELLS: usize = 30;

#[derive(Debug, Clone)]
pub struct GridCell {
    pub text: String,
    pub span: Span,
    /// The number the cell holds ("4305", "17.73%", "9.60:1"), if it is one.
    pub value: Option<f64>,
    pub decimals: u32,
    /// Written as a percentage or a ratio: never summed.
    pub rate: bool,
}

impl GridCell {
    pub fn new(text: &str, span: Span) -> Self {
        let c = compact(text);
        let value = parse_number(&c).filter(|_| !is_dash(&c));
        let number = c.split([':', '%']).next().unwrap_or_default();
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len() as u32);
        GridCell {
            text: text.trim().to_string(),
            span,
            value,
            decimals,
            rate: c.ends_with('%') || c.contains(':'),
        }
    }
}

/// Which way the years run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Years {
    /// One row per year ("2024年 4305 3246 …").
    InRows,
    /// One column per year ("项目 2023 年数据 2024 年数据").
    InColumns,
    None,
}

/// A declared total and the lines it sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    /// A column (its cells in each row `across`) or a row (its cells in each column).
    pub column: bool,
    pub index: usize,
    pub parts: Vec<usize>,
    pub across: Vec<usize>,
    /// The parts are every numeric line of the group: nothing is left out.
    pub whole: bool,
    /// Named as a sum (合计, 总计, 小计, 共计), not as a count (总数).
    pub explicit: bool,
}

#[derive(Debug, Clone)]
pub struct Grid {
    pub header: Vec<GridCell>,
    pub rows: Vec<Vec<GridCell>>,
    pub years: Years,
    /// The year of each row (InRows) or header column (InColumns).
    pub row_years: Vec<Option<u32>>,
    pub col_years: Vec<Option<u32>>,
    pub totals: Vec<Total>,
}

/// A row of dashes, colons and bars (a Markdown rule, "----\t------").
fn rule_row(cells: &[GridCell]) -> bool {
    cells
        .iter()
        .all(|c| c.text.chars().all(|ch| "-—–:|=＿_ ".contains(ch)))
}

fn year_of(text: &str) -> Option<u32> {
    year_cell(text).and_then(|y| y.parse().ok())
}

/// A header row names its columns: no number in it except years.
fn header_row(cells: &[GridCell]) -> bool {
    cells.iter().any(|c| !c.text.is_empty())
        && cells
            .iter()
            .all(|c| c.value.is_none() || year_of(&c.text).is_some())
        && cells.iter().any(|c| c.value.is_none())
}

impl Grid {
    /// Reads `rows` (each a row's cells); None if nothing in it is a number.
    pub fn read(rows: Vec<Vec<GridCell>>) -> Option<Grid> {
        let mut rows: Vec<Vec<GridCell>> = rows
            .into_iter()
            .filter(|r| !r.is_empty() && !rule_row(r))
            .take(MAX_ROWS + 1)
            .map(|mut r| {
                r.truncate(MAX_CELLS);
                r
            })
            .collect();
        let header = if rows.first().is_some_and(|r| header_row(r)) {
            rows.remove(0)
        } else {
            Vec::new()
        };
        rows.truncate(MAX_ROWS);
        if !rows.iter().flatten().any(|c| c.value.is_some()) {
            return None;
        }
        let row_years: Vec<Option<u32>> = rows
            .iter()
            .map(|r| r.first().and_then(|c| year_of(&c.text)))
            .collect();
        let col_years: Vec<Option<u32>> = header.iter().map(|c| year_of(&c.text)).collect();
        let in_rows = row_years.iter().flatten().count();
        let in_cols = col_years.iter().flatten().count();
        let years = if in_cols >= 1 && in_cols >= in_rows {
            Years::InColumns
        } else if in_rows >= 1 {
            Years::InRows
        } else {
            Years::None
        };
        let mut grid = Grid {
            header,
            rows,
            years,
            row_years,
            col_years,
            totals: Vec::new(),
        };
        let mut totals = grid.column_totals();
        totals.extend(grid.row_totals());
        for t in &mut totals {
            grid.narrow(t);
        }
        grid.totals = totals;
        Some(grid)
    }

    /// How many lines `across` the parts add up to the total in, and how many not
    /// (lines where a cell is missing or a rate count as neither).
    fn sums(&self, t: &Total, parts: &[usize]) -> (usize, usize) {
        let at = |line: usize, x: usize| {
            let (r, k) = if t.column { (x, line) } else { (line, x) };
            self.cell(r, k).filter(|c| !c.rate).and_then(|c| c.value)
        };
        let (mut ok, mut bad) = (0, 0);
        for &x in &t.across {
            let Some(total) = at(t.index, x) else {
                continue;
            };
            let Some(sum) = parts.iter().map(|&p| at(p, x)).sum::<Option<f64>>() else {
                continue;
            };
            if (total - sum).abs() < 1e-6 {
                ok += 1;
            } else {
                bad += 1;
            }
        }
        (ok, bad)
    }

    /// A total named as a count ("在校生总数 男 女 专业数") whose parts never add up
    /// to it, though the first (or last) few of them always do: those few are its
    /// parts, and the rest are other quantities beside it.
    fn narrow(&self, t: &mut Total) {
        if t.explicit || self.sums(t, &t.parts) != (0, t.across.len()) {
            return;
        }
        let n = t.parts.len();
        for len in (2..n).rev() {
            for few in [t.parts[..len].to_vec(), t.parts[n - len..].to_vec()] {
                let (ok, bad) = self.sums(t, &few);
                if ok > 0 && bad == 0 {
                    t.parts = few;
                    return;
                }
            }
        }
    }

    /// The years the table runs over, each with the row (years in rows) or column
    /// (years in columns) it heads and the cell that names it.
    pub fn years(&self) -> Vec<(u32, usize, Span)> {
        let (years, cells): (&[Option<u32>], Vec<Span>) = match self.years {
            Years::InRows => (
                &self.row_years,
                self.rows
                    .iter()
                    .map(|r| r.first().map_or(Span::new(0, 0), |c| c.span))
                    .collect(),
            ),
            Years::InColumns => (
                &self.col_years,
                self.header.iter().map(|c| c.span).collect(),
            ),
            Years::None => (&[], Vec::new()),
        };
        years
            .iter()
            .zip(cells)
            .enumerate()
            .filter_map(|(k, (y, s))| y.map(|y| (y, k, s)))
            .collect()
    }

    fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn cell(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.rows.get(row)?.get(col)
    }

    /// A column that holds counts: some number, no rate, and a header that is no rate.
    fn count_column(&self, col: usize) -> Option<bool> {
        let cells: Vec<&GridCell> = (0..self.rows.len())
            .filter_map(|r| self.cell(r, col))
            .collect();
        if !cells.iter().any(|c| c.value.is_some()) {
            return None;
        }
        let head = self
            .header
            .get(col)
            .map_or(String::new(), |c| compact(&c.text));
        Some(!cells.iter().any(|c| c.rate) && !rate_word(&head))
    }

    fn column_totals(&self) -> Vec<Total> {
        if self.header.is_empty() {
            return Vec::new();
        }
        // Columns after the first (the rows' names), with whether each sums.
        let numeric: Vec<(usize, bool)> = (1..self.width())
            .filter_map(|k| self.count_column(k).map(|sums| (k, sums)))
            .collect();
        let total_at = |k: usize| {
            self.header
                .get(k)
                .and_then(|c| total_word(&c.text))
                .filter(|_| self.col_years.get(k).copied().flatten().is_none())
        };
        let lines: Vec<Line> = numeric
            .iter()
            .map(|&(k, sums)| Line {
                index: k,
                sums,
                total: total_at(k),
                sub: false,
                unit: self.header.get(k).and_then(|c| unit_of(&c.text)),
            })
            .collect();
        let across: Vec<usize> = (0..self.rows.len())
            .filter(|&r| {
                self.rows[r]
                    .first()
                    .is_none_or(|c| total_word(&c.text).is_none())
            })
            .collect();
        totals_of(&lines, &across, true)
    }

    fn row_totals(&self) -> Vec<Total> {
        let lines: Vec<Line> = (0..self.rows.len())
            .filter(|&r| self.rows[r].iter().skip(1).any(|c| c.value.is_some()))
            .map(|r| {
                let label = self.rows[r].first().map_or("", |c| c.text.as_str());
                let name = compact(label);
                Line {
                    index: r,
                    sums: !rate_word(&name) && !self.rows[r].iter().any(|c| c.rate),
                    total: total_word(label).filter(|_| row_total_word(&name)),
                    sub: name.starts_with("其中"),
                    unit: unit_of(label),
                }
            })
            .collect();
        // Each column is checked where its cells are counts (a share row's cells are
        // skipped by the rule, cell by cell).
        let across: Vec<usize> = (1..self.width())
            .filter(|&k| {
                let head = self
                    .header
                    .get(k)
                    .map_or(String::new(), |c| compact(&c.text));
                self.count_column(k).is_some() && !rate_word(&head)
            })
            .collect();
        totals_of(&lines, &across, false)
    }
}

/// One numeric row or column, as a candidate total or part.
struct Line {
    index: usize,
    /// Holds counts that can be added up.
    sums: bool,
    /// Named as a total: Some(explicit).
    total: Option<bool>,
    /// A "其中" line: a part of the line above, not of the total.
    sub: bool,
    unit: Option<String>,
}

/// The totals among `lines` and their parts: the lines after a total up to the next
/// one, or, for a total that closes its group (the last line, a 合计 at the
/// bottom), the lines before it back to the previous total. Returns
/// (index, parts, whole, explicit).
fn groups(lines: &[Line]) -> Vec<(usize, Vec<usize>, bool, bool)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(explicit) = line.total else { continue };
        if !line.sums {
            continue;
        }
        let after = lines[i + 1..]
            .iter()
            .take_while(|l| l.total.is_none())
            .collect::<Vec<_>>();
        let before = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.total.is_none())
            .collect::<Vec<_>>();
        // A total at the end of the table (or right before another total) closes
        // the lines above it; otherwise it opens the lines below.
        let group = if after.is_empty() { before } else { after };
        let mut whole = true;
        let mut parts = Vec::new();
        for l in group {
            let other_unit = line.unit.is_some() && l.unit.is_some() && l.unit != line.unit;
            if !l.sums || l.sub || other_unit {
                whole = false;
                continue;
            }
            parts.push(l.index);
        }
        parts.sort_unstable();
        if parts.len() >= 2 {
            out.push((line.index, parts, whole, explicit));
        }
    }
    out
}

/// The header's or label's words without a unit in brackets: "获奖总数 (项)" →
/// "获奖总数".
pub fn label_words(text: &str) -> String {
    let c = compact(text);
    let c = c.trim_start_matches("其中").trim_start_matches(':');
    match c.find('(') {
        Some(i) if i > 0 && c.ends_with(')') => c[..i].to_string(),
        _ => c.to_string(),
    }
}

/// The unit in brackets at the end of a header ("获奖总数 (项)" → "项").
fn unit_of(text: &str) -> Option<String> {
    let c = compact(text);
    let inner = c.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let u = &inner[open + 1..];
    (!u.is_empty() && u.chars().count() <= 4).then(|| u.to_string())
}

/// Named as a total: Some(true) for a sum (合计, 总计, 小计, 共计, 全市合计),
/// Some(false) for a count of the whole (总数, 证书总数, 获奖总数, 总量).
pub fn total_word(text: &str) -> Option<bool> {
    let w = label_words(text);
    let w = w.trim_end_matches(':');
    if w.chars().count() > 16 {
        return None;
    }
    const SUM: [&str; 5] = ["合计", "总计", "小计", "共计", "总和"];
    const COUNT: [&str; 5] = ["总数", "总计数", "总量", "总人数", "总数量"];
    if SUM.iter().any(|s| w.ends_with(s)) {
        return Some(true);
    }
    COUNT.iter().any(|s| w.ends_with(s)).then_some(false)
}

/// A row named only as a total ("合计", "总计", "全市合计"): "教职工总数" as a row
/// is an indicator of its own, not the sum of the rows above.
fn row_total_word(name: &str) -> bool {
    let n = name.trim_end_matches(':');
    ["合计", "总计", "小计", "共计", "总数", "总和"]
        .iter()
        .any(|w| {
            n.strip_suffix(w).is_some_and(|head| {
                [
                    "", "全市", "全县", "全区", "全省", "全校", "本校", "各校", "学校", "总",
                ]
                .contains(&head)
            })
        })
}

/// A rate, ratio, share or average: never a part of a sum.
fn rate_word(w: &str) -> bool {
    w.ends_with('比')
        || ["率", "比例", "占比", "平均", "均值", "%", "百分"]
            .iter()
            .any(|x| w.contains(x))
}

#[cfg(test)]
#[path = "grid_tests.rs"]
mod tests;

/// The declared totals of a table's lines (columns or rows), each checked across
/// the lines of the other direction in `across`.
fn totals_of(lines: &[Line], across: &[usize], column: bool) -> Vec<Total> {
    groups(lines)
        .into_iter()
        .map(|(index, parts, whole, explicit)| Total {
            column,
            index,
            parts,
            across: across.to_vec(),
            whole,
            explicit,
        })
        .collect()
}
