//! A rule's metadata: the `//!` header of its `.rhai` file, written in TOML.
//!
//! ```text
//! //! id = "CON-003"
//! //! title = "升学人数不超过毕业去向落实人数"
//! //! category = "consistency"
//! //! severity = "error"
//! //! source = "…"
//! //! help = "…"
//! //! [[check]]
//! //! at_most = ["scorecard/further_study", "scorecard/placed"]
//! ```

use serde::{Deserialize, Serialize};

use super::declared::DeclaredCheck;
use crate::finding::{Category, Severity};

/// Which reports a rule applies to. Empty lists mean "all".
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    #[serde(default)]
    pub levels: Vec<String>,
    #[serde(default)]
    pub stages: Vec<String>,
    /// First report year the rule applies to.
    #[serde(default)]
    pub from_year: Option<i64>,
    /// Last report year the rule applies to.
    #[serde(default)]
    pub to_year: Option<i64>,
    /// Only for reports of these provinces (first two digits of the entity code, e.g. "14" = 山西).
    #[serde(default)]
    pub provinces: Vec<String>,
}

impl AppliesTo {
    pub fn stage_ok(&self, stage: &str) -> bool {
        self.stages.is_empty() || self.stages.iter().any(|s| s == stage)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    /// One of the rule categories ([`Category::RULES`]), the folder the rule is in.
    pub category: Category,
    pub severity: Severity,
    #[serde(default)]
    pub applies: AppliesTo,
    /// The standard or policy, with its article.
    pub source: String,
    /// What to do about a finding.
    pub help: String,
    /// Overrides the penalty per finding of `grading.toml`.
    #[serde(default)]
    pub weight: Option<f64>,
    /// At most this many points lost to this rule (default: `grading.toml`).
    #[serde(default)]
    pub cap: Option<f64>,
    /// A finding of this rule holds the grade at this level or below, whatever the score.
    #[serde(default)]
    pub grade_cap: Option<String>,
    /// Codes (rule ids, `"*"` for any) whose findings at or under this rule's finding
    /// follow from it: printed under it as its consequences.
    #[serde(default)]
    pub explains: Vec<String>,
    /// Common shapes declared as data and checked in Rust.
    #[serde(default, rename = "check")]
    pub checks: Vec<DeclaredCheck>,
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            other => Err(serde::de::Error::custom(format!(
                "severity 只能是 error、warning 或 info，而不是 \"{other}\""
            ))),
        }
    }
}

/// Only the rule categories, by their names in the pack.
impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Category::RULES
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Category::RULES.iter().map(|c| c.as_str()).collect();
                serde::de::Error::custom(format!(
                    "category 只能是 {}，而不是 \"{s}\"",
                    names.join("、")
                ))
            })
    }
}

/// Splits a rule file into its TOML header (the leading `//!` lines) and the script
/// body, keeping the body's line numbers (header lines become empty lines).
pub fn split_header(text: &str) -> (String, String) {
    let mut header = String::new();
    let mut body = String::new();
    let mut in_header = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if in_header && let Some(rest) = trimmed.strip_prefix("//!") {
            header.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            if !rest.ends_with('\n') {
                header.push('\n');
            }
            body.push('\n');
            continue;
        }
        in_header = false;
        body.push_str(line);
    }
    (header, body)
}

/// Whether a script body has any code (rules declared only as data have none).
pub fn has_code(body: &str) -> bool {
    body.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with("//")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_body_keep_line_numbers() {
        let text = "//! id = \"X-1\"\n//! title = \"标题\"\nlet a = 1;\n//! not header\n";
        let (h, b) = split_header(text);
        assert_eq!(h, "id = \"X-1\"\ntitle = \"标题\"\n");
        assert_eq!(b, "\n\nlet a = 1;\n//! not header\n");
        assert!(has_code(&b));
        assert!(!has_code("\n// comment\n\n"));
    }
}
