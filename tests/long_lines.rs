//! Long lines on the terminal: a one-line (minified) JSON file and a long paragraph
//! are drawn cut to a window around each finding, so the marker is on screen and the
//! header still gives the finding's line and column in the file.

mod common;

use common::dabiao_in;
use unicode_width::UnicodeWidthStr;

/// Every line of the diagnostics fits in 120 columns; the marker is drawn. (The
/// file's summary line, its grade reasons, is not a drawing of the file.)
fn assert_on_screen(out: &str) {
    let diagnostics = out.split("\n✗ ").next().unwrap();
    for line in diagnostics.lines() {
        assert!(line.width() <= 120, "{} columns: {line}", line.width());
    }
    assert!(out.contains('┬') && out.contains("╰──"), "{out}");
}

/// A dataset on one line: a title of 3,950 characters, then the year as text (a
/// wrong type at column ~3,990), then a case whose title is 5,100 characters.
fn one_line_dataset() -> String {
    let title = "北岭市职业教育质量年度报告".repeat(304);
    let case = "北岭市第一职业技术学校校企共建实训中心".repeat(300);
    format!(
        r#"{{"report":{{"title":"{title}","level":"city","stages":["secondary"],"year":"二〇二四","entity":{{"name":"北岭市","code":"100000"}}}},"data":{{"secondary":{{"2024":{{"scorecard":{{"graduates":7800,"placed":7649}}}}}}}},"cases":[{{"id":"1","part":2,"title":"{case}","chars":3000}}]}}"#
    )
}

#[test]
fn a_one_line_json_finding_is_drawn_in_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let text = one_line_dataset();
    assert!(text.chars().count() > 9_000);
    std::fs::write(dir.path().join("one-line.json"), &text).unwrap();
    let started = std::time::Instant::now();
    let run = dabiao_in(
        dir.path(),
        &["check", "--no-rules", "--color", "never", "one-line.json"],
    );
    assert!(started.elapsed().as_secs() < 20);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_on_screen(&run.stdout);
    let at = text.find(r#""二〇二四""#).unwrap();
    let column = text[..at].chars().count() + 1;
    assert!((3_900..4_100).contains(&column), "{column}");
    assert!(
        run.stdout.contains(&format!("[one-line.json:1:{column}]")),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
}

/// A report text whose second paragraph is 3,000 characters long, with a part
/// larger than its total (NAR-001) in the middle of it.
#[test]
fn a_finding_in_a_long_paragraph_is_drawn_in_a_window() {
    let filler = [
        "各校围绕区域主导产业调整专业布局，推动课程内容与岗位要求对接。",
        "学校与园区企业共建实训基地，学生在真实生产环境中完成综合实训。",
        "教师深入企业一线开展实践，把新工艺和新标准带回课堂。",
        "德育工作贯穿教学全过程，劳动教育与职业体验活动常态开展。",
    ];
    let mut paragraph = String::new();
    while paragraph.chars().count() < 1_400 {
        for s in filler {
            paragraph.push_str(s);
        }
    }
    paragraph.push_str("截至2024年底，全市中职学校教职工共640人，其中专任教师675人。");
    while paragraph.chars().count() < 3_000 {
        for s in filler.iter().rev() {
            paragraph.push_str(s);
        }
    }
    let text = format!(
        "河西省北岭市中等职业教育质量年度报告（2024年度）\n\n1. 基本情况\n\n{paragraph}\n\n2. 人才培养\n\n各校推进课程思政建设。\n"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("long-paragraph.txt"), &text).unwrap();
    let run = dabiao_in(
        dir.path(),
        &["check", "--color", "never", "long-paragraph.txt"],
    );
    let nar: String = run
        .stdout
        .split("\n\n")
        .skip_while(|block| !block.starts_with("NAR-001"))
        .take(2)
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(!nar.is_empty(), "{}", run.stdout);
    assert_on_screen(&run.stdout);
    assert!(nar.contains("[long-paragraph.txt:5:"), "{nar}");
    insta::assert_snapshot!(nar);
}
