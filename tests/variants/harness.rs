//! The fixtures, their expectations, one import in process, and the comparison of
//! an import with what a variant expects.

use std::collections::BTreeMap;
use std::path::PathBuf;

use dabiao::base::normalize::compact;
use dabiao::dataset::{Format, Limits};
use dabiao::finding::{Category, Severity};
use serde_json::Value;

/// One report fixture with its expectation.
#[derive(Clone)]
pub struct Fx {
    pub name: String,
    pub md: bool,
    pub text: String,
    pub exp: Exp,
    /// The import of the unchanged fixture (to place tables, sections and TOC
    /// entries whose order a transformation changes).
    pub base: Value,
}

impl Fx {
    pub fn str(&self, ptr: &str) -> String {
        self.exp
            .values
            .get(ptr)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }
    pub fn year(&self) -> u32 {
        self.exp
            .values
            .get("/report/year")
            .and_then(Value::as_u64)
            .unwrap_or(0) as u32
    }
    pub fn entity(&self) -> String {
        self.str("/report/entity/name")
    }
    pub fn title(&self) -> String {
        self.str("/report/title")
    }
    /// The level expected, or (when the fixture's expectation leaves it out) the
    /// level the fixture itself imports as.
    pub fn level(&self) -> String {
        let l = self.str("/report/level");
        if !l.is_empty() {
            return l;
        }
        self.base
            .pointer("/report/level")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }
}

/// The import codes of today's importer: a finding a variant needs ("the year
/// came from the body", "this is not a quality report") has a code of its own.
const OLD_CODES: &[&str] = &[
    "case-title",
    "title",
    "stage",
    "year",
    "duplicate-table",
    "no-header",
    "value",
    "duplicate-row",
    "extra-cells",
    "unmapped-row",
    "approximate-row",
    "unit",
    "docx",
];

fn is_new_code(code: &str) -> bool {
    !OLD_CODES
        .iter()
        .any(|c| code == format!("dabiao::import::{c}"))
}

/// A finding a variant must add, beyond the fixture's own, with a code of its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Need {
    /// An info finding (e.g. "the year came from the body, not the title").
    Info,
    /// A warning or an error (e.g. "this is not a quality report").
    Flag,
}

/// What an import must give: values at pointers, array lengths, finding codes.
#[derive(Clone, Default)]
pub struct Exp {
    pub values: BTreeMap<String, Value>,
    pub counts: BTreeMap<String, u64>,
    pub codes: Vec<String>,
    pub need: Vec<Need>,
    /// Codes that may be added (e.g. the stage of a truncated report).
    pub may: Vec<&'static str>,
    /// Any finding may be added (a look-alike: only its own flag matters).
    pub any_extra: bool,
}

impl Exp {
    fn of(v: &Value) -> Exp {
        let obj = |k: &str| v[k].as_object().cloned().unwrap_or_default();
        Exp {
            values: obj("values").into_iter().collect(),
            counts: obj("counts")
                .into_iter()
                .map(|(k, n)| (k, n.as_u64().unwrap_or(0)))
                .collect(),
            codes: v["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| f["code"].as_str().unwrap_or_default().to_string())
                .collect(),
            need: Vec::new(),
            may: Vec::new(),
            any_extra: false,
        }
    }

    pub fn set(&mut self, ptr: &str, v: Value) {
        self.values.insert(ptr.to_string(), v);
    }

    /// Forgets every value and count under one of `prefixes`.
    pub fn drop_under(&mut self, prefixes: &[&str]) {
        let hit = |p: &str| {
            prefixes
                .iter()
                .any(|x| p == *x || p.starts_with(&format!("{x}/")))
        };
        self.values.retain(|p, _| !hit(p));
        self.counts.retain(|p, _| !hit(p));
    }

    /// Keeps only the values and counts under one of `prefixes`.
    pub fn keep_under(&mut self, prefixes: &[&str]) {
        let hit = |p: &str| {
            prefixes
                .iter()
                .any(|x| p == *x || p.starts_with(&format!("{x}/")))
        };
        self.values.retain(|p, _| hit(p));
        self.counts.retain(|p, _| hit(p));
    }

    /// Rewrites every string value.
    pub fn map_strings(&mut self, f: impl Fn(&str) -> String) {
        for v in self.values.values_mut() {
            if let Value::String(s) = v {
                *s = f(s);
            }
        }
    }

    /// Moves `/array/i/...` to `/array/j/...` for `j = to(i)`; `None` drops it.
    pub fn reindex(&mut self, array: &str, to: impl Fn(usize) -> Option<usize>) {
        let pre = format!("{array}/");
        let move_key = |p: &str| -> Option<Option<String>> {
            let rest = p.strip_prefix(&pre)?;
            let (i, tail) = rest.split_once('/').map_or((rest, ""), |(a, b)| (a, b));
            let i: usize = i.parse().ok()?;
            Some(to(i).map(|j| {
                if tail.is_empty() {
                    format!("{pre}{j}")
                } else {
                    format!("{pre}{j}/{tail}")
                }
            }))
        };
        let values = std::mem::take(&mut self.values);
        for (p, v) in values {
            match move_key(&p) {
                None => {
                    self.values.insert(p, v);
                }
                Some(Some(q)) => {
                    self.values.insert(q, v);
                }
                Some(None) => {}
            }
        }
        let counts = std::mem::take(&mut self.counts);
        for (p, n) in counts {
            match move_key(&p) {
                None => {
                    self.counts.insert(p, n);
                }
                Some(Some(q)) => {
                    self.counts.insert(q, n);
                }
                Some(None) => {}
            }
        }
    }
}

fn import_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/import")
}

