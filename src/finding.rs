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
}
