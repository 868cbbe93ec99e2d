//! Columns of a table without vertical rules. A value left empty leaves no text
//! on the page, so the row has fewer cells than the header and the values after
//! the gap would slide into the wrong year. The header's cells give the columns;
//! each cell of a shorter row goes to the column its centre lies in, and the
//! columns it leaves out become empty cells.

use super::Placed;
use super::lines::Cell;

/// Column names of the data tables' headers.
fn header_word(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.as_str(),
        "序号" | "指标" | "项目" | "指标名称" | "单位" | "数据" | "调查人次" | "调查方式"
    ) || (t.ends_with('年') && t.len() == 7 && t[..4].chars().all(|c| c.is_ascii_digit()))
}

/// A table's header: three cells or more, two of them column names.
pub fn is_header(cells: &[Cell]) -> bool {
    cells.len() >= 3 && cells.iter().filter(|c| header_word(&c.text)).count() >= 2
}

/// A line of body text (long, one cell) ends a table.
fn body_text(cells: &[Cell]) -> bool {
    cells.len() == 1 && cells[0].text.chars().count() >= 15
}

/// Fills in the empty cells of rows below a header, in place.
pub fn align(lines: &mut [Placed]) {
    let mut header: Option<Vec<Cell>> = None;
    for p in lines.iter_mut() {
        let cells = &p.line.cells;
        if is_header(cells) {
            header = Some(cells.clone());
            continue;
        }
        if body_text(cells) {
            header = None;
            continue;
        }
        let Some(h) = &header else { continue };
        if cells.len() >= 2
            && cells.len() < h.len()
            && let Some(filled) = placed(h, cells)
        {
            p.line.cells = filled;
        }
    }
}

/// The row's cells in the header's columns, or none if two fall in one column.
fn placed(header: &[Cell], cells: &[Cell]) -> Option<Vec<Cell>> {
    let bounds: Vec<f32> = header
        .windows(2)
        .map(|w| (w[0].x1 + w[1].x0) / 2.0)
        .collect();
    let mut out: Vec<Cell> = header
        .iter()
        .map(|h| Cell {
            x0: h.x0,
            x1: h.x0,
            text: String::new(),
        })
        .collect();
    let mut taken = vec![false; header.len()];
    for c in cells {
        let centre = (c.x0 + c.x1) / 2.0;
        let k = bounds.iter().filter(|b| **b < centre).count();
        if taken[k] {
            return None;
        }
        taken[k] = true;
        out[k] = c.clone();
    }
    // Empty cells after the last value add nothing.
    while out.last().is_some_and(|c| c.text.is_empty()) {
        out.pop();
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::lines::tests::line;
    use super::*;

    fn placed_line(y: f32, cells: &[(f32, f32, &str)]) -> Placed {
        Placed {
            page: 1,
            line: line(y, cells),
        }
    }

    #[test]
    fn a_missing_value_keeps_the_next_in_its_year() {
        let mut lines = vec![
            placed_line(
                10.0,
                &[
                    (60.0, 80.0, "序号"),
                    (100.0, 130.0, "指标"),
                    (200.0, 220.0, "单位"),
                    (260.0, 300.0, "2023年"),
                    (340.0, 380.0, "2024年"),
                ],
            ),
            // No 2023 value.
            placed_line(
                30.0,
                &[
                    (60.0, 65.0, "2"),
                    (100.0, 180.0, "双师型教师比例"),
                    (200.0, 210.0, "%"),
                    (340.0, 370.0, "47.35"),
                ],
            ),
            // No serial number.
            placed_line(
                50.0,
                &[
                    (100.0, 170.0, "其中：升学人数"),
                    (200.0, 210.0, "人"),
                    (260.0, 290.0, "3310"),
                    (340.0, 370.0, "3502"),
                ],
            ),
            placed_line(
                70.0,
                &[(60.0, 500.0, "表格之后是正文，一行写满了整个页面的宽度。")],
            ),
            placed_line(90.0, &[(60.0, 65.0, "2"), (340.0, 370.0, "47.35")]),
        ];
        align(&mut lines);
        let texts: Vec<String> = lines.iter().map(|p| p.line.text()).collect();
        assert_eq!(texts[1], "2\t双师型教师比例\t%\t\t47.35");
        assert_eq!(texts[2], "\t其中：升学人数\t人\t3310\t3502");
        // After body text the header no longer applies.
        assert_eq!(texts[4], "2\t47.35");
    }
}
