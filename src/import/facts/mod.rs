//! Narrative facts: the figures a report states in prose, each with the indicator it
//! speaks of, its unit, year, stage, scope and any change stated with it, plus the
//! structures that tie figures together. They go into the dataset as `facts[]`
//! (with spans), so that rules can check them against each other and the tables.

mod clause;
pub mod fact;
pub mod lexicon;
pub mod numbers;
mod periods;
pub mod sentence;
mod split;
mod structures;
mod subject;
mod tables;

use serde_json::{Map, Value, json};

use super::builder::Builder;
use crate::base::normalize::compact;
use crate::base::source::Span;
use fact::{Compare, Fact, Scope, Share};
use tables::TableHeader;

/// A fact and where it was said.
#[derive(Debug)]
struct Said {
    fact: Fact,
    /// Index of its sentence and paragraph (for "same sentence" and "elsewhere").
    sentence: usize,
    paragraph: usize,
    sentence_span: Span,
    sentence_text: String,
    /// Read from a table in the narrative, not from a sentence.
    in_table: bool,
    part: Option<u32>,
}

/// Words that compare with another year. A bare 比 is not one (生师比, 占比).
const COMPARISON: &[&str] = &[
    "比上年",
    "较上年",
    "比上一年",
    "较上一年",
    "同比",
    "相比",
    "比去年",
    "较去年",
    "上年",
    "上一年",
    "去年",
    "比20",
    "较20",
    "与20",
    "比 20",
    "较 20",
    "与 20",
];

/// A paragraph that opens with a year ("2024年，…").
#[derive(Debug)]
struct YearOpening {
    paragraph: usize,
    year: u32,
    span: Span,
    other_years: bool,
    comparison: bool,
    part: Option<u32>,
}

/// Collects facts paragraph by paragraph while the importer walks the report.
#[derive(Debug)]
pub struct Extractor {
    report_year: Option<u32>,
    default_stage: Option<&'static str>,
    said: Vec<Said>,
    openings: Vec<YearOpening>,
    sentences: usize,
    paragraphs: usize,
    /// The last fact of the last paragraph, if it declared a count (for a table that
    /// lists the items right below it).
    awaiting_table: Option<usize>,
    table_rows: usize,
    /// The header of the narrative table being read, if it has year columns.
    table_header: Option<TableHeader>,
    /// The year the current heading names.
    heading_year: Option<u32>,
    /// The case being read and the dates its results are given for.
    periods: periods::Periods,
}

