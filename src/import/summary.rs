//! What an import read, at a glance: parts of eight, cases, figures, tables, which
//! of the six data tables for each stage and year, cells mapped and not, and the
//! report year with where it came from. Computed from the imported dataset and the
//! import's findings only, so that it says what the dataset holds, not what the
//! reader meant to do.

use serde::Serialize;
use serde_json::Value;

use super::codes;
use super::meta::year_in;
use crate::base::vocab::{PARTS, TABLES, stage_name};
use crate::finding::Finding;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// How many of the eight parts were found.
    pub parts: usize,
    pub cases: usize,
    pub figures: usize,
    /// The report's own tables (by caption), not the six data tables.
    pub tables: usize,
    /// Each stage and year with data: which of the six tables have any.
    pub data: Vec<DataYear>,
    /// Cells of the six tables that hold a value (a number or "-").
    pub cells: usize,
    /// Rows and cells that could not be mapped (import findings).
    pub unmapped: usize,
    pub year: Option<i64>,
    /// Where the year came from: "title" or "table-columns".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_source: Option<&'static str>,
    /// Read from a spreadsheet: it has tables, not parts, so only they are summed up.
    #[serde(skip)]
    pub spreadsheet: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataYear {
    pub stage: String,
    pub year: String,
    /// Table keys in the template's order ("scorecard", …).
    pub tables: Vec<&'static str>,
}

/// Import findings about table content that did not make it into the dataset.
const UNMAPPED: [&crate::finding::Code; 4] = [
    &codes::UNMAPPED_ROW,
    &codes::VALUE,
    &codes::EXTRA_CELLS,
    &codes::NO_HEADER,
];

impl ImportSummary {
    pub fn of(value: &Value, findings: &[Finding]) -> ImportSummary {
        let count = |key: &str| value.get(key).and_then(Value::as_array).map_or(0, Vec::len);
        let mut data = Vec::new();
        let mut cells = 0;
        for (stage, years) in objects(value.get("data")) {
            for (year, tables) in objects(Some(years)) {
                let present: Vec<&'static str> = TABLES
                    .iter()
                    .filter(|t| {
                        let n = filled(tables.get(t.key));
                        cells += n;
                        n > 0
                    })
                    .map(|t| t.key)
                    .collect();
                if !present.is_empty() {
                    data.push(DataYear {
                        stage: stage.clone(),
                        year: year.clone(),
                        tables: present,
                    });
                }
            }
        }
        let year = value.pointer("/report/year").and_then(Value::as_i64);
        ImportSummary {
            parts: parts_found(value),
            cases: count("cases"),
            figures: count("figures"),
            tables: count("tables"),
            year_source: year.and_then(|y| year_source(value, y, &data)),
            data,
            cells,
            unmapped: findings
                .iter()
                .filter(|f| UNMAPPED.iter().any(|c| c.id == f.code))
                .count(),
            year,
            spreadsheet: false,
        }
    }

    /// One or two lines a reviewer reads at a glance (Chinese).
    pub fn text(&self) -> String {
        if self.spreadsheet {
            return format!("数据表：{}", self.data_text());
        }
        let mut out = format!(
            "导入：{}/{} 个部分，案例 {} 个，图 {} 个，表 {} 个；",
            self.parts,
            PARTS.len(),
            self.cases,
            self.figures,
            self.tables
        );
        out.push_str(&match self.year {
            Some(y) => format!("年度 {y}（{}）", self.year_source_text()),
            None => "年度未能确定".to_string(),
        });
        out.push_str(&format!("\n数据表：{}", self.data_text()));
        out
    }

    /// The six tables per stage and year, and the cells: "中职 2024 年 表1–6 齐全；
    /// 中职 2023 年 表1、3（缺表2、4、5、6）；已对应 212 格，未能对应 3 处".
    pub fn data_text(&self) -> String {
        let mut parts: Vec<String> = self.data.iter().map(DataYear::text).collect();
        if parts.is_empty() {
            parts.push("未读出六张数据表".to_string());
        }
        let mut out = parts.join("；");
        out.push_str(&format!("；已对应 {} 格", self.cells));
        if self.unmapped > 0 {
            out.push_str(&format!("，未能对应 {} 处（见“导入”问题）", self.unmapped));
        }
        out
    }

    fn year_source_text(&self) -> &'static str {
        match self.year_source {
            Some("title") => "来自标题",
            Some("table-columns") => "来自数据表年份列",
            _ => "来源未注明",
        }
    }
}

