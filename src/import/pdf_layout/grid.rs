//! Tables drawn with ruling lines (../docs/pdf.md step 3). A run belongs to the
//! cell bounded by the nearest vertical rules left and right of its centre and the
//! nearest horizontal rules above and below it; cells under the same top rule are
//! one row. This keeps a cell's wrapped lines in the cell and a vertically centred
//! cell in its row, which line-by-line reading cannot.

use crate::import::pdf::{Run, Segment};

use super::lines::{Cell, Line, is_cjk, tidy};

/// A rule is straight if it bends less than this (pt), and counts if at least
/// this long.
const STRAIGHT: f32 = 1.0;
const MIN_RULE: f32 = 4.0;
/// Rules this close are one; cells whose top rules are this close share a row.
const SAME_RULE: f32 = 1.5;

/// A horizontal (`at` = y) or vertical (`at` = x) rule from `from` to `to`.
#[derive(Debug, Clone, Copy)]
struct Rule {
    at: f32,
    from: f32,
    to: f32,
}

impl Rule {
    fn spans(&self, v: f32) -> bool {
        self.from - SAME_RULE <= v && v <= self.to + SAME_RULE
    }
}

/// The page's ruling lines, merged.
pub struct Rules {
    horizontal: Vec<Rule>,
    vertical: Vec<Rule>,
}

impl Rules {
    pub fn of(segments: &[Segment]) -> Rules {
        let mut horizontal = Vec::new();
        let mut vertical = Vec::new();
        for s in segments {
            let (dx, dy) = ((s.x1 - s.x0).abs(), (s.y1 - s.y0).abs());
            if dy <= STRAIGHT && dx >= MIN_RULE {
                horizontal.push(Rule {
                    at: (s.y0 + s.y1) / 2.0,
                    from: s.x0.min(s.x1),
                    to: s.x0.max(s.x1),
                });
            } else if dx <= STRAIGHT && dy >= MIN_RULE {
                vertical.push(Rule {
                    at: (s.x0 + s.x1) / 2.0,
                    from: s.y0.min(s.y1),
                    to: s.y0.max(s.y1),
                });
            }
        }
        Rules {
            horizontal: merged(horizontal),
            vertical: merged(vertical),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.horizontal.is_empty() || self.vertical.is_empty()
    }

    /// The cell (left, right, top, bottom) around a point, if rules close it in.
    fn cell_at(&self, x: f32, y: f32) -> Option<[f32; 4]> {
        let left = nearest(&self.vertical, y, |at| at <= x, f32::max)?;
        let right = nearest(&self.vertical, y, |at| at >= x, f32::min)?;
        let top = nearest(&self.horizontal, x, |at| at <= y, f32::max)?;
        let bottom = nearest(&self.horizontal, x, |at| at >= y, f32::min)?;
        Some([left, right, top, bottom])
    }

    /// How far the horizontal rule at height `y` through `x` reaches: the table's
    /// width, so that empty cells at the row's ends keep their columns.
    fn extent(&self, y: f32, x: f32) -> Option<(f32, f32)> {
        self.horizontal
            .iter()
            .find(|r| (r.at - y).abs() <= SAME_RULE && r.spans(x))
            .map(|r| (r.from, r.to))
    }

    /// The vertical rules that cross height `y` between `x0` and `x1`.
    fn columns(&self, y: f32, x0: f32, x1: f32) -> Vec<f32> {
        let mut xs: Vec<f32> = self
            .vertical
            .iter()
            .filter(|r| r.spans(y) && r.at >= x0 - SAME_RULE && r.at <= x1 + SAME_RULE)
            .map(|r| r.at)
            .collect();
        xs.sort_by(f32::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() <= SAME_RULE);
        xs
    }
}

fn nearest(
    rules: &[Rule],
    along: f32,
    side: impl Fn(f32) -> bool,
    pick: fn(f32, f32) -> f32,
) -> Option<f32> {
    rules
        .iter()
        .filter(|r| r.spans(along) && side(r.at))
        .map(|r| r.at)
        .reduce(pick)
}

/// Rules on the same line whose pieces touch (gaps up to 2 pt) become one. Rules
/// are on the same line when they are within a point of the first of them, so
/// that a table's border drawn at 516.5 and 516.6 is one rule.
fn merged(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Rule> = Vec::new();
    let mut i = 0;
    while i < rules.len() {
        let at = rules[i].at;
        let j = rules[i..]
            .iter()
            .position(|r| r.at - at > STRAIGHT)
            .map_or(rules.len(), |n| i + n);
        let mut line = rules[i..j].to_vec();
        line.sort_by(|a, b| a.from.total_cmp(&b.from));
        let start = out.len();
        for r in line {
            let joins = out.len() > start && out.last().is_some_and(|p| r.from <= p.to + 2.0);
            match out.last_mut() {
                Some(p) if joins => p.to = p.to.max(r.to),
                _ => out.push(Rule { at, ..r }),
            }
        }
        i = j;
    }
    out
}

/// Runs inside ruled cells, read as table rows (one `Line` per row, a cell for each
/// column between two vertical rules, empty ones included); returns the rows and
/// the runs outside any ruled cell.
pub fn rows<'r>(runs: &[&'r Run], rules: &Rules) -> (Vec<Line>, Vec<&'r Run>) {
    if rules.is_empty() {
        return (Vec::new(), runs.to_vec());
    }
    let mut outside = Vec::new();
    // (top, left, right, bottom) → runs.
    let mut cells: Vec<([f32; 4], Vec<&Run>)> = Vec::new();
    for &r in runs {
        let (cx, cy) = ((r.x0 + r.x1) / 2.0, r.y - SAME_LINE_EM * r.size);
        // A frame around the page or a boxed case is not a table cell.
        let Some([left, right, top, bottom]) = rules
            .cell_at(cx, cy)
            .filter(|[_, _, top, bottom]| bottom - top <= TALLEST_CELL * r.size)
        else {
            outside.push(r);
            continue;
        };
        let key = [top, left, right, bottom];
        match cells.iter_mut().find(|(k, _)| same(k, &key)) {
            Some((_, rs)) => rs.push(r),
            None => cells.push((key, vec![r])),
        }
    }
    cells.sort_by(|a, b| a.0[0].total_cmp(&b.0[0]).then(a.0[1].total_cmp(&b.0[1])));
    let mut lines: Vec<Line> = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let top = cells[i].0[0];
        let j = cells[i..]
            .iter()
            .position(|(k, _)| (k[0] - top).abs() > SAME_RULE)
            .map_or(cells.len(), |n| i + n);
        lines.push(row(&cells[i..j], rules));
        i = j;
    }
    (lines, outside)
}

