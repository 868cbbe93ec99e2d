//! The layout holds: data flows one way (base → finding → dataset → schema → import →
//! load → rules → grade → check → record → render → cli), so a module may use only
//! the layers below it, and no files import each other in a circle.
//!
//! The module graph is derived from the code itself: every `crate::…`, `super::…`,
//! `self::…` and `dabiao::…` path (in `use` lines and inline), and `use child::…`
//! of a module's own children, resolved to the file that defines the module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's top-level modules from the bottom up. A module may use the ones
/// before it, never the ones after it. The binary (main.rs and cli/) is above all.
const LAYERS: &[&str] = &[
    // Shared vocabulary, hashing, numbers, text, spans, files: no crate imports.
    "base",
    // A finding and the declaration of a diagnostic code.
    "finding",
    // The canonical dataset and its parsers (JSON, YAML, TOML).
    "dataset",
    // The contract: the JSON Schema, its index, validation.
    "schema",
    // Reading a report's own text (plain, Markdown, Word) and its narrative facts.
    "import",
    // One input from bytes to a dataset: chooses a parser or an importer.
    "load",
    // The rule pack, its engine and thresholds.
    "rules",
    // Waivers that reviewers keep.
    "waiver",
    // Every stage's codes, gathered.
    "codes",
    // A score and grade from the findings.
    "grade",
    // Command-line inputs and the project's dabiao.toml.
    "inputs",
    "config",
    // One input through every stage.
    "check",
    // The rule pack's tests (fixtures run through check).
    "rule_tests",
    // The compact, serialisable result of a check.
    "record",
    // Many inputs in parallel.
    "batch",
    // Blank templates (dabiao init).
    "template",
    // Datasets written as workbooks and .csv (the layout the sheet reader reads).
    "export",
    // Comparing gradings.
    "diff",
    // Printers.
    "render",
];

struct SourceFile {
    /// The module path: `["import", "facts", "sentence"]`; the binary's under `["<bin>", …]`.
    module: Vec<String>,
    path: PathBuf,
    code: String,
}

fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs").to_string();
    let bin = parts.first().is_some_and(|p| p == "cli") || stem == "main";
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem);
    }
    if bin {
        parts.insert(0, "<bin>".to_string());
    }
    parts
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<SourceFile>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let rel = path.strip_prefix(root).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests sit at the end of a file; their `super::` is the file itself.
            let text = match text.find("#[cfg(test)]") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            out.push(SourceFile {
                module: module_of(rel),
                path: rel.to_path_buf(),
                code: strip_comments_and_strings(&text),
            });
        }
    }
}

/// Code without comments and string literals, so that paths in docs and messages
/// do not count.
fn strip_comments_and_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !in_str && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            // Char literals: 'x', '\'', '\u{FF01}' (not lifetimes).
            if !in_str && c == '\'' {
                let close = if chars.get(i + 1) == Some(&'\\') {
                    chars[i + 2..]
                        .iter()
                        .position(|&d| d == '\'')
                        .map(|k| i + 2 + k)
                } else if chars.get(i + 2) == Some(&'\'') {
                    Some(i + 2)
                } else {
                    None
                };
                if let Some(end) = close {
                    i = end + 1;
                    prev = ' ';
                    continue;
                }
            }
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                kept.push(c);
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
            i += 1;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// Every path the code names: `crate::a::b`, `super::x`, `use x::{a, b::c}` …, as
