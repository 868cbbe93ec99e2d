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
