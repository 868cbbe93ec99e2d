//! What every target does with an input once it is loaded: the lookups the
//! printers make from a finding's span and pointer (source map, line index).
#![allow(dead_code)]

use dabiao::base::source::{SourceFile, Span};
use dabiao::dataset::{Format, Limits};
use dabiao::load::{Loaded, load_bytes};

/// Loads `data` as `format` the way the binary does, then looks every finding up.
/// A panic inside a dependency (caught by the loader's catch_unwind) is not ours to
/// report; one in dabiao's own code aborts, so libFuzzer records the input.
pub fn crash_only_on_our_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_dependency = info
                .location()
                .is_some_and(|l| l.file().contains("/.cargo/registry/"));
            if !in_dependency {
                default(info);
                std::process::abort();
            }
        }));
    });
}

pub fn load(data: &[u8], format: Format) -> Loaded {
    let loaded = load_bytes(data, format, "fuzz", &Limits::default());
    look_up(&loaded);
    loaded
}

/// Every finding's span and pointer resolved as the printers resolve them.
pub fn look_up(loaded: &Loaded) {
    let Some(source) = &loaded.source else {
        return;
    };
    for f in &loaded.findings {
        if let Some(span) = f.span {
            spans(source, span);
        }
        if let (Some(p), Some(d)) = (&f.pointer, &loaded.dataset) {
            if let Some((_, loc)) = d.map.nearest(p) {
                spans(source, loc.value);
            }
        }
    }
    if let (Some(d), Some(places)) = (&loaded.dataset, &loaded.places) {
        if let Some((_, loc)) = d.map.nearest("/report") {
            let _ = places.at(loc.value.start);
        }
    }
}

/// The span's text, its line and column at both ends, and the miette snippet.
pub fn spans(source: &SourceFile, span: Span) {
    use miette::SourceCode;
    let clamped = source.clamp(span);
    let _ = source.slice(span);
    let a = source.line_col(clamped.start);
    let b = source.line_col(clamped.end);
    assert!(a.line <= b.line, "{span:?}: {a:?} after {b:?}");
    let _ = source.read_span(&clamped.into(), 1, 1);
}

/// A minimal .docx around `document` (and optional styles and numbering parts).
pub fn docx(document: &[u8], styles: Option<&[u8]>, numbering: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    let mut part = |name: &str, bytes: &[u8]| {
        zip.start_file(name, opts).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    };
    part("[Content_Types].xml", CONTENT_TYPES);
    part("word/document.xml", document);
    if let Some(s) = styles {
        part("word/styles.xml", s);
    }
    if let Some(n) = numbering {
        part("word/numbering.xml", n);
    }
    zip.finish().expect("zip finish");
    out.into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// Splits an input at the first `sep` byte sequence (for targets with two parts).
pub fn split<'a>(data: &'a [u8], sep: &[u8]) -> (&'a [u8], Option<&'a [u8]>) {
    match data.windows(sep.len()).position(|w| w == sep) {
        Some(i) => (&data[..i], Some(&data[i + sep.len()..])),
        None => (data, None),
    }
}
