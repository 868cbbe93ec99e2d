//! Helpers shared by the integration tests: run the real binary from the
//! fixtures directory so that paths in its output are short and stable.

#![allow(dead_code)]

pub mod docx;
pub mod pdf;

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `dabiao <args>` with the fixtures directory as working directory.
pub fn dabiao_in(dir: &Path, args: &[&str]) -> Run {
    let out = cargo_bin_cmd!("dabiao")
        .current_dir(dir)
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn dabiao(args: &[&str]) -> Run {
    dabiao_in(&fixtures(), args)
}

/// `dabiao check --no-rules --format json <file>`: the schema findings of the one file.
pub fn json_findings(file: &str) -> (i32, Vec<Value>) {
    let run = dabiao(&["check", "--no-rules", "--format", "json", file]);
    let v: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("json output: {e}\n{}", run.stdout));
    let findings = v["files"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (run.code, findings)
}

/// The single finding of a broken fixture, as (code, line, column).
pub fn only_finding(file: &str) -> (String, i64, i64, Value) {
    let (code, findings) = json_findings(file);
    assert_eq!(code, 1, "{file} must fail");
    assert_eq!(findings.len(), 1, "{file}: {findings:#?}");
    let f = findings[0].clone();
    (
        f["code"].as_str().unwrap().to_string(),
        f["line"].as_i64().unwrap(),
        f["column"].as_i64().unwrap(),
        f,
    )
}

/// `dabiao check --no-rules --format json FILE` → its findings.
pub fn findings(dir: &Path, file: &str) -> Vec<Value> {
    let run = dabiao_in(dir, &["check", "--no-rules", "--format", "json", file]);
    let v: Value = serde_json::from_str(&run.stdout).expect("json output");
    v["files"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// On Linux, asserts that a `--stats` run's peak memory (its stderr) stays under
/// `max` MiB; elsewhere `--stats` cannot measure it.
pub fn assert_peak_below(stderr: &str, max: f64) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let peak: f64 = stderr
        .split("峰值内存 ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    assert!(peak > 0.0 && peak < max, "peak {peak} MiB: {stderr}");
}

/// Every command and subcommand, as arguments before `--help` (the tests that read
/// all help texts take them from here, so a new command is covered by all of them).
pub const COMMANDS: [&[&str]; 16] = [
    &[],
    &["check"],
    &["schema"],
    &["init"],
    &["import"],
    &["export"],
    &["diff"],
    &["compare"],
    &["config"],
    &["rules"],
    &["rules", "list"],
    &["rules", "explain"],
    &["rules", "doc"],
    &["rules", "thresholds"],
    &["rules", "bench"],
    &["rules", "test"],
];
