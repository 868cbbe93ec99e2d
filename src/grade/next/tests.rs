//! The smallest set of fixes: cases where the costliest-first choice is wrong, caps
//! that must be cleared, ties, targets out of reach, fractional weights, and a
//! property test against trying every subset.

use proptest::prelude::*;

use super::*;

fn config() -> GradingConfig {
    GradingConfig::parse(include_str!("../../../rules/grading.toml")).unwrap()
}

fn cost(code: &str, findings: usize, points: f64) -> Cost {
    Cost {
        code: code.into(),
        title: String::new(),
        findings,
        raw: points,
        points,
        capped: false,
    }
}

fn cap(code: &str, grade: Grade) -> CapApplied {
    CapApplied {
        grade,
        code: code.into(),
        reason: String::new(),
    }
}

/// Costliest first, as the grader orders them.
fn sorted(mut costs: Vec<Cost>) -> Vec<Cost> {
    costs.sort_by(|a, b| b.points.total_cmp(&a.points).then(a.code.cmp(&b.code)));
    costs
}

fn next(
    grade: Grade,
    costs: Vec<Cost>,
    caps: &[CapApplied],
) -> Option<(Grade, Vec<String>, usize)> {
    next_grade(&config(), grade, &sorted(costs), caps).map(|n| (n.grade, n.fix, n.findings))
}

fn fix(codes: &[&str]) -> Vec<String> {
    codes.iter().map(|c| c.to_string()).collect()
}

#[test]
fn two_small_codes_beat_the_costliest_one() {
    // 100 − 24 − 12 − 12 = 52 (C). Costliest first would fix BIG: 10 findings.
    let costs = vec![
        cost("BIG", 10, 24.0),
        cost("S-1", 2, 12.0),
        cost("S-2", 2, 12.0),
    ];
    assert_eq!(
        next(Grade::C, costs, &[]),
        Some((Grade::B, fix(&["S-1", "S-2"]), 4))
    );
}

#[test]
fn fixing_three_errors_beats_83_warnings() {
    // The case: one warning code with 83 findings (24 points) and four
    // errors (8 each, three of one code); 100 − 24 − 24 − 8 = 44. Fixing the
    // errors gives 76 with 4 findings; the 83 warnings and ERR-2 would be 84.
    let costs = vec![
        cost("CMP-005", 83, 24.0),
        cost("ERR-1", 3, 24.0),
        cost("ERR-2", 1, 8.0),
    ];
    let caps = [cap("ERR-1", Grade::B), cap("ERR-2", Grade::B)];
    assert_eq!(
        next(Grade::C, costs, &caps),
        Some((Grade::B, fix(&["ERR-1", "ERR-2"]), 4))
    );
}

#[test]
fn a_report_already_at_the_floor_needs_only_its_caps_cleared() {
    // Score 76 (B by score), held at C by a cap: fixing the capped code is enough.
    let costs = vec![cost("BIG", 10, 24.0), cost("P-1", 1, 0.0)];
    let caps = [cap("P-1", Grade::C)];
    assert_eq!(
        next(Grade::C, costs, &caps),
        Some((Grade::B, fix(&["P-1"]), 1))
    );
}

#[test]
fn caps_worse_than_the_target_are_always_fixed() {
    // For A every error (capped at B) must go, even the costly one; the rest is
    // chosen: 100 − 24 − 3 − 6 = 67 → fixing E (24) gives 91 ≥ 90.
    let costs = vec![
        cost("E", 12, 24.0),
        cost("W-1", 1, 3.0),
        cost("W-2", 2, 6.0),
    ];
    let caps = [cap("E", Grade::B)];
    assert_eq!(
        next(Grade::B, costs.clone(), &caps),
        Some((Grade::A, fix(&["E"]), 12))
    );
    // Score 67 is C; to B the B cap does not bind, so the fewest findings: W-1 (70).
    assert_eq!(
        next(Grade::C, costs, &caps),
        Some((Grade::B, fix(&["W-1"]), 1))
    );
}

