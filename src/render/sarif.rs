//! `--format sarif`: SARIF 2.1.0, for code-scanning dashboards and editors. One
//! run; a rule per code that fired; a result per finding (waived ones carry an
//! external suppression); one artifact per report, whose properties hold its grade
//! and score. Our own serde structs, checked against the official schema in
//! tests/formats_machine.rs. Columns count Unicode characters, end columns are
//! exclusive, as SARIF's `unicodeCodePoints` column kind says.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::Run;
use crate::finding::Severity;
use crate::record::{FindingRecord, ReportRecord};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base that relative artifact paths are resolved against (the directory dabiao ran in).
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [SarifRun<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: Tool,
    artifacts: Vec<Artifact<'a>>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
    properties: Value,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text>,
    default_configuration: Configuration,
    properties: Value,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact<'a> {
    location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    mime_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    properties: Value,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
    properties: Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    name: &'a str,
    fully_qualified_name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
}

pub fn render(run: &Run<'_>) -> Result<Vec<u8>, String> {
    let rules = rules(run);
    let index: BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let artifacts: Vec<Artifact<'_>> = run.records.iter().map(artifact).collect();
    let mut results = Vec::new();
    for (i, r) in run.records.iter().enumerate() {
        let mut location = artifacts[i].location.clone();
        location.index = Some(i);
        for f in &r.findings {
            let rule = index[f.code.as_str()];
            results.push(result(f, rule, &rules[rule], location.clone()));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [SarifRun {
            tool: Tool {
                driver: Driver {
                    name: "dabiao",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            artifacts,
            results,
            column_kind: "unicodeCodePoints",
            properties: json!({
                "graded_with": run.provenance,
                "totals": run.totals,
            }),
        }],
    };
    let mut bytes = serde_json::to_vec_pretty(&log).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// One rule per code that fired, sorted by code.
fn rules(run: &Run<'_>) -> Vec<Rule> {
    let mut first: BTreeMap<&str, (&ReportRecord, &FindingRecord)> = BTreeMap::new();
    for r in run.records {
        for f in &r.findings {
            first.entry(f.code.as_str()).or_insert((r, f));
        }
    }
    first
        .into_iter()
        .map(|(code, (_, f))| {
            let help = run
                .records
                .iter()
                .flat_map(|r| &r.findings)
                .filter(|g| g.code == code)
                .find_map(|g| g.help.clone())
                .map(|text| Text { text });
            Rule {
                id: code.to_string(),
                short_description: title(run, code).map(|text| Text { text }),
                help,
                default_configuration: Configuration {
                    level: level(f.severity),
                },
                properties: json!({ "category": f.category.as_str() }),
            }
        })
        .collect()
}

/// The Chinese title of a code: the rule's title from a verdict, or dabiao's own.
fn title(run: &Run<'_>, code: &str) -> Option<String> {
    run.records
        .iter()
        .filter_map(|r| r.verdict.as_ref())
        .flat_map(|v| &v.costs)
        .find(|c| c.code == code && !c.title.is_empty())
        .map(|c| c.title.clone())
        .or_else(|| crate::codes::title(code).map(str::to_string))
        .or_else(|| {
            run.records
                .iter()
                .flat_map(|r| &r.findings)
                .find(|f| f.code == code)
                .and_then(|f| f.label.clone())
        })
}

fn artifact(r: &ReportRecord) -> Artifact<'_> {
    let verdict = r.verdict.as_ref();
    Artifact {
        location: artifact_location(&r.file),
        mime_type: r.format.map(crate::dataset::Format::mime),
        encoding: r.encoding,
        properties: json!({
            "entity": r.entity,
            "code": r.code,
            "level": r.level,
            "year": r.year,
            "grade": verdict.map(|v| v.grade),
            "grade_label": verdict.map(|v| v.grade_label()),
            "score": verdict.map(|v| v.score),
            "errors": r.errors,
            "warnings": r.warnings,
            "infos": r.infos,
            "input_hash": r.input_hash,
            "import": r.import,
        }),
    }
}

/// Where a finding is in the data: a spreadsheet's cell ("表1!D7") first — the
/// region's line and column are its row and column in that sheet — then the pointer.
fn logical_locations(f: &FindingRecord) -> Vec<LogicalLocation<'_>> {
    let cell = f.cell.as_deref().map(|c| LogicalLocation {
        name: c.rsplit('!').next().unwrap_or(c),
        fully_qualified_name: c,
        kind: "element",
    });
    cell.into_iter()
        .chain(f.pointer.as_deref().map(|p| LogicalLocation {
            name: p.rsplit('/').next().unwrap_or(p),
            fully_qualified_name: p,
            kind: "element",
        }))
        .collect()
}

fn result<'a>(
    f: &'a FindingRecord,
    rule_index: usize,
    rule: &Rule,
    location: ArtifactLocation,
) -> SarifResult<'a> {
    let region = f.line.map(|line| Region {
        start_line: line,
        start_column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
        snippet: None,
        message: f.label.clone().map(|text| Text { text }),
    });
    let context_region = match (f.line, &f.excerpt) {
        (Some(line), Some(text)) => Some(Region {
            start_line: line,
            start_column: None,
            end_line: None,
            end_column: None,
            snippet: Some(Text { text: text.clone() }),
            message: None,
        }),
        _ => None,
    };
    let logical_locations = logical_locations(f);
    // The rule's help is the first finding's; a finding with its own advice
    // (schema findings suggest the likely intended value) carries it in its message.
    let mut message = f.message.clone();
    if let Some(help) = f
        .help
        .as_ref()
        .filter(|h| rule.help.as_ref().is_none_or(|r| &r.text != *h))
    {
        message.push_str("\n建议：");
        message.push_str(help);
    }
    SarifResult {
        rule_id: &f.code,
        rule_index,
        level: level(f.severity),
        message: Text { text: message },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: location,
                region,
                context_region,
            },
            logical_locations,
        }],
        partial_fingerprints: BTreeMap::from([("dabiao/v1", f.fingerprint.as_str())]),
        suppressions: f
            .waiver
            .as_deref()
            .map(|w| Suppression {
                kind: "external",
                status: "accepted",
                justification: w,
            })
            .into_iter()
            .collect(),
        properties: json!({
            "category": f.category.as_str(),
            "counted": f.counted,
            "causedBy": f.caused_by,
        }),
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as shown → a URI reference: relative paths stay relative (against
/// `%SRCROOT%`), absolute ones become `file:` URIs; separators become `/` and
/// everything outside RFC 3986's unreserved set is percent-encoded (UTF-8).
fn artifact_location(display: &str) -> ArtifactLocation {
    let path = display.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let (prefix, rest, base) = if path.starts_with('/') {
        ("file://", path.as_str(), None)
    } else if drive {
        ("file:///", path.as_str(), None)
    } else {
        ("", path.strip_prefix("./").unwrap_or(&path), Some(SRCROOT))
    };
    let mut uri = String::from(prefix);
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (drive && b == b':') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    ArtifactLocation {
        uri,
        uri_base_id: base,
        index: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        let l = artifact_location("examples/临汾 2024.yaml");
        assert_eq!(l.uri, "examples/%E4%B8%B4%E6%B1%BE%202024.yaml");
        assert_eq!(l.uri_base_id, Some(SRCROOT));
        assert_eq!(artifact_location("./a.json").uri, "a.json");
        let abs = artifact_location("/tmp/a b.json");
        assert_eq!(abs.uri, "file:///tmp/a%20b.json");
        assert_eq!(abs.uri_base_id, None);
        assert_eq!(artifact_location(r"C:\r\a.json").uri, "file:///C:/r/a.json");
    }
}
