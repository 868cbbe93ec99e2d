//! The rule pack with every script emptied: each rule's header (and so its declared
//! `[[check]]`s) kept, its Rhai body replaced by one statement. Checking a corpus
//! with it measures what dabiao costs besides what the scripts do: reading,
//! parsing, the schema, the declared checks, one Rhai evaluation per rule, grading
//! and output. No script can run faster than that floor.

use std::path::Path;

use dabiao::rules::meta::{has_code, split_header};

/// Writes the emptied copy of `pack` (a rules directory) to `out`.
pub fn write_emptied_pack(pack: &Path, out: &Path) {
    std::fs::create_dir_all(out).expect("emptied pack dir");
    for entry in std::fs::read_dir(pack).expect("read pack").flatten() {
        let from = entry.path();
        let to = out.join(entry.file_name());
        if from.is_dir() {
            write_emptied_pack(&from, &to);
        } else if from.extension().is_some_and(|e| e == "rhai") {
            let text = std::fs::read_to_string(&from).expect("read rule");
            std::fs::write(&to, emptied(&text)).expect("write rule");
        } else {
            std::fs::copy(&from, &to).expect("copy pack file");
        }
    }
}

/// A rule file's `//!` header, then one statement if it had a script (what counts
/// as a header and as code is the pack loader's own `split_header` and `has_code`).
fn emptied(text: &str) -> String {
    let mut out: String = text
        .lines()
        .take_while(|l| l.trim_start().starts_with("//!"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (_, body) = split_header(text);
    if has_code(&body) {
        out.push_str("let emptied = ();\n");
    }
    out
}
