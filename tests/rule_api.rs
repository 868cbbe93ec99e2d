//! The functions rule scripts call: the reference in docs/rule-authoring.md is the one
//! generated from their registration, each signature matches what the engine accepts
//! and returns, the pack's scripts call only registered functions, and nothing
//! registers a function outside `rules::api`.
//!
//! Regenerate the reference with `UPDATE_DOCS=1 cargo test --test rule_api`.

use std::collections::{BTreeSet, HashSet};
use std::iter::Peekable;
use std::path::{Path, PathBuf};
use std::str::Chars;

use dabiao::rules::api::{self, ApiFn, TYPES};
use dabiao::rules::engine::{SandboxLimits, build_engine};
use rhai::Dynamic;

const DOC: &str = "docs/rule-authoring.md";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn function_reference_is_current() {
    let path = root().join(DOC);
    let committed = std::fs::read_to_string(&path).unwrap();
    let generated = api::splice(&committed).expect("docs/rule-authoring.md has the api markers");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        if generated != committed {
            std::fs::write(&path, &generated).unwrap();
        }
        return;
    }
    assert!(
        generated == committed,
        "the function table in {DOC} is stale: run `UPDATE_DOCS=1 cargo test --test rule_api`"
    );
}

#[test]
fn every_registered_function_is_in_the_reference() {
    let mut committed = std::fs::read_to_string(root().join(DOC)).unwrap();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        // `function_reference_is_current` is rewriting the file meanwhile.
        committed = api::splice(&committed).unwrap();
    }
    let functions = api::functions();
    assert!(functions.len() >= 40, "{} functions", functions.len());
    for f in &functions {
        assert!(
            committed.contains(&format!("| `{}` | {} |", f.signature, f.doc)),
            "{} is registered but not in {DOC}",
            f.signature
        );
    }
}

#[test]
fn docs_are_one_line_and_signatures_well_formed() {
    let mut seen = HashSet::new();
    for f in api::functions() {
        let sig = f.signature;
        assert!(!f.doc.trim().is_empty(), "{sig} has no doc");
        assert!(
            !f.doc.contains(['\n', '|']) && !sig.contains(['\n', '|']),
            "{sig}: one line, no `|`"
        );
        assert!(
            !f.name().is_empty()
                && f.name()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{sig}: name"
        );
        let types = f.params().into_iter().map(|(_, t)| t).chain(f.returns());
        for ty in types {
            assert!(
                TYPES.contains(&ty.trim_end_matches('?')),
                "{sig}: type {ty}"
            );
        }
        assert!(
            seen.insert((f.name(), f.params().len())),
            "{sig}: two registrations with the same name and arity"
        );
    }
}

/// A value of a documented parameter type, as Rhai source.
fn sample(ty: &str) -> &'static str {
    match ty.trim_end_matches('?') {
        "string" => "\"\"",
        "int" | "number" => "0",
        "float" => "0.0",
        "bool" => "false",
        "array" => "[]",
        other => panic!("no sample for {other}"),
    }
}

/// Whether a value outside any report is of the documented return type.
fn returns_ok(f: &ApiFn, value: &Dynamic) -> bool {
    let Some(ret) = f.returns() else {
        return value.is_unit();
    };
    if ret.ends_with('?') && value.is_unit() {
        return true;
    }
    let want = match ret.trim_end_matches('?') {
        "float" => "f64",
        "int" => "i64",
        "number" => return value.is_int() || value.is_float(),
        other => other,
    };
    value.type_name() == want
}

/// Calls each function, outside any report, with arguments of the documented types:
/// a signature that does not match the registration is a "function not found".
#[test]
fn signatures_match_what_the_engine_accepts() {
    let engine = build_engine(SandboxLimits::default());
    for f in api::functions() {
        let args: Vec<&str> = f.params().iter().map(|(_, ty)| sample(ty)).collect();
        let call = format!("{}({})", f.name(), args.join(", "));
        match engine.eval::<Dynamic>(&call) {
            Ok(v) => assert!(
                returns_ok(&f, &v),
                "{}: `{call}` returned {}",
                f.signature,
                v.type_name()
            ),
            Err(e) => panic!("{}: `{call}` failed: {e}", f.signature),
        }
    }
}

