//! The report importer on plain text or Markdown (import::import_text /
//! import_markdown through load::load_bytes): outline, own tables, lists, names,
//! references, facts. The first byte chooses: odd → Markdown, even → text.
#![no_main]

use dabiao::dataset::Format;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = if first & 1 == 1 { Format::Markdown } else { Format::Text };
    common::load(rest, format);
});
