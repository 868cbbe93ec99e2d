//! The variant generator: every import fixture rewritten the ways real reports
//! differ (docs: ../shared/docs/variations.md, families A–H), one transformation
//! at a time and in every compatible pair, must import the same — the fixture's
//! expected values and findings — or differ only where the transformation says.
//!
//! A transformation listed in KNOWN_BROKEN may fail (it is reported, not fatal);
//! once it passes, the test fails until it is taken off the list, so the list
//! only shrinks. Deterministic: no randomness anywhere.

mod common;

#[path = "variants/artefacts.rs"]
mod artefacts;
#[path = "variants/catalog.rs"]
mod catalog;
#[path = "variants/cover.rs"]
mod cover;
#[path = "variants/families.rs"]
mod families;
#[path = "variants/harness.rs"]
mod harness;
#[path = "variants/outline.rs"]
mod outline;
#[path = "variants/tables.rs"]
mod tables;
#[path = "variants/text.rs"]
mod text;
#[path = "variants/word.rs"]
mod word;

use std::collections::BTreeMap;

use rayon::prelude::*;

use catalog::{Apply, T};
use families::FAMILIES;
use harness::{Fx, Input, differences, fixtures, import};

/// Transformations (or pairs, "a+b") that fail on today's importer, and why.
const KNOWN_BROKEN: &[(&str, &str)] = &[];

/// Imports `fx` rewritten by `ts` (text rewrites first, then Word rewrites) and
/// returns how it differs from what they expect; `None` when one does not apply.
fn run(fx: &Fx, ts: &[&T]) -> Option<Vec<String>> {
    let mut cur = fx.clone();
    for t in ts.iter().filter(|t| !t.is_word()) {
        let Apply::Text(f) = &t.apply else {
            unreachable!()
        };
        // After a look-alike rewrite nothing is expected to rewrite further.
        if cur.year() == 0 {
            return None;
        }
        let new = f(&cur)?;
        if new == cur.text {
            return None;
        }
        let mut exp = cur.exp.clone();
        (t.expect)(&mut exp, &cur);
        cur.text = new;
        cur.exp = exp;
    }
    dump(fx, ts, &cur.text);
    let words: Vec<&&T> = ts.iter().filter(|t| t.is_word()).collect();
    let (data, found) = if words.is_empty() {
        import(Input::Text(&cur.text, cur.md))
    } else {
        let mut parts = word::as_word(&cur.text, cur.md);
        for t in words {
            let Apply::Word(f) = &t.apply else {
                unreachable!()
            };
            parts = f(parts)?;
            let mut exp = cur.exp.clone();
            (t.expect)(&mut exp, &cur);
            cur.exp = exp;
        }
        import(Input::Word(&common::docx::build(&parts)))
    };
    Some(differences(&cur.exp, &data, &found))
}

/// With `DABIAO_VARIANTS_DUMP=DIR`, writes each rewritten text to
/// `DIR/<transformations>--<fixture>`, to read what a failing variant imported.
fn dump(fx: &Fx, ts: &[&T], text: &str) {
    let Ok(dir) = std::env::var("DABIAO_VARIANTS_DUMP") else {
        return;
    };
    let names: Vec<&str> = ts.iter().map(|t| t.name.as_str()).collect();
    let path = std::path::Path::new(&dir).join(format!("{}--{}", names.join("+"), fx.name));
    std::fs::create_dir_all(&dir).expect("dump folder");
    std::fs::write(path, text).expect("dump file");
}

/// One variant's outcome on every fixture it applies to.
#[derive(Default)]
struct Outcome {
    applied: usize,
    failures: Vec<(String, Vec<String>)>,
}

