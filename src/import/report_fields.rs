//! The dataset's `/report` object from what the cover says ([`super::meta`] reads
//! it): title, stages, year, entity, publication, with a finding for what cannot be
//! found; and the key order the output keeps.

use serde_json::{Map, Value, json};

use crate::base::source::Span;
use crate::finding::Finding;

use super::builder::Builder;
use super::data_tables::DataTables;
use super::document::Document;
use super::meta::Meta;

/// The cover's data under `/report`, with a finding for a title, stages or year that
/// cannot be found, then the members the schema and the rules expect in any dataset.
/// The order of the writes is the order of the members under `report` in the output.
pub(super) fn write_meta(
    meta: &Meta,
    tables: &DataTables<'_>,
    doc: &Document,
    b: &mut Builder,
    findings: &mut Vec<Finding>,
) {
    let top = doc.blocks.first().map_or(Span::new(0, 0), |f| f.span);
    let title_span = meta.title.as_ref().map_or(top, |(_, s)| *s);
    b.locate("/report", title_span);
    write_title(meta, top, b, findings);
    if let Some(level) = meta.level {
        b.set(
            "/report/level",
            level.into(),
            None,
            entity_span(meta, title_span),
        );
    }
    write_stages(meta, tables, title_span, b, findings);
    write_year(meta, tables, title_span, b, findings);
    write_entity(meta, title_span, b);
    flag_placeholder(meta, title_span, findings);
    write_published(meta, b);
    write_skeleton(b, title_span, top);
}

/// Where the reporting entity is named, else the title: the span of what is read from
/// the entity's name (level, kind).
fn entity_span(meta: &Meta, title_span: Span) -> Span {
    meta.entity.as_ref().map_or(title_span, |(_, s)| *s)
}

/// The report's title, or a finding at the top of the report that it has none.
fn write_title(meta: &Meta, top: Span, b: &mut Builder, findings: &mut Vec<Finding>) {
    match &meta.title {
        Some((t, span)) => b.set("/report/title", t.clone().into(), None, *span),
        None => findings.push(
            Finding::of(
                &super::codes::TITLE,
                "没有找到报告标题（封面上含“报告”二字的标题行）".to_string(),
            )
            .at(top)
            .with_help("在报告开头写上完整标题，例如：某某市中等职业教育质量年度报告（2024年度）"),
        ),
    }
}

/// The stages the title names and the data tables hold, 高职 first; or a finding that
/// neither says.
fn write_stages(
    meta: &Meta,
    tables: &DataTables<'_>,
    title_span: Span,
    b: &mut Builder,
    findings: &mut Vec<Finding>,
) {
    let mut stages: Vec<&str> = meta.stages.clone();
    for s in &tables.stages {
        if !stages.contains(s) {
            stages.push(s);
        }
    }
    // The template order: 高职 first.
    stages.sort_by_key(|s| *s != "higher");
    if stages.is_empty() && matches!(meta.level, Some("city" | "county")) {
        // The MOE asks cities and counties for 中职 reports only (高职 reports come
        // from schools and provinces), so a city's report without a stage word is 中职.
        stages.push("secondary");
        findings.push(
            Finding::of(
                &super::codes::INFERRED,
                "标题里没有“中等职业教育”“高等职业教育”等字样；地市、县级年报只报中职，教育层次按中职读入"
                    .to_string(),
            )
            .at(title_span)
            .with_help("在标题中写明教育层次，例如：某某市中等职业教育质量年度报告（2024年度）"),
        );
    }
    if stages.is_empty() {
        findings.push(
            Finding::of(
                &super::codes::STAGE,
                "无法判断报告属于中职还是高职：标题里没有“中等职业教育”“高等职业教育”等字样"
                    .to_string(),
            )
            .at(title_span)
            .with_help("在标题中写明教育层次，或在数据表前加一行“中职：”或“高职：”"),
        );
    } else {
        b.set("/report/stages", json!(stages), None, title_span);
    }
}

/// The report's year from the title, else the data tables' last year column; or a
/// finding that neither gives one.
fn write_year(
    meta: &Meta,
    tables: &DataTables<'_>,
    title_span: Span,
    b: &mut Builder,
    findings: &mut Vec<Finding>,
) {
    let table_years: Vec<u32> = tables.years.iter().copied().collect();
    let year = super::meta::settle_year(meta, &table_years, title_span, findings);
    match year {
        Some((y, span)) => b.set("/report/year", y.into(), None, span),
        // Not a report (already said): its missing year is beside the point.
        None if meta.look_alike.is_some() => {}
        None => findings.push(
            Finding::of(
                &super::codes::YEAR,
                "无法确定报告年度：标题、封面和正文前几页都没有“（2024年度）”“2023—2024学年”这样的年份，数据表也没有年份列"
                    .to_string(),
            )
            .at(title_span)
            .with_help("在标题中写明报告年度，例如：（2024年度）"),
        ),
    }
}

