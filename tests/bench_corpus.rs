//! The benchmark's corpus generator (benches/corpus): seeded, the three formats read
//! back to the same data, and the manifest counts what was injected.

#[allow(dead_code)]
#[path = "../benches/corpus/mod.rs"]
mod corpus;

use dabiao::base::source::SourceFile;
use dabiao::dataset::{Format, Limits, parse};

fn read(text: &str, format: Format) -> serde_json::Value {
    let source = SourceFile::new("x", text.to_string());
    match parse(&source, format, &Limits::default()) {
        Some(Ok((value, _, _))) => value,
        other => panic!("does not parse: {:?}", other.map(|r| r.err())),
    }
}

#[test]
fn yaml_and_toml_read_back_as_the_json() {
    for v in corpus::load_examples() {
        let mut no_nulls = v.clone();
        strip_nulls(&mut no_nulls);
        assert_eq!(read(&corpus::emit::yaml(&v), Format::Yaml), v);
        assert_eq!(read(&corpus::emit::toml(&v), Format::Toml), no_nulls);
    }
}

fn strip_nulls(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(strip_nulls);
        }
        serde_json::Value::Array(a) => {
            a.retain(|x| !x.is_null());
            a.iter_mut().for_each(strip_nulls);
        }
        _ => {}
    }
}

#[test]
fn same_seed_same_corpus_and_manifest() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let ma = corpus::write_datasets(a.path(), 60, 5);
    let mb = corpus::write_datasets(b.path(), 60, 5);
    assert_eq!(ma.summary(), mb.summary());
    assert_eq!(ma.files, 60);
    let injected: usize = ma.defects.values().sum();
    assert!(ma.clean + injected >= 60, "{}", ma.summary());
    for name in ["r000000.json", "r000005.yaml", "r000009.toml"] {
        let fa = std::fs::read(a.path().join("000").join(name)).unwrap();
        let fb = std::fs::read(b.path().join("000").join(name)).unwrap();
        assert_eq!(fa, fb, "{name}");
    }
}

#[test]
fn report_text_reaches_its_size() {
    let mut rng = corpus::Rng::new(3);
    let (text, _) = corpus::text::report(&mut rng, 100_000);
    // About 100 KB: a removed table (an injected defect) takes ~3 KB off.
    assert!((95_000..110_000).contains(&text.len()), "{}", text.len());
    assert!(text.contains("表1 人才培养质量计分卡"));
}

#[test]
fn stats_lines_are_read_leniently() {
    let err = "dabiao: 检查 1000 份，用时 3.59 秒，279 份/秒，2 个线程，峰值内存 24.7 MiB\n\
               dabiao: 各阶段用时（毫秒，各线程合计）：读取 1.2，解析 3,400.5，模式 5.6，导入 0.0，\
               事实 0，规则：7.8，评级 0.9 毫秒，输出 1.0\n";
    assert_eq!(
        corpus::stats::batch(err),
        Some((1000, Some(3.59), Some(24.7)))
    );
    let st = corpus::stats::stages(err).unwrap();
    assert_eq!(st, [1.2, 3400.5, 5.6, 0.0, 0.0, 7.8, 0.9, 1.0]);
    let partial = corpus::stats::stages("dabiao: 各阶段用时（毫秒）：规则 2.5").unwrap();
    assert!(partial[0].is_nan() && partial[5] == 2.5);
    assert_eq!(corpus::stats::stages("dabiao: 检查 1 份"), None);
}

/// The pack with its scripts emptied (the benchmark's floor) loads as the same rules,
/// each with its header and declared checks, and no script left to do work.
#[test]
fn emptied_pack_keeps_every_rule_and_no_script() {
    use dabiao::rules::engine::SandboxLimits;
    use dabiao::rules::pack::RulePack;
    use dabiao::rules::pack_source::PackSource;

    let dir = tempfile::tempdir().unwrap();
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    corpus::emptied::write_emptied_pack(&rules, dir.path());
    let load = |d: &std::path::Path| {
        let source = PackSource::from_dir(d).unwrap();
        RulePack::load(&source, &[], SandboxLimits::default()).unwrap()
    };
    let (full, emptied) = (load(&rules), load(dir.path()));
    assert!(emptied.problems.is_empty(), "{:?}", emptied.problems);
    assert_eq!(full.rules.len(), emptied.rules.len());
    let mut scripts = 0;
    for (a, b) in full.rules.iter().zip(&emptied.rules) {
        assert_eq!(a.meta.id, b.meta.id);
        assert_eq!(a.meta.checks.len(), b.meta.checks.len(), "{}", a.meta.id);
        assert_eq!(a.ast.is_some(), b.ast.is_some(), "{}", a.meta.id);
        let body: Vec<&str> = b.text.lines().filter(|l| !l.starts_with("//!")).collect();
        if b.ast.is_some() {
            scripts += 1;
            assert_eq!(body, ["let emptied = ();"], "{}", b.meta.id);
        } else {
            assert!(body.is_empty(), "{}: {body:?}", b.meta.id);
        }
    }
    assert!(scripts > 50, "{scripts} scripts");
}
