//! The Json loader (dataset::parse through load::load_bytes), then every finding looked up.
#![no_main]

use dabiao::dataset::Format;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::load(data, Format::Json);
});
