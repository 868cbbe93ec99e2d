//! Figures from the report's own tables in the narrative ("项目 2023年 2024年"), and
//! the numbered rows that list what a declared count counts.

use crate::base::normalize::compact;
use crate::base::source::Span;

use super::fact::Fact;
use super::lexicon::Indicator;
use super::{Extractor, Said, lexicon};

#[derive(Debug)]
pub(super) struct TableHeader {
    /// (column, year)
    years: Vec<(usize, u32)>,
    unit_column: Option<usize>,
}

/// A year column's header ("2023", "2023年", "2023 年数据"), as the data tables read it.
fn header_year(cell: &str) -> Option<u32> {
    super::super::data_tables::year_cell(cell).and_then(|y| y.parse().ok())
}

impl Extractor {
    /// A row of a table in the narrative. Counted if a declared count awaits it; and
    /// a row named after an indicator under a header of years ("项目 2023年 2024年")
    /// gives one fact per year, so that prose can be checked against the report's own
    /// tables too.
    pub fn table_row(
        &mut self,
        cells: &[(String, Span)],
        part: Option<u32>,
        stage: Option<&'static str>,
    ) {
        self.count_listed_row(cells);
        if let Some(header) = year_header(cells) {
            self.table_header = Some(header);
            return;
        }
        let Some(header) = &self.table_header else {
            return;
        };
        let Some((name_col, indicator)) = row_indicator(cells) else {
            return;
        };
        let facts = year_facts(
            header,
            cells,
            name_col,
            indicator,
            stage.or(self.default_stage),
        );
        // The row counts as one sentence, even when none of its cells gives a fact.
        self.sentences += 1;
        for fact in facts {
            let said = self.said_in_row(fact, cells, part);
            self.said.push(said);
        }
    }

    /// A numbered row ("1", "2", …) while a declared count awaits its list.
    fn count_listed_row(&mut self, cells: &[(String, Span)]) {
        let first = cells.first().map_or("", |c| c.0.trim());
        if self.awaiting_table.is_some()
            && !first.is_empty()
            && first.chars().all(|c| c.is_ascii_digit())
        {
            self.table_rows += 1;
        }
    }

    /// A fact read from a cell of row `cells`, the row standing in for its sentence.
    fn said_in_row(&self, fact: Fact, cells: &[(String, Span)], part: Option<u32>) -> Said {
        let end = cells.last().map_or(fact.end, |c| c.1.end);
        Said {
            sentence: self.sentences,
            paragraph: self.paragraphs,
            sentence_span: Span::new(cells[0].1.start, end),
            sentence_text: cells
                .iter()
                .map(|c| c.0.trim())
                .collect::<Vec<_>>()
                .join(" "),
            in_table: true,
            part,
            fact,
        }
    }
}

/// The header of a table with year columns ("项目 2023年 2024年"), if `cells` is one.
fn year_header(cells: &[(String, Span)]) -> Option<TableHeader> {
    let years: Vec<(usize, u32)> = cells
        .iter()
        .enumerate()
        .filter_map(|(k, (t, _))| header_year(t).map(|y| (k, y)))
        .collect();
    // A header names its columns: "项目 2023年 2024年", "年份 …"; a row of plain
    // numbers ("专任教师总数 2066 2117") is data even if a number looks like a year.
    let labelled = cells.iter().any(|(t, _)| {
        matches!(
            compact(t).as_str(),
            "项目" | "指标" | "年份" | "名称" | "类别" | "内容" | "单位"
        )
    }) || years.iter().any(|&(k, _)| cells[k].0.contains('年'));
    (labelled && !years.is_empty()).then(|| TableHeader {
        years,
        unit_column: cells.iter().position(|(t, _)| compact(t) == "单位"),
    })
}

/// The first cell that names an indicator ("专任教师", "在校生人数"): its column and
/// the indicator.
fn row_indicator(cells: &[(String, Span)]) -> Option<(usize, &'static Indicator)> {
    cells.iter().enumerate().find_map(|(k, (t, _))| {
        let name = compact(t);
        let (ind, len) = lexicon::word_at(&name, 0)?;
        let rest = &name[len..];
        matches!(rest, "" | "总数" | "数" | "人数" | "数量" | "总数量").then_some((k, ind))
    })
}

/// The facts of a row under `header`: one per year column right of the name that
/// holds a number in a unit the indicator is counted in.
fn year_facts(
    header: &TableHeader,
    cells: &[(String, Span)],
    name_col: usize,
    indicator: &'static Indicator,
    stage: Option<&'static str>,
) -> Vec<Fact> {
    let unit_cell = header
        .unit_column
        .and_then(|u| cells.get(u))
        .map(|c| compact(&c.0));
    header
        .years
        .iter()
        .filter(|&&(col, _)| col > name_col)
        .filter_map(|&(col, year)| {
            let (text, span) = cells.get(col)?;
            let cell = Cell {
                text,
                span: *span,
                unit_cell: unit_cell.as_deref(),
            };
            cell.fact(indicator, year, stage)
        })
        .collect()
}

/// A cell of a year column, with the row's entry in the unit column if any.
struct Cell<'a> {
    text: &'a str,
    span: Span,
    unit_cell: Option<&'a str>,
}

impl Cell<'_> {
    /// The figure the cell gives for `year`, if it holds a number in a unit the
    /// indicator is counted in.
    fn fact(
        &self,
        indicator: &'static Indicator,
        year: u32,
        stage: Option<&'static str>,
    ) -> Option<Fact> {
        let c = compact(self.text);
        let value = crate::base::normalize::parse_number(&c)?;
        let unit = self.unit(&c, indicator);
        if !indicator.units.contains(&unit.as_str()) {
            return None;
        }
        let number = c.split([':', '%']).next().unwrap_or_default();
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len() as u32);
        Some(Fact::plain(
            indicator,
            value,
            decimals,
            &unit,
            Some(year),
            stage,
            self.span.start,
            self.span.end,
        ))
    }

    /// The cell's unit: a ratio or a percentage as written (`c`, compacted), else the
    /// unit column's, else the indicator's first.
    fn unit(&self, c: &str, indicator: &Indicator) -> String {
        if c.contains(':') {
            ":1".to_string()
        } else if c.ends_with('%') {
            "%".to_string()
        } else if let Some(u) = self.unit_cell.filter(|u| !u.is_empty()) {
            u.to_string()
        } else {
            indicator.units[0].to_string()
        }
    }
}
