//! The codes of reading a dataset: encoding, syntax, duplicate keys, limits.

use crate::finding::{Category, Code, Severity};

pub const ENCODING_INVALID: Code = Code::new(
    "dabiao::encoding::invalid",
    "文件编码无法识别",
    Category::Encoding,
    Severity::Error,
);
pub const ENCODING_BAD_BYTES: Code = Code::new(
    "dabiao::encoding::bad-bytes",
    "文件中有无法解码的字节",
    Category::Encoding,
    Severity::Warning,
);
pub const ENCODING_BINARY: Code = Code::new(
    "dabiao::encoding::binary",
    "文件编码无法识别",
    Category::Encoding,
    Severity::Error,
);
pub const JSON: Code = Code::new(
    "dabiao::parse::json",
    "文件语法错误",
    Category::Parse,
    Severity::Error,
);
pub const DUPLICATE_KEY: Code = Code::new(
    "dabiao::parse::duplicate-key",
    "键重复",
    Category::Parse,
    Severity::Error,
);
pub const DEPTH: Code = Code::new(
    "dabiao::limit::depth",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const VALUES: Code = Code::new(
    "dabiao::limit::values",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const KEYS: Code = Code::new(
    "dabiao::limit::keys",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const TOML: Code = Code::new(
    "dabiao::parse::toml",
    "文件语法错误",
    Category::Parse,
    Severity::Error,
);
pub const NOT_FINITE: Code = Code::new(
    "dabiao::parse::not-finite",
    "数值不是有限的数",
    Category::Parse,
    Severity::Error,
);
pub const MULTIPLE_DOCUMENTS: Code = Code::new(
    "dabiao::parse::multiple-documents",
    "文件包含多个 YAML 文档",
    Category::Parse,
    Severity::Warning,
);
pub const EMPTY: Code = Code::new(
    "dabiao::parse::empty",
    "文件为空",
    Category::Parse,
    Severity::Error,
);
pub const YAML_ALIASES: Code = Code::new(
    "dabiao::limit::yaml-aliases",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const YAML: Code = Code::new(
    "dabiao::parse::yaml",
    "文件语法错误",
    Category::Parse,
    Severity::Error,
);
pub const YAML_VALUE: Code = Code::new(
    "dabiao::parse::yaml-value",
    "YAML 值无法解析",
    Category::Parse,
    Severity::Error,
);
pub const YAML_KEY: Code = Code::new(
    "dabiao::parse::yaml-key",
    "YAML 的键不是简单文本",
    Category::Parse,
    Severity::Error,
);

/// Every code this stage reports.
pub const ALL: &[Code] = &[
    ENCODING_INVALID,
    ENCODING_BAD_BYTES,
    ENCODING_BINARY,
    JSON,
    DUPLICATE_KEY,
    DEPTH,
    VALUES,
    KEYS,
    TOML,
    NOT_FINITE,
    MULTIPLE_DOCUMENTS,
    EMPTY,
    YAML_ALIASES,
    YAML,
    YAML_VALUE,
    YAML_KEY,
];
