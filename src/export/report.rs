//! 报告信息: one row per field of `/report`, in schema order.

use serde_json::Value;

use crate::dataset::source_map::push;
use crate::import::sheet::layout;
use crate::schema::{SchemaIndex, SchemaNode};

use super::model::{Cell, Leftovers, OutSheet, Part, is_nothing};

pub(super) fn sheet(value: &Value, index: &SchemaIndex, left: &mut Leftovers) -> OutSheet {
    let mut rows = Vec::new();
    if let Some(node) = index.at("/report") {
        fields(
            index,
            node,
            &Place {
                key: "",
                pointer: "/report",
                title: "",
            },
            value.get("report"),
            &mut rows,
            left,
        );
    }
    OutSheet {
        name: layout::REPORT.to_string(),
        title: layout::REPORT.to_string(),
        header: layout::REPORT_HEADER.map(String::from).to_vec(),
        rows,
        part: Part::Report,
    }
}

/// Where an object of fields is: its key path ("entity"), pointer and title.
struct Place<'a> {
    key: &'a str,
    pointer: &'a str,
    title: &'a str,
}

fn fields(
    index: &SchemaIndex,
    node: SchemaNode<'_>,
    place: &Place<'_>,
    value: Option<&Value>,
    rows: &mut Vec<Vec<Cell>>,
    left: &mut Leftovers,
) {
    let props = node.properties();
    let required: Vec<&str> = node
        .target
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for key in props.into_iter().flat_map(|p| p.keys()) {
        let Some(child) = index.child(node, key) else {
            continue;
        };
        let v = value.and_then(|o| o.get(key));
        let key_path = match place.key {
            "" => key.clone(),
            k => format!("{k}.{key}"),
        };
        let pointer = push(place.pointer, key);
        let title = layout::joined_title(place.title, child.title().unwrap_or(key));
        if child.properties().is_some() {
            let inner = Place {
                key: &key_path,
                pointer: &pointer,
                title: &title,
            };
            fields(index, child, &inner, v, rows, left);
            continue;
        }
        let items = index.at(&push(&pointer, "0"));
        let (content, leftover) = content(child, items, v);
        if leftover {
            left.push((pointer.clone(), v.cloned().unwrap_or(Value::Null)));
        }
        let note = note(child, items, required.contains(&key.as_str()));
        rows.push(vec![
            Cell::Text(title),
            content,
            Cell::Text(key_path),
            Cell::Hint(note),
        ]);
    }
    // Keys the schema does not know.
    if let Some(obj) = value.and_then(Value::as_object) {
        for (key, v) in obj {
            let known = props.is_some_and(|p| p.contains_key(key));
            if !known && !is_nothing(v) {
                left.push((push(place.pointer, key), v.clone()));
            }
        }
    }
}

/// The 内容 cell: an enum by its Chinese title (a value that is none of them as it
/// is), a list of them joined by "、", text and numbers as they are. `true` when the
/// value has no such form (an object, a list of anything else): the cell is then
/// blank and the value goes to 其他数据.
fn content(node: SchemaNode<'_>, items: Option<SchemaNode<'_>>, v: Option<&Value>) -> (Cell, bool) {
    let title_of = |n: SchemaNode<'_>, s: &str| n.enum_title(s).unwrap_or(s).to_string();
    match v {
        // A value that is no known one is shown as it is and kept in 其他数据 too:
        // read back from its cell, "地市" would become the key it names.
        Some(Value::String(s)) if !node.enum_values().is_empty() => (
            Cell::Text(title_of(node, s)),
            !node.enum_values().contains(&s.as_str()),
        ),
        Some(Value::Array(list)) => {
            let words: Option<Vec<String>> = items
                .filter(|i| !i.enum_values().is_empty())
                .and_then(|items| {
                    list.iter()
                        .map(|x| {
                            x.as_str()
                                .filter(|s| items.enum_values().contains(s))
                                .map(|s| title_of(items, s))
                        })
                        .collect()
                });
            match words {
                Some(w) => (Cell::Text(w.join(layout::LIST_SEPARATOR)), false),
                None => (Cell::Empty, true),
            }
        }
        Some(Value::Object(_)) => (Cell::Empty, true),
        _ => (Cell::plain(v), false),
    }
}

/// The 说明 cell: required or not, the values allowed, the unit, the format.
fn note(node: SchemaNode<'_>, items: Option<SchemaNode<'_>>, required: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if required {
        parts.push("必填".into());
    }
    let titles = |n: SchemaNode<'_>| -> Vec<String> {
        n.enum_values()
            .iter()
            .map(|v| n.enum_title(v).unwrap_or(v).to_string())
            .collect()
    };
    if !node.enum_values().is_empty() {
        // " / " between choices: a choice's own title may list several ("工科、农、林").
        parts.push(format!("可填：{}", titles(node).join(" / ")));
    } else if let Some(items) = items.filter(|i| !i.enum_values().is_empty()) {
        parts.push(format!(
            "可填：{}；多项用“{}”隔开",
            titles(items).join("、"),
            layout::LIST_SEPARATOR
        ));
    }
    if let Some(unit) = node.unit() {
        parts.push(format!("单位：{unit}"));
    }
    let pattern = node
        .target
        .get("pattern")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if pattern.contains("https?") {
        parts.push("以 http:// 或 https:// 开头的网址".into());
    } else if pattern.starts_with("^[0-9]{4}") {
        parts.push("年份或日期，如 2025 或 2025-01-20".into());
    } else if pattern.contains("[0-9A-Z]{6,18}") {
        parts.push("6 到 18 位数字或大写字母".into());
    }
    let (min, max) = (node.target.get("minimum"), node.target.get("maximum"));
    if let (Some(a), Some(b)) = (min, max) {
        parts.push(format!("{a} 到 {b} 之间的整数"));
    }
    parts.join("；")
}