/// A ruled cell taller than this (× the font size) is a frame, not a cell.
const TALLEST_CELL: f32 = 8.0;

/// Where in a run's height its centre lies, below the baseline's top (× size).
const SAME_LINE_EM: f32 = 0.35;

fn same(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= SAME_RULE)
}

/// One table row: the row's columns from the vertical rules that cross it, each
/// with the text of the cell that starts there.
fn row(cells: &[([f32; 4], Vec<&Run>)], rules: &Rules) -> Line {
    let top = cells[0].0[0];
    let bottom = cells.iter().map(|c| c.0[3]).fold(f32::MIN, f32::max);
    let (x0, x1) = rules.extent(top, cells[0].0[1]).unwrap_or_else(|| {
        cells.iter().fold((f32::MAX, f32::MIN), |(a, b), c| {
            (a.min(c.0[1]), b.max(c.0[2]))
        })
    });
    let mid = (top + bottom.min(top + 12.0)) / 2.0;
    let xs = rules.columns(mid, x0, x1);
    let size = cells
        .iter()
        .flat_map(|c| c.1.iter().map(|r| r.size))
        .fold(0.0, f32::max);
    let y = cells
        .iter()
        .flat_map(|c| c.1.iter().map(|r| r.y))
        .fold(f32::MAX, f32::min);
    let mut out: Vec<Cell> = xs
        .windows(2)
        .map(|w| Cell {
            x0: w[0],
            x1: w[1],
            text: String::new(),
        })
        .collect();
    for (k, runs) in cells {
        let text = cell_text(runs);
        match out.iter_mut().find(|c| (c.x0 - k[1]).abs() <= SAME_RULE) {
            Some(c) => c.text = text,
            None => out.push(Cell {
                x0: k[1],
                x1: k[2],
                text,
            }),
        }
    }
    out.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    Line {
        y,
        size,
        cells: out,
    }
}