/// Runs each combination on every fixture, or (`one_fixture`) on one fixture
/// only: the first it applies to, counting from a fixture chosen by its position,
/// so that the pairs spread over all fixtures.
fn outcomes(
    fxs: &[Fx],
    combos: &[(String, Vec<&T>)],
    one_fixture: bool,
) -> BTreeMap<String, Outcome> {
    let runs: Vec<(String, String, Option<Vec<String>>)> = combos
        .par_iter()
        .enumerate()
        .flat_map_iter(|(k, (name, ts))| {
            let mut done = false;
            (0..fxs.len()).filter_map(move |j| {
                if done {
                    return None;
                }
                let fx = &fxs[(k + j) % fxs.len()];
                let r = run(fx, ts);
                done = one_fixture && r.is_some();
                Some((name.clone(), fx.name.clone(), r))
            })
        })
        .collect();
    let mut out: BTreeMap<String, Outcome> = BTreeMap::new();
    for (name, fixture, diffs) in runs {
        let o = out.entry(name).or_default();
        if let Some(d) = diffs {
            o.applied += 1;
            if !d.is_empty() {
                o.failures.push((fixture, d));
            }
        }
    }
    out
}

fn known(name: &str) -> Option<&'static str> {
    KNOWN_BROKEN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| *r)
}

fn show(name: &str, families: &str, o: &Outcome) -> String {
    let mut s = format!(
        "── {name} [{families}]: fails on {} of {} fixtures\n",
        o.failures.len(),
        o.applied
    );
    for (fixture, diffs) in &o.failures {
        s.push_str(&format!("   {fixture}:\n"));
        for d in diffs.iter().take(8) {
            s.push_str(&format!("      {d}\n"));
        }
        if diffs.len() > 8 {
            s.push_str(&format!("      … and {} more\n", diffs.len() - 8));
        }
    }
    s
}

/// Judges the outcomes: failures not excused, listed ones that pass now.
fn judge(
    out: &BTreeMap<String, Outcome>,
    families: impl Fn(&str) -> String,
    listed: impl Fn(&str) -> bool,
    excused: impl Fn(&str) -> bool,
) {
    let (mut fatal, mut tolerated, mut stale) = (Vec::new(), Vec::new(), Vec::new());
    for (name, o) in out {
        let fam = families(name);
        match (o.failures.is_empty(), listed(name), excused(name)) {
            (false, _, true) => tolerated.push(show(name, &fam, o)),
            (false, _, false) => fatal.push(show(name, &fam, o)),
            (true, true, _) if o.applied > 0 => {
                stale.push(format!("{name}: passes now — remove it from KNOWN_BROKEN"))
            }
            _ => {}
        }
    }
    if !tolerated.is_empty() {
        eprintln!(
            "Known broken ({}):\n{}",
            tolerated.len(),
            tolerated.concat()
        );
    }
    let mut msg = String::new();
    if !fatal.is_empty() {
        msg.push_str(&format!(
            "{} variants fail:\n{}",
            fatal.len(),
            fatal.concat()
        ));
    }
    if !stale.is_empty() {
        msg.push_str(&format!("{}\n", stale.join("\n")));
    }
    assert!(msg.is_empty(), "{msg}");
}

fn family_list(t: &T) -> String {
    t.families.join(" ")
}

#[test]
fn every_transformation_imports_as_expected() {
    let fxs = fixtures();
    assert!(fxs.len() >= 5, "fixtures: {}", fxs.len());
    let all = catalog::all();
    let combos: Vec<(String, Vec<&T>)> = all.iter().map(|t| (t.name.clone(), vec![t])).collect();
    let out = outcomes(&fxs, &combos, false);
    let never: Vec<&String> = out
        .iter()
        .filter(|(_, o)| o.applied == 0)
        .map(|(n, _)| n)
        .collect();
    assert!(
        never.is_empty(),
        "transformations that apply to no fixture: {never:?}"
    );
    let fam = |n: &str| {
        all.iter()
            .find(|t| t.name == n)
            .map(family_list)
            .unwrap_or_default()
    };
    let listed = |n: &str| known(n).is_some();
    judge(&out, fam, listed, listed);
}

