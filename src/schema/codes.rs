//! The codes of validating a dataset against the JSON Schema.

use crate::finding::{Category, Code, Severity};

pub const UNKNOWN_FIELD: Code = Code::new(
    "dabiao::schema::unknown-field",
    "未知字段",
    Category::Schema,
    Severity::Error,
);
pub const REQUIRED: Code = Code::new(
    "dabiao::schema::required",
    "缺少必填项",
    Category::Schema,
    Severity::Error,
);
pub const TYPE: Code = Code::new(
    "dabiao::schema::type",
    "值的类型不对",
    Category::Schema,
    Severity::Error,
);
pub const RANGE: Code = Code::new(
    "dabiao::schema::range",
    "数值超出允许范围",
    Category::Schema,
    Severity::Error,
);
pub const ENUM: Code = Code::new(
    "dabiao::schema::enum",
    "取值不在允许范围内",
    Category::Schema,
    Severity::Error,
);
pub const FORMAT: Code = Code::new(
    "dabiao::schema::format",
    "格式不正确",
    Category::Schema,
    Severity::Error,
);
pub const INVALID: Code = Code::new(
    "dabiao::schema::invalid",
    "不符合数据集规范",
    Category::Schema,
    Severity::Error,
);

/// Every code this stage reports.
pub const ALL: &[Code] = &[UNKNOWN_FIELD, REQUIRED, TYPE, RANGE, ENUM, FORMAT, INVALID];
