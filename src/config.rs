//! `dabiao.toml`: project settings found from the working directory upward, so a
//! reviewer's folder carries its own rule pack, threshold overrides and policies.
//! Command-line flags win over the file.
//!
//! ```toml
//! rules = "my-rules"            # a rule pack directory, relative to this file
//! fail-on = "error"             # error | warning | never
//! min-grade = "B"
//! exclude = ["drafts/**"]
//! reports = ["out/summary.csv"]
//!
//! [thresholds]
//! "secondary.students_min" = 1000
//! "higher.student_teacher_ratio_max.medical" = 15
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "dabiao.toml";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub thresholds: BTreeMap<String, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_grade: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jobs: Option<usize>,
    /// The reviewers' waiver file, relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waivers: Option<PathBuf>,
    /// Where the file was found (not a setting).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// A `dabiao.toml` that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("无法读取 {path}：{reason}")]
    Read { path: String, reason: String },
    #[error("{path} 有误：{message}")]
    Syntax { path: String, message: String },
}

impl Config {
    /// The nearest `dabiao.toml` from `start` upward, or defaults when there is none.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text =
            crate::base::files::read_regular_text(path, crate::base::files::MAX_SETTINGS_FILE)
                .map_err(|e| ConfigError::Read {
                    path: path.display().to_string(),
                    reason: crate::base::files::io_reason(&e),
                })?;
        let mut c: Config = toml::from_str(&text).map_err(|e| ConfigError::Syntax {
            path: path.display().to_string(),
            message: e.message().to_string(),
        })?;
        if let Some((k, v)) = c
            .thresholds
            .iter()
            .find(|(_, v)| !v.is_finite() || **v < 0.0)
        {
            return Err(ConfigError::Syntax {
                path: path.display().to_string(),
                message: format!("[thresholds] 中 \"{k}\" = {v} 不可用：阈值应是不小于 0 的有限数"),
            });
        }
        let base = path.parent().unwrap_or(Path::new("."));
        c.rules = c.rules.map(|r| base.join(r));
        c.reports = c.reports.into_iter().map(|r| base.join(r)).collect();
        c.waivers = c.waivers.map(|w| base.join(w));
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    /// Threshold overrides as `key=value` assignments, file first so flags applied
    /// after them win.
    pub fn threshold_assignments(&self) -> Vec<String> {
        self.thresholds
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_upward_and_resolved_relative_to_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "rules = \"pack\"\nmin-grade = \"B\"\n[thresholds]\n\"secondary.students_min\" = 1000\n",
        )
        .unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        let c = Config::discover(&deep).unwrap();
        assert_eq!(c.rules, Some(dir.path().join("pack")));
        assert_eq!(c.min_grade.as_deref(), Some("B"));
        assert_eq!(c.threshold_assignments(), ["secondary.students_min=1000"]);
        std::fs::write(dir.path().join(FILE_NAME), "rulez = 1\n").unwrap();
        assert!(
            Config::discover(&deep)
                .unwrap_err()
                .to_string()
                .contains("rulez")
        );
    }
}
