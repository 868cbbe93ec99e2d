//! Waivers: a reviewer-kept file that excuses specific findings of specific reports.
//! A waived finding is still shown, but not counted in the grade; the grade says
//! what it would be without the waivers. An expired waiver no longer applies and is
//! itself a warning; a waiver that matched nothing in a run is reported too.
//!
//! ```toml
//! [[waiver]]
//! entity = "141000"                 # report.entity.code
//! rule = "THR-004"                  # a rule id or a dabiao::… code
//! pointer = "/data/secondary/2024/resources/senior_title_rate"   # optional
//! reason = "全市高级职称评审 2025 年才恢复，已在面临挑战中说明"
//! approver = "省职成处 张某"
//! expires = "2026-12-31"
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub entity: String,
    pub rule: String,
    #[serde(default)]
    pub pointer: Option<String>,
    pub reason: String,
    pub approver: String,
    /// `YYYY-MM-DD`, the last day it applies.
    pub expires: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverFile {
    #[serde(default)]
    waiver: Vec<Waiver>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaiverStatus {
    #[serde(flatten)]
    pub waiver: Waiver,
    pub expired: bool,
    /// How many findings it covered in this run.
    pub used: usize,
}

/// A waiver file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum WaiverError {
    #[error("无法读取豁免文件 {path}：{reason}")]
    Read { path: String, reason: String },
    #[error("{file} 有误：{message}")]
    Syntax { file: String, message: String },
    #[error(
        "{file}：豁免 {entity}/{rule} 的 expires 应是写成 YYYY-MM-DD 的真实日期，而不是 {expires}"
    )]
    Date {
        file: String,
        entity: String,
        rule: String,
        expires: String,
    },
}

pub struct Waivers {
    pub source: String,
    items: Vec<Waiver>,
    expired: Vec<bool>,
    used: Vec<AtomicUsize>,
}

impl Waivers {
    pub fn parse(text: &str, source: &str, today: &str) -> Result<Waivers, WaiverError> {
        let file: WaiverFile = toml::from_str(text).map_err(|e| WaiverError::Syntax {
            file: source.to_string(),
            message: e.message().to_string(),
        })?;
        if let Some(w) = file.waiver.iter().find(|w| !is_date(&w.expires)) {
            return Err(WaiverError::Date {
                file: source.to_string(),
                entity: w.entity.clone(),
                rule: w.rule.clone(),
                expires: w.expires.clone(),
            });
        }
        let expired = file
            .waiver
            .iter()
            .map(|w| w.expires.as_str() < today)
            .collect();
        let used = file.waiver.iter().map(|_| AtomicUsize::new(0)).collect();
        Ok(Waivers {
            source: source.to_string(),
            items: file.waiver,
            expired,
            used,
        })
    }

    pub fn load(path: &std::path::Path) -> Result<Waivers, WaiverError> {
        let text =
            crate::base::files::read_regular_text(path, crate::base::files::MAX_SETTINGS_FILE)
                .map_err(|e| WaiverError::Read {
                    path: path.display().to_string(),
                    reason: crate::base::files::io_reason(&e),
                })?;
        Waivers::parse(&text, &path.display().to_string(), &today())
    }

    /// Marks the findings of one report that a waiver covers; an expired waiver that
    /// would have matched adds a warning instead.
    pub fn apply(&self, entity_code: Option<&str>, findings: &mut Vec<Finding>) {
        let Some(code) = entity_code else { return };
        let mut notes = Vec::new();
        for (i, w) in self.items.iter().enumerate() {
            if w.entity != code {
                continue;
            }
            for f in findings.iter_mut() {
                let matches = f.code.eq_ignore_ascii_case(&w.rule)
                    && w.pointer
                        .as_ref()
                        .is_none_or(|p| f.pointer.as_deref() == Some(p.as_str()));
                if !matches || f.waiver.is_some() {
                    continue;
                }
                if self.expired[i] {
                    notes.push(
                        Finding::of(
                            &codes::EXPIRED,
                            format!(
                                "对 {} 的豁免已于 {} 到期，不再生效（批准人：{}）",
                                w.rule, w.expires, w.approver
                            ),
                        )
                        .with_help(format!(
                            "豁免理由：{}。如仍需豁免，请在 {} 中延长期限",
                            w.reason, self.source
                        )),
                    );
                } else {
                    f.waiver = Some(format!(
                        "{}（{} 批准，{} 到期）",
                        w.reason, w.approver, w.expires
                    ));
                    self.used[i].fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        notes.dedup_by(|a, b| a.message == b.message);
        findings.extend(notes);
    }

    pub fn status(&self) -> Vec<WaiverStatus> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, w)| WaiverStatus {
                waiver: w.clone(),
                expired: self.expired[i],
                used: self.used[i].load(Ordering::Relaxed),
            })
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A real calendar date written `YYYY-MM-DD` (2099-02-30 is not one).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = match (s[..4].parse(), s[5..7].parse(), s[8..].parse()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return false,
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The codes of applying waivers.
pub mod codes {
    use crate::finding::{Category, Code, Severity};

    pub const EXPIRED: Code = Code::new(
        "dabiao::waiver::expired",
        "豁免已到期",
        Category::Waiver,
        Severity::Warning,
    );

    /// Every code this stage reports.
    pub const ALL: &[Code] = &[EXPIRED];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Severity};

    const FILE: &str = r#"
[[waiver]]
entity = "141000"
rule = "THR-004"
reason = "已说明"
approver = "甲"
expires = "2099-12-31"

[[waiver]]
entity = "141000"
rule = "POL-005"
reason = "旧豁免"
approver = "乙"
expires = "2020-01-01"

[[waiver]]
entity = "999999"
rule = "CON-001"
reason = "没用上"
approver = "丙"
expires = "2099-12-31"
"#;

    #[test]
    fn waives_expires_and_counts_use() {
        let w = Waivers::parse(FILE, "waivers.toml", "2026-11-22").unwrap();
        let mut findings = vec![
            Finding::new(
                "THR-004",
                Severity::Warning,
                Category::Threshold,
                "a".into(),
            ),
            Finding::new("POL-005", Severity::Warning, Category::Policy, "b".into()),
        ];
        w.apply(Some("141000"), &mut findings);
        assert!(findings[0].waiver.is_some());
        assert!(findings[1].waiver.is_none(), "expired waivers do not apply");
        assert_eq!(findings[2].code, "dabiao::waiver::expired");
        let status = w.status();
        assert_eq!(
            (status[0].used, status[1].expired, status[2].used),
            (1, true, 0)
        );
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_414), "2025-11-22");
        for bad in [
            "2099-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        for good in ["2024-02-29", "2000-02-29", "2026-12-31"] {
            assert!(is_date(good), "{good}");
        }
        assert!(Waivers::parse("[[waiver]]\nentity=\"1\"\nrule=\"X\"\nreason=\"r\"\napprover=\"a\"\nexpires=\"31/12/2026\"\n", "w", "2026-01-01").is_err());
    }
}
