//! Hostile input to the loaders (issue 14, items 1, 6 and 11): nesting that overflowed
//! the stack, keys and values that took minutes or gigabytes, unreadable .docx files and
//! parser messages in English. Each test drives the real binary; the large inputs are
//! generated here, just past their limit.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::docx::{Part, build};
use common::{dabiao_in, project_root};
use serde_json::Value;

/// `check --no-rules --format json FILE` in `dir`: (exit code, findings, stdout size).
fn run(dir: &Path, file: &str) -> (i32, Vec<Value>, usize) {
    let r = dabiao_in(dir, &["check", "--no-rules", "--format", "json", file]);
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("json output for {file}: {e}\n{}", r.stderr));
    let findings = v["files"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (r.code, findings, r.stdout.len())
}

fn codes(findings: &[Value]) -> Vec<&str> {
    findings.iter().filter_map(|f| f["code"].as_str()).collect()
}

/// The one finding with `code`, which must be an error.
fn the_error<'a>(findings: &'a [Value], code: &str) -> &'a Value {
    let hits: Vec<&Value> = findings.iter().filter(|f| f["code"] == code).collect();
    assert_eq!(hits.len(), 1, "one {code}: {:?}", codes(findings));
    assert_eq!(hits[0]["severity"], "error", "{}", hits[0]);
    hits[0]
}

/// A message is Chinese: it has Han characters, and any English is a suffix in
/// parentheses (the library's own words), not the message.
fn assert_chinese(message: &str) {
    let head = message.split('（').next().unwrap_or(message);
    assert!(
        head.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{message}"
    );
    for english in [
        "detected",
        "not supported",
        "invalid",
        "anchor",
        "byte order",
        "recurse",
    ] {
        assert!(
            !head.contains(english),
            "English before the parentheses: {message}"
        );
    }
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn docx_body(xml: String) -> Vec<u8> {
    build(&[Part::Raw(xml)])
}

/// A 10 KB YAML nested 5,000 levels in block style and a .docx nesting 2,000 elements
/// aborted the whole batch with a stack overflow: no rows, no report file.
#[test]
fn deep_nesting_is_one_finding_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = &dir.path().join("in");
    std::fs::create_dir(d).unwrap();
    write(d, "deep.yaml", format!("{}1\n", "- ".repeat(5_000)));
    let nested = format!(
        "<w:p>{}<w:t>深</w:t>{}</w:p>",
        "<w:r>".repeat(2_000),
        "</w:r>".repeat(2_000)
    );
    write(d, "deep.docx", docx_body(nested));
    let good = std::fs::read(project_root().join("examples/school-higher-2024.json")).unwrap();
    write(d, "good.json", good);
    let r = dabiao_in(
        dir.path(),
        &["check", "--no-rules", "in", "--report", "out.json"],
    );
    assert_eq!(r.code, 1, "the findings exit code: {}", r.stderr);
    let out = std::fs::read_to_string(dir.path().join("out.json")).unwrap();
    let report: Value = serde_json::from_str(&out).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "{files:#?}");
    let of = |name: &str| {
        let f = files
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(name))
            .unwrap();
        f["findings"].as_array().unwrap().clone()
    };
    the_error(&of("deep.yaml"), "dabiao::limit::depth");
    let docx = of("deep.docx");
    let f = the_error(&docx, "dabiao::docx::too-deep");
    assert_chinese(f["message"].as_str().unwrap());
    assert!(
        of("good.json")
            .iter()
            .all(|f| !f["code"].as_str().unwrap().contains("limit"))
    );
}

