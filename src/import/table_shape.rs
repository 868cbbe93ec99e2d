//! What makes a run of rows one of the six data tables, whatever its caption says:
//! a header (序号/指标/单位 and year columns, possibly over two rows with a merged
//! 数据 cell above the years) and rows the template catalogue knows.

use serde_json::Value;

use crate::base::normalize::{compact, is_dash, number_value, parse_number};
use crate::base::source::Span;

use super::builder::Builder;
use super::document::{Block, BlockKind, Cell};
use super::rows::{RowCatalog, is_unit};

/// What the header row says about the columns.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Year keys ("2023", "2024") in column order.
    pub years: Vec<String>,
    /// Columns after the years (满意度: 调查人次, 调查方式).
    pub extras: Vec<Extra>,
    pub has_unit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Extra {
    Respondents,
    Method,
    Other,
}

/// "2023年", "2023 年", "2023年数据", "2023学年" → "2023".
pub(crate) fn year_cell(text: &str) -> Option<String> {
    let c = compact(text);
    let digits: String = c.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let rest = &c[4..];
    matches!(
        rest,
        "" | "年" | "年度" | "学年" | "年数据" | "年度数据" | "数据" | "年值"
    )
    .then_some(digits)
    .filter(|y| (2000..2100).contains(&y.parse::<u32>().unwrap_or(0)))
}

fn extra_of(key: &str) -> Extra {
    if key.contains("人次") || key.contains("人数") {
        Extra::Respondents
    } else if key.contains("方式") {
        Extra::Method
    } else {
        Extra::Other
    }
}

fn keys(cells: &[Cell]) -> Vec<String> {
    cells.iter().map(|c| compact(&c.text)).collect()
}

/// Whether the row names its columns (序号, 指标, 项目).
fn names_columns(keys: &[String]) -> bool {
    keys.iter()
        .any(|k| matches!(k.as_str(), "指标" | "项目" | "指标名称" | "序号"))
}

/// A one-row header: names and year columns together.
pub fn header(cells: &[Cell]) -> Option<Columns> {
    let keys = keys(cells);
    let years: Vec<String> = cells.iter().filter_map(|c| year_cell(&c.text)).collect();
    if years.is_empty() || !names_columns(&keys) {
        return None;
    }
    let last_year = keys.iter().rposition(|k| year_cell(k).is_some())?;
    Some(Columns {
        years,
        extras: keys[last_year + 1..].iter().map(|k| extra_of(k)).collect(),
        has_unit: keys.iter().any(|k| k == "单位"),
    })
}

/// The first row of a two-row header: column names with a merged "数据" (or nothing)
/// where the years go; the years are on the row below.
pub fn header_top(cells: &[Cell]) -> Option<Vec<String>> {
    let keys = keys(cells);
    (names_columns(&keys) && !keys.iter().any(|k| year_cell(k).is_some())).then_some(keys)
}

/// The second row of a two-row header: only years (and the empty cells under the
/// merged names), completed by the row above.
pub fn header_bottom(top: &[String], cells: &[Cell]) -> Option<Columns> {
    let keys = keys(cells);
    let years: Vec<String> = keys.iter().filter_map(|k| year_cell(k)).collect();
    let only_years = keys
        .iter()
        .all(|k| k.is_empty() || year_cell(k).is_some() || extra_of(k) != Extra::Other);
    if years.is_empty() || !only_years {
        return None;
    }
    let last_year = keys.iter().rposition(|k| year_cell(k).is_some())?;
    // Extras are named on the top row (merged down) or on this one.
    let mut extras: Vec<Extra> = keys[last_year + 1..]
        .iter()
        .filter(|k| !k.is_empty())
        .map(|k| extra_of(k))
        .collect();
    if extras.is_empty() {
        extras = top
            .iter()
            .map(|k| extra_of(k))
            .filter(|e| *e != Extra::Other)
            .collect();
    }
    Some(Columns {
        years,
        extras,
        has_unit: top.iter().any(|k| k == "单位"),
    })
}

/// A header cell's word: "序号", "指标", "2024年" ….
pub fn header_word(c: &str) -> bool {
    matches!(
        c,
        "序号" | "指标" | "项目" | "指标名称" | "单位" | "数据" | "调查人次" | "调查方式"
    ) || year_cell(c).is_some()
}

