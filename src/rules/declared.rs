//! The shapes a rule header may declare as data (`[[check]]`): which values, which
//! thresholds, which years. [`super::shapes`] runs them.

use serde::{Deserialize, Serialize};

/// Which year columns a declared check visits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum YearScope {
    #[default]
    All,
    /// Only the report's own year.
    Report,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SumSpec {
    pub parts: Vec<String>,
    pub total: String,
    #[serde(default)]
    pub tolerance: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioSpec {
    pub value: String,
    pub numerator: String,
    pub denominator: String,
    #[serde(default = "one")]
    pub scale: f64,
    /// Threshold key of the allowed relative difference (e.g. 0.05).
    pub tolerance: String,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeSpec {
    pub value: String,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdSpec {
    pub value: String,
    pub key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilledSpec {
    pub tables: Vec<String>,
}

/// A `[[check]]` that does not declare exactly one shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    #[error("[[check]] 没有声明任何检查形状（at_most、sum_equals、ratio …）")]
    None,
    #[error("一个 [[check]] 只能声明一种检查形状；请拆成多个 [[check]]")]
    Several,
}

/// One shape declared in a rule header. Paths are relative to a year node
/// (`/data/<stage>/<year>/`), e.g. `scorecard/placed`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredCheck {
    #[serde(default)]
    pub years: YearScope,
    #[serde(default)]
    pub at_most: Option<[String; 2]>,
    #[serde(default)]
    pub sum_equals: Option<SumSpec>,
    #[serde(default)]
    pub sum_at_most: Option<SumSpec>,
    #[serde(default)]
    pub ratio: Option<RatioSpec>,
    #[serde(default)]
    pub range: Option<RangeSpec>,
    #[serde(default)]
    pub min_threshold: Option<ThresholdSpec>,
    #[serde(default)]
    pub max_threshold: Option<ThresholdSpec>,
    #[serde(default)]
    pub yoy: Option<ThresholdSpec>,
    #[serde(default)]
    pub filled: Option<FilledSpec>,
}

impl DeclaredCheck {
    /// Exactly one shape must be given.
    pub fn validate(&self) -> Result<(), ShapeError> {
        let n = [
            self.at_most.is_some(),
            self.sum_equals.is_some(),
            self.sum_at_most.is_some(),
            self.ratio.is_some(),
            self.range.is_some(),
            self.min_threshold.is_some(),
            self.max_threshold.is_some(),
            self.yoy.is_some(),
            self.filled.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        match n {
            1 => Ok(()),
            0 => Err(ShapeError::None),
            _ => Err(ShapeError::Several),
        }
    }
}