#[test]
fn forced_codes_come_first_and_count_their_points() {
    // 100 − 8 − 24 = 68, capped at C by P; P's 8 points bring it to 76.
    let costs = vec![cost("BIG", 8, 24.0), cost("P", 1, 8.0)];
    let caps = [cap("P", Grade::C)];
    assert_eq!(
        next(Grade::C, costs, &caps),
        Some((Grade::B, fix(&["P"]), 1))
    );
    // 100 − 24 − 8 − 7 = 61: P (forced) leaves 69, and W's one finding reaches 76.
    let costs = vec![cost("BIG", 8, 24.0), cost("P", 1, 8.0), cost("W", 1, 7.0)];
    assert_eq!(
        next(Grade::C, costs, &caps),
        Some((Grade::B, fix(&["P", "W"]), 2))
    );
}

#[test]
fn ties_go_to_fewer_codes_then_more_points_then_code_order() {
    // 100 − 34 = 66, need 4: ONE (4 findings) against TWO-A + TWO-B (2 + 2).
    let costs = vec![
        cost("ONE", 4, 4.0),
        cost("TWO-A", 2, 2.0),
        cost("TWO-B", 2, 2.0),
        cost("REST", 20, 26.0),
    ];
    assert_eq!(
        next(Grade::C, costs, &[]).unwrap().1,
        fix(&["ONE"]),
        "fewer codes"
    );
    // 68, need 2: as many findings and codes either way; the one that gains more.
    let costs = vec![
        cost("X-1", 2, 4.0),
        cost("X-2", 2, 6.0),
        cost("REST", 20, 22.0),
    ];
    assert_eq!(
        next(Grade::C, costs, &[]).unwrap().1,
        fix(&["X-2"]),
        "more points"
    );
    // 68 again, and all equal: the first code.
    let costs = vec![
        cost("Y-2", 2, 4.0),
        cost("Y-1", 2, 4.0),
        cost("REST", 20, 24.0),
    ];
    assert_eq!(
        next(Grade::C, costs, &[]).unwrap().1,
        fix(&["Y-1"]),
        "code order"
    );
}

#[test]
fn an_unreachable_target_gives_no_advice() {
    let items = [
        Item {
            findings: 1,
            points: 300,
        },
        Item {
            findings: 2,
            points: 500,
        },
    ];
    assert_eq!(fewest(&items, 801), None);
    assert_eq!(fewest(&items, 800), Some(vec![0, 1]));
    assert_eq!(fewest(&items, 0), Some(vec![]));
    // A band floor above 100 cannot be reached by any fix.
    let strict = GradingConfig::parse(
        &include_str!("../../../rules/grading.toml").replace("A = 90", "A = 100.5"),
    )
    .unwrap();
    assert!(next_grade(&strict, Grade::B, &[cost("W", 1, 3.0)], &[]).is_none());
    assert!(next(Grade::A, vec![cost("W", 1, 3.0)], &[]).is_none());
}

#[test]
fn fractional_weights_reach_the_floor_exactly() {
    // 100 − 30 − 0.1 − 0.2 = 69.7: 0.1 + 0.2 is 0.30000000000000004 in floats; in
    // hundredths it is exactly the 0.3 needed, and two findings beat ten.
    let costs = vec![cost("Z", 10, 30.0), cost("X", 1, 0.1), cost("Y", 1, 0.2)];
    assert_eq!(
        next(Grade::C, costs, &[]),
        Some((Grade::B, fix(&["Y", "X"]), 2))
    );
    // 69.5 with half points: the one finding of 0.5 is enough.
    let costs = vec![cost("H", 8, 24.0), cost("Q", 4, 6.0), cost("R", 1, 0.5)];
    assert_eq!(next(Grade::C, costs, &[]), Some((Grade::B, fix(&["R"]), 1)));
}

#[test]
fn a_report_with_many_codes_and_findings_is_answered_quickly() {
    // 150 codes of 13 findings (1,950 findings), each 1.25 points: 100 − 187.5.
    let costs: Vec<Cost> = (0..150)
        .map(|i| cost(&format!("R-{i:03}"), 13, 1.25))
        .collect();
    let n = next_grade(&config(), Grade::C, &costs, &[]).unwrap();
    // 157.5 points to gain: 126 codes.
    assert_eq!((n.fix.len(), n.findings), (126, 126 * 13));
}

