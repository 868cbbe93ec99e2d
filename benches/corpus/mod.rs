//! Seeded corpus generator for the benchmarks: datasets (the four valid examples in
//! json, yaml and toml, numbers jiggled, defects injected at known rates), report
//! texts of realistic size and a long .docx (text.rs, docx.rs); and the rule pack
//! with its scripts emptied (emptied.rs), for the floor under the scripts.
//!
//! Everything follows from one seed (splitmix64, written here: no `rand`), so two
//! runs with the same seed write byte-identical corpora. Each generator returns a
//! [`Manifest`]: how many files, and how many defects of each kind it injected.

// The tests' .docx builder, shared rather than copied (the bench uses
// fixture_parts and build of it).
#[allow(dead_code)]
#[path = "../../tests/common/docx.rs"]
pub mod docx;
pub mod emit;
pub mod emptied;
pub mod stats;
pub mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// splitmix64: small, fast and good enough to jiggle numbers.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi].
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next_u64() as usize % items.len()]
    }
}

/// What a generator wrote: files, and injected defects by kind.
#[derive(Default, Debug, Clone)]
pub struct Manifest {
    pub files: usize,
    pub bytes: u64,
    pub defects: BTreeMap<&'static str, usize>,
    /// Files with no injected defect (jiggled numbers may still give findings).
    pub clean: usize,
}

impl Manifest {
    pub fn add(&mut self, bytes: usize, defects: &[&'static str]) {
        self.files += 1;
        self.bytes += bytes as u64;
        if defects.is_empty() {
            self.clean += 1;
        }
        for d in defects {
            *self.defects.entry(d).or_default() += 1;
        }
    }

    /// One line: "1000 files, 29.4 MB; defects: a 50, b 31; 871 without".
    pub fn summary(&self) -> String {
        let kinds: Vec<String> = self
            .defects
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        format!(
            "{} files, {:.1} MB; injected: {}; {} without an injected defect",
            self.files,
            self.bytes as f64 / 1e6,
            if kinds.is_empty() {
                "none".to_string()
            } else {
                kinds.join(", ")
            },
            self.clean
        )
    }

    /// The manifest as JSON (written next to, never inside, the checked directory).
    pub fn to_json(&self, seed: u64, what: &str) -> String {
        let defects: Map<String, Value> = self
            .defects
            .iter()
            .map(|(k, n)| (k.to_string(), Value::from(*n)))
            .collect();
        let v = serde_json::json!({
            "what": what, "seed": seed, "files": self.files, "bytes": self.bytes,
            "without_injected_defect": self.clean, "defects": defects,
        });
        serde_json::to_string_pretty(&v).expect("manifest json")
    }
}

/// The four valid dataset examples: every level and stage.
pub const EXAMPLES: [&str; 4] = [
    "school-secondary-2024.toml",
    "school-higher-2024.json",
    "linfen-2024-city-secondary.yaml",
    "province-2024-both.yaml",
];

/// Defect kinds and the share of datasets each is injected into (independently).
pub const DATASET_DEFECTS: [(&str, f64); 6] = [
    ("over-threshold", 0.05),
    ("table-removed", 0.03),
    ("dash-in-always-row", 0.03),
    ("stale-report-year", 0.02),
    ("part-sum-broken", 0.05),
    ("text-in-number-cell", 0.02),
];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The examples parsed with dabiao's own loaders (comments dropped).
pub fn load_examples() -> Vec<Value> {
    use dabiao::base::source::SourceFile;
    use dabiao::dataset::{Format, Limits, parse};
    EXAMPLES
        .iter()
        .map(|name| {
            let path = root().join("examples").join(name);
            let text = std::fs::read_to_string(&path).expect("example");
            let format = Format::from_path(&path).expect("dataset format");
            let source = SourceFile::new(*name, text);
            match parse(&source, format, &Limits::default()) {
                Some(Ok((value, _, _))) => value,
                _ => panic!("example {name} does not parse"),
            }
        })
        .collect()
}

/// Writes `n` datasets under `dir` (sub-directories of 1,000): example `i % 4`,
/// format `(i / 4) % 3`, numbers jiggled, defects injected at DATASET_DEFECTS' rates.
pub fn write_datasets(dir: &Path, n: usize, seed: u64) -> Manifest {
    let examples = load_examples();
    let sums = sum_rules();
    let mut rng = Rng::new(seed);
    let mut manifest = Manifest::default();
    for i in 0..n {
        let mut v = examples[i % examples.len()].clone();
        jiggle_data(&mut v, &mut rng);
        if let Some(Value::Object(data)) = v.get_mut("data") {
            let years = data.values_mut().filter_map(Value::as_object_mut);
            for table in years.flat_map(|y| y.values_mut().filter_map(Value::as_object_mut)) {
                restore_sums(table, &sums);
            }
        }
        let mut injected = Vec::new();
        for (kind, rate) in DATASET_DEFECTS {
            if rng.chance(rate) && inject(&mut v, kind, &mut rng) {
                injected.push(kind);
            }
        }
        let ext = ["json", "yaml", "toml"][(i / examples.len()) % 3];
        let body = match ext {
            "json" => serde_json::to_string_pretty(&v).expect("json"),
            "yaml" => emit::yaml(&v),
            _ => emit::toml(&v),
        };
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).expect("corpus dir");
        std::fs::write(sub.join(format!("r{i:06}.{ext}")), &body).expect("corpus file");
        manifest.add(body.len(), &injected);
    }
    manifest
}