impl Extractor {
    pub fn new(report_year: Option<u32>, stages: &[&'static str]) -> Self {
        Extractor {
            report_year,
            default_stage: (stages.len() == 1).then(|| stages[0]),
            said: Vec::new(),
            openings: Vec::new(),
            sentences: 0,
            paragraphs: 0,
            awaiting_table: None,
            table_rows: 0,
            table_header: None,
            heading_year: None,
            periods: periods::Periods::default(),
        }
    }

    /// A case starts (its pointer in `/cases`); it goes on to the next heading.
    pub fn case(&mut self, pointer: &str) {
        self.periods.case(pointer);
    }

    /// One paragraph of body text; `text` is exactly the source text at `start`.
    pub fn paragraph(
        &mut self,
        text: &str,
        start: usize,
        part: Option<u32>,
        stage: Option<&'static str>,
    ) {
        self.close_table();
        self.paragraphs += 1;
        self.periods.paragraph(text, start, part);
        let paragraph_year = opening_year(text);
        if let Some((year, len)) = paragraph_year {
            let rest = &text[len..];
            self.openings.push(YearOpening {
                paragraph: self.paragraphs,
                year,
                span: Span::new(start, start + len),
                other_years: numbers::mentions(rest)
                    .iter()
                    .any(|m| m.unit == "年" && (2000.0..2100.0).contains(&m.value)),
                comparison: COMPARISON.iter().any(|w| rest.contains(w)),
                part,
            });
        }
        let scope = Scope {
            report_year: self.report_year,
            paragraph_year: paragraph_year.map(|(y, _)| y).or(self.heading_year),
            stage: stage.or(self.default_stage),
        };
        for r in split::sentences(text) {
            self.sentence(&text[r.clone()], start + r.start, scope, part);
        }
        self.awaiting_table = self
            .said
            .last()
            .filter(|s| {
                s.paragraph == self.paragraphs
                    && s.fact.total
                    && matches!(s.fact.unit.as_str(), "所" | "个" | "家" | "项")
            })
            .map(|_| self.said.len() - 1);
    }

    fn sentence(&mut self, text: &str, start: usize, scope: Scope, part: Option<u32>) {
        self.sentences += 1;
        let first = self.said.len();
        let trimmed = text.trim();
        let lead = text.len() - text.trim_start().len();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        for mut fact in sentence::facts(text, start, scope) {
            // Indices within the sentence become indices into the report's facts.
            fact.parts.iter_mut().for_each(|p| *p += first);
            if let Some((_, from)) = fact.from.as_mut() {
                *from += first;
            }
            self.said.push(Said {
                fact,
                sentence: self.sentences,
                paragraph: self.paragraphs,
                sentence_span: span,
                sentence_text: trimmed.to_string(),
                in_table: false,
                part,
            });
        }
        // A sentence that opens with 其中 lists the parts of the last total before it.
        if trimmed.starts_with("其中") && self.said.len() > first {
            let unit = |f: &Fact| lexicon::unit_factor(&f.unit).map(|u| u.0);
            let Some(t) = (0..first).rev().find(|&j| {
                self.said[j].paragraph == self.paragraphs
                    && self.said[j].fact.total
                    && self.said[j].fact.parts.is_empty()
            }) else {
                return;
            };
            let total_unit = unit(&self.said[t].fact);
            let ts = &self.said[t];
            let head = structures::Head {
                stage: ts
                    .fact
                    .start
                    .checked_sub(ts.sentence_span.start)
                    .and_then(|l| ts.sentence_text.get(..l))
                    .and_then(clause::stage_in),
                year: ts.fact.year,
            };
            let end = span.start + structures::parts_end(trimmed, "其中".len(), &head);
            let parts: Vec<usize> = (first..self.said.len())
                .filter(|&j| {
                    let f = &self.said[j].fact;
                    f.start < end
                        && !f.is_part
                        && f.parts.is_empty()
                        && unit(f) == total_unit
                        && !nested_at(trimmed, f.start - span.start)
                })
                .collect();
            for &p in &parts {
                self.said[p].fact.is_part = true;
            }
            self.said[t].fact.parts = parts;
        }
    }

    /// A heading: paragraphs on either side of it are not side by side, and a year in
    /// it ("2.9 2024届毕业生就业情况") is the year of the text below it.
    pub fn heading(&mut self, title: &str) {
        self.close_table();
        self.periods.end_case();
        self.paragraphs += 1;
        self.heading_year = super::meta::year_in(title).or_else(|| {
            // "2024届"
            let c = compact(title);
            let i = c.find('届')?;
            c[..i]
                .get(i.checked_sub(4)?..)?
                .parse()
                .ok()
                .filter(|y| (2000..2100).contains(y))
        });
    }

    fn close_table(&mut self) {
        self.table_header = None;
        if let Some(i) = self.awaiting_table.take()
            && self.table_rows > 0
            && self.said[i].fact.listed.is_none()
        {
            self.said[i].fact.listed = Some(self.table_rows);
        }
        self.table_rows = 0;
    }

    /// Writes `/facts` and `/year_openings` with their spans.
    pub fn finish(mut self, b: &mut Builder) {
        self.close_table();
        let same_as = self.same_as_all();
        for (i, same) in same_as.into_iter().enumerate() {
            let value = self.fact_value(i, same);
            let p = b.push(
                "/facts",
                value,
                Span::new(self.said[i].fact.start, self.said[i].fact.end),
            );
            let s = &self.said[i];
            b.locate(&format!("{p}/value"), Span::new(s.fact.start, s.fact.end));
            b.locate(&format!("{p}/text"), s.sentence_span);
            if let Some(sh) = &s.fact.share {
                b.locate(&format!("{p}/share"), Span::new(sh.start, sh.end));
            }
            if let Some(c) = &s.fact.compare {
                b.locate(&format!("{p}/compare"), Span::new(c.start, c.end));
            }
        }
        for o in &self.openings {
            // "2023年……" next to "2024年……" (either order): the two years side by side.
            let paired = self.openings.iter().any(|p| {
                p.part == o.part
                    && p.year == o.year + 1
                    && (p.paragraph == o.paragraph + 1 || p.paragraph + 1 == o.paragraph)
            });
            let mut m = Map::new();
            m.insert("year".into(), o.year.into());
            m.insert("other_years".into(), o.other_years.into());
            m.insert("comparison".into(), (o.comparison || paired).into());
            if let Some(p) = o.part {
                m.insert("part".into(), p.into());
            }
            b.push("/year_openings", Value::Object(m), o.span);
        }
        self.periods.finish(b);
    }

    /// One fact as it goes into `facts[]`. The members are written in this order
    /// (the map keeps insertion order), so each helper adds its own in turn.
    fn fact_value(&self, i: usize, same_as: Option<usize>) -> Value {
        let mut m = Map::new();
        insert_figure(&mut m, &self.said[i].fact);
        self.insert_context(&mut m, i, same_as);
        self.insert_related(&mut m, i);
        self.insert_source(&mut m, i);
        Value::Object(m)
    }

    /// The fact's year, stage, part, kind flags, scope, identity and the earlier
    /// fact it repeats.
    fn insert_context(&self, m: &mut Map<String, Value>, i: usize, same_as: Option<usize>) {
        let s = &self.said[i];
        let f = &s.fact;
        if let Some(y) = f.year {
            m.insert("year".into(), y.into());
        }
        if let Some(st) = f.stage {
            m.insert("stage".into(), st.into());
        }
        if let Some(p) = s.part {
            m.insert("part".into(), p.into());
        }
        m.insert("approx".into(), f.approx.into());
        m.insert("total".into(), f.total.into());
        m.insert("whole".into(), f.whole.into());
        m.insert("cumulative".into(), f.cumulative.into());
        m.insert("is_part".into(), f.is_part.into());
        if f.rate_change {
            m.insert("rate_change".into(), true.into());
        }
        if f.annual {
            m.insert("annual".into(), true.into());
        }
        m.insert("paragraph".into(), s.paragraph.into());
        m.insert("scope".into(), json!(f.scope));
        m.insert("key".into(), self.key(i).into());
        if let Some(same) = same_as {
            m.insert("same_as".into(), same.into());
        }
    }

    /// What the sentence says with the figure: the change, the starting value, the
    /// parts, the share and the count of listed items.
    fn insert_related(&self, m: &mut Map<String, Value>, i: usize) {
        let f = &self.said[i].fact;
        if let Some(c) = &f.compare {
            m.insert("compare".into(), compare_value(c));
        }
        if let Some((v, local)) = f.from {
            m.insert(
                "from".into(),
                json!({"value": json_number(v), "fact": local}),
            );
        }
        if !f.parts.is_empty() {
            m.insert("parts".into(), json!(f.parts));
            m.insert("exhaustive".into(), f.exhaustive.into());
        }
        if let Some(sh) = &f.share {
            m.insert("share".into(), self.share_value(i, sh));
        }
        if let Some(n) = f.listed {
            m.insert("listed".into(), n.into());
        }
    }

    /// A share ("占…的 35%") with the count it is of, when one is found.
    fn share_value(&self, i: usize, sh: &Share) -> Value {
        let mut sm = Map::new();
        sm.insert("percent".into(), json_number(sh.percent));
        sm.insert("decimals".into(), sh.decimals.into());
        if let Some(b) = sh.base_indicator {
            sm.insert("base_indicator".into(), b.into());
        }
        if let Some((base, same_sentence)) = self.share_base(i) {
            sm.insert("base".into(), base.into());
            let b = &self.said[base].fact;
            sm.insert("base_value".into(), json_number(b.value));
            sm.insert("base_norm".into(), json_number(normalized(b)));
            sm.insert("same_sentence".into(), same_sentence.into());
        }
        Value::Object(sm)
    }

    /// Where the fact was read: the table holding the same figure, the sentence, and
    /// whether it came from a table in the narrative.
    fn insert_source(&self, m: &mut Map<String, Value>, i: usize) {
        let s = &self.said[i];
        if let Some(t) = self.table_pointer(i) {
            m.insert("table".into(), t.into());
            // The table's unit in the fact's base unit (万元 → 10000), to compare `norm`.
            if let Some((_, _, unit)) = s.fact.indicator.table {
                let factor = lexicon::unit_factor(unit).map_or(1.0, |u| u.1);
                m.insert("table_factor".into(), json_number(factor));
            }
        }
        m.insert("text".into(), s.sentence_text.clone().into());
        if s.in_table {
            m.insert("in_table".into(), true.into());
        }
    }

    /// The comparable identity of a fact: same indicator, unit kind, stage, year, scope.
    fn key(&self, i: usize) -> String {
        let f = &self.said[i].fact;
        let unit = lexicon::unit_factor(&f.unit).map_or(f.unit.as_str(), |u| u.0);
        let mut scope = f.scope.clone();
        scope.sort_unstable();
        format!(
            "{}|{}|{}|{}|{}",
            f.indicator.id,
            unit,
            f.stage.unwrap_or("-"),
            f.year.map_or("-".to_string(), |y| y.to_string()),
            scope.join("+")
        )
    }

    /// For each fact, the first earlier fact stating the same thing (same key, another
    /// sentence), for "the same figure given twice with different values". Only plain
    /// statements of the whole count: no parts, shares, approximations, growth ends.
    fn same_as_all(&self) -> Vec<Option<usize>> {
        let mut from_target = vec![false; self.said.len()];
        for s in &self.said {
            if let Some((_, from)) = s.fact.from
                && from < from_target.len()
            {
                from_target[from] = true;
            }
        }
        let plain = |i: usize| {
            let f = &self.said[i].fact;
            f.whole
                && !f.approx
                && !f.is_part
                && !f.cumulative
                && f.share.is_none()
                && f.from.is_none()
                && !from_target[i]
                && f.indicator.comparable()
        };
        let mut first: std::collections::HashMap<String, Vec<usize>> = Default::default();
        (0..self.said.len())
            .map(|i| {
                if !plain(i) {
                    return None;
                }
                let seen = first.entry(self.key(i)).or_default();
                let same = seen
                    .iter()
                    .copied()
                    .find(|&j| self.said[j].sentence != self.said[i].sentence);
                if seen.len() < 4 {
                    seen.push(i);
                }
                same
            })
            .collect()
    }

    /// The count a share is of: in the same sentence first, then the paragraph,
    /// then (when the base is named) the latest such figure before it.
    fn share_base(&self, i: usize) -> Option<(usize, bool)> {
        let s = &self.said[i];
        let share = s.fact.share.as_ref()?;
        let unit = lexicon::unit_factor(&s.fact.unit).map(|u| u.0);
        let fits = |j: usize| {
            let o = &self.said[j];
            j != i
                && lexicon::unit_factor(&o.fact.unit).map(|u| u.0) == unit
                && o.fact.value >= s.fact.value
                && match share.base_indicator {
                    Some(b) => o.fact.indicator.id == b,
                    None => o.fact.total,
                }
        };
        // A part's share ("其中位于城区20所，占比46.51%") is of its total.
        if let Some(t) = (0..i)
            .rev()
            .find(|&t| self.said[t].sentence == s.sentence && self.said[t].fact.parts.contains(&i))
            && share
                .base_indicator
                .is_none_or(|b| b == self.said[t].fact.indicator.id)
            && lexicon::unit_factor(&self.said[t].fact.unit).map(|u| u.0) == unit
            && self.said[t].fact.value >= s.fact.value
        {
            return Some((t, true));
        }
        if let Some(j) = (0..i)
            .rev()
            .find(|&j| self.said[j].sentence == s.sentence && fits(j))
        {
            return Some((j, true));
        }
        if let Some(j) = (0..i)
            .rev()
            .find(|&j| self.said[j].paragraph == s.paragraph && fits(j))
        {
            return Some((j, false));
        }
        // Elsewhere in the report: only a plain statement of the whole of a named base.
        share.base_indicator?;
        (0..i)
            .rev()
            .find(|&j| {
                let o = &self.said[j].fact;
                fits(j)
                    && o.whole
                    && o.indicator.comparable()
                    && o.year == s.fact.year
                    && o.stage == s.fact.stage
            })
            .map(|j| (j, false))
    }

    /// Where the six tables hold the same figure, when the prose states it plainly
    /// (no scope words, not a part, not approximate).
    fn table_pointer(&self, i: usize) -> Option<String> {
        let f = &self.said[i].fact;
        let (table, row, unit) = f.indicator.table?;
        // 全日制 is the table row's own scope (全日制在校生人数).
        let scoped = !(f.scope.is_empty() || f.scope == ["全日制"] && f.indicator.id == "students");
        if !f.whole || scoped || f.is_part || f.approx || f.cumulative {
            return None;
        }
        if lexicon::unit_factor(&f.unit).map(|u| u.0) != lexicon::unit_factor(unit).map(|u| u.0) {
            return None;
        }
        Some(format!("/data/{}/{}/{table}/{row}", f.stage?, f.year?))
    }
}

/// The figure itself: indicator, value, unit and precision, and the value in the
/// unit's base.
fn insert_figure(m: &mut Map<String, Value>, f: &Fact) {
    m.insert("indicator".into(), f.indicator.id.into());
    m.insert("title".into(), f.indicator.title.into());
    if let Some(b) = f.indicator.broader {
        m.insert("broader".into(), b.into());
    }
    m.insert("value".into(), json_number(f.value));
    m.insert("unit".into(), f.unit.clone().into());
    m.insert("precision".into(), json_number(f.precision));
    m.insert("norm".into(), json_number(normalized(f)));
}

/// The fact's value in its unit's base (元 for 万元), for comparing figures.
fn normalized(f: &Fact) -> f64 {
    let factor = lexicon::unit_factor(&f.unit).map_or(1.0, |u| u.1);
    f.value * factor
}

/// A stated change: its direction, and the amount, rate or points it gives.
fn compare_value(c: &Compare) -> Value {
    let mut cm = Map::new();
    cm.insert("direction".into(), c.direction.into());
    if c.conflict {
        cm.insert("conflict".into(), true.into());
    }
    if let Some((a, u)) = &c.amount {
        cm.insert("amount".into(), json_number(*a));
        cm.insert("amount_unit".into(), u.clone().into());
    }
    if let Some((r, d)) = c.rate {
        cm.insert("rate".into(), json_number(r));
        cm.insert("rate_decimals".into(), d.into());
    }
    if let Some(p) = c.points {
        cm.insert("points".into(), json_number(p));
    }
    Value::Object(cm)
}

/// Whether byte `at` of `text` is inside brackets ("（1所民办）").
fn nested_at(text: &str, at: usize) -> bool {
    let before = &text[..at.min(text.len())];
    before.matches(['（', '(']).count() > before.matches(['）', ')']).count()
}

fn json_number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// "2024年，…" / "2024 年度…" → (2024, bytes of "2024年").
fn opening_year(text: &str) -> Option<(u32, usize)> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let rest = t[4..].trim_start();
    let y: u32 = digits.parse().ok().filter(|y| (2000..2100).contains(y))?;
    rest.starts_with('年')
        .then(|| (y, lead + t.len() - rest.len() + '年'.len_utf8()))
}
