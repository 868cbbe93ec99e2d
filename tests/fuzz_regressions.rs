//! What the fuzzers in fuzz/ found, kept as tests that run in `cargo test` (no
//! nightly, no libFuzzer): each input is loaded as its fuzz target loads it, and
//! must give an answer — findings, never a panic, an abort or an endless run.
//! The committed seed corpora (fuzz/corpus/<target>/) are replayed the same way.
//!
//! Inputs small enough live in tests/fuzz-regressions/<target>-<what>; larger ones
//! are made here.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dabiao::base::source::{SourceFile, Span};
use dabiao::dataset::{Format, Limits};
use dabiao::load::{Loaded, load_bytes};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A minimal .docx around `document` (as the docx fuzz target builds it).
fn docx(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

/// Every finding's span looked up as the printers do (line index, clamp, snippet).
fn look_up(loaded: &Loaded) {
    use miette::SourceCode;
    let Some(source) = &loaded.source else {
        return;
    };
    for f in &loaded.findings {
        let Some(span) = f.span else { continue };
        let s = source.clamp(span);
        let (a, b) = (source.line_col(s.start), source.line_col(s.end));
        assert!(a.line <= b.line, "{span:?}");
        let _ = source.read_span(&s.into(), 1, 1);
    }
}

/// Loads `bytes` as the fuzz target `target` does, within `budget`.
fn load_as(target: &str, bytes: &[u8], budget: Duration) -> Loaded {
    let (bytes, format) = match target {
        "json" => (bytes.to_vec(), Format::Json),
        "yaml" => (bytes.to_vec(), Format::Yaml),
        "toml" => (bytes.to_vec(), Format::Toml),
        "pdf" => (bytes.to_vec(), Format::Pdf),
        "docx" => {
            let document = split(bytes, b"\n====styles\n");
            (docx(document), Format::Docx)
        }
        "text" => match bytes.split_first() {
            Some((first, rest)) if first & 1 == 1 => (rest.to_vec(), Format::Markdown),
            Some((_, rest)) => (rest.to_vec(), Format::Text),
            None => (Vec::new(), Format::Text),
        },
        other => panic!("no fuzz target {other}"),
    };
    let started = Instant::now();
    let loaded = load_bytes(&bytes, format, "fuzz", &Limits::default());
    look_up(&loaded);
    let took = started.elapsed();
    assert!(took < budget, "{target}: {took:?}");
    loaded
}

fn split<'a>(data: &'a [u8], sep: &[u8]) -> &'a [u8] {
    match data.windows(sep.len()).position(|w| w == sep) {
        Some(i) => &data[..i],
        None => data,
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// The seeds of every fuzz target load (the fuzzers start from these).
#[test]
fn seed_corpora_load() {
    let mut count = 0;
    for target in ["json", "yaml", "toml", "text", "docx", "pdf"] {
        for path in files(&root().join("fuzz/corpus").join(target)) {
            let bytes = std::fs::read(&path).unwrap();
            load_as(target, &bytes, Duration::from_secs(20));
            count += 1;
        }
    }
    assert!(count >= 50, "only {count} seeds");
}

/// Every committed reproducer (tests/fuzz-regressions/<target>-…) loads.
#[test]
fn reproducers_load() {
    for path in files(&root().join("tests/fuzz-regressions")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let target = name.split('-').next().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        load_as(target, &bytes, Duration::from_secs(20));
    }
}

/// Spans the fuzzer may pick: any offsets, clamped to the text and its characters.
#[test]
fn source_lookups_take_any_offset() {
    let source = SourceFile::new("fuzz", "年度\n报告 2024\n");
    for (a, b) in [(0, 0), (1, 2), (2, 100), (7, 7), (u32::MAX as usize, 3)] {
        let s = source.clamp(Span::new(a.min(b), a.max(b)));
        assert!(source.text().is_char_boundary(s.start) && s.start <= s.end);
        let _ = source.line_col(a);
        let _ = source.offset_of_char_col(a % 64, b % 256);
    }
}
