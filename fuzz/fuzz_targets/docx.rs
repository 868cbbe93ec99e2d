//! The Word importer (import::docx through load::load_bytes). The input is the
//! bytes of word/document.xml, optionally followed by "\n====styles\n" and
//! word/styles.xml and "\n====numbering\n" and word/numbering.xml; the target
//! wraps them in a minimal zip so that the fuzzer works on the XML, not the zip.
#![no_main]

use dabiao::dataset::Format;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let (document, rest) = common::split(data, b"\n====styles\n");
    let (styles, numbering) = match rest {
        Some(r) => {
            let (s, n) = common::split(r, b"\n====numbering\n");
            (Some(s), n)
        }
        None => (None, None),
    };
    let bytes = common::docx(document, styles, numbering);
    common::load(&bytes, Format::Docx);
});
