//! jsonschema's errors → Chinese findings, located through the SourceMap.

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::codes;
use super::index::{SchemaIndex, SchemaNode};
use super::subject::subject;
use super::suggest::{closest_enum, closest_key};
use crate::base::source::{SourceFile, Span};
use crate::dataset::source_map::push;
use crate::dataset::{Dataset, Format};
use crate::finding::Code;
use crate::finding::Finding;

pub struct Context<'a> {
    pub index: &'a SchemaIndex,
    pub dataset: &'a Dataset,
    pub source: &'a SourceFile,
}

const CELL_HELP: &str = "只填数字；未填写留空（null），不适用写 \"-\"";

impl Context<'_> {
    pub fn push_findings(&self, error: &ValidationError<'_>, out: &mut Vec<Finding>) {
        let pointer = error.instance_path().as_str().to_string();
        let instance = error.instance();
        let node = self.index.at(&pointer);
        let cell_kind = node.and_then(|n| n.kind());
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                for key in unexpected {
                    out.push(self.unknown_field(&pointer, node, key));
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                out.push(self.required(&pointer, name));
            }
            ValidationErrorKind::Type { kind } => {
                out.push(self.wrong_type(&pointer, instance, kind, cell_kind))
            }
            ValidationErrorKind::Pattern { .. } if cell_kind.is_some() => {
                out.push(self.text_in_cell(&pointer, instance));
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => {
                out.push(self.out_of_range(&pointer, instance, limit, true, cell_kind));
            }
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                out.push(self.out_of_range(&pointer, instance, limit, false, cell_kind));
            }
            ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
                out.push(self.not_in_enum(&pointer, instance, node));
            }
            ValidationErrorKind::Pattern { .. } | ValidationErrorKind::MinLength { .. } => {
                out.push(self.bad_format(&pointer, instance));
            }
            _ => out.push(self.other(&pointer, error)),
        }
    }

    fn subject(&self, pointer: &str) -> super::Subject {
        subject(self.index, &self.dataset.value, pointer)
    }

    fn value_span(&self, pointer: &str) -> Span {
        match self.dataset.map.nearest(pointer) {
            Some((_, loc)) => loc.value,
            None => Span::new(0, 0),
        }
    }

    /// Where to point for something missing from the object at `pointer`: its key
    /// if it has one, else its opening bracket.
    fn object_anchor(&self, pointer: &str) -> Span {
        match self.dataset.map.nearest(pointer) {
            Some((_, loc)) => loc.key.unwrap_or_else(|| {
                let s = loc.value;
                self.source.clamp(Span::new(s.start, s.start + 1))
            }),
            None => Span::new(0, 0),
        }
    }

    fn finding(&self, code: &Code, pointer: &str, message: String, span: Span) -> Finding {
        Finding::of(code, message).at(span).at_pointer(pointer)
    }

    fn unknown_field(&self, pointer: &str, node: Option<SchemaNode<'_>>, key: &str) -> Finding {
        let child = push(pointer, key);
        let span = self
            .dataset
            .map
            .get(&child)
            .and_then(|l| l.key)
            .unwrap_or_else(|| self.object_anchor(pointer));
        let where_ = self.subject(pointer).full;
        let suggestion = node.and_then(|n| closest_key(n, self.index, key));
        let year_hint = node.filter(|n| n.has_pattern_properties()).and_then(|_| {
            key.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .get(..4)
                .map(str::to_string)
        });
        let help = match (&suggestion, year_hint) {
            (Some(s), _) => {
                let title = node
                    .and_then(|n| self.index.child(n, s))
                    .and_then(|c| c.title())
                    .map(|t| format!("（{t}）"))
                    .unwrap_or_default();
                format!("您是不是想写 `{s}`{title}？")
            }
            (None, Some(y)) => format!("年度键只写四位年份，例如 `{y}`"),
            (None, None) => {
                let known: Vec<&str> = node
                    .and_then(|n| n.properties())
                    .map(|p| p.keys().map(String::as_str).take(12).collect())
                    .unwrap_or_default();
                if known.is_empty() {
                    "删除这个字段，或查看 dabiao schema 输出的字段列表".to_string()
                } else {
                    format!("这里可以写的字段：{}", known.join("、"))
                }
            }
        };
        let finding = self
            .finding(
                &codes::UNKNOWN_FIELD,
                &child,
                format!("未知字段 `{key}`（位于{where_}）"),
                span,
            )
            .with_label("未知字段")
            .with_help(help);
        // The field it was meant to be is then missing: whatever is said about that
        // field follows from this key.
        match suggestion {
            Some(meant) => finding.explaining(push(pointer, &meant), &["*"]),
            None => finding,
        }
    }

    fn required(&self, pointer: &str, name: &str) -> Finding {
        let child = push(pointer, name);
        let s = self.subject(&child);
        let title = if s.title == name {
            String::new()
        } else {
            format!("「{}」", s.title)
        };
        let kind = self
            .index
            .at(&child)
            .map(|n| {
                if n.properties().is_some() {
                    "对象"
                } else {
                    "字段"
                }
            })
            .unwrap_or("字段");
        let parent = self.subject(pointer).full;
        self.finding(
            &codes::REQUIRED,
            &child,
            format!("缺少必填的{kind} `{name}`{title}（位于{parent}）"),
            self.object_anchor(pointer),
        )
        .with_label(format!("这里缺少 `{name}`"))
        .with_help(format!(
            "补上 `{name}`；dabiao init 生成的模板列出了所有字段"
        ))
    }

    fn wrong_type(
        &self,
        pointer: &str,
        instance: &Value,
        expected: &TypeKind,
        cell: Option<&str>,
    ) -> Finding {
        let s = self.subject(pointer);
        let actual = type_name(instance);
        let (want, help) = match cell {
            Some("count") if instance.is_f64() => (
                "整数".to_string(),
                format!("人数、个数只能是整数。{CELL_HELP}"),
            ),
            Some(_) => ("数字".to_string(), CELL_HELP.to_string()),
            None => (expected_name(expected), self.shape_hint(pointer)),
        };
        let help = if self.dataset.format == Format::Yaml
            && instance == &Value::Array(vec![Value::Null])
        {
            "在 YAML 里，单独的 - 表示列表；表示“不适用”时请写成带引号的 \"-\"".to_string()
        } else {
            help
        };
        self.finding(
            &codes::TYPE,
            pointer,
            format!("{}应为{want}，实际是{actual}", s.full),
            self.value_span(pointer),
        )
        .with_label(format!("应为{want}"))
        .with_help(help)
    }

    /// For a row that must be an object (门+学时, a satisfaction row …): what it looks like.
    fn shape_hint(&self, pointer: &str) -> String {
        let fields: Vec<String> = self
            .index
            .at(pointer)
            .and_then(|n| n.properties().map(|p| (n, p)))
            .map(|(n, p)| {
                p.keys()
                    .map(|k| {
                        let t = self.index.child(n, k).and_then(|c| c.title()).unwrap_or(k);
                        format!("{k}（{t}）")
                    })
                    .collect()
            })
            .unwrap_or_default();
        if fields.is_empty() {
            "按数据集规范填写这个值的类型（见 docs/fields.md）".to_string()
        } else {
            format!(
                "这一行要写成包含以下字段的对象：{}；例如 {{{}: 数值, …}}",
                fields.join("、"),
                fields[0].split('（').next().unwrap_or("")
            )
        }
    }

    fn text_in_cell(&self, pointer: &str, instance: &Value) -> Finding {
        let s = self.subject(pointer);
        let want = if self.index.at(pointer).and_then(|n| n.kind()) == Some("count") {
            "整数"
        } else {
            "数字"
        };
        let text = instance.as_str().unwrap_or_default();
        let help = match number_in_text(text) {
            Some(n) => format!("写成数字 {n}（不带引号、单位或千分位）。{CELL_HELP}"),
            None => CELL_HELP.to_string(),
        };
        self.finding(
            &codes::TYPE,
            pointer,
            format!("{}应为{want}，却写成了文本 \"{text}\"", s.full),
            self.value_span(pointer),
        )
        .with_label(format!("应为{want}"))
        .with_help(help)
    }

    fn out_of_range(
        &self,
        pointer: &str,
        instance: &Value,
        limit: &Value,
        below: bool,
        cell: Option<&str>,
    ) -> Finding {
        let s = self.subject(pointer);
        let (message, help) = match (below, cell) {
            (true, _) if limit.as_f64() == Some(0.0) => (
                format!("{}不能为负数，这里是 {instance}", s.full),
                "检查是否多打了负号；减少量请在叙述中说明，表内只填本年的数值".to_string(),
            ),
            (false, Some("percent")) => (
                format!("{}是百分比，不能超过 100，这里是 {instance}", s.full),
                "百分比填 0 到 100 之间的数，不带 % 号；请检查是否填成了人数或把小数点放错了位置"
                    .to_string(),
            ),
            (true, _) => (
                format!("{}不能小于 {limit}，这里是 {instance}", s.full),
                "检查这个数值".to_string(),
            ),
            (false, _) => (
                format!("{}不能大于 {limit}，这里是 {instance}", s.full),
                "检查这个数值".to_string(),
            ),
        };
        self.finding(&codes::RANGE, pointer, message, self.value_span(pointer))
            .with_label(if below { "过小" } else { "超出范围" })
            .with_help(help)
    }

    fn not_in_enum(
        &self,
        pointer: &str,
        instance: &Value,
        node: Option<SchemaNode<'_>>,
    ) -> Finding {
        let s = self.subject(pointer);
        let allowed: Vec<String> = node
            .map(|n| {
                n.enum_values()
                    .iter()
                    .map(|v| match n.enum_title(v) {
                        Some(t) => format!("{v}（{t}）"),
                        None => v.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let given = instance
            .as_str()
            .map_or_else(|| instance.to_string(), str::to_string);
        let help = match node.and_then(|n| closest_enum(n, &given)) {
            Some(v) => format!("您是不是想写 `{v}`？可选值：{}", allowed.join("、")),
            None => format!("可选值：{}", allowed.join("、")),
        };
        self.finding(
            &codes::ENUM,
            pointer,
            format!("{}的值 \"{given}\" 不在允许的范围内", s.full),
            self.value_span(pointer),
        )
        .with_label("不允许的值")
        .with_help(help)
    }

    fn bad_format(&self, pointer: &str, instance: &Value) -> Finding {
        let s = self.subject(pointer);
        let hint = match s.title.as_str() {
            t if t.contains("网址") => "网址应以 http:// 或 https:// 开头，且不含空格",
            t if t.contains("日期") => "日期写成 2025-01-12、2025-01 或 2025",
            t if t.contains("代码") || t.contains("标识码") => {
                "代码由 6 到 18 位数字或大写字母组成（行政区划代码 6 位，学校标识码 10 位）"
            }
            t if t.contains("编号") => "编号写成数字，用 - 或 . 分隔，例如 2-1 或 2.1",
            _ => "按数据集规范的格式填写",
        };
        self.finding(
            &codes::FORMAT,
            pointer,
            format!("{}的格式不正确：{instance}", s.full),
            self.value_span(pointer),
        )
        .with_label("格式不正确")
        .with_help(hint)
    }

    fn other(&self, pointer: &str, error: &ValidationError<'_>) -> Finding {
        let s = self.subject(pointer);
        let detail = error.masked().to_string();
        let message = match error.kind() {
            ValidationErrorKind::MinItems { limit } => format!("{}至少要有 {limit} 项", s.full),
            ValidationErrorKind::UniqueItems => format!("{}中有重复的项", s.full),
            ValidationErrorKind::MinProperties { .. } => format!("{}不能为空", s.full),
            _ => format!("{}不符合数据集规范（{detail}）", s.full),
        };
        self.finding(&codes::INVALID, pointer, message, self.value_span(pointer))
            .with_label("不符合规范")
            .with_help(format!("规范原文：{detail}"))
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "空值 null",
        Value::Bool(_) => "布尔值",
        Value::Number(n) if n.is_f64() => "小数",
        Value::Number(_) => "整数",
        Value::String(_) => "文本",
        Value::Array(_) => "列表",
        Value::Object(_) => "对象",
    }
}

fn expected_name(kind: &TypeKind) -> String {
    let one = |t: &jsonschema::JsonType| match t.to_string().as_str() {
        "array" => "列表",
        "boolean" => "布尔值",
        "integer" => "整数",
        "null" => "空值 null",
        "number" => "数字",
        "object" => "对象",
        _ => "文本",
    };
    match kind {
        TypeKind::Single(t) => one(t).to_string(),
        TypeKind::Multiple(set) => {
            let names: Vec<&str> = set
                .iter()
                .map(|t| one(&t))
                .filter(|n| *n != "文本" && *n != "空值 null")
                .collect();
            if names.is_empty() {
                "数字".to_string()
            } else {
                names.join(" 或 ")
            }
        }
    }
}

/// "7800人", "88.01%", "1,234", "9.60:1" → the number a user most likely meant.
fn number_in_text(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(":1").trim_end_matches("：1");
    let cleaned: String = t
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .collect();
    let end = cleaned
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(cleaned.len());
    let (num, rest) = cleaned.split_at(end);
    let units = [
        "",
        "人",
        "%",
        "％",
        "元",
        "万元",
        "个",
        "门",
        "本",
        "项",
        "所",
        "学时",
        "人次",
        "Mbps",
        "m²",
        "平方米",
        "册",
        "台",
    ];
    if num.is_empty() || !units.contains(&rest) {
        return None;
    }
    let n: f64 = num.parse().ok()?;
    Some(if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        num.trim_end_matches('0').to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::number_in_text;

    #[test]
    fn numbers_hidden_in_text() {
        assert_eq!(number_in_text("7800人").as_deref(), Some("7800"));
        assert_eq!(number_in_text("88.01%").as_deref(), Some("88.01"));
        assert_eq!(number_in_text("1,234").as_deref(), Some("1234"));
        assert_eq!(number_in_text("9.60:1").as_deref(), Some("9.6"));
        assert_eq!(number_in_text("１２３").as_deref(), Some("123"));
        assert_eq!(number_in_text("约100人左右"), None);
        assert_eq!(number_in_text("暂无"), None);
    }
}
