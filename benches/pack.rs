//! How long the whole check takes on one report: load + schema + the whole rule
//! pack + grade, per bundled example; and the rule pack alone on a loaded dataset.
//!
//! Run: `cargo bench --bench pack`. Criterion reports the median of many samples.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{Criterion, criterion_group};
use dabiao::check::Checker;
use dabiao::dataset::Limits;
use dabiao::inputs::Input;
use dabiao::load::load_file;
use dabiao::rules::engine::SandboxLimits;
use dabiao::rules::{PackSource, RulePack};
use dabiao::schema::{Schema, SchemaIndex};

fn examples() -> Vec<Input> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    [
        "linfen-2024-city-secondary.yaml",
        "school-secondary-2024.toml",
        "school-higher-2024.json",
        "province-2024-both.yaml",
    ]
    .iter()
    .map(|n| Input::new(dir.join(n), *n))
    .collect()
}

fn pack() -> RulePack {
    RulePack::load(&PackSource::embedded(), &[], SandboxLimits::default())
        .expect("embedded pack loads")
}

fn bench(c: &mut Criterion) {
    let checker = Checker::new(Schema::embedded(), Some(pack()), Limits::default());
    let mut group = c.benchmark_group("check one report");
    for input in examples() {
        group.bench_function(input.display.clone(), |b| {
            b.iter(|| black_box(checker.check(black_box(&input))))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("load only");
    for input in examples() {
        group.bench_function(input.display.clone(), |b| {
            b.iter(|| black_box(load_file(&input.path, &input.display, &Limits::default())))
        });
    }
    group.finish();

    let schema = Schema::embedded();
    let mut group = c.benchmark_group("schema only");
    for input in examples() {
        let loaded = load_file(&input.path, &input.display, &Limits::default());
        let (dataset, source) = (loaded.dataset.expect("loads"), loaded.source.expect("text"));
        group.bench_function(input.display.clone(), |b| {
            b.iter(|| black_box(schema.validate(&dataset, &source)))
        });
    }
    group.finish();

    let pack = pack();
    let index = Arc::new(SchemaIndex::new(Schema::embedded().value().clone()));
    let mut group = c.benchmark_group("rule pack only");
    for input in examples() {
        let loaded = load_file(&input.path, &input.display, &Limits::default());
        let value = loaded.dataset.expect("example loads").value;
        group.bench_function(input.display.clone(), |b| {
            b.iter(|| black_box(pack.run(Arc::clone(&value), Arc::clone(&index), false)))
        });
    }
    group.finish();
}

/// Not a criterion benchmark: the median time of each rule on the examples,
/// slowest first (`cargo bench --bench pack -- --rules`).
fn per_rule() {
    let pack = pack();
    let index = Arc::new(SchemaIndex::new(Schema::embedded().value().clone()));
    let reports: Vec<_> = examples()
        .iter()
        .map(|i| {
            load_file(&i.path, &i.display, &Limits::default())
                .dataset
                .expect("loads")
                .value
        })
        .map(|v| pack.context(v, Arc::clone(&index)))
        .collect();
    let rows = dabiao::rules::profile::per_rule(&pack, &reports, 101);
    let total: u128 = rows.iter().map(|r| r.1).sum();
    println!(
        "per-rule medians over the examples (total {:.1} µs per report):",
        total as f64 / 1000.0
    );
    for (id, ns) in rows {
        println!("  {id:<8} {:>8.1} µs", ns as f64 / 1000.0);
    }
}

fn main() {
    if std::env::args().any(|a| a == "--rules") {
        per_rule();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

criterion_group!(benches, bench);
