//! A rule pack is user input (`--rules DIR`), so a hostile one (issue 14, item 7; the
//! duplicate id of item 4): what a rule emits is bounded, a failing rule keeps none of
//! its findings and cannot raise the grade, memory and callbacks are bounded, an evil
//! pack ends quickly, and a pack with a duplicate id is refused. Each drives the binary.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{dabiao, fixtures, project_root};
use serde_json::Value;

use dabiao::base::limits::{MAX_FINDINGS_PER_FILE, MAX_FINDINGS_PER_RULE, MAX_MESSAGE_CHARS};

/// A pack with the embedded thresholds and grading and `rules` as `(folder/file, text)`.
fn pack_with(rules: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["thresholds.toml", "grading.toml"] {
        std::fs::copy(project_root().join("rules").join(f), dir.path().join(f)).unwrap();
    }
    for (name, text) in rules {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A consistency rule `id` with `extra` header lines and `script`.
fn rule(id: &str, extra: &str, script: &str) -> (String, String) {
    (
        format!("consistency/{id}.rhai"),
        format!(
            "//! id = \"{id}\"\n//! title = \"测试规则\"\n//! category = \"consistency\"\n\
             //! severity = \"error\"\n//! source = \"测试\"\n//! help = \"测试\"\n{extra}{script}\n"
        ),
    )
}

/// `dabiao check --rules PACK --format json FILES…`: the parsed output and the time taken.
fn check(pack: &Path, files: &[&str]) -> (Value, Duration) {
    let mut args = vec![
        "check",
        "--rules",
        pack.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend(files);
    let started = Instant::now();
    let run = dabiao(&args);
    let took = started.elapsed();
    let v = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("json output: {e}\n{}", run.stderr));
    (v, took)
}

fn findings(file: &Value) -> &Vec<Value> {
    file["findings"].as_array().unwrap()
}

fn of_code<'a>(file: &'a Value, code: &str) -> Vec<&'a Value> {
    findings(file)
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The engine findings of a file that name `id`.
fn failures<'a>(file: &'a Value, id: &str) -> Vec<&'a Value> {
    findings(file)
        .iter()
        .filter(|f| f["category"] == "engine")
        .filter(|f| f["message"].as_str().unwrap().contains(id))
        .collect()
}

/// A rule emitting 1 MiB messages without end reached 2 GB: now at most
/// MAX_FINDINGS_PER_RULE per rule (cut to MAX_MESSAGE_CHARS), MAX_FINDINGS_PER_FILE per
/// report, each overflow said once.
#[test]
fn what_rules_emit_is_bounded() {
    // 400 long messages, twice the rule's bound: enough to show the bound, and well
    // inside the rule's time budget on a loaded machine (1,000 of them timed out there).
    let long = rule(
        "FLOOD-1",
        "",
        "let s = \"长\"; while s.len() < 6000 { s += s; }\n\
         for i in 0..400 { fail(\"/report/year\", s); }",
    );
    let mut rules = vec![long];
    // 14 more rules of 200 short findings each: 3,000 in all, past the per-file bound.
    for n in 2..=15 {
        rules.push(rule(
            &format!("FLOOD-{n}"),
            "",
            "for i in 0..200 { warn(\"/report/year\", \"第 \" + i + \" 条\"); }",
        ));
    }
    let pack = pack_with(&rules);
    let (v, _) = check(pack.path(), &["valid/minimal.yaml"]);
    let file = &v["files"][0];
    let long = of_code(file, "FLOOD-1");
    assert!(long.len() <= MAX_FINDINGS_PER_RULE, "{}", long.len());
    for f in &long {
        let m = f["message"].as_str().unwrap();
        assert_eq!(m.chars().count(), MAX_MESSAGE_CHARS);
        assert!(m.ends_with('…'));
    }
    let notes: Vec<&str> = of_code(file, "dabiao::rules::omitted")
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        notes
            .iter()
            .any(|m| m.contains("FLOOD-1") && m.contains("另有 200 条")),
        "{notes:#?}"
    );
    assert!(
        notes
            .iter()
            .any(|m| m.contains("本报告") && m.contains("未列出")),
        "{notes:#?}"
    );
    // The bound, the per-rule notes that survived it, and the one note of the report.
    assert!(
        findings(file).len() <= MAX_FINDINGS_PER_FILE + 20,
        "{}",
        findings(file).len()
    );
    // Errors are kept before warnings when the report's bound drops findings.
    assert_eq!(long.len(), MAX_FINDINGS_PER_RULE);
}

