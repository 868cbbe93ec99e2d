//! Where fixtures come from: folders on disk (`--fixtures`, or the `tests/rules/`
//! beside a pack's folder), or the copy of the embedded pack's own fixtures that is
//! built into the binary (so `dabiao rules test` works outside the source tree).

use std::path::{Path, PathBuf};

use super::{FixtureError, fixture_files, read_dir_sorted, rule_dirs};

include!(concat!(env!("OUT_DIR"), "/embedded_fixtures.rs"));

/// How embedded fixtures are shown: `内置:tests/rules/CON-001/fire.yaml`.
pub const EMBEDDED_PREFIX: &str = "内置:tests/";

/// One fixture file.
#[derive(Debug, Clone)]
pub struct FixtureFile {
    /// As failures name it: the path on disk, or `内置:tests/…` for an embedded one.
    pub shown: String,
    /// The file on disk; for an embedded fixture its path under tests/ (its
    /// extension gives the format).
    pub path: PathBuf,
    /// The text of an embedded fixture; `None` for one on disk.
    pub text: Option<&'static str>,
}

impl FixtureFile {
    fn on_disk(path: PathBuf) -> Self {
        FixtureFile {
            shown: path.display().to_string(),
            path,
            text: None,
        }
    }

    fn embedded(rel: &str, text: &'static str) -> Self {
        FixtureFile {
            shown: format!("{EMBEDDED_PREFIX}{rel}"),
            path: PathBuf::from(rel),
            text: Some(text),
        }
    }
}

/// The fixtures of one rule: its folder's name (the rule id) and files.
#[derive(Debug, Clone)]
pub struct RuleFixtures {
    pub id: String,
    /// The folder as failures name it.
    pub shown: String,
    pub files: Vec<FixtureFile>,
}

/// Every fixture to run: one group per rule folder, and whole reports.
#[derive(Debug, Clone, Default)]
pub struct FixtureSet {
    /// Where they came from, for the user: a folder, or "内置测试用例".
    pub origin: String,
    pub rules: Vec<RuleFixtures>,
    pub reports: Vec<FixtureFile>,
}

impl FixtureSet {
    /// The rule folders under `rules` and, if given, the whole reports in `reports`.
    pub fn from_dirs(rules: &Path, reports: Option<&Path>) -> Result<Self, FixtureError> {
        let mut set = FixtureSet {
            origin: rules.display().to_string(),
            ..FixtureSet::default()
        };
        for (id, dir) in rule_dirs(rules)? {
            set.rules.push(RuleFixtures {
                id,
                shown: dir.display().to_string(),
                files: fixture_files(&dir)
                    .into_iter()
                    .map(FixtureFile::on_disk)
                    .collect(),
            });
        }
        if let Some(dir) = reports {
            set = set.with_reports(dir)?;
        }
        Ok(set)
    }

    /// The embedded pack's own fixtures, built into the binary.
    pub fn embedded() -> Self {
        let mut set = FixtureSet {
            origin: "内置测试用例".to_string(),
            ..FixtureSet::default()
        };
        for (rel, text) in EMBEDDED_FIXTURES {
            let file = FixtureFile::embedded(rel, text);
            let mut parts = rel.split('/');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("rules"), Some(id), Some(_)) => {
                    if set.rules.last().is_none_or(|r| r.id != id) {
                        set.rules.push(RuleFixtures {
                            id: id.to_string(),
                            shown: format!("{EMBEDDED_PREFIX}rules/{id}"),
                            files: Vec::new(),
                        });
                    }
                    set.rules.last_mut().expect("pushed").files.push(file);
                }
                (Some("reports"), Some(_), None) => set.reports.push(file),
                _ => {}
            }
        }
        set
    }

    /// Whether the binary holds any fixtures (a build without tests/ holds none).
    pub fn has_embedded() -> bool {
        !EMBEDDED_FIXTURES.is_empty()
    }

    /// The whole reports in `dir` instead of the set's own.
    pub fn with_reports(mut self, dir: &Path) -> Result<Self, FixtureError> {
        read_dir_sorted(dir, "整份报告用例目录")?;
        self.reports = fixture_files(dir)
            .into_iter()
            .map(FixtureFile::on_disk)
            .collect();
        Ok(self)
    }

    /// How many fixture files in all.
    pub fn len(&self) -> usize {
        self.rules.iter().map(|r| r.files.len()).sum::<usize>() + self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fixtures_are_grouped_by_rule_and_exclude_snapshots() {
        let set = FixtureSet::embedded();
        assert!(set.rules.len() >= 60, "{}", set.rules.len());
        assert!(!set.reports.is_empty());
        for r in &set.rules {
            assert!(!r.files.is_empty(), "{}", r.id);
            for f in &r.files {
                let ext = f.path.extension().and_then(|e| e.to_str()).unwrap_or("");
                assert!(
                    super::super::FIXTURE_EXTENSIONS.contains(&ext),
                    "{}",
                    f.shown
                );
                assert!(!f.shown.contains("snapshots"), "{}", f.shown);
            }
        }
        let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "one group per rule, in order");
    }
}
