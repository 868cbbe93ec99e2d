//! `dabiao check` on valid and broken fixtures in all three formats: the exact
//! line and column of each finding, exit codes, and the JSON output's fields.

mod common;

use common::{dabiao, json_findings, only_finding};

#[test]
fn valid_fixtures_pass_in_every_format_and_encoding() {
    for file in [
        "valid/minimal.json",
        "valid/minimal.yaml",
        "valid/minimal.toml",
        "valid/gbk.yaml",
        "valid/bom.json",
        "valid/utf16.yaml",
    ] {
        let (code, findings) = json_findings(file);
        assert_eq!((code, findings.len()), (0, 0), "{file}: {findings:#?}");
    }
}

#[test]
fn string_in_numeric_cell() {
    for (file, line, column) in [
        ("broken/text-in-cell.json", 12, 37),
        ("broken/text-in-cell.yaml", 13, 20),
        ("broken/text-in-cell.toml", 12, 13),
    ] {
        let (code, l, c, f) = only_finding(file);
        assert_eq!(
            (code.as_str(), l, c),
            ("dabiao::schema::type", line, column),
            "{file}"
        );
        assert_eq!(f["pointer"], "/data/secondary/2024/scorecard/graduates");
        assert_eq!(f["category"], "schema");
        assert_eq!(f["severity"], "error");
        let message = f["message"].as_str().unwrap();
        assert!(message.contains("「毕业生人数」（人）"), "{message}");
        assert!(f["help"].as_str().unwrap().contains("写成数字 7800"), "{f}");
    }
}

#[test]
fn misspelt_key_with_suggestion() {
    for (file, line, column) in [
        ("broken/misspelt-key.json", 12, 43),
        ("broken/misspelt-key.yaml", 14, 9),
        ("broken/misspelt-key.toml", 13, 1),
    ] {
        let (code, l, c, f) = only_finding(file);
        assert_eq!(
            (code.as_str(), l, c),
            ("dabiao::schema::unknown-field", line, column),
            "{file}"
        );
        assert_eq!(f["pointer"], "/data/secondary/2024/scorecard/placd");
        assert!(
            f["help"]
                .as_str()
                .unwrap()
                .contains("`placed`（毕业去向落实人数）"),
            "{f}"
        );
    }
}

#[test]
fn missing_required_object_is_reported_at_its_parent() {
    for (file, line, column) in [
        ("broken/missing-entity.json", 2, 3),
        ("broken/missing-entity.yaml", 1, 1),
        ("broken/missing-entity.toml", 1, 2),
    ] {
        let (code, l, c, f) = only_finding(file);
        assert_eq!(
            (code.as_str(), l, c),
            ("dabiao::schema::required", line, column),
            "{file}"
        );
        assert_eq!(f["pointer"], "/report/entity");
        assert!(f["message"].as_str().unwrap().contains("编制主体"), "{f}");
    }
}

#[test]
fn percentage_of_130() {
    for (file, line, column) in [
        ("broken/percent-130.json", 12, 79),
        ("broken/percent-130.yaml", 15, 27),
        ("broken/percent-130.toml", 14, 20),
    ] {
        let (code, l, c, f) = only_finding(file);
        assert_eq!(
            (code.as_str(), l, c),
            ("dabiao::schema::range", line, column),
            "{file}"
        );
        assert!(
            f["message"].as_str().unwrap().contains("不能超过 100"),
            "{f}"
        );
        assert_eq!(
            (f["end_line"].as_i64(), f["end_column"].as_i64()),
            (Some(line), Some(column + 3))
        );
    }
}

#[test]
fn json_syntax_error() {
    let (code, l, c, f) = only_finding("broken/syntax.json");
    assert_eq!((code.as_str(), l, c), ("dabiao::parse::json", 5, 5));
    assert_eq!(f["category"], "parse");
    assert!(f["message"].as_str().unwrap().contains("逗号"), "{f}");
}

