//! The rule pack: rule files (embedded or from `--rules DIR`), thresholds and grading,
//! loaded and compiled once; then run on each report.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::Value;

use super::bounds::{self, Collected};
use super::context::ReportContext;
use super::engine::{self, SandboxLimits};
use super::meta::{RuleMeta, has_code, split_header};
use super::thresholds::Thresholds;
use crate::base::hash::Fnv;
use crate::base::limits::MAX_RULE_STRIKES;
use crate::base::source::{SourceFile, Span};
use crate::finding::Finding;
use crate::schema::SchemaIndex;

pub use super::pack_source::{PackError, PackFile, PackProblem, PackSource};

pub struct Rule {
    pub meta: Arc<RuleMeta>,
    pub path: String,
    /// The whole file, for `rules explain`.
    pub text: String,
    /// `None` when the rule is declared as data only.
    pub ast: Option<rhai::AST>,
    /// Reports on which this run stopped the rule at a time, operation or memory
    /// limit; at [`MAX_RULE_STRIKES`] it is not run again.
    strikes: AtomicUsize,
}

pub struct RulePack {
    pub rules: Vec<Rule>,
    pub grading: super::grading::GradingConfig,
    pub problems: Vec<PackProblem>,
    pub thresholds: Arc<Thresholds>,
    pub digest: String,
    pub thresholds_digest: String,
    /// `embedded` or the directory the pack was read from.
    pub origin: String,
    engine: rhai::Engine,
    limits: SandboxLimits,
}

impl RulePack {
    /// Loads and compiles a pack. Only a broken thresholds file is fatal; a broken
    /// rule becomes a problem (shown once) and an `engine` finding on each report.
    pub fn load(
        source: &PackSource,
        overrides: &[String],
        limits: SandboxLimits,
    ) -> Result<Self, PackError> {
        let thresholds_text = source
            .file("thresholds.toml")
            .map(|f| f.text.as_str())
            .unwrap_or("");
        let mut thresholds =
            Thresholds::parse(thresholds_text).map_err(|e| PackError::Thresholds {
                origin: source.origin.clone(),
                error: e,
            })?;
        for o in overrides {
            thresholds.set(o)?;
        }
        let mut h = Fnv::new();
        h.write(thresholds_text.as_bytes());
        for o in overrides {
            h.write(o.as_bytes());
        }
        let grading_text = source
            .file("grading.toml")
            .map(|f| f.text.as_str())
            .ok_or_else(|| PackError::NoGrading {
                origin: source.origin.clone(),
            })?;
        let grading =
            super::grading::GradingConfig::parse(grading_text).map_err(|e| PackError::Grading {
                origin: source.origin.clone(),
                error: e,
            })?;
        let engine = engine::build_engine(limits);
        // Compiling the scripts is most of a single report's time from process start:
        // on all cores, in file order (the engine is shared, read-only).
        let compiled: Vec<_> = source
            .files
            .par_iter()
            .filter(|f| f.path.ends_with(".rhai"))
            .map(|f| compile(&engine, f, &source.origin, &thresholds))
            .collect();
        let mut rules = Vec::new();
        let mut problems = Vec::new();
        for c in compiled {
            match c {
                Ok(rule) => rules.push(rule),
                Err(p) => problems.push(*p),
            }
        }
        rules.sort_by(|a, b| {
            let key = |r: &Rule| r.meta.id.to_ascii_uppercase();
            key(a).cmp(&key(b)).then_with(|| a.path.cmp(&b.path))
        });
        check_unique_ids(&rules)?;
        Ok(RulePack {
            rules,
            grading,
            problems,
            thresholds: Arc::new(thresholds),
            digest: source.digest(),
            origin: source.origin.clone(),
            thresholds_digest: h.hex(),
            engine,
            limits,
        })
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.meta.id.eq_ignore_ascii_case(id))
    }

    pub fn context(&self, value: Arc<Value>, index: Arc<SchemaIndex>) -> Arc<ReportContext> {
        Arc::new(ReportContext::new(
            value,
            Arc::clone(&self.thresholds),
            index,
        ))
    }

    /// One rule on one report (nothing when it does not apply), at most
    /// [`MAX_FINDINGS_PER_RULE`](crate::base::limits::MAX_FINDINGS_PER_RULE) findings.
    /// A rule that fails (an error, a limit) reports nothing but its failure: what it
    /// emitted before is discarded.
    pub fn run_rule(&self, rule: &Rule, ctx: &Arc<ReportContext>, out: &mut Vec<Finding>) {
        if !applies(&rule.meta, ctx) {
            return;
        }
        if rule.strikes.load(Ordering::Relaxed) >= MAX_RULE_STRIKES {
            out.push(benched(rule));
            return;
        }
        let mut found = Collected::default();
        engine::run_declared(ctx, &rule.meta, &mut found);
        if let Some(ast) = &rule.ast {
            let allowance = self.limits.allowance();
            let (kept, error) = engine::eval(&self.engine, ast, ctx, &rule.meta, allowance, found);
            if let Some(e) = error {
                if engine::is_limit(&e) {
                    rule.strikes.fetch_add(1, Ordering::Relaxed);
                }
                out.push(engine_finding(rule, &e));
                return;
            }
            found = kept;
        }
        out.extend(found.finish(&rule.meta.id));
    }

    /// All rule findings for one report.
    /// `spread`: the rules run on all of rayon's threads, in parallel (a report
    /// checked alone; in a batch every thread is busy with a report of its own). The
    /// findings come out in the same order either way.
    pub fn run(&self, value: Arc<Value>, index: Arc<SchemaIndex>, spread: bool) -> Vec<Finding> {
        let ctx = self.context(value, index);
        let mut out = Vec::new();
        if spread {
            let per_rule: Vec<Vec<Finding>> = self
                .rules
                .par_iter()
                .map(|rule| {
                    let mut found = Vec::new();
                    self.run_rule(rule, &ctx, &mut found);
                    found
                })
                .collect();
            out.extend(per_rule.into_iter().flatten());
        } else {
            for rule in &self.rules {
                self.run_rule(rule, &ctx, &mut out);
            }
        }
        for p in &self.problems {
            let id = p
                .rule_id
                .clone()
                .unwrap_or_else(|| p.file.name().to_string());
            out.push(
                Finding::of(&super::codes::BROKEN_RULE, format!("规则 {id} 无法加载，未对本报告执行：{}", p.message),
                )
                .with_help("这是规则包的问题，不是报告的问题；请告知规则维护者（dabiao rules test 会指出具体位置）"),
            );
        }
        bounds::bound_report(&mut out);
        out
    }
}

