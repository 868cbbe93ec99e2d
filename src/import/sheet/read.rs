//! A spreadsheet's grid read into the dataset: the record parts directly
//! ([`records`](super::records)), the data tables through the same reader as a
//! report's text, so a sheet's table is found by its caption, its header and rows,
//! or the sheet's name, and read with the same care for ragged rows and units.

use crate::base::stages::{Stage, timed};
use serde_json::{Map, Value};

use crate::base::normalize::compact;
use crate::base::vocab::TABLES;
use crate::dataset::source_map::SourceMap;
use crate::import::codes as import_codes;
use crate::import::document::{Block, BlockKind, Document};
use crate::import::reader::{Imported, read_given};
use crate::import::table_captions::{data_table_caption, stage_marker, stage_word};

use super::Grid;
use super::parts::{PartKind, split};
use super::records::{Records, set};
use super::shown::{CellMap, ShownLine, show};

/// A spreadsheet read: the text shown for it, where its cells are, and the dataset.
#[derive(Debug)]
pub struct SheetImport {
    pub text: String,
    pub cells: CellMap,
    pub imported: Imported,
}

/// What the reader of a report's text says about its tables, kept for a spreadsheet;
/// what it says about a report's cover, title and parts is not about a workbook.
const TABLE_CODES: &[&crate::finding::Code] = &[
    &import_codes::DUPLICATE_TABLE,
    &import_codes::NO_HEADER,
    &import_codes::VALUE,
    &import_codes::DUPLICATE_ROW,
    &import_codes::SERIAL,
    &import_codes::EXTRA_CELLS,
    &import_codes::UNMAPPED_ROW,
    &import_codes::APPROXIMATE_ROW,
    &import_codes::UNIT,
    &import_codes::TABLE_BY_ROWS,
];

pub fn read(grid: &Grid) -> SheetImport {
    let shown = show(grid);
    let mut records = Records::default();
    let mut blocks = Vec::new();
    for part in split(&shown) {
        let lines: Vec<&ShownLine> = part.lines.iter().map(|&i| &shown.lines[i]).collect();
        if part.kind == PartKind::Tables {
            table_blocks(&lines, &mut blocks);
        } else {
            records.read(part.kind, &lines);
        }
    }
    let stages = given_stages(&records.value);
    let year = records
        .value
        .get("report")
        .and_then(|r| r.get("year"))
        .and_then(Value::as_u64)
        .and_then(|y| u32::try_from(y).ok());
    let tables = timed(Stage::Import, || {
        read_given(&Document { blocks }, &stages, year)
    });
    SheetImport {
        imported: assemble(records, tables),
        text: shown.text,
        cells: shown.cells,
    }
}

fn given_stages(value: &Map<String, Value>) -> Vec<&'static str> {
    let listed = value
        .get("report")
        .and_then(|r| r.get("stages"))
        .and_then(Value::as_array);
    listed
        .into_iter()
        .flatten()
        .filter_map(|s| match s.as_str()? {
            "secondary" => Some("secondary"),
            "higher" => Some("higher"),
            _ => None,
        })
        .collect()
}

/// The dataset: report fields from 报告信息 (stages and year, when it does not give
/// them, as the tables show), the tables' data, the other record parts, then
/// 其他数据 on top.
fn assemble(records: Records, tables: Imported) -> Imported {
    let Records {
        value: mut rec,
        map: rec_map,
        mut findings,
        other,
    } = records;
    let mut value = Map::new();
    let mut map = SourceMap::new();
    let mut report = match rec.remove("report") {
        Some(Value::Object(r)) => r,
        _ => Map::new(),
    };
    for key in ["stages", "year"] {
        if !report.contains_key(key)
            && let Some(v) = tables.value.pointer(&format!("/report/{key}"))
        {
            report.insert(key.to_string(), v.clone());
            copy_location(&tables.map, &mut map, &format!("/report/{key}"));
        }
    }
    if !report.is_empty() {
        value.insert("report".into(), Value::Object(report));
    }
    if let Some(data) = tables.value.get("data") {
        value.insert("data".into(), data.clone());
    }
    for key in ["sections", "cases", "tables", "schools"] {
        if let Some(v) = rec.remove(key) {
            value.insert(key.into(), v);
        }
    }
    value.extend(rec);
    for (pointer, v, at) in other {
        set(&mut value, &pointer, v);
        map.insert(pointer, at);
    }
    for (pointer, location) in tables.map.iter() {
        if pointer.starts_with("/data") {
            map.insert(pointer.to_string(), *location);
        }
    }
    for (pointer, location) in rec_map.iter() {
        map.insert(pointer.to_string(), *location);
    }
    findings.extend(
        tables
            .findings
            .into_iter()
            .filter(|f| TABLE_CODES.iter().any(|c| c.id == f.code)),
    );
    Imported {
        value: Value::Object(value),
        map,
        findings,
    }
}

