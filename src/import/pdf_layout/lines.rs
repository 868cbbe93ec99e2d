//! Positioned text runs into lines and cells (../docs/pdf.md steps 1–2): runs whose
//! baselines are within a third of an em share a line; within a line, a gap of an
//! em or more starts a new cell, a smaller gap between Latin words is a space, and
//! anything else is joined. Thresholds are in em, not points, so that they hold for
//! any page size and font size.

use crate::import::pdf::Run;

/// Baselines this close (× the smaller font size) are one line.
const SAME_LINE: f32 = 0.35;
/// A gap this wide (× the larger font size) starts a new cell.
const NEW_CELL: f32 = 1.0;
/// A gap this wide between Latin text is a space.
const WORD_GAP: f32 = 0.2;
/// A gap this wide between Chinese and Latin text (or numbers) is a space.
const MIXED_GAP: f32 = 0.27;
/// The same text drawn again this close (× em) is fake bold, drawn once.
const FAKE_BOLD: f32 = 0.3;

/// Text that one line holds between two wide gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
}

/// One line of a page: its baseline (from the top), font size and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f32,
    pub size: f32,
    pub cells: Vec<Cell>,
}

impl Line {
    pub fn x0(&self) -> f32 {
        self.cells.first().map_or(0.0, |c| c.x0)
    }

    pub fn x1(&self) -> f32 {
        self.cells.last().map_or(0.0, |c| c.x1)
    }

    /// The cells, tab-separated (the plain-text importer's table rows).
    pub fn text(&self) -> String {
        self.cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("\t")
    }
}

/// Chinese, Japanese and full-width characters: no spaces between them.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The runs of one page as lines, top to bottom, each left to right.
pub fn lines(runs: &[&Run]) -> Vec<Line> {
    let mut sorted: Vec<&Run> = runs
        .iter()
        .copied()
        .filter(|r| !r.text.trim().is_empty() && r.size > 0.0)
        .collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Run>> = Vec::new();
    for r in sorted {
        if let Some(g) = groups.last_mut() {
            let first = g[0];
            if (r.y - first.y).abs() <= SAME_LINE * r.size.min(first.size) {
                g.push(r);
                continue;
            }
        }
        groups.push(vec![r]);
    }
    groups.into_iter().map(line_of).collect()
}

fn line_of(mut runs: Vec<&Run>) -> Line {
    runs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let size = runs.iter().map(|r| r.size).fold(0.0, f32::max);
    let y = runs[0].y;
    let mut cells: Vec<Cell> = Vec::new();
    let mut last: Option<&Run> = None;
    for r in runs {
        if let Some(p) = last
            && p.text == r.text
            && (r.x0 - p.x0).abs() < FAKE_BOLD * p.size.max(r.size)
        {
            continue;
        }
        let em = last.map_or(r.size, |p| p.size.max(r.size));
        match cells.last_mut() {
            Some(c) if r.x0 - c.x1 < NEW_CELL * em => {
                let gap = r.x0 - c.x1;
                // Justified Chinese spreads its characters: a gap between two of
                // them is never a space. LibreOffice and Word set a fifth of an
                // em between Chinese and Latin text by themselves; a typed space
                // is wider ("图 1" against "图2").
                let before = c.text.trim_end().ends_with(is_cjk);
                let after = r.text.trim_start().starts_with(is_cjk);
                let word_gap = if before || after { MIXED_GAP } else { WORD_GAP };
                if gap >= word_gap * em && !(before && after) && !c.text.ends_with(' ') {
                    c.text.push(' ');
                }
                c.text.push_str(&r.text);
                c.x1 = c.x1.max(r.x1);
            }
            _ => cells.push(Cell {
                x0: r.x0,
                x1: r.x1,
                text: r.text.clone(),
            }),
        }
        last = Some(r);
    }
    for c in &mut cells {
        c.text = tidy(&c.text);
    }
    // A list bullet set off from its item is not a cell.
    if cells.len() > 1 && BULLETS.contains(&cells[0].text.as_str()) {
        cells.remove(0);
    }
    Line {
        y,
        size,
        cells: spaced_title(cells),
    }
}

