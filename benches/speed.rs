//! The speed benchmark (issue 17): generates seeded corpora in a temporary directory
//! (benches/corpus) and runs the release binary on them:
//!
//! - 1k and 10k datasets (100k with `--100k`; it takes minutes), `--jobs 1` and `2`;
//! - the 1k again with `--no-rules`, and with every rule script emptied (the floor
//!   under the scripts: benches/corpus/emptied.rs);
//! - 1k report texts of ~100 KB, `--jobs 1` and `2`;
//! - one ~200-page .docx alone; one small report from process start (median of 20);
//! - check-jsonschema (schema only) on the same 1k dataset files, when it is on PATH
//!   or in $CHECK_JSONSCHEMA.
//!
//! Each measured command is `dabiao check --quiet --stats --format jsonl --jobs N DIR`
//! (stdout discarded); reports/s, peak RSS and the time per stage come from the
//! `--stats` lines. Medians of R runs (100k: one run). Prints a markdown table ready
//! for docs/performance.md.
//!
//! Run: `cargo bench --bench speed -- [--quick] [--100k] [--runs R] [--texts N]
//! [--seed S] [--keep DIR] [--only small|big|texts|single]` (`--quick`: 200 datasets,
//! 20 texts, one run each: a smoke test). `--keep DIR` writes the corpora to DIR and
//! leaves them there. `--only` runs one group: small (1k datasets, with and without
//! rules, with the scripts emptied, and check-jsonschema), big (10k, and 100k with --100k), 100k (100k alone),
//! texts, or single (the .docx and one small report). `DABIAO_BIN=path` measures
//! another build of the binary (before and after a change) instead of this tree's.

#[allow(dead_code)]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use corpus::stats::STAGES;

struct Args {
    quick: bool,
    big: bool,
    runs: usize,
    texts: usize,
    seed: u64,
    keep: Option<PathBuf>,
    only: Option<String>,
}

fn args() -> Args {
    let mut a = Args {
        quick: false,
        big: false,
        runs: 3,
        texts: 1000,
        seed: 17,
        keep: None,
        only: None,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut it = argv.iter();
    while let Some(x) = it.next() {
        let mut num = || it.next().and_then(|v| v.parse::<u64>().ok());
        match x.as_str() {
            "--quick" => a.quick = true,
            "--100k" => a.big = true,
            "--runs" => a.runs = num().unwrap_or(3).max(1) as usize,
            "--texts" => a.texts = num().unwrap_or(1000) as usize,
            "--seed" => a.seed = num().unwrap_or(17),
            "--keep" => a.keep = it.next().map(PathBuf::from),
            "--only" => a.only = it.next().cloned(),
            _ => {} // cargo passes --bench; anything else is ignored
        }
    }
    if a.quick {
        a.runs = 1;
        a.texts = a.texts.min(20);
    }
    a
}

/// What one run of the binary gave.
#[derive(Clone, Default)]
struct Run {
    wall: f64,
    files: usize,
    secs: Option<f64>,
    peak_mib: Option<f64>,
    stages: Option<[f64; 8]>,
}

/// The run's figures from its `--stats` lines (corpus::stats).
fn parse_stats(stderr: &str, wall: f64) -> Run {
    let (files, secs, peak_mib) = corpus::stats::batch(stderr).unwrap_or((0, None, None));
    Run {
        wall,
        files,
        secs,
        peak_mib,
        stages: corpus::stats::stages(stderr),
    }
}

fn dabiao(args: &[&str], target: &Path) -> Run {
    let started = Instant::now();
    let bin = std::env::var_os("DABIAO_BIN").unwrap_or(env!("CARGO_BIN_EXE_dabiao").into());
    let out = Command::new(bin)
        .args(args)
        .arg(target)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("dabiao runs");
    let wall = started.elapsed().as_secs_f64();
    parse_stats(&String::from_utf8_lossy(&out.stderr), wall)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    if xs.is_empty() {
        return f64::NAN;
    }
    xs[xs.len() / 2]
}

/// The median of `runs` runs, stage by stage and figure by figure.
fn median_run(runs: &[Run]) -> Run {
    let opt = |f: &dyn Fn(&Run) -> Option<f64>| {
        let xs: Vec<f64> = runs.iter().filter_map(f).collect();
        (!xs.is_empty()).then(|| median(xs))
    };
    let stages = runs.iter().all(|r| r.stages.is_some()).then(|| {
        let mut st = [0.0; 8];
        for (i, s) in st.iter_mut().enumerate() {
            *s = median(runs.iter().map(|r| r.stages.unwrap()[i]).collect());
        }
        st
    });
    Run {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        files: runs.first().map_or(0, |r| r.files),
        secs: opt(&|r| r.secs),
        peak_mib: opt(&|r| r.peak_mib),
        stages,
    }
}

/// One table row.
struct Row {
    what: String,
    jobs: String,
    runs: usize,
    run: Run,
    ratio: Option<f64>,
}

impl Row {
    fn rate(&self) -> f64 {
        self.run.files as f64 / self.run.secs.unwrap_or(self.run.wall).max(1e-9)
    }
}

fn fmt_opt(x: Option<f64>, digits: usize) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{v:.digits$}"),
        _ => "—".to_string(),
    }
}

