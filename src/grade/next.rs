//! "升到 X": the smallest set of fixes that raises the grade one step.
//!
//! Smallest means the fewest findings to fix (the places a school must edit), then
//! the fewest codes, then the most points gained, then the first codes in code order.
//! Fixing a code means fixing all its counted findings: it clears that code's points
//! and its caps. Every code whose cap is worse than the target must be fixed; among
//! the others the choice is a 0/1 knapsack (fewest findings whose points bring the
//! score to the target's band floor), solved exactly by a table over findings counts,
//! which stays small because a report has at most `MAX_FINDINGS_PER_FILE` findings.
//!
//! Points are compared in hundredths, as integers: weights may be fractional (0.5),
//! and a sum of floats must neither decide a tie nor miss a band floor by 1e-15.

use super::{CapApplied, Cost, Grade, GradingConfig, NextGrade};

/// The next grade up and the smallest set of fixes that reaches it; `None` for an A,
/// or when no set of fixes reaches the next grade.
pub fn next_grade(
    config: &GradingConfig,
    grade: Grade,
    costs: &[Cost],
    caps: &[CapApplied],
) -> Option<NextGrade> {
    let target = grade.better()?;
    let mut forced: Vec<&str> = Vec::new();
    for cap in caps.iter().filter(|c| c.grade > target) {
        if !forced.contains(&cap.code.as_str()) {
            forced.push(&cap.code);
        }
    }
    let is_forced = |c: &Cost| forced.contains(&c.code.as_str());
    let lost: i64 = costs.iter().map(|c| hundredths(c.points)).sum();
    let gained: i64 = costs
        .iter()
        .filter(|c| is_forced(c))
        .map(|c| hundredths(c.points))
        .sum();
    let floor = config.band_floor(target);
    let needed = if floor <= 0.0 {
        0
    } else {
        lost - gained - hundredths(100.0 - floor)
    };
    let mut open: Vec<&Cost> = costs
        .iter()
        .filter(|c| !is_forced(c) && hundredths(c.points) > 0 && c.findings > 0)
        .collect();
    open.sort_by(|a, b| a.code.cmp(&b.code));
    let items: Vec<Item> = open
        .iter()
        .map(|c| Item {
            findings: c.findings,
            points: hundredths(c.points),
        })
        .collect();
    let chosen: Vec<&str> = fewest(&items, needed)?
        .into_iter()
        .map(|i| open[i].code.as_str())
        .collect();
    Some(advice(target, costs, &forced, &chosen))
}

/// The codes to fix, forced ones first, each group most valuable first (the order
/// of `costs`), and how many findings they hold.
fn advice(target: Grade, costs: &[Cost], forced: &[&str], chosen: &[&str]) -> NextGrade {
    let mut fix: Vec<String> = Vec::new();
    for group in [forced, chosen] {
        fix.extend(
            costs
                .iter()
                .filter(|c| group.contains(&c.code.as_str()))
                .map(|c| c.code.clone()),
        );
        // A cap whose code has no cost entry (it should not happen) is still named.
        fix.extend(
            group
                .iter()
                .filter(|g| !costs.iter().any(|c| c.code == **g))
                .map(|g| g.to_string()),
        );
    }
    let findings = costs
        .iter()
        .filter(|c| fix.contains(&c.code))
        .map(|c| c.findings)
        .sum();
    NextGrade {
        grade: target,
        fix,
        findings,
    }
}

/// Points as whole hundredths (the grader's score is counted the same way, so the
/// advice and the grade never disagree by a rounding error).
pub(super) fn hundredths(points: f64) -> i64 {
    (points * 100.0).round() as i64
}

/// One code that may be fixed: its findings and the points (in hundredths) fixing
/// it gains.
#[derive(Debug, Clone, Copy)]
struct Item {
    findings: usize,
    points: i64,
}

/// Cells × words above which the table drops the fewer-codes tie-break (only a
/// report with hundreds of codes and hundreds of findings to fix comes near it).
const TABLE_BUDGET: usize = 1 << 21;

