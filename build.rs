//! Embeds the rule pack (rules/**) in the binary, so `dabiao` works from anywhere;
//! `--rules DIR` reads another pack from disk instead.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut files = Vec::new();
    collect(&root.join("rules"), &mut files);
    files.sort();
    let mut out = String::from(
        "/// (path relative to the pack, contents) of every file of the embedded pack.\n",
    );
    out.push_str("pub static EMBEDDED_RULES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(root.join("rules")).expect("under rules/");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let _ = writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            f.to_string_lossy()
        );
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("embedded_rules.rs");
    std::fs::write(dest, out).expect("write embedded_rules.rs");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rhai" | "toml")
        ) {
            out.push(path);
        }
    }
}
