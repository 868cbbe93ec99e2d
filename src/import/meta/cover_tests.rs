//! The cover families of ../shared/docs/variations.md (A, B, C, G, H), one invented
//! cover each: what the metadata reader makes of it.

use super::read;
use crate::import::document::Document;

/// Title, year, whether the year was inferred, level, stages.
type Want = (
    &'static str,
    Option<u32>,
    bool,
    Option<&'static str>,
    &'static [&'static str],
);

/// One invented cover per family of variations.md (A, B, C, G) and what it yields.
const COVERS: &[(&str, Want)] = &[
    // A1: half-width brackets with 年度, one line; B4: stage from 职业教育中心.
    (
        "云溪县职业教育中心职业教育质量年度报告(2025年度)\n\n2025年12月\n",
        (
            "云溪县职业教育中心职业教育质量年度报告(2025年度)",
            Some(2025),
            false,
            Some("school"),
            &["secondary"],
        ),
    ),
    // A2 + C4: the year alone on a line after a blank, spaced; English subtitle
    // and credit line kept out of the title.
    (
        "丰原信息工程中等专业学校\n质量年度报告\nAnnual Quality Report of Fengyuan School\n\n(2019 年度)\n\n丰原信息工程中等专业学校 编\n二〇二〇年一月\n",
        (
            "丰原信息工程中等专业学校质量年度报告(2019年度)",
            Some(2019),
            false,
            Some("school"),
            &["secondary"],
        ),
    ),
    // A3/A11: a bare year before 2023 is the edition; the data year is one less.
    (
        "江岭省高等职业教育质量年度报告\n（2018）\n",
        (
            "江岭省高等职业教育质量年度报告（2018）",
            Some(2017),
            true,
            Some("province"),
            &["higher"],
        ),
    ),
    // A11 from 2023: taken as written, with a word of caution.
    (
        "江岭职业学院\n人才培养质量年度报告（2024）\n",
        (
            "江岭职业学院人才培养质量年度报告（2024）",
            Some(2024),
            true,
            Some("school"),
            &["higher"],
        ),
    ),
    // A4: inline before 年度; full-width digits.
    (
        "某职业学校２０２１年度中等职业教育质量报告\n",
        (
            "某职业学校２０２１年度中等职业教育质量报告",
            Some(2021),
            false,
            Some("school"),
            &["secondary"],
        ),
    ),
    // A6 + A9: no year on the cover; the latest 学年 in the first pages.
    (
        "丰原市高等职业教育质量年度报告\n\n前言\n2013~2014学年，全市高职院校……2014—2015学年招生9800人。\n",
        (
            "丰原市高等职业教育质量年度报告",
            Some(2015),
            true,
            Some("city"),
            &["higher"],
        ),
    ),
    // B2: a municipality is a province.
    (
        "重庆市高等职业教育质量年度报告（2024年度）\n",
        (
            "重庆市高等职业教育质量年度报告（2024年度）",
            Some(2024),
            false,
            Some("province"),
            &["higher"],
        ),
    ),
    // G11 + G12: every character spaced, the body on the title's line.
    (
        "宁 夏 回 族 自 治 区 高 等 职 业 教 育 质 量 年 度 报 告 (2016) 根 据 国 家 中 长 期 教 育 改 革 和 发 展 规 划 纲 要 的 要 求 ， 现 将 全 区 情 况 报 告 如 下 。\n",
        (
            "宁夏回族自治区高等职业教育质量年度报告(2016)",
            Some(2015),
            true,
            Some("province"),
            &["higher"],
        ),
    ),
    // C1 + A7: a series line, then the publisher line, which names the school.
    (
        "岭南省职业学校质量报告(2025年度)\n\n\n丰原市青禾县职业教育中心\n\n2025年12月\n",
        (
            "岭南省职业学校质量报告(2025年度)",
            Some(2025),
            false,
            Some("school"),
            &["secondary"],
        ),
    ),
    // G1: website chrome before the cover; G4: a page number.
    (
        "首页 > 通知公告 > 正文\n发布时间: 2025-02-03 来源:县教育局\n12\n桐乡卫生学校质量年度报告\n（2024年度）\n",
        (
            "桐乡卫生学校质量年度报告（2024年度）",
            Some(2024),
            false,
            Some("school"),
            &["secondary"],
        ),
    ),
];

