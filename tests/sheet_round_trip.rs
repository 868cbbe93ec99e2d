//! dataset → workbook (.xlsx, .csv) → dataset gives the dataset back, for every
//! example: what `dabiao export` writes, `dabiao import` (and `check`) read.
//!
//! "The same" is the same data: a blank (null) value and an absent one are both
//! blank in a spreadsheet (so is a row whose every member is null, and an empty
//! list), and 95 and 95.0 are one number in a cell.

mod common;

use std::path::Path;

use common::{dabiao_in, project_root};
use serde_json::Value;

/// Nulls, blank rows and empty lists dropped from objects, every number as f64.
fn normalized(v: &Value) -> Value {
    match v {
        // A blank row (a satisfaction row with every member null) is a blank cell too.
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), normalized(x)))
                .filter(|(k, x)| {
                    let empty_row =
                        is_blank_row(&o[k.as_str()]) && x.as_object().is_some_and(|o| o.is_empty());
                    let empty_list = x.as_array().is_some_and(|a| a.is_empty());
                    !x.is_null() && !empty_row && !empty_list
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(normalized).collect()),
        Value::Number(n) => {
            serde_json::Number::from_f64(n.as_f64().unwrap()).map_or(Value::Null, Value::Number)
        }
        x => x.clone(),
    }
}

fn only_nulls(v: &Value) -> bool {
    match v {
        Value::Object(o) => o.values().all(only_nulls),
        Value::Array(a) => a.iter().all(only_nulls),
        Value::Null => true,
        _ => false,
    }
}

fn is_blank_row(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| !o.is_empty() && o.values().all(Value::is_null))
}

/// The first difference between two values, by pointer.
fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, &format!("{at}/{k}")),
                (p, q) => Some(format!("{at}/{k}: {} ≠ {}", short(p), short(q))),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{at}/{i}"))),
        _ => (a != b).then(|| format!("{at}: {} ≠ {}", short(Some(a)), short(Some(b)))),
    }
}

fn short(v: Option<&Value>) -> String {
    let s = v.map_or("（无）".to_string(), Value::to_string);
    s.chars().take(160).collect()
}

fn dataset_of(path: &Path) -> Value {
    let loaded = dabiao::load::load_file(path, "x", &dabiao::dataset::Limits::default());
    (*loaded.dataset.expect("the example loads").value).clone()
}

fn round_trip(example: &Path, extension: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("book.{extension}"));
    let out_s = out.to_str().unwrap();
    let run = dabiao_in(
        dir.path(),
        &[
            "export",
            example.to_str().unwrap(),
            "--format",
            extension,
            "-o",
            out_s,
        ],
    );
    assert_eq!(run.code, 0, "export {}: {}", example.display(), run.stderr);
    let back = dabiao_in(dir.path(), &["import", out_s]);
    let got: Value = serde_json::from_str(&back.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", back.stdout, back.stderr));
    let want = normalized(&dataset_of(example));
    let got = normalized(&got);
    if let Some(d) = first_difference(&want, &got, "") {
        panic!(
            "{} → .{extension} → dataset differs at {d}",
            example.display()
        );
    }
}

fn examples() -> Vec<std::path::PathBuf> {
    let mut all: Vec<_> = std::fs::read_dir(project_root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| dabiao::dataset::Format::from_path(p).is_some())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    all.sort();
    assert!(all.len() >= 6, "{all:?}");
    all
}

#[test]
fn every_example_round_trips_through_xlsx() {
    for e in examples() {
        round_trip(&e, "xlsx");
    }
}

#[test]
fn every_example_round_trips_through_csv() {
    for e in examples() {
        round_trip(&e, "csv");
    }
}

#[test]
fn a_blank_workbook_reads_back_as_the_blank_template() {
    let dir = tempfile::tempdir().unwrap();
    for (level, stage) in [
        ("school", "secondary"),
        ("city", "both"),
        ("province", "higher"),
    ] {
        let init = |format: &str, name: &str| {
            let run = dabiao_in(
                dir.path(),
                &[
                    "init", "--format", format, "--level", level, "--stage", stage, "--year",
                    "2025", "-o", name,
                ],
            );
            assert_eq!(run.code, 0, "{}", run.stderr);
        };
        let (json, xlsx) = (
            format!("{level}-{stage}.json"),
            format!("{level}-{stage}.xlsx"),
        );
        init("json", &json);
        init("xlsx", &xlsx);
        let back = dabiao_in(dir.path(), &["import", &xlsx]);
        let got: Value = serde_json::from_str(&back.stdout).unwrap();
        // Every figure blank: nothing in the tables but null.
        assert!(only_nulls(&got["data"]), "{level}/{stage}: {}", got["data"]);
        assert!(got["data"].as_object().is_some_and(|d| !d.is_empty()));
        let want = normalized(&dataset_of(&dir.path().join(&json)));
        if let Some(d) = first_difference(&want, &normalized(&got), "") {
            panic!("{level}/{stage}: the blank workbook reads back differently at {d}");
        }
    }
}

/// The example workbook is what `export` writes for its TOML twin, byte for byte:
/// regenerate it with the command below when the layout changes.
#[test]
fn the_example_workbook_is_the_export_of_its_twin() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w.xlsx");
    let twin = project_root().join("examples/school-secondary-2024.toml");
    let run = dabiao_in(
        dir.path(),
        &[
            "export",
            twin.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let committed = project_root().join("examples/school-secondary-2024-workbook.xlsx");
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(&committed).unwrap(),
        "examples/school-secondary-2024-workbook.xlsx is stale: run \
         dabiao export examples/school-secondary-2024.toml -o examples/school-secondary-2024-workbook.xlsx --force"
    );
}
