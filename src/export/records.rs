//! The record parts: 学校办学条件 (`/schools`), 报告结构 (`/sections`, `/cases`,
//! `/tables`) and 其他数据 (whatever else).

use serde_json::{Map, Value};

use crate::dataset::source_map::push;
use crate::import::sheet::layout;
use crate::schema::SchemaIndex;

use super::model::{Cell, Expect, Leftovers, OutSheet, Part, is_nothing};

/// 学校办学条件: one school per row, a column per schema field (its Chinese title).
pub(super) fn schools(
    value: &Value,
    index: &SchemaIndex,
    left: &mut Leftovers,
) -> Option<OutSheet> {
    let list = value.get("schools")?;
    let Some(list) = list.as_array().filter(|l| !l.is_empty()) else {
        if !is_nothing(list) {
            left.push(("/schools".into(), list.clone()));
        }
        return None;
    };
    let node = index.at("/schools/0")?;
    let keys: Vec<&String> = node.properties()?.keys().collect();
    let header = keys
        .iter()
        .map(|k| {
            let child = index.child(node, k);
            child.and_then(|c| c.title()).unwrap_or(k).to_string()
        })
        .collect();
    let mut rows = Vec::new();
    for (i, school) in list.iter().enumerate() {
        let pointer = push("/schools", &i.to_string());
        let Some(obj) = school.as_object() else {
            left.push((pointer, school.clone()));
            continue;
        };
        let mut row = Vec::new();
        for key in &keys {
            let child = index.child(node, key).expect("a property");
            let v = obj.get(key.as_str());
            let cell = match (v, child.enum_values().is_empty(), child.kind()) {
                // An enum by its Chinese title; a value that is none of them as it is.
                (Some(Value::String(s)), false, _) => {
                    Cell::Text(child.enum_title(s).unwrap_or(s).to_string())
                }
                (_, true, Some(kind)) => {
                    Cell::figure(v, Expect::of_kind(Some(kind))).unwrap_or(Cell::Empty)
                }
                (Some(Value::String(_)) | None | Some(Value::Null), true, None) => Cell::plain(v),
                _ => Cell::Empty,
            };
            // An enum value that is no known one is shown as it is and kept in 其他数据
            // too (read back from its cell, "公办" would become the key it names).
            let unknown_enum = matches!(v, Some(Value::String(s))
                if !child.enum_values().is_empty() && !child.enum_values().contains(&s.as_str()));
            let unwritten = cell == Cell::Empty
                || matches!(&cell, Cell::Value { value: None, .. })
                || unknown_enum;
            if let Some(v) = v.filter(|v| unwritten && !is_nothing(v)) {
                left.push((push(&pointer, key), v.clone()));
            }
            row.push(cell);
        }
        for (key, v) in obj {
            if !keys.contains(&key) && !is_nothing(v) {
                left.push((push(&pointer, key), v.clone()));
            }
        }
        rows.push(row);
    }
    Some(OutSheet {
        name: layout::SCHOOLS.to_string(),
        title: layout::SCHOOLS.to_string(),
        header,
        rows,
        part: Part::Schools,
    })
}

/// 报告结构: the parts with their subsections, the cases, the tables.
pub(super) fn outline(value: &Value, left: &mut Leftovers) -> Option<OutSheet> {
    let mut rows = Vec::new();
    for (key, kind) in [
        ("sections", layout::OUTLINE_SECTION),
        ("cases", layout::OUTLINE_CASE),
        ("tables", layout::OUTLINE_TABLE),
    ] {
        let Some(list) = value.get(key) else { continue };
        let Some(items) = list.as_array() else {
            if !is_nothing(list) {
                left.push((push("", key), list.clone()));
            }
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let pointer = push(&push("", key), &i.to_string());
            let Some(obj) = item.as_object() else {
                left.push((pointer, item.clone()));
                continue;
            };
            let id = if key == "sections" { "no" } else { "id" };
            let part = obj.get("part");
            rows.push(outline_row(kind, obj, id, part, &pointer, left));
            if key != "sections" {
                continue;
            }
            let subs = obj.get("subsections").and_then(Value::as_array);
            for (j, sub) in subs.into_iter().flatten().enumerate() {
                let sub_ptr = push(&push(&pointer, "subsections"), &j.to_string());
                match sub.as_object() {
                    Some(s) => rows.push(outline_row(
                        layout::OUTLINE_SUBSECTION,
                        s,
                        "no",
                        obj.get("no"),
                        &sub_ptr,
                        left,
                    )),
                    None => left.push((sub_ptr, sub.clone())),
                }
            }
        }
    }
    (!rows.is_empty()).then(|| OutSheet {
        name: layout::OUTLINE.to_string(),
        title: layout::OUTLINE.to_string(),
        header: layout::OUTLINE_HEADER.map(String::from).to_vec(),
        rows,
        part: Part::Outline,
    })
}

/// One row of the outline: 类别, 编号, 所在部分, 标题, 字数, 其他 (the item's other
/// fields as a JSON object; too long for a cell, they go to 其他数据 one by one).
fn outline_row(
    kind: &str,
    obj: &Map<String, Value>,
    id: &str,
    part: Option<&Value>,
    pointer: &str,
    left: &mut Leftovers,
) -> Vec<Cell> {
    let shown = [id, "part", "title", "chars", "subsections"];
    let rest: Map<String, Value> = obj
        .iter()
        .filter(|(k, v)| !shown.contains(&k.as_str()) && !is_nothing(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut rest_text = String::new();
    if !rest.is_empty() {
        let text = Value::Object(rest.clone()).to_string();
        if text.chars().count() <= layout::JSON_CHUNK {
            rest_text = text;
        } else {
            left.extend(rest.into_iter().map(|(k, v)| (push(pointer, &k), v)));
        }
    }
    let mut figure = |key: &str| {
        let v = obj.get(key);
        Cell::figure(v, Expect::Number).unwrap_or_else(|| {
            left.push((push(pointer, key), v.cloned().unwrap_or(Value::Null)));
            Cell::Empty
        })
    };
    let chars = figure("chars");
    vec![
        Cell::Text(kind.to_string()),
        Cell::plain(obj.get(id)),
        Cell::plain(part),
        Cell::plain(obj.get("title")),
        chars,
        if rest_text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(rest_text)
        },
    ]
}

/// 其他数据: each pointer with its value as JSON, long texts over several rows.
pub(super) fn other(left: &Leftovers) -> Option<OutSheet> {
    let mut rows = Vec::new();
    for (pointer, v) in left {
        let text = v.to_string();
        let chars: Vec<char> = text.chars().collect();
        for chunk in chars.chunks(layout::JSON_CHUNK) {
            rows.push(vec![
                Cell::Text(pointer.clone()),
                Cell::Text(chunk.iter().collect()),
            ]);
        }
    }
    (!rows.is_empty()).then(|| OutSheet {
        name: layout::OTHER.to_string(),
        title: layout::OTHER.to_string(),
        header: layout::OTHER_HEADER.map(String::from).to_vec(),
        rows,
        part: Part::Other,
    })
}
