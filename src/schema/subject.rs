//! Names a value in Chinese, for messages: "中职 · 2024 年 · 表1 人才培养质量计分卡 ·
//! 毕业生人数（人）" rather than `/data/secondary/2024/scorecard/graduates`.

use serde_json::Value;

use super::index::SchemaIndex;

pub struct Subject {
    /// The value named with its context and unit:
    /// `中职 2024 年 表1 人才培养质量计分卡「毕业生人数」（人）`.
    pub full: String,
    /// Just the value's own title (`毕业生人数`), or its key when the schema has none.
    pub title: String,
    pub unit: Option<String>,
}

pub fn subject(index: &SchemaIndex, instance: &Value, pointer: &str) -> Subject {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(instance);
    let mut title = String::new();
    let mut unit = None;
    let mut parent_is_years = false;
    let path = index.path(pointer);
    for (i, (seg, node)) in path.iter().enumerate() {
        current = current.and_then(|v| match v {
            Value::Object(m) => m.get(seg.as_ref()),
            Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        });
        let part = if parent_is_years {
            format!("{seg} 年")
        } else if let Ok(n) = seg.parse::<usize>() {
            item_name(current, n)
        } else if seg == "data" && i == 0 {
            String::new()
        } else {
            node.title().unwrap_or(seg).to_string()
        };
        parent_is_years = node.has_pattern_properties();
        if !part.is_empty() {
            parts.push(part);
        }
        title = node.title().unwrap_or(seg).to_string();
        unit = node.unit().map(str::to_string);
    }
    // Segments the schema does not know (an unknown key) are named as they are.
    let known = path.len();
    for seg in crate::dataset::source_map::segments(pointer).skip(known) {
        parts.push(seg.clone());
        title = seg;
        unit = None;
    }
    if parts.is_empty() {
        title = "数据集".to_string();
        parts.push(title.clone());
    }
    let leaf = parts.pop().unwrap_or_default();
    let mut full = parts.join(" ");
    full.push_str(&format!("「{leaf}」"));
    if let Some(u) = unit.as_deref().filter(|u| !u.is_empty()) {
        full.push_str(&format!("（{u}）"));
    }
    Subject { full, title, unit }
}

fn item_name(item: Option<&Value>, index: usize) -> String {
    let name = item
        .and_then(|v| v.get("name").or_else(|| v.get("title")))
        .and_then(Value::as_str);
    match name {
        Some(n) => format!("第 {} 项「{n}」", index + 1),
        None => format!("第 {} 项", index + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::SCHEMA_TEXT;
    use serde_json::json;

    #[test]
    fn names_cells_rows_and_items() {
        let ix = SchemaIndex::new(serde_json::from_str(SCHEMA_TEXT).unwrap());
        let inst = json!({"schools": [{"name": "甲校"}]});
        let s = subject(&ix, &inst, "/data/secondary/2024/scorecard/graduates");
        assert_eq!(
            s.full,
            "中职 2024 年 表1 人才培养质量计分卡「毕业生人数」（人）"
        );
        assert_eq!(s.title, "毕业生人数");
        let s = subject(&ix, &inst, "/data/higher/2023/resources/courses/hours");
        assert_eq!(
            s.full,
            "高职 2023 年 表3 教学资源表 教学计划内课程总数「学时」（学时）"
        );
        let s = subject(&ix, &inst, "/schools/0/land_area");
        assert_eq!(s.full, "学校办学条件 第 1 项「甲校」「校园占地面积」（m²）");
        let s = subject(&ix, &inst, "/report/entity/nmae");
        assert_eq!(s.full, "报告信息 编制主体「nmae」");
    }
}
