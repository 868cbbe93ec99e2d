//! The explanation's wording, case by case.

use super::*;
use crate::grade::{CapApplied, Cost, NextGrade, WithoutWaivers};

fn cost(code: &str, title: &str, findings: usize, raw: f64, points: f64) -> Cost {
    Cost {
        code: code.into(),
        title: title.into(),
        findings,
        raw,
        points,
        capped: raw > points,
    }
}

fn verdict(grade: Grade, score: f64, score_grade: Grade, costs: Vec<Cost>) -> Verdict {
    Verdict {
        grade,
        score,
        score_grade,
        costs,
        caps: Vec::new(),
        next: None,
        incomplete: 0,
        without_waivers: None,
        unread: false,
    }
}

fn plain(notes: &[Note]) -> Vec<String> {
    notes
        .iter()
        .map(|n| format!("{}：{}", n.tag, n.plain_text()))
        .collect()
}

#[test]
fn a_clean_report_needs_no_notes() {
    let e = Explanation::of(&verdict(Grade::A, 100.0, Grade::A, Vec::new()));
    assert_eq!(e.headline.line, "A 100 分 可直接发布");
    assert_eq!(e.headline.score_text, "得分 100");
    assert_eq!((e.headline.waivers.as_str(), e.headline.capped), ("", None));
    assert!(e.brief.is_empty() && e.notes.is_empty() && e.marks.is_empty());
    assert!(e.deductions.is_empty());
    assert_eq!(e.total, "−0");
}

#[test]
fn a_cap_that_holds_the_grade() {
    let mut v = verdict(
        Grade::C,
        92.0,
        Grade::A,
        vec![cost("dabiao::parse::json", "文件语法错误", 1, 8.0, 8.0)],
    );
    v.caps = vec![CapApplied {
        grade: Grade::C,
        code: "dabiao::parse::json".into(),
        reason: "文件无法读取或解析，无法核对内容".into(),
    }];
    v.next = Some(NextGrade {
        grade: Grade::B,
        fix: vec!["dabiao::parse::json".into()],
        findings: 1,
    });
    let e = Explanation::of(&v);
    assert_eq!(
        e.headline.capped.as_deref(),
        Some("（按得分为 A，因下列问题封顶为 C）")
    );
    // The grade never reads as the score's: "C（封顶） 92 分", never "C 92 分".
    assert_eq!(e.headline.line, "C（封顶） 92 分 退回重报");
    assert_eq!(v.grade_label(), "C（封顶）");
    assert_eq!(
        plain(&e.brief),
        [
            "扣分最多：dabiao::parse::json 文件语法错误（-8）",
            "等级封顶 C：文件无法读取或解析，无法核对内容（dabiao::parse::json）",
            "升到 B：修正 dabiao::parse::json（共 1 处）",
        ]
    );
    assert_eq!(e.notes[0].kind, NoteKind::Cap);
    assert_eq!(
        e.notes[0].text,
        [
            code("dabiao::parse::json"),
            text(" 文件无法读取或解析，无法核对内容")
        ]
    );
    assert_eq!(e.notes[0].tag, "封顶 C");
    assert_eq!(
        e.marks,
        [Mark {
            kind: MarkKind::Capped,
            label: "封顶".into(),
            title: "按得分为 A，因严重问题封顶为 C".into(),
        }]
    );
}

#[test]
fn a_cap_below_the_score_grade_is_listed_but_did_not_hold() {
    let mut v = verdict(
        Grade::C,
        0.0,
        Grade::C,
        vec![cost("CMP-003", "六张数据表", 4, 32.0, 24.0)],
    );
    v.caps = vec![CapApplied {
        grade: Grade::C,
        code: "CMP-003".into(),
        reason: "缺表".into(),
    }];
    let e = Explanation::of(&v);
    assert_eq!(plain(&e.brief), ["扣分最多：CMP-003 六张数据表 ×4（-24）"]);
    assert_eq!(plain(&e.notes), ["封顶 C：CMP-003 缺表"]);
    assert_eq!(e.headline.capped, None);
    assert!(e.marks.is_empty());
}

