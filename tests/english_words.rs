//! Every word a user reads is Chinese (issue 15): the help of every command, what
//! `check` prints, its HTML page and xlsx workbook for every example plus broken files,
//! `rules explain` of every rule and the titles of dabiao's own codes. What may stay
//! ASCII is what a user types or matches literally: codes (`dabiao::schema::type`,
//! THR-012), flags, file names and paths, JSON pointers, URLs, text in `backticks` or
//! <code>, and the short list of names below. Anything else of two or more ASCII
//! letters fails the test, listed with where it came from.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use common::{dabiao_in, project_root};

/// Names that stay as they are: the program, the formats, standards, encodings, keys
/// and units a user knows by these names, and the prefixes of rule ids.
const ALLOWED: [&str; 47] = [
    "dabiao", "Rhai", "JSON", "Schema", "SARIF", "JUnit", "UTF", "LE", "BE", "GBK", "GB", "PDF",
    "Word", "Excel", "jsonl", "yml", "csv", "xls", "xlsm", "ods", "sarif", "junit", "xlsx", "html",
    "markdown", "xml", "txt", "md", "docx", "CI", "CPU", "URL", "Tab", "MiB", "KiB", "µs", "ms",
    "CMP", "CON", "THR", "NAR", "PLA", "POL", "Rust", "RFC", "Mbps", "Gbps",
];

/// What a user types: commands, and the values of flags and of rule headers
/// (`--fail-on never`, `--color auto`, `category = "policy"`). Field names and the
/// values the schema allows are added from schemas/report.schema.json.
const TYPED: [&str; 37] = [
    "check",
    "schema",
    "init",
    "import",
    "export",
    "xlsx",
    "csv",
    "diff",
    "compare",
    "config",
    "rules",
    "list",
    "explain",
    "doc",
    "bench",
    "thresholds",
    "test",
    "git",
    "json",
    "yaml",
    "toml",
    "human",
    "auto",
    "always",
    "never",
    "error",
    "warning",
    "info",
    "completeness",
    "consistency",
    "narrative",
    "plausibility",
    "policy",
    "threshold",
    "null",
    "both",
    "pdf",
];

/// One piece of text a user reads, and where it came from.
struct Seen {
    from: String,
    text: String,
}

#[test]
fn every_word_a_user_reads_is_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    help(dir.path(), &mut seen);
    checked(dir.path(), &mut seen);
    explained(dir.path(), &mut seen);
    blank_workbook(dir.path(), &mut seen);
    for code in dabiao::codes::all() {
        seen.push(Seen {
            from: format!("codes.rs: {}", code.id),
            text: code.title.to_string(),
        });
    }
    let allowed = allowed();
    let mut english = BTreeSet::new();
    for s in &seen {
        for word in english_words(&s.text, &allowed) {
            english.insert(format!("{word:<16} ← {}", s.from));
        }
    }
    assert!(
        english.is_empty(),
        "English words a user reads ({}):\n{}",
        english.len(),
        english.into_iter().collect::<Vec<_>>().join("\n")
    );
}

fn help(dir: &Path, seen: &mut Vec<Seen>) {
    for c in common::COMMANDS {
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = c.iter().copied().chain([flag]).collect();
            let run = dabiao_in(dir, &args);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
            seen.push(Seen {
                from: format!("dabiao {}", args.join(" ")),
                text: run.stdout + run.stderr.as_str(),
            });
        }
    }
}

/// `check` of every example plus broken files: the terminal, the page and the workbook.
fn checked(dir: &Path, seen: &mut Vec<Seen>) {
    let inputs = dir.join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    for e in std::fs::read_dir(project_root().join("examples")).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().is_some_and(|n| n != "README.md") {
            std::fs::copy(&p, inputs.join(p.file_name().unwrap())).unwrap();
        }
    }
    let broken: [(&str, &[u8]); 4] = [
        (
            "broken-syntax.yaml",
            b"report:\n  title: [unclosed\n  year: 2024\n",
        ),
        (
            "broken-types.json",
            r#"{"report": {"year": "twenty", "level": "乡镇"}, "extra": 1}"#.as_bytes(),
        ),
        ("broken-bytes.json", &[0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]),
        ("empty.txt", b""),
    ];
    for (name, bytes) in broken {
        std::fs::write(inputs.join(name), bytes).unwrap();
    }
    let run = dabiao_in(
        dir,
        &[
            "check", "inputs", "--report", "out.html", "--report", "out.xlsx",
        ],
    );
    assert!(run.code == 1, "{}", run.stderr);
    seen.push(Seen {
        from: "dabiao check inputs (terminal)".into(),
        text: terminal(&(run.stdout + run.stderr.as_str())),
    });
    let html = std::fs::read_to_string(dir.join("out.html")).unwrap();
    seen.push(Seen {
        from: "check --report out.html".into(),
        text: page_text(&html),
    });
    let mut book: Xlsx<_> = calamine::open_workbook(dir.join("out.xlsx")).unwrap();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let Data::String(s) = cell {
                    seen.push(Seen {
                        from: format!("out.xlsx {name}!R{}C{}", r + 1, c + 1),
                        text: s.clone(),
                    });
                }
            }
        }
    }
}

