//! What every rule sees of one report: the canonical value (shared, never copied),
//! the facts rules select on (year, level, stages, category) and the thresholds.

use std::sync::Arc;

use serde_json::Value;

use super::thresholds::Thresholds;
use crate::base::json::slash_parts;
use crate::schema::SchemaIndex;

/// A cell as rules see it: blank and "-" kept apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Number(f64),
    /// `null`, or the key is absent.
    Blank,
    /// `"-"`: declared not applicable.
    NotApplicable,
    /// Anything else (text, an object …); the schema has already reported it.
    Other,
}

pub struct ReportContext {
    pub value: Arc<Value>,
    pub year: Option<i64>,
    pub level: Option<String>,
    pub stages: Vec<String>,
    pub category: Option<String>,
    /// First two digits of the entity code (the province), e.g. "14" for 山西.
    pub province: Option<String>,
    pub thresholds: Arc<Thresholds>,
    pub index: Arc<SchemaIndex>,
    year_nodes: Vec<YearNode>,
}

impl ReportContext {
    pub fn new(value: Arc<Value>, thresholds: Arc<Thresholds>, index: Arc<SchemaIndex>) -> Self {
        let report = value.get("report");
        let text = |k: &str| {
            report
                .and_then(|r| r.get(k))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let stages = report
            .and_then(|r| r.get("stages"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let province = report
            .and_then(|r| r.pointer("/entity/code"))
            .and_then(Value::as_str)
            .filter(|c| c.len() >= 2 && c.is_char_boundary(2))
            .map(|c| c[..2].to_string());
        let year_nodes = year_nodes(&value);
        let year = report_year(report.and_then(|r| r.get("year")), &year_nodes);
        ReportContext {
            year_nodes,
            year,
            level: text("level"),
            category: text("category"),
            stages,
            province,
            value,
            thresholds,
            index,
        }
    }

    /// `Value::pointer` without its per-segment allocations (rules look values up
    /// thousands of times per report).
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        crate::base::json::pointer(&self.value, pointer)
    }

    pub fn cell(&self, pointer: &str) -> Cell {
        match self.get(pointer) {
            None | Some(Value::Null) => Cell::Blank,
            Some(Value::Number(n)) => n.as_f64().map_or(Cell::Other, Cell::Number),
            Some(Value::String(s)) if s == "-" => Cell::NotApplicable,
            Some(_) => Cell::Other,
        }
    }

    pub fn num(&self, pointer: &str) -> Option<f64> {
        match self.cell(pointer) {
            Cell::Number(n) => Some(n),
            _ => None,
        }
    }

    /// `/data/<stage>/<year>` for every stage and year column present, in document order.
    pub fn year_nodes(&self) -> &[YearNode] {
        &self.year_nodes
    }

    /// `/data/<stage>/<year>/<table>` for the tables present.
    pub fn tables(&self, table: &str) -> Vec<String> {
        self.year_nodes
            .iter()
            .map(|n| format!("{}/{table}", n.pointer))
            .filter(|p| self.get(p).is_some_and(Value::is_object))
            .collect()
    }

    pub fn threshold(&self, key: &str, category: Option<&str>) -> Option<f64> {
        self.thresholds
            .value(key, category.or(self.category.as_deref()))
    }
}

/// The report year the rules work with. A year written as 2024.0 or "2024" is still
/// 2024 (the schema reports the wrong type; the rules must not be switched off by it);
/// with no usable year, the latest year column of the tables (the schema reports the
/// missing year). A report-year rule never goes quiet because the year was mistyped.
fn report_year(written: Option<&Value>, year_nodes: &[YearNode]) -> Option<i64> {
    let plausible = |y: i64| (1990..=2100).contains(&y).then_some(y);
    let written = match written {
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Some(Value::String(s)) => s.trim().trim_end_matches("年").trim().parse().ok(),
        _ => None,
    };
    written.and_then(plausible).or_else(|| {
        year_nodes
            .iter()
            .map(|n| n.year)
            .filter_map(plausible)
            .max()
    })
}

fn year_nodes(value: &Value) -> Vec<YearNode> {
    let mut out = Vec::new();
    let Some(data) = value.get("data").and_then(Value::as_object) else {
        return out;
    };
    for (stage, years) in data {
        let Some(years) = years.as_object() else {
            continue;
        };
        for year in years.keys() {
            if let Ok(y) = year.parse::<i64>() {
                out.push(YearNode {
                    pointer: format!("/data/{stage}/{year}"),
                    stage: stage.clone(),
                    year: y,
                });
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearNode {
    pub pointer: String,
    pub stage: String,
    pub year: i64,
}

/// The same row one year earlier: `/data/s/2024/t/r` → `/data/s/2023/t/r`.
pub fn previous_year(pointer: &str) -> Option<String> {
    let mut parts: Vec<&str> = pointer.split('/').collect();
    if parts.len() < 4 || parts[1] != "data" {
        return None;
    }
    let year: i64 = parts[3].parse().ok()?;
    let prev = (year - 1).to_string();
    parts[3] = &prev;
    Some(parts.join("/"))
}

/// Stage and year of a pointer under `/data`.
pub fn stage_year(pointer: &str) -> Option<(&str, i64)> {
    let mut it = slash_parts(pointer).skip(1);
    if it.next()? != "data" {
        return None;
    }
    let stage = it.next()?;
    let year = it.next()?.parse().ok()?;
    Some((stage, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_and_numbers() {
        assert_eq!(
            previous_year("/data/secondary/2024/scorecard/placed").as_deref(),
            Some("/data/secondary/2023/scorecard/placed")
        );
        assert_eq!(previous_year("/report/year"), None);
        assert_eq!(
            stage_year("/data/higher/2023/policy"),
            Some(("higher", 2023))
        );
    }
}