#[test]
fn cover_families() {
    let cases = COVERS;
    for (text, (title, year, inferred, level, stages)) in cases {
        let m = read(&Document::from_plain_text(text).blocks);
        let got = (
            m.title.as_ref().map(|t| t.0.as_str()),
            m.year,
            !m.inferred.is_empty(),
            m.level,
            m.stages.as_slice(),
        );
        assert_eq!(
            got,
            (Some(*title), *year, *inferred, *level, *stages),
            "{text}"
        );
    }
}

#[test]
fn inferred_year_points_at_its_evidence() {
    let text = "丰原市高等职业教育质量年度报告\n\n前言\n本报告反映 2014—2015学年 的情况。\n";
    let m = read(&Document::from_plain_text(text).blocks);
    let i = &m.inferred[0];
    assert_eq!(&text[i.span.start..i.span.end], "2014—2015学年");
    assert_eq!(
        i.message,
        "封面没有写报告年度，报告年度按正文中的“2014—2015学年”推断为 2015 年"
    );
}

#[test]
fn publisher_line_is_the_entity() {
    let text = "岭南省职业学校质量报告(2025年度)\n\n丰原市青禾县职业教育中心\n\n2025年12月\n";
    let m = read(&Document::from_plain_text(text).blocks);
    assert_eq!(m.entity.unwrap().0, "丰原市青禾县职业教育中心");
    assert_eq!(m.date.unwrap().0, "2025-12");
}

#[test]
fn look_alikes_are_named() {
    for (text, what) in [
        (
            "丰原职业学院2023届毕业生就业质量年度报告\n",
            "毕业生就业质量年度报告",
        ),
        (
            "江岭职业学院社会需求与培养质量年度报告\n（2012）\n凌云数据咨询有限公司\n",
            "第三方机构的社会需求与培养质量（毕业生跟踪）调查报告",
        ),
        (
            "某某大学本科教学质量报告（2016-2017学年）\n",
            "本科教学质量报告",
        ),
        ("关于全区中等职业教育质量工作的汇报\n", "工作汇报或工作报告"),
        (
            "凌云集团参与江岭职业技术学院人才培养年度报告（2024年度）\n",
            "企业参与职业教育人才培养年度报告（企业年报）",
        ),
        (
            "《2021中国职业教育质量年度报告》发布\n",
            "关于质量年度报告的新闻或会议消息",
        ),
        (
            "中共某某省委办公厅\n印发《关于推动职业教育发展的实施意见》的通知\n",
            "通知或政策文件",
        ),
    ] {
        let m = read(&Document::from_plain_text(text).blocks);
        assert_eq!(m.look_alike.map(|l| l.what), Some(what), "{text}");
    }
    let m = read(
        &Document::from_plain_text("梧岭市教育局\n\n梧岭市中等职业教育质量年度报告（2024年度）\n")
            .blocks,
    );
    assert_eq!(
        m.title.as_ref().unwrap().0,
        "梧岭市中等职业教育质量年度报告（2024年度）"
    );
    assert!(m.look_alike.is_none());
}

#[test]
fn a_file_name_above_the_cover_gives_way_to_the_cover_title() {
    let m = read(
        &Document::from_plain_text(
            "2024梧岭市中等职业教育质量年度报告.pdf\n\n梧岭市中等职业教育质量年度报告\n（2024年度）\n\n梧岭市教育局\n",
        )
        .blocks,
    );
    assert_eq!(
        m.title.as_ref().unwrap().0,
        "梧岭市中等职业教育质量年度报告（2024年度）"
    );
    // Alone, the file name is the title (without its suffix).
    let m = read(&Document::from_plain_text("2024梧岭市中等职业教育质量年度报告.pdf\n").blocks);
    assert_eq!(
        m.title.as_ref().unwrap().0,
        "2024梧岭市中等职业教育质量年度报告"
    );
}

