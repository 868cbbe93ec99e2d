//! Batch throughput: N copies of the bundled examples (default 10,000) graded by the
//! release binary with --jobs 1 and --jobs 2; reports/s and peak memory as the
//! binary measures them (`--stats`). Medians of several runs.
//!
//! Run: `cargo bench --bench throughput` (or `-- 20000 5` for 20,000 copies, 5 runs).
//! The corpus is generated into a temporary directory, never committed.

use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLES: [&str; 4] = [
    "linfen-2024-city-secondary.yaml",
    "school-secondary-2024.toml",
    "school-higher-2024.json",
    "province-2024-both.yaml",
];

/// Writes `n` reports: the four valid examples in turn, each under its own name.
fn corpus(dir: &Path, n: usize) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let texts: Vec<(String, &str)> = EXAMPLES
        .iter()
        .map(|e| {
            (
                std::fs::read_to_string(root.join(e)).expect("example"),
                e.rsplit('.').next().unwrap_or("yaml"),
            )
        })
        .collect();
    for i in 0..n {
        let (text, ext) = &texts[i % texts.len()];
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).expect("corpus dir");
        std::fs::write(sub.join(format!("r{i:05}.{ext}")), text).expect("corpus file");
    }
}

/// (reports/s, peak MiB) from the `--stats` line.
fn parse_stats(stderr: &str) -> Option<(f64, f64)> {
    let line = stderr.lines().find(|l| l.contains("份/秒"))?;
    let rate = line
        .split("，")
        .find(|p| p.ends_with("份/秒"))?
        .trim_end_matches(" 份/秒")
        .trim()
        .parse()
        .ok()?;
    let mem = line
        .split("峰值内存 ")
        .nth(1)?
        .trim_end_matches(" MiB")
        .trim()
        .parse()
        .ok()?;
    Some((rate, mem))
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let dir = tempfile::tempdir().expect("temp dir");
    corpus(dir.path(), n);
    let bin = env!("CARGO_BIN_EXE_dabiao");
    println!("{n} reports (copies of the four valid examples), {runs} runs each, medians:");
    for jobs in ["1", "2"] {
        let mut results: Vec<(f64, f64)> = (0..runs)
            .filter_map(|_| {
                let out = Command::new(bin)
                    .args([
                        "check", "--quiet", "--stats", "--format", "jsonl", "--jobs", jobs,
                    ])
                    .arg(dir.path())
                    .output()
                    .expect("dabiao runs");
                parse_stats(&String::from_utf8_lossy(&out.stderr))
            })
            .collect();
        results.sort_by(|a, b| a.0.total_cmp(&b.0));
        let Some(&(rate, _)) = results.get(results.len() / 2) else {
            println!("  --jobs {jobs}: no result");
            continue;
        };
        let mut mems: Vec<f64> = results.iter().map(|r| r.1).collect();
        mems.sort_by(f64::total_cmp);
        println!(
            "  --jobs {jobs}: {rate:.0} reports/s, peak memory {:.1} MiB",
            mems[mems.len() / 2]
        );
    }
}