/// A row written with spaces instead of tabs, as PDF text and flattened copies
/// leave it: a header whose words are all column names ("序号 指标 单位 2023年
/// 2024年"), or a row with a unit and values after it ("1 毕业生人数 人 7800 9397"),
/// maybe followed by text (a survey method: "… 6128 全国统一网上调查").
pub fn spaced_cells(block: &Block) -> Option<Vec<Cell>> {
    let text = &block.text;
    let mut cells = Vec::new();
    let base = block.span.start;
    let mut start = None;
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if ch.is_whitespace() {
            if let Some(s) = start.take() {
                cells.push(Cell {
                    text: text[s..i].to_string(),
                    span: Span::new(base + s, base + i),
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let header: Vec<Cell> = cells.iter().flat_map(header_words).collect();
    if header.len() >= 3
        && header.iter().all(|c| header_word(&compact(&c.text)))
        && header
            .iter()
            .any(|c| year_cell(&compact(&c.text)).is_some())
    {
        return Some(header);
    }
    let unit = match cells.iter().position(|c| is_unit(&c.text)) {
        Some(u) => u,
        None => split_glued_unit(&mut cells)?,
    };
    // "约300", "3,000", "89.27%": a value cell as written, even one the row reader
    // will find fault with.
    let is_value = |c: &Cell| {
        parse_number(&c.text).is_some()
            || is_dash(&c.text)
            || c.text.chars().any(|ch| ch.is_ascii_digit())
    };
    let values = cells[unit + 1..].iter().take_while(|c| is_value(c)).count();
    let after = unit + 1 + values;
    if unit == 0 || values == 0 {
        return None;
    }
    // Text after the values is one cell (a survey method of several words).
    if after < cells.len() {
        let tail = &cells[after..];
        if tail.iter().any(is_value) {
            return None;
        }
        let merged = Cell {
            text: tail
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            span: Span::new(tail[0].span.start, tail[tail.len() - 1].span.end),
        };
        cells.truncate(after);
        cells.push(merged);
    }
    Some(cells)
}

/// Column names run together ("序号指标单位", when the spaces between Chinese
/// characters were dropped) as one cell each; any other cell as it is.
fn header_words(cell: &Cell) -> Vec<Cell> {
    const WORDS: [&str; 8] = [
        "序号",
        "指标名称",
        "指标",
        "项目",
        "单位",
        "数据",
        "调查人次",
        "调查方式",
    ];
    let text = cell.text.as_str();
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(w) = WORDS.iter().find(|w| text[at..].starts_with(**w)) else {
            return vec![cell.clone()];
        };
        let start = (cell.span.start + at).min(cell.span.end);
        let end = (start + w.len()).min(cell.span.end);
        out.push(Cell {
            text: w.to_string(),
            span: Span::new(start, end),
        });
        at += w.len();
    }
    out
}

/// "毕业生人数人 612": a name with its unit glued on (spaces between Chinese
/// characters were dropped) before the first value. Splits the unit off into a
/// cell of its own and returns its index.
fn split_glued_unit(cells: &mut Vec<Cell>) -> Option<usize> {
    // The first value after a word (the serial number before the name is not one).
    let number = |c: &Cell| parse_number(&c.text).is_some();
    let name = (0..cells.len().saturating_sub(1))
        .find(|&i| !number(&cells[i]) && number(&cells[i + 1]))?;
    let text = cells[name].text.clone();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The longest unit that leaves a name of two characters or more.
    let at = (1..=3.min(chars.len().saturating_sub(2)))
        .rev()
        .map(|n| chars[chars.len() - n].0)
        .find(|&i| is_unit(&text[i..]))?;
    let span = cells[name].span;
    let split = span.start + at;
    let unit = Cell {
        text: text[at..].to_string(),
        span: Span::new(split.min(span.end), span.end),
    };
    cells[name] = Cell {
        text: text[..at].to_string(),
        span: Span::new(span.start, split.min(span.end)),
    };
    cells.insert(name + 1, unit);
    Some(name + 1)
}

/// The cells of a row block (tabs, or spaces around a unit).
pub fn cells_of(block: &Block) -> Option<Vec<Cell>> {
    if block.cells.is_empty() {
        spaced_cells(block)
    } else {
        Some(block.cells.clone())
    }
}

/// Which of the six tables a run of rows is, by the rows the template catalogue
/// knows: (table key, the stage its rows alone belong to, rows matched). At least
/// two rows must match exactly, more than any other table's, and at least half the
/// rows with a name: a table of the report's own that shares a row or two with the
/// template is not one of the six.
pub fn identify(
    catalog: &RowCatalog,
    blocks: &[Block],
) -> Option<(&'static str, Option<&'static str>, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    let mut stage: Option<&'static str> = None;
    let mut named = 0;
    for block in blocks.iter().take(80) {
        if block.kind != BlockKind::Row && block.cells.is_empty() && spaced_cells(block).is_none() {
            break;
        }
        let Some(cells) = cells_of(block) else { break };
        named += usize::from(cells.iter().any(|c| is_name(&c.text)));
        for cell in cells.iter().filter(|c| is_name(&c.text)) {
            for (table, i) in catalog.exact_tables(&cell.text) {
                match counts.iter_mut().find(|(t, _)| *t == table) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((table, 1)),
                }
                if let [only] = catalog.targets[i].stages.as_slice() {
                    stage = crate::base::vocab::Stage::from_key(only).map(|s| s.key());
                }
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [(t, n), rest @ ..]
            if *n >= 2 && 2 * n >= named && rest.first().is_none_or(|(_, m)| m < n) =>
        {
            Some((t, stage, *n))
        }
        _ => None,
    }
}

/// A cell that could be an indicator's name (not a number, unit or year).
fn is_name(text: &str) -> bool {
    let c = compact(text);
    c.chars().count() >= 3 && parse_number(&c).is_none() && !is_unit(&c) && year_cell(&c).is_none()
}

/// One row of the list of specialty groups given under 表3.
pub fn specialty_group(header: &[String], cells: &[Cell], block: &Block, b: &mut Builder) {
    let mut item = serde_json::Map::new();
    for (h, c) in header.iter().zip(cells) {
        if c.text.is_empty() {
            continue;
        }
        let field = match h.as_str() {
            "专业群名称" => "name",
            k if k.contains("产业") => "industry",
            k if k.contains("核心专业") => "core_specialties",
            k if k.contains("专业数") => "specialties",
            _ => continue,
        };
        let value = if field == "specialties" {
            parse_number(&c.text)
                .map_or(Value::String(c.text.clone()), |x| number_value(&c.text, x))
        } else {
            Value::String(c.text.clone())
        };
        item.insert(field.to_string(), value);
    }
    if item.contains_key("name") {
        b.push("/specialty_groups", Value::Object(item), block.span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(s: &str) -> Vec<Cell> {
        s.split('\t')
            .map(|t| Cell {
                text: t.to_string(),
                span: Span::new(0, 0),
            })
            .collect()
    }

    fn identified(rows: &str) -> Option<&'static str> {
        let doc = crate::import::Document::from_plain_text(rows);
        identify(RowCatalog::embedded(), &doc.blocks).map(|(t, _, _)| t)
    }

    #[test]
    fn tables_by_their_rows() {
        assert_eq!(
            identified("1\t毕业生人数\t人\t4210\n2\t毕业去向落实人数\t人\t4102\n"),
            Some("scorecard")
        );
        // A table of the report's own that shares two rows with the template.
        assert_eq!(
            identified(
                "1\t毕业生人数\t人\t4210\n2\t毕业去向落实人数\t人\t4102\n\
                 3\t校园面积\t平方米\t1200\n4\t图书馆藏书\t册\t90000\n\
                 5\t运动场数\t个\t3\n"
            ),
            None
        );
        assert_eq!(identified("1\t毕业生人数\t人\t4210\n"), None);
    }

    #[test]
    fn two_row_headers() {
        let top = header_top(&cells("序号\t指标\t单位\t数据\t\t调查人次\t调查方式")).unwrap();
        let c = header_bottom(&top, &cells("\t\t\t2023年\t2024年\t\t")).unwrap();
        assert_eq!(c.years, ["2023", "2024"]);
        assert_eq!(c.extras, [Extra::Respondents, Extra::Method]);
        assert!(c.has_unit);
        assert!(header_bottom(&top, &cells("1\t毕业生人数\t人\t2023\t2024")).is_none());
        assert!(header_top(&cells("序号\t指标\t单位\t2023年")).is_none());
    }

    #[test]
    fn rows_written_with_spaces() {
        let spaced = |t: &str| {
            let doc = crate::import::Document::from_plain_text(t);
            spaced_cells(&doc.blocks[0]).map(|c| c.into_iter().map(|c| c.text).collect::<Vec<_>>())
        };
        assert_eq!(
            spaced("序号 指标 单位 2023年 2024年").unwrap(),
            ["序号", "指标", "单位", "2023年", "2024年"]
        );
        assert_eq!(
            spaced("1 毕业生人数 人 约300 3,120").unwrap(),
            ["1", "毕业生人数", "人", "约300", "3,120"]
        );
        assert_eq!(
            spaced("1 在校生满意度 % 93.15 94.02 6128 全国统一 网上调查").unwrap(),
            [
                "1",
                "在校生满意度",
                "%",
                "93.15",
                "94.02",
                "6128",
                "全国统一 网上调查"
            ]
        );
        // Prose and a header without a year are not rows.
        assert_eq!(spaced("全市毕业生 人数 达到 4210 人"), None);
        assert_eq!(spaced("序号 指标 单位"), None);
        assert_eq!(
            spaced("序号指标单位 2025年").unwrap(),
            ["序号", "指标", "单位", "2025年"]
        );
        // A unit glued to the name (a spaced-out table with its spaces dropped).
        assert_eq!(
            spaced("1 毕业生人数人 612 598").unwrap(),
            ["1", "毕业生人数", "人", "612", "598"]
        );
        assert_eq!(
            spaced("6 专任教师赴国外指导时间人日 120").unwrap(),
            ["6", "专任教师赴国外指导时间", "人日", "120"]
        );
        assert_eq!(spaced("全市共有学校 12 所"), None);
        assert_eq!(spaced("毕业生 人 4210 人数 5"), None);
    }
}