#[test]
fn a_series_line_gives_way_to_the_title_under_it() {
    // A7: a province's series line above a city's title, on one line or three.
    for text in [
        "岭南省职业学校质量报告（2024年度）\n\n丰原市中等职业教育质量年度报告（2024年度）\n\n丰原市教育局\n2025年1月\n",
        "2024年度岭南省职业教育质量报告丛书\n丰原市\n中等职业教育质量年度报告\n（2024年度）\n",
    ] {
        let m = read(&Document::from_plain_text(text).blocks);
        assert_eq!(
            m.title.as_ref().unwrap().0,
            "丰原市中等职业教育质量年度报告（2024年度）",
            "{text}"
        );
        assert_eq!(m.entity.as_ref().unwrap().0, "丰原市", "{text}");
        assert_eq!(m.level, Some("city"), "{text}");
        assert_eq!(m.year, Some(2024), "{text}");
    }
    // A school under the series line: its name may start the title.
    let m = read(
        &Document::from_plain_text(
            "岭南省职业学校质量报告(2025年度)\n\n丰原市青禾职业中专学校\n2025年质量年度报告\n\n2026年1月\n",
        )
        .blocks,
    );
    assert_eq!(
        m.title.as_ref().unwrap().0,
        "丰原市青禾职业中专学校2025年质量年度报告"
    );
    assert_eq!(m.entity.as_ref().unwrap().0, "丰原市青禾职业中专学校");
    assert_eq!(m.level, Some("school"));
}

#[test]
fn a_series_line_alone_names_no_entity() {
    let m = read(
        &Document::from_plain_text("岭南省职业学校质量报告（2024年度）\n\n2025年1月\n").blocks,
    );
    assert_eq!(
        m.title.as_ref().unwrap().0,
        "岭南省职业学校质量报告（2024年度）"
    );
    assert_eq!((m.entity, m.level), (None, None));
    // A province's own title under its 教育厅 stays the title and the entity.
    let m = read(
        &Document::from_plain_text(
            "岭南省职业教育质量年度报告（2024年度）\n\n岭南省教育厅\n\n2025年2月\n",
        )
        .blocks,
    );
    assert_eq!(m.entity.as_ref().unwrap().0, "岭南省");
    assert_eq!(m.level, Some("province"));
}

#[test]
fn the_issuer_gives_the_fuller_region() {
    // B1: the title shortens the region, the authority's line names it in full,
    // above or under the title.
    for text in [
        "梧岭市中等职业教育质量年度报告（2025年度）\n\n江岭省梧岭市教育局\n\n2026年1月\n",
        "江岭省梧岭市教育局\n\n梧岭市中等职业教育质量年度报告（2025年度）\n",
    ] {
        let m = read(&Document::from_plain_text(text).blocks);
        assert_eq!(m.entity.as_ref().unwrap().0, "江岭省梧岭市", "{text}");
        assert_eq!(m.level, Some("city"), "{text}");
        assert_eq!(
            m.title.as_ref().unwrap().0,
            "梧岭市中等职业教育质量年度报告（2025年度）"
        );
    }
    // A narrower title keeps its own name: the county, not the city's bureau.
    let m = read(
        &Document::from_plain_text("青禾县中等职业教育质量年度报告（2025年度）\n丰原市教育局\n")
            .blocks,
    );
    assert_eq!(m.entity.as_ref().unwrap().0, "青禾县");
}

#[test]
fn a_file_name_over_two_paragraphs_is_not_the_title() {
    // A5 in Word: the file name's pieces in paragraphs of their own.
    let m = read(
        &Document::from_plain_text(
            "2024梧岭市中等职业教育\n\n质量年度报告.pdf\n\n梧岭市中等职业教育\n\n质量年度报告\n\n（2024年度）\n\n梧岭市教育局\n",
        )
        .blocks,
    );
    assert_eq!(
        m.title.as_ref().unwrap().0,
        "梧岭市中等职业教育质量年度报告（2024年度）"
    );
}

#[test]
fn a_work_report_is_a_look_alike_even_with_a_stated_title() {
    // H1: "汇报" names no 报告, so the cover has no title; a sentence under it
    // names the school's quality report, which must not hide the cover.
    let m = read(
        &Document::from_plain_text(
            "梧岭市第一职业中专学校关于职业教育质量工作的汇报\n\n梧岭市第一职业中专学校\n2026年1月\n\n本校2025年质量年度报告在学校网站全文发布，同时报送市教育局备案，接受社会监督。\n",
        )
        .blocks,
    );
    assert_eq!(m.look_alike.map(|l| l.what), Some("工作汇报或工作报告"));
}