fn copy_location(from: &SourceMap, to: &mut SourceMap, pointer: &str) {
    if let Some(l) = from.get(pointer) {
        to.insert(pointer.to_string(), *l);
    }
}

/// The blocks a report's reader sees for one part of tables.
fn table_blocks(lines: &[&ShownLine], blocks: &mut Vec<Block>) {
    for (i, line) in lines.iter().enumerate() {
        let first_of_sheet = i == 0 || lines[i - 1].sheet != line.sheet;
        if line.row.is_none() {
            let own_caption = lines[i + 1..]
                .iter()
                .take_while(|l| l.sheet == line.sheet)
                .take(3)
                .any(|l| {
                    l.single()
                        .is_some_and(|c| data_table_caption(&c.text).is_some())
                });
            if let Some(text) = sheet_name_line(&line.cells[0].text, own_caption) {
                blocks.push(Block::line(BlockKind::Text, text, line.span, true));
            }
            continue;
        }
        let block = match line.single() {
            Some(cell) if line.cells.len() == 1 || is_title(&cell.text) => Block::line(
                BlockKind::Text,
                cell.text.clone(),
                cell.span,
                first_of_sheet,
            ),
            _ => Block::row(line.cells.clone(), line.span, first_of_sheet),
        };
        blocks.push(block);
    }
}

fn is_title(text: &str) -> bool {
    data_table_caption(text).is_some() || stage_marker(text).is_some()
}

/// What a sheet's name tells the reader: the caption of the table it holds ("计分卡"
/// → "表1 人才培养质量计分卡", "表3（高职）" → "表3 教学资源表（高职）"), or, when
/// the sheet has its own caption, only the stage it is for ("中职："). `None`: the
/// name says neither.
fn sheet_name_line(name: &str, own_caption: bool) -> Option<String> {
    let c = compact(name);
    let stage = stage_word(&c);
    let marker = stage.map(|s| format!("{}：", crate::base::vocab::stage_name(s)));
    if own_caption {
        return marker;
    }
    if data_table_caption(&c).is_some() {
        return Some(name.to_string());
    }
    let by_word = TABLES.iter().find(|t| c.contains(t.word));
    let by_number = TABLES.iter().enumerate().find_map(|(n, t)| {
        let number = format!("表{}", n + 1);
        let after = c.split_once(&number)?.1.chars().next();
        (!after.is_some_and(|ch| ch.is_ascii_digit())).then_some(t)
    });
    match by_word.or(by_number) {
        Some(t) => Some(match stage {
            Some(s) => format!("{}（{}）", t.title, crate::base::vocab::stage_name(s)),
            None => t.title.to_string(),
        }),
        None => marker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_become_captions_or_stage_markers() {
        // A name that is a caption already stays as it is.
        assert_eq!(sheet_name_line("计分卡", false).as_deref(), Some("计分卡"));
        assert_eq!(
            sheet_name_line("中职 教学资源", false).as_deref(),
            Some("表3 教学资源表（中职）")
        );
        assert_eq!(
            sheet_name_line("表3（高职）", false).as_deref(),
            Some("表3 教学资源表（高职）")
        );
        assert_eq!(sheet_name_line("高职-表1", true).as_deref(), Some("高职："));
        assert_eq!(sheet_name_line("Sheet1", false), None);
        assert_eq!(sheet_name_line("表12", false), None);
    }
}
