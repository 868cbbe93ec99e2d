//! Figures from the report's own tables in the narrative ("项目 2023年 2024年"), and
//! the numbered rows that list what a declared count counts.

use crate::base::normalize::compact;
use crate::base::source::Span;

use super::fact::Fact;
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
        let first = cells.first().map_or("", |c| c.0.trim());
        if self.awaiting_table.is_some()
            && !first.is_empty()
            && first.chars().all(|c| c.is_ascii_digit())
        {
            self.table_rows += 1;
        }
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
        if labelled && !years.is_empty() {
            self.table_header = Some(TableHeader {
                years,
                unit_column: cells.iter().position(|(t, _)| compact(t) == "单位"),
            });
            return;
        }
        let Some(header) = &self.table_header else {
            return;
        };
        let Some((name_col, indicator)) = cells.iter().enumerate().find_map(|(k, (t, _))| {
            let name = compact(t);
            let (ind, len) = lexicon::word_at(&name, 0)?;
            let rest = &name[len..];
            matches!(rest, "" | "总数" | "数" | "人数" | "数量" | "总数量").then_some((k, ind))
        }) else {
            return;
        };
        let unit_cell = header
            .unit_column
            .and_then(|u| cells.get(u))
            .map(|c| compact(&c.0));
        self.sentences += 1;
        let stage = stage.or(self.default_stage);
        for &(col, year) in &header.years {
            if col <= name_col {
                continue;
            }
            let Some((text, span)) = cells.get(col) else {
                continue;
            };
            let c = compact(text);
            let Some(value) = crate::base::normalize::parse_number(&c) else {
                continue;
            };
            let unit = if c.contains(':') {
                ":1".to_string()
            } else if c.ends_with('%') {
                "%".to_string()
            } else if let Some(u) = unit_cell.as_deref().filter(|u| !u.is_empty()) {
                u.to_string()
            } else {
                indicator.units[0].to_string()
            };
            if !indicator.units.contains(&unit.as_str()) {
                continue;
            }
            let number = c.split([':', '%']).next().unwrap_or_default();
            let decimals = number.split_once('.').map_or(0, |(_, d)| d.len() as u32);
            let fact = Fact::plain(
                indicator,
                value,
                decimals,
                &unit,
                Some(year),
                stage,
                span.start,
                span.end,
            );
            self.said.push(Said {
                fact,
                sentence: self.sentences,
                paragraph: self.paragraphs,
                sentence_span: Span::new(
                    cells[0].1.start,
                    cells.last().map_or(span.end, |c| c.1.end),
                ),
                sentence_text: cells
                    .iter()
                    .map(|c| c.0.trim())
                    .collect::<Vec<_>>()
                    .join(" "),
                in_table: true,
                part,
            });
        }
    }
}
