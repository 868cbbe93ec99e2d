//! How long the whole check takes on one report: load + schema + the whole rule
//! pack + grade, per bundled example; and the rule pack alone on a loaded dataset.
//!
//! Run: `cargo bench --bench pack`. Criterion reports the median of many samples.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{Criterion, criterion_group};
use dabiao::check::Checker;
use dabiao::dataset::{Limits, load_file};
use dabiao::inputs::Input;
use dabiao::rules::engine::Limits as RuleLimits;
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
    .map(|n| Input {
        path: dir.join(n),
        display: n.to_string(),
    })
    .collect()
}

fn pack() -> RulePack {
    RulePack::load(&PackSource::embedded(), &[], RuleLimits::default())
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

    let pack = pack();
    let index = Arc::new(SchemaIndex::new(Schema::embedded().value().clone()));
    let mut group = c.benchmark_group("rule pack only");
    for input in examples() {
        let loaded = load_file(&input.path, &input.display, &Limits::default());
        let value = loaded.dataset.expect("example loads").value;
        group.bench_function(input.display.clone(), |b| {
            b.iter(|| black_box(pack.run(Arc::clone(&value), Arc::clone(&index))))
        });
    }
    group.finish();
}

/// Not a criterion benchmark: the median time of each rule on the province example,
/// slowest first, printed once (`cargo bench --bench pack -- --rules`).
fn per_rule() {
    let pack = pack();
    let index = Arc::new(SchemaIndex::new(Schema::embedded().value().clone()));
    let input = &examples()[3];
    let value = load_file(&input.path, &input.display, &Limits::default())
        .dataset
        .expect("loads")
        .value;
    let ctx = pack.context(value, index);
    let mut rows: Vec<(u128, &str)> = pack
        .rules
        .iter()
        .map(|rule| {
            let mut times: Vec<u128> = (0..201)
                .map(|_| {
                    let mut out = Vec::new();
                    let t = std::time::Instant::now();
                    pack.run_rule(rule, &ctx, &mut out);
                    black_box(out);
                    t.elapsed().as_nanos()
                })
                .collect();
            times.sort_unstable();
            (times[100], rule.meta.id.as_str())
        })
        .collect();
    rows.sort_unstable_by(|a, b| b.cmp(a));
    let total: u128 = rows.iter().map(|r| r.0).sum();
    println!(
        "per-rule medians on {} (total {:.1} µs):",
        input.display,
        total as f64 / 1000.0
    );
    for (ns, id) in rows {
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
