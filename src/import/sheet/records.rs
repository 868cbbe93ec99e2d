//! The record parts of dabiao's workbook layout read into the dataset: 报告信息 (one
//! field per row), 学校办学条件 (one school per row), 报告结构 (parts, sub-sections,
//! cases, tables) and 其他数据 (JSON by pointer). Each value points at its cell.

use serde_json::{Map, Value};

use crate::base::normalize::compact;
use crate::base::source::Span;
use crate::dataset::source_map::{Location, SourceMap};
use crate::finding::Finding;

use super::cells::value_for;
use super::codes;
use super::layout;
use super::parts::PartKind;
use super::schema_index;
use super::shown::ShownLine;
use crate::import::document::Cell;

/// What the record parts held.
#[derive(Debug, Default)]
pub struct Records {
    pub value: Map<String, Value>,
    pub map: SourceMap,
    pub findings: Vec<Finding>,
    /// 其他数据: pointer, value and the cell it came from, set after the data tables.
    pub other: Vec<(String, Value, Location)>,
}

impl Records {
    pub fn read(&mut self, kind: PartKind, lines: &[&ShownLine]) {
        // What is said about a part as a whole (a required field missing) points at
        // its first row.
        let whole: &[&str] = match kind {
            PartKind::Report => &["/report"],
            PartKind::Schools => &["/schools"],
            PartKind::Outline => &["/sections", "/cases", "/tables"],
            _ => &[],
        };
        if let Some(first) = lines.first() {
            for p in whole {
                let at = Location {
                    key: None,
                    value: first.span,
                };
                self.map.insert(p.to_string(), at);
            }
        }
        match kind {
            PartKind::Report => self.report(lines),
            PartKind::Schools => self.schools(lines),
            PartKind::Outline => self.outline(lines),
            PartKind::Other => self.other_data(lines),
            PartKind::Instructions | PartKind::Tables => {}
        }
    }

    fn note(&mut self, code: &crate::finding::Code, message: String, at: Span) {
        self.findings.push(Finding::of(code, message).at(at));
    }

    /// Converts a cell for `pointer` and sets it; a cell that does not fit is a finding.
    fn put(&mut self, pointer: &str, name: &str, cell: &Cell, key: Option<Span>) -> bool {
        match value_for(schema_index().at(pointer), &cell.text) {
            Ok(v) => {
                set(&mut self.value, pointer, v);
                self.map.insert(
                    pointer.to_string(),
                    Location {
                        key,
                        value: cell.span,
                    },
                );
                true
            }
            Err(why) => {
                let msg = format!("“{name}”{why}，这一格（{}）未导入", cell.text);
                self.note(&codes::CELL, msg, cell.span);
                false
            }
        }
    }

    fn report(&mut self, lines: &[&ShownLine]) {
        let columns = Columns::of(lines, &layout::REPORT_HEADER, &["项目", "内容", "键"]);
        let fields = report_fields();
        for line in &lines[columns.body..] {
            let label = columns.cell(line, "项目");
            let content = columns.cell(line, "内容");
            let key = columns
                .cell(line, "键")
                .map(|c| c.text.as_str())
                .unwrap_or("");
            let Some(label_or_key) = label.or(columns.cell(line, "键")) else {
                continue;
            };
            let path = fields
                .iter()
                .find(|(path, _)| !key.is_empty() && path == key)
                .or_else(|| {
                    let l = compact(&label_or_key.text);
                    fields.iter().find(|(_, title)| compact(title) == l)
                });
            let Some((path, title)) = path else {
                let msg = format!(
                    "{}中的“{}”不是报告信息的项目，未导入",
                    layout::REPORT,
                    label_or_key.text
                );
                self.note(&codes::FIELD, msg, label_or_key.span);
                continue;
            };
            let Some(content) = content else { continue };
            let pointer = format!("/report/{}", path.replace('.', "/"));
            self.put(&pointer, title, content, Some(label_or_key.span));
        }
    }

    fn schools(&mut self, lines: &[&ShownLine]) {
        let Some((header, rows)) = lines.split_first() else {
            return;
        };
        let keys = self.school_columns(header);
        let mut n = 0;
        for line in rows {
            let at = format!("/schools/{n}");
            let mut any = false;
            for (i, cell) in line.filled() {
                match keys.get(i).and_then(Option::as_ref) {
                    Some(Column::Field(key, title)) => {
                        any |= self.put(&format!("{at}/{key}"), title, cell, None);
                    }
                    Some(Column::Other) => any |= self.merge_json(&at, cell),
                    None => {}
                }
            }
            if any {
                self.map.insert(
                    at,
                    Location {
                        key: None,
                        value: line.span,
                    },
                );
                n += 1;
            }
        }
    }