/// Jiggles the numbers under /data: counts (integers ≥ 20) by one factor per report
/// (0.9–1.1, so parts stay near their totals), other numbers by ±1% each.
fn jiggle_data(v: &mut Value, rng: &mut Rng) {
    let factor = 0.9 + 0.2 * rng.unit();
    if let Some(data) = v.get_mut("data") {
        jiggle(data, factor, rng);
    }
}

fn jiggle(v: &mut Value, factor: f64, rng: &mut Rng) {
    match v {
        Value::Object(m) => m.values_mut().for_each(|x| jiggle(x, factor, rng)),
        Value::Array(a) => a.iter_mut().for_each(|x| jiggle(x, factor, rng)),
        Value::Number(n) => {
            if let Some(i) = n.as_u64().filter(|i| *i >= 20) {
                *v = Value::from((i as f64 * factor).round() as u64);
            } else if let Some(f) = n.as_f64().filter(|f| f.fract() != 0.0) {
                let j = f * (0.99 + 0.02 * rng.unit());
                let j = if f <= 100.0 { j.min(100.0) } else { j };
                *v = Value::from((j * 100.0).round() / 100.0);
            }
        }
        _ => {}
    }
}

/// A part-sum relation of the rule pack: (total must equal the sum, parts, total),
/// paths relative to a year's tables ("scorecard/primary_industry").
type SumRule = (bool, Vec<String>, String);

/// The `sum_equals` and `sum_at_most` checks declared in the rules' headers.
fn sum_rules() -> Vec<SumRule> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root().join("rules"))
        .expect("rules")
        .flatten()
    {
        let Ok(files) = std::fs::read_dir(dir.path()) else {
            continue;
        };
        for f in files.flatten() {
            let text = std::fs::read_to_string(f.path()).unwrap_or_default();
            for line in text.lines().filter(|l| l.starts_with("//! sum_")) {
                let quoted: Vec<String> = line
                    .split('"')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect();
                if let Some((total, parts)) = quoted.split_last() {
                    out.push((
                        line.starts_with("//! sum_equals"),
                        parts.to_vec(),
                        total.clone(),
                    ));
                }
            }
        }
    }
    out
}

fn at<'a>(t: &'a mut Map<String, Value>, path: &str) -> Option<&'a mut Value> {
    let mut parts = path.split('/');
    let mut v = t.get_mut(parts.next()?)?;
    for p in parts {
        v = v.get_mut(p)?;
    }
    Some(v)
}

/// After jiggling, totals are made to fit their parts again (rounding broke them),
/// so that a broken sum in the corpus is one the generator injected.
fn restore_sums(t: &mut Map<String, Value>, sums: &[SumRule]) {
    for (equals, parts, total) in sums {
        let values: Option<Vec<u64>> = parts
            .iter()
            .map(|p| at(t, p).and_then(|v| v.as_u64()))
            .collect();
        let (Some(values), Some(cell)) = (values, at(t, total)) else {
            continue;
        };
        let Some(old) = cell.as_u64() else {
            continue;
        };
        let sum: u64 = values.iter().sum();
        if *equals || old < sum {
            *cell = Value::from(sum);
        }
    }
}

/// The report-year tables of every stage: `/data/<stage>/<year>`.
fn report_year_tables(v: &mut Value) -> Vec<&mut Map<String, Value>> {
    let year = v["report"]["year"].as_u64().unwrap_or(2024).to_string();
    let Some(Value::Object(data)) = v.get_mut("data") else {
        return Vec::new();
    };
    data.values_mut()
        .filter_map(|stage| stage.get_mut(&year))
        .filter_map(Value::as_object_mut)
        .collect()
}

/// A whole count of the scorecard (表1) of one year's tables.
fn scorecard_count(t: &Map<String, Value>, row: &str) -> Option<u64> {
    t.get("scorecard")?.get(row)?.as_u64()
}

/// Injects one defect; false when the dataset has no place for it.
fn inject(v: &mut Value, kind: &str, rng: &mut Rng) -> bool {
    if kind == "stale-report-year" {
        v["report"]["year"] = Value::from(2023);
        return true;
    }
    let mut tables = report_year_tables(v);
    if tables.is_empty() {
        return false;
    }
    let at = rng.next_u64() as usize % tables.len();
    let t = &mut tables[at];
    let set = |t: &mut Map<String, Value>, table: &str, row: &str, x: Value| match t
        .get_mut(table)
        .and_then(|r| r.get_mut(row))
    {
        Some(cell) => {
            *cell = x;
            true
        }
        None => false,
    };
    match kind {
        "over-threshold" => {
            let ratio = 24.0 + rng.range(0, 50) as f64 / 10.0;
            set(t, "resources", "student_teacher_ratio", Value::from(ratio))
        }
        "table-removed" => {
            let name = *rng.pick(&["satisfaction", "resources", "contribution"]);
            t.remove(name).is_some()
        }
        "dash-in-always-row" => set(t, "scorecard", "graduates", Value::from("-")),
        "part-sum-broken" => {
            let Some(n) = scorecard_count(t, "primary_industry") else {
                return false;
            };
            let bumped = n + rng.range(30, 90);
            set(t, "scorecard", "primary_industry", Value::from(bumped))
        }
        "text-in-number-cell" => {
            let Some(n) = scorecard_count(t, "placed") else {
                return false;
            };
            set(t, "scorecard", "placed", Value::from(format!("约{n}人")))
        }
        _ => false,
    }
}