/// Findings emitted before a rule failed still counted, and a failure cost nothing:
/// a rule that would have capped the grade at C left it at A by failing.
#[test]
fn a_failing_rule_keeps_nothing_and_cannot_raise_the_grade() {
    let capped = "//! grade_cap = \"C\"\n";
    let working = pack_with(&[rule("CAP-1", capped, "fail(\"/report/year\", \"有问题\");")]);
    let (ok, _) = check(working.path(), &["valid/minimal.yaml"]);
    let ok = &ok["files"][0];
    assert_eq!(ok["verdict"]["grade"], "C", "{ok:#}");
    for script in [
        // Fails before reporting anything.
        "no_such_helper(1);\nfail(\"/report/year\", \"有问题\");",
        // Reports, then fails: what it reported is discarded.
        "fail(\"/report/year\", \"先报告\");\nno_such_helper(1);",
    ] {
        let failing = pack_with(&[rule("CAP-1", capped, script)]);
        let (bad, _) = check(failing.path(), &["valid/minimal.yaml"]);
        let bad = &bad["files"][0];
        assert!(of_code(bad, "CAP-1").is_empty(), "{:#?}", findings(bad));
        let failed = failures(bad, "CAP-1");
        assert_eq!(failed.len(), 1, "{:#?}", findings(bad));
        assert!(
            failed[0]["message"]
                .as_str()
                .unwrap()
                .contains("no_such_helper")
        );
        assert_eq!(bad["verdict"]["grade"], "C", "{:#}", bad["verdict"]);
        assert!(bad["verdict"]["score"].as_f64() <= ok["verdict"]["score"].as_f64());
        assert_eq!(bad["verdict"]["incomplete"], 1);
    }
}

/// A map of strings grew to 690 MB before the time limit stopped it; an array of
/// strings, many variables, too. Each now stops at a size or memory bound, fast.
#[test]
fn what_a_rule_holds_is_bounded() {
    let big = "let s = \"x\"; while s.len() < 30000 { s += s; }\n";
    let pack = pack_with(&[
        rule(
            "MEM-1",
            "",
            &format!("{big}let m = #{{}};\nfor i in 0..100000 {{ m[\"k\" + i] = s + i; }}"),
        ),
        rule(
            "MEM-2",
            "",
            &format!("{big}let a = [];\nfor i in 0..100000 {{ a.push(s + i); }}"),
        ),
        rule(
            "MEM-3",
            "",
            &format!("{big}let a = [];\nfor i in 0..100000 {{ a.push([s + i]); }}"),
        ),
        rule(
            "MEM-4",
            "",
            &format!(
                "{big}let a = [];\nfor i in 0..3000 {{ let m = #{{}}; m[\"v\"] = s + i; a.push(m); }}"
            ),
        ),
    ]);
    let (v, took) = check(pack.path(), &["valid/minimal.yaml"]);
    let file = &v["files"][0];
    for id in ["MEM-1", "MEM-2", "MEM-3", "MEM-4"] {
        let failed = failures(file, id);
        assert_eq!(failed.len(), 1, "{id}: {:#?}", findings(file));
        let m = failed[0]["message"].as_str().unwrap();
        // A map of strings is bounded by the process's growth (or, on a slow
        // machine, by the clock first); the others by Rhai's size limits.
        let clock_allowed = id == "MEM-1";
        assert!(
            m.contains("上限") && (clock_allowed || !m.contains("时间")),
            "{id} stopped by a bound, not the clock: {m}"
        );
    }
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let run = dabiao(&[
        "check",
        "--stats",
        "-q",
        "--rules",
        pack.path().to_str().unwrap(),
        "valid/minimal.yaml",
    ]);
    common::assert_peak_below(&run.stderr, 700.0);
}