fn applies(meta: &RuleMeta, ctx: &ReportContext) -> bool {
    let a = &meta.applies;
    if !a.levels.is_empty() && !ctx.level.as_ref().is_some_and(|l| a.levels.contains(l)) {
        return false;
    }
    if !a.stages.is_empty() && !ctx.stages.iter().any(|s| a.stages.contains(s)) {
        return false;
    }
    if let Some(from) = a.from_year
        && ctx.year.is_none_or(|y| y < from)
    {
        return false;
    }
    if let Some(to) = a.to_year
        && ctx.year.is_none_or(|y| y > to)
    {
        return false;
    }
    if !a.provinces.is_empty()
        && !ctx
            .province
            .as_ref()
            .is_some_and(|p| a.provinces.contains(p))
    {
        return false;
    }
    true
}

/// The one finding of a rule that failed: where and why, in Chinese. It names the
/// rule, which the grade counts as the worst it could have found.
fn engine_finding(rule: &Rule, e: &rhai::EvalAltResult) -> Finding {
    let (text, pos) = engine::describe_error(e);
    let at = match pos.line() {
        Some(l) => format!("（{}:{}）", rule.path, l),
        None => String::new(),
    };
    // The reason may quote the script (a thrown string): cut it, not the ending.
    let mut text = text;
    bounds::cut_message(&mut text);
    let mut message = format!(
        "规则 {} 执行失败{at}：{text}；本报告未完成这项检查",
        rule.meta.id
    );
    bounds::cut_message(&mut message);
    Finding::of(&super::codes::RULE_ERROR, message)
        .with_help(
            "这是规则的问题，不是报告的问题；请告知规则维护者。\
             在修好之前，这条规则按它可能给出的最重结果计入等级",
        )
        .failing(&rule.meta.id)
}

/// The finding of a rule no longer run: it reached a limit on too many reports.
fn benched(rule: &Rule) -> Finding {
    Finding::of(
        &super::codes::RULE_ERROR,
        format!(
            "规则 {} 在本次运行中已有 {MAX_RULE_STRIKES} 份报告超过运行上限，不再执行；本报告未完成这项检查",
            rule.meta.id
        ),
    )
    .with_help(
        "这是规则的问题，不是报告的问题；请告知规则维护者。\
         在修好之前，这条规则按它可能给出的最重结果计入等级",
    )
    .failing(&rule.meta.id)
}