fn print_table(rows: &[Row]) {
    println!();
    println!(
        "| workload | jobs | runs | files | median s | reports/s | 1→2 jobs | peak RSS MiB | ms per report: {} |",
        STAGES.join(" / ")
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let per_report = r.run.stages.map_or("—".to_string(), |st| {
            st.iter()
                .map(|ms| fmt_opt(Some(ms / r.run.files.max(1) as f64), 3))
                .collect::<Vec<_>>()
                .join(" / ")
        });
        println!(
            "| {} | {} | {} | {} | {:.3} | {:.1} | {} | {} | {} |",
            r.what,
            r.jobs,
            r.runs,
            r.run.files,
            r.run.secs.unwrap_or(r.run.wall),
            r.rate(),
            r.ratio.map_or(String::new(), |x| format!("{x:.2}×")),
            fmt_opt(r.run.peak_mib, 1),
            per_report
        );
    }
}

/// `check --quiet --stats --format jsonl --jobs J DIR` for J = 1, 2: two rows.
fn batch_rows(what: &str, dir: &Path, runs: usize, extra: &[&str]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for jobs in ["1", "2"] {
        let mut args = vec!["check", "--quiet", "--stats", "--format", "jsonl"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--jobs", jobs]);
        let all: Vec<Run> = (0..runs).map(|_| dabiao(&args, dir)).collect();
        let run = median_run(&all);
        eprintln!(
            "  {what}, --jobs {jobs}: {} files in {:.2} s, peak RSS {} MiB",
            run.files,
            run.secs.unwrap_or(run.wall),
            fmt_opt(run.peak_mib, 1)
        );
        rows.push(Row {
            what: what.to_string(),
            jobs: jobs.to_string(),
            runs,
            run,
            ratio: None,
        });
    }
    let ratio = rows[1].rate() / rows[0].rate();
    rows[1].ratio = Some(ratio);
    rows
}

/// check-jsonschema from $CHECK_JSONSCHEMA or PATH, if it runs.
fn check_jsonschema() -> Option<String> {
    let exe = std::env::var("CHECK_JSONSCHEMA").unwrap_or_else(|_| "check-jsonschema".into());
    let ok = Command::new(&exe)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(exe)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// check-jsonschema over every file of `dir`: the median wall time of `runs` runs.
fn jsonschema_row(exe: &str, dir: &Path, runs: usize) -> Row {
    let files = files_under(dir);
    let schema = corpus::root().join("schemas/report.schema.json");
    let walls: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let _ = Command::new(exe)
                .arg("--schemafile")
                .arg(&schema)
                .args(&files)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("check-jsonschema runs");
            started.elapsed().as_secs_f64()
        })
        .collect();
    let wall = median(walls);
    eprintln!("  check-jsonschema: {} files in {wall:.2} s", files.len());
    Row {
        what: format!("check-jsonschema (schema only), {} datasets", files.len()),
        jobs: "1".into(),
        runs,
        run: Run {
            wall,
            files: files.len(),
            ..Run::default()
        },
        ratio: None,
    }
}

/// Single files: the .docx alone and one small report from process start. The wall
/// time of the process is what counts here (it includes start-up).
fn single_row(what: &str, file: &Path, runs: usize) -> Row {
    let all: Vec<Run> = (0..runs)
        .map(|_| dabiao(&["check", "--quiet", "--stats", "--jobs", "1"], file))
        .collect();
    let mut run = median_run(&all);
    run.secs = None; // from process start
    run.files = 1;
    eprintln!("  {what}: {:.1} ms", run.wall * 1000.0);
    Row {
        what: format!("{what} (ms from process start: {:.1})", run.wall * 1000.0),
        jobs: "1".into(),
        runs,
        run,
        ratio: None,
    }
}

