//! No panic on any input: arbitrary bytes through every loader, and arbitrary
//! values in every corner of a dataset through schema, rules and grading.

use std::sync::Arc;

use dabiao::dataset::{Format, Limits, load_bytes};
use dabiao::rules::engine::Limits as RuleLimits;
use dabiao::rules::{PackSource, RulePack};
use dabiao::schema::{Schema, SchemaIndex};
use proptest::prelude::*;
use serde_json::{Value, json};

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1e9f64..1e9).prop_map(|f| json!(f)),
        (-1000i64..100_000).prop_map(|i| json!(i)),
        "[-a-z0-9甲乙丙\"\\\\ ]{0,8}".prop_map(Value::String),
        Just(json!("-")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                "[a-z_]{1,6}|2023|2024|graduates|placed|schools|sections",
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn loaders_never_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for format in [Format::Json, Format::Yaml, Format::Toml] {
            let loaded = load_bytes(&bytes, format, "fuzz", &Limits::default());
            // Whatever happened, spans stay inside the text.
            if let Some(src) = &loaded.source {
                for f in &loaded.findings {
                    if let Some(s) = f.span {
                        prop_assert!(s.start <= s.end && s.end <= src.text().len() + 1);
                    }
                }
            }
        }
    }

    #[test]
    fn loaders_never_panic_on_near_valid_text(v in arb_value(), cut in 0usize..200) {
        let text = serde_json::to_string_pretty(&v).unwrap();
        let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
        for format in [Format::Json, Format::Yaml] {
            let _ = load_bytes(&text.as_bytes()[..cut], format, "fuzz", &Limits::default());
        }
        // Pretty JSON is also YAML; both give the same value.
        let j = load_bytes(text.as_bytes(), Format::Json, "f", &Limits::default()).dataset.map(|d| (*d.value).clone());
        prop_assert_eq!(j.as_ref(), Some(&v));
    }
}

fn pack() -> &'static RulePack {
    static PACK: std::sync::OnceLock<RulePack> = std::sync::OnceLock::new();
    PACK.get_or_init(|| {
        RulePack::load(&PackSource::embedded(), &[], RuleLimits::default()).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any value anywhere in a well-shaped report: the schema complains, the rules stay quiet
    /// or report, nothing panics and no rule breaks (no `engine` finding).
    #[test]
    fn rules_survive_arbitrary_values(
        scorecard in arb_value(), resources in arb_value(), policy in arb_value(),
        schools in arb_value(), sections in arb_value(), year in prop_oneof![Just(json!(2024)), arb_value()],
    ) {
        let report = json!({
            "report": {"title": "测试", "level": "city", "stages": ["secondary", "higher"], "year": year,
                       "entity": {"name": "测试市", "code": "140100"}, "category": "engineering"},
            "data": {"secondary": {"2023": {"scorecard": scorecard.clone()}, "2024": {
                "scorecard": scorecard, "resources": resources, "policy": policy}}},
            "schools": schools,
            "sections": sections,
        });
        let text = serde_json::to_string_pretty(&report).unwrap();
        let loaded = load_bytes(text.as_bytes(), Format::Json, "f", &Limits::default());
        let dataset = loaded.dataset.unwrap();
        let schema = Schema::embedded();
        let _ = schema.validate(&dataset, loaded.source.as_ref().unwrap());
        let index = Arc::new(SchemaIndex::new(schema.value().clone()));
        let findings = pack().run(Arc::clone(&dataset.value), index);
        let broken: Vec<_> = findings.iter().filter(|f| f.code.starts_with("dabiao::engine")).collect();
        prop_assert!(broken.is_empty(), "{broken:#?}");
    }
}
