//! The bundled examples: the valid ones pass, the deliberate mistakes are all found.

mod common;

use common::{dabiao_in, project_root};

#[test]
fn valid_examples_pass_and_mistakes_are_flagged() {
    let run = dabiao_in(&project_root(), &["check", "--format", "json", "examples/"]);
    assert_eq!(run.code, 1, "the mistakes example fails the run");
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert!(files.len() >= 5, "{files:#?}");
    for f in files {
        let name = f["file"].as_str().unwrap();
        if name.contains("mistakes") {
            let codes: Vec<&str> = f["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["code"].as_str().unwrap())
                .collect();
            for code in [
                "dabiao::schema::required",
                "dabiao::schema::enum",
                "dabiao::schema::format",
                "dabiao::schema::type",
                "dabiao::schema::unknown-field",
                "dabiao::schema::range",
            ] {
                assert!(codes.contains(&code), "{name} lacks {code}: {codes:?}");
            }
        } else {
            assert_eq!(f["errors"], 0, "{name}: {:#}", f["findings"]);
        }
    }
}

#[test]
fn linfen_example_carries_both_year_columns() {
    let text =
        std::fs::read_to_string(project_root().join("examples/linfen-2024-city-secondary.yaml"))
            .unwrap();
    assert!(text.contains("\"2023\":") && text.contains("\"2024\":"));
}
