//! Command-line inputs (files, directories, glob patterns) → the files to check,
//! in a stable order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::dataset::Format;

/// A file to check and the name to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub display: String,
    /// A spreadsheet holding this report's data tables (`--tables`, or a file of the
    /// same name beside it): the prose is read from `path`, the tables from here.
    pub tables: Option<Box<Input>>,
}

impl Input {
    pub fn new(path: impl Into<PathBuf>, display: impl Into<String>) -> Input {
        Input {
            path: path.into(),
            display: display.into(),
            tables: None,
        }
    }
}

/// What could not be expanded: a path that does not exist, a pattern that matches
/// nothing, an unreadable directory. These are usage errors (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub input: String,
    pub reason: String,
}

/// Expands inputs. A file named explicitly is always checked (its format is judged
/// later); directories are walked recursively for dataset extensions, sorted by path.
pub fn expand(inputs: &[String]) -> (Vec<Input>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |path: PathBuf, files: &mut Vec<Input>| {
        if seen.insert(path.clone()) {
            let display = path.to_string_lossy().into_owned();
            files.push(Input::new(path, display));
        }
    };
    for raw in inputs {
        let path = Path::new(raw);
        if path.is_dir() {
            match walk(path) {
                Ok(found) if found.is_empty() => errors.push(InputError {
                    input: raw.clone(),
                    reason: "目录中没有可检查的文件（dabiao 读取 .docx、.pdf、.txt、.md 报告，\
                             .xlsx、.xls、.ods、.csv 数据表和 .json、.yaml、.yml、.toml 数据集）"
                        .to_string(),
                }),
                Ok(found) => found.into_iter().for_each(|p| add(p, &mut files)),
                Err(e) => errors.push(InputError {
                    input: raw.clone(),
                    reason: format!("无法读取目录：{}", crate::base::files::io_reason(&e)),
                }),
            }
        } else if path.exists() || path.symlink_metadata().is_ok() {
            add(path.to_path_buf(), &mut files);
        } else if raw.contains(['*', '?', '[']) {
            match glob::glob(raw) {
                Ok(paths) => {
                    let mut matched: Vec<PathBuf> = paths
                        .filter_map(Result::ok)
                        .filter(|p| p.is_file())
                        .collect();
                    matched.sort();
                    if matched.is_empty() {
                        errors.push(InputError {
                            input: raw.clone(),
                            reason: "没有匹配的文件".to_string(),
                        });
                    }
                    matched.into_iter().for_each(|p| add(p, &mut files));
                }
                Err(e) => errors.push(InputError {
                    input: raw.clone(),
                    reason: format!("通配符写法有误：{}", pattern_error(&e)),
                }),
            }
        } else {
            errors.push(InputError {
                input: raw.clone(),
                reason: "文件或目录不存在".to_string(),
            });
        }
    }
    (files, errors)
}

/// A report and a spreadsheet of the same name in the same folder (`报告.docx` and
/// `报告.xlsx`) are one submission: the spreadsheet holds the report's tables, so it is
/// checked with the report instead of on its own. Only an unambiguous pair is joined
/// (one report text and one spreadsheet of that name).
pub fn pair_tables(files: Vec<Input>) -> Vec<Input> {
    let key = |i: &Input| {
        (
            i.path.parent().map(Path::to_path_buf),
            i.path.file_stem().map(|s| s.to_os_string()),
        )
    };
    let format = |i: &Input| Format::from_path(&i.path);
    let mut out: Vec<Input> = Vec::with_capacity(files.len());
    let mut taken = vec![false; files.len()];
    for (n, file) in files.iter().enumerate() {
        if taken[n] || !format(file).is_some_and(Format::is_report_text) {
            continue;
        }
        let same: Vec<usize> = (0..files.len())
            .filter(|&j| key(&files[j]) == key(file))
            .collect();
        let reports = same
            .iter()
            .filter(|&&j| format(&files[j]).is_some_and(Format::is_report_text))
            .count();
        let sheets: Vec<usize> = same
            .iter()
            .copied()
            .filter(|&j| format(&files[j]).is_some_and(Format::is_spreadsheet))
            .collect();
        if let ([sheet], 1) = (&sheets[..], reports) {
            taken[*sheet] = true;
        }
    }
    for (n, file) in files.iter().enumerate() {
        if taken[n] {
            continue;
        }
        let mut file = file.clone();
        if format(&file).is_some_and(Format::is_report_text) {
            file.tables = files
                .iter()
                .enumerate()
                .find(|(j, t)| taken[*j] && key(t) == key(&file))
                .map(|(_, t)| Box::new(t.clone()));
        }
        out.push(file);
    }
    out
}

/// A glob pattern's error in Chinese, with its position (1-based character).
pub fn pattern_error(e: &glob::PatternError) -> String {
    let what = match e.msg {
        "invalid range pattern" => "方括号 [ ] 没有配对或范围写法不对",
        "wildcards are either regular `*` or recursive `**`" => "星号只能写成 * 或 **",
        m if m.starts_with("recursive wildcards") => "** 必须单独作为路径的一段，例如 a/**/b",
        _ => "写法不对",
    };
    format!("第 {} 个字符处{what}", e.pos + 1)
}

