//! Embeds the rule pack (rules/**) in the binary, so `dabiao` works from anywhere;
//! `--rules DIR` reads another pack from disk instead. Also embeds the pack's own
//! fixtures (tests/rules/<ID>/*, not their snapshots, and tests/reports/*), so that
//! `dabiao rules test` can test the embedded pack outside the source tree.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The file extensions of fixtures (as `rule_tests::FIXTURE_EXTENSIONS`).
const FIXTURE_EXTENSIONS: [&str; 4] = ["yaml", "yml", "toml", "txt"];

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    let mut files = Vec::new();
    collect(&root.join("rules"), &mut files);
    files.sort();
    let mut out = String::from(
        "/// (path relative to the pack, contents) of every file of the embedded pack.\n",
    );
    out.push_str("pub static EMBEDDED_RULES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(root.join("rules")).expect("under rules/");
        push_entry(&mut out, rel, f);
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("embedded_rules.rs"), out).expect("write embedded_rules.rs");
    std::fs::write(out_dir.join("embedded_fixtures.rs"), fixtures(&root))
        .expect("write embedded_fixtures.rs");
}

fn push_entry(out: &mut String, rel: &Path, file: &Path) {
    let rel = rel.to_string_lossy().replace('\\', "/");
    let _ = writeln!(
        out,
        "    ({rel:?}, include_str!({:?})),",
        file.to_string_lossy()
    );
}

/// The fixture files directly in each tests/rules/<ID>/ and in tests/reports/, by
/// their path relative to tests/. Each folder is watched: a fixture added or removed
/// re-runs this script (so does a snapshot written under tests/rules/<ID>/snapshots).
fn fixtures(root: &Path) -> String {
    let tests = root.join("tests");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(tests.join("rules"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs.push(tests.join("reports"));
    let mut out =
        String::from("/// (path relative to tests/, contents) of the embedded pack's fixtures.\n");
    out.push_str("pub static EMBEDDED_FIXTURES: &[(&str, &str)] = &[\n");
    println!("cargo:rerun-if-changed=tests/rules");
    println!("cargo:rerun-if-changed=tests/reports");
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| FIXTURE_EXTENSIONS.contains(&e))
            })
            .collect();
        files.sort();
        for f in files {
            push_entry(&mut out, f.strip_prefix(&tests).expect("under tests/"), &f);
        }
    }
    out.push_str("];\n");
    out
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