/// One rule file compiled: its header read and checked, its script compiled. Any
/// problem disables the rule and is reported at its place in the file.
fn compile(
    engine: &rhai::Engine,
    f: &PackFile,
    origin: &str,
    thresholds: &Thresholds,
) -> Result<Rule, Box<PackProblem>> {
    let shown = shown_path(&f.path, origin);
    let file = SourceFile::new(shown.clone(), f.text.clone());
    let (header, body) = split_header(&f.text);
    let mut meta = read_meta(&file, &header)?;
    fill_thresholds(&file, &mut meta, thresholds)?;
    check_meta(&file, &f.path, &meta)?;
    let ast = if has_code(&body) {
        let mut ast = compile_script(engine, &file, &body, &meta.id)?;
        ast.set_source(shown.clone());
        Some(ast)
    } else {
        None
    };
    if ast.is_none() && meta.checks.is_empty() {
        return Err(problem(
            &file,
            Span::new(0, 0),
            format!("规则 {} 既没有脚本也没有声明式检查", meta.id),
            "在文件头写 [[check]]，或在文件头之后写 Rhai 脚本",
            Some(meta.id.clone()),
        ));
    }
    Ok(Rule {
        meta: Arc::new(meta),
        path: shown,
        text: f.text.clone(),
        ast,
        strikes: AtomicUsize::new(0),
    })
}

/// A rule file's path as the user can open it: rules/… for the embedded pack, else
/// under the directory given.
fn shown_path(path: &str, origin: &str) -> String {
    if origin == "embedded" {
        format!("rules/{path}")
    } else {
        format!("{}/{}", origin.trim_end_matches('/'), path)
    }
}

/// A problem with a rule file, at `span`; `id` is the rule it disables, if known.
fn problem(
    file: &SourceFile,
    span: Span,
    message: String,
    help: &str,
    id: Option<String>,
) -> Box<PackProblem> {
    Box::new(PackProblem {
        file: file.clone(),
        span,
        message,
        help: help.to_string(),
        rule_id: id,
    })
}

/// The rule's header (the TOML in its `//! ` lines), or a problem on the line where
/// it fails to parse.
fn read_meta(file: &SourceFile, header: &str) -> Result<RuleMeta, Box<PackProblem>> {
    toml::from_str(header).map_err(|e| {
        // The header's lines are the file's first lines, each with a `//! ` prefix.
        let line = e
            .span()
            .map_or(0, |s| header[..s.start].matches('\n').count());
        let start = file.line_start(line).unwrap_or(0);
        let end = file
            .line_start(line + 1)
            .unwrap_or(file.text().len())
            .saturating_sub(1);
        problem(
            file,
            Span::new(start, end.max(start)),
            format!("规则文件头（//! 开头的 TOML）有误：{}", e.message()),
            "文件头必须有 id、title、category、severity、source、help；见 docs/rule-authoring.md",
            None,
        )
    })
}

/// The header's title, source and help with each `{threshold.key}` replaced by the
/// value in force (after `--set` and `dabiao.toml`), so what the user reads names the
/// number the rule checks. An unknown key disables the rule, shown at its line.
fn fill_thresholds(
    file: &SourceFile,
    meta: &mut RuleMeta,
    thresholds: &Thresholds,
) -> Result<(), Box<PackProblem>> {
    for (field, text) in [
        ("title", &mut meta.title),
        ("source", &mut meta.source),
        ("help", &mut meta.help),
    ] {
        match thresholds.fill(text) {
            Ok(filled) => *text = filled,
            Err(key) => {
                return Err(problem(
                    file,
                    header_line(file, field),
                    format!(
                        "规则文件头 {field} 中的 {{{key}}} 不是阈值表中的键{}",
                        thresholds
                            .nearest(&key)
                            .map(|n| format!("；是否指 {{{n}}}？"))
                            .unwrap_or_default()
                    ),
                    "花括号中写 thresholds.toml 中的键（如 {secondary.students_min}），或按类别写 {键.类别}",
                    Some(meta.id.clone()),
                ));
            }
        }
    }
    Ok(())
}

/// The header agrees with the file's place in the pack, and its declared checks are
/// valid.
fn check_meta(file: &SourceFile, path: &str, meta: &RuleMeta) -> Result<(), Box<PackProblem>> {
    if let Some((key, message, help)) = misplaced(path, meta) {
        return Err(problem(
            file,
            header_line(file, key),
            message,
            &help,
            Some(meta.id.clone()),
        ));
    }
    for check in &meta.checks {
        check.validate().map_err(|m| {
            problem(
                file,
                Span::new(0, 0),
                m.to_string(),
                "见 docs/rule-authoring.md 的“声明式检查”一节",
                Some(meta.id.clone()),
            )
        })?;
    }
    Ok(())
}

/// The rule's script compiled, or a problem at the syntax error (Rhai counts lines
/// and columns from 1).
fn compile_script(
    engine: &rhai::Engine,
    file: &SourceFile,
    body: &str,
    id: &str,
) -> Result<rhai::AST, Box<PackProblem>> {
    engine.compile(body).map_err(|e| {
        let pos = e.position();
        let offset = match (pos.line(), pos.position()) {
            (Some(l), Some(c)) => file.offset_of_char_col(l - 1, c.saturating_sub(1)),
            (Some(l), None) => file.line_start(l - 1).unwrap_or(0),
            _ => 0,
        };
        problem(
            file,
            file.clamp(Span::new(offset, offset + 1)),
            format!("规则脚本语法错误：{}", e.err_type()),
            "修正脚本语法；Rhai 的语法见 https://rhai.rs/book/",
            Some(id.to_string()),
        )
    })
}

