//! Builds the canonical value and its SourceMap together, pointer by pointer.

use serde_json::{Map, Value};

use crate::base::source::Span;
use crate::dataset::source_map::{Location, SourceMap, segments};

#[derive(Debug, Default)]
pub struct Builder {
    pub value: Value,
    pub map: SourceMap,
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            value: Value::Object(Map::new()),
            map: SourceMap::new(),
        }
    }

    /// Sets `pointer` (creating the objects above it) and records where it came from.
    pub fn set(&mut self, pointer: &str, value: Value, key: Option<Span>, span: Span) {
        let mut node = &mut self.value;
        let segs: Vec<String> = segments(pointer).collect();
        for (i, seg) in segs.iter().enumerate() {
            let last = i + 1 == segs.len();
            // An index into an array that exists (`/sections/0/…`).
            if let Some(index) = seg.parse::<usize>().ok().filter(|_| node.is_array()) {
                let arr = node.as_array_mut().expect("checked above");
                if index >= arr.len() {
                    return;
                }
                if last {
                    arr[index] = value;
                    break;
                }
                node = &mut arr[index];
                continue;
            }
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            let obj = node.as_object_mut().expect("made an object above");
            if last {
                obj.insert(seg.clone(), value);
                break;
            }
            node = obj
                .entry(seg.clone())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        self.map
            .insert(pointer.to_string(), Location { key, value: span });
    }

    /// Appends to the array at `pointer`; returns the new element's pointer.
    pub fn push(&mut self, pointer: &str, value: Value, span: Span) -> String {
        let len = self
            .value
            .pointer(pointer)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if len == 0 && self.value.pointer(pointer).is_none() {
            self.set(pointer, Value::Array(Vec::new()), None, span);
        }
        let arr = self
            .value
            .pointer_mut(pointer)
            .and_then(Value::as_array_mut)
            .expect("array created above");
        arr.push(value);
        let p = format!("{pointer}/{len}");
        self.map.insert(
            p.clone(),
            Location {
                key: None,
                value: span,
            },
        );
        p
    }

    /// Records a location for a pointer without changing the value (a parent object).
    pub fn locate(&mut self, pointer: &str, span: Span) {
        if self.map.get(pointer).is_none() {
            self.map.insert(
                pointer.to_string(),
                Location {
                    key: None,
                    value: span,
                },
            );
        }
    }

    pub fn has(&self, pointer: &str) -> bool {
        self.value.pointer(pointer).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_nested_values_and_arrays() {
        let mut b = Builder::new();
        b.set(
            "/data/secondary/2024/scorecard/graduates",
            12.into(),
            None,
            Span::new(3, 5),
        );
        let p = b.push("/cases", serde_json::json!({"id": "2-1"}), Span::new(7, 9));
        assert_eq!(p, "/cases/0");
        assert_eq!(
            b.value["data"]["secondary"]["2024"]["scorecard"]["graduates"],
            12
        );
        assert_eq!(b.value["cases"][0]["id"], "2-1");
        assert_eq!(b.map.get("/cases/0").unwrap().value, Span::new(7, 9));
    }
}
