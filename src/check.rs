//! Checks one input through every stage: load (parse or import) → schema → rules →
//! waivers → grade. Plain data out, so that rendering is separate and a batch can
//! run this part in parallel.

use std::sync::Arc;

use crate::base::source::{SourceFile, Span};
use crate::base::stages::{Stage, timed};
use crate::dataset::source_map::SourceMap;
use crate::dataset::{Dataset, Format, Limits};
use crate::finding::{Finding, Severity};
use crate::grade::{Grader, Verdict};
use crate::inputs::Input;
use crate::load::{Loaded, load_bytes, load_file};
use crate::rules::RulePack;
use crate::schema::{Schema, SchemaIndex};
use crate::waiver::Waivers;

/// Everything dabiao found about one file.
#[derive(Debug)]
pub struct FileReport {
    pub input: Input,
    pub input_hash: Option<String>,
    pub format: Option<Format>,
    pub encoding: Option<&'static str>,
    pub source: Option<SourceFile>,
    pub dataset: Option<Dataset>,
    /// Sorted by position in the file.
    pub findings: Vec<Finding>,
    /// The grade and its explanation (when a rule pack was used).
    pub verdict: Option<Verdict>,
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The most severe finding not excused by a waiver.
    pub fn worst_counted(&self) -> Option<Severity> {
        self.findings
            .iter()
            .filter(|f| f.waiver.is_none())
            .map(|f| f.severity)
            .min()
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The report's entity (`report.entity.name`), when the dataset has one.
    pub fn entity(&self) -> Option<&str> {
        self.dataset
            .as_ref()?
            .value
            .pointer("/report/entity/name")?
            .as_str()
    }
}

/// Reads and imports one input (a report with its spreadsheet of tables, if it has
/// one): what [`Checker::check`] does before the schema and the rules.
pub fn load_input(input: &Input, limits: &Limits) -> Loaded {
    match &input.tables {
        Some(t) => {
            crate::load::load_pair((&input.path, &input.display), (&t.path, &t.display), limits)
        }
        None => load_file(&input.path, &input.display, limits),
    }
}

/// Compiled once, used for every file.
pub struct Checker {
    schema: Schema,
    index: Arc<SchemaIndex>,
    rules: Option<RulePack>,
    waivers: Option<Waivers>,
    limits: Limits,
}

impl Checker {
    pub fn new(schema: Schema, rules: Option<RulePack>, limits: Limits) -> Self {
        let index = Arc::new(SchemaIndex::new(schema.value().clone()));
        Checker {
            schema,
            index,
            rules,
            waivers: None,
            limits,
        }
    }

    pub fn with_waivers(mut self, waivers: Waivers) -> Self {
        self.waivers = Some(waivers);
        self
    }

