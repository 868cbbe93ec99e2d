//! The workbook model's types: sheets of typed cells. [`super::book`] fills them
//! from a dataset; both writers render them.

use serde_json::{Number, Value};

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
