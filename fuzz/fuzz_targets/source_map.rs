//! SourceFile and SourceMap lookups with offsets and pointers the input chooses:
//! the text is the input up to the first NUL; after it, each 8 bytes are a span
//! (two u32), tried on the line index, the clamp, the miette snippet; and the
//! JSON dataset of the text is asked for pointers made of the remaining bytes.
#![no_main]

use dabiao::base::source::{SourceFile, Span};
use dabiao::dataset::{Format, Limits, parse};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let (text, rest) = common::split(data, b"\0");
    let text = String::from_utf8_lossy(text);
    let source = SourceFile::new("fuzz", text.as_ref());
    let rest = rest.unwrap_or_default();
    for chunk in rest.chunks_exact(8) {
        let a = u32::from_le_bytes(chunk[..4].try_into().unwrap()) as usize;
        let b = u32::from_le_bytes(chunk[4..].try_into().unwrap()) as usize;
        let (start, end) = (a.min(b), a.max(b));
        common::spans(&source, Span::new(start, end));
        let _ = source.offset_of_char_col(a % 64, b % 256);
    }
    let pointer = String::from_utf8_lossy(rest);
    for format in [Format::Json, Format::Yaml, Format::Toml] {
        if let Some(Ok((_, map, _))) = parse(&source, format, &Limits::default()) {
            for p in [pointer.as_ref(), "", "/report", "/report/year"] {
                if let Some((_, loc)) = map.nearest(p) {
                    common::spans(&source, loc.value);
                    if let Some(k) = loc.key {
                        common::spans(&source, k);
                    }
                }
            }
        }
    }
});