#[test]
fn without_the_codes_count_the_fewest_findings_still_hold() {
    let items = [
        Item {
            findings: 4,
            points: 400,
        },
        Item {
            findings: 2,
            points: 200,
        },
        Item {
            findings: 2,
            points: 250,
        },
        Item {
            findings: 3,
            points: 100,
        },
    ];
    assert_eq!(Table::fill(&items, 4, true).best(400), Some(vec![0]));
    // Without counting codes, the most points among four findings: items 1 and 2.
    assert_eq!(Table::fill(&items, 4, false).best(400), Some(vec![1, 2]));
}

/// Every subset that includes the forced codes and reaches the floor, smallest by
/// (findings, codes, −points, codes in order).
fn brute_force(grade: Grade, costs: &[Cost], caps: &[CapApplied]) -> Option<(Vec<String>, usize)> {
    let target = grade.better()?;
    let c = config();
    let allowed = hundredths(100.0 - c.band_floor(target));
    let forced = |code: &str| caps.iter().any(|k| k.code == code && k.grade > target);
    let mut best: Option<(usize, usize, i64, Vec<String>)> = None;
    for mask in 0u32..(1 << costs.len()) {
        let chosen: Vec<&Cost> = (0..costs.len())
            .filter(|i| mask >> i & 1 == 1)
            .map(|i| &costs[i])
            .collect();
        if costs
            .iter()
            .any(|x| forced(&x.code) && !chosen.iter().any(|y| y.code == x.code))
        {
            continue;
        }
        let left: i64 = costs
            .iter()
            .filter(|x| !chosen.iter().any(|y| y.code == x.code))
            .map(|x| hundredths(x.points))
            .sum();
        if left > allowed {
            continue;
        }
        let findings: usize = chosen.iter().map(|x| x.findings).sum();
        let gained: i64 = chosen.iter().map(|x| hundredths(x.points)).sum();
        let mut codes: Vec<String> = chosen.iter().map(|x| x.code.clone()).collect();
        codes.sort();
        let key = (findings, codes.len(), -gained, codes);
        if best.as_ref().is_none_or(|b| key < *b) {
            best = Some(key);
        }
    }
    best.map(|(findings, _, _, codes)| (codes, findings))
}

fn arb_case() -> impl Strategy<Value = (Vec<Cost>, Vec<CapApplied>)> {
    prop::collection::vec((1usize..=12, 0u32..=96, 0u8..=3), 0..=10).prop_map(|rows| {
        let mut costs = Vec::new();
        let mut caps = Vec::new();
        for (i, (findings, quarters, capped)) in rows.into_iter().enumerate() {
            let code = format!("C{i}");
            match capped {
                1 => caps.push(cap(&code, Grade::B)),
                2 => caps.push(cap(&code, Grade::C)),
                _ => {}
            }
            costs.push(cost(&code, findings, f64::from(quarters) / 4.0));
        }
        (sorted(costs), caps)
    })
}

proptest! {
    #[test]
    fn the_advice_is_the_smallest_of_all_subsets((costs, caps) in arb_case()) {
        let c = config();
        let lost: f64 = costs.iter().map(|x| x.points).sum();
        let grade = caps
            .iter()
            .map(|k| k.grade)
            .fold(c.band((100.0 - lost).max(0.0)), Grade::max);
        let got = next_grade(&c, grade, &costs, &caps).map(|n| {
            let mut fix = n.fix;
            fix.sort();
            (fix, n.findings)
        });
        prop_assert_eq!(got, brute_force(grade, &costs, &caps));
    }

    #[test]
    fn both_tables_agree_on_the_fewest_findings(
        rows in prop::collection::vec((1usize..=9, 1i64..=2400), 1..=10),
        needed in 1i64..=6000,
    ) {
        let items: Vec<Item> = rows
            .iter()
            .map(|&(findings, points)| Item { findings, points })
            .collect();
        let count = |set: &Vec<usize>| set.iter().map(|&i| items[i].findings).sum::<usize>();
        let reach = |set: &Vec<usize>| set.iter().map(|&i| items[i].points).sum::<i64>();
        let Some(least) = fewest_findings(&items, needed) else {
            prop_assert_eq!(fewest(&items, needed), None);
            return Ok(());
        };
        for by_codes in [true, false] {
            let set = Table::fill(&items, least, by_codes).best(needed).unwrap();
            prop_assert_eq!(count(&set), least);
            prop_assert!(reach(&set) >= needed);
        }
    }
}