/// Why writing a report to `target` would overwrite or feed an input, if it would:
/// the same file as an input (also through a link or another spelling of the path),
/// or a file a walk of an input directory picks up. Checked before anything runs.
pub fn output_conflict(target: &Path, inputs: &[String], files: &[Input]) -> Option<String> {
    let to = resolved(target)?;
    if let Some(f) = files
        .iter()
        .find(|f| resolved(&f.path).as_ref() == Some(&to))
    {
        return Some(format!(
            "报告文件 {} 就是要检查的输入 {}，写报告会覆盖它；请换一个报告文件名",
            target.display(),
            f.display
        ));
    }
    let dir = inputs
        .iter()
        .map(Path::new)
        .filter(|d| d.is_dir())
        .find(|d| resolved(d).is_some_and(|d| to.starts_with(&d)))?;
    is_candidate(&to).then(|| {
        format!(
            "报告文件 {} 在要检查的目录 {} 之中，会被当作一份报告读入；请写到这个目录之外",
            target.display(),
            dir.display()
        )
    })
}

/// The absolute path a path names, links resolved; for a file not yet written, its
/// directory's resolved path and its name.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

/// Reports (and their tables) in formats dabiao does not read. A folder walk lists
/// them anyway, so that each gets a row saying how to convert it instead of
/// vanishing from the batch.
pub const UNSUPPORTED_REPORTS: &[&str] = &["doc", "wps", "wpt", "rtf", "odt", "et", "numbers"];

/// Whether a walk picks the file up: a format dabiao reads, or a report in one it
/// does not (checked as unreadable, with a conversion hint).
fn is_candidate(path: &Path) -> bool {
    Format::from_path(path).is_some()
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| UNSUPPORTED_REPORTS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Files a folder of reports often holds besides the reports: its README and
/// licence, and Word's lock files (`~$报告.docx`). Named explicitly, they are checked.
fn is_not_a_report(name: &str) -> bool {
    let upper = name.to_uppercase();
    name.starts_with("~$")
        || ["README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING"]
            .iter()
            .any(|w| upper.starts_with(w))
}

/// The files under `dir`, sorted. Only `dir` itself failing is an error: a subfolder
/// that cannot be read is listed like a file, so the batch gives it a row saying why
/// and goes on.
fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    list_folder(std::fs::read_dir(dir)?, &mut stack, &mut out);
    while let Some(d) = stack.pop() {
        match std::fs::read_dir(&d) {
            Ok(entries) => list_folder(entries, &mut stack, &mut out),
            Err(_) => out.push(d),
        }
    }
    out.sort();
    Ok(out)
}

fn list_folder(entries: std::fs::ReadDir, folders: &mut Vec<PathBuf>, files: &mut Vec<PathBuf>) {
    // An entry that vanished between listing and reading is simply not there.
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => folders.push(path),
            _ if is_candidate(&path) && !is_not_a_report(&name.to_string_lossy()) => {
                files.push(path)
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(files: &[Input]) -> Vec<(String, Option<String>)> {
        files
            .iter()
            .map(|f| {
                (
                    f.display.clone(),
                    f.tables.as_ref().map(|t| t.display.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn a_report_and_a_spreadsheet_of_one_name_pair_only_when_unambiguous() {
        let files: Vec<Input> = [
            "a/甲.docx",
            "a/甲.xlsx", // a pair
            "a/乙.pdf",
            "a/乙.xlsx",
            "a/乙.csv", // two spreadsheets: no pair
            "a/丙.docx",
            "a/丙.txt",
            "a/丙.ods", // two reports: no pair
            "b/甲.csv", // another folder
            "a/丁.yaml",
            "a/丁.xlsx", // a dataset is not a report text
        ]
        .iter()
        .map(|p| Input::new(*p, *p))
        .collect();
        let paired = names(&pair_tables(files));
        let with = |r: &str, t: &str| (r.to_string(), Some(t.to_string()));
        let alone = |r: &str| (r.to_string(), None);
        assert_eq!(
            paired,
            [
                with("a/甲.docx", "a/甲.xlsx"),
                alone("a/乙.pdf"),
                alone("a/乙.xlsx"),
                alone("a/乙.csv"),
                alone("a/丙.docx"),
                alone("a/丙.txt"),
                alone("a/丙.ods"),
                alone("b/甲.csv"),
                alone("a/丁.yaml"),
                alone("a/丁.xlsx"),
            ]
        );
    }

    #[test]
    fn directories_globs_and_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/.hidden")).unwrap();
        for f in [
            "b.json",
            "a.yaml",
            "sub/c.toml",
            "sub/notes.log",
            "sub/report.docx",
            "sub/~$report.docx",
            "sub/old.DOC",
            "sub/scan.pdf",
            "sub/~$old.doc",
            "README.md",
            "sub/.hidden/d.json",
        ] {
            std::fs::write(root.join(f), "{}").unwrap();
        }
        let r = root.to_string_lossy().to_string();
        let (files, errors) = expand(&[
            r.clone(),
            format!("{r}/*.json"),
            format!("{r}/nothing*.json"),
            format!("{r}/missing.json"),
        ]);
        let names: Vec<String> = files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "a.yaml",
                "b.json",
                "sub/c.toml",
                "sub/old.DOC",
                "sub/report.docx",
                "sub/scan.pdf"
            ]
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].reason, "没有匹配的文件");
        assert_eq!(errors[1].reason, "文件或目录不存在");
    }
}
