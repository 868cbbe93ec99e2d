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

use std::sync::Once;

use dabiao::dataset::Format;
use libfuzzer_sys::fuzz_target;

mod common;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
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
    common::load(data, Format::Pdf);
});
