//! No panic on any input: arbitrary bytes through every loader, and arbitrary
//! values in every corner of a dataset through schema, rules and grading.

use std::sync::Arc;

use dabiao::dataset::{Format, Limits};
use dabiao::load::load_bytes;
use dabiao::rules::engine::SandboxLimits;
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
        for format in [Format::Json, Format::Yaml, Format::Toml, Format::Text, Format::Markdown, Format::Docx] {
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
        RulePack::load(&PackSource::embedded(), &[], SandboxLimits::default()).unwrap()
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
        let findings = pack().run(Arc::clone(&dataset.value), index, false);
        let broken: Vec<_> = findings.iter().filter(|f| f.code.starts_with("dabiao::engine")).collect();
        prop_assert!(broken.is_empty(), "{broken:#?}");
    }
}

/// Pieces real report texts are made of, shuffled: headings, captions, table rows,
/// numbers in every form, the words the extractor looks for.
fn report_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "1. 基本情况",
        "2 人才培养",
        "三、服务贡献",
        "第四部分 文化传承",
        "5.",
        "国际合作",
        "6.1 ",
        "案例 2-1",
        "【典型案例3-1】",
        "图 1 ",
        "表 1.2 ",
        "表1 人才培养质量计分卡",
        "表3 教学资源表",
        "高职：",
        "中职：",
        "名称：某市(140100)",
        "目 录",
        "序号\t指标\t单位\t2023年\t2024年",
        "1\t毕业生人数\t人\t7800\t9397",
        "\t其中：升学人数\t人\t6397\t",
        "\t\t学时\t1\t2",
        "接入国家智慧教育平台数\t个\t0\t1\t",
        "项目\t2023年数据\t2024年数据",
        "专任教师总数\t2066\t2117",
        "全市",
        "共有",
        "其中",
        "，",
        "、",
        "。",
        "；",
        "（",
        "）",
        "：",
        "占",
        "的",
        "比上年",
        "增加",
        "下降",
        "增至",
        "由",
        "从",
        "个百分点",
        "%",
        "％",
        "人",
        "所",
        "个",
        "万",
        "亿元",
        "余",
        "近",
        "在校生",
        "专任教师",
        "教职工",
        "学校",
        "专业",
        "专业群",
        "生师比",
        "毕业生",
        "经费",
        "培训",
        "2024年",
        "2023 年",
        "上年",
        "27,534",
        "9.60:1",
        "１２．５",
        "六",
        "十二",
        "0",
        "99999999999",
        "0.000001",
        "分别为",
        "另有",
        "等",
        "“双师型”",
        "《",
        "》",
        "\n",
        "\n\n",
        "\t",
        " ",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// Any arrangement of report pieces imports without panicking, every span stays in
    /// the text, and no narrative rule breaks on the facts it produces.
    #[test]
    fn report_texts_import_and_check_cleanly(pieces in prop::collection::vec(report_piece(), 0..120)) {
        let text = format!("某市中等职业教育质量年度报告（2024年度）\n{}", pieces.concat());
        for format in [Format::Text, Format::Markdown] {
            let loaded = load_bytes(text.as_bytes(), format, "fuzz", &Limits::default());
            let dataset = loaded.dataset.expect("report texts always import");
            let len = text.len();
            for f in &loaded.findings {
                if let Some(s) = f.span {
                    prop_assert!(s.start <= s.end && s.end <= len + 1, "{:?}", f);
                }
            }
            let pack = pack();
            let index = Arc::new(SchemaIndex::new(Schema::embedded().value().clone()));
            for f in pack.run(Arc::clone(&dataset.value), index, true) {
                prop_assert!(f.category != dabiao::finding::Category::Engine, "{}: {}", f.code, f.message);
            }
        }
    }
}
