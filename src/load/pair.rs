//! A report and the spreadsheet holding its data tables, checked as one submission:
//! the prose (and its figures) from the report, the tables from the spreadsheet, so
//! that prose-versus-table rules compare the two. The spreadsheet's rows are shown
//! after the report's text, and its findings name their cells in the spreadsheet.

use std::sync::Arc;

use serde_json::Value;

use super::Loaded;
use crate::base::source::{SourceFile, Span};
use crate::dataset::Dataset;
use crate::dataset::source_map::SourceMap;

/// Top-level parts a spreadsheet gives a report: its tables, and the schools' conditions.
const FROM_TABLES: [&str; 2] = ["data", "schools"];

/// The report `report` with the data tables of `tables` (named `tables_name`).
pub fn combine(report: Loaded, tables: Loaded, tables_name: &str) -> Loaded {
    let (Some(r_source), Some(r_data)) = (&report.source, &report.dataset) else {
        return report;
    };
    let (Some(t_source), Some(t_data)) = (&tables.source, &tables.dataset) else {
        // An unreadable spreadsheet: the report is checked alone, and says why.
        let mut report = report;
        report
            .findings
            .extend(tables.findings.into_iter().map(|mut f| {
                f.message = format!("数据表文件 {tables_name}：{}", f.message);
                f.span = None;
                f
            }));
        return report;
    };
    let offset = r_source.text().len() + 2;
    let text = format!("{}\n\n{}", r_source.text(), t_source.text());
    let (value, map) = merged(r_data, t_data, offset);
    let dataset = Dataset {
        value: Arc::new(value),
        map,
        format: r_data.format,
    };
    let shift = |s: Span| Span::new(s.start + offset, s.end + offset);
    let mut findings = report.findings;
    findings.extend(tables.findings.into_iter().map(|mut f| {
        f.span = f.span.map(shift);
        f
    }));
    Loaded {
        input_hash: report.input_hash,
        source: Some(SourceFile::new(r_source.name(), text)),
        encoding: report.encoding,
        dataset: Some(dataset),
        places: report.places,
        cells: tables
            .cells
            .map(|c| Arc::new((*c).clone().shifted(offset, tables_name))),
        findings,
    }
}

/// The report's value with the spreadsheet's tables (and schools) in place of its
/// own, and report fields the report does not give taken from the spreadsheet.
fn merged(report: &Dataset, tables: &Dataset, offset: usize) -> (Value, SourceMap) {
    let mut value = (*report.value).clone();
    let mut map = SourceMap::new();
    let replaced: Vec<&str> = FROM_TABLES
        .into_iter()
        .filter(|k| tables.value.get(*k).is_some())
        .collect();
    let is_replaced = |p: &str| {
        replaced
            .iter()
            .any(|k| p == format!("/{k}") || p.starts_with(&format!("/{k}/")))
    };
    for (p, l) in report.map.iter() {
        if !is_replaced(p) {
            map.insert(p.to_string(), *l);
        }
    }
    let shift = |s: Span| Span::new(s.start + offset, s.end + offset);
    if let Some(obj) = value.as_object_mut() {
        for k in &replaced {
            obj.insert(k.to_string(), tables.value[*k].clone());
        }
        let given = tables.value.get("report").and_then(Value::as_object);
        if let (Some(given), Some(Value::Object(own))) = (given, obj.get_mut("report")) {
            for (k, v) in given {
                if !own.contains_key(k) {
                    own.insert(k.clone(), v.clone());
                }
            }
        }
    }
    for (p, l) in tables.map.iter() {
        let from_report = p.starts_with("/report/")
            && report.value.pointer(p).is_none()
            && value.pointer(p).is_some();
        if is_replaced(p) || from_report {
            let mut l = *l;
            l.value = shift(l.value);
            l.key = l.key.map(shift);
            map.insert(p.to_string(), l);
        }
    }
    (value, map)
}