/// segment lists relative to the crate root (the binary's paths under `<bin>`).
fn paths_in(file: &SourceFile, children: &BTreeSet<Vec<String>>) -> Vec<Vec<String>> {
    let bin = file.module.first().is_some_and(|m| m == "<bin>");
    let own: Vec<String> = file.module.clone();
    // The module path of a mod.rs is its folder, so `super` is one step up for both.
    let parent: Vec<String> = if own.is_empty() {
        own.clone()
    } else {
        own[..own.len() - 1].to_vec()
    };
    let mut out = Vec::new();
    let code = &file.code;
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if !starts_word || !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &code[i..];
        let (base, skip): (Vec<String>, usize) = if rest.starts_with("crate::") {
            (
                if bin {
                    vec!["<bin>".to_string()]
                } else {
                    vec![]
                },
                7,
            )
        } else if rest.starts_with("dabiao::") {
            (vec![], 8)
        } else if rest.starts_with("super::") {
            (parent.clone(), 7)
        } else if rest.starts_with("self::") {
            (own.clone(), 6)
        } else if !code[..i].ends_with("::") {
            // A path from one of the module's own children: `use child::…`,
            // `child::f()`.
            let first: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let mut child = own.clone();
            child.push(first.clone());
            if !first.is_empty()
                && rest[first.len()..].starts_with("::")
                && children.contains(&child)
            {
                (own.clone(), 0)
            } else {
                i += first.len().max(1);
                continue;
            }
        } else {
            i += 1;
            continue;
        };
        let tail = &code[i + skip..];
        for p in expand(tail) {
            let mut full = base.clone();
            full.extend(p);
            out.push(full);
        }
        i += skip.max(1);
    }
    out
}

/// The paths a `use` tail names: `a::b::C`, `{a, b::{c, d}}`, `a::{self, B}`.
fn expand(tail: &str) -> Vec<Vec<String>> {
    fn ident(s: &str) -> (&str, &str) {
        let n = s
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(s.len());
        (&s[..n], &s[n..])
    }
    fn group(mut s: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
        // s starts after '{'; returns bytes consumed including '}'.
        let start_len = s.len();
        loop {
            s = s.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
            if s.starts_with('}') || s.is_empty() {
                return start_len - s.len() + 1.min(s.len());
            }
            let used = path(s, prefix.clone(), out);
            s = &s[used..];
        }
    }
    fn path(s: &str, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
        let start_len = s.len();
        let mut s = s;
        loop {
            if let Some(rest) = s.strip_prefix('{') {
                let used = group(rest, prefix.clone(), out);
                return start_len - rest.len() + used;
            }
            let (id, rest) = ident(s);
            if id.is_empty() {
                out.push(prefix);
                return start_len - s.len();
            }
            if id != "self" {
                prefix.push(id.to_string());
            }
            match rest.strip_prefix("::") {
                Some(r) => s = r,
                None => {
                    out.push(prefix);
                    return start_len - rest.len();
                }
            }
        }
    }
    let mut out = Vec::new();
    path(tail, Vec::new(), &mut out);
    out
}

struct Graph {
    files: Vec<SourceFile>,
    /// file index → the file indexes it imports.
    edges: BTreeMap<usize, BTreeSet<usize>>,
}

fn graph() -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let by_module: BTreeMap<Vec<String>, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.module.clone(), i))
        .collect();
    let modules: BTreeSet<Vec<String>> = by_module.keys().cloned().collect();
    let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        for p in paths_in(f, &modules) {
            // The longest prefix that is a module file.
            let target = (1..=p.len())
                .rev()
                .find_map(|n| by_module.get(&p[..n]).copied());
            if let Some(t) = target
                && t != i
                && !is_ancestor(&files[t].module, &f.module)
            {
                edges.entry(i).or_default().insert(t);
            }
        }
    }
    Graph { files, edges }
}

/// A module's ancestors declare it: the crate roots only list modules, and a
/// folder's mod.rs is its face (declarations, re-exports, the folder's entry
/// points). A file naming something of its own folder's face is not a dependency
/// on another room, so those edges are not counted (as in `farm-studio look`).
fn is_ancestor(candidate: &[String], of: &[String]) -> bool {
    candidate.len() < of.len() && of.starts_with(candidate)
}

fn layer_of(module: &[String]) -> Option<usize> {
    match module.first().map(String::as_str) {
        Some("<bin>") => Some(LAYERS.len()),
        Some(top) => LAYERS.iter().position(|l| *l == top),
        None => None,
    }
}

#[test]
fn every_top_level_module_has_a_layer() {
    let g = graph();
    let missing: BTreeSet<String> = g
        .files
        .iter()
        .filter(|f| !f.module.is_empty() && layer_of(&f.module).is_none())
        .map(|f| f.module[0].clone())
        .collect();
    assert!(
        missing.is_empty(),
        "add these modules to LAYERS in tests/layers.rs, where they belong: {missing:?}"
    );
}