fn datasets(base: &Path, n: usize, seed: u64) -> PathBuf {
    let dir = base.join(format!("datasets-{n}"));
    let started = Instant::now();
    let m = corpus::write_datasets(&dir, n, seed);
    std::fs::write(
        base.join(format!("manifest-datasets-{n}.json")),
        m.to_json(seed, "datasets"),
    )
    .expect("manifest");
    eprintln!(
        "generated {n} datasets in {:.1} s: {}",
        started.elapsed().as_secs_f64(),
        m.summary()
    );
    dir
}

fn texts(base: &Path, n: usize, seed: u64) -> PathBuf {
    let dir = base.join(format!("texts-{n}"));
    let m = corpus::text::write_texts(&dir, n, seed, 100_000);
    std::fs::write(
        base.join(format!("manifest-texts-{n}.json")),
        m.to_json(seed, "texts"),
    )
    .expect("manifest");
    eprintln!("generated {n} report texts: {}", m.summary());
    dir
}

/// The 1k datasets with and without rules, and check-jsonschema on the same files.
fn small_rows(a: &Args, base: &Path) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let small = if a.quick { 200 } else { 1000 };
    let d1 = datasets(base, small, a.seed);
    rows.extend(batch_rows(&format!("{small} datasets"), &d1, a.runs, &[]));
    let no_rules = format!("{small} datasets, --no-rules");
    rows.extend(batch_rows(&no_rules, &d1, a.runs, &["--no-rules"]));
    // The floor under the scripts: the same files with every script emptied.
    let emptied = base.join("pack-emptied");
    corpus::emptied::write_emptied_pack(&corpus::root().join("rules"), &emptied);
    let floor = format!("{small} datasets, scripts emptied");
    let pack = emptied.to_str().expect("utf-8 temp path");
    rows.extend(batch_rows(&floor, &d1, a.runs, &["--rules", pack]));
    let Some(exe) = check_jsonschema() else {
        println!("\ncheck-jsonschema: not found (set $CHECK_JSONSCHEMA or put it on PATH)");
        return rows;
    };
    let cj = jsonschema_row(&exe, &d1, a.runs);
    let vs: Vec<String> = rows
        .iter()
        .map(|r| format!("{} --jobs {}: {:.1}×", r.what, r.jobs, r.rate() / cj.rate()))
        .collect();
    rows.push(cj);
    eprintln!("dabiao ÷ check-jsonschema (reports/s): {}", vs.join("; "));
    println!("\ndabiao ÷ check-jsonschema, reports/s on the same files in this run:");
    vs.iter().for_each(|v| println!("- {v}"));
    rows
}

/// 10k datasets (and 100k with --100k, one run each), deleted after use unless kept.
fn big_rows(a: &Args, base: &Path) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let sizes: &[usize] = match (a.quick, a.big, a.only.as_deref()) {
        (_, _, Some("100k")) => &[100_000],
        (true, _, _) => &[],
        (false, false, _) => &[10_000],
        (false, true, _) => &[10_000, 100_000],
    };
    for &n in sizes {
        let d = datasets(base, n, a.seed);
        let runs = if n >= 100_000 { 1 } else { a.runs };
        rows.extend(batch_rows(&format!("{n} datasets"), &d, runs, &[]));
        if a.keep.is_none() {
            let _ = std::fs::remove_dir_all(&d);
        }
    }
    rows
}

fn report_rows(a: &Args, base: &Path, what: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    if what == "all" || what == "texts" {
        let t = texts(base, a.texts, a.seed);
        let name = format!("{} texts of ~100 KB", a.texts);
        rows.extend(batch_rows(&name, &t, a.runs, &[]));
    }
    if what == "all" || what == "single" {
        let docx = base.join("report-200-pages.docx");
        let (chars, bytes) = corpus::text::write_docx(&docx, a.seed, 420_000);
        eprintln!(
            "generated {}: {chars} characters, {bytes} bytes",
            docx.display()
        );
        rows.push(single_row("one .docx of ~200 pages", &docx, a.runs.max(5)));
        let one = corpus::root().join("examples/school-higher-2024.json");
        rows.push(single_row("one small dataset", &one, 20));
    }
    rows
}

fn main() {
    let a = args();
    let tmp = tempfile::tempdir().expect("temp dir");
    let base = a.keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&base).expect("corpus dir");
    let only = a.only.as_deref().unwrap_or("all");
    let mut rows: Vec<Row> = Vec::new();
    if only == "all" || only == "small" {
        rows.extend(small_rows(&a, &base));
    }
    if ["all", "big", "100k"].contains(&only) {
        rows.extend(big_rows(&a, &base));
    }
    rows.extend(report_rows(&a, &base, only));
    print_table(&rows);
}