    fn school_columns(&mut self, header: &ShownLine) -> Vec<Option<Column>> {
        let index = schema_index();
        let props = index
            .at("/schools/0")
            .and_then(|n| n.properties())
            .cloned()
            .unwrap_or_default();
        let mut out = Vec::new();
        for cell in &header.cells {
            if cell.text.is_empty() {
                out.push(None);
                continue;
            }
            let h = compact(&cell.text);
            if h == layout::OUTLINE_HEADER[5] {
                out.push(Some(Column::Other));
                continue;
            }
            let found = props.keys().find_map(|k| {
                let node = index.at(&format!("/schools/0/{k}"))?;
                let title = node.title().unwrap_or(k);
                let names = std::iter::once(k.as_str())
                    .chain(std::iter::once(title))
                    .chain(node.aliases());
                names
                    .map(compact)
                    .any(|n| h == n || without_unit(&h) == n)
                    .then(|| Column::Field(k.clone(), title.to_string()))
            });
            if found.is_none() {
                let msg = format!(
                    "{}的列“{}”对应不上学校办学条件的项目，这一列未导入",
                    layout::SCHOOLS,
                    cell.text
                );
                self.note(&codes::FIELD, msg, cell.span);
            }
            out.push(found);
        }
        out
    }

    /// An "其他" cell: a JSON object whose fields join the object at `at`.
    fn merge_json(&mut self, at: &str, cell: &Cell) -> bool {
        match serde_json::from_str::<Value>(&cell.text) {
            Ok(Value::Object(o)) => {
                for (k, v) in o {
                    set(&mut self.value, &format!("{at}/{k}"), v);
                }
                true
            }
            _ => {
                let msg = format!("“{}”一格应是 JSON 对象，未导入", layout::OUTLINE_HEADER[5]);
                self.note(&codes::CELL, msg, cell.span);
                false
            }
        }
    }

    fn outline(&mut self, lines: &[&ShownLine]) {
        let columns = Columns::of(lines, &layout::OUTLINE_HEADER, &layout::OUTLINE_HEADER);
        let mut counts = [0usize; 3];
        for line in &lines[columns.body..] {
            let Some(kind) = columns.cell(line, "类别") else {
                continue;
            };
            let at = match kind.text.as_str() {
                layout::OUTLINE_SECTION => next(&mut counts[0], "/sections"),
                layout::OUTLINE_CASE => next(&mut counts[1], "/cases"),
                layout::OUTLINE_TABLE => next(&mut counts[2], "/tables"),
                layout::OUTLINE_SUBSECTION if counts[0] > 0 => {
                    let subs = format!("/sections/{}/subsections", counts[0] - 1);
                    let n = self.len_at(&subs);
                    format!("{subs}/{n}")
                }
                _ => {
                    let msg = format!(
                        "{}的类别“{}”无法识别（应为部分、小节、案例或表），这一行未导入",
                        layout::OUTLINE,
                        kind.text
                    );
                    self.note(&codes::FIELD, msg, kind.span);
                    continue;
                }
            };
            let is_section = kind.text == layout::OUTLINE_SECTION;
            let id_key = if is_section || kind.text == layout::OUTLINE_SUBSECTION {
                "no"
            } else {
                "id"
            };
            for (header, key) in [
                ("编号", id_key),
                ("所在部分", "part"),
                ("标题", "title"),
                ("字数", "chars"),
            ] {
                // A part's number is its own; a sub-section's 所在部分 says whose it is.
                let own_part = is_section || kind.text == layout::OUTLINE_SUBSECTION;
                if key == "part" && own_part {
                    continue;
                }
                if let Some(cell) = columns.cell(line, header) {
                    self.put(&format!("{at}/{key}"), header, cell, None);
                }
            }
            if let Some(cell) = columns.cell(line, layout::OUTLINE_HEADER[5]) {
                self.merge_json(&at, cell);
            }
            self.map.insert(
                at,
                Location {
                    key: None,
                    value: line.span,
                },
            );
        }
    }

    /// The length of the list at `pointer` ("/sections/0/subsections"), read in place
    /// (the values so far are not copied for each sub-section row).
    fn len_at(&self, pointer: &str) -> usize {
        let rest = pointer.trim_start_matches('/');
        let (top, below) = rest.split_once('/').unwrap_or((rest, ""));
        let below = if below.is_empty() {
            String::new()
        } else {
            format!("/{below}")
        };
        self.value
            .get(top)
            .and_then(|v| v.pointer(&below))
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }

