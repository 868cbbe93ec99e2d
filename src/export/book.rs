//! The workbook model: a dataset as sheets of typed cells, in the parts and order
//! of [`crate::import::sheet::layout`]. Both writers render this model.

use serde_json::{Number, Value};

use crate::import::sheet::layout;
use crate::schema::SchemaIndex;

/// One sheet (a part of a .csv): its title row, header row and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct OutSheet {
    /// The sheet's name (≤ 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// The title row's one cell: the part's title or the table's caption.
    pub title: String,
    /// Empty for the instructions.
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub part: Part,
}

/// What a sheet holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Instructions,
    Report,
    /// One of the six data tables of one stage.
    Table {
        stage: String,
        table: String,
    },
    Schools,
    Outline,
    Other,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(Number),
    /// A cell for a figure: a number, "-" (不适用) or blank (未填写), validated as
    /// `expect` says.
    Value {
        value: Option<Figure>,
        expect: Expect,
    },
    /// Guidance for people (the 说明 column, the instructions).
    Hint(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Number(Number),
    /// "-": not applicable.
    Dash,
}

/// What a figure cell expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Number,
    /// 0–100, without "%".
    Percent,
    /// The x of x:1.
    Ratio,
}

impl Expect {
    /// From a schema node's `x-kind`.
    pub fn of_kind(kind: Option<&str>) -> Expect {
        match kind {
            Some("percent") => Expect::Percent,
            Some("ratio") => Expect::Ratio,
            _ => Expect::Number,
        }
    }
}

impl Cell {
    /// The cell as text, as .csv and the text importer have it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Hint(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Value { value, .. } => match value {
                None => String::new(),
                Some(Figure::Number(n)) => n.to_string(),
                Some(Figure::Dash) => "-".to_string(),
            },
        }
    }

    /// A figure cell for a dataset value: `None` if the value is not a figure (a
    /// text other than "-", an object): the caller keeps it elsewhere.
    pub fn figure(value: Option<&Value>, expect: Expect) -> Option<Cell> {
        let value = match value {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(Figure::Number(n.clone())),
            Some(Value::String(s)) if s == "-" => Some(Figure::Dash),
            Some(_) => return None,
        };
        Some(Cell::Value { value, expect })
    }

    /// A plain value (text, number, blank); arrays and objects as JSON text.
    pub fn plain(value: Option<&Value>) -> Cell {
        match value {
            None | Some(Value::Null) => Cell::Empty,
            Some(Value::String(s)) => Cell::Text(s.clone()),
            Some(Value::Number(n)) => Cell::Number(n.clone()),
            Some(Value::Bool(b)) => Cell::Text(b.to_string()),
            Some(v) => Cell::Text(v.to_string()),
        }
    }
}

/// What no other part holds: JSON pointers and their values, for 其他数据.
pub type Leftovers = Vec<(String, Value)>;

/// Whether a value holds nothing worth writing: null, an empty array, an object of
/// nothing (null and absent are alike).
pub fn is_nothing(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_nothing),
        _ => false,
    }
}

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
            "6. 不要修改工作表的名称、第一行的表题和表头，也不要增删年度列。",
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
