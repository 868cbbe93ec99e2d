//! Precision and recall of the fact extractor on a hand-annotated corpus
//! (tests/facts/annotated.json: sentences we wrote, each with the facts a careful
//! reader finds in it). A fact matches when indicator, value, unit and year agree.

use serde_json::Value;

use dabiao::import::builder::Builder;
use dabiao::import::facts::Extractor;

fn unit(u: &str) -> &str {
    match u {
        "名" | "位" => "人",
        other => other,
    }
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

/// (indicator, value, unit, year, the everyday indicator it is a kind of).
type Key = (String, f64, String, Option<u64>, String);

fn key(f: &Value) -> Key {
    (
        f["indicator"].as_str().unwrap_or_default().to_string(),
        f["value"].as_f64().unwrap_or(f64::NAN),
        unit(f["unit"].as_str().unwrap_or_default()).to_string(),
        f["year"].as_u64(),
        f["broader"].as_str().unwrap_or_default().to_string(),
    )
}

/// `got` names the annotated indicator, or a kind of it (the corpus names 编写教材
/// "textbooks"; the extractor may say which row of the tables it is).
fn matches(got: &Key, want: &Key) -> bool {
    (got.0 == want.0 || got.4 == want.0)
        && same_number(got.1, want.1)
        && got.2 == want.2
        && got.3 == want.3
}

/// The corpus used while building the extractor.
#[test]
fn extractor_precision_and_recall_on_the_annotated_corpus() {
    let (precision, recall) = measure("annotated.json");
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.95, "recall {recall:.3}");
    let (precision, recall) = measure_links("annotated.json", true);
    assert!(precision >= 0.95, "parts precision {precision:.3}");
    assert!(recall >= 0.85, "parts recall {recall:.3}");
}

/// A corpus written independently and never used for tuning: the honest figure.
#[test]
fn extractor_precision_and_recall_on_the_held_out_corpus() {
    let (precision, recall) = measure("heldout.json");
    assert!(precision >= 0.85, "precision {precision:.3}");
    assert!(recall >= 0.70, "recall {recall:.3}");
    let (precision, recall) = measure_links("heldout.json", false);
    assert!(precision >= 0.85, "parts precision {precision:.3}");
    assert!(recall >= 0.70, "parts recall {recall:.3}");
}

