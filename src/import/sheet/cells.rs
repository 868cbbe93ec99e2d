//! One cell's text as the value the schema expects at its place: an enum by its key
//! or its Chinese title, a list of them ("中职、高职"), a number, "-", text, or JSON
//! for a list or object that has no column of its own.

use serde_json::Value;

use crate::base::normalize::{compact, is_dash, number_value, parse_number};
use crate::schema::SchemaNode;

/// Converts `text` (not empty) for the schema node at its place (`None`: unknown
/// place, read as a number when it is one, else as text). `Err` says in Chinese why
/// the text does not fit.
pub fn value_for(node: Option<SchemaNode<'_>>, text: &str) -> Result<Value, String> {
    let Some(node) = node else {
        return Ok(loose(text));
    };
    if !node.enum_values().is_empty() {
        return enum_value(node, text);
    }
    let types = types(node);
    let listed = node.target.get("items").is_some() && !text.trim_start().starts_with('[');
    if types.contains(&"array") && listed {
        return list(node, text);
    }
    if types.contains(&"array") || types.contains(&"object") {
        return serde_json::from_str(text).map_err(|_| "不是可以读取的 JSON 文字".to_string());
    }
    let numeric = types.contains(&"integer") || types.contains(&"number");
    if numeric {
        if is_dash(text) && types.contains(&"string") {
            return Ok(Value::String("-".into()));
        }
        let unit = node.unit().unwrap_or("");
        let bare = compact(text);
        let bare = bare
            .strip_suffix(unit)
            .filter(|_| !unit.is_empty())
            .unwrap_or(&bare);
        return parse_number(bare)
            .map(|x| number_value(bare, x))
            .ok_or_else(|| "应填数字".to_string());
    }
    Ok(Value::String(text.to_string()))
}

/// A cell whose place the schema does not know.
fn loose(text: &str) -> Value {
    match parse_number(text) {
        Some(x)
            if compact(text)
                .chars()
                .all(|c| c.is_ascii_digit() || ".-".contains(c)) =>
        {
            number_value(text, x)
        }
        _ => Value::String(text.to_string()),
    }
}

fn types<'a>(node: SchemaNode<'a>) -> Vec<&'a str> {
    match node.target.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn enum_value(node: SchemaNode<'_>, text: &str) -> Result<Value, String> {
    let t = compact(text);
    for key in node.enum_values() {
        // A title that names several ("工科、农、林") matches each of them too.
        let titled = node.enum_title(key).is_some_and(|title| {
            compact(title) == t || title.split('、').any(|part| compact(part) == t)
        });
        if t == key || titled {
            return Ok(Value::String(key.to_string()));
        }
    }
    let choices: Vec<String> = node
        .enum_values()
        .into_iter()
        .map(|k| node.enum_title(k).unwrap_or(k).to_string())
        .collect();
    Err(format!("应填以下之一：{}", choices.join(" / ")))
}

/// "中职、高职" for a list of enum values (the items' schema is in `items`).
fn list(node: SchemaNode<'_>, text: &str) -> Result<Value, String> {
    let items = node.target.get("items").unwrap_or(&Value::Null);
    let index = super::schema_index();
    let item = SchemaNode {
        site: items,
        target: index.deref(items),
    };
    text.split(['、', ',', '，', ';', '；', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| value_for(Some(item), s))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(pointer: &str, text: &str) -> Result<Value, String> {
        value_for(super::super::schema_index().at(pointer), text)
    }

    #[test]
    fn enums_by_key_or_title_and_lists_of_them() {
        assert_eq!(at("/report/level", "地市"), Ok(json!("city")));
        assert_eq!(at("/report/level", "city"), Ok(json!("city")));
        assert_eq!(
            at("/report/category", "工科、农、林"),
            Ok(json!("engineering"))
        );
        assert_eq!(at("/report/category", "农"), Ok(json!("engineering")));
        assert!(at("/report/level", "市里").unwrap_err().contains("地市"));
        assert_eq!(
            at("/report/stages", "中职、高职"),
            Ok(json!(["secondary", "higher"]))
        );
        assert_eq!(at("/report/stages", "[\"higher\"]"), Ok(json!(["higher"])));
    }

    #[test]
    fn numbers_text_and_dashes_by_the_schema() {
        assert_eq!(at("/report/year", "2024"), Ok(json!(2024)));
        assert_eq!(at("/report/year", "2024年"), Ok(json!(2024)));
        assert_eq!(
            at("/report/entity/code", "3100000001"),
            Ok(json!("3100000001"))
        );
        assert_eq!(
            at("/schools/0/full_time_students", "1,812"),
            Ok(json!(1812))
        );
        assert_eq!(at("/schools/0/land_area", "66000.5"), Ok(json!(66000.5)));
        assert_eq!(at("/schools/0/staff", "-"), Ok(json!("-")));
        assert!(at("/schools/0/staff", "很多").is_err());
        assert_eq!(value_for(None, "12"), Ok(json!(12)));
        assert_eq!(value_for(None, "12 人"), Ok(json!("12 人")));
    }
}