    pub fn waivers(&self) -> Option<&Waivers> {
        self.waivers.as_ref()
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    pub fn rules(&self) -> Option<&RulePack> {
        self.rules.as_ref()
    }

    pub fn check(&self, input: &Input) -> FileReport {
        self.finish(input, load_input(input, &self.limits), false)
    }

    /// Checks one input alone, read and imported already by [`load_input`] (with
    /// the limits this checker was made with, while the pack compiled): its rules
    /// run on all of rayon's threads.
    pub fn check_alone(&self, input: &Input, loaded: Loaded) -> FileReport {
        self.finish(input, loaded, true)
    }

    /// Checks bytes already in memory as if read from `input.path`, whose extension
    /// gives the format (the fixtures embedded in the binary).
    pub fn check_bytes(&self, input: &Input, bytes: &[u8]) -> FileReport {
        let loaded = match Format::from_path(&input.path) {
            Some(format) => {
                let mut l = load_bytes(bytes, format, &input.display, &self.limits);
                l.input_hash = Some(crate::base::hash::hash_bytes(bytes));
                l
            }
            // Says which formats dabiao reads.
            None => load_file(&input.path, &input.display, &self.limits),
        };
        self.finish(input, loaded, false)
    }

    fn finish(&self, input: &Input, mut loaded: Loaded, spread: bool) -> FileReport {
        let mut findings = std::mem::take(&mut loaded.findings);
        if let (Some(dataset), Some(source)) = (&loaded.dataset, &loaded.source) {
            findings.extend(timed(Stage::Schema, || {
                self.schema.validate(dataset, source)
            }));
            if let Some(pack) = &self.rules {
                findings.extend(timed(Stage::Rules, || {
                    let mut found =
                        pack.run(Arc::clone(&dataset.value), Arc::clone(&self.index), spread);
                    for f in &mut found {
                        locate(f, &dataset.map, source);
                        declare_explains(f, pack);
                    }
                    found
                }));
            }
        }
        timed(Stage::Grade, || self.judge(input, loaded, findings))
    }

    /// Places, waivers, order and the grade of the findings of one input.
    fn judge(&self, input: &Input, loaded: Loaded, mut findings: Vec<Finding>) -> FileReport {
        // A spreadsheet's cells first: in a report checked with its spreadsheet, what
        // is in the spreadsheet has a cell and no place in Word.
        if let Some(cells) = loaded.cells.as_deref() {
            for f in &mut findings {
                f.cell = f.span.and_then(|s| cells.cell(s.start));
            }
        }
        if let Some(places) = loaded.places.as_deref() {
            for f in findings.iter_mut().filter(|f| f.cell.is_none()) {
                add_place(f, places);
            }
        }
        if let (Some(w), Some(d)) = (&self.waivers, &loaded.dataset) {
            let code = d
                .value
                .pointer("/report/entity/code")
                .and_then(|v| v.as_str());
            w.apply(code, &mut findings);
        }
        sort_findings(&mut findings);
        crate::finding::link_causes(&mut findings);
        let verdict = self.rules.as_ref().map(|pack| {
            Grader {
                config: &pack.grading,
                pack: Some(pack),
            }
            .grade(&findings)
        });
        // Nothing was read: the grade says so whatever the findings cost.
        let verdict = match (verdict, &loaded.dataset) {
            (Some(v), None) => {
                let code = findings
                    .iter()
                    .find(|f| f.severity == Severity::Error)
                    .map_or(crate::load::codes::READ.id, |f| f.code.as_str());
                Some(v.unreadable(code))
            }
            (v, _) => v,
        };
        FileReport {
            input_hash: loaded.input_hash,
            verdict,
            input: input.clone(),
            format: Format::from_path(&input.path),
            encoding: loaded.encoding,
            source: loaded.source,
            dataset: loaded.dataset,
            findings,
        }
    }
}

/// Gives a rule finding its span: the value at its pointer, or for something
/// missing, the key (or opening bracket) of the nearest ancestor that exists.
fn locate(f: &mut Finding, map: &SourceMap, source: &SourceFile) {
    if f.span.is_some() {
        return;
    }
    let Some(pointer) = f.pointer.as_deref() else {
        return;
    };
    f.span = match map.nearest(pointer) {
        Some((p, loc)) if p == pointer => Some(loc.value),
        Some((_, loc)) => Some(
            loc.key
                .unwrap_or_else(|| source.clamp(Span::new(loc.value.start, loc.value.start + 1))),
        ),
        None => None,
    };
}

/// A finding of a rule that declares `explains` explains those findings under its pointer.
fn declare_explains(f: &mut Finding, pack: &RulePack) {
    let Some(rule) = pack.rule(&f.code) else {
        return;
    };
    if let (false, Some(p)) = (rule.meta.explains.is_empty(), &f.pointer) {
        f.explains = Some(crate::finding::Explains {
            pointer: p.clone(),
            codes: rule.meta.explains.clone(),
        });
    }
}

/// Tells a Word user where the finding is in Word (the shown text is ours, not theirs).
fn add_place(f: &mut Finding, places: &crate::import::Places) {
    let Some(place) = f.span.and_then(|s| places.at(s.start)) else {
        return;
    };
    f.label = Some(match f.label.take() {
        Some(l) => format!("{l}（{place}）"),
        None => place.to_string(),
    });
}

/// Position in the file first (findings without a position lead), then severity and code,
/// so output is the same however the findings were produced.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let pos = |f: &Finding| f.span.map(|s| (s.start, s.end));
        pos(a)
            .cmp(&pos(b))
            .then(a.severity.cmp(&b.severity))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.pointer.cmp(&b.pointer))
    });
}