/// `init --format xlsx`: the instructions, captions, headers and notes of the workbook.
fn blank_workbook(dir: &Path, seen: &mut Vec<Seen>) {
    let args = [
        "init",
        "--format",
        "xlsx",
        "--level",
        "school",
        "--stage",
        "both",
        "--year",
        "2024",
        "-o",
        "blank.xlsx",
    ];
    let run = dabiao_in(dir, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book: Xlsx<_> = calamine::open_workbook(dir.join("blank.xlsx")).unwrap();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                // The 键 column of 报告信息 holds field paths, not words.
                if let (Data::String(s), false) = (cell, name == "报告信息" && c == 2) {
                    seen.push(Seen {
                        from: format!("blank.xlsx {name}!R{}C{}", r + 1, c + 1),
                        text: s.clone(),
                    });
                }
            }
        }
    }
}

fn explained(dir: &Path, seen: &mut Vec<Seen>) {
    let mut ids = Vec::new();
    for category in std::fs::read_dir(project_root().join("rules")).unwrap() {
        let category = category.unwrap().path();
        if !category.is_dir() {
            continue;
        }
        for rule in std::fs::read_dir(&category).unwrap() {
            let name = rule.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".rhai") {
                let id: Vec<&str> = stem.splitn(3, '-').take(2).collect();
                ids.push(id.join("-"));
            }
        }
    }
    assert!(ids.len() > 20, "{ids:?}");
    for id in ids {
        let run = dabiao_in(dir, &["rules", "explain", &id]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        // The rule's source follows its header: code, not text.
        let text = run.stdout.split("\n//!").next().unwrap_or_default();
        seen.push(Seen {
            from: format!("dabiao rules explain {id}"),
            text: text.to_string() + run.stderr.as_str(),
        });
    }
}

