//! TOML loader over `toml::de::DeTable`, whose spans are byte ranges already.
//!
//! TOML has no null: a blank indicator is simply left out (or commented out, as
//! `dabiao init --format toml` writes it).

use std::borrow::Cow;

use serde_json::{Map, Number, Value};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Limits;
use super::codes;
use super::source_map::{Location, SourceMap, push};
use crate::base::source::{SourceFile, Span};
use crate::finding::Finding;

pub fn load(
    source: &SourceFile,
    limits: &Limits,
) -> Result<(Value, SourceMap, Vec<Finding>), Box<Finding>> {
    let root = DeTable::parse(source.text()).map_err(|e| syntax_error(source, &e))?;
    let mut conv = Converter {
        map: SourceMap::new(),
        findings: Vec::new(),
        max_depth: limits.max_depth,
    };
    let span: Span = root.span().into();
    let value = conv.table(root.get_ref(), "", 0)?;
    conv.map.insert(
        String::new(),
        Location {
            key: None,
            value: span,
        },
    );
    super::shape::check_value(&value, &conv.map, limits)?;
    Ok((value, conv.map, conv.findings))
}

fn syntax_error(source: &SourceFile, e: &toml::de::Error) -> Finding {
    let at = e.span().map_or(Span::new(0, 0), Span::from);
    let at = source.clamp(if at.is_empty() {
        Span::new(at.start, at.start + 1)
    } else {
        at
    });
    let english = e.message().trim().to_string();
    let (message, label) = describe(&english);
    Finding::of(&codes::TOML, format!("TOML 语法错误：{message}"))
        .at(at)
        .with_label(label)
        .with_help(format!(
            "修正此处的语法后再检查（解析器原文：{english}）。未填写的指标请删去整行或保持注释（行首 #）；不适用写 \"-\"（带引号）；中文键名和文本值都要加双引号"
        ))
}

fn describe(english: &str) -> (String, &'static str) {
    const TABLE: &[(&str, &str, &str)] = &[
        ("duplicate key", "同一个表里有重复的键", "重复的键"),
        (
            "invalid unquoted key",
            "键名含有不能直接写的字符（中文键名要加双引号）",
            "键名要加引号",
        ),
        (
            "string values must be quoted",
            "值需要写成数字，或加引号的文本",
            "缺少值或引号",
        ),
        ("unquoted", "文本值需要加引号", "缺少引号"),
        ("invalid string", "字符串写法不正确", "字符串有误"),
        ("recurse", "嵌套层数过深", "嵌套过深"),
        ("expected", "此处的写法不符合 TOML 语法", "语法错误"),
    ];
    for (needle, message, label) in TABLE {
        if english.contains(needle) {
            return (message.to_string(), label);
        }
    }
    ("此处的写法不符合 TOML 语法".to_string(), "语法错误")
}

struct Converter {
    map: SourceMap,
    findings: Vec<Finding>,
    max_depth: usize,
}

impl Converter {
    fn table(
        &mut self,
        table: &DeTable<'_>,
        pointer: &str,
        depth: usize,
    ) -> Result<Value, Box<Finding>> {
        let mut out = Map::with_capacity(table.len());
        for (key, value) in table {
            let child_pointer = push(pointer, key.get_ref());
            let key_span: Span = key.span().into();
            let child = self.value(value, &child_pointer, depth + 1)?;
            self.map.insert(
                child_pointer,
                Location {
                    key: Some(key_span),
                    value: value.span().into(),
                },
            );
            out.insert(key.get_ref().to_string(), child);
        }
        Ok(Value::Object(out))
    }

