//! The six data tables (表1–表6) as rows of text: header, year columns, rows matched
//! to the template by name, values into `/data/<stage>/<year>/<table>/…`.
//!
//! Real tables are ragged: continuation rows without a 序号, rows that lost their
//! leading empty cells, a second unit row (学时) under a 门 row, blanks and "-". The
//! unit cell anchors each row: the name is before it, the year values after it.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::base::source::Span;
use crate::base::vocab::{stage_name, table_title};
use crate::dataset::source_map::push;
use crate::finding::{Code, Finding};

use super::builder::Builder;
use super::document::{Block, Cell};
use super::rows::{MatchKind, RowCatalog, Shape, Target, is_unit, unit_agrees};
use super::table_lines::{Lines, Step, row_block};
pub(crate) use super::table_shape::year_cell;
use super::table_shape::{
    Columns, Extra, cells_of, header, header_bottom, header_top, identify, specialty_group,
};
use crate::base::normalize::{compact, is_dash, number_value, parse_number};

#[derive(Debug)]
struct Table {
    key: &'static str,
    stage: &'static str,
    caption: Span,
    columns: Option<Columns>,
    /// The catalogue index the row above matched.
    previous: Option<usize>,
    /// Rows of the list of specialty groups under 表3 (not indicator rows).
    groups_list: Option<Vec<String>>,
    /// The first row of a header over two rows, waiting for its years.
    top: Option<Vec<String>>,
}

/// Reads the data tables of one report, row by row, as the walker meets them.
pub struct DataTables<'c> {
    catalog: &'c RowCatalog,
    /// The stage announced by the last "高职：" line.
    marker: Option<&'static str>,
    default_stage: &'static str,
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
    pub fn new(
        catalog: &'c RowCatalog,
        default_stage: &'static str,
        report_year: Option<u32>,
    ) -> Self {
        DataTables {
            catalog,
            marker: None,
            default_stage,
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
        // rows (with "-") in the other stage's tables too.
        let stage = current
            .map(|c| c.0)
            .or(self.marker)
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
        let first = cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map(|c| compact(&c.text));
        if first
            .is_some_and(|f| f.starts_with("说明") || f.starts_with("注:") || f.starts_with("注："))
        {
            return true;
        }
        let top = table.top.take();
        if let Some(columns) = header(&cells).or_else(|| header_bottom(top.as_deref()?, &cells)) {
            for y in &columns.years {
                if let Ok(y) = y.parse() {
                    self.years.insert(y);
                }
            }
            for y in &columns.years {
                b.locate(&table_pointer(table, y), table.caption);
            }
            table.columns = Some(columns);
            table.groups_list = None;
            return true;
        }
        if let Some(list) = &table.groups_list {
            let list = list.clone();
            specialty_group(&list, &cells, block, b);
            return true;
        }
        if cells.iter().any(|c| compact(&c.text) == "专业群名称") {
            table.groups_list = Some(cells.iter().map(|c| compact(&c.text)).collect());
            return true;
        }
        if let Some(top) = header_top(&cells) {
            table.top = Some(top);
            return true;
        }
        if table.columns.is_none()
            && let Some(top) = top.filter(|t| single_value(t))
        {
            // One value column under a header that names no year: the report's year.
            let years: Vec<String> = self
                .report_year
                .map(|y| y.to_string())
                .into_iter()
                .collect();
            for y in &years {
                b.locate(&table_pointer(table, y), table.caption);
            }
            table.columns = Some(Columns {
                years,
                extras: Vec::new(),
                has_unit: top.iter().any(|k| k == "单位"),
            });
        }
        if table.columns.is_none() {
            let year = self.report_year.map(|y| y.to_string());
            findings.push(
                Finding::of(&super::codes::NO_HEADER, format!(
                        "{}没有表头行（序号、指标、单位、年份），无法确定各列是哪一年；按报告年度 {} 一列导入",
                        table_title(table.key),
                        year.as_deref().unwrap_or("（未知）")
                    ),
                )
                .at(block.span)
                .with_help("在表格第一行写明列名，例如：序号　指标　单位　2023年　2024年"),
            );
            table.columns = Some(Columns {
                years: year.into_iter().collect(),
                extras: Vec::new(),
                has_unit: true,
            });
        }
        let columns = table.columns.clone().expect("set above");
        read_row(self.catalog, table, &columns, &cells, block, b, findings);
        true
    }
}

/// `/data/<stage>/<year>/<table>`
fn table_pointer(t: &Table, year: &str) -> String {
    push(&push(&push("/data", t.stage), year), t.key)
}