/// `src` with comments and the text of string literals blanked out; code inside
/// `${…}` of a template string is kept.
fn code_only(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    // The brace depth inside each open `${…}`.
    let mut open = Vec::<usize>::new();
    // Inside the text of a template string.
    let mut text = false;
    while let Some(c) = chars.next() {
        if text {
            text = template_text(c, &mut chars, &mut open);
            out.push(' ');
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'/') => {
                chars.by_ref().find(|&c| c == '\n');
                out.push('\n');
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => _ = chars.next(),
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            '`' => {
                text = true;
                out.push(' ');
            }
            '}' if open.last() == Some(&0) => {
                open.pop();
                text = true;
                out.push(' ');
            }
            '{' | '}' if !open.is_empty() => {
                let depth = open.last_mut().unwrap();
                *depth = if c == '{' { *depth + 1 } else { *depth - 1 };
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Reads one character of a template string's text; whether the text goes on.
fn template_text(c: char, chars: &mut Peekable<Chars<'_>>, open: &mut Vec<usize>) -> bool {
    match c {
        '`' => false,
        '$' if chars.peek() == Some(&'{') => {
            chars.next();
            open.push(0);
            false
        }
        '\\' => {
            chars.next();
            true
        }
        _ => true,
    }
}

/// Names called as functions (`name(`, not `.name(`), and names defined with `fn`.
fn calls_and_defs(code: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut calls, mut defs) = (BTreeSet::new(), BTreeSet::new());
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !(bytes[i].is_ascii_alphabetic() || bytes[i] == b'_') || (i > 0 && ident(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && ident(bytes[i]) {
            i += 1;
        }
        let name = &code[start..i];
        let before = code[..start].trim_end();
        let after = code[i..].trim_start();
        if before.ends_with("fn") && !before.ends_with("_fn") {
            defs.insert(name.to_string());
        } else if after.starts_with('(') && !before.ends_with('.') {
            calls.insert(name.to_string());
        }
    }
    (calls, defs)
}

/// Keywords that precede `(` and the standard Rhai functions the pack uses.
const RHAI: &[&str] = &[
    "if",
    "while",
    "for",
    "in",
    "switch",
    "return",
    "throw",
    "fn",
    "Fn",
    "abs",
    "max",
    "min",
    "parse_int",
    "parse_float",
    "round",
    "floor",
    "ceiling",
    "to_string",
    "type_of",
    "range",
];

fn rhai_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rhai_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rhai") {
            out.push(path);
        }
    }
}

#[test]
fn scripts_call_only_registered_functions() {
    let registered: HashSet<&str> = api::functions().iter().map(ApiFn::name).collect();
    let mut files = Vec::new();
    rhai_files(&root().join("rules"), &mut files);
    assert!(files.len() >= 60, "{} scripts", files.len());
    let mut used = BTreeSet::new();
    for file in files {
        let src = std::fs::read_to_string(&file).unwrap();
        let (calls, defs) = calls_and_defs(&code_only(&src));
        for name in calls {
            if registered.contains(name.as_str()) {
                used.insert(name);
            } else {
                assert!(
                    defs.contains(&name) || RHAI.contains(&name.as_str()),
                    "{} calls `{name}`, which is not registered in rules::api",
                    file.display()
                );
            }
        }
    }
    assert!(used.contains("num") && used.contains("fail"), "{used:?}");
}

#[test]
fn the_scanner_sees_calls_in_templates_and_skips_strings() {
    let src = "fn low(x) { x }\n// gone(1)\nlet s = \"GDP(亿元)\";\nfail(p, `${name(p)} 为 ${fmt(low({a: 1}.a))}`);\nt.len();\n";
    let (calls, defs) = calls_and_defs(&code_only(src));
    let calls: Vec<_> = calls.into_iter().collect();
    assert_eq!(calls, ["fail", "fmt", "low", "name"]);
    assert_eq!(defs.into_iter().collect::<Vec<_>>(), ["low"]);
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Functions reach the rule engine only through `rules::api`, where each one needs a
/// signature and a doc. (`rules/callbacks.rs` replaces Rhai's own `sort` and `dedup`
/// under their names and meaning, so that a failing comparator fails the rule: no
/// new function.)
#[test]
fn only_the_api_registers_functions() {
    let api = root().join("src/rules/api/mod.rs");
    let replaced = root().join("src/rules/callbacks.rs");
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    for file in files.iter().filter(|f| **f != api && **f != replaced) {
        let src = std::fs::read_to_string(file).unwrap();
        assert!(
            !src.contains(".register_"),
            "{} registers something on a Rhai engine; add it in src/rules/api with a doc",
            file.display()
        );
    }
    let src = std::fs::read_to_string(&api).unwrap();
    assert_eq!(
        src.matches(".register_").count(),
        1,
        "src/rules/api/mod.rs registers only in Api::add"
    );
}
