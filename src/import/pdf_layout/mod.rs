//! A PDF's pages as the text the plain-text importer reads: one line per line of
//! the page (a table row's cells separated by tabs), paragraphs wrapped at the
//! page width joined again, running headers, footers and page numbers left out.
//! Each line remembers its page, so findings can say "第 12 页", and lines set in
//! a larger font are headings.

mod columns;
mod furniture;
mod grid;
mod lines;
mod paragraphs;
mod reading_order;

use crate::import::pdf::{Page, Run};

use lines::Line;

/// The text of a PDF and where each piece of it came from.
#[derive(Debug, Default)]
pub struct Laid {
    pub text: String,
    /// (byte offset where a line starts, its page), in order.
    pub pages: Vec<(usize, u32)>,
    /// Byte offsets of lines set larger than the body text, with a heading level
    /// (1 for the largest size).
    pub headings: Vec<(usize, u8)>,
}

impl Laid {
    /// The page of the text at `offset`.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let i = self.pages.partition_point(|(o, _)| *o <= offset);
        i.checked_sub(1).map(|i| self.pages[i].1)
    }
}

/// One line of the laid-out text, on its page.
#[derive(Debug, Clone)]
struct Placed {
    page: u32,
    line: Line,
}

/// Lays out `pages` as text.
pub fn lay_out(pages: &[Page]) -> Laid {
    let mut placed: Vec<Vec<Placed>> = pages
        .iter()
        .map(|p| {
            page_lines(p)
                .into_iter()
                .map(|line| Placed {
                    page: p.number,
                    line,
                })
                .collect()
        })
        .collect();
    furniture::remove(&mut placed, pages);
    let mut flat: Vec<Placed> = placed.into_iter().flatten().collect();
    paragraphs::rows_across_pages(&mut flat);
    columns::align(&mut flat);
    let paragraphs = paragraphs::join(flat);
    write(&paragraphs)
}

/// A page's lines top to bottom: ruled tables' rows and the other lines, merged by
/// height; lines that continue a table row's cells joined into it.
fn page_lines(page: &Page) -> Vec<Line> {
    let runs: Vec<&Run> = page.runs.iter().collect();
    let rules = grid::Rules::of(&page.segments);
    let (mut out, rest) = grid::rows(&runs, &rules);
    if let Some(ordered) = reading_order::two_columns(&rest, page.width, out.clone()) {
        return ordered;
    }
    out.extend(paragraphs::continued_rows(lines::lines(&rest)));
    out.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0().total_cmp(&b.x0())));
    out
}

/// The text, its pages and its headings.
fn write(paragraphs: &[paragraphs::Paragraph]) -> Laid {
    let body = body_size(paragraphs);
    let mut bigger: Vec<f32> = paragraphs
        .iter()
        .filter(|p| p.size >= body * 1.2 && p.text.chars().count() <= 40)
        .map(|p| p.size)
        .collect();
    bigger.sort_by(|a, b| b.total_cmp(a));
    bigger.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let mut laid = Laid::default();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            laid.text.push('\n');
            if p.gap_before {
                laid.text.push('\n');
            }
        }
        let start = laid.text.len();
        for &(at, page) in &p.pages {
            if laid.pages.last().is_none_or(|l| l.1 != page) {
                laid.pages.push((start + at, page));
            }
        }
        if let Some(level) = bigger.iter().position(|s| (s - p.size).abs() < 0.5)
            && !p.text.contains('\t')
        {
            laid.headings.push((start, (level + 1).min(6) as u8));
        }
        laid.text.push_str(&p.text);
    }
    laid.text.push('\n');
    laid
}

/// The font size most of the text is set in.
fn body_size(paragraphs: &[paragraphs::Paragraph]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for p in paragraphs {
        let n = p.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (s - p.size).abs() < 0.5) {
            Some((_, c)) => *c += n,
            None => sizes.push((p.size, n)),
        }
    }
    sizes
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(10.0, |(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::lines::tests::run;
    use super::*;

    fn page(number: u32, runs: Vec<Run>) -> Page {
        Page {
            number,
            width: 600.0,
            height: 800.0,
            runs,
            ..Page::default()
        }
    }

    #[test]
    fn pages_become_text_with_their_pages_and_headings() {
        let mut title = run(100.0, 300.0, 100.0, "一、基本情况");
        title.size = 16.0;
        let p1 = page(
            1,
            vec![
                title,
                run(80.0, 500.0, 150.0, "学校始建于1958年，现有在校生"),
                run(60.0, 200.0, 165.0, "2350人。"),
            ],
        );
        let p2 = page(
            2,
            vec![
                run(60.0, 80.0, 100.0, "1"),
                run(100.0, 200.0, 100.0, "毕业生人数"),
                run(220.0, 240.0, 100.0, "人"),
                run(260.0, 300.0, 100.0, "4210"),
            ],
        );
        let laid = lay_out(&[p1, p2]);
        assert_eq!(
            laid.text,
            "一、基本情况\n\n学校始建于1958年，现有在校生2350人。\n1\t毕业生人数\t人\t4210\n"
        );
        let row = laid.text.find("1\t").unwrap();
        assert_eq!(laid.page_at(0), Some(1));
        assert_eq!(laid.page_at(row), Some(2));
        assert_eq!(laid.headings, [(0, 1)]);
    }
}
