//! The reading order of a page set in two columns: the left column, then the
//! right, band by band between the lines that span both (a title across the page,
//! a table). Sorting by height alone would interleave the columns line by line.
//! A page is two columns only when a gutter near the middle is crossed by almost
//! no text and both sides hold lines of running text, so that a table (short
//! cells on shared baselines) is never taken for columns.

use crate::import::pdf::Run;

use super::lines::{Line, lines};

/// The gutter is looked for between these shares of the page width.
const GUTTER_FROM: f32 = 0.3;
const GUTTER_TO: f32 = 0.7;
/// The cells across the gutter (titles, a figure's caption) are at most this share
/// of the cells in the smaller column.
const CROSSING: f32 = 0.25;
/// Each column holds at least this share of the characters …
const SIDE: f32 = 0.25;
/// … and this many lines of running text (one cell, eight characters or more).
const TEXT_LINES: usize = 5;

fn chars(r: &Run) -> usize {
    r.text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The runs left of, right of and across the page's gutter, if it has one.
fn split<'r>(runs: &[&'r Run], width: f32) -> Option<[Vec<&'r Run>; 3]> {
    let total: usize = runs.iter().map(|r| chars(r)).sum();
    if total == 0 || width <= 0.0 {
        return None;
    }
    // Cells, not runs: a justified line is drawn in many runs with boundaries
    // everywhere, but it is one cell; two columns' lines are two cells apart.
    let cells: Vec<(f32, f32)> = lines(runs)
        .iter()
        .flat_map(|l| l.cells.iter().map(|c| (c.x0, c.x1)))
        .collect();
    let crossing = |x: f32| cells.iter().filter(|c| c.0 < x && x < c.1).count();
    // About a point apart on a usual page; never more than 400 places, whatever
    // size a file claims for its page.
    let range = (GUTTER_TO - GUTTER_FROM) * width;
    let steps = (range as usize).clamp(1, 400);
    let (x, crossed) = (0..=steps)
        .map(|i| width * GUTTER_FROM + range * i as f32 / steps as f32)
        .map(|x| (x, crossing(x)))
        .min_by_key(|(_, c)| *c)?;
    let left = cells.iter().filter(|c| c.1 <= x).count();
    let right = cells.iter().filter(|c| c.0 >= x).count();
    if crossed as f32 > CROSSING * left.min(right) as f32 {
        return None;
    }
    let mut sides: [Vec<&Run>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for &r in runs {
        let side = if r.x1 <= x {
            0
        } else if r.x0 >= x {
            1
        } else {
            2
        };
        sides[side].push(r);
    }
    let share = |rs: &[&Run]| rs.iter().map(|r| chars(r)).sum::<usize>() as f32 / total as f32;
    (share(&sides[0]) >= SIDE && share(&sides[1]) >= SIDE).then_some(sides)
}

/// Lines of running text, and hardly anything else: a table's rows (several
/// cells) on either side mean the page is a table, not two columns.
fn running_text(ls: &[Line]) -> bool {
    let text = ls
        .iter()
        .filter(|l| l.cells.len() == 1 && l.cells[0].text.chars().count() >= 8)
        .count();
    let rows = ls.iter().filter(|l| l.cells.len() > 1).count();
    text >= TEXT_LINES && rows * 5 <= ls.len()
}

/// The page's lines in reading order when it is set in two columns; none when it
/// is not (the caller reads it top to bottom). `across` are lines already made
/// that span the page (ruled tables' rows).
pub fn two_columns(runs: &[&Run], width: f32, across: Vec<Line>) -> Option<Vec<Line>> {
    let [left, right, wide] = split(runs, width)?;
    let (left, right) = (lines(&left), lines(&right));
    if !running_text(&left) || !running_text(&right) {
        return None;
    }
    let mut spans: Vec<Line> = lines(&wide);
    spans.extend(across);
    spans.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut out = Vec::new();
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    for s in spans {
        out.extend(std::iter::from_fn(|| l.next_if(|x| x.y < s.y)));
        out.extend(std::iter::from_fn(|| r.next_if(|x| x.y < s.y)));
        out.push(s);
    }
    out.extend(l);
    out.extend(r);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::lines::tests::run;
    use super::*;

    fn texts(ls: &[Line]) -> Vec<String> {
        ls.iter().map(Line::text).collect()
    }

    #[test]
    fn two_columns_read_left_then_right_under_a_title() {
        let mut runs = vec![run(150.0, 450.0, 40.0, "横跨两栏的标题文字在这里")];
        for i in 0..6 {
            let y = 80.0 + 15.0 * i as f32;
            runs.push(run(50.0, 280.0, y, &format!("左栏第{i}行正文文字内容")));
            runs.push(run(320.0, 550.0, y, &format!("右栏第{i}行正文文字内容")));
        }
        let refs: Vec<&Run> = runs.iter().collect();
        let out = two_columns(&refs, 600.0, Vec::new()).unwrap();
        let t = texts(&out);
        assert_eq!(t[0], "横跨两栏的标题文字在这里");
        assert_eq!(t[1], "左栏第0行正文文字内容");
        assert_eq!(t[6], "左栏第5行正文文字内容");
        assert_eq!(t[7], "右栏第0行正文文字内容");
    }

    #[test]
    fn a_table_is_not_two_columns() {
        let mut runs = Vec::new();
        for i in 0..8 {
            let y = 80.0 + 15.0 * i as f32;
            runs.push(run(50.0, 150.0, y, &format!("指标{i}")));
            runs.push(run(200.0, 220.0, y, "人"));
            runs.push(run(350.0, 380.0, y, "4210"));
            runs.push(run(450.0, 480.0, y, "4388"));
        }
        let refs: Vec<&Run> = runs.iter().collect();
        assert!(two_columns(&refs, 600.0, Vec::new()).is_none());
    }

    #[test]
    fn a_table_of_names_is_not_two_columns() {
        let mut runs = Vec::new();
        for i in 0..8 {
            let y = 80.0 + 15.0 * i as f32;
            runs.push(run(50.0, 60.0, y, &format!("{i}")));
            runs.push(run(80.0, 200.0, y, "乡宁县职业中学校园"));
            runs.push(run(230.0, 260.0, y, "卫丽"));
            runs.push(run(350.0, 500.0, y, "临汾市职业技术学校"));
            runs.push(run(530.0, 560.0, y, "张明"));
        }
        // Notes under the table on both sides, long enough to pass for text.
        for i in 0..6 {
            let y = 300.0 + 15.0 * i as f32;
            runs.push(run(50.0, 260.0, y, "表中所列学校均为公办中职学校"));
            runs.push(run(350.0, 560.0, y, "名单按学校所在县区顺序排列"));
        }
        let refs: Vec<&Run> = runs.iter().collect();
        assert!(two_columns(&refs, 600.0, Vec::new()).is_none());
    }

    #[test]
    fn one_column_of_text_is_not_two() {
        let runs: Vec<Run> = (0..10)
            .map(|i| {
                run(
                    50.0,
                    550.0,
                    80.0 + 15.0 * i as f32,
                    "一整行正文从页面左边一直写到右边",
                )
            })
            .collect();
        let refs: Vec<&Run> = runs.iter().collect();
        assert!(two_columns(&refs, 600.0, Vec::new()).is_none());
    }
}