const BULLETS: [&str; 9] = ["•", "·", "●", "○", "■", "□", "◆", "▪", "-"];

/// A title set with wide letter spacing ("前　　言", "目  录"): single characters
/// a cell apart are one cell with spaces, not a row of a table.
fn spaced_title(cells: Vec<Cell>) -> Vec<Cell> {
    let single = |c: &Cell| c.text.chars().count() == 1 && c.text.starts_with(is_cjk);
    if cells.len() < 2 || cells.len() > 6 || !cells.iter().all(single) {
        return cells;
    }
    let text = cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    vec![Cell {
        x0: cells[0].x0,
        x1: cells[cells.len() - 1].x1,
        text,
    }]
}

/// Whitespace runs become one space; the edges are trimmed.
pub fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn run(x0: f32, x1: f32, y: f32, text: &str) -> Run {
        Run {
            x0,
            x1,
            y,
            size: 10.0,
            text: text.into(),
        }
    }

    /// A line of cells (x0, x1, text) at baseline `y`, in 10 pt type.
    pub fn line(y: f32, cells: &[(f32, f32, &str)]) -> Line {
        Line {
            y,
            size: 10.0,
            cells: cells
                .iter()
                .map(|&(x0, x1, t)| Cell {
                    x0,
                    x1,
                    text: t.into(),
                })
                .collect(),
        }
    }

    fn texts(runs: &[Run]) -> Vec<String> {
        let refs: Vec<&Run> = runs.iter().collect();
        lines(&refs).iter().map(Line::text).collect()
    }

    #[test]
    fn runs_become_lines_and_cells() {
        let runs = [
            run(100.0, 140.0, 52.0, "毕业生人数"),
            run(50.0, 60.0, 50.0, "1"),
            // 2.5 pt above the others' baseline: still the same line.
            run(160.0, 170.0, 49.0, "人"),
            run(200.0, 220.0, 50.0, "4210"),
            run(50.0, 100.0, 70.0, "下一行"),
        ];
        assert_eq!(texts(&runs), ["1\t毕业生人数\t人\t4210", "下一行"]);
    }

    #[test]
    fn gaps_join_space_or_split() {
        let runs = [
            // Chinese runs 3 pt apart join without a space.
            run(0.0, 40.0, 10.0, "学校占地"),
            run(43.0, 63.0, 10.0, "面积"),
            // Latin words 3 pt apart get a space.
            run(0.0, 20.0, 30.0, "Annual"),
            run(23.0, 43.0, 30.0, "Report"),
            // Fake bold: the same text drawn twice, 0.5 pt apart.
            run(0.0, 30.0, 50.0, "前言"),
            run(0.5, 30.5, 50.0, "前言"),
        ];
        assert_eq!(texts(&runs), ["学校占地面积", "Annual Report", "前言"]);
        let runs = [
            // Chinese and a number a space apart keep the space.
            run(0.0, 10.0, 10.0, "图"),
            run(13.0, 18.0, 10.0, "1"),
            // The automatic fifth of an em between Chinese and Latin is not.
            run(0.0, 10.0, 20.0, "图"),
            run(12.0, 17.0, 20.0, "2"),
            // A bullet set off from its item goes; a spaced-out title is one cell.
            run(0.0, 5.0, 30.0, "•"),
            run(20.0, 40.0, 30.0, "前言"),
            run(0.0, 10.0, 50.0, "目"),
            run(40.0, 50.0, 50.0, "录"),
        ];
        assert_eq!(texts(&runs), ["图 1", "图2", "前言", "目 录"]);
    }

    #[test]
    fn blank_runs_and_zero_sizes_are_ignored() {
        let mut odd = run(0.0, 10.0, 10.0, "x");
        odd.size = 0.0;
        let runs = [run(0.0, 10.0, 10.0, "  "), odd, run(0.0, 10.0, 30.0, "字")];
        assert_eq!(texts(&runs), ["字"]);
    }
}