/// A cell's runs in reading order; its lines join without a separator next to
/// Chinese, with a space between Latin words.
fn cell_text(runs: &[&Run]) -> String {
    let lines = super::lines::lines(runs);
    let mut text = String::new();
    for l in lines {
        let t = l
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let cjk_edge = text.ends_with(is_cjk) || t.starts_with(is_cjk);
        if !text.is_empty() && !cjk_edge {
            text.push(' ');
        }
        text.push_str(&t);
    }
    tidy(&text)
}

#[cfg(test)]
mod tests {
    use super::super::lines::tests::run;
    use super::*;

    fn seg(x0: f32, y0: f32, x1: f32, y1: f32) -> Segment {
        Segment { x0, y0, x1, y1 }
    }

    /// A 3 × 2 grid: columns at x 0, 100, 150, 250; rows at y 0, 20, 60.
    fn grid() -> Vec<Segment> {
        let mut s = Vec::new();
        for y in [0.0, 20.0, 60.0] {
            s.push(seg(0.0, y, 250.0, y));
        }
        for x in [0.0, 100.0, 150.0, 250.0] {
            s.push(seg(x, 0.0, x, 60.0));
        }
        s
    }

    #[test]
    fn runs_in_ruled_cells_become_rows() {
        let runs = [
            run(5.0, 40.0, 14.0, "指标"),
            run(105.0, 125.0, 14.0, "单位"),
            run(155.0, 185.0, 14.0, "2024年"),
            // A name wrapped over two lines, and a value centred vertically.
            run(5.0, 95.0, 34.0, "毕业生本省去向"),
            run(5.0, 45.0, 48.0, "落实率"),
            run(105.0, 115.0, 41.0, "%"),
            run(155.0, 175.0, 41.0, "81.5"),
            run(300.0, 340.0, 100.0, "表外文字"),
        ];
        let refs: Vec<&Run> = runs.iter().collect();
        let (rows, outside) = super::rows(&refs, &Rules::of(&grid()));
        let texts: Vec<String> = rows.iter().map(Line::text).collect();
        assert_eq!(
            texts,
            ["指标\t单位\t2024年", "毕业生本省去向落实率\t%\t81.5"]
        );
        assert_eq!(outside.len(), 1);
    }

    #[test]
    fn empty_cells_keep_their_column() {
        let runs = [run(105.0, 115.0, 14.0, "人"), run(155.0, 175.0, 14.0, "36")];
        let refs: Vec<&Run> = runs.iter().collect();
        let (rows, _) = super::rows(&refs, &Rules::of(&grid()));
        assert_eq!(rows[0].text(), "\t人\t36");
    }

    #[test]
    fn a_frame_around_the_page_is_not_a_table() {
        let frame = [
            seg(0.0, 0.0, 500.0, 0.0),
            seg(0.0, 700.0, 500.0, 700.0),
            seg(0.0, 0.0, 0.0, 700.0),
            seg(500.0, 0.0, 500.0, 700.0),
        ];
        let runs = [
            run(50.0, 90.0, 100.0, "正文"),
            run(50.0, 90.0, 120.0, "正文"),
        ];
        let refs: Vec<&Run> = runs.iter().collect();
        let (rows, outside) = super::rows(&refs, &Rules::of(&frame));
        assert!(rows.is_empty());
        assert_eq!(outside.len(), 2);
    }

    #[test]
    fn rules_a_hair_apart_are_one() {
        // Two tables' right borders at 516.5 (lower table) and 516.6 (upper).
        let rules = Rules::of(&[
            seg(516.5, 400.0, 516.5, 700.0),
            seg(516.6, 70.0, 516.6, 300.0),
            seg(430.0, 70.0, 430.0, 300.0),
            seg(420.0, 80.0, 530.0, 80.0),
            seg(420.0, 100.0, 530.0, 100.0),
        ]);
        assert_eq!(
            rules.cell_at(470.0, 90.0),
            Some([430.0, 516.5, 80.0, 100.0])
        );
    }

    #[test]
    fn no_rules_no_rows() {
        let runs = [run(5.0, 40.0, 14.0, "指标")];
        let refs: Vec<&Run> = runs.iter().collect();
        let (rows, outside) = super::rows(&refs, &Rules::of(&[]));
        assert!(rows.is_empty());
        assert_eq!(outside.len(), 1);
    }
}