/// A sort comparator that loops ran 2.4 s against a 0.5 s limit and the rule then
/// passed; a closure given to `filter` had its own operation count on every call.
#[test]
fn callbacks_run_under_the_rules_limits_and_their_failure_fails_the_rule() {
    let pack = pack_with(&[
        rule(
            "CB-1",
            "",
            "let a = []; for i in 0..2000 { a.push(2000 - i); }\n\
             a.sort(|x, y| { let n = 0; loop { n += 1; } });\n\
             fail(\"/report/year\", \"排序之后\");",
        ),
        rule(
            "CB-2",
            "",
            "let a = []; for i in 0..300 { a.push(i); }\n\
             let b = a.filter(|x| { let n = 0; while n < 3000 { n += 1; } true });\n\
             fail(\"/report/year\", \"筛选之后\");",
        ),
        rule(
            "CB-3",
            "",
            "let a = []; for i in 0..2000 { a.push(i % 7); }\n\
             a.dedup(|x, y| { loop { } });\n\
             fail(\"/report/year\", \"去重之后\");",
        ),
    ]);
    let (v, took) = check(pack.path(), &["valid/minimal.yaml"]);
    let file = &v["files"][0];
    for id in ["CB-1", "CB-2", "CB-3"] {
        assert!(
            of_code(file, id).is_empty(),
            "{id} passed: {:#?}",
            findings(file)
        );
        assert_eq!(failures(file, id).len(), 1, "{id}: {:#?}", findings(file));
    }
    // 300 calls of ~15,000 operations each: past the rule's 1,000,000 in all (a
    // debug build under load may reach the time limit first).
    let cb2 = failures(file, "CB-2")[0]["message"].as_str().unwrap();
    assert!(
        cb2.contains("运行步数超过上限") || cb2.contains("运行时间超过上限"),
        "{cb2}"
    );
    assert!(took < Duration::from_secs(6), "took {took:?}");
}