/// 100k unknown keys in a 1.4 MB one-line JSON took 30 s (200k: minutes): now one
/// finding at the key past the limit, in well under the time.
#[test]
fn many_keys_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(r#"{"report":{"title":"x"}"#);
    for i in 0..100_000 {
        text.push_str(&format!(r#","k{i:06}":1"#));
    }
    text.push('}');
    write(dir.path(), "keys.json", &text);
    let yaml: String = (0..20_000).map(|i| format!("k{i:06}: 1\n")).collect();
    write(dir.path(), "keys.yaml", yaml);
    for file in ["keys.json", "keys.yaml"] {
        let start = Instant::now();
        let (code, findings, size) = run(dir.path(), file);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{file}: {:?}",
            start.elapsed()
        );
        assert_eq!(code, 1);
        assert!(findings.len() <= 3, "{file}: {:?}", codes(&findings));
        let f = the_error(&findings, "dabiao::limit::keys");
        assert_eq!(
            f["line"],
            if file == "keys.json" { 1 } else { 10_001 },
            "{f}"
        );
        assert!(size < 100_000, "{file}: {size} bytes of output");
    }
}

/// A 50 MB JSON array took 5.6 GB and wrote 288 MB: the values past the limit are not
/// read, and the output stays small.
#[test]
fn many_values_are_refused_with_a_small_output() {
    let dir = tempfile::tempdir().unwrap();
    let items = vec!["1"; 250_000].join(",");
    write(
        dir.path(),
        "values.json",
        format!(r#"{{"report":{{"title":"x"}},"a":[{items}]}}"#),
    );
    let (code, findings, size) = run(dir.path(), "values.json");
    assert_eq!(code, 1);
    the_error(&findings, "dabiao::limit::values");
    assert!(size < 2_000_000, "{size} bytes of output");
}

/// A 200k-row table took 2.2 GB and 2M empty paragraphs 968 MB: read up to the limit,
/// with one error.
#[test]
fn docx_rows_paragraphs_and_cells_stop_at_their_limits() {
    let dir = tempfile::tempdir().unwrap();
    let row = "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>";
    let rows = format!("<w:tbl>{}</w:tbl>", row.repeat(20_100));
    write(dir.path(), "rows.docx", docx_body(rows));
    let paragraphs = format!(
        "<w:p><w:r><w:t>学校概况</w:t></w:r></w:p>{}",
        "<w:p/>".repeat(100_100)
    );
    write(dir.path(), "paras.docx", docx_body(paragraphs));
    let cell = "<w:tc><w:p><w:r><w:t>9</w:t></w:r></w:p></w:tc>";
    write(
        dir.path(),
        "cells.docx",
        docx_body(format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell.repeat(300))),
    );
    for (file, code) in [
        ("rows.docx", "dabiao::limit::rows"),
        ("paras.docx", "dabiao::limit::paragraphs"),
        ("cells.docx", "dabiao::limit::cells"),
    ] {
        let (exit, findings, size) = run(dir.path(), file);
        assert_eq!(exit, 1, "{file}");
        let f = the_error(&findings, code);
        assert_chinese(f["message"].as_str().unwrap());
        assert!(size < 2_000_000, "{file}: {size} bytes of output");
    }
}

/// A zip bomb was read up to 8 × the file size (512 MiB) per part.
#[test]
fn a_docx_part_past_the_xml_limit_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "a".repeat(33 << 20);
    write(
        dir.path(),
        "bomb.docx",
        docx_body(format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")),
    );
    let (_, findings, _) = run(dir.path(), "bomb.docx");
    let f = the_error(&findings, "dabiao::docx::too-large");
    assert_chinese(f["message"].as_str().unwrap());
}

/// A zip whose one entry is stored with compression method `method`.
fn zip_with_method(name: &str, body: &str, method: u16) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file(name, opts).unwrap();
        std::io::Write::write_all(&mut zip, body.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    let mut bytes = buf.into_inner();
    for (sig, at) in [(&b"PK\x03\x04"[..], 8), (&b"PK\x01\x02"[..], 10)] {
        let i = bytes.windows(4).position(|w| w == sig).unwrap();
        bytes[i + at..i + at + 2].copy_from_slice(&method.to_le_bytes());
    }
    bytes
}

/// Every unreadable .docx is an error in Chinese (some were graded "A 92"; the zip and
/// XML libraries' English reached users).
#[test]
fn every_unreadable_docx_is_an_error_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ok = r#"<w:p><w:r><w:t>学校概况</w:t></w:r></w:p>"#;
    let whole = docx_body(ok.to_string());
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let xml = format!(r#"<w:document xmlns:w="{w}"><w:body>{ok}</w:body></w:document>"#);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("not-a-zip.docx", b"hello world".to_vec()),
        (
            "renamed-doc.docx",
            [
                &[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
                &[0; 600],
            ]
            .concat(),
        ),
        ("truncated.docx", whole[..whole.len() / 2].to_vec()),
        (
            "no-document.docx",
            zip_with_method("word/styles.xml", "<a/>", 0),
        ),
        (
            "bad-xml.docx",
            zip_with_method("word/document.xml", &xml[..xml.len() - 12], 0),
        ),
        (
            "dtd.docx",
            zip_with_method(
                "word/document.xml",
                &format!(r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]>{xml}"#),
                0,
            ),
        ),
        ("bzip2.docx", zip_with_method("word/document.xml", &xml, 12)),
    ];
    for (name, bytes) in cases {
        write(d, name, bytes);
        let (code, findings, _) = run(d, name);
        assert_eq!(code, 1, "{name}: {:?}", codes(&findings));
        let errors: Vec<&Value> = findings
            .iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        assert_eq!(errors.len(), 1, "{name}: {findings:#?}");
        assert_chinese(errors[0]["message"].as_str().unwrap());
    }
}

/// YAML and TOML parser messages reached users in English ("a byte order mark must
/// not appear inside a document", "found unknown anchor", "cannot recurse further").
#[test]
fn parser_messages_are_chinese_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "bom.yaml", "a: 1\n\u{feff}b: 2\n");
    write(d, "anchor.yaml", "a: 1\nb: *nope\n");
    write(
        d,
        "deep.toml",
        format!("a = {}{}\n", "[".repeat(5_000), "]".repeat(5_000)),
    );
    for (name, line) in [("bom.yaml", 2), ("anchor.yaml", 2), ("deep.toml", 1)] {
        let (code, findings, _) = run(d, name);
        assert_eq!(code, 1, "{name}");
        assert_eq!(findings.len(), 1, "{name}: {findings:#?}");
        assert_chinese(findings[0]["message"].as_str().unwrap());
        assert_eq!(findings[0]["line"], line, "{name}: {}", findings[0]);
    }
}
