//! A finding: one problem in one input, at a JSON pointer and (when known) a span;
//! its severity and category; and [`Code`], how each stage declares the codes of
//! its own findings (rules have their ids instead).

use serde::Serialize;

use crate::base::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// What kind of check produced a finding. The first group comes from reading the
/// file, `schema` from the JSON Schema; the rule categories are the folders of the
/// rule pack (rules/<category>/), and every rule declares one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The file could not be read (permissions, a directory, …).
    Io,
    /// The bytes are not text in a supported encoding.
    Encoding,
    /// The text is not valid JSON, YAML or TOML.
    Parse,
    /// A safety limit (size, nesting, YAML aliases) was exceeded.
    Limit,
    /// Part of a report's text (.txt, .md, .docx) could not be read into the dataset.
    Import,
    /// The dataset does not match `schemas/report.schema.json`.
    Schema,
    /// Rule categories (rules/<category>/).
    Completeness,
    Consistency,
    Threshold,
    Plausibility,
    Policy,
    /// Rules on the figures stated in the report's prose (facts[]).
    Narrative,
    /// A rule failed to run (an error in the script, a limit hit).
    Engine,
    /// About a waiver (expired).
    Waiver,
}

impl Category {
    /// The categories a rule can have, in the order the pack is listed.
    pub const RULES: [Category; 6] = [
        Category::Completeness,
        Category::Consistency,
        Category::Threshold,
        Category::Plausibility,
        Category::Policy,
        Category::Narrative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Io => "io",
            Category::Encoding => "encoding",
            Category::Parse => "parse",
            Category::Limit => "limit",
            Category::Import => "import",
            Category::Schema => "schema",
            Category::Completeness => "completeness",
            Category::Consistency => "consistency",
            Category::Threshold => "threshold",
            Category::Plausibility => "plausibility",
            Category::Policy => "policy",
            Category::Narrative => "narrative",
            Category::Engine => "engine",
            Category::Waiver => "waiver",
        }
    }

    /// The Chinese name shown to users.
    pub fn chinese(self) -> &'static str {
        match self {
            Category::Io => "读取",
            Category::Encoding => "编码",
            Category::Parse => "语法",
            Category::Limit => "安全上限",
            Category::Import => "导入",
            Category::Schema => "数据集规范",
            Category::Completeness => "完整性",
            Category::Consistency => "一致性",
            Category::Threshold => "达标",
            Category::Plausibility => "合理性",
            Category::Policy => "政策目标",
            Category::Narrative => "正文数据",
            Category::Engine => "规则执行",
            Category::Waiver => "豁免",
        }
    }

    /// Whether rules may declare this category.
    pub fn is_rule_category(self) -> bool {
        Category::RULES.contains(&self)
    }
}

/// A diagnostic code of dabiao's own: declared once, in the `codes` of the stage
/// that reports it, with its title, category and default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// Stable id, e.g. `dabiao::schema::type`.
    pub id: &'static str,
    /// Short Chinese title (what the verdict and summaries show).
    pub title: &'static str,
    pub category: Category,
    pub severity: Severity,
}

impl Code {
    pub const fn new(
        id: &'static str,
        title: &'static str,
        category: Category,
        severity: Severity,
    ) -> Code {
        Code {
            id,
            title,
            category,
            severity,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable code, e.g. `dabiao::schema::type`.
    pub code: String,
    pub severity: Severity,
    pub category: Category,
    /// JSON pointer into the canonical dataset, when the finding is about a value.
    pub pointer: Option<String>,
    /// Chinese, names the indicator by its Chinese title and unit.
    pub message: String,
    /// Short text under the underlined span.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// Where in the file; `None` when the file has no text (unreadable, binary).
    pub span: Option<Span>,
    /// The waiver that covers it (shown, not counted in the grade).
    pub waiver: Option<String>,
    /// For a rule that failed to run: its id (graded as the worst it could have found).
    pub failed_rule: Option<String>,
    /// For a root cause (a misspelt key, a blank or missing table): the findings it explains.
    pub explains: Option<Explains>,
    /// For a consequence: the finding that explains it (see [`link_causes`]).
    pub caused_by: Option<Cause>,
    /// In a spreadsheet: the cell, which every output names instead of a line.
    pub cell: Option<CellRef>,
}

/// A spreadsheet cell a finding is at: `表1!D7` (with the file's name in front when
/// the cells are shown inside another file's diagnostics), and its row and column
/// counted from 1 as spreadsheets show them (none for a place that is a whole sheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellRef {
    pub name: String,
    pub row: Option<u32>,
    pub column: Option<u32>,
}

/// What a root cause explains: the findings at or under `pointer` whose code is one
/// of `codes` (`"*"`: any code but its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explains {
    pub pointer: String,
    pub codes: Vec<String>,
}