/// Several rules each at a different limit (43 s and 4.2 GB on six files before):
/// a check of a few files and `rules test` end quickly, with one engine finding per
/// rule and report.
#[test]
fn an_evil_pack_ends_quickly() {
    let big = "let s = \"x\"; while s.len() < 60000 { s += s; }\n";
    let evil = [
        rule(
            "EVIL-1",
            "",
            &format!("{big}for i in 0..100000 {{ fail(\"/report/year\", s); }}\nloop {{ }}"),
        ),
        rule(
            "EVIL-2",
            "",
            &format!("{big}let m = #{{}};\nfor i in 0..100000 {{ m[\"k\" + i] = s + i; }}"),
        ),
        rule(
            "EVIL-3",
            "",
            "let a = []; for i in 0..2000 { a.push(2000 - i); }\na.sort(|x, y| { loop { } });",
        ),
        rule(
            "EVIL-4",
            "",
            "fail(\"/report/year\", \"先报告\");\nloop { }",
        ),
        rule(
            "EVIL-5",
            "",
            &format!("{big}let a = [];\nfor i in 0..100000 {{ a.push(s + i); }}"),
        ),
        rule("EVIL-6", "", "fn f(n) { f(n + 1) }\nf(0);"),
    ];
    let pack = pack_with(&evil);
    let files = [
        "valid/minimal.yaml",
        "valid/minimal.json",
        "valid/minimal.toml",
    ];
    let (v, took) = check(pack.path(), &files);
    // Two rules time out (0.5 s each) per file; the others stop at once.
    assert!(took < Duration::from_secs(30), "took {took:?}");
    for file in v["files"].as_array().unwrap() {
        for n in 1..=6 {
            let id = format!("EVIL-{n}");
            assert_eq!(failures(file, &id).len(), 1, "{id}: {:#?}", findings(file));
            assert!(of_code(file, &id).is_empty(), "{id}: {:#?}", findings(file));
        }
        assert_eq!(file["verdict"]["incomplete"], 6);
    }
    // A rule stopped by a limit on MAX_RULE_STRIKES reports is not run on the rest.
    let five = [
        "valid/minimal.yaml",
        "valid/minimal.json",
        "valid/minimal.toml",
        "valid/bom.json",
        "valid/gbk.yaml",
    ];
    let mut args = vec![
        "check",
        "--jobs",
        "1",
        "--rules",
        pack.path().to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend(five);
    let run = dabiao(&args);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let last = &v["files"][4];
    for id in ["EVIL-1", "EVIL-3", "EVIL-4"] {
        let failed = failures(last, id);
        assert_eq!(failed.len(), 1, "{id}: {:#?}", findings(last));
        assert!(
            failed[0]["message"].as_str().unwrap().contains("不再执行"),
            "{:#?}",
            failed
        );
    }
    assert_eq!(last["verdict"]["incomplete"], 6);
    // `rules test` over a few fixtures of one rule.
    let cases = tempfile::tempdir().unwrap();
    let dir = cases.path().join("EVIL-4");
    std::fs::create_dir(&dir).unwrap();
    for name in ["fire-a.yaml", "quiet-b.yaml", "quiet-c.yaml"] {
        std::fs::copy(fixtures().join("valid/minimal.yaml"), dir.join(name)).unwrap();
    }
    let started = Instant::now();
    let run = dabiao(&[
        "rules",
        "test",
        "--rules",
        pack.path().to_str().unwrap(),
        "--fixtures",
        cases.path().to_str().unwrap(),
    ]);
    let took = started.elapsed();
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(took < Duration::from_secs(30), "rules test took {took:?}");
}

/// Two rules with one id were reported as "无法加载" while both ran and both
/// counted: the pack is refused (exit 2), pointing at the id in both files, and no
/// report is checked.
#[test]
fn a_duplicate_rule_id_refuses_the_pack() {
    let (_, text) = rule("DUP-1", "", "fail(\"/report/year\", \"一\");");
    let pack = pack_with(&[
        ("consistency/DUP-1-first.rhai".to_string(), text.clone()),
        ("consistency/DUP-1-second.rhai".to_string(), text),
    ]);
    for command in [&["check", "valid/minimal.yaml"][..], &["rules", "list"][..]] {
        let mut args = command.to_vec();
        args.extend(["--rules", pack.path().to_str().unwrap()]);
        let run = dabiao(&args);
        assert_eq!(run.code, 2, "{args:?}: {}\n{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("DUP-1-first.rhai:1:"), "{}", run.stderr);
        assert!(
            run.stderr.contains("DUP-1-second.rhai:1:"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("规则编号 DUP-1 重复"), "{}", run.stderr);
        assert!(!run.stderr.contains("无法加载"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "nothing was checked: {}", run.stdout);
    }
}

/// A curried argument is a value Rhai's size limits do not measure: an array of
/// `Fn("f").curry(big)` grew by gigabytes before the time limit. `curry` is not
/// part of the rule language: such a rule does not load, and nothing of it runs.
#[test]
fn curried_values_are_not_part_of_the_rule_language() {
    let big = "let s = \"x\"; for i in 0..16 { s += s; }\n";
    let pack = pack_with(&[rule(
        "MEM-5",
        "",
        &format!("{big}let a = [];\nfor i in 0..100000 {{ a.push(Fn(\"f\").curry(s + i)); }}"),
    )]);
    let started = Instant::now();
    let run = dabiao(&[
        "check",
        "--rules",
        pack.path().to_str().unwrap(),
        "valid/minimal.yaml",
    ]);
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(run.stderr.contains("MEM-5"), "{}", run.stderr);
    assert!(run.stderr.contains("curry"), "{}", run.stderr);
}
