//! The walk over whole (invented) report texts: contents pages and outlines.

use serde_json::Value;

use crate::import::import_text;

fn strings(v: &Value, pointer: &str, key: &str) -> Vec<String> {
    v.pointer(pointer)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|x| match &x[key] {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

const BODY: &str = "\n前言\n\n本年度全市职业教育稳步发展，现将有关情况报告如下。\n\n1 基本情况\n\n（一）学校概况\n\n1. 学校分布\n\n全市共有中职学校九所，分布在六个县区。\n\n2. 办学条件\n\n1. 服务贡献能力提升\n\n各校推进现代学徒制试点。\n\n（二）专业设置\n\n2 人才培养\n\n（一）立德树人\n\n图 1 研学活动\n";

#[test]
fn third_level_below_chinese_brackets() {
    let v = import_text(&format!("目录\n\n前言1\n{BODY}")).value;
    assert_eq!(strings(&v, "/sections", "no"), ["1", "2"]);
    let subs = v.pointer("/sections/0/subsections").unwrap();
    assert_eq!(
        strings(subs, "", "no"),
        ["1.1", "1.1.1", "1.1.2", "1.1.1", "1.2"]
    );
    assert_eq!(
        strings(subs, "", "title"),
        [
            "学校概况",
            "学校分布",
            "办学条件",
            "服务贡献能力提升",
            "专业设置"
        ]
    );
}

#[test]
fn contents_pages_as_extraction_leaves_them() {
    let toc = [
        // Dashes, glued page numbers, middle dots.
        "目 录\n\n前言－－－－1\n1 基本情况----1\n（一）学校概况2\n（二）专业设置·····3\n2 人才培养—— 4\n\n附图目录\n\n图 1 研学活动5\n",
        // One line, as a PDF's text layer gives it.
        "目 录\n\n前言……11 基本情况……1（一）学校概况……2（二）专业设置……32 人才培养……4图 1 研学活动……5\n",
    ];
    for t in toc {
        let v = import_text(&format!("{t}{BODY}")).value;
        assert_eq!(
            strings(&v, "/toc", "title"),
            [
                "前言",
                "1 基本情况",
                "（一）学校概况",
                "（二）专业设置",
                "2 人才培养",
                "图 1 研学活动"
            ],
            "{t}"
        );
        assert_eq!(strings(&v, "/toc", "page"), ["1", "1", "2", "3", "4", "5"]);
        // The list's entries are not captions, the entries not headings.
        assert_eq!(strings(&v, "/figures", "part"), ["2"], "{t}");
        assert_eq!(strings(&v, "/sections", "title"), ["基本情况", "人才培养"]);
    }
}

#[test]
fn a_contents_entry_wrapped_onto_a_second_line_is_one_entry() {
    let text = format!(
        "图目录\n\n图 2.1 研学活动现场\t14\n图 2.2 学校负责人在全省职业院校名校长（书记）\n培育会上发言\t15\n图 2.3 实训车间\t18\n{BODY}"
    );
    let v = import_text(&text).value;
    assert_eq!(
        strings(&v, "/toc", "title"),
        [
            "图 2.1 研学活动现场",
            "图 2.2 学校负责人在全省职业院校名校长（书记）培育会上发言",
            "图 2.3 实训车间"
        ]
    );
    assert_eq!(strings(&v, "/toc", "page"), ["14", "15", "18"]);
    // The entry is not taken for the figure's caption in the body.
    assert_eq!(strings(&v, "/figures", "id"), ["1"]);
}

#[test]
fn a_lone_figure_word_and_the_numbered_title_below_are_one_caption() {
    let text = "1 基本情况\n\n3.1 学校概况\n\n各校办学条件持续改善。\n\n图\n\n3.2 “敬老助老”社区活动\n\n3.2 专业设置\n";
    let v = import_text(&text.replace("3.", "1.")).value;
    assert_eq!(strings(&v, "/figures", "id"), ["1.2"]);
    assert_eq!(strings(&v, "/sections/0/subsections", "no"), ["1.1", "1.2"]);
}
