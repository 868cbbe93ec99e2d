//! Walks `schemas/report.schema.json` along an instance pointer to find what the
//! schema says about a value: its Chinese title, unit, kind and known keys. This is
//! how every message names an indicator in Chinese without a second catalogue.

use serde_json::Value;

use std::borrow::Cow;

use crate::base::json::{member, pointer};
use crate::dataset::source_map::unescape;

/// One schema location as seen from an instance value: `site` is the subschema
/// that applies (it may carry annotations beside a `$ref`), `target` is where the
/// `$ref` leads (its structure).
#[derive(Debug, Clone, Copy)]
pub struct SchemaNode<'a> {
    pub site: &'a Value,
    pub target: &'a Value,
}

#[derive(Debug)]
pub struct SchemaIndex {
    root: Value,
}

impl SchemaIndex {
    pub fn new(root: Value) -> Self {
        SchemaIndex { root }
    }

    pub fn root_value(&self) -> &Value {
        &self.root
    }

    pub fn root(&self) -> SchemaNode<'_> {
        self.node(&self.root)
    }

    fn node<'a>(&'a self, site: &'a Value) -> SchemaNode<'a> {
        SchemaNode {
            site,
            target: self.deref(site),
        }
    }

    /// Follows local `$ref`s (`#/$defs/…`), the only kind our schema uses.
    pub fn deref<'a>(&'a self, mut v: &'a Value) -> &'a Value {
        for _ in 0..8 {
            match member(v, "$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
            {
                Some(ptr) => match pointer(&self.root, ptr) {
                    Some(next) => v = next,
                    None => return v,
                },
                None => return v,
            }
        }
        v
    }

    /// The subschema for one child of `parent` (a property name or an array index).
    pub fn child<'a>(&'a self, parent: SchemaNode<'a>, segment: &str) -> Option<SchemaNode<'a>> {
        let t = parent.target;
        if let Some(p) = member(t, "properties").and_then(|p| member(p, segment)) {
            return Some(self.node(p));
        }
        if let Some(pp) = t.get("patternProperties").and_then(Value::as_object) {
            // Our patterns are year keys; the validator has already judged the key itself.
            if let Some((_, s)) = pp.iter().next() {
                return Some(self.node(s));
            }
        }
        if let Some(ap) = t.get("additionalProperties").filter(|v| v.is_object()) {
            return Some(self.node(ap));
        }
        if segment.parse::<usize>().is_ok()
            && let Some(items) = t.get("items").filter(|v| v.is_object())
        {
            return Some(self.node(items));
        }
        None
    }

    /// The nodes along an instance pointer, root first; stops where the schema does.
    pub fn path<'a, 'p>(&'a self, pointer: &'p str) -> Vec<(Cow<'p, str>, SchemaNode<'a>)> {
        let mut out = Vec::new();
        let mut node = self.root();
        for seg in pointer.split('/').skip(1) {
            let seg = if seg.contains('~') {
                Cow::Owned(unescape(seg))
            } else {
                Cow::Borrowed(seg)
            };
            match self.child(node, &seg) {
                Some(next) => {
                    node = next;
                    out.push((seg, next));
                }
                None => break,
            }
        }
        out
    }

    /// The node at an instance pointer, if the schema reaches it. Rules ask this of
    /// every cell of every report, so it walks without allocating (a segment is
    /// unescaped only when it holds `~`).
    pub fn at<'a>(&'a self, pointer: &str) -> Option<SchemaNode<'a>> {
        let mut node = self.root();
        if pointer.is_empty() {
            return Some(node);
        }
        for seg in pointer.split('/').skip(1) {
            node = if seg.contains('~') {
                self.child(node, &unescape(seg))?
            } else {
                self.child(node, seg)?
            };
        }
        Some(node)
    }
}