#[test]
fn nothing_runs_back_up_the_stack() {
    let g = graph();
    let mut upward = Vec::new();
    for (&from, targets) in &g.edges {
        let a = &g.files[from];
        for &to in targets {
            let b = &g.files[to];
            if let (Some(la), Some(lb)) = (layer_of(&a.module), layer_of(&b.module))
                && lb > la
            {
                upward.push(format!("{} -> {}", a.path.display(), b.path.display()));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that run up the stack (a lower layer using a higher one):\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let g = graph();
    let circles = strongly_connected(&g);
    let shown: Vec<String> = circles
        .iter()
        .map(|c| {
            c.iter()
                .map(|&i| g.files[i].path.display().to_string())
                .collect::<Vec<_>>()
                .join(" ⇄ ")
        })
        .collect();
    assert!(shown.is_empty(), "import circles:\n{}", shown.join("\n"));
}

#[test]
fn the_graph_is_read_from_the_code() {
    // Guards the extractor itself: known edges must be seen.
    let g = graph();
    let has = |from: &str, to: &str| {
        g.edges.iter().any(|(&f, ts)| {
            g.files[f].path == Path::new(from)
                && ts.iter().any(|&t| g.files[t].path == Path::new(to))
        })
    };
    assert!(has("load.rs", "dataset/mod.rs"));
    assert!(has("load.rs", "import/mod.rs"));
    assert!(has("check.rs", "load.rs"));
    assert!(has(
        "import/facts/sentence.rs",
        "import/facts/structures.rs"
    ));
    assert!(has("import/facts/mod.rs", "import/builder.rs"));
    assert!(has("rules/api/mod.rs", "rules/api/emit.rs"));
    assert!(g.edges.values().map(BTreeSet::len).sum::<usize>() > 100);
}

#[test]
fn use_trees_expand() {
    assert_eq!(
        expand("a::{b, c::{d, E}}, x"),
        vec![vec!["a", "b"], vec!["a", "c", "d"], vec!["a", "c", "E"],]
    );
    assert_eq!(expand("x::Y;"), vec![vec!["x", "Y"]]);
    assert_eq!(
        expand("{self, Z}"),
        vec![Vec::<String>::new(), vec!["Z".to_string()]]
    );
}

/// Tarjan's algorithm: the groups of more than one file that reach each other.
fn strongly_connected(g: &Graph) -> Vec<Vec<usize>> {
    struct State<'a> {
        g: &'a Graph,
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State<'_>, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        let targets: Vec<usize> = s.g.edges.get(&v).into_iter().flatten().copied().collect();
        for w in targets {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                _ => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                group.push(w);
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.out.push(group);
            }
        }
    }
    let n = g.files.len();
    let mut s = State {
        g,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.out
}

/// Every function's length in lines, from its `fn` line to its closing brace
/// (brace counting on comment- and string-free code).
fn function_lengths(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let t = t.strip_prefix("pub ").unwrap_or(t);
        let t = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .unwrap_or(t);
        let t = t.strip_prefix("const ").unwrap_or(t);
        let Some(rest) = t.strip_prefix("fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i64;
        let mut opened = false;
        for (j, l) in lines.iter().enumerate().skip(i) {
            depth += l.matches('{').count() as i64 - l.matches('}').count() as i64;
            opened |= l.contains('{');
            if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                out.push((name.clone(), i + 1, j - i + 1));
                break;
            }
        }
    }
    out
}

#[test]
fn files_and_functions_stay_small() {
    let g = graph();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut too_long = Vec::new();
    for f in &g.files {
        let text = std::fs::read_to_string(root.join(&f.path)).unwrap();
        let lines = text.lines().count();
        if lines > 600 {
            too_long.push(format!(
                "{}: {lines} lines (at most ~600)",
                f.path.display()
            ));
        }
        for (name, at, n) in function_lengths(&strip_comments_and_strings(&text)) {
            if n > 80 {
                too_long.push(format!(
                    "{}:{at} fn {name}: {n} lines (at most ~80)",
                    f.path.display()
                ));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "split these (a long file or function is usually two things):\n{}",
        too_long.join("\n")
    );
}
