//! `dabiao init`: a blank dataset with every indicator present and blank, written
//! from the schema itself so it can never fall behind it.

use serde_json::{Map, Value, json};

use crate::dataset::Format;
use crate::schema::{SchemaIndex, SchemaNode};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    School,
    County,
    City,
    Province,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Secondary,
    Higher,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::School => "school",
            Level::County => "county",
            Level::City => "city",
            Level::Province => "province",
        }
    }
}

impl Stage {
    pub fn key(self) -> &'static str {
        match self {
            Stage::Secondary => "secondary",
            Stage::Higher => "higher",
        }
    }

    fn chinese(self) -> &'static str {
        match self {
            Stage::Secondary => "中等职业教育",
            Stage::Higher => "高等职业教育",
        }
    }
}

pub struct TemplateSpec {
    pub level: Level,
    pub stages: Vec<Stage>,
    pub year: i64,
    /// Also a column for the year before (the national tables compare two years).
    pub previous_year: bool,
}

/// The eight required parts, in order.
use crate::base::vocab::PARTS;

/// The blank dataset as a value.
pub fn build(index: &SchemaIndex, spec: &TemplateSpec) -> Value {
    let stage_words: Vec<&str> = spec.stages.iter().map(|s| s.chinese()).collect();
    let mut report = json!({
        "title": format!("请填写名称{}质量年度报告（{}年度）", stage_words.join("与"), spec.year),
        "level": spec.level.key(),
        "stages": spec.stages.iter().map(|s| s.key()).collect::<Vec<_>>(),
        "year": spec.year,
        "entity": { "name": "请填写单位名称", "code": "000000" },
        "published": { "url": "https://example.org/report", "date": spec.year.to_string() },
    });
    if spec.level == Level::School {
        let kind = if spec.stages.contains(&Stage::Higher) {
            "higher_vocational"
        } else {
            "specialized_secondary"
        };
        report["kind"] = json!(kind);
        report["ownership"] = json!("public");
        if spec.stages.contains(&Stage::Higher) {
            report["category"] = json!("comprehensive");
        }
    }
    let mut data = Map::new();
    let years_node = index
        .at("/data/secondary/2000")
        .expect("schema has year tables");
    for stage in &spec.stages {
        let mut years = Map::new();
        if spec.previous_year {
            years.insert((spec.year - 1).to_string(), blank_object(index, years_node));
        }
        years.insert(spec.year.to_string(), blank_object(index, years_node));
        data.insert(stage.key().to_string(), Value::Object(years));
    }
    let sections: Vec<Value> = PARTS
        .iter()
        .enumerate()
        .map(|(i, t)| json!({ "no": i + 1, "title": t, "subsections": [] }))
        .collect();
    let mut root = json!({
        "report": report,
        "data": data,
        "sections": sections,
        "cases": [],
        "figures": [],
        "tables": [],
        "toc": [],
        "schools": [],
    });
    if spec.level == Level::School {
        let school_node = index.at("/schools/0").expect("schema has schools");
        let mut school = blank_object(index, school_node);
        school["name"] = json!("请填写学校名称");
        for key in ["code", "kind", "ownership", "stage", "category"] {
            school.as_object_mut().map(|m| m.shift_remove(key));
        }
        root["schools"] = json!([school]);
    }
    root
}

/// Every property of an object node, blank: null for cells, nested objects for rows.
fn blank_object(index: &SchemaIndex, node: SchemaNode<'_>) -> Value {
    let mut out = Map::new();
    for key in node.properties().into_iter().flat_map(|p| p.keys()) {
        let child = index.child(node, key).expect("property exists");
        let v = if child.properties().is_some() {
            blank_object(index, child)
        } else {
            Value::Null
        };
        out.insert(key.clone(), v);
    }
    Value::Object(out)
}

/// The template as text in the requested format, with each indicator's Chinese title
/// and unit as a comment where the format has comments.
pub fn render(index: &SchemaIndex, value: &Value, format: Format) -> String {
    let index = &Comments {
        index,
        year: value.pointer("/report/year").and_then(Value::as_i64),
    };
    match format {
        // Report texts are never written by dabiao; their dataset is JSON (spreadsheets
        // are written by `export`, not as text).
        Format::Json
        | Format::Text
        | Format::Markdown
        | Format::Docx
        | Format::Pdf
        | Format::Xlsx
        | Format::Xls
        | Format::Ods
        | Format::Csv => {
            let mut s = serde_json::to_string_pretty(value).expect("template serializes");
            s.push('\n');
            s
        }
        Format::Yaml => {
            let mut out = String::from(
                "# dabiao 数据集模板：null 表示未填写，\"-\" 表示不适用（需加引号）。\n",
            );
            yaml_object(index, value, "", 0, &mut out);
            out
        }
        Format::Toml => {
            let mut out = String::from(
                "# dabiao 数据集模板。TOML 没有 null：未填写的指标保持注释状态，填写时去掉行首的 #；不适用写 \"-\"。\n",
            );
            toml_document(index, value, &mut out);
            out
        }
    }
}

/// The schema, plus the report's year: the comment of a year's tables names that year
/// and says whether it is the report's own year or the one before (kept for comparison).
struct Comments<'a> {
    index: &'a SchemaIndex,
    year: Option<i64>,
}

