//! The workbook model: a dataset as sheets of typed cells, in the parts and order
//! of [`crate::import::sheet::layout`]. Both writers render this model.

use serde_json::Value;

use crate::import::sheet::layout;
use crate::schema::SchemaIndex;

pub use super::model::{Cell, Expect, Figure, Leftovers, OutSheet, Part, is_nothing};

/// The top-level keys the parts other than 其他数据 hold.
const HELD: [&str; 6] = ["report", "data", "schools", "sections", "cases", "tables"];

/// The whole workbook for a dataset: 填写说明, 报告信息, the data tables, 学校办学条件,
/// 报告结构, 其他数据 (each part only when it has something to hold, except the
/// first two).
pub fn book(value: &Value, index: &SchemaIndex) -> Vec<OutSheet> {
    let mut left = Leftovers::new();
    let mut sheets = vec![super::report::sheet(value, index, &mut left)];
    sheets.extend(super::tables::sheets(value, index, &mut left));
    sheets.extend(super::records::schools(value, index, &mut left));
    sheets.extend(super::records::outline(value, &mut left));
    if let Some(root) = value.as_object() {
        for (key, v) in root {
            if !HELD.contains(&key.as_str()) && !is_nothing(v) {
                left.push((crate::dataset::source_map::push("", key), v.clone()));
            }
        }
    }
    sheets.extend(super::records::other(&left));
    sheets.insert(0, instructions(&sheets));
    sheets
}

/// The instructions sheet: what each sheet is and how to fill it.
fn instructions(sheets: &[OutSheet]) -> OutSheet {
    let mut lines: Vec<String> = vec![
        "本工作簿由 dabiao 生成，各工作表如下：".into(),
        format!(
            "· {}：报告的标题、层级、年度、编制主体等，每行一项，在“内容”列填写，“说明”列是可填的值和格式。",
            layout::REPORT
        ),
    ];
    let tables: Vec<&str> = sheets
        .iter()
        .filter(|s| matches!(s.part, Part::Table { .. }))
        .map(|s| s.name.as_str())
        .collect();
    if !tables.is_empty() {
        lines.push(format!(
            "· 数据表（{}）：国家模板的数据表，每行一个指标，每个年度一列。",
            tables.join("、")
        ));
    }
    for (part, what) in [
        (Part::Schools, "每所学校一行的办学条件。"),
        (Part::Outline, "报告的部分、小节、案例和表。"),
        (
            Part::Other,
            "其他表格放不下的数据（JSON 指针及其值），一般无需修改。",
        ),
    ] {
        if let Some(s) = sheets.iter().find(|s| s.part == part) {
            lines.push(format!("· {}：{what}", s.name));
        }
    }
    lines.extend(
        [
            "",
            "填写方法：",
            "1. 数值单元格只填数字，不带单位，也不带千分位以外的文字。",
            "2. 百分比填 0 到 100 之间的数，不带“%”号：89.5% 填 89.5。",
            "3. 生师比填 x:1 中的 x：18.6:1 填 18.6。",
            "4. 不适用的指标填“-”；尚未填写的留空（空白表示未填写）。",
            "5. “学时”行紧接在“门”数行之下，是上一行课程的学时数。",
            "6. 满意度调查表的“调查人次”“调查方式”是报告年度（最后一个年度列）的调查。",
            "7. 不要修改工作表的名称、第一行的表题和表头、报告信息的“键”列，也不要增删年度列。",
            "",
            "检查方法：保存后在命令行运行 dabiao check 文件.xlsx，按提示逐条修改。",
        ]
        .map(String::from),
    );
    OutSheet {
        name: layout::INSTRUCTIONS.to_string(),
        title: layout::INSTRUCTIONS.to_string(),
        header: Vec::new(),
        rows: lines.into_iter().map(|l| vec![Cell::Hint(l)]).collect(),
        part: Part::Instructions,
    }
}