/// The reporting entity: its name and code, and for schools the kind and ownership.
fn write_entity(meta: &Meta, title_span: Span, b: &mut Builder) {
    if let Some((name, span)) = &meta.entity {
        b.set("/report/entity/name", name.clone().into(), None, *span);
        b.locate("/report/entity", *span);
        if let Some((code, cspan)) = &meta.code {
            b.set("/report/entity/code", code.clone().into(), None, *cspan);
        }
    }
    if let Some(kind) = meta.kind {
        b.set(
            "/report/kind",
            kind.into(),
            None,
            entity_span(meta, title_span),
        );
    }
    if let Some((ownership, span)) = meta.ownership {
        b.set("/report/ownership", ownership.into(), None, span);
    }
}

/// A template or an anonymised sample names its publisher "xx市", "××学校" or
/// "某职业学校" (variations B5): say so rather than grade it as that entity's report.
fn flag_placeholder(meta: &Meta, title_span: Span, findings: &mut Vec<Finding>) {
    let named = meta
        .entity
        .as_ref()
        .map(|(n, s)| (n.as_str(), *s))
        .into_iter()
        .chain(meta.title.as_ref().map(|(t, s)| (t.as_str(), *s)));
    for (name, span) in named {
        if let Some(mark) = placeholder_in(name) {
            findings.push(
                Finding::of(
                    &super::codes::PLACEHOLDER,
                    format!(
                        "编制单位的名称是占位符“{mark}”：这像是模板或匿名样本，不是某个单位的年报"
                    ),
                )
                .at(if span.is_empty() { title_span } else { span })
                .with_help(
                    "填写编制单位的全称（如“某某市教育局”“某某职业技术学院”的真实名称）后再检查",
                ),
            );
            return;
        }
    }
}

/// The placeholder a name is written with, if any.
fn placeholder_in(name: &str) -> Option<&'static str> {
    let c: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    ["xx", "XX", "ｘｘ", "××", "某某"]
        .into_iter()
        .find(|m| c.contains(m))
        .or_else(|| c.starts_with('某').then_some("某"))
}

/// Where and when the report was published, as its cover states.
fn write_published(meta: &Meta, b: &mut Builder) {
    if let Some((url, span)) = &meta.url {
        b.set("/report/published/url", url.clone().into(), None, *span);
        b.locate("/report/published", *span);
    }
    if let Some((date, span)) = &meta.date {
        b.set("/report/published/date", date.clone().into(), None, *span);
    }
}

/// An empty `data` when the report has no data tables, and locations for the whole
/// dataset and for `sections` when nothing else placed them.
fn write_skeleton(b: &mut Builder, title_span: Span, top: Span) {
    // No data tables: an empty `data`, so that the rule on missing tables (not the
    // schema's "required") tells the user what is missing.
    if !b.has("/data") {
        b.set("/data", Value::Object(Map::new()), None, title_span);
    }
    b.locate("", title_span);
    if !b.has("/sections") {
        b.locate("/sections", top);
    }
}

/// The dataset's members in the order of the schema, whatever order they were read in.
pub(super) fn ordered(value: Value) -> Value {
    let Value::Object(mut m) = value else {
        return value;
    };
    let mut out = Map::new();
    for key in [
        "report",
        "data",
        "sections",
        "cases",
        "figures",
        "tables",
        "toc",
        "specialty_groups",
        "facts",
        "year_openings",
        "dated",
    ] {
        if let Some(v) = m.remove(key) {
            let v = if key == "report" {
                ordered_report(v)
            } else {
                v
            };
            out.insert(key.to_string(), v);
        }
    }
    out.extend(m);
    Value::Object(out)
}

fn ordered_report(v: Value) -> Value {
    let Value::Object(mut m) = v else { return v };
    let mut out = Map::new();
    for key in [
        "title",
        "level",
        "stages",
        "year",
        "entity",
        "published",
        "kind",
        "ownership",
    ] {
        if let Some(v) = m.remove(key) {
            out.insert(key.to_string(), v);
        }
    }
    out.extend(m);
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::placeholder_in;

    #[test]
    fn placeholders_in_names() {
        assert_eq!(placeholder_in("xx市中等职业教育质量年度报告"), Some("xx"));
        assert_eq!(placeholder_in("某职业中等专业学校"), Some("某"));
        assert_eq!(placeholder_in("××学校"), Some("××"));
        assert_eq!(placeholder_in("河东省梧岭市教育局"), None);
        // 某 inside a real name is not a placeholder.
        assert_eq!(placeholder_in("澄川市某山职业学校"), None);
    }
}
