//! The PDF reader and its layout (import::pdf, pdf_layout, pdf_report through
//! load::load_bytes). Run with -rss_limit_mb=2048 -timeout=10: flate bombs and
//! quadratic layout steps show as OOM and timeouts.
//!
//! The reader runs pdf-rs behind catch_unwind on purpose (a panic in that crate
//! becomes a finding); libfuzzer-sys's panic hook would abort on those caught
//! panics too. This target's hook lets a panic raised inside a dependency
//! (a registry crate) unwind quietly to that catch, and aborts on any other: a
//! panic in dabiao's own code (interpreter, layout) is a bug even when caught.
#![no_main]


use dabiao::dataset::Format;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::crash_only_on_our_panics();
    common::load(data, Format::Pdf);
});
