//! `--format junit`: JUnit XML, for CI test dashboards. One testsuite "dabiao"; one
//! testcase per report (name = the file, classname = the entity, or the file); a
//! `<failure>` per counted error; warnings, notes and waived findings in the
//! testcase's `<system-out>`; grade and score as testcase properties.
//!
//! Written by hand: quick-junit models one `<failure>` per testcase, and a report
//! with five errors should show five. The `failures` attribute counts failed
//! testcases (reports), as JUnit's does; `<failure>` elements count findings.

use std::fmt::Write as _;

use super::Run;
use crate::finding::Severity;
use crate::record::{FindingRecord, ReportRecord};

pub fn render(run: &Run<'_>) -> Result<Vec<u8>, String> {
    let failed = run
        .records
        .iter()
        .filter(|r| failures(r).next().is_some())
        .count();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let head = format!(
        "name=\"dabiao\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\"",
        run.records.len()
    );
    let _ = writeln!(x, "<testsuites {head}>");
    let _ = writeln!(x, "    <testsuite {head}>");
    x.push_str("        <properties>\n");
    let p = run.provenance;
    let t = &run.totals;
    for (name, value) in [
        ("dabiao", p.dabiao.to_string()),
        ("schema", p.schema.clone()),
        ("rules", p.rules.clone()),
        ("thresholds", p.thresholds.clone()),
        ("pack", p.pack.clone()),
        ("errors", t.errors.to_string()),
        ("warnings", t.warnings.to_string()),
        ("infos", t.infos.to_string()),
        ("grade_a", t.grade_a.to_string()),
        ("grade_b", t.grade_b.to_string()),
        ("grade_c", t.grade_c.to_string()),
    ] {
        property(&mut x, 12, name, &value);
    }
    x.push_str("        </properties>\n");
    for r in run.records {
        testcase(&mut x, r);
    }
    x.push_str("    </testsuite>\n</testsuites>\n");
    Ok(x.into_bytes())
}

fn failures(r: &ReportRecord) -> impl Iterator<Item = &FindingRecord> {
    r.findings
        .iter()
        .filter(|f| f.counted && f.severity == Severity::Error)
}

fn testcase(x: &mut String, r: &ReportRecord) {
    let classname = r.entity.as_deref().unwrap_or(&r.file);
    let _ = writeln!(
        x,
        "        <testcase name=\"{}\" classname=\"{}\">",
        attr(&r.file),
        attr(classname)
    );
    x.push_str("            <properties>\n");
    let verdict = r.verdict.as_ref();
    let mut props = vec![
        ("grade", r.grade_text()),
        (
            "grade_label",
            verdict.map(|v| v.grade_label()).unwrap_or_default(),
        ),
        ("score", r.score_text()),
        ("errors", r.errors.to_string()),
        ("warnings", r.warnings.to_string()),
        ("infos", r.infos.to_string()),
    ];
    if let Some(e) = &r.entity {
        props.push(("entity", e.clone()));
    }
    if let Some(c) = &r.code {
        props.push(("entity_code", c.clone()));
    }
    if let Some(i) = &r.import {
        props.push(("import", i.text().replace('\n', "；")));
    }
    for (name, value) in props {
        property(x, 16, name, &value);
    }
    x.push_str("            </properties>\n");
    for f in failures(r) {
        let _ = writeln!(
            x,
            "            <failure message=\"{}\" type=\"{}\">{}</failure>",
            attr(&format!("{} {}", f.code, f.message)),
            attr(&f.code),
            text(&body(f))
        );
    }
    let others: Vec<String> = r
        .findings
        .iter()
        .filter(|f| !(f.counted && f.severity == Severity::Error))
        .map(|f| {
            let kind = if f.counted {
                f.severity.chinese().to_string()
            } else {
                format!("{}，已豁免", f.severity.chinese())
            };
            format!("[{kind}] {} {}\n{}", f.code, f.message, body(f))
        })
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            x,
            "            <system-out>{}</system-out>",
            text(&others.join("\n\n"))
        );
    }
    x.push_str("        </testcase>\n");
}

/// `file:line:col`, then the JSON pointer, the help and the waiver, one per line.
fn body(f: &FindingRecord) -> String {
    let mut s = f.at();
    if let Some(p) = &f.pointer {
        let _ = write!(s, "\n位置：{p}");
    }
    if let Some(h) = &f.help {
        let _ = write!(s, "\n建议：{h}");
    }
    if let Some(w) = &f.waiver {
        let _ = write!(s, "\n豁免：{w}");
    }
    s
}

fn property(x: &mut String, indent: usize, name: &str, value: &str) {
    let _ = writeln!(
        x,
        "{:indent$}<property name=\"{}\" value=\"{}\"/>",
        "",
        attr(name),
        attr(value)
    );
}

/// Escapes element text; drops characters XML 1.0 cannot hold (most C0 controls).
fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value; keeps tabs and newlines as character references.
fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_xml_well_formed() {
        assert_eq!(attr("a\"<&>\n\u{1}b"), "a&quot;&lt;&amp;&gt;&#10;b");
        assert_eq!(text("x\u{7}y\r\n<z>"), "xy&#13;\n&lt;z&gt;");
    }
}
