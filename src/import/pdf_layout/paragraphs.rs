//! Lines joined back into what they were before the page broke them: a paragraph
//! wrapped at the page width (also across a page break), and a table row whose
//! cells wrapped onto the next line in a table without vertical rules
//! (../docs/pdf.md step 4).

use super::Placed;
use super::lines::{Line, is_cjk};

/// A line reaching this close (× font size) to the right margin was wrapped.
const FULL_WIDTH: f32 = 1.5;
/// A line starting this far right of the left margin (× font size) is indented:
/// a new paragraph.
const INDENT: f32 = 0.8;
/// A vertical gap over this (× font size) between baselines separates paragraphs.
const PARAGRAPH_GAP: f32 = 1.8;
/// A line within this (× font size) below a table row may continue its cells.
const ROW_CONTINUATION: f32 = 2.2;

/// One line of the output text.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub size: f32,
    /// (byte offset in `text`, page) where each page's part of it starts.
    pub pages: Vec<(usize, u32)>,
    /// A blank line before it: more space above it than between lines.
    pub gap_before: bool,
}

/// The left and right edges of a page's body text.
#[derive(Debug, Clone, Copy)]
struct Margins {
    left: f32,
    right: f32,
}

/// The margins of the body lines among `lines` (one cell, eight characters or
/// more); none if there are none.
fn margins<'a>(lines: impl Iterator<Item = &'a Placed>) -> Option<Margins> {
    let body: Vec<&Line> = lines
        .map(|p| &p.line)
        .filter(|l| l.cells.len() == 1 && l.cells[0].text.chars().count() >= 8)
        .collect();
    (!body.is_empty()).then(|| Margins {
        left: body.iter().map(|l| l.x0()).fold(f32::MAX, f32::min),
        right: body.iter().map(|l| l.x1()).fold(f32::MIN, f32::max),
    })
}

/// Body lines (one cell, eight characters or more): their left and right edges.
fn body_extents<'a>(lines: impl Iterator<Item = &'a Placed>) -> Vec<(f32, f32)> {
    lines
        .map(|p| &p.line)
        .filter(|l| l.cells.len() == 1 && l.cells[0].text.chars().count() >= 8)
        .map(|l| (l.x0(), l.x1()))
        .collect()
}

/// The margins of the column `line` is in: of the body lines that start within
/// a few em of it (a page in two columns has two sets of margins).
fn column_margins(body: &[(f32, f32)], line: &Line) -> Option<Margins> {
    let near = 3.0 * line.size;
    let column: Vec<&(f32, f32)> = body
        .iter()
        .filter(|(x0, _)| (x0 - line.x0()).abs() <= near)
        .collect();
    let column: Vec<(f32, f32)> = column.into_iter().copied().collect();
    extent(&column)
}

/// The leftmost start and rightmost end of `body`.
fn extent(body: &[(f32, f32)]) -> Option<Margins> {
    (!body.is_empty()).then(|| Margins {
        left: body.iter().map(|e| e.0).fold(f32::MAX, f32::min),
        right: body.iter().map(|e| e.1).fold(f32::MIN, f32::max),
    })
}

/// Pages with more body lines than this are measured as one column.
const MAX_COLUMN_SEARCH: usize = 400;

/// The lines of all pages, in order, joined into paragraphs.
pub fn join(lines: Vec<Placed>) -> Vec<Paragraph> {
    // A page with no body line of its own (a table, a short end of a chapter) is
    // measured by the whole document's.
    let whole = margins(lines.iter());
    let mut by_page: std::collections::HashMap<u32, Vec<(f32, f32)>> = Default::default();
    for p in &lines {
        by_page
            .entry(p.page)
            .or_default()
            .extend(body_extents(std::iter::once(p)));
    }
    // A page's own margins, for pages with too many lines to look for columns
    // line by line (a hostile file's page of a million runs).
    let page_wide: std::collections::HashMap<u32, Option<Margins>> =
        by_page.iter().map(|(n, body)| (*n, extent(body))).collect();
    let margins_of = |p: &Placed| {
        let body = by_page.get(&p.page)?;
        let own = if body.len() > MAX_COLUMN_SEARCH {
            page_wide.get(&p.page).copied().flatten()
        } else {
            column_margins(body, &p.line)
        };
        own.or(whole)
    };
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev: Option<Placed> = None;
    for p in lines {
        let text = p.line.text();
        let same_page = prev.as_ref().is_some_and(|q| q.page == p.page);
        let gap = prev
            .as_ref()
            .is_some_and(|q| same_page && p.line.y - q.line.y > PARAGRAPH_GAP * q.line.size);
        let wraps = prev.as_ref().is_some_and(|q| {
            !gap && (wrapped(q, margins_of(q)) && continues(&p, margins_of(&p), q)
                || address_continues(&q.line, &p.line))
        });
        match out.last_mut() {
            Some(last) if wraps => {
                if !same_page {
                    last.pages.push((last.text.len(), p.page));
                }
                if needs_space(&last.text, &text) {
                    last.text.push(' ');
                }
                last.text.push_str(&text);
            }
            _ => out.push(Paragraph {
                text,
                size: p.line.size,
                pages: vec![(0, p.page)],
                gap_before: gap,
            }),
        }
        prev = Some(p);
    }
    out
}

