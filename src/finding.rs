//! A finding: one problem in one input, at a JSON pointer and (when known) a span.

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
/// file, `schema` from the JSON Schema; the rule categories arrive with the rule pack.
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
    /// A rule failed to run (an error in the script, a limit hit).
    Engine,
    /// About a waiver (expired).
    Waiver,
}

impl Category {
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
            Category::Engine => "engine",
            Category::Waiver => "waiver",
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
        }
    }

    pub fn error(code: &str, category: Category, message: String) -> Self {
        Self::new(code, Severity::Error, category, message)
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

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A short Chinese title for dabiao's own codes (rules have their own titles).
pub fn code_title(code: &str) -> Option<&'static str> {
    Some(match code {
        "dabiao::schema::type" => "值的类型不对",
        "dabiao::schema::range" => "数值超出允许范围",
        "dabiao::schema::required" => "缺少必填项",
        "dabiao::schema::unknown-field" => "未知字段",
        "dabiao::schema::enum" => "取值不在允许范围内",
        "dabiao::schema::format" => "格式不正确",
        "dabiao::schema::invalid" => "不符合数据集规范",
        "dabiao::parse::json" | "dabiao::parse::yaml" | "dabiao::parse::toml" => "文件语法错误",
        "dabiao::parse::duplicate-key" => "键重复",
        "dabiao::parse::empty" => "文件为空",
        "dabiao::encoding::invalid" | "dabiao::encoding::binary" => "文件编码无法识别",
        "dabiao::io::read" | "dabiao::io::format" => "文件无法读取",
        "dabiao::limit::file-size" | "dabiao::limit::depth" | "dabiao::limit::yaml-aliases" => {
            "超过安全上限"
        }
        "dabiao::engine::rule-error" | "dabiao::engine::broken-rule" => "规则未能执行",
        "dabiao::waiver::expired" => "豁免已到期",
        "dabiao::import::unmapped-row" => "数据表中有对不上模板的行",
        "dabiao::import::approximate-row" => "行名与模板相近但不相同",
        "dabiao::import::unit" => "单位与模板不同",
        "dabiao::import::value" => "单元格不是数字",
        "dabiao::import::duplicate-row" => "数据表中的行重复",
        "dabiao::import::duplicate-table" => "数据表重复",
        "dabiao::import::extra-cells" => "行的单元格比表头多",
        "dabiao::import::no-header" => "数据表没有表头",
        "dabiao::import::title" => "找不到报告标题",
        "dabiao::import::year" => "无法确定报告年度",
        "dabiao::import::stage" => "无法确定教育层次",
        "dabiao::import::case-title" => "案例没有标题",
        "dabiao::import::docx" => "Word 文件无法读取",
        _ => return None,
    })
}
