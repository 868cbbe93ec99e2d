//! `dabiao rules bench`: the median time of each rule on given reports, slowest
//! first, so that maintainers see what a rule costs before it lands.

use std::sync::Arc;
use std::time::Instant;

use super::context::ReportContext;
use super::pack::RulePack;

/// (rule id, median nanoseconds per report) for each rule, slowest first.
pub fn per_rule(
    pack: &RulePack,
    reports: &[Arc<ReportContext>],
    runs: usize,
) -> Vec<(String, u128)> {
    let runs = runs.max(1);
    let mut rows: Vec<(String, u128)> = pack
        .rules
        .iter()
        .map(|rule| {
            let mut times: Vec<u128> = (0..runs)
                .map(|_| {
                    let started = Instant::now();
                    for ctx in reports {
                        let mut out = Vec::new();
                        pack.run_rule(rule, ctx, &mut out);
                        std::hint::black_box(out);
                    }
                    started.elapsed().as_nanos() / reports.len().max(1) as u128
                })
                .collect();
            times.sort_unstable();
            (rule.meta.id.clone(), times[times.len() / 2])
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}