    fn value(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        pointer: &str,
        depth: usize,
    ) -> Result<Value, Box<Finding>> {
        let span: Span = value.span().into();
        if depth > self.max_depth {
            return Err(Box::new(super::shape::depth_limit(self.max_depth, span)));
        }
        Ok(match value.get_ref() {
            DeValue::String(s) => Value::String(s.to_string()),
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::String(d.to_string()),
            DeValue::Integer(i) => {
                let digits = without_underscores(i.as_str());
                let digits = digits.trim_start_matches('+');
                let (negative, digits) = match digits.strip_prefix('-') {
                    Some(rest) => (true, rest),
                    None => (false, digits),
                };
                let digits = strip_repeated(digits, "0x");
                let digits = strip_repeated(digits, "0o");
                let digits = strip_repeated(digits, "0b");
                match i64::from_str_radix(digits, i.radix()) {
                    Ok(n) => Value::Number((if negative { -n } else { n }).into()),
                    Err(_) => self.not_a_number(span, pointer),
                }
            }
            DeValue::Float(f) => {
                let parsed = without_underscores(f.as_str())
                    .parse::<f64>()
                    .ok()
                    .and_then(Number::from_f64);
                match parsed {
                    Some(n) => Value::Number(n),
                    None => self.not_a_number(span, pointer),
                }
            }
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let p = push(pointer, &i.to_string());
                    let v = self.value(item, &p, depth + 1)?;
                    self.map.insert(
                        p,
                        Location {
                            key: None,
                            value: item.span().into(),
                        },
                    );
                    out.push(v);
                }
                Value::Array(out)
            }
            DeValue::Table(t) => self.table(t, pointer, depth)?,
        })
    }

    fn not_a_number(&mut self, span: Span, pointer: &str) -> Value {
        self.findings.push(
            Finding::of(&codes::NOT_FINITE, "数值超出范围或不是有限的数".to_string())
                .at(span)
                .at_pointer(pointer.to_string())
                .with_label("无法表示的数")
                .with_help("写一个具体的数；未填写的行请删去或注释掉，不适用写 \"-\""),
        );
        Value::Null
    }
}

/// A TOML number without its digit separators (`1_000` → `1000`); borrowed when it
/// has none, as nearly every number does.
fn without_underscores(digits: &str) -> Cow<'_, str> {
    if digits.contains('_') {
        Cow::Owned(digits.replace('_', ""))
    } else {
        Cow::Borrowed(digits)
    }
}

/// `s` without any number of leading `prefix`es (`trim_start_matches` with a string
/// pattern sets up a substring search each time).
fn strip_repeated<'a>(mut s: &'a str, prefix: &str) -> &'a str {
    while let Some(rest) = s.strip_prefix(prefix) {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Value, SourceMap, SourceFile) {
        let src = SourceFile::new("t.toml", text);
        let (v, m, f) = load(&src, &Limits::default()).unwrap();
        assert!(f.is_empty(), "{f:?}");
        (v, m, src)
    }

    #[test]
    fn every_kind_of_value_has_a_span() {
        let text = "\"名称\" = \"临汾\"\nn = -1_500\nf = 2.5\nok = true\nd = 2025-01-12\nlist = [1, { k = [2, 3] }]\n\n[data.secondary.2024.scorecard]\ngraduates = 9397\ndash = \"-\"\n\n[[schools]]\nname = \"甲校\"\n";
        let (v, m, src) = load_str(text);
        assert_eq!(v["n"], serde_json::json!(-1500));
        assert_eq!(v["d"], serde_json::json!("2025-01-12"));
        assert_eq!(
            v["data"]["secondary"]["2024"]["scorecard"]["graduates"],
            serde_json::json!(9397)
        );
        let cases = [
            ("/名称", "\"临汾\""),
            ("/n", "-1_500"),
            ("/f", "2.5"),
            ("/ok", "true"),
            ("/list/1/k/1", "3"),
            ("/data/secondary/2024/scorecard/graduates", "9397"),
            ("/data/secondary/2024/scorecard/dash", "\"-\""),
            ("/schools/0/name", "\"甲校\""),
        ];
        for (pointer, expected) in cases {
            let loc = m
                .get(pointer)
                .unwrap_or_else(|| panic!("no span for {pointer}"));
            assert_eq!(src.slice(loc.value), expected, "value of {pointer}");
        }
        assert_eq!(src.slice(m.get("/名称").unwrap().key.unwrap()), "\"名称\"");
        assert_eq!(
            src.slice(
                m.get("/data/secondary/2024/scorecard/graduates")
                    .unwrap()
                    .key
                    .unwrap()
            ),
            "graduates"
        );
        assert!(m.get("/data/secondary/2024").is_some());
        assert!(m.get("/schools/0").is_some());
    }

    #[test]
    fn numbers_in_every_notation() {
        let text =
            "a = 1_000\nb = +5\nc = -0\nd = 0xFF\ne = 0o17\nf = 0b101\ng = 1_000.5\nh = -2e3\n";
        let (v, _, _) = load_str(text);
        let expected = serde_json::json!({
            "a": 1000, "b": 5, "c": 0, "d": 255, "e": 15, "f": 5, "g": 1000.5, "h": -2000.0
        });
        assert_eq!(v, expected);
    }

    #[test]
    fn syntax_error_position() {
        let src = SourceFile::new("t.toml", "a = 1\n名称 = \"x\"\n");
        let f = load(&src, &Limits::default()).unwrap_err();
        assert_eq!(f.code, "dabiao::parse::toml");
        assert_eq!(src.line_col(f.span.unwrap().start).line, 2);
    }
}
