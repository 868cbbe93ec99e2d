//! The pack's grading policy (`rules/grading.toml`): penalties, bands, caps, and
//! the grades it speaks of. Loaded with the pack; `grade` applies it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
}

impl Grade {
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::A => "可直接发布",
            Grade::B => "修改后发布",
            Grade::C => "退回重报",
        }
    }

    pub fn parse(s: &str) -> Option<Grade> {
        match s.trim() {
            "A" | "a" => Some(Grade::A),
            "B" | "b" => Some(Grade::B),
            "C" | "c" => Some(Grade::C),
            _ => None,
        }
    }

    pub fn better(self) -> Option<Grade> {
        match self {
            Grade::A => None,
            Grade::B => Some(Grade::A),
            Grade::C => Some(Grade::B),
        }
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
        })
    }
}

/// A grading.toml that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("grading.toml 无法解析：{0}")]
pub struct GradingError(String);

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradingConfig {
    pub penalty: Penalty,
    pub limits: GradingLimits,
    pub bands: Bands,
    #[serde(default)]
    pub caps: Vec<CategoryCap>,
    #[serde(default)]
    pub engine: EngineGrading,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    pub error: f64,
    pub warning: f64,
    pub info: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradingLimits {
    pub per_rule_cap: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    #[serde(rename = "A")]
    pub a: f64,
    #[serde(rename = "B")]
    pub b: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryCap {
    #[serde(default)]
    pub categories: Vec<String>,
    /// Single codes capped whatever their category (a look-alike document is an
    /// import finding, but other import errors should not cap the grade).
    #[serde(default)]
    pub codes: Vec<String>,
    /// Errors about these fields, whatever their code (the report year: without a
    /// usable one the year rules run on a guess).
    #[serde(default)]
    pub pointers: Vec<String>,
    /// Every counted finding of these severities (an error, whatever its rule, is
    /// not compatible with "可直接发布").
    #[serde(default)]
    pub severities: Vec<String>,
    pub grade: Grade,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineGrading {
    #[serde(default)]
    pub penalty: f64,
}

impl GradingConfig {
    pub fn parse(text: &str) -> Result<Self, GradingError> {
        toml::from_str(text).map_err(|e| GradingError(e.message().to_string()))
    }

    pub fn band(&self, score: f64) -> Grade {
        if score >= self.bands.a {
            Grade::A
        } else if score >= self.bands.b {
            Grade::B
        } else {
            Grade::C
        }
    }

    pub fn band_floor(&self, g: Grade) -> f64 {
        match g {
            Grade::A => self.bands.a,
            Grade::B => self.bands.b,
            Grade::C => 0.0,
        }
    }
}