/// The finding a consequence follows from, by its code and pointer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    pub code: String,
    pub pointer: Option<String>,
}

impl Cause {
    /// Whether `f` is the finding this cause names.
    pub fn is(&self, f: &Finding) -> bool {
        f.code == self.code && f.pointer == self.pointer
    }
}

/// Marks each finding that a root cause explains with that cause (the first one, in
/// the findings' order). A waived root explains nothing; a root is never itself a
/// consequence. Consequences still count in the grade — a root cause is no way to
/// make findings cheaper — but printers show them under their cause, not before it.
pub fn link_causes(findings: &mut [Finding]) {
    let roots: Vec<(Cause, Explains)> = findings
        .iter()
        .filter(|f| f.waiver.is_none())
        .filter_map(|f| {
            let e = f.explains.clone()?;
            Some((
                Cause {
                    code: f.code.clone(),
                    pointer: f.pointer.clone(),
                },
                e,
            ))
        })
        .collect();
    if roots.is_empty() {
        return;
    }
    for f in findings.iter_mut().filter(|f| f.explains.is_none()) {
        let Some(p) = f.pointer.as_deref() else {
            continue;
        };
        f.caused_by = roots
            .iter()
            .find(|(cause, e)| {
                cause.code != f.code
                    && e.codes.iter().any(|c| c == "*" || *c == f.code)
                    && under(p, &e.pointer)
            })
            .map(|(cause, _)| cause.clone());
    }
}

/// `p` is `root` or inside it (segment-wise: /a/bc is not under /a/b).
fn under(p: &str, root: &str) -> bool {
    p.strip_prefix(root)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl Finding {
    pub fn new(code: &str, severity: Severity, category: Category, message: String) -> Self {
        Finding {
            code: code.to_string(),
            severity,
            category,
            pointer: None,
            message,
            label: None,
            help: None,
            span: None,
            waiver: None,
            failed_rule: None,
            explains: None,
            caused_by: None,
            cell: None,
        }
    }

    /// A finding of one of dabiao's own codes, at the code's default severity.
    pub fn of(code: &Code, message: String) -> Self {
        Self::new(code.id, code.severity, code.category, message)
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Marks an engine finding as the failure of rule `id`.
    pub fn failing(mut self, id: &str) -> Self {
        self.failed_rule = Some(id.to_string());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Makes the finding a root cause of those of `codes` at or under `pointer`.
    pub fn explaining(mut self, pointer: impl Into<String>, codes: &[&str]) -> Self {
        self.explains = Some(Explains {
            pointer: pointer.into(),
            codes: codes.iter().map(|c| c.to_string()).collect(),
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(code: &str, pointer: &str) -> Finding {
        Finding::new(
            code,
            Severity::Warning,
            Category::Completeness,
            String::new(),
        )
        .at_pointer(pointer)
    }

    #[test]
    fn a_root_explains_what_is_under_its_pointer_and_nothing_beside_it() {
        let mut fs = vec![
            at("CMP-005", "/data/secondary/2024/scorecard/graduates"),
            at(
                "dabiao::schema::unknown-field",
                "/data/secondary/2024/scorecard/毕业生",
            )
            .explaining("/data/secondary/2024/scorecard/graduates", &["*"]),
            at("CMP-005", "/data/secondary/2024/scorecard/graduates_3y"),
            at("CON-001", "/data/secondary/2024/scorecard/graduates/x"),
        ];
        link_causes(&mut fs);
        let cause = fs[1].explains.as_ref().map(|_| Cause {
            code: fs[1].code.clone(),
            pointer: fs[1].pointer.clone(),
        });
        assert_eq!(fs[0].caused_by, cause);
        assert_eq!(fs[1].caused_by, None);
        assert_eq!(
            fs[2].caused_by, None,
            "a sibling with a longer name is not under it"
        );
        assert_eq!(fs[3].caused_by, cause);
    }

    #[test]
    fn a_root_names_the_codes_it_explains_and_a_waived_root_explains_nothing() {
        let mut fs = vec![
            at("CMP-026", "/data/higher/2025").explaining("/data/higher/2025", &["CMP-005"]),
            at("CMP-005", "/data/higher/2025/scorecard/graduates"),
            at("THR-001", "/data/higher/2025/resources/x"),
        ];
        link_causes(&mut fs);
        assert!(fs[1].caused_by.as_ref().is_some_and(|c| c.is(&fs[0])));
        assert_eq!(fs[2].caused_by, None);
        fs[0].waiver = Some("已批准".into());
        fs[1].caused_by = None;
        link_causes(&mut fs);
        assert_eq!(fs[1].caused_by, None);
    }
}