#[test]
fn next_grade_fixes_name_codes_with_their_titles() {
    let v = Verdict {
        next: Some(NextGrade {
            grade: Grade::A,
            fix: vec!["X-2".into(), "X-9".into()],
            findings: 5,
        }),
        ..verdict(
            Grade::B,
            73.0,
            Grade::B,
            vec![
                cost("X-2", "二", 5, 40.0, 24.0),
                cost("X-1", "一", 1, 3.0, 3.0),
                cost("X-3", "三", 2, 0.0, 0.0),
            ],
        )
    };
    let e = Explanation::of(&v);
    assert_eq!(
        plain(&e.brief),
        [
            "扣分最多：X-2 二 ×5（-24）；X-1 一（-3）",
            "升到 A：修正 X-2、X-9（共 5 处）",
        ]
    );
    let next = &e.notes[0];
    assert_eq!((next.kind, next.tag.as_str()), (NoteKind::Next, "升到 A"));
    assert_eq!(
        next.text,
        [
            text("修正 "),
            Part::Code {
                code: "X-2".into(),
                title: Some("二".into())
            },
            text("、"),
            Part::Code {
                code: "X-9".into(),
                title: Some(String::new())
            },
            text("（共 5 条问题）即可达到 A（可直接发布）"),
        ]
    );
    let points: Vec<(&str, bool, Option<&str>)> = e
        .deductions
        .iter()
        .map(|d| (d.points.as_str(), d.lost, d.limited.as_deref()))
        .collect();
    assert_eq!(
        points,
        [
            ("−24", true, Some("（已封顶，原 −40）")),
            ("−3", true, None),
            ("0", false, None),
        ]
    );
    assert_eq!(e.total, "−27");
}

#[test]
fn a_file_that_could_not_be_read_has_no_score_and_no_next_grade() {
    let mut v = verdict(
        Grade::A,
        92.0,
        Grade::A,
        vec![cost("X-9", "Word 文件无法读取", 1, 8.0, 8.0)],
    );
    v.next = Some(NextGrade {
        grade: Grade::A,
        fix: Vec::new(),
        findings: 0,
    });
    let e = Explanation::of(&v.unreadable("X-9"));
    assert_eq!(e.headline.line, "C（无法读取） 未评分 退回重报");
    assert_eq!(e.headline.capped, None);
    assert_eq!(
        plain(&e.brief),
        ["无法读取：内容未能核对，不评分；按上面的提示处理（X-9）后重新检查才能评级"]
    );
    assert_eq!(e.notes, e.brief);
    assert_eq!(e.marks[0].label, "无法读取");
}

#[test]
fn waivers_that_changed_the_grade() {
    let v = Verdict {
        without_waivers: Some(WithoutWaivers {
            waived: 26,
            grade: Grade::C,
            score: 44.5,
        }),
        ..verdict(Grade::A, 92.5, Grade::A, Vec::new())
    };
    let e = Explanation::of(&v);
    assert_eq!(e.headline.waivers, "；不计豁免为 C（26 项豁免）");
    assert_eq!(
        e.headline.line,
        "A；不计豁免为 C（26 项豁免） 92.5 分 可直接发布"
    );
    assert!(e.brief.is_empty());
    assert_eq!(
        plain(&e.notes),
        ["豁免：26 条问题已豁免、不计入等级；不计豁免时为 C 级、44.5 分"]
    );
}

#[test]
fn waivers_that_left_the_grade_and_checks_that_did_not_run() {
    let v = Verdict {
        without_waivers: Some(WithoutWaivers {
            waived: 1,
            grade: Grade::A,
            score: 94.0,
        }),
        incomplete: 2,
        ..verdict(Grade::A, 97.0, Grade::A, Vec::new())
    };
    let e = Explanation::of(&v);
    assert_eq!(e.headline.waivers, "（1 项豁免）");
    assert_eq!(plain(&e.brief), ["注意：有 2 项检查未能执行，等级可能偏高"]);
    assert_eq!(
        plain(&e.notes),
        [
            "豁免：1 条问题已豁免、不计入等级；不计豁免时为 A 级、94 分",
            "不完整：有 2 项检查未能运行，等级可能偏高",
        ]
    );
    assert_eq!(e.marks[0].kind, MarkKind::Incomplete);
    assert_eq!(e.marks[0].title, "有 2 项检查未能运行，等级可能偏高");
}