/// The items (indices, ascending) to fix: points ≥ `needed` with the fewest findings,
/// then the fewest items, then the most points, then the first items; `None` when
/// even all items fall short.
fn fewest(items: &[Item], needed: i64) -> Option<Vec<usize>> {
    if needed <= 0 {
        return Some(Vec::new());
    }
    let findings = fewest_findings(items, needed)?;
    let words = items.len().div_ceil(64).max(1);
    let slots = items.len().min(findings) + 1;
    let by_codes = (findings + 1) * slots * words <= TABLE_BUDGET;
    Table::fill(items, findings, by_codes).best(needed)
}

/// The fewest findings whose items reach `needed` points (points only, no sets).
fn fewest_findings(items: &[Item], needed: i64) -> Option<usize> {
    let total: usize = items.iter().map(|i| i.findings).sum();
    let mut best: Vec<Option<i64>> = vec![None; total + 1];
    best[0] = Some(0);
    for it in items {
        for f in (it.findings..=total).rev() {
            if let Some(p) = best[f - it.findings] {
                let p = p + it.points;
                if best[f].is_none_or(|b| p > b) {
                    best[f] = Some(p);
                }
            }
        }
    }
    best.iter().position(|p| p.is_some_and(|p| p >= needed))
}

/// For each count of findings (and of items, when `by_codes`), the most points any
/// set of items reaches with exactly those counts, and of such sets the first in
/// item order. Filling items in order keeps "first" exact: two sets of the items
/// seen so far compare as they will once the same later items join both.
struct Table {
    /// Item-count slots per findings count (1 when not counting items).
    slots: usize,
    words: usize,
    by_codes: bool,
    /// `i64::MIN`: no set has these counts.
    points: Vec<i64>,
    sets: Vec<u64>,
}

impl Table {
    fn fill(items: &[Item], max_findings: usize, by_codes: bool) -> Table {
        let words = items.len().div_ceil(64).max(1);
        let slots = if by_codes {
            items.len().min(max_findings) + 1
        } else {
            1
        };
        let cells = (max_findings + 1) * slots;
        let mut t = Table {
            slots,
            words,
            by_codes,
            points: vec![i64::MIN; cells],
            sets: vec![0; cells * words],
        };
        t.points[0] = 0;
        let mut set = vec![0u64; words];
        for (i, it) in items.iter().enumerate() {
            // An item always has a finding (a code is counted because one was).
            if it.findings == 0 || it.findings > max_findings {
                continue;
            }
            for f in (it.findings..=max_findings).rev() {
                for k in (usize::from(by_codes)..slots).rev() {
                    let from = t.cell(f - it.findings, k.saturating_sub(1));
                    if t.points[from] == i64::MIN {
                        continue;
                    }
                    let p = t.points[from] + it.points;
                    let to = t.cell(f, k);
                    if p < t.points[to] {
                        continue;
                    }
                    set.copy_from_slice(t.set(from));
                    set[i / 64] |= 1 << (i % 64);
                    if p > t.points[to] || first(&set, t.set(to)) {
                        t.points[to] = p;
                        t.sets[to * words..(to + 1) * words].copy_from_slice(&set);
                    }
                }
            }
        }
        t
    }

    fn cell(&self, findings: usize, items: usize) -> usize {
        findings * self.slots + if self.by_codes { items } else { 0 }
    }

    fn set(&self, cell: usize) -> &[u64] {
        &self.sets[cell * self.words..(cell + 1) * self.words]
    }

    /// The set with the fewest findings, then items, that reaches `needed`.
    fn best(&self, needed: i64) -> Option<Vec<usize>> {
        let cell = (0..self.points.len()).find(|&c| self.points[c] >= needed)?;
        let set = self.set(cell);
        Some(
            (0..set.len() * 64)
                .filter(|&i| set[i / 64] >> (i % 64) & 1 == 1)
                .collect(),
        )
    }
}

/// Whether set `a` comes before set `b` of as many items: it holds the first item
/// in which they differ.
fn first(a: &[u64], b: &[u64]) -> bool {
    a.iter()
        .zip(b)
        .find(|(x, y)| x != y)
        .is_some_and(|(x, y)| (x ^ y).trailing_zeros() == (x & !y).trailing_zeros())
}

#[cfg(test)]
mod tests;