/// The parts of one row: name cell, unit cell, value cells.
struct RowParts<'a> {
    name: Option<&'a Cell>,
    unit: Option<&'a Cell>,
    values: &'a [Cell],
}

fn split_row<'a>(cells: &'a [Cell], columns: &Columns) -> RowParts<'a> {
    // A 序号 is a small integer in the first cell.
    let serial = usize::from(cells.first().is_some_and(|c| {
        !c.text.is_empty() && compact(&c.text).chars().all(|ch| ch.is_ascii_digit())
    }));
    let unit_at = columns
        .has_unit
        .then(|| {
            cells
                .iter()
                .skip(serial)
                .position(|c| is_unit(&c.text))
                .map(|i| i + serial)
        })
        .flatten();
    match unit_at {
        Some(u) => RowParts {
            name: cells[serial..u].iter().rev().find(|c| !c.text.is_empty()),
            unit: Some(&cells[u]),
            values: &cells[u + 1..],
        },
        None => {
            let name_at = cells[serial..]
                .iter()
                .position(|c| !c.text.is_empty())
                .map(|i| i + serial);
            match name_at {
                Some(n) => {
                    // A unit column that holds something we don't know as a unit.
                    let skip_unit = columns.has_unit
                        && cells.get(n + 1).is_some_and(|c| {
                            !c.text.is_empty()
                                && parse_number(&c.text).is_none()
                                && !is_dash(&c.text)
                        });
                    let from = n + 1 + usize::from(skip_unit);
                    RowParts {
                        name: Some(&cells[n]),
                        unit: skip_unit.then(|| &cells[n + 1]),
                        values: cells.get(from..).unwrap_or(&[]),
                    }
                }
                None => RowParts {
                    name: None,
                    unit: None,
                    values: &[],
                },
            }
        }
    }
}

fn import_finding(code: &Code, message: String, span: Span) -> Finding {
    Finding::of(code, message).at(span)
}

/// Reads one indicator row: which template row it is, its unit, one value per year.
fn read_row(
    catalog: &RowCatalog,
    table: &mut Table,
    columns: &Columns,
    cells: &[Cell],
    block: &Block,
    b: &mut Builder,
    findings: &mut Vec<Finding>,
) {
    let parts = split_row(cells, columns);
    if parts.name.is_none() && parts.unit.is_none() {
        return; // an empty row
    }
    let Some(target) = row_target(catalog, table, &parts, block, findings) else {
        return;
    };
    table.previous = Some(target);
    let t = &catalog.targets[target];
    let anchor = parts.name.or(parts.unit).map_or(block.span, |c| c.span);
    check_unit(t, &parts, findings);
    let below = t.pointer_below_table();
    for (k, year) in columns.years.iter().enumerate() {
        let mut pointer = table_pointer(table, year) + below.as_str();
        if t.shape == Shape::Satisfaction {
            pointer.push_str("/value");
        }
        if b.has(&pointer) {
            // One finding per row, not per year column.
            if k == 0 {
                findings.push(
                    import_finding(
                        &super::codes::DUPLICATE_ROW,
                        format!(
                            "“{}”在{}中出现了不止一次；只导入第一次出现的值",
                            t.title,
                            table_title(table.key),
                        ),
                        anchor,
                    )
                    .with_help("删去重复的行，或改正行名"),
                );
            }
            continue;
        }
        let (value, span) = cell_value(parts.values.get(k), anchor, &t.title, year, findings);
        b.set(&pointer, value, Some(anchor), span);
    }
    if t.shape == Shape::Satisfaction {
        satisfaction_extras(table, columns, &parts, &below, anchor, b);
    }
    let used = columns.years.len() + columns.extras.len();
    if let Some(extra) = parts
        .values
        .get(used..)
        .and_then(|rest| rest.iter().find(|c| !c.text.is_empty()))
    {
        findings.push(
            import_finding(
                &super::codes::EXTRA_CELLS,
                format!(
                    "“{}”这一行的单元格比表头多，多出的“{}”未导入",
                    t.title, extra.text
                ),
                extra.span,
            )
            .with_help("检查这一行是否错位（多了一个单元格或少了单位）"),
        );
    }
}

