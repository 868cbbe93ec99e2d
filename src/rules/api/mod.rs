//! The native functions Rhai rule scripts call, registered group by group. Each
//! registration carries its signature and Chinese description; the function table in
//! docs/rule-authoring.md is generated from them (`markdown_table`, `splice`).

mod emit;
mod naming;
mod read;
mod report;
mod shapes;
mod text;
mod thresholds;

use std::any::Any;

use rhai::{Array, Dynamic, Engine, FLOAT, RhaiNativeFunc};

/// One registered function as rule authors see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiFn {
    /// `num(p: string) -> float?`: the name it is registered under, its parameters with
    /// their types (`TYPES`), and what it returns; no arrow when it returns nothing.
    pub signature: &'static str,
    /// One line of Chinese for the table.
    pub doc: &'static str,
}

/// The types signatures are written in, as the docs explain them.
pub const TYPES: [&str; 6] = ["string", "int", "float", "number", "bool", "array"];

impl ApiFn {
    /// The name a script calls: the signature up to `(`.
    pub fn name(&self) -> &'static str {
        self.signature.split('(').next().unwrap_or_default().trim()
    }

    /// `(name, type)` of each parameter; a type ending in `?` also accepts `()`.
    pub fn params(&self) -> Vec<(&'static str, &'static str)> {
        let inner = self
            .signature
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map_or("", |(inner, _)| inner);
        inner
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (name, ty) = p.split_once(':').unwrap_or((p, ""));
                (name.trim(), ty.trim())
            })
            .collect()
    }

    /// The return type (`float?`: a float or `()`), or `None` when it returns nothing.
    pub fn returns(&self) -> Option<&'static str> {
        self.signature.split_once("->").map(|(_, r)| r.trim())
    }
}

/// Functions registered together and listed under one heading.
#[derive(Debug, Clone)]
pub struct Group {
    /// The heading in the docs (Chinese).
    pub title: &'static str,
    pub functions: Vec<ApiFn>,
}

/// Registers one group's functions.
type Registration = fn(&mut Api<'_>);

/// The groups in the order of the docs: heading and registration.
const GROUPS: [(&str, Registration); 7] = [
    ("读取数据", read::register),
    ("报告信息", report::register),
    ("文字", text::register),
    ("阈值", thresholds::register),
    ("消息中的名称和数值", naming::register),
    ("形状", shapes::register),
    ("报告问题", emit::register),
];

/// Registers native functions on an engine together with their documentation. The
/// groups reach the engine only through `add`, so no function goes undocumented.
struct Api<'e> {
    engine: &'e mut Engine,
    documented: Vec<ApiFn>,
}

impl Api<'_> {
    /// Registers `f` under the name its signature starts with, and keeps the doc.
    /// (`R`'s bounds are those of Rhai's `Variant`, which is not public.)
    fn add<
        A: 'static,
        const N: usize,
        const X: bool,
        R: Any + Clone + Send + Sync,
        const F: bool,
    >(
        &mut self,
        signature: &'static str,
        doc: &'static str,
        f: impl RhaiNativeFunc<A, N, X, R, F> + Send + Sync + 'static,
    ) {
        let api = ApiFn { signature, doc };
        self.engine.register_fn(api.name(), f);
        self.documented.push(api);
    }
}

/// Registers every group on the rule engine.
pub fn register(engine: &mut Engine) {
    for (_, group) in GROUPS {
        group(&mut Api {
            engine: &mut *engine,
            documented: Vec::new(),
        });
    }
}

/// The groups with their functions, as registered.
pub fn groups() -> Vec<Group> {
    let mut engine = Engine::new_raw();
    GROUPS
        .iter()
        .map(|&(title, group)| {
            let mut api = Api {
                engine: &mut engine,
                documented: Vec::new(),
            };
            group(&mut api);
            Group {
                title,
                functions: api.documented,
            }
        })
        .collect()
}

/// Every registered function, group by group.
pub fn functions() -> Vec<ApiFn> {
    groups().into_iter().flat_map(|g| g.functions).collect()
}

/// The function reference for docs/rule-authoring.md: a legend, then one table per group.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "签名中的类型：`string` 文本，`int` 整数，`float` 小数，`number` 整数或小数，\
         `bool` 布尔值，`array` 数组；带 `?` 的也可以是 `()`（未填写、不存在或不设）。\
         没有 `->` 的函数不返回值。\n",
    );
    for group in groups() {
        out.push_str(&format!(
            "\n**{}**\n\n| 函数 | 说明 |\n|---|---|\n",
            group.title
        ));
        for f in &group.functions {
            out.push_str(&format!("| `{}` | {} |\n", f.signature, f.doc));
        }
    }
    out
}

/// Where the generated reference sits in docs/rule-authoring.md.
pub const START: &str = "<!-- api:start (generated from src/rules/api; regenerate: UPDATE_DOCS=1 cargo test --test rule_api) -->";
pub const END: &str = "<!-- api:end -->";

/// `doc` with the text between the markers replaced by `markdown_table()`; `None`
/// when the markers are missing.
pub fn splice(doc: &str) -> Option<String> {
    let start = doc.find(START)? + START.len();
    let end = start + doc[start..].find(END)?;
    Some(format!(
        "{}\n\n{}\n{}",
        &doc[..start],
        markdown_table(),
        &doc[end..]
    ))
}

/// A Rhai number as a float (`()` and other types: `None`).
fn float(d: &Dynamic) -> Option<f64> {
    d.as_float()
        .ok()
        .or_else(|| d.as_int().ok().map(|i| i as f64))
}

/// A float, or `()` for none.
fn opt_float(v: Option<f64>) -> Dynamic {
    v.map_or(Dynamic::UNIT, |n| Dynamic::from_float(n as FLOAT))
}

/// A Rhai array as strings (pointers).
fn strings(a: &Array) -> Vec<String> {
    a.iter().map(|d| d.to_string()).collect()
}
