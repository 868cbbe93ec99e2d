//! Where a pack's files come from: embedded in the binary, a directory given with
//! `--rules`, or a git revision (`dabiao diff --base`).

use std::path::Path;

use super::thresholds::ThresholdError;
use crate::base::hash::Fnv;
use crate::base::source::{SourceFile, Span};

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// One file of a pack, by its path relative to the pack root.
#[derive(Debug, Clone)]
pub struct PackFile {
    pub path: String,
    pub text: String,
}

/// The files of a pack, wherever they came from.
pub struct PackSource {
    /// `embedded` or the directory given.
    pub origin: String,
    pub files: Vec<PackFile>,
}

impl PackSource {
    pub fn embedded() -> Self {
        PackSource {
            origin: "embedded".to_string(),
            files: EMBEDDED_RULES
                .iter()
                .map(|(p, t)| PackFile {
                    path: p.to_string(),
                    text: t.to_string(),
                })
                .collect(),
        }
    }

    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        let mut files = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("rhai" | "toml")
                ) {
                    let rel = path
                        .strip_prefix(dir)
                        .unwrap_or(&path)
                        .to_string_lossy()
                        .replace('\\', "/");
                    files.push(PackFile {
                        path: rel,
                        text: crate::base::files::read_regular_text(
                            &path,
                            crate::base::files::MAX_SETTINGS_FILE,
                        )?,
                    });
                }
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(PackSource {
            origin: dir.display().to_string(),
            files,
        })
    }

    /// The pack as it was at a git revision (`git show REV:rules/…`), for `dabiao diff
    /// --base origin/main`. Run inside the repository.
    pub fn from_git(rev: &str, dir: &str) -> Result<Self, PackError> {
        let git = |args: &[&str]| -> Result<Vec<u8>, PackError> {
            let out = std::process::Command::new("git")
                .args(args)
                .output()
                .map_err(|e| PackError::GitMissing(e.to_string()))?;
            if out.status.success() {
                Ok(out.stdout)
            } else {
                Err(PackError::Git {
                    args: args.join(" "),
                    stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
                })
            }
        };
        let listing = git(&[
            "ls-tree",
            "-r",
            "--name-only",
            "--full-tree",
            rev,
            "--",
            dir,
        ])?;
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let mut files = Vec::new();
        for name in String::from_utf8_lossy(&listing).lines() {
            if !(name.ends_with(".rhai") || name.ends_with(".toml")) {
                continue;
            }
            let text = git(&["show", &format!("{rev}:{name}")])?;
            files.push(PackFile {
                path: name.strip_prefix(&prefix).unwrap_or(name).to_string(),
                text: String::from_utf8(text).map_err(|_| PackError::NotUtf8 {
                    file: format!("{rev}:{name}"),
                })?,
            });
        }
        if files.is_empty() {
            return Err(PackError::NoRules {
                rev: rev.to_string(),
                dir: dir.to_string(),
            });
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(PackSource {
            origin: format!("git:{rev}"),
            files,
        })
    }

    pub fn file(&self, name: &str) -> Option<&PackFile> {
        self.files.iter().find(|f| f.path == name)
    }

    /// A digest of every file, so a verdict can say which pack graded it.
    pub fn digest(&self) -> String {
        let mut h = Fnv::new();
        for f in &self.files {
            h.write(f.path.as_bytes());
            h.write(&[0]);
            h.write(f.text.as_bytes());
            h.write(&[0]);
        }
        h.hex()
    }
}

/// A pack that cannot be used at all (a broken rule is a [`PackProblem`] instead).
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("{origin}/thresholds.toml：{error}")]
    Thresholds {
        origin: String,
        error: ThresholdError,
    },
    /// A `--set` or dabiao.toml override.
    #[error(transparent)]
    Override(#[from] ThresholdError),
    #[error("{origin} 中没有 grading.toml")]
    NoGrading { origin: String },
    #[error("{origin}/{error}")]
    Grading {
        origin: String,
        error: super::grading::GradingError,
    },
    #[error("无法运行 git：{0}")]
    GitMissing(String),
    #[error("git {args}：{stderr}")]
    Git { args: String, stderr: String },
    #[error("{file} 不是 UTF-8 文本")]
    NotUtf8 { file: String },
    #[error("在 {rev} 中没有找到规则目录 {dir}")]
    NoRules { rev: String, dir: String },
    /// Two rule files with one id; `places` shows each at its `id` line.
    #[error("规则包无法使用：规则编号 {ids} 重复（{files}），每条规则的 id 必须唯一")]
    DuplicateIds {
        ids: String,
        files: String,
        places: Vec<PackProblem>,
    },
}

/// A problem with the pack itself (bad header, script syntax error), shown with
/// miette pointing into the rule file.
#[derive(Debug, Clone)]
pub struct PackProblem {
    pub file: SourceFile,
    pub span: Span,
    pub message: String,
    pub help: String,
    /// The rule it disables, if its id is known.
    pub rule_id: Option<String>,
}