/// A rule's place in the pack must agree with its header: its folder is its
/// category (`rules/narrative/`), its file name starts with its id (`NAR-001-….rhai`).
/// Returns the header key at fault, the message and the help.
fn misplaced(path: &str, meta: &RuleMeta) -> Option<(&'static str, String, String)> {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let folder = folder.rsplit('/').next().unwrap_or(folder);
    let category = meta.category.as_str();
    if folder != category {
        return Some((
            "category",
            format!(
                "规则 {} 的类别是 {category}，却放在 {folder}/ 目录中",
                meta.id
            ),
            format!("把文件移到 {category}/ 目录，或改正文件头的 category"),
        ));
    }
    let stem = name.strip_suffix(".rhai").unwrap_or(name);
    if stem != meta.id && !stem.starts_with(&format!("{}-", meta.id)) {
        return Some((
            "id",
            format!("文件名 {name} 与规则编号 {} 不符", meta.id),
            format!("文件名应以规则编号开头，例如 {}-简短说明.rhai", meta.id),
        ));
    }
    None
}

/// The span of the header line `//! key = …`, or the file's start.
fn header_line(file: &SourceFile, key: &str) -> Span {
    let text = file.text();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start().trim_start_matches("//!").trim_start();
        if body.starts_with(key) && body[key.len()..].trim_start().starts_with('=') {
            return Span::new(start, start + line.trim_end().len());
        }
        start += line.len();
    }
    Span::new(0, 0)
}

/// Two rules with one id would both run and both count, and every finding and waiver
/// naming the id would be ambiguous: the pack is refused, each clash shown at the
/// `id` line of both files.
fn check_unique_ids(rules: &[Rule]) -> Result<(), PackError> {
    let mut places = Vec::new();
    let mut ids = Vec::new();
    for pair in rules.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if !a.meta.id.eq_ignore_ascii_case(&b.meta.id) {
            continue;
        }
        if ids.last() != Some(&a.meta.id) {
            ids.push(a.meta.id.clone());
            places.push(id_place(a, format!("规则编号 {} 在此定义", a.meta.id)));
        }
        places.push(id_place(
            b,
            format!("规则编号 {} 又在此定义（与 {} 重复）", b.meta.id, a.path),
        ));
    }
    if ids.is_empty() {
        return Ok(());
    }
    let files = places
        .iter()
        .map(|p| p.file.name().to_string())
        .collect::<Vec<_>>()
        .join("、");
    Err(PackError::DuplicateIds {
        ids: ids.join("、"),
        files,
        places,
    })
}

/// The `id = …` line of a rule's header, as a problem with `message`.
fn id_place(rule: &Rule, message: String) -> PackProblem {
    let file = SourceFile::new(rule.path.clone(), rule.text.clone());
    PackProblem {
        span: header_line(&file, "id"),
        file,
        message,
        help: "每条规则的 id 必须唯一：改掉其中一个的 id（和文件名），或删掉多余的文件".to_string(),
        rule_id: Some(rule.meta.id.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str, category: &str) -> RuleMeta {
        let header = format!(
            "id = \"{id}\"\ntitle = \"t\"\ncategory = \"{category}\"\nseverity = \"error\"\nsource = \"s\"\nhelp = \"h\"\n"
        );
        toml::from_str(&header).unwrap()
    }

    #[test]
    fn a_rule_lives_in_its_category_folder_under_its_id() {
        let m = meta("NAR-001", "narrative");
        assert!(misplaced("narrative/NAR-001-parts.rhai", &m).is_none());
        assert!(misplaced("narrative/NAR-001.rhai", &m).is_none());
        let (key, message, _) = misplaced("consistency/NAR-001-parts.rhai", &m).unwrap();
        assert_eq!(key, "category");
        assert!(message.contains("consistency/"), "{message}");
        let (key, _, _) = misplaced("narrative/NAR-0011-parts.rhai", &m).unwrap();
        assert_eq!(key, "id");
        assert!(misplaced("narrative/NAR-002-parts.rhai", &m).is_some());
    }

    #[test]
    fn only_rule_categories_are_accepted() {
        let header = "id = \"X-1\"\ntitle = \"t\"\ncategory = \"schema\"\nseverity = \"error\"\nsource = \"s\"\nhelp = \"h\"\n";
        let e = toml::from_str::<RuleMeta>(header).unwrap_err();
        assert!(e.message().contains("narrative"), "{}", e.message());
    }
}
