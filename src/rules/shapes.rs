//! The common shapes of a rule, checked in Rust: a part at most its total, parts
//! adding up, a ratio recomputed from its counts, a range, a threshold, a
//! year-over-year change, rows filled. Rhai scripts call them as functions; rule
//! headers can also declare them as data (`[[check]]`), which skips the script.

use serde_json::Value;

use super::bounds::Collected;
use super::context::{ReportContext, previous_year, stage_year};
use super::declared::{DeclaredCheck, YearScope};
use super::meta::RuleMeta;
use crate::base::json::{member, slash_parts};
use crate::base::number::fmt_num;
use crate::base::vocab::{TABLES, stage_name};
use crate::finding::{Finding, Severity};

/// Runs shapes for one rule on one report, collecting findings (bounded).
pub struct Shapes<'a> {
    pub ctx: &'a ReportContext,
    pub rule: &'a RuleMeta,
    pub out: &'a mut Collected,
}

impl Shapes<'_> {
    pub fn emit(&mut self, severity: Severity, pointer: &str, message: String) {
        self.out.push(
            Finding::new(&self.rule.id, severity, self.rule.category, message)
                .at_pointer(pointer)
                .with_label(self.rule.title.clone())
                .with_help(format!("{}（依据：{}）", self.rule.help, self.rule.source)),
        );
    }

    fn fail(&mut self, pointer: &str, message: String) {
        self.emit(self.rule.severity, pointer, message);
    }

    /// Short Chinese name of a value: `升学人数`, `教学计划内课程总数（学时）`.
    pub fn name(&self, pointer: &str) -> String {
        let path = self.ctx.index.path(pointer);
        let strip = |t: &str| t.trim_start_matches("其中：").to_string();
        let n = path.len();
        if n == 0 {
            return pointer.to_string();
        }
        let leaf = strip(path[n - 1].1.title().unwrap_or(&path[n - 1].0));
        if n >= 2
            && path[n - 2].1.is_row_object()
            && path[n - 2].1.kind().is_none()
            && !is_table(&path[n - 2].0)
        {
            let row = strip(path[n - 2].1.title().unwrap_or(&path[n - 2].0));
            if leaf == "总数" || leaf == "满意度" || leaf == "编写教材数" {
                return row;
            }
            return format!("{row}（{leaf}）");
        }
        leaf
    }

    /// `7800 人`, `88.01%`, `9.6:1`.
    pub fn amount(&self, pointer: &str, n: f64) -> String {
        let unit = self
            .ctx
            .index
            .at(pointer)
            .and_then(|x| x.unit())
            .unwrap_or("");
        match unit {
            "%" => format!("{}%", fmt_num(n)),
            ":1" => format!("{}:1", fmt_num(n)),
            "" => fmt_num(n),
            u => format!("{} {u}", fmt_num(n)),
        }
    }

    /// "中职 2024 年：" for pointers under /data; "" elsewhere.
    pub fn prefix(&self, pointer: &str) -> String {
        match stage_year(pointer) {
            Some((stage, year)) => format!("{} {year} 年：", stage_name(stage)),
            None => String::new(),
        }
    }

    pub fn at_most(&mut self, part: &str, total: &str) {
        let (Some(a), Some(b)) = (self.ctx.num(part), self.ctx.num(total)) else {
            return;
        };
        if a > b + 1e-9 {
            let msg = format!(
                "{}「{}」{}超过了「{}」{}",
                self.prefix(part),
                self.name(part),
                self.amount(part, a),
                self.name(total),
                self.amount(total, b)
            );
            self.fail(part, msg);
        }
    }

    fn sum(&self, parts: &[String]) -> Option<f64> {
        let mut s = 0.0;
        for p in parts {
            s += self.ctx.num(p)?;
        }
        Some(s)
    }

    fn names(&self, parts: &[String]) -> String {
        parts
            .iter()
            .map(|p| format!("「{}」", self.name(p)))
            .collect::<Vec<_>>()
            .join("、")
    }

    pub fn sum_equals(&mut self, parts: &[String], total: &str, tolerance: f64) {
        let (Some(s), Some(t)) = (self.sum(parts), self.ctx.num(total)) else {
            return;
        };
        if (s - t).abs() > tolerance + 1e-9 {
            let msg = format!(
                "{}{}之和为 {}，与「{}」{}不一致（相差 {}）",
                self.prefix(total),
                self.names(parts),
                fmt_num(s),
                self.name(total),
                self.amount(total, t),
                fmt_num((s - t).abs())
            );
            self.fail(total, msg);
        }
    }

    pub fn sum_at_most(&mut self, parts: &[String], total: &str, tolerance: f64) {
        let (Some(s), Some(t)) = (self.sum(parts), self.ctx.num(total)) else {
            return;
        };
        if s > t + tolerance + 1e-9 {
            let msg = format!(
                "{}{}之和为 {}，超过了「{}」{}",
                self.prefix(total),
                self.names(parts),
                fmt_num(s),
                self.name(total),
                self.amount(total, t)
            );
            self.fail(total, msg);
        }
    }

    /// `value ≈ numerator / denominator × scale` within a relative tolerance.
    pub fn ratio(
        &mut self,
        value: &str,
        numerator: &str,
        denominator: &str,
        scale: f64,
        tolerance: f64,
    ) {
        let (Some(v), Some(n), Some(d)) = (
            self.ctx.num(value),
            self.ctx.num(numerator),
            self.ctx.num(denominator),
        ) else {
            return;
        };
        if d <= 0.0 {
            return;
        }
        let expected = n / d * scale;
        let diff = (v - expected).abs();
        if diff > tolerance * expected.abs().max(1e-9) && diff > 0.005 {
            let msg = format!(
                "{}「{}」为 {}，按「{}」{} ÷「{}」{} 计算应约为 {}",
                self.prefix(value),
                self.name(value),
                self.amount(value, v),
                self.name(numerator),
                self.amount(numerator, n),
                self.name(denominator),
                self.amount(denominator, d),
                self.amount(value, expected)
            );
            self.fail(value, msg);
        }
    }

    pub fn in_range(&mut self, value: &str, min: Option<f64>, max: Option<f64>) {
        let Some(v) = self.ctx.num(value) else { return };
        let low = min.is_some_and(|m| v < m);
        let high = max.is_some_and(|m| v > m);
        if low || high {
            let bounds = match (min, max) {
                (Some(a), Some(b)) => format!("{}–{}", fmt_num(a), fmt_num(b)),
                (Some(a), None) => format!("不低于 {}", fmt_num(a)),
                (None, Some(b)) => format!("不高于 {}", fmt_num(b)),
                (None, None) => String::new(),
            };
            let msg = format!(
                "{}「{}」为 {}，超出合理范围（{bounds}）",
                self.prefix(value),
                self.name(value),
                self.amount(value, v)
            );
            self.fail(value, msg);
        }
    }

    /// A value that must reach a threshold (`at_least`) or stay under it; a value
    /// that passes within the near-miss margin gets a note.
    pub fn threshold(
        &mut self,
        value: &str,
        v: f64,
        key: &str,
        category: Option<&str>,
        at_least: bool,
    ) {
        let name = self.name(value);
        self.threshold_named(value, &name, v, key, category, at_least);
    }

    /// As `threshold`, for a value derived from others (per student, an average …),
    /// named by `name` and reported at `value`.
    pub fn threshold_named(
        &mut self,
        value: &str,
        name: &str,
        v: f64,
        key: &str,
        category: Option<&str>,
        at_least: bool,
    ) {
        let Some(limit) = self.ctx.threshold(key, category) else {
            return;
        };
        let Some(t) = self.ctx.thresholds.get(key) else {
            return;
        };
        let margin = self
            .ctx
            .threshold("tolerance.near_miss", None)
            .unwrap_or(0.05);
        let unit = t.unit.clone();
        let shown = |n: f64| match unit.as_str() {
            "%" => format!("{}%", fmt_num(n)),
            ":1" => format!("{}:1", fmt_num(n)),
            "" => fmt_num(n),
            u => format!("{} {u}", fmt_num(n)),
        };
        let fails = if at_least { v < limit } else { v > limit };
        let near = !fails && (v - limit).abs() <= margin * limit.abs();
        let which = if at_least { "低于" } else { "高于" };
        if fails {
            let msg = format!(
                "{}「{name}」为 {}，{which}{} {}",
                self.prefix(value),
                shown(v),
                t.title,
                shown(limit),
            );
            self.fail(value, msg);
        } else if near {
            let msg = format!(
                "{}「{name}」为 {}，刚好达到{} {}，余量不足 {}%",
                self.prefix(value),
                shown(v),
                t.title,
                shown(limit),
                fmt_num(margin * 100.0)
            );
            self.emit(Severity::Info, value, msg);
        }
    }

    pub fn threshold_at(&mut self, value: &str, key: &str, at_least: bool) {
        if let Some(v) = self.ctx.num(value) {
            self.threshold(value, v, key, None, at_least);
        }
    }

    /// A change from the year before larger than the threshold (relative, in %).
    pub fn yoy(&mut self, value: &str, key: &str) {
        let Some(prev) = previous_year(value) else {
            return;
        };
        let (Some(cur), Some(before)) = (self.ctx.num(value), self.ctx.num(&prev)) else {
            return;
        };
        let Some(limit) = self.ctx.threshold(key, None) else {
            return;
        };
        if before.abs() < 1e-9 {
            return;
        }
        let change = (cur - before) / before * 100.0;
        if change.abs() > limit {
            let dir = if change > 0.0 { "增长" } else { "下降" };
            let msg = format!(
                "{}「{}」从上一年的 {} 变为 {}，{dir} {}%，超过 {}% 的合理波动",
                self.prefix(value),
                self.name(value),
                self.amount(value, before),
                self.amount(value, cur),
                fmt_num(change.abs()),
                fmt_num(limit)
            );
            self.fail(value, msg);
        }
    }

    /// Every row of a table filled (a number or "-"); blanks are findings.
    pub fn filled(&mut self, table: &str) {
        let Some(node) = self.ctx.index.at(table) else {
            return;
        };
        let Some(props) = node.properties() else {
            return;
        };
        let value = self.ctx.get(table);
        let stage = stage_year(table).map(|(s, _)| s);
        let mut blanks = Vec::new();
        for (key, site) in props {
            let row = value.and_then(|v| member(v, key));
            let blank = match row {
                None | Some(Value::Null) => true,
                Some(Value::Object(m)) => m.values().all(Value::is_null),
                _ => false,
            };
            if !blank {
                continue;
            }
            // Rows the template of this stage does not have (e.g. 辅导员 for 中职).
            let stages = site.get("x-stages").and_then(Value::as_array);
            if let (Some(stages), Some(stage)) = (stages, stage)
                && !stages.iter().any(|s| s.as_str() == Some(stage))
            {
                continue;
            }
            blanks.push(format!("{table}/{key}"));
        }
        for p in blanks {
            let msg = format!("{}「{}」未填写", self.prefix(&p), self.name(&p));
            self.fail(&p, msg);
        }
    }

    /// Runs a declared check on every year node in scope.
    pub fn declared(&mut self, check: &DeclaredCheck) {
        for node in self.ctx.year_nodes() {
            if !self.rule.applies.stage_ok(&node.stage) || !self.ctx.stages.contains(&node.stage) {
                continue;
            }
            if check.years == YearScope::Report && Some(node.year) != self.ctx.year {
                continue;
            }
            let Some(year) = self.ctx.get(&node.pointer) else {
                continue;
            };
            // Each shape is first judged on numbers read relative to the year node
            // (no pointer strings); only a value that may be reported takes the slow
            // path, which builds pointers and messages.
            self.declared_sums(check, year, &node.pointer);
            self.declared_values(check, year, &node.pointer);
            self.declared_filled(check, year, &node.pointer);
        }
    }

    /// The check's comparisons of a part or a sum of parts with a total, on the year
    /// node `year` at pointer `b`.
    fn declared_sums(&mut self, check: &DeclaredCheck, year: &Value, b: &str) {
        let n = |rel: &str| number_at(year, rel);
        if let Some([part, total]) = &check.at_most
            && let (Some(a), Some(t)) = (n(part), n(total))
            && a > t + 1e-9
        {
            self.at_most(&under(b, part), &under(b, total));
        }
        if let Some(sp) = &check.sum_equals
            && let (Some(x), Some(t)) = (sum_at(year, &sp.parts), n(&sp.total))
            && (x - t).abs() > sp.tolerance + 1e-9
        {
            let parts: Vec<String> = sp.parts.iter().map(|p| under(b, p)).collect();
            self.sum_equals(&parts, &under(b, &sp.total), sp.tolerance);
        }
        if let Some(sp) = &check.sum_at_most
            && let (Some(x), Some(t)) = (sum_at(year, &sp.parts), n(&sp.total))
            && x > t + sp.tolerance + 1e-9
        {
            let parts: Vec<String> = sp.parts.iter().map(|p| under(b, p)).collect();
            self.sum_at_most(&parts, &under(b, &sp.total), sp.tolerance);
        }
    }

    /// The check's judgements of single values: a ratio, a range, a threshold, a
    /// change from the year before; on the year node `year` at pointer `b`.
    fn declared_values(&mut self, check: &DeclaredCheck, year: &Value, b: &str) {
        let n = |rel: &str| number_at(year, rel);
        if let Some(r) = &check.ratio
            && n(&r.value).is_some()
            && n(&r.numerator).is_some()
            && n(&r.denominator).is_some()
        {
            let tol = self.ctx.threshold(&r.tolerance, None).unwrap_or(0.05);
            self.ratio(
                &under(b, &r.value),
                &under(b, &r.numerator),
                &under(b, &r.denominator),
                r.scale,
                tol,
            );
        }
        if let Some(r) = &check.range
            && let Some(v) = n(&r.value)
            && (r.min.is_some_and(|m| v < m) || r.max.is_some_and(|m| v > m))
        {
            self.in_range(&under(b, &r.value), r.min, r.max);
        }
        if let Some(t) = &check.min_threshold
            && n(&t.value).is_some()
        {
            self.threshold_at(&under(b, &t.value), &t.key, true);
        }
        if let Some(t) = &check.max_threshold
            && n(&t.value).is_some()
        {
            self.threshold_at(&under(b, &t.value), &t.key, false);
        }
        if let Some(t) = &check.yoy
            && n(&t.value).is_some()
        {
            self.yoy(&under(b, &t.value), &t.key);
        }
    }

    /// The check's tables that must be filled, among those the year node `year` (at
    /// pointer `b`) has.
    fn declared_filled(&mut self, check: &DeclaredCheck, year: &Value, b: &str) {
        if let Some(f) = &check.filled {
            for table in &f.tables {
                if year.get(table.as_str()).is_some_and(Value::is_object) {
                    self.filled(&under(b, table));
                }
            }
        }
    }
}

/// The pointer of `rel` (`table/row`) under the year node at `base`.
fn under(base: &str, rel: &str) -> String {
    format!("{base}/{rel}")
}

/// The sum of the numbers at paths relative to `base`; none if any is missing.
fn sum_at(base: &Value, parts: &[String]) -> Option<f64> {
    parts
        .iter()
        .map(|p| number_at(base, p))
        .sum::<Option<f64>>()
}

/// A number at a path relative to `base` (`table/row` or `table/row/field`).
fn number_at(base: &Value, rel: &str) -> Option<f64> {
    let mut v = base;
    for seg in slash_parts(rel) {
        v = member(v, seg)?;
    }
    v.as_f64()
}

fn is_table(key: &str) -> bool {
    TABLES.iter().any(|t| t.key == key)
}