impl DataYear {
    fn text(&self) -> String {
        let numbers = |keys: &mut dyn Iterator<Item = &'static str>| -> String {
            keys.filter_map(|k| TABLES.iter().position(|t| t.key == k))
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join("、")
        };
        let head = format!("{} {} 年", stage_name(&self.stage), self.year);
        if self.tables.len() == TABLES.len() {
            return format!("{head} 表1–6 齐全");
        }
        let missing = numbers(
            &mut TABLES
                .iter()
                .map(|t| t.key)
                .filter(|k| !self.tables.contains(k)),
        );
        format!(
            "{head} 表{}（缺表{missing}）",
            numbers(&mut self.tables.iter().copied())
        )
    }
}

/// The distinct parts (1–8) among the sections found.
fn parts_found(value: &Value) -> usize {
    let mut seen = [false; PARTS.len()];
    for s in value
        .get("sections")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(no) = s.get("no").and_then(Value::as_u64)
            && (1..=PARTS.len() as u64).contains(&no)
        {
            seen[no as usize - 1] = true;
        }
    }
    seen.iter().filter(|x| **x).count()
}

/// The title names the year, else a data table has a column for it (the
/// importer's order).
fn year_source(value: &Value, year: i64, data: &[DataYear]) -> Option<&'static str> {
    let title = value.pointer("/report/title").and_then(Value::as_str);
    if title.and_then(year_in).map(i64::from) == Some(year) {
        Some("title")
    } else if data.iter().any(|d| d.year == year.to_string()) {
        Some("table-columns")
    } else {
        None
    }
}

fn objects(v: Option<&Value>) -> Vec<(String, &Value)> {
    v.and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect())
        .unwrap_or_default()
}

/// Leaves holding a value (anything but null) under a table.
fn filled(v: Option<&Value>) -> usize {
    match v {
        None | Some(Value::Null) => 0,
        Some(Value::Object(m)) => m.values().map(|x| filled(Some(x))).sum(),
        Some(Value::Array(a)) => a.iter().map(|x| filled(Some(x))).sum(),
        Some(_) => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dataset() -> Value {
        json!({
            "report": {"title": "某市中等职业教育质量年度报告（2024年度）", "year": 2024},
            "sections": [{"no": 1}, {"no": 2}, {"no": 2}, {"no": 5}, {"no": 9}],
            "cases": [{}, {}], "figures": [{}], "tables": [],
            "data": {"secondary": {
                "2023": {"scorecard": {"graduates": 10, "placed": null}},
                "2024": {
                    "scorecard": {"graduates": 12, "placed": 11},
                    "satisfaction": {"students": {"value": 93.1}},
                    "resources": {"ratio": "-"},
                    "contribution": {"x": 1}, "international": {"y": 2}, "policy": {"z": 3}
                }
            }}
        })
    }

    #[test]
    fn counts_parts_tables_and_cells() {
        let unmapped = Finding::of(&codes::UNMAPPED_ROW, String::new());
        let s = ImportSummary::of(&dataset(), &[unmapped]);
        assert_eq!((s.parts, s.cases, s.figures, s.tables), (3, 2, 1, 0));
        assert_eq!((s.cells, s.unmapped), (8, 1));
        assert_eq!((s.year, s.year_source), (Some(2024), Some("title")));
        assert_eq!(s.data.len(), 2);
        assert_eq!(s.data[0].tables, ["scorecard"]);
        assert_eq!(
            s.text(),
            "导入：3/8 个部分，案例 2 个，图 1 个，表 0 个；年度 2024（来自标题）\n\
             数据表：中职 2023 年 表1（缺表2、3、4、5、6）；中职 2024 年 表1–6 齐全；\
             已对应 8 格，未能对应 1 处（见“导入”问题）"
        );
    }

    #[test]
    fn year_from_table_columns_and_nothing_read() {
        let mut v = dataset();
        v["report"]["title"] = json!("某校质量年度报告");
        assert_eq!(
            ImportSummary::of(&v, &[]).year_source,
            Some("table-columns")
        );
        let empty = ImportSummary::of(&json!({}), &[]);
        assert_eq!((empty.parts, empty.cells, empty.year), (0, 0, None));
        assert_eq!(
            empty.text(),
            "导入：0/8 个部分，案例 0 个，图 0 个，表 0 个；年度未能确定\n数据表：未读出六张数据表；已对应 0 格"
        );
    }
}