/// The template row a table row is: by its name, or, for a row with only a unit
/// (学时), the hours of the row above. `None` (with a finding) if it is none.
fn row_target(
    catalog: &RowCatalog,
    table: &Table,
    parts: &RowParts<'_>,
    block: &Block,
    findings: &mut Vec<Finding>,
) -> Option<usize> {
    let Some(name) = parts.name else {
        let unit = parts.unit.map(|u| compact(&u.text)).unwrap_or_default();
        let hours = (unit == "学时" || unit == "课时")
            .then(|| table.previous.and_then(|p| catalog.hours_of(p)))
            .flatten();
        if hours.is_none() {
            findings.push(
                import_finding(
                    &super::codes::UNMAPPED_ROW,
                    format!(
                        "{}中这一行没有指标名称，也不是上一行的“学时”续行，未导入",
                        table_title(table.key)
                    ),
                    block.span,
                )
                .with_help("补上这一行的指标名称"),
            );
        }
        return hours;
    };
    let Some((i, kind)) = catalog.find(table.key, &name.text, table.previous) else {
        findings.push(
            import_finding(
                &super::codes::UNMAPPED_ROW,
                format!(
                    "{}中的“{}”对不上国家模板中的任何指标，未导入",
                    table_title(table.key),
                    name.text
                ),
                name.span,
            )
            .with_label("模板中没有这一行")
            .with_help("核对指标名称是否与模板一致；模板的全部指标见 dabiao schema --markdown"),
        );
        return None;
    };
    if kind == MatchKind::Approximate {
        findings.push(
            import_finding(
                &super::codes::APPROXIMATE_ROW,
                format!(
                    "“{}”按相近的名称对应到模板中的“{}”",
                    name.text, catalog.targets[i].title
                ),
                name.span,
            )
            .with_label("与模板的名称相近")
            .with_help("核对这一行是否就是该指标；如是，建议改用模板中的名称"),
        );
    }
    Some(i)
}

/// A unit that differs from the template's (万元 for 元) is worth a look.
fn check_unit(t: &Target, parts: &RowParts<'_>, findings: &mut Vec<Finding>) {
    let (Some(unit), Some(expected)) = (parts.unit, t.unit.as_deref()) else {
        return;
    };
    let hours = t.path.last().is_some_and(|l| l == "hours") && unit_agrees(&unit.text, "学时");
    if unit.text.is_empty() || unit_agrees(&unit.text, expected) || hours {
        return;
    }
    findings.push(
        import_finding(
            &super::codes::UNIT,
            format!(
                "“{}”的单位写作“{}”，模板的单位是“{}”；数值按原样导入，未换算",
                t.title, unit.text, expected
            ),
            unit.span,
        )
        .with_label("单位与模板不同")
        .with_help("按模板的单位填写（例如金额以万元还是元为单位），并核对数值"),
    );
}

fn cell_value(
    cell: Option<&Cell>,
    anchor: Span,
    title: &str,
    year: &str,
    findings: &mut Vec<Finding>,
) -> (Value, Span) {
    let Some(cell) = cell.filter(|c| !c.text.is_empty()) else {
        return (Value::Null, anchor);
    };
    if is_dash(&cell.text) {
        return (Value::String("-".into()), cell.span);
    }
    match parse_number(&cell.text) {
        Some(x) => (number_value(&cell.text, x), cell.span),
        None => {
            findings.push(
                Finding::of(
                    &super::codes::VALUE,
                    format!("“{title}”{year} 年一列的“{}”不是一个数，未导入", cell.text),
                )
                .at(cell.span)
                .with_label("应为数字")
                .with_help("单元格只填数字（不带单位）；空白表示未填写，“-”表示不适用"),
            );
            (Value::Null, cell.span)
        }
    }
}

/// 调查人次 and 调查方式 are given once per row; they belong to the report year, the
/// last year column.
fn satisfaction_extras(
    table: &Table,
    columns: &Columns,
    parts: &RowParts<'_>,
    below: &str,
    anchor: Span,
    b: &mut Builder,
) {
    let Some(year) = columns.years.last() else {
        return;
    };
    let base = table_pointer(table, year) + below;
    for (k, extra) in columns.extras.iter().enumerate() {
        let cell = parts.values.get(columns.years.len() + k);
        let (field, value) = match (extra, cell) {
            (Extra::Other, _) => continue,
            (_, None) => continue,
            (_, Some(c)) if c.text.is_empty() => continue,
            (Extra::Respondents, Some(c)) if is_dash(&c.text) => {
                ("respondents", Value::String("-".into()))
            }
            (Extra::Respondents, Some(c)) => match parse_number(&c.text) {
                Some(x) => ("respondents", number_value(&c.text, x)),
                None => continue,
            },
            (Extra::Method, Some(c)) => ("method", Value::String(c.text.clone())),
        };
        let span = cell.map_or(anchor, |c| c.span);
        b.set(&push(&base, field), value, Some(anchor), span);
    }
}
