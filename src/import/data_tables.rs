//! The six data tables (表1–表6) as rows of text: header, year columns, rows matched
//! to the template by name, values into `/data/<stage>/<year>/<table>/…`.
//!
//! Real tables are ragged: continuation rows without a 序号, rows that lost their
//! leading empty cells, a second unit row (学时) under a 门 row, blanks and "-". The
//! unit cell anchors each row: the name is before it, the year values after it.

use std::collections::BTreeSet;

use crate::base::source::Span;
use crate::base::vocab::{stage_name, table_title};
use crate::finding::Finding;

use super::builder::Builder;
use super::document::{Block, Cell};
use super::rows::RowCatalog;
use super::table_lines::{Lines, Step, row_block};
use super::table_rows::{Table, read_row, table_pointer};
pub(crate) use super::table_shape::year_cell;
use super::table_shape::{
    Columns, cells_of, header, header_bottom, header_top, identify, specialty_group,
};
use crate::base::normalize::compact;

/// Reads the data tables of one report, row by row, as the walker meets them.
pub struct DataTables<'c> {
    catalog: &'c RowCatalog,
    /// The stage announced by the last "高职：" line.
    marker: Option<&'static str>,
    default_stage: &'static str,
    /// The report's one stage, when its title or cover names only one.
    sole_stage: Option<&'static str>,
    report_year: Option<u32>,
    table: Option<Table>,
    pub stages: Vec<&'static str>,
    pub years: BTreeSet<u32>,
    /// (stage, table) pairs already read, to notice a table given twice.
    read: Vec<(&'static str, &'static str)>,
    /// Cells written one per line, not yet a row.
    lines: Lines,
}

/// A header row whose columns are one value ("数值", "本年"): the report's year.
fn single_value(top: &[String]) -> bool {
    top.iter().any(|k| {
        matches!(
            k.as_str(),
            "数值" | "数据" | "本年" | "本年度" | "值" | "指标值"
        )
    })
}