#[test]
fn gbk_encoded_yaml_is_decoded_and_located() {
    let run = dabiao(&[
        "check",
        "--no-rules",
        "--format",
        "json",
        "broken/gbk-text-in-cell.yaml",
    ]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["files"][0]["encoding"], "GB18030");
    assert_eq!(v["files"][0]["entity"], "测试市");
    let (code, l, c, f) = only_finding("broken/gbk-text-in-cell.yaml");
    assert_eq!((code.as_str(), l, c), ("dabiao::schema::type", 13, 20));
    assert!(
        f["message"].as_str().unwrap().contains("\"七千八百\""),
        "{f}"
    );
}

#[test]
fn utf8_bom_does_not_shift_positions() {
    let (code, l, c, f) = only_finding("broken/bom-negative.json");
    assert_eq!((code.as_str(), l, c), ("dabiao::schema::range", 12, 53));
    assert!(f["message"].as_str().unwrap().contains("不能为负数"), "{f}");
}

#[test]
fn unreadable_inputs_are_findings_not_crashes() {
    for (file, code) in [
        ("broken/empty.json", "dabiao::parse::empty"),
        ("broken/binary.json", "dabiao::encoding::binary"),
    ] {
        let (exit, findings) = json_findings(file);
        assert_eq!(exit, 1);
        assert_eq!(findings[0]["code"], code);
        assert!(findings[0]["line"].is_null());
    }
}

#[test]
fn file_size_limit() {
    let run = dabiao(&[
        "check",
        "--format",
        "json",
        "--max-file-size",
        "100B",
        "valid/minimal.json",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("dabiao::limit::file-size"),
        "{}",
        run.stdout
    );
}

#[test]
fn exit_codes() {
    assert_eq!(
        dabiao(&["check", "--no-rules", "valid/minimal.yaml"]).code,
        0
    );
    assert_eq!(dabiao(&["check", "broken/percent-130.yaml"]).code, 1);
    let missing = dabiao(&[
        "check",
        "--no-rules",
        "valid/minimal.yaml",
        "no-such-file.json",
    ]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("no-such-file.json：文件或目录不存在"),
        "{}",
        missing.stderr
    );
    assert!(
        missing.stdout.contains("✓ 通过  valid/minimal.yaml"),
        "the other input is still checked"
    );
    let usage = dabiao(&["check"]);
    assert_eq!(usage.code, 2);
    assert!(usage.stderr.contains("缺少必需的参数"), "{}", usage.stderr);
    assert_eq!(
        dabiao(&["check", "--format", "xml", "valid/minimal.yaml"]).code,
        2
    );
    assert_eq!(
        dabiao(&["check", "--max-file-size", "lots", "valid/minimal.yaml"]).code,
        2
    );
    assert_eq!(dabiao(&["nonsense"]).code, 2);
    assert_eq!(dabiao(&["--help"]).code, 0);
}

#[test]
fn directories_and_globs() {
    let run = dabiao(&["check", "--no-rules", "--format", "json", "valid"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["totals"]["files"], 6);
    assert_eq!(run.code, 0);
    let run = dabiao(&["check", "--no-rules", "--format", "json", "broken/*-130.*"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "broken/percent-130.json",
            "broken/percent-130.toml",
            "broken/percent-130.yaml"
        ]
    );
}

#[test]
fn json_output_fields() {
    let (_, findings) = json_findings("broken/percent-130.yaml");
    let f = &findings[0];
    for key in [
        "file",
        "code",
        "severity",
        "category",
        "pointer",
        "message",
        "line",
        "column",
        "help",
        "fingerprint",
    ] {
        assert!(
            f.get(key).is_some_and(|v| !v.is_null()),
            "missing {key}: {f}"
        );
    }
    assert_eq!(f["file"], "broken/percent-130.yaml");
}

#[test]
fn help_is_in_chinese() {
    let run = dabiao(&["check", "--help"]);
    assert!(
        run.stdout.contains("检查数据集文件") || run.stdout.contains("要检查的文件"),
        "{}",
        run.stdout
    );
    let run = dabiao(&["--help"]);
    assert!(
        run.stdout.contains("生成一份空白数据集模板"),
        "{}",
        run.stdout
    );
}
