use super::*;
use crate::base::source::Span;

/// Rows from tab-separated lines, with made-up spans.
fn rows(text: &str) -> Vec<Vec<GridCell>> {
    let mut at = 0;
    text.lines()
        .map(|l| {
            l.split('\t')
                .map(|c| {
                    let cell = GridCell::new(c, Span::new(at, at + c.len()));
                    at += c.len() + 1;
                    cell
                })
                .collect()
        })
        .collect()
}

#[test]
fn years_in_rows_with_a_total_column_first() {
    let g = Grid::read(rows(
        "年度\t获奖总数（项）\t一等奖\t二等奖\t三等奖\n2022年\t40\t5\t15\t20\n2023 年\t51\t6\t17\t28",
    ))
    .unwrap();
    assert_eq!(g.years, Years::InRows);
    assert_eq!(g.row_years, vec![Some(2022), Some(2023)]);
    assert_eq!(
        g.totals,
        vec![Total {
            column: true,
            index: 1,
            parts: vec![2, 3, 4],
            across: vec![0, 1],
            whole: true,
            explicit: false,
        }]
    );
    assert_eq!(g.rows[1][1].value, Some(51.0));
}

#[test]
fn years_in_columns_with_a_total_row_at_the_bottom() {
    let g = Grid::read(rows(
        "类别\t2023 年数据\t2024 年数据\n\
         加工制造类\t120\t131\n\
         信息技术类\t88\t90\n\
         占比\t12.5%\t13.0%\n\
         合计\t208\t221",
    ))
    .unwrap();
    assert_eq!(g.years, Years::InColumns);
    assert_eq!(g.col_years, vec![None, Some(2023), Some(2024)]);
    let t = &g.totals[0];
    assert!(!t.column && t.explicit);
    assert_eq!((t.index, t.parts.clone()), (3, vec![0, 1]));
    // The share row is no part, so the parts are not the whole group.
    assert!(!t.whole);
    assert_eq!(t.across, vec![1, 2]);
}

#[test]
fn a_sum_column_at_the_right_closes_the_columns_before_it() {
    let g = Grid::read(rows(
        "学校\t男生（人）\t女生（人）\t合计（人）\n甲校\t300\t280\t580",
    ))
    .unwrap();
    assert_eq!(g.years, Years::None);
    let t = &g.totals[0];
    assert_eq!((t.index, t.parts.clone(), t.whole), (3, vec![1, 2], true));
}

#[test]
fn a_part_in_another_unit_is_no_part() {
    let g = Grid::read(rows(
        "年份\t经费总数（万元）\t设备（万元）\t教室（间）\t图书（万元）\n2024\t90\t40\t12\t50",
    ))
    .unwrap();
    let t = &g.totals[0];
    assert_eq!((t.parts.clone(), t.whole), (vec![2, 4], false));
}

#[test]
fn a_count_total_keeps_the_parts_that_add_up() {
    // 专业数 stands beside the students, not among them.
    let g = Grid::read(rows(
        "学校\t在校生总数\t男生\t女生\t专业数\n甲校\t580\t300\t280\t12",
    ))
    .unwrap();
    assert_eq!(g.totals[0].parts, vec![2, 3]);
    // Parts that never add up stay as they are (the rule says nothing then).
    let g = Grid::read(rows(
        "学校\t在校生总数\t男生\t女生\t专业数\n甲校\t600\t300\t280\t12",
    ))
    .unwrap();
    assert_eq!(g.totals[0].parts, vec![2, 3, 4]);
}

#[test]
fn rules_of_dashes_and_header_found() {
    let g = Grid::read(rows(
        "年份\t证书总数\t已发放\n----\t----\t----\n2024年\t10\t10",
    ))
    .unwrap();
    assert_eq!(g.header.len(), 3);
    assert_eq!(g.rows.len(), 1);
    // One part is no sum.
    assert!(g.totals.is_empty());
}

#[test]
fn a_named_row_is_no_total() {
    // "教职工总数" is an indicator of its own, not the sum of the rows around it.
    let g = Grid::read(rows(
        "项目\t2023年\t2024年\n教职工总数\t300\t320\n专任教师数\t250\t260\n兼职教师数\t20\t30",
    ))
    .unwrap();
    assert!(g.totals.is_empty());
    assert_eq!(
        g.years(),
        vec![(2023, 1, g.header[1].span), (2024, 2, g.header[2].span)]
    );
}

#[test]
fn nothing_numeric_is_no_grid() {
    assert!(Grid::read(rows("专业\t合作企业\n数控技术\t某某机床厂")).is_none());
    assert!(Grid::read(Vec::new()).is_none());
}

#[test]
fn total_words() {
    assert_eq!(total_word("合计"), Some(true));
    assert_eq!(total_word("全市合计"), Some(true));
    assert_eq!(total_word("获奖总数 (项)"), Some(false));
    assert_eq!(total_word("证书总数"), Some(false));
    assert_eq!(total_word("一等奖"), None);
    assert_eq!(label_words("获奖总数（项）"), "获奖总数");
}

#[test]
fn caption_years() {
    use super::super::write::years_named;
    assert_eq!(
        years_named("2022-2024 年毕业生情况"),
        vec![2022, 2023, 2024]
    );
    assert_eq!(
        years_named("2023 年、2024 年设施设备对比"),
        vec![2023, 2024]
    );
    assert_eq!(years_named("2021年至2023年招生"), vec![2021, 2022, 2023]);
    assert_eq!(years_named("“1+X”证书发放对比"), Vec::<u32>::new());
    assert_eq!(years_named("2024年县域分布"), vec![2024]);
}

/// A cheap deterministic generator for the no-panic property below.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn never_panics_on_random_tab_separated_input() {
    const PIECES: [&str; 24] = [
        "",
        "合计",
        "总数",
        "其中",
        "2024年",
        "2023 年数据",
        "12",
        "3.5",
        "7%",
        "9.6:1",
        "-",
        "—",
        "----",
        "（人）",
        "获奖总数（项）",
        "一等奖",
        "小计",
        "年份",
        "项目",
        "0",
        "2099",
        "1e9",
        "其中：女生",
        "比例",
    ];
    let mut rng = Lcg(7);
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..rng.next() % 8 {
            let cells = rng.next() % 7;
            let line: Vec<&str> = (0..cells)
                .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
                .collect();
            text.push_str(&line.join("\t"));
            text.push('\n');
        }
        if let Some(g) = Grid::read(rows(&text)) {
            let _ = g.years();
            for t in &g.totals {
                assert!(t.parts.len() >= 2);
                assert!(!t.parts.contains(&t.index));
            }
        }
    }
}
