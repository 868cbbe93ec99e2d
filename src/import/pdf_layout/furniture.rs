//! Running headers, footers and page numbers (../docs/pdf.md step 5): a line in
//! the top or bottom tenth of the page whose text, digits aside, recurs there on
//! at least 40 % of the pages (three at least) is the page's furniture, not the
//! report's text; so is a page number alone there ("- 12 -", "第 3 页", "3/45").

use std::collections::HashMap;

use crate::import::pdf::Page;

use super::Placed;

/// The share of the page height at the top and the bottom where furniture is.
const BAND: f32 = 0.1;

/// Drops the furniture from each page's lines.
pub fn remove(pages: &mut [Vec<Placed>], sizes: &[Page]) {
    let height = |n: u32| {
        sizes
            .iter()
            .find(|p| p.number == n)
            .map_or(0.0, |p| p.height)
    };
    let in_band = |p: &Placed| {
        let h = height(p.page);
        h > 0.0 && (p.line.y < h * BAND || p.line.y > h * (1.0 - BAND))
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = page.iter().filter(|p| in_band(p)).map(key).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let needed = ((pages.len() as f32 * 0.4).ceil() as usize).max(3);
    for page in pages.iter_mut() {
        page.retain(|p| {
            let furniture = in_band(p)
                && (page_number(&p.line.text()) || seen.get(&key(p)).is_some_and(|n| *n >= needed));
            !furniture
        });
    }
}

/// The text without digits and spaces: "第 3 页" and "第 4 页" are one key.
fn key(p: &Placed) -> String {
    p.line
        .text()
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// "12", "- 12 -", "— 12 —", "第 3 页", "3/45", "第3页 共45页".
pub fn page_number(text: &str) -> bool {
    let c: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let rest: String = c
        .chars()
        .filter(|ch| !ch.is_ascii_digit() && !matches!(ch, '-' | '—' | '－' | '/' | '·'))
        .collect();
    c.chars().any(|ch| ch.is_ascii_digit())
        && matches!(
            rest.as_str(),
            "" | "第页" | "第页共页" | "页" | "共页第页" | "Page" | "page"
        )
}

#[cfg(test)]
mod tests {
    use super::super::lines::{Cell, Line};
    use super::*;

    fn placed(page: u32, y: f32, text: &str) -> Placed {
        Placed {
            page,
            line: Line {
                y,
                size: 10.0,
                cells: vec![Cell {
                    x0: 0.0,
                    x1: 100.0,
                    text: text.into(),
                }],
            },
        }
    }

    #[test]
    fn headers_footers_and_page_numbers_go() {
        let sizes: Vec<Page> = (1..=4)
            .map(|n| Page {
                number: n,
                height: 800.0,
                ..Page::default()
            })
            .collect();
        let mut pages: Vec<Vec<Placed>> = (1..=4)
            .map(|n| {
                vec![
                    placed(n, 30.0, "澄川市职业教育质量年度报告"),
                    placed(n, 400.0, "澄川市职业教育质量年度报告"),
                    placed(n, 400.0, &format!("正文第{n}页")),
                    placed(n, 770.0, &format!("- {n} -")),
                ]
            })
            .collect();
        // A line in the band that occurs once stays.
        pages[0].push(placed(1, 760.0, "2025年2月"));
        remove(&mut pages, &sizes);
        let left: Vec<String> = pages[0].iter().map(|p| p.line.text()).collect();
        assert_eq!(
            left,
            ["澄川市职业教育质量年度报告", "正文第1页", "2025年2月"]
        );
        assert_eq!(pages[3].len(), 2);
    }

    #[test]
    fn page_numbers() {
        for t in ["12", "- 12 -", "— 3 —", "第 3 页", "3/45", "第3页 共45页"] {
            assert!(page_number(t), "{t}");
        }
        for t in ["2024年", "表 3", "第三页", ""] {
            assert!(!page_number(t), "{t}");
        }
    }
}
