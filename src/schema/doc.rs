//! docs/fields.md: every field of the dataset with its Chinese title and unit,
//! generated from the schema (a test keeps the committed file in step).

use std::fmt::Write;

use super::index::{SchemaIndex, SchemaNode};

pub fn fields_markdown(index: &SchemaIndex) -> String {
    let mut out = String::new();
    out.push_str("# 数据集字段一览 / Dataset fields\n\n");
    out.push_str("本文件由 `dabiao schema --markdown` 从 `schemas/report.schema.json` 生成，请勿手工修改。\n");
    out.push_str(
        "Generated from the schema by `dabiao schema --markdown`; do not edit by hand.\n\n",
    );
    out.push_str("取值约定：数字；`null` 表示未填写（空白）；`\"-\"` 表示不适用。标为“始终适用”的行每份报告都有值：没有就填 0（调查未开展的在报告中说明），不填 `\"-\"`。百分比填 0–100 的数，不带 % 号；生师比填 x:1 中的 x。\n\n");

    section(&mut out, index, "报告信息 `report`", "/report");
    let year = index.at("/data/secondary/2000").expect("year tables");
    out.push_str("## 六张标准数据表 `data.<stage>.<year>.<table>`\n\n");
    out.push_str(
        "`<stage>`：`secondary`（中职）或 `higher`（高职）；`<year>`：四位年份，例如 `2024`。\n\n",
    );
    for (table, _) in year.properties().into_iter().flatten() {
        let node = index.child(year, table).expect("table");
        let title = node.title().unwrap_or(table);
        let _ = writeln!(out, "### {title} `{table}`\n");
        rows(&mut out, index, node, "");
        out.push('\n');
    }
    for (title, pointer) in [
        ("报告部分 `sections[]`", "/sections/0"),
        (
            "小节 `sections[].subsections[]`",
            "/sections/0/subsections/0",
        ),
        ("案例 `cases[]`", "/cases/0"),
        ("图 `figures[]`", "/figures/0"),
        ("表 `tables[]`", "/tables/0"),
        ("目录 `toc[]`", "/toc/0"),
        ("学校办学条件 `schools[]`", "/schools/0"),
    ] {
        section(&mut out, index, title, pointer);
    }
    out
}

fn section(out: &mut String, index: &SchemaIndex, title: &str, pointer: &str) {
    let node = index.at(pointer).expect("documented pointer exists");
    let _ = writeln!(out, "## {title}\n");
    rows(out, index, node, "");
    out.push('\n');
}

fn rows(out: &mut String, index: &SchemaIndex, node: SchemaNode<'_>, prefix: &str) {
    if prefix.is_empty() {
        out.push_str("| 字段 | 中文名 | 单位 | 取值 | 别名 |\n|---|---|---|---|---|\n");
    }
    for (key, _) in node.properties().into_iter().flatten() {
        let child = index.child(node, key).expect("property");
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let mut kind = value_kind(child);
        if child.always_applies() {
            // Rows every report must fill with a value: "none" is 0, not "-" (CMP-015).
            kind.push_str("，始终适用（不填“-”）");
        }
        let _ = writeln!(
            out,
            "| `{path}` | {}{} | {} | {kind} | {} |",
            child.title().unwrap_or(""),
            if child.stages() == ["higher"] {
                "（仅高职）"
            } else {
                ""
            },
            child.unit().unwrap_or(""),
            child.aliases().join("；"),
        );
        if child.properties().is_some() {
            rows(out, index, child, &path);
        }
    }
}

fn value_kind(node: SchemaNode<'_>) -> String {
    match node.kind() {
        Some("count") => "非负整数".into(),
        Some("amount") => "非负数".into(),
        Some("percent") => "0–100".into(),
        Some("ratio") => "x（即 x:1）".into(),
        _ => {
            let values = node.enum_values();
            if !values.is_empty() {
                return values
                    .iter()
                    .map(|v| match node.enum_title(v) {
                        Some(t) => format!("`{v}` {t}"),
                        None => format!("`{v}`"),
                    })
                    .collect::<Vec<_>>()
                    .join("；");
            }
            if node.properties().is_some() {
                return "对象（字段见下行）".into();
            }
            let types: Vec<&str> = match node.target.get("type") {
                Some(serde_json::Value::String(t)) => vec![t.as_str()],
                Some(serde_json::Value::Array(a)) => a.iter().filter_map(|t| t.as_str()).collect(),
                _ => vec![],
            };
            if types.contains(&"integer") {
                return if types.contains(&"null") {
                    "整数或 null".into()
                } else {
                    "整数".into()
                };
            }
            if types.contains(&"string") && types.contains(&"null") {
                return "文本或 null".into();
            }
            match node.target.get("type") {
                Some(serde_json::Value::String(t)) if t == "array" => "列表".into(),
                Some(serde_json::Value::String(t)) if t == "integer" => "整数".into(),
                Some(serde_json::Value::String(t)) if t == "string" => "文本".into(),
                _ => "文本".into(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::SCHEMA_TEXT;

    /// docs/fields.md is generated; regenerate with `cargo run -- schema --markdown > docs/fields.md`.
    #[test]
    fn committed_field_table_is_current() {
        let ix = SchemaIndex::new(serde_json::from_str(SCHEMA_TEXT).unwrap());
        let generated = fields_markdown(&ix);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fields.md");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/fields.md is stale: run `cargo run -- schema --markdown > docs/fields.md`"
        );
    }
}
