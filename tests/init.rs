//! `dabiao init` writes a template that validates, for every level, stage and format
//! (the workbook too: read back, it is the same blank template).

mod common;

use common::{dabiao_in, fixtures};

#[test]
fn every_template_validates() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "yaml", "toml", "xlsx"] {
        for level in ["school", "county", "city", "province"] {
            for stage in ["secondary", "higher", "both"] {
                let name = format!("{level}-{stage}.{format}");
                let run = dabiao_in(
                    dir.path(),
                    &[
                        "init", "--format", format, "--level", level, "--stage", stage, "--year",
                        "2025", "-o", &name,
                    ],
                );
                assert_eq!(run.code, 0, "{name}: {}", run.stderr);
                let check = dabiao_in(
                    dir.path(),
                    &["check", "--no-rules", "--format", "json", &name],
                );
                assert_eq!(check.code, 0, "{name}: {}", check.stdout);
                if format == "yaml" || format == "xlsx" {
                    // With the rule pack, a blank template is not a report yet: C "尚未填写"
                    // (CMP-026), its placeholders are errors (CMP-027), and nothing else
                    // is wrong with it.
                    let graded = dabiao_in(dir.path(), &["check", "--format", "json", &name]);
                    assert_eq!(graded.code, 1, "{name}: {}", graded.stdout);
                    let v: serde_json::Value = serde_json::from_str(&graded.stdout).unwrap();
                    let file = &v["files"][0];
                    assert_eq!(file["verdict"]["grade"], "C", "{name}");
                    let errors: std::collections::BTreeSet<&str> = file["findings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|f| f["severity"] == "error")
                        .map(|f| f["code"].as_str().unwrap())
                        .collect();
                    assert_eq!(
                        errors.into_iter().collect::<Vec<_>>(),
                        ["CMP-026", "CMP-027"],
                        "{name}"
                    );
                }
            }
        }
    }
}

#[test]
fn template_lists_every_indicator_as_blank() {
    let run = dabiao_in(
        &fixtures(),
        &[
            "init",
            "--format",
            "json",
            "--level",
            "city",
            "--stage",
            "secondary",
            "--year",
            "2024",
        ],
    );
    assert_eq!(run.code, 0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let years = v["data"]["secondary"].as_object().unwrap();
    assert_eq!(years.keys().collect::<Vec<_>>(), ["2023", "2024"]);
    let tables = years["2024"].as_object().unwrap();
    assert_eq!(tables.len(), 6);
    assert!(tables["scorecard"]["graduates"].is_null());
    assert!(tables["resources"]["courses"]["hours"].is_null());
    assert!(tables["satisfaction"]["parents"]["respondents"].is_null());
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/report.schema.json")).unwrap();
    for (table, def) in schema["$defs"]["year_tables"]["properties"]
        .as_object()
        .unwrap()
    {
        for row in def["properties"].as_object().unwrap().keys() {
            assert!(
                tables[table].get(row).is_some(),
                "template lacks {table}/{row}"
            );
        }
    }
}

#[test]
fn yaml_and_toml_templates_carry_chinese_titles() {
    let run = dabiao_in(
        &fixtures(),
        &[
            "init", "--level", "school", "--stage", "higher", "--year", "2024",
        ],
    );
    assert!(
        run.stdout.contains("graduates: null  # 毕业生人数（人）"),
        "{}",
        run.stdout
    );
    let run = dabiao_in(
        &fixtures(),
        &[
            "init",
            "--format",
            "toml",
            "--level",
            "city",
            "--stage",
            "secondary",
            "--year",
            "2024",
        ],
    );
    assert!(
        run.stdout.contains("# graduates =  # 毕业生人数（人）"),
        "{}",
        run.stdout
    );
}

#[test]
fn init_does_not_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.yaml"), "keep").unwrap();
    let args = [
        "init",
        "--level",
        "city",
        "--stage",
        "secondary",
        "--year",
        "2024",
        "-o",
        "x.yaml",
    ];
    assert_eq!(dabiao_in(dir.path(), &args).code, 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("x.yaml")).unwrap(),
        "keep"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(dabiao_in(dir.path(), &forced).code, 0);
}

#[test]
fn schema_command_prints_the_schema() {
    let run = dabiao_in(&fixtures(), &["schema"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

/// The year before's block was commented 「本年度的六张数据表」 like the report's own year.
#[test]
fn each_year_block_says_which_year_it_is() {
    for format in ["yaml", "toml"] {
        let run = dabiao_in(
            &fixtures(),
            &[
                "init",
                "--format",
                format,
                "--level",
                "city",
                "--stage",
                "secondary",
                "--year",
                "2024",
            ],
        );
        assert!(
            run.stdout
                .contains("2023 年度（上一年度，供对比）的六张数据表"),
            "{format}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains("2024 年度（本年度）的六张数据表"),
            "{format}: {}",
            run.stdout
        );
        assert!(
            !run.stdout.contains("# 本年度的六张数据表"),
            "{}",
            run.stdout
        );
    }
}