    fn other_data(&mut self, lines: &[&ShownLine]) {
        let columns = Columns::of(lines, &layout::OTHER_HEADER, &layout::OTHER_HEADER);
        let mut pending: Option<(String, String, Location)> = None;
        for line in &lines[columns.body..] {
            let (Some(key), Some(content)) = (columns.cell(line, "键"), columns.cell(line, "内容"))
            else {
                continue;
            };
            match &mut pending {
                Some((k, text, _)) if *k == key.text => text.push_str(&content.text),
                _ => {
                    self.finish_other(pending.take());
                    let at = Location {
                        key: Some(key.span),
                        value: content.span,
                    };
                    pending = Some((key.text.clone(), content.text.clone(), at));
                }
            }
        }
        self.finish_other(pending);
    }

    fn finish_other(&mut self, item: Option<(String, String, Location)>) {
        let Some((pointer, text, at)) = item else {
            return;
        };
        let span = at.value;
        match serde_json::from_str::<Value>(&text) {
            Ok(v) if pointer.starts_with('/') => self.other.push((pointer, v, at)),
            _ => {
                let msg = format!(
                    "{}中“{pointer}”的内容不是可以读取的 JSON，未导入",
                    layout::OTHER
                );
                self.note(&codes::CELL, msg, span);
            }
        }
    }
}

enum Column {
    Field(String, String),
    Other,
}

fn next(count: &mut usize, array: &str) -> String {
    *count += 1;
    format!("{array}/{}", *count - 1)
}

/// "全日制在校生数（人）" → "全日制在校生数".
fn without_unit(h: &str) -> &str {
    h.rfind(['(', '（']).map_or(h, |i| &h[..i])
}

/// Which column holds what, from a header row (when the part has one).
struct Columns {
    names: Vec<String>,
    /// The index of the first line after the header.
    body: usize,
}

impl Columns {
    /// `expected`: the layout's header; `defaults`: the names of columns A, B, C … when
    /// the part has no header row.
    fn of(lines: &[&ShownLine], expected: &[&str], defaults: &[&str]) -> Columns {
        let first = lines.first();
        let is_header = first.is_some_and(|l| {
            l.cells
                .iter()
                .filter(|c| expected.contains(&compact(&c.text).as_str()))
                .count()
                >= 2
        });
        match first {
            Some(h) if is_header => Columns {
                names: h.cells.iter().map(|c| compact(&c.text)).collect(),
                body: 1,
            },
            _ => Columns {
                names: defaults.iter().map(|s| s.to_string()).collect(),
                body: 0,
            },
        }
    }

    fn cell<'l>(&self, line: &'l ShownLine, name: &str) -> Option<&'l Cell> {
        let i = self.names.iter().position(|n| n == name)?;
        line.cells.get(i).filter(|c| !c.text.is_empty())
    }
}

/// The report's fields as (path "entity.name", title "编制主体名称"), leaves only.
fn report_fields() -> Vec<(String, String)> {
    let index = schema_index();
    let mut out = Vec::new();
    let Some(report) = index.at("/report") else {
        return out;
    };
    for (k, _) in report.properties().into_iter().flatten() {
        let Some(node) = index.at(&format!("/report/{k}")) else {
            continue;
        };
        let title = node.title().unwrap_or(k);
        match node.properties() {
            Some(children) if node.enum_values().is_empty() => {
                for (c, _) in children {
                    let child = index.at(&format!("/report/{k}/{c}"));
                    let t = child.and_then(|n| n.title()).unwrap_or(c);
                    out.push((format!("{k}.{c}"), layout::joined_title(title, t)));
                }
            }
            _ => out.push((k.clone(), title.to_string())),
        }
    }
    out
}

/// Sets `pointer` in `root`, making the objects and array items on the way.
pub fn set(root: &mut Map<String, Value>, pointer: &str, value: Value) {
    let mut segments = crate::dataset::source_map::segments(pointer);
    let Some(first) = segments.next() else { return };
    let mut cur = root.entry(first).or_insert(Value::Null);
    for seg in segments {
        if let Ok(i) = seg.parse::<usize>()
            && (cur.is_array() || cur.is_null())
        {
            if cur.is_null() {
                *cur = Value::Array(Vec::new());
            }
            let arr = cur.as_array_mut().expect("made an array above");
            // An index past the end appends (pointers come in order).
            let i = if i < arr.len() {
                i
            } else {
                arr.push(Value::Null);
                arr.len() - 1
            };
            cur = &mut arr[i];
            continue;
        }
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        cur = cur
            .as_object_mut()
            .expect("made an object above")
            .entry(seg)
            .or_insert(Value::Null);
    }
    *cur = value;
}
