//! Diagnostic codes: each of dabiao's own codes is declared once, in the `codes` of
//! the stage that reports it, with a title; code strings are never written
//! anywhere else in the source.

use std::collections::BTreeMap;
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            // Unit tests may name codes to assert on them (inline, or a module's
            // own `tests.rs`).
            if p.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let code = match text.find("#[cfg(test)]") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            out.push((p.display().to_string(), code));
        }
    }
}

/// Every `"dabiao::x::y"` literal in the library and binary, with where it is.
fn literals() -> BTreeMap<String, Vec<String>> {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, code) in files {
        let mut rest = code.as_str();
        while let Some(at) = rest.find("\"dabiao::") {
            let tail = &rest[at + 1..];
            let end = tail.find('"').unwrap_or(tail.len());
            let literal = &tail[..end];
            if literal.matches("::").count() == 2 {
                found
                    .entry(literal.to_string())
                    .or_default()
                    .push(path.clone());
            }
            rest = &tail[end..];
        }
    }
    found
}

#[test]
fn every_code_string_is_a_declaration() {
    let declared: Vec<&str> = dabiao::codes::all().map(|c| c.id).collect();
    for (literal, places) in literals() {
        assert!(
            declared.contains(&literal.as_str()),
            "{literal} (in {places:?}) is not declared in any stage's codes"
        );
        assert_eq!(
            places.len(),
            1,
            "{literal} is written in several places {places:?}: use the declared constant"
        );
        assert!(
            places[0].ends_with("codes.rs")
                || places[0].ends_with("load.rs")
                || places[0].ends_with("waiver.rs"),
            "{literal} is written in {}: declare it in that stage's codes",
            places[0]
        );
    }
}

#[test]
fn every_declared_code_has_a_title_and_one_declaration() {
    let mut seen = BTreeMap::new();
    for c in dabiao::codes::all() {
        assert!(!c.title.trim().is_empty(), "{} has no title", c.id);
        assert!(
            seen.insert(c.id, c.title).is_none(),
            "{} declared twice",
            c.id
        );
        assert_eq!(dabiao::codes::title(c.id), Some(c.title));
    }
    // The codes the issue found without a title.
    for id in [
        "dabiao::parse::not-finite",
        "dabiao::parse::yaml-key",
        "dabiao::parse::yaml-value",
        "dabiao::parse::multiple-documents",
        "dabiao::rules::pack",
    ] {
        assert!(dabiao::codes::title(id).is_some(), "{id} has no title");
    }
}
