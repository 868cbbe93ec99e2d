//! The codes of running the rule pack itself (not of its rules): a rule that
//! could not be loaded or failed to run, a broken pack.

use crate::finding::{Category, Code, Severity};

pub const BROKEN_RULE: Code = Code::new(
    "dabiao::engine::broken-rule",
    "规则未能执行",
    Category::Engine,
    Severity::Warning,
);
pub const RULE_ERROR: Code = Code::new(
    "dabiao::engine::rule-error",
    "规则未能执行",
    Category::Engine,
    Severity::Warning,
);
pub const PACK: Code = Code::new(
    "dabiao::rules::pack",
    "规则包有问题",
    Category::Engine,
    Severity::Error,
);

/// Findings a rule (or all rules on a report) emitted past the limits, left out.
pub const OMITTED: Code = Code::new(
    "dabiao::rules::omitted",
    "问题过多，部分未列出",
    Category::Limit,
    Severity::Info,
);

/// Every code this stage reports.
pub const ALL: &[Code] = &[BROKEN_RULE, RULE_ERROR, PACK, OMITTED];