/// A web address broken at a "/" or "." short of the margin ("网址：<http://" then
/// "jyj.wuling.example.cn/zjzl/2025/>"): the next line carries on the address.
fn address_continues(prev: &Line, next: &Line) -> bool {
    let (Some(a), Some(b)) = (prev.cells.last(), next.cells.first()) else {
        return false;
    };
    let last_word = a
        .text
        .rsplit([' ', '：', ':', '<', '（', '('])
        .next()
        .unwrap_or("");
    let in_address = a.text.contains("://") && !a.text.ends_with(['>', ')', '）', '。']);
    let broken =
        last_word.ends_with(['/', '.', '-', '_', '?', '=', '&']) || a.text.ends_with("://");
    let first_word = b.text.split(' ').next().unwrap_or("");
    prev.cells.len() == 1
        && next.cells.len() == 1
        && in_address
        && broken
        && !first_word.is_empty()
        && first_word.chars().all(|c| c.is_ascii_graphic())
}

/// Whether a line wrapped between `before` and `after` was wrapped at a space:
/// between two Latin words, not next to Chinese nor inside an address
/// ("…/ndbg/" + "2024.html").
fn needs_space(before: &str, after: &str) -> bool {
    let (Some(a), Some(b)) = (before.chars().last(), after.chars().next()) else {
        return false;
    };
    a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && !before.contains("://")
        || matches!(a, ',' | ';' | '!' | '?') && b.is_ascii_alphanumeric()
}

/// A line of body text that runs to the right margin: the page wrapped it.
fn wrapped(p: &Placed, m: Option<Margins>) -> bool {
    let Some(m) = m else { return false };
    p.line.cells.len() == 1 && p.line.x1() >= m.right - FULL_WIDTH * p.line.size
}

/// A line that can carry on the paragraph above: one cell, the same size, not
/// indented.
fn continues(p: &Placed, m: Option<Margins>, above: &Placed) -> bool {
    let Some(m) = m else { return false };
    p.line.cells.len() == 1
        && (p.line.size - above.line.size).abs() < 0.5
        && p.line.x0() <= m.left + INDENT * p.line.size
}

/// A table row the page broke: its cells' last lines at the top of the next page,
/// as a row of the same columns with a few short pieces of text, no number, and
/// the rest empty ("\t数\t\t"). They are appended to the row above the break.
pub fn rows_across_pages(lines: &mut Vec<Placed>) {
    let mut i = 1;
    while i < lines.len() {
        if lines[i].page == lines[i - 1].page || lines[i - 1].line.cells.len() < 3 {
            i += 1;
            continue;
        }
        // The header repeated at the top of the page comes before the pieces.
        let mut k = i;
        if super::columns::is_header(&lines[k].line.cells) {
            k += 1;
        }
        while k < lines.len() && lines[k].page == lines[i].page {
            let Some(targets) = piece_of(&lines[i - 1].line, &lines[k].line) else {
                break;
            };
            let piece = lines.remove(k);
            let prev = &mut lines[i - 1].line;
            for (c, t) in piece.line.cells.iter().zip(targets) {
                prev.cells[t].text.push_str(&c.text);
            }
        }
        i += 1;
    }
}

