//! The whole check of one file as the binary runs it (check::Checker: load, schema,
//! the embedded rule pack, grade) and the terminal printer on the result. The
//! first byte chooses the format (json, yaml, toml, txt, md); the rest is the file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use dabiao::check::Checker;
use dabiao::dataset::Limits;
use dabiao::inputs::Input;
use dabiao::render::human::{HumanOptions, HumanPrinter};
use dabiao::rules::engine::SandboxLimits;
use dabiao::rules::{PackSource, RulePack};
use dabiao::schema::Schema;
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 7] = ["json", "yaml", "toml", "txt", "md", "csv", "xlsx"];

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let pack = RulePack::load(&PackSource::embedded(), &[], SandboxLimits::default())
            .expect("the embedded pack loads");
        Checker::new(Schema::embedded(), Some(pack), Limits::default())
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let ext = EXTENSIONS[first as usize % EXTENSIONS.len()];
    let dir = std::env::temp_dir();
    let path: PathBuf = dir.join(format!("dabiao-fuzz-{}.{ext}", std::process::id()));
    std::fs::write(&path, rest).expect("temp file");
    let report = checker().check(&Input::new(path.clone(), format!("fuzz.{ext}")));
    let printer = HumanPrinter::new(HumanOptions {
        color: false,
        width: 100,
        max_per_file: usize::MAX,
        ..HumanOptions::default()
    });
    let _ = printer.file(&report);
    let _ = std::fs::remove_file(&path);
});