/// The terminal output without the quoted source lines ("  12 │ graduates: 1"): those
/// are the user's own text.
fn terminal(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let numbered = digits > 0 && t[digits..].trim_start().starts_with(['│', '|', '·']);
            !numbered && !t.starts_with(['│', '·', '╭', '╰'])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text nodes and tooltips of a page, without scripts, styles and <code>/<pre>.
fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        out.push(' ');
        rest = &rest[at..];
        let skip = ["script", "style", "code", "pre"]
            .into_iter()
            .find(|t| rest[1..].starts_with(t) && rest[1 + t.len()..].starts_with([' ', '>']));
        if let Some(tag) = skip {
            let close = format!("</{tag}>");
            let end = rest.find(&close).map_or(rest.len(), |i| i + close.len());
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        for attr in ["title=\"", "aria-label=\"", "placeholder=\""] {
            if let Some(i) = tag.find(attr) {
                let v = &tag[i + attr.len()..];
                out.push_str(&v[..v.find('"').unwrap_or(v.len())]);
                out.push(' ');
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every allowed word: the lists above, and the field names and allowed values of the
/// schema (a user writes them in the dataset; messages name them).
fn allowed() -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for key in ["properties", "patternProperties"] {
                    if let Some(serde_json::Value::Object(p)) = m.get(key) {
                        out.extend(p.keys().cloned());
                    }
                }
                if let Some(serde_json::Value::Array(e)) = m.get("enum") {
                    out.extend(e.iter().filter_map(|x| x.as_str().map(str::to_string)));
                }
                m.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let schema =
        std::fs::read_to_string(project_root().join("schemas/report.schema.json")).unwrap();
    let mut out: BTreeSet<String> = ALLOWED
        .iter()
        .chain(&TYPED)
        .map(|w| w.to_string())
        .collect();
    walk(&serde_json::from_str(&schema).unwrap(), &mut out);
    out
}

/// The ASCII words of two or more letters in `text` that are not allowed.
fn english_words(text: &str, allowed: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    let text = without_quoted(text);
    for token in text.split(|c: char| !c.is_ascii_graphic() && c != 'µ') {
        let token = token.trim_matches(|c: char| "()[]{}<>,.;:!?'\"=".contains(c));
        if token.is_empty() || literal(token) {
            continue;
        }
        // A field name is allowed as a whole (specialty_groups), not word by word.
        let identifiers = token.split(|c: char| !c.is_ascii_alphanumeric() && c != '_');
        let words = identifiers
            .filter(|i| !allowed.contains(*i))
            .flat_map(|i| i.split(|c: char| !c.is_ascii_alphabetic()));
        for word in words {
            if word.chars().filter(char::is_ascii_alphabetic).count() < 2
                || allowed.contains(word)
                || allowed.contains(&word.to_ascii_lowercase())
            {
                continue;
            }
            out.push(word.to_string());
        }
    }
    out
}

/// `text` without what it quotes literally: `backticks`, "double quotes" (a user's
/// value) and the parser's own words after 「解析器原文：」.
fn without_quoted(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        }
        out.push(' ');
    }
    let mut text = String::new();
    for (i, part) in out.split('"').enumerate() {
        if i % 2 == 0 {
            text.push_str(part);
        }
        text.push(' ');
    }
    while let Some(at) = text.find("解析器原文：") {
        let end = text[at..].find('）').map_or(text.len(), |i| at + i);
        text.replace_range(at..end, " ");
    }
    text
}

/// A token a user types or matches as it is: a flag, a code, a rule id, a path or
/// pointer, a URL, a file name, `A/B/C`, a key (a.b, k=v, x-…), a hash.
fn literal(token: &str) -> bool {
    const EXTENSIONS: [&str; 17] = [
        ".json", ".jsonl", ".yaml", ".yml", ".toml", ".txt", ".md", ".docx", ".pdf", ".csv",
        ".xlsx", ".xls", ".xlsm", ".ods", ".html", ".sarif", ".rhai",
    ];
    let rule_id = token.split_once('-').is_some_and(|(a, b)| {
        (2..=4).contains(&a.len())
            && a.chars().all(|c| c.is_ascii_uppercase())
            && b.len() == 3
            && b.chars().all(|c| c.is_ascii_digit())
    });
    // A key: secondary.students_min, published.url.
    let dotted = token.contains('.')
        && token
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    token.starts_with('-')
        || token.contains("::")
        || token.contains("://")
        || token.starts_with('/')
        || token.starts_with("./")
        || token.contains('/')
        || token.contains('=')
        || token.starts_with("x-")
        || dotted
        || EXTENSIONS
            .iter()
            .any(|e| token.to_ascii_lowercase().ends_with(e))
        || rule_id
        || token.len() == 16 && token.chars().all(|c| c.is_ascii_hexdigit())
}

#[test]
fn the_filter_keeps_what_it_should() {
    let allowed = allowed();
    let words = |t: &str| english_words(t, &allowed);
    assert!(words("用 `--rules DIR` 或 --set a.b=1；见 THR-012、dabiao::schema::type").is_empty());
    assert!(words("/data/secondary/2024/scorecard 与 A/B/C、examples/a.yaml").is_empty());
    assert!(words("值 \"town\" 不在范围内（解析器原文：bad indent）；用 YAML").is_empty());
    assert_eq!(words("规则包 embedded"), ["embedded"]);
    assert_eq!(words("13.3/s remaining"), ["remaining"]);
}

/// The level and the rule pack's origin were shown as `city` and `embedded` in the
/// workbook and the page; they are data there, not something typed, so the schema's
/// values do not excuse them.
#[test]
fn levels_and_the_pack_are_named_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        project_root().join("examples/linfen-2024-city-secondary.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap();
    let run = dabiao_in(
        dir.path(),
        &[
            "check", "a.yaml", "--report", "o.html", "--report", "o.xlsx", "--report", "o.md",
        ],
    );
    assert!(run.code <= 1, "{}", run.stderr);
    let html = std::fs::read_to_string(dir.path().join("o.html")).unwrap();
    let page = page_text(&html);
    assert!(
        page.contains("内置规则包") && page.contains("地市"),
        "{page}"
    );
    assert!(
        !page.contains("embedded") && !page.contains("city"),
        "{page}"
    );
    let md = std::fs::read_to_string(dir.path().join("o.md")).unwrap();
    assert!(
        md.contains("内置规则包") && !md.contains("embedded"),
        "{md}"
    );
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("o.xlsx")).unwrap();
    let sheet = book.worksheet_range("汇总").unwrap();
    let level = sheet.get_value((1, 3)).unwrap().to_string();
    assert_eq!(level, "地市");
}
