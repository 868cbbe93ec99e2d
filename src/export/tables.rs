//! The six data tables, one sheet per table and stage, laid out as the text importer
//! reads a table: 序号 | 指标 | 单位 | one column per year (| 调查人次 | 调查方式 for
//! 满意度), a 学时 row under its 门 row with no name, rows only the other stage's
//! template has left out unless the dataset fills them.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::base::vocab::{Stage, TABLES, TableName, stage_name};
use crate::dataset::source_map::push;
use crate::import::data_tables::year_cell;
use crate::import::rows::{RowCatalog, Shape, Target};
use crate::schema::SchemaIndex;

use super::model::{Cell, Expect, Leftovers, OutSheet, Part, is_nothing};

/// The data-table sheets of a dataset, stage by stage, table by table.
pub(super) fn sheets(value: &Value, index: &SchemaIndex, left: &mut Leftovers) -> Vec<OutSheet> {
    let catalog = RowCatalog::embedded();
    let kinds = Kinds(index);
    let Some(data) = value.get("data").and_then(Value::as_object) else {
        if let Some(v) = value.get("data").filter(|v| !is_nothing(v)) {
            left.push(("/data".into(), v.clone()));
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for (stage, years) in data {
        let stage_ptr = push("/data", stage);
        let (Some(stage), Some(years)) = (Stage::from_key(stage), years.as_object()) else {
            if !is_nothing(years) {
                left.push((stage_ptr, years.clone()));
            }
            continue;
        };
        let mut keys: Vec<&String> = Vec::new();
        for (y, tables) in years {
            if year_cell(y).as_deref() == Some(y.as_str()) && tables.is_object() {
                keys.push(y);
            } else if !is_nothing(tables) {
                left.push((push(&stage_ptr, y), tables.clone()));
            }
        }
        keys.sort();
        let ctx = StageData {
            stage: stage.key(),
            pointer: stage_ptr,
            years: keys
                .iter()
                .map(|y| (y.as_str(), &years[y.as_str()]))
                .collect(),
        };
        for table in TABLES {
            // A year column only where the year has this table: a table missing in
            // one year stays missing (read back blank, it would be a blank table).
            let years: Vec<_> = ctx
                .years
                .iter()
                .filter(|(_, t)| t.get(table.key).is_some())
                .copied()
                .collect();
            if years.is_empty() {
                continue;
            }
            let own = StageData {
                stage: ctx.stage,
                pointer: ctx.pointer.clone(),
                years,
            };
            out.push(table_sheet(catalog, &kinds, &own, table, left));
        }
        ctx.unknown_tables(left);
    }
    out
}

/// One stage's years (sorted) and their tables.
struct StageData<'a> {
    stage: &'static str,
    pointer: String,
    years: Vec<(&'a str, &'a Value)>,
}

impl StageData<'_> {
    /// The value of `below` ("/courses/count") in `table` of `year`.
    fn at(&self, year: usize, table: &str, below: &str) -> Option<&Value> {
        self.years[year].1.get(table)?.pointer(below)
    }

    fn table_pointer(&self, year: usize, table: &str) -> String {
        push(&push(&self.pointer, self.years[year].0), table)
    }

    /// Keys of a year that are not one of the six tables.
    fn unknown_tables(&self, left: &mut Leftovers) {
        for (y, tables) in &self.years {
            for (key, v) in tables.as_object().into_iter().flatten() {
                if !TABLES.iter().any(|t| t.key == key) && !is_nothing(v) {
                    left.push((push(&push(&self.pointer, y), key), v.clone()));
                }
            }
        }
    }
}

/// Each target's cell kind (percent, ratio, number), from the schema.
struct Kinds<'a>(&'a SchemaIndex);

impl Kinds<'_> {
    fn of(&self, t: &Target) -> Expect {
        let mut pointer = format!(
            "/data/secondary/2000/{}{}",
            t.table,
            t.pointer_below_table()
        );
        if t.shape == Shape::Satisfaction {
            pointer.push_str("/value");
        }
        Expect::of_kind(self.0.at(&pointer).and_then(|n| n.kind()))
    }
}

