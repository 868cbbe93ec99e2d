//! rules/thresholds.toml: every number a rule compares against, with its source and
//! how sure we are of it. A value can depend on the 高职 category.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Read in a copy of the standard itself.
    Source,
    /// Only in a secondary source (news, a school's report quoting it).
    Secondary,
    /// Seen in the published reports the project started from.
    Seed,
    /// No source seen: verify before relying on it.
    Memory,
    /// A project convention (dabiao's own tolerance or plausible range): no document
    /// stands behind it, so there is nothing to verify.
    Convention,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub title: String,
    #[serde(default)]
    pub value: Option<f64>,
    /// Per 高职 category (comprehensive, engineering, medical, humanities, sports, arts).
    #[serde(default)]
    pub by_category: BTreeMap<String, f64>,
    #[serde(default)]
    pub unit: String,
    pub source: String,
    pub confidence: Confidence,
    /// Categories whose value is less certain than `confidence`.
    #[serde(default)]
    pub memory_categories: Vec<String>,
    #[serde(default)]
    pub note: String,
}

impl Threshold {
    pub fn value_for(&self, category: Option<&str>) -> Option<f64> {
        match category.and_then(|c| self.by_category.get(c)) {
            Some(v) => Some(*v),
            None => self
                .value
                .or_else(|| self.by_category.get("comprehensive").copied()),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Thresholds {
    entries: BTreeMap<String, Threshold>,
    /// Each overridden threshold as the pack's file has it (its default).
    defaults: BTreeMap<String, Threshold>,
    /// The overrides applied, in order: the key as written and the value.
    overrides: Vec<(String, f64)>,
}

#[derive(Debug, thiserror::Error)]
pub enum ThresholdError {
    #[error("thresholds.toml 无法解析：{0}")]
    Parse(String),
    #[error("未知的阈值 `{key}`{}（dabiao rules thresholds 列出全部阈值）", .nearest.as_ref().map(|n| format!("；是否指 `{n}`？")).unwrap_or_default())]
    Unknown {
        key: String,
        nearest: Option<String>,
    },
    #[error("阈值设置应写成 key=数值，而不是 `{0}`")]
    Syntax(String),
    #[error("阈值 `{key}` 不能设为 {value}：{why}")]
    OutOfRange {
        key: String,
        value: String,
        why: &'static str,
    },
}

/// Whether a braced word is a threshold key (`group.name`, lowercase ASCII).
fn is_key(s: &str) -> bool {
    s.contains('.')
        && !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
}

/// Why `value` cannot be the threshold `t`: every threshold is a count, an amount, a
/// ratio or a percentage, so it is finite and not negative, and a percentage is at
/// most 100. NaN would silently switch its checks off (every comparison false).
fn out_of_range(t: &Threshold, value: f64) -> Option<&'static str> {
    if !value.is_finite() {
        Some("阈值应是有限的数")
    } else if value < 0.0 {
        Some("阈值不能是负数")
    } else if t.unit == "%" && value > 100.0 {
        Some("百分比阈值应在 0 到 100 之间")
    } else {
        None
    }
}

impl Thresholds {
    pub fn parse(text: &str) -> Result<Self, ThresholdError> {
        let raw: BTreeMap<String, BTreeMap<String, Threshold>> =
            toml::from_str(text).map_err(|e| ThresholdError::Parse(e.to_string()))?;
        let mut entries = BTreeMap::new();
        for (group, items) in raw {
            for (name, t) in items {
                entries.insert(format!("{group}.{name}"), t);
            }
        }
        Ok(Thresholds {
            entries,
            ..Thresholds::default()
        })
    }

    /// The known key most like a mistyped one, if one is close.
    pub fn nearest(&self, key: &str) -> Option<String> {
        self.entries
            .keys()
            .map(|k| (strsim::jaro_winkler(k, key), k))
            .filter(|(score, _)| *score > 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k.clone())
    }

    pub fn get(&self, key: &str) -> Option<&Threshold> {
        self.entries.get(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Threshold)> {
        self.entries.iter()
    }

    pub fn value(&self, key: &str, category: Option<&str>) -> Option<f64> {
        self.entries.get(key)?.value_for(category)
    }

    /// The threshold as the pack's file has it, when an override changed it.
    pub fn default_of(&self, key: &str) -> Option<&Threshold> {
        self.defaults.get(key)
    }

    /// The overrides applied to `key` (or to one of its categories), in order: the
    /// index among all overrides applied, the key as written and the value.
    pub fn overrides_of<'a>(
        &'a self,
        key: &'a str,
    ) -> impl Iterator<Item = (usize, &'a (String, f64))> {
        self.overrides
            .iter()
            .enumerate()
            .filter(move |(_, (k, _))| {
                k == key
                    || k.strip_prefix(key)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
    }

    /// `text` with each `{key}` or `{key.category}` replaced by the value in force,
    /// so a rule's title and help name the number it checks; other braces stay.
    /// An unknown key is returned as the error.
    pub fn fill(&self, text: &str) -> Result<String, String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}').filter(|&c| is_key(&after[..c])) else {
                out.push('{');
                rest = after;
                continue;
            };
            let key = &after[..close];
            out.push_str(&self.placeholder_value(key).ok_or_else(|| key.to_string())?);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The value a placeholder stands for: `key` (a per-category threshold gives its
    /// general value) or `key.category`.
    fn placeholder_value(&self, key: &str) -> Option<String> {
        let v = match self.entries.get(key) {
            Some(t) => t.value_for(None),
            None => {
                let (base, category) = key.rsplit_once('.')?;
                self.entries.get(base)?.by_category.get(category).copied()
            }
        };
        v.map(crate::base::number::fmt_num)
    }

    /// Applies `key=value` or `key.category=value` (from `--set` or a config file).
    pub fn set(&mut self, assignment: &str) -> Result<(), ThresholdError> {
        let (key, value) = assignment
            .split_once('=')
            .ok_or_else(|| ThresholdError::Syntax(assignment.to_string()))?;
        let value: f64 = value
            .trim()
            .parse()
            .map_err(|_| ThresholdError::Syntax(assignment.to_string()))?;
        let key = key.trim();
        let base = key.rsplit_once('.').map(|(b, _)| b);
        if let Some(t) = self
            .entries
            .get(key)
            .or_else(|| base.and_then(|b| self.entries.get(b)))
            && let Some(why) = out_of_range(t, value)
        {
            return Err(ThresholdError::OutOfRange {
                key: key.to_string(),
                value: value.to_string(),
                why,
            });
        }
        // The entry set: the key itself, or `base` for one of its categories.
        let (name, category) = if self.entries.contains_key(key) {
            (key, None)
        } else {
            match key.rsplit_once('.') {
                Some((b, c))
                    if self
                        .entries
                        .get(b)
                        .is_some_and(|t| t.by_category.contains_key(c)) =>
                {
                    (b, Some(c))
                }
                _ => {
                    return Err(ThresholdError::Unknown {
                        key: key.to_string(),
                        nearest: self.nearest(key),
                    });
                }
            }
        };
        let Some(t) = self.entries.get_mut(name) else {
            return Err(ThresholdError::Unknown {
                key: key.to_string(),
                nearest: None,
            });
        };
        self.defaults
            .entry(name.to_string())
            .or_insert_with(|| t.clone());
        self.overrides.push((key.to_string(), value));
        match category {
            Some(c) => {
                t.by_category.insert(c.to_string(), value);
            }
            None if t.by_category.is_empty() => t.value = Some(value),
            None => t.by_category.values_mut().for_each(|v| *v = value),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
[secondary.students_min]
title = "在校生数下限"
value = 1200
unit = "人"
source = "设置标准第六条"
confidence = "source"

[higher.student_teacher_ratio_max]
title = "生师比上限（合格）"
by_category = { comprehensive = 18, engineering = 18, medical = 16 }
source = "教发〔2004〕2号 表一"
confidence = "source"
memory_categories = ["medical"]
"#;

    #[test]
    fn values_by_category_and_overrides() {
        let mut t = Thresholds::parse(TEXT).unwrap();
        assert_eq!(t.value("secondary.students_min", None), Some(1200.0));
        assert_eq!(
            t.value("higher.student_teacher_ratio_max", Some("medical")),
            Some(16.0)
        );
        assert_eq!(
            t.value("higher.student_teacher_ratio_max", None),
            Some(18.0)
        );
        t.set("secondary.students_min=1000").unwrap();
        t.set("higher.student_teacher_ratio_max.medical = 15")
            .unwrap();
        assert_eq!(t.value("secondary.students_min", None), Some(1000.0));
        assert_eq!(
            t.value("higher.student_teacher_ratio_max", Some("medical")),
            Some(15.0)
        );
        assert!(matches!(
            t.set("nope=1"),
            Err(ThresholdError::Unknown { .. })
        ));
        let typo = t.set("secondary.student_min=1").unwrap_err().to_string();
        assert!(typo.contains("是否指 `secondary.students_min`"), "{typo}");
        assert!(matches!(
            t.set("secondary.students_min"),
            Err(ThresholdError::Syntax(_))
        ));
        assert_eq!(
            t.default_of("secondary.students_min")
                .and_then(|d| d.value_for(None)),
            Some(1200.0)
        );
        let set: Vec<_> = t.overrides_of("higher.student_teacher_ratio_max").collect();
        assert_eq!(
            set,
            [(
                1,
                &("higher.student_teacher_ratio_max.medical".to_string(), 15.0)
            )]
        );
    }

    #[test]
    fn placeholders_name_the_values_in_force() {
        let mut t = Thresholds::parse(TEXT).unwrap();
        t.set("secondary.students_min=1000").unwrap();
        assert_eq!(
            t.fill("不少于 {secondary.students_min} 人，医学类 {higher.student_teacher_ratio_max.medical}:1，综合 {higher.student_teacher_ratio_max}:1 {x} {}")
                .unwrap(),
            "不少于 1000 人，医学类 16:1，综合 18:1 {x} {}"
        );
        assert_eq!(
            t.fill("{secondary.student_min}").unwrap_err(),
            "secondary.student_min"
        );
        assert_eq!(
            t.default_of("higher.student_teacher_ratio_max")
                .map(|d| d.title.as_str()),
            None
        );
    }
}