impl<'c> DataTables<'c> {
    /// `report_stages`: the stages the report's cover names (none if it names none).
    pub fn new(
        catalog: &'c RowCatalog,
        report_stages: &[&'static str],
        report_year: Option<u32>,
    ) -> Self {
        DataTables {
            catalog,
            marker: None,
            default_stage: report_stages.first().copied().unwrap_or("secondary"),
            sole_stage: match report_stages {
                [one] => Some(*one),
                _ => None,
            },
            report_year,
            table: None,
            stages: Vec::new(),
            years: BTreeSet::new(),
            read: Vec::new(),
            lines: Lines::default(),
        }
    }

    pub fn in_table(&self) -> bool {
        self.table.is_some()
    }

    /// Whether table `key` has been read for any stage.
    pub fn has_read(&self, key: &str) -> bool {
        self.read.iter().any(|(_, k)| *k == key)
    }

    pub fn set_marker(&mut self, stage: &'static str) {
        self.marker = Some(stage);
    }

    /// A caption "表N …" of one of the six tables starts it.
    pub fn start(
        &mut self,
        key: &'static str,
        caption_stage: Option<&'static str>,
        caption: Span,
        findings: &mut Vec<Finding>,
    ) {
        let stage = caption_stage.or(self.marker).unwrap_or(self.default_stage);
        if self.read.contains(&(stage, key)) {
            findings.push(
                Finding::of(
                    &super::codes::DUPLICATE_TABLE,
                    format!(
                        "{}（{}）出现了两次；第二张表中与第一张重复的行不再导入",
                        table_title(key),
                        stage_name(stage)
                    ),
                )
                .at(caption)
                .with_help("如果两张表分别属于高职和中职，请在各组表格前加一行“高职：”或“中职：”"),
            );
        }
        self.open(key, stage, caption);
    }

    fn open(&mut self, key: &'static str, stage: &'static str, caption: Span) {
        self.lines = Lines::default();
        self.read.push((stage, key));
        if !self.stages.contains(&stage) {
            self.stages.push(stage);
        }
        self.table = Some(Table {
            key,
            stage,
            caption,
            columns: None,
            previous: None,
            groups_list: None,
            top: None,
            serial: None,
        });
    }

    /// A header row (`blocks[0]`) starts one of the six tables if the rows below it
    /// are that table's template rows, whatever the caption above said: an unusual
    /// caption, none, a caption naming another table, a table continued on the next
    /// page. The caption is a hint; the rows decide.
    pub fn recognise(&mut self, blocks: &[Block], findings: &mut Vec<Finding>) {
        let Some(cells) = blocks.first().and_then(cells_of) else {
            return;
        };
        let shaped = header(&cells)
            .map(|c| c.has_unit)
            .or_else(|| header_top(&cells).map(|top| top.iter().any(|k| k == "单位")));
        if shaped != Some(true) {
            return;
        }
        let Some((key, row_stage, n)) = identify(self.catalog, &blocks[1..]) else {
            return;
        };
        let current = self
            .table
            .as_ref()
            .map(|t| (t.stage, t.key, t.previous.is_none()));
        // A row only one stage's template has is the weakest sign: reports keep such
        // rows (with "-") in the other stage's tables too, and a 中职 report may use
        // the 高职 template's rows.
        let stage = current
            .map(|c| c.0)
            .or(self.marker)
            .or(self.sole_stage)
            .or(row_stage)
            .unwrap_or(self.default_stage);
        let message = match current {
            Some((s, k, _)) if (s, k) == (stage, key) => return,
            // A caption naming another table, right above rows of this one.
            Some((s, k, true)) => {
                self.read.retain(|r| *r != (s, k));
                format!(
                    "标题写的是{}，但表中的 {n} 行指标属于{}（{}），按后者导入",
                    table_title(k),
                    table_title(key),
                    stage_name(stage)
                )
            }
            _ if self.read.last() == Some(&(stage, key)) => String::new(),
            _ if self.read.contains(&(stage, key)) => return,
            _ => format!(
                "这张表前面没有能认出的标题，按表头和其中 {n} 行指标认作{}（{}）",
                table_title(key),
                stage_name(stage)
            ),
        };
        if !message.is_empty() {
            findings.push(
                Finding::of(&super::codes::TABLE_BY_ROWS, message)
                    .at(blocks[0].span)
                    .with_help(
                        "如果不对，请在表格上方写明标题，例如：表1 人才培养质量计分卡（中职）",
                    ),
            );
        }
        self.open(key, stage, blocks[0].span);
    }

    /// Anything that is not part of the table (a heading, another caption) ends it.
    pub fn end(&mut self) {
        self.table = None;
    }

    /// The table's rows are read into `b`; returns false if the block is not part of
    /// the table (so the walker treats it as text).
    pub fn row(&mut self, block: &Block, b: &mut Builder, findings: &mut Vec<Finding>) -> bool {
        let Some(table) = self.table.as_ref() else {
            return false;
        };
        if let Some(cells) = cells_of(block) {
            return self.row_cells(block, cells, b, findings);
        }
        // A header's rule ("--- --- ---") left behind when a table was flattened.
        if is_rule_line(&block.text) {
            return true;
        }
        // Cells one per line, gathered into rows.
        let (gathered, part_of_table) = match self.lines.push(block, table.columns.as_ref()) {
            Step::Taken => return true,
            Step::Row(cells) => (cells, true),
            Step::End(cells) => (cells, false),
        };
        if let Some(row) = row_block(gathered) {
            self.row_cells(&row, row.cells.clone(), b, findings);
        }
        part_of_table
    }

    fn row_cells(
        &mut self,
        block: &Block,
        cells: Vec<Cell>,
        b: &mut Builder,
        findings: &mut Vec<Finding>,
    ) -> bool {
        let Some(table) = self.table.as_mut() else {
            return false;
        };
        if is_note(&cells) {
            return true;
        }
        let top = table.top.take();
        if let Some(columns) = header(&cells).or_else(|| header_bottom(top.as_deref()?, &cells)) {
            self.years
                .extend(columns.years.iter().filter_map(|y| y.parse::<u32>().ok()));
            set_columns(table, columns, b);
            return true;
        }
        if groups_list_row(table, &cells, block, b) {
            return true;
        }
        if let Some(top) = header_top(&cells) {
            table.top = Some(top);
            return true;
        }
        if table.columns.is_none() {
            let columns = assumed_columns(table, top, self.report_year, block, findings);
            set_columns(table, columns, b);
        }
        let columns = table.columns.clone().expect("set above");
        read_row(self.catalog, table, &columns, &cells, block, b, findings);
        true
    }
}

fn is_rule_line(text: &str) -> bool {
    let t = text.trim();
    t.contains("--")
        && t.chars()
            .all(|ch| matches!(ch, '-' | ':' | '|' | '—' | '－' | ' ' | '\t'))
}

/// A note under a table ("说明：…", "注：…"), not a row.
fn is_note(cells: &[Cell]) -> bool {
    cells
        .iter()
        .find(|c| !c.text.is_empty())
        .map(|c| compact(&c.text))
        .is_some_and(|f| f.starts_with("说明") || f.starts_with("注:") || f.starts_with("注："))
}

/// The table's columns from its header: each year's pointer is located at the caption.
fn set_columns(table: &mut Table, columns: Columns, b: &mut Builder) {
    for y in &columns.years {
        b.locate(&table_pointer(table, y), table.caption);
    }
    table.columns = Some(columns);
    table.groups_list = None;
}

/// The list of specialty groups under 表3: its header row, then its rows.
fn groups_list_row(table: &mut Table, cells: &[Cell], block: &Block, b: &mut Builder) -> bool {
    if let Some(list) = &table.groups_list {
        let list = list.clone();
        specialty_group(&list, cells, block, b);
        return true;
    }
    if cells.iter().any(|c| compact(&c.text) == "专业群名称") {
        table.groups_list = Some(cells.iter().map(|c| compact(&c.text)).collect());
        return true;
    }
    false
}

/// Columns for a table whose header names no year: one value column under a header
/// like "数值" is the report's year; with no header at all, the same, with a warning.
fn assumed_columns(
    table: &Table,
    top: Option<Vec<String>>,
    report_year: Option<u32>,
    block: &Block,
    findings: &mut Vec<Finding>,
) -> Columns {
    let years: Vec<String> = report_year.map(|y| y.to_string()).into_iter().collect();
    if let Some(top) = top.filter(|t| single_value(t)) {
        return Columns {
            years,
            extras: Vec::new(),
            has_unit: top.iter().any(|k| k == "单位"),
        };
    }
    findings.push(
        Finding::of(
            &super::codes::NO_HEADER,
            format!(
                "{}没有表头行（序号、指标、单位、年份），无法确定各列是哪一年；按报告年度 {} 一列导入",
                table_title(table.key),
                years.first().map_or("（未知）", String::as_str)
            ),
        )
        .at(block.span)
        .with_help("在表格第一行写明列名，例如：序号　指标　单位　2023年　2024年"),
    );
    Columns {
        years,
        extras: Vec::new(),
        has_unit: true,
    }
}