fn comment_for(index: &Comments<'_>, pointer: &str) -> Option<String> {
    if let Some(year) = year_block(pointer) {
        let which = match index.year {
            Some(y) if y == year => "（本年度）",
            Some(y) if y == year + 1 => "（上一年度，供对比）",
            Some(_) => "（供对比）",
            None => "",
        };
        return Some(format!("{year} 年度{which}的六张数据表"));
    }
    let node = index.index.at(pointer)?;
    let title = node.title()?;
    Some(match node.unit() {
        Some(u) if !u.is_empty() => format!("{title}（{u}）"),
        _ => title.to_string(),
    })
}

/// The year of a `/data/<stage>/<year>` pointer.
fn year_block(pointer: &str) -> Option<i64> {
    let mut parts = pointer.strip_prefix("/data/")?.split('/');
    let (_stage, year) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    year.parse().ok()
}

fn yaml_scalar(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).expect("string serializes"),
        other => other.to_string(),
    }
}

fn yaml_key(k: &str) -> String {
    if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !k.chars().all(|c| c.is_ascii_digit())
    {
        k.to_string()
    } else {
        serde_json::to_string(k).expect("key serializes")
    }
}

fn yaml_object(index: &Comments<'_>, v: &Value, pointer: &str, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    let Value::Object(map) = v else { return };
    for (k, child) in map {
        let p = crate::dataset::source_map::push(pointer, k);
        let comment = comment_for(index, &p)
            .map(|c| format!("  # {c}"))
            .unwrap_or_default();
        match child {
            Value::Object(m) if !m.is_empty() => {
                out.push_str(&format!("{pad}{}:{comment}\n", yaml_key(k)));
                yaml_object(index, child, &p, indent + 1, out);
            }
            Value::Array(items) if !items.is_empty() => {
                out.push_str(&format!("{pad}{}:{comment}\n", yaml_key(k)));
                for (i, item) in items.iter().enumerate() {
                    let ip = crate::dataset::source_map::push(&p, &i.to_string());
                    match item {
                        Value::Object(_) => {
                            let mut inner = String::new();
                            yaml_object(index, item, &ip, indent + 2, &mut inner);
                            let inner =
                                inner.replacen(&format!("{pad}    "), &format!("{pad}  - "), 1);
                            out.push_str(&inner);
                        }
                        other => out.push_str(&format!("{pad}  - {}\n", yaml_scalar(other))),
                    }
                }
            }
            Value::Array(_) => out.push_str(&format!("{pad}{}: []{comment}\n", yaml_key(k))),
            Value::Object(_) => out.push_str(&format!("{pad}{}: {{}}{comment}\n", yaml_key(k))),
            other => out.push_str(&format!(
                "{pad}{}: {}{comment}\n",
                yaml_key(k),
                yaml_scalar(other)
            )),
        }
    }
}

fn toml_key(k: &str) -> String {
    if k.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        serde_json::to_string(k).expect("key serializes")
    }
}

fn toml_value(v: &Value) -> String {
    match v {
        Value::String(s) => serde_json::to_string(s).expect("string serializes"),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(toml_value).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => format!(
            "{{ {} }}",
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{} = {}", toml_key(k), toml_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

fn toml_document(index: &Comments<'_>, root: &Value, out: &mut String) {
    let Value::Object(map) = root else { return };
    // Plain arrays first (they must precede any [table] header at the top level).
    for (k, v) in map {
        if let Value::Array(items) = v
            && items.iter().all(|i| !i.is_object())
        {
            out.push_str(&format!("{} = {}\n", toml_key(k), toml_value(v)));
        }
    }
    for (k, v) in map {
        let p = crate::dataset::source_map::push("", k);
        match v {
            Value::Object(_) => toml_table(index, v, &p, &toml_key(k), out),
            Value::Array(items) if items.iter().any(Value::is_object) => {
                for (i, item) in items.iter().enumerate() {
                    let ip = crate::dataset::source_map::push(&p, &i.to_string());
                    out.push_str(&format!("\n[[{}]]\n", toml_key(k)));
                    toml_fields(index, item, &ip, out);
                }
            }
            _ => {}
        }
    }
}

fn toml_table(index: &Comments<'_>, v: &Value, pointer: &str, header: &str, out: &mut String) {
    let comment = comment_for(index, pointer)
        .map(|c| format!("  # {c}"))
        .unwrap_or_default();
    out.push_str(&format!("\n[{header}]{comment}\n"));
    toml_fields(index, v, pointer, out);
    let Value::Object(map) = v else { return };
    for (k, child) in map {
        if child.is_object() {
            let p = crate::dataset::source_map::push(pointer, k);
            toml_table(index, child, &p, &format!("{header}.{}", toml_key(k)), out);
        }
    }
}

fn toml_fields(index: &Comments<'_>, v: &Value, pointer: &str, out: &mut String) {
    let Value::Object(map) = v else { return };
    for (k, child) in map {
        let p = crate::dataset::source_map::push(pointer, k);
        let comment = comment_for(index, &p)
            .map(|c| format!("  # {c}"))
            .unwrap_or_default();
        match child {
            Value::Null => out.push_str(&format!("# {} ={comment}\n", toml_key(k))),
            Value::Object(_) => {}
            Value::Array(items) if items.iter().any(Value::is_object) => {
                out.push_str(&format!("{} = [\n", toml_key(k)));
                for item in items {
                    out.push_str(&format!("  {},\n", toml_value(item)));
                }
                out.push_str("]\n");
            }
            other => out.push_str(&format!(
                "{} = {}{comment}\n",
                toml_key(k),
                toml_value(other)
            )),
        }
    }
}