/// Where the cells of `next` go in `row` if `next` is what the page break left
/// of it: a ruled row of the same columns, mostly empty; or a line of one or two
/// short words, each under a cell of the row. No numbers, units or dashes: those
/// start rows of their own.
fn piece_of(row: &Line, next: &Line) -> Option<Vec<usize>> {
    let not_a_value = |t: &str| {
        !t.chars().any(|c| c.is_ascii_digit())
            && !crate::import::rows::is_unit(t)
            && !crate::base::normalize::is_dash(t)
    };
    if !next
        .cells
        .iter()
        .all(|c| c.text.is_empty() || not_a_value(&c.text))
    {
        return None;
    }
    if next.cells.len() == row.cells.len() && fragment(next) {
        return Some((0..next.cells.len()).collect());
    }
    if next.cells.len() <= 2 && next.cells.len() < row.cells.len() && fragment_text(next) {
        return under_cells(row, next);
    }
    None
}

/// Short words without digits: what is left of cells after a break.
fn fragment_text(l: &Line) -> bool {
    l.cells
        .iter()
        .all(|c| c.text.chars().count() <= 8 && !c.text.chars().any(|c| c.is_ascii_digit()))
}

/// Cells mostly empty, the others short words without digits.
fn fragment(l: &Line) -> bool {
    let filled: Vec<&str> = l
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    !filled.is_empty()
        && filled.len() * 2 <= l.cells.len()
        && filled
            .iter()
            .all(|t| t.chars().count() <= 8 && !t.chars().any(|c| c.is_ascii_digit()))
}

/// Rows of a table without vertical rules whose cells wrapped: a line just below a
/// row of three or more cells, with fewer cells, no number, each cell under a
/// different cell of the row, is appended into those cells.
pub fn continued_rows(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    // The baseline of the last line taken into the row: a cell may wrap twice.
    let mut last_y = f32::MIN;
    for l in lines {
        if let Some(row) = out.last_mut()
            && let Some(targets) = continuation(row, last_y, &l)
        {
            last_y = l.y;
            for (cell, t) in l.cells.into_iter().zip(targets) {
                let into = &mut row.cells[t];
                if !(into.text.ends_with(is_cjk) || cell.text.starts_with(is_cjk)) {
                    into.text.push(' ');
                }
                into.text.push_str(&cell.text);
            }
            continue;
        }
        last_y = l.y;
        out.push(l);
    }
    out
}

/// For each cell of `next`, the cell of `row` it lies under.
fn continuation(row: &Line, last_y: f32, next: &Line) -> Option<Vec<usize>> {
    let close = next.y - last_y.max(row.y) <= ROW_CONTINUATION * row.size;
    let numeric = next
        .cells
        .iter()
        .any(|c| c.text.chars().any(|ch| ch.is_ascii_digit()));
    if row.cells.len() < 3 || next.cells.len() >= row.cells.len() || !close || numeric {
        return None;
    }
    under_cells(row, next)
}

/// For each cell of `next`, the cell of `row` it lies under (each a different one).
fn under_cells(row: &Line, next: &Line) -> Option<Vec<usize>> {
    let slack = 0.5 * row.size;
    let mut targets: Vec<usize> = Vec::new();
    for c in &next.cells {
        let t = row
            .cells
            .iter()
            .position(|r| c.x0 >= r.x0 - slack && c.x1 <= r.x1 + slack.max(r.x1 - r.x0))?;
        if targets.contains(&t) {
            return None;
        }
        targets.push(t);
    }
    Some(targets)
}

#[cfg(test)]
mod tests {
    use super::super::lines::tests::line;
    use super::*;

    fn placed(page: u32, l: Line) -> Placed {
        Placed { page, line: l }
    }

