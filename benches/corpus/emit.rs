//! Writers for the dataset formats dabiao has no writer for: YAML (block style, a
//! small emitter for serde_json::Value) and TOML (the toml crate, nulls dropped:
//! TOML has none, and an omitted row reads as "not filled" just like null).

use serde_json::Value;

/// Block-style YAML. Strings are double-quoted (JSON escapes are valid YAML);
/// keys are quoted unless plain identifiers, so "2024" stays a string key.
pub fn yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => map(&mut out, m, 0),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn key(k: &str) -> String {
    let plain = k
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain && !matches!(k, "true" | "false" | "null" | "yes" | "no" | "on" | "off") {
        k.to_string()
    } else {
        serde_json::to_string(k).expect("key")
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Object(_) => "{}".to_string(),
        Value::Array(_) => "[]".to_string(),
        other => serde_json::to_string(other).expect("scalar"),
    }
}

fn is_nested(v: &Value) -> bool {
    match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

fn map(out: &mut String, m: &serde_json::Map<String, Value>, indent: usize) {
    let pad = " ".repeat(indent);
    for (k, v) in m {
        out.push_str(&pad);
        out.push_str(&key(k));
        out.push(':');
        node(out, v, indent);
    }
}

/// A value after "key:" or "-": inline when a scalar, on the next lines when nested.
fn node(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            map(out, m, indent + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            list(out, a, indent + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn list(out: &mut String, a: &[Value], indent: usize) {
    let pad = " ".repeat(indent);
    for v in a {
        out.push_str(&pad);
        out.push('-');
        match v {
            Value::Object(m) if !m.is_empty() => {
                // "- first: 1" then the other keys under it, two columns in.
                let mut inner = String::new();
                map(&mut inner, m, indent + 2);
                out.push(' ');
                out.push_str(inner.trim_start());
            }
            other if is_nested(other) => node(out, other, indent),
            other => {
                out.push(' ');
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

/// TOML through the toml crate, after dropping nulls (and array items that are null).
pub fn toml(v: &Value) -> String {
    let mut v = v.clone();
    drop_nulls(&mut v);
    toml::to_string(&v).expect("toml")
}

fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => {
            a.retain(|x| !x.is_null());
            a.iter_mut().for_each(drop_nulls);
        }
        _ => {}
    }
}