/// Every pair of compatible transformations, each on one fixture. Transformations
/// that rewrite the same parts of a report (the same slots: the year forms, the
/// TOC leaders…) are one kind, and the first of a kind not known to be broken
/// stands for it, so that a debug-build run stays near a minute;
/// `DABIAO_VARIANTS_ALL=1` runs every pair of every transformation on every
/// fixture (several minutes).
#[test]
fn every_pair_of_transformations_imports_as_expected() {
    let fxs = fixtures();
    let all = catalog::all();
    let full = std::env::var("DABIAO_VARIANTS_ALL").is_ok_and(|v| v == "1");
    let mut kinds: Vec<(&Vec<&str>, &T)> = Vec::new();
    for t in &all {
        match kinds.iter_mut().find(|(s, _)| **s == t.slots) {
            Some(k) if known(&k.1.name).is_some() && known(&t.name).is_none() => k.1 = t,
            Some(_) => {}
            None => kinds.push((&t.slots, t)),
        }
    }
    let reps: Vec<&T> = if full {
        all.iter().collect()
    } else {
        kinds.iter().map(|(_, t)| *t).collect()
    };
    let mut combos: Vec<(String, Vec<&T>)> = Vec::new();
    for (i, a) in reps.iter().enumerate() {
        for b in &reps[i + 1..] {
            if a.combines_with(b) {
                combos.push((format!("{}+{}", a.name, b.name), vec![*a, *b]));
            }
        }
    }
    eprintln!(
        "{} transformations stand for all, {} pairs",
        reps.len(),
        combos.len()
    );
    let out = outcomes(&fxs, &combos, !full);
    let fam = |n: &str| {
        n.split('+')
            .filter_map(|p| all.iter().find(|t| t.name == p))
            .map(family_list)
            .collect::<Vec<_>>()
            .join(" + ")
    };
    // A pair with a known-broken member is excused; a pair listed on its own must
    // still fail.
    let excused = |n: &str| known(n).is_some() || n.split('+').any(|p| known(p).is_some());
    judge(&out, fam, |n| known(n).is_some(), excused);
}

#[test]
fn every_family_has_a_transformation() {
    let all = catalog::all();
    let missing: Vec<&str> = FAMILIES
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| !all.iter().any(|t| t.families.contains(id)))
        .collect();
    assert!(
        missing.is_empty(),
        "families without a transformation: {missing:?}"
    );
    let unknown: Vec<String> = all
        .iter()
        .flat_map(|t| {
            t.families
                .iter()
                .filter(|f| !FAMILIES.iter().any(|(id, _)| id == *f))
                .map(move |f| format!("{}: {f}", t.name))
        })
        .collect();
    assert!(
        unknown.is_empty(),
        "transformations naming unknown families: {unknown:?}"
    );
}

#[test]
fn known_broken_names_real_transformations() {
    let all = catalog::all();
    let names: Vec<&str> = all.iter().map(|t| t.name.as_str()).collect();
    for (n, reason) in KNOWN_BROKEN {
        assert!(
            n.split('+').all(|p| names.contains(&p)),
            "KNOWN_BROKEN names no transformation: {n}"
        );
        assert!(!reason.is_empty(), "{n}: say why");
    }
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        names.len(),
        "transformation names must be unique"
    );
}

/// The list only shrinks: a listed transformation that passes fails the test, a
/// failure that is not listed fails it, a listed one that fails does not.
#[test]
fn known_broken_is_enforced_both_ways() {
    // The list itself may be empty; the rule is checked on a list of one.
    let listed = "listed-transformation";
    let outcome = |fails: bool| Outcome {
        applied: 1,
        failures: if fails {
            vec![("f.txt".to_string(), vec!["x".to_string()])]
        } else {
            Vec::new()
        },
    };
    let verdict = |name: &str, fails: bool| {
        let out = BTreeMap::from([(name.to_string(), outcome(fails))]);
        std::panic::catch_unwind(|| {
            judge(&out, |_| String::new(), |n| n == listed, |n| n == listed)
        })
        .is_ok()
    };
    assert!(verdict(listed, true), "a listed failure is tolerated");
    assert!(
        !verdict(listed, false),
        "a listed pass must be taken off the list"
    );
    assert!(!verdict("not-listed", true), "an unlisted failure fails");
    assert!(verdict("not-listed", false));
}