impl<'a> SchemaNode<'a> {
    fn annotation(&self, key: &str) -> Option<&'a Value> {
        member(self.site, key).or_else(|| member(self.target, key))
    }

    pub fn title(&self) -> Option<&'a str> {
        self.annotation("title").and_then(Value::as_str)
    }

    pub fn unit(&self) -> Option<&'a str> {
        self.annotation("x-unit").and_then(Value::as_str)
    }

    /// `count`, `amount`, `percent` or `ratio` for indicator cells.
    pub fn kind(&self) -> Option<&'a str> {
        self.target.get("x-kind").and_then(Value::as_str)
    }

    pub fn aliases(&self) -> Vec<&'a str> {
        self.annotation("x-aliases")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// The stages whose national template has this row (`x-stages`); empty = all.
    pub fn stages(&self) -> Vec<&'a str> {
        self.annotation("x-stages")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether the template expects a value here in every report of a stage that has
    /// the row (`x-always-applies`): a count for which "none" is 0, a survey every
    /// school runs. "-" (not applicable) does not fit such a row.
    pub fn always_applies(&self) -> bool {
        self.annotation("x-always-applies")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub fn properties(&self) -> Option<&'a serde_json::Map<String, Value>> {
        self.target.get("properties").and_then(Value::as_object)
    }

    pub fn has_pattern_properties(&self) -> bool {
        self.target.get("patternProperties").is_some()
    }

    pub fn enum_values(&self) -> Vec<&'a str> {
        self.target
            .get("enum")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    pub fn enum_title(&self, value: &str) -> Option<&'a str> {
        self.target.get("x-enum-titles")?.get(value)?.as_str()
    }

    /// Whether this is a row object of a data table (門+学时, by level, satisfaction):
    /// its fields are named after the row.
    pub fn is_row_object(&self) -> bool {
        self.properties().is_some() && self.kind().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::SCHEMA_TEXT;

    fn index() -> SchemaIndex {
        SchemaIndex::new(serde_json::from_str(SCHEMA_TEXT).unwrap())
    }

    #[test]
    fn finds_titles_and_units_through_refs_and_years() {
        let ix = index();
        let n = ix.at("/data/secondary/2024/scorecard/graduates").unwrap();
        assert_eq!(
            (n.title(), n.unit(), n.kind()),
            (Some("毕业生人数"), Some("人"), Some("count"))
        );
        let n = ix
            .at("/data/higher/2023/satisfaction/students/value")
            .unwrap();
        assert_eq!(
            (n.title(), n.unit(), n.kind()),
            (Some("满意度"), Some("%"), Some("percent"))
        );
        let n = ix.at("/data/higher/2023/resources/courses/hours").unwrap();
        assert_eq!(n.unit(), Some("学时"));
        let n = ix.at("/schools/3/land_area").unwrap();
        assert_eq!((n.title(), n.unit()), (Some("校园占地面积"), Some("m²")));
        assert!(ix.at("/data/secondary/2024/scorecard/nope").is_none());
    }

    /// `at` walks on its own (without allocating): it must find what the walk
    /// `path` does, node for node, and nothing where `path` stops short.
    #[test]
    fn at_is_the_end_of_the_path() {
        let ix = index();
        for p in [
            "",
            "/",
            "/report",
            "/report/entity/code",
            "/data/secondary/2024/scorecard/graduates",
            "/data/higher/2023/resources/courses/hours",
            "/data/higher/2023/satisfaction/students/value",
            "/schools/0/land_area",
            "/schools/x/land_area",
            "/sections/2/subsections/0/no",
            "/data/secondary/2024/scorecard/nope",
            "/data/secondary/2024/scorecard/graduates/deeper",
            "/extra~1key/x~0y",
            "/data//2024",
        ] {
            let segs = if p.is_empty() {
                0
            } else {
                p.split('/').count() - 1
            };
            let path = ix.path(p);
            let by_path = match (p.is_empty(), path.len() == segs) {
                (true, _) => Some(ix.root()),
                (false, true) => path.last().map(|(_, n)| *n),
                (false, false) => None,
            };
            let (a, b) = (ix.at(p), by_path);
            assert_eq!(a.is_some(), b.is_some(), "{p}");
            if let (Some(a), Some(b)) = (a, b) {
                assert!(
                    std::ptr::eq(a.site, b.site) && std::ptr::eq(a.target, b.target),
                    "{p}"
                );
            }
        }
    }

    #[test]
    fn every_indicator_has_a_title_and_a_unit() {
        let ix = index();
        let tables = ix.at("/data/secondary/2024").unwrap();
        for (table, _) in tables.properties().unwrap() {
            let t = ix.at(&format!("/data/secondary/2024/{table}")).unwrap();
            for (row, _) in t.properties().unwrap() {
                let r = ix
                    .at(&format!("/data/secondary/2024/{table}/{row}"))
                    .unwrap();
                assert!(r.title().is_some(), "{table}/{row} has no title");
                assert!(r.unit().is_some(), "{table}/{row} has no unit");
            }
        }
    }
}