fn corpus(file: &str) -> Vec<Value> {
    let path = format!("{}/tests/facts/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The facts dabiao reads from one corpus item.
fn extract(item: &Value) -> Vec<Value> {
    let text = item["text"].as_str().unwrap();
    let year = item["report_year"].as_u64().map(|y| y as u32);
    let stage = match item["stage"].as_str() {
        Some("higher") => "higher",
        _ => "secondary",
    };
    let mut x = Extractor::new(year, &[stage]);
    x.paragraph(text, 0, Some(1), None);
    let mut b = Builder::new();
    x.finish(&mut b);
    b.value["facts"].as_array().cloned().unwrap_or_default()
}

/// Clause scope: which total each part belongs to ("其中" links: total → part),
/// annotated as `part_of` (the index of the total among the item's facts). Measured
/// on every item when `all` (the corpus annotates parts throughout), else only on
/// items marked `"links": true`.
fn measure_links(file: &str, all: bool) -> (f64, f64) {
    let items = corpus(file);
    let (mut extracted, mut annotated, mut matched) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    let mut measured = 0;
    for item in &items {
        if !all && item["links"].as_bool() != Some(true) {
            continue;
        }
        measured += 1;
        let text = item["text"].as_str().unwrap();
        let want_facts = item["facts"].as_array().unwrap();
        let want: Vec<(Key, Key)> = want_facts
            .iter()
            .filter_map(|f| {
                let t = &want_facts[f["part_of"].as_u64()? as usize];
                Some((key(t), key(f)))
            })
            .collect();
        let facts = extract(item);
        let got: Vec<(Key, Key)> = facts
            .iter()
            .flat_map(|t| {
                let parts = t["parts"].as_array().cloned().unwrap_or_default();
                // The corpus annotates subsets of the same indicator ("其中公办学校11所"),
                // not figures of another named after 其中 ("其中专任教师2869人").
                parts
                    .into_iter()
                    .filter_map(|p| Some(&facts[p.as_u64()? as usize]))
                    .filter(|p| same_family(p, t))
                    .map(|p| (key(t), key(p)))
                    .collect::<Vec<_>>()
            })
            .collect();
        extracted += got.len();
        annotated += want.len();
        let (mut missed, mut extra) = (Vec::new(), Vec::new());
        matched += pair_up(
            &got,
            &want,
            |g, w| matches(&g.0, &w.0) && matches(&g.1, &w.1),
            (&mut missed, &mut extra),
        );
        wrong.extend(missed.iter().map(|w| format!("missed {w} in {text}")));
        wrong.extend(extra.iter().map(|g| format!("not annotated {g} in {text}")));
    }
    let precision = matched as f64 / extracted.max(1) as f64;
    let recall = matched as f64 / annotated.max(1) as f64;
    println!(
        "parts (total → part) on {file}, {measured} items: {annotated} annotated, {extracted} extracted, {matched} matched; precision {:.1}%, recall {:.1}%",
        precision * 100.0,
        recall * 100.0
    );
    println!("  {}", wrong.join("\n  "));
    (precision, recall)
}

fn measure(file: &str) -> (f64, f64) {
    let items = corpus(file);
    let (mut extracted, mut annotated, mut matched) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for item in &items {
        let text = item["text"].as_str().unwrap();
        let got: Vec<Key> = extract(item).iter().map(key).collect();
        let want: Vec<Key> = item["facts"].as_array().unwrap().iter().map(key).collect();
        extracted += got.len();
        annotated += want.len();
        let (mut missed, mut extra) = (Vec::new(), Vec::new());
        matched += pair_up(&got, &want, matches, (&mut missed, &mut extra));
        misses.extend(missed.iter().map(|w| format!("{w} in {text}")));
        false_alarms.extend(extra.iter().map(|g| format!("{g} in {text}")));
    }
    let precision = matched as f64 / extracted.max(1) as f64;
    let recall = matched as f64 / annotated.max(1) as f64;
    println!(
        "fact extraction on {file}, {} items: {annotated} annotated, {extracted} extracted, {matched} matched; precision {:.1}%, recall {:.1}%",
        items.len(),
        precision * 100.0,
        recall * 100.0
    );
    println!("missed:\n  {}", misses.join("\n  "));
    println!("not annotated:\n  {}", false_alarms.join("\n  "));
    (precision, recall)
}

/// Every row of the six tables that prose can name is recognised in a plain sentence
/// and tied to its table row ("2024年，全市毕业去向落实人数为 37 人。").
#[test]
fn every_table_row_is_recognised_in_prose() {
    use dabiao::import::facts::lexicon;
    let mut missed = Vec::new();
    let mut rows = 0;
    for ind in lexicon::lexicon().indicators() {
        let Some((table, row, unit)) = ind.table else {
            continue;
        };
        // A name that is itself a list ("标准、资源、装备数量", "大国工匠、劳动模范人数")
        // reads as a list in prose: its last item is named, not the row.
        if ind.words[0].contains('、') {
            continue;
        }
        rows += 1;
        let (value, unit) = match unit {
            "%" => ("37.5", "%"),
            ":1" => ("15.2", ":1"),
            u => ("37", u),
        };
        let text = format!("2024年，全市{}为 {value}{unit}。", ind.words[0]);
        let mut x = Extractor::new(Some(2024), &["secondary"]);
        x.paragraph(&text, 0, Some(1), None);
        let mut b = Builder::new();
        x.finish(&mut b);
        let want = format!("/data/secondary/2024/{table}/{row}");
        let found = b.value["facts"]
            .as_array()
            .is_some_and(|a| a.iter().any(|f| f["table"] == want.as_str()));
        if !found {
            missed.push(format!("{text} → {}", b.value["facts"]));
        }
    }
    println!("{rows} rows named in prose");
    assert!(
        missed.is_empty(),
        "not tied to their row:\n{}",
        missed.join("\n")
    );
}

/// The same indicator, or kinds of one ("broader" names the everyday indicator).
fn same_family(a: &Value, b: &Value) -> bool {
    let (ia, ib) = (&a["indicator"], &b["indicator"]);
    let (ba, bb) = (&a["broader"], &b["broader"]);
    ia == ib || ba == ib || bb == ia || !ba.is_null() && ba == bb
}

/// Pairs each wanted item with an unused extracted one it matches; returns how many
/// matched, and writes the wanted items left over and the extracted ones left over.
fn pair_up<T: std::fmt::Debug>(
    got: &[T],
    want: &[T],
    same: impl Fn(&T, &T) -> bool,
    (missed, extra): (&mut Vec<String>, &mut Vec<String>),
) -> usize {
    let mut used = vec![false; got.len()];
    let mut matched = 0;
    for w in want {
        match (0..got.len()).find(|&i| !used[i] && same(&got[i], w)) {
            Some(i) => {
                used[i] = true;
                matched += 1;
            }
            None => missed.push(format!("{w:?}")),
        }
    }
    extra.extend(
        got.iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(g, _)| format!("{g:?}")),
    );
    matched
}