    #[test]
    fn wrapped_lines_join_and_indented_lines_start_paragraphs() {
        let ls = vec![
            placed(1, line(100.0, &[(80.0, 500.0, "学校坚持立德树人，深化")])),
            placed(1, line(115.0, &[(60.0, 500.0, "三全育人综合改革，育人")])),
            placed(1, line(130.0, &[(60.0, 300.0, "成效显著。")])),
            placed(1, line(145.0, &[(80.0, 500.0, "另起一段的文字，首行缩进")])),
            placed(2, line(50.0, &[(60.0, 200.0, "两个字符。")])),
        ];
        let ps = join(ls);
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "学校坚持立德树人，深化三全育人综合改革，育人成效显著。",
                "另起一段的文字，首行缩进两个字符。"
            ]
        );
        assert_eq!(ps[1].pages, [(0, 1), ("另起一段的文字，首行缩进".len(), 2)]);
    }

    #[test]
    fn a_web_address_broken_short_of_the_margin_joins() {
        let ls = vec![
            placed(
                1,
                line(40.0, &[(60.0, 500.0, "正文的一行写满了页面的整个宽度。")]),
            ),
            placed(1, line(100.0, &[(60.0, 200.0, "网址：<http://")])),
            placed(
                1,
                line(115.0, &[(60.0, 300.0, "jyj.wuling.example.cn/zjzl/2025/>")]),
            ),
            placed(
                1,
                line(130.0, &[(60.0, 300.0, "网址：http://a.example.cn/")]),
            ),
            placed(1, line(145.0, &[(60.0, 300.0, "二、人才培养")])),
        ];
        let texts: Vec<String> = join(ls).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            [
                "正文的一行写满了页面的整个宽度。",
                "网址：<http://jyj.wuling.example.cn/zjzl/2025/>",
                "网址：http://a.example.cn/",
                "二、人才培养"
            ]
        );
    }

    #[test]
    fn headings_and_rows_are_not_joined() {
        let ls = vec![
            placed(
                1,
                line(100.0, &[(60.0, 500.0, "正文一行写满了页面的宽度没有句号")]),
            ),
            placed(
                1,
                line(115.0, &[(60.0, 90.0, "1"), (100.0, 200.0, "毕业生人数")]),
            ),
            placed(1, line(160.0, &[(60.0, 200.0, "二、人才培养")])),
        ];
        let ps = join(ls);
        assert_eq!(ps.len(), 3);
        assert!(ps[2].gap_before);
    }

    #[test]
    fn a_row_broken_by_the_page_is_one_row() {
        let row = |page, y, cells: &[&str]| {
            let cs: Vec<(f32, f32, &str)> = cells
                .iter()
                .enumerate()
                .map(|(i, t)| (60.0 + 100.0 * i as f32, 150.0 + 100.0 * i as f32, *t))
                .collect();
            placed(page, line(y, &cs))
        };
        let mut ls = vec![
            row(1, 700.0, &["", "其中：升学人", "人", "6624", "7305"]),
            row(2, 80.0, &["", "数", "", "", ""]),
            row(2, 95.0, &["", "升入本科人数", "人", "412", "489"]),
        ];
        rows_across_pages(&mut ls);
        let texts: Vec<String> = ls.iter().map(|p| p.line.text()).collect();
        assert_eq!(
            texts,
            [
                "\t其中：升学人数\t人\t6624\t7305",
                "\t升入本科人数\t人\t412\t489"
            ]
        );
        // Without rules: only the pieces (after a repeated header), under the
        // name's cell.
        let mut ls = vec![
            placed(
                1,
                line(
                    700.0,
                    &[
                        (100.0, 190.0, "美育课专任教"),
                        (200.0, 210.0, "人"),
                        (250.0, 280.0, "208"),
                    ],
                ),
            ),
            placed(
                2,
                line(
                    60.0,
                    &[
                        (100.0, 120.0, "指标"),
                        (200.0, 210.0, "单位"),
                        (250.0, 280.0, "2024年"),
                    ],
                ),
            ),
            placed(2, line(80.0, &[(100.0, 120.0, "师")])),
            placed(2, line(95.0, &[(100.0, 120.0, "数")])),
            placed(
                2,
                line(
                    110.0,
                    &[
                        (100.0, 120.0, "专利转让数"),
                        (200.0, 210.0, "项"),
                        (250.0, 280.0, "-"),
                    ],
                ),
            ),
        ];
        rows_across_pages(&mut ls);
        let texts: Vec<String> = ls.iter().map(|p| p.line.text()).collect();
        assert_eq!(
            texts,
            [
                "美育课专任教师数\t人\t208",
                "指标\t单位\t2024年",
                "专利转让数\t项\t-"
            ]
        );
    }

    #[test]
    fn wrapped_cells_continue_their_row() {
        let rows = vec![
            line(
                100.0,
                &[
                    (60.0, 70.0, "3"),
                    (100.0, 190.0, "毕业生本省去向"),
                    (200.0, 210.0, "%"),
                    (250.0, 280.0, "81.5"),
                ],
            ),
            line(112.0, &[(100.0, 140.0, "落实")]),
            line(124.0, &[(100.0, 140.0, "率")]),
            line(
                124.0,
                &[
                    (60.0, 70.0, "4"),
                    (100.0, 140.0, "月收入"),
                    (200.0, 210.0, "元"),
                    (250.0, 280.0, "3105"),
                ],
            ),
        ];
        let texts: Vec<String> = continued_rows(rows).iter().map(Line::text).collect();
        assert_eq!(
            texts,
            ["3\t毕业生本省去向落实率\t%\t81.5", "4\t月收入\t元\t3105"]
        );
    }
}