/// Every fixture of tests/import that has an expectation, in name order.
pub fn fixtures() -> Vec<Fx> {
    let dir = import_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/import")
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expect.json"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let stem = p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".expect.json", "");
        let Some((file, md)) = [("txt", false), ("md", true)]
            .iter()
            .map(|(e, md)| (dir.join(format!("{stem}.{e}")), *md))
            .find(|(f, _)| f.exists())
        else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let exp = Exp::of(&serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap());
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let base = import(Input::Text(&text, md)).0;
        out.push(Fx {
            name,
            md,
            text,
            exp,
            base,
        });
    }
    out
}

pub enum Input<'a> {
    Text(&'a str, bool),
    Word(&'a [u8]),
}

/// The dataset and the import findings as (code, severity).
pub fn import(input: Input) -> (Value, Vec<(String, Severity)>) {
    let (bytes, format, name): (&[u8], Format, &str) = match input {
        Input::Text(t, false) => (t.as_bytes(), Format::Text, "variant.txt"),
        Input::Text(t, true) => (t.as_bytes(), Format::Markdown, "variant.md"),
        Input::Word(b) => (b, Format::Docx, "variant.docx"),
    };
    let loaded = dabiao::load::load_bytes(bytes, format, name, &Limits::default());
    let value = loaded
        .dataset
        .map_or(Value::Null, |d| d.value.as_ref().clone());
    let findings = loaded
        .findings
        .iter()
        .filter(|f| f.category == Category::Import)
        .map(|f| (f.code.clone(), f.severity))
        .collect();
    (value, findings)
}

/// Strings are compared as readers see them: without whitespace, full-width and
/// half-width alike ("（一） 立德树人" = "(一)立德树人").
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => compact(x) == compact(y),
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            _ => a == b,
        },
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// How the import differs from the expectation, one line per difference.
pub fn differences(exp: &Exp, data: &Value, found: &[(String, Severity)]) -> Vec<String> {
    let mut out = Vec::new();
    if data.is_null() {
        out.push("no dataset at all".to_string());
        return out;
    }
    for (ptr, want) in &exp.values {
        let have = data.pointer(ptr).cloned().unwrap_or(Value::Null);
        let present = data.pointer(ptr).is_some() || want.is_null();
        if !present || !same(&have, want) {
            out.push(format!(
                "{ptr}: expected {}, imported {}",
                short(want),
                short(&have)
            ));
        }
    }
    for (ptr, want) in &exp.counts {
        let n = data
            .pointer(ptr)
            .and_then(Value::as_array)
            .map_or(0, Vec::len) as u64;
        if n != *want {
            out.push(format!("{ptr}: expected {want} items, imported {n}"));
        }
    }
    let mut extra: Vec<(String, Severity)> = found.to_vec();
    for code in &exp.codes {
        match extra.iter().position(|(c, _)| c == code) {
            Some(i) => {
                extra.remove(i);
            }
            None => out.push(format!("finding {code} missing")),
        }
    }
    for need in &exp.need {
        let hit = extra.iter().position(|(c, s)| {
            is_new_code(c)
                && match need {
                    Need::Info => *s == Severity::Info,
                    Need::Flag => matches!(s, Severity::Warning | Severity::Error),
                }
        });
        match hit {
            Some(i) => {
                extra.remove(i);
            }
            None => out.push(format!(
                "expected an added {} finding with a code of its own; import findings: {:?}",
                if *need == Need::Info {
                    "info"
                } else {
                    "warning/error"
                },
                found.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>()
            )),
        }
    }
    for (c, s) in extra {
        if exp.any_extra || exp.may.contains(&c.as_str()) {
            continue;
        }
        out.push(format!("unexpected finding {c} ({})", s.as_str()));
    }
    out
}