fn table_sheet(
    catalog: &RowCatalog,
    kinds: &Kinds<'_>,
    ctx: &StageData<'_>,
    table: TableName,
    left: &mut Leftovers,
) -> OutSheet {
    let caption = format!("{}（{}）", table.title, stage_name(ctx.stage));
    let satisfaction = table.key == "satisfaction";
    let mut header: Vec<String> = ["序号", "指标", "单位"].map(String::from).to_vec();
    header.extend(ctx.years.iter().map(|(y, _)| format!("{y}年")));
    if satisfaction {
        header.extend(["调查人次", "调查方式"].map(String::from));
    }
    // Pointers (below the year's table) written into cells, per year.
    let mut held: Vec<BTreeSet<String>> = vec![BTreeSet::new(); ctx.years.len()];
    let mut rows = Vec::new();
    let mut serial = 0;
    for (_, t) in catalog.table(table.key) {
        let below = t.pointer_below_table();
        let filled = (0..ctx.years.len())
            .any(|y| ctx.at(y, table.key, &below).is_some_and(|v| !v.is_null()));
        let in_template = t.stages.is_empty() || t.stages.iter().any(|s| s == ctx.stage);
        let hours = t.path.last().is_some_and(|l| l == "hours") && t.names.is_empty();
        if !(filled || in_template) || (t.names.is_empty() && !hours) {
            continue;
        }
        let numbered = t.path.len() == 1
            || t.group()
                .is_some_and(|_| t.group_title.as_deref() == Some(t.title.as_str()));
        let first = if numbered {
            serial += 1;
            Cell::Number(serial.into())
        } else {
            Cell::Empty
        };
        let name = if hours {
            String::new()
        } else {
            t.title.clone()
        };
        let unit = t.unit.clone().unwrap_or_default();
        let mut row = vec![first, Cell::Text(name), Cell::Text(unit)];
        let expect = kinds.of(t);
        for (y, held) in held.iter_mut().enumerate() {
            row.push(year_cell_of(ctx, y, table.key, t, &below, expect, held));
        }
        if t.shape == Shape::Satisfaction {
            row.extend(survey_cells(ctx, table.key, &below, &mut held));
        }
        rows.push(row);
    }
    for (y, held) in held.iter().enumerate() {
        if let Some(v) = ctx.years[y].1.get(table.key) {
            unheld(v, &ctx.table_pointer(y, table.key), "", held, left);
        }
    }
    OutSheet {
        name: caption.clone(),
        title: caption,
        header,
        rows,
        part: Part::Table {
            stage: ctx.stage.to_string(),
            table: table.key.to_string(),
        },
    }
}

/// The cell of one year of one row; marks the pointer held when written.
fn year_cell_of(
    ctx: &StageData<'_>,
    year: usize,
    table: &str,
    t: &Target,
    below: &str,
    expect: Expect,
    held: &mut BTreeSet<String>,
) -> Cell {
    let below = match t.shape {
        Shape::Satisfaction => format!("{below}/value"),
        Shape::Plain => below.to_string(),
    };
    let value = ctx.at(year, table, &below);
    match Cell::figure(value, expect) {
        Some(cell) => {
            held.insert(below);
            cell
        }
        None => Cell::Value {
            value: None,
            expect,
        },
    }
}

/// 调查人次 and 调查方式: the importer gives them to the last year.
fn survey_cells(
    ctx: &StageData<'_>,
    table: &str,
    below: &str,
    held: &mut [BTreeSet<String>],
) -> Vec<Cell> {
    let Some(last) = ctx.years.len().checked_sub(1) else {
        return vec![Cell::Empty, Cell::Empty];
    };
    let respondents = format!("{below}/respondents");
    let method = format!("{below}/method");
    let r = ctx.at(last, table, &respondents);
    let r_cell = match Cell::figure(r, Expect::Number) {
        Some(c) => {
            held[last].insert(respondents);
            c
        }
        None => Cell::Value {
            value: None,
            expect: Expect::Number,
        },
    };
    let m_cell = match ctx.at(last, table, &method) {
        None | Some(Value::Null) => Cell::Empty,
        Some(Value::String(s)) if !s.trim().is_empty() && s.trim() == s => {
            held[last].insert(method);
            Cell::Text(s.clone())
        }
        Some(_) => Cell::Empty,
    };
    vec![r_cell, m_cell]
}

/// Whatever under a table no cell holds, into `left` (nulls and empty objects are
/// nothing).
fn unheld(v: &Value, table_ptr: &str, below: &str, held: &BTreeSet<String>, left: &mut Leftovers) {
    if held.contains(below) || is_nothing(v) {
        return;
    }
    let prefix = format!("{below}/");
    let inner = held.iter().any(|h| h.starts_with(&prefix));
    match v.as_object() {
        Some(obj) if inner || below.is_empty() => {
            for (k, child) in obj {
                unheld(child, table_ptr, &push(below, k), held, left);
            }
        }
        _ => left.push((format!("{table_ptr}{below}"), v.clone())),
    }
}
