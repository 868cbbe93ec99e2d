//! The report's own tables ("表 2.3 …" with tab-separated rows above or below it):
//! while the importer walks the report it notes which blocks are rows, captions,
//! headings and paragraphs; at the end each caption gets its rows (header, cells
//! with numbers, the years and the totals the table declares) and the figures the
//! prose around it states for the table's rows and columns, all in `/tables/<k>`
//! with the spans of the cells and of the prose, so that rules can check a table's
//! sums, its caption's years and the prose about it.

mod grid;
mod prose;
mod write;

use std::collections::HashMap;

use crate::base::normalize::compact;

use super::builder::Builder;
use super::document::{Block, BlockKind};
pub use grid::{Grid, GridCell};

/// What one block of the report was, as far as own tables go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A row that is not one of the six data tables'.
    Row,
    /// A table caption, with its index in `/tables`.
    Caption(usize),
    /// Body text in a part.
    Para,
    /// A heading, a data table's caption: prose does not reach across it.
    Boundary,
}

/// The marks gathered during the walk.
#[derive(Debug, Default)]
pub struct OwnTables {
    marks: Vec<(usize, Mark)>,
}

/// A caption with the blocks of its rows.
struct Placed {
    table: usize,
    id: String,
    caption: usize,
    rows: std::ops::Range<usize>,
}

impl OwnTables {
    pub fn row(&mut self, block: usize) {
        self.marks.push((block, Mark::Row));
    }
    pub fn caption(&mut self, block: usize, table: usize) {
        self.marks.push((block, Mark::Caption(table)));
    }
    pub fn para(&mut self, block: usize) {
        self.marks.push((block, Mark::Para));
    }
    pub fn boundary(&mut self, block: usize) {
        self.marks.push((block, Mark::Boundary));
    }

    /// Writes each captioned table's rows and the prose about it into `/tables`.
    pub fn finish(&self, blocks: &[Block], b: &mut Builder) {
        debug_assert!(self.marks.windows(2).all(|w| w[0].0 <= w[1].0));
        let placed = self.place(b);
        // Which paragraphs name which table, read once: asking each table of each
        // paragraph was quadratic in a report with thousands of both.
        let naming = if placed.iter().any(|p| !p.id.is_empty()) {
            self.tables_named(blocks)
        } else {
            HashMap::new()
        };
        for p in placed {
            let cells = blocks[p.rows.clone()]
                .iter()
                .filter(|bl| bl.kind == BlockKind::Row)
                .map(|bl| {
                    bl.cells
                        .iter()
                        .map(|c| GridCell::new(&c.text, c.span))
                        .collect()
                })
                .collect();
            let Some(grid) = Grid::read(cells) else {
                continue;
            };
            let at = format!("/tables/{}", p.table);
            write::grid(&grid, &at, b);
            let title = b
                .value
                .pointer(&format!("{at}/title"))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            write::caption_years(&title, &at, b, blocks[p.caption].span);
            let paras = self.prose_near(&p, blocks, &naming);
            let said = prose::read(&grid, &paras, blocks);
            write::prose(&grid, &said, &at, b);
        }
    }

    /// Each caption next to a run of rows, above or below it as the report's
    /// captions mostly are.
    fn place(&self, b: &Builder) -> Vec<Placed> {
        let runs = self.runs();
        let ending: HashMap<usize, usize> =
            runs.iter().enumerate().map(|(k, r)| (r.end, k)).collect();
        let starting: HashMap<usize, usize> =
            runs.iter().enumerate().map(|(k, r)| (r.start, k)).collect();
        let next_to = |c: usize, below: bool| {
            if below {
                ending.get(&c).copied()
            } else {
                starting.get(&(c + 1)).copied()
            }
        };
        let mut below_votes = 0i32;
        for &(c, m) in &self.marks {
            if let Mark::Caption(_) = m {
                match (next_to(c, true), next_to(c, false)) {
                    (Some(_), None) => below_votes += 1,
                    (None, Some(_)) => below_votes -= 1,
                    _ => {}
                }
            }
        }
        let mut used = vec![false; runs.len()];
        let mut out = Vec::new();
        for &(c, m) in &self.marks {
            let Mark::Caption(table) = m else { continue };
            let (below, above) = (next_to(c, true), next_to(c, false));
            let pick = match (below, above) {
                (Some(r), Some(a)) => Some(if below_votes > 0 { r } else { a }),
                (r, a) => r.or(a),
            };
            let Some(r) = pick.filter(|&r| !used[r]) else {
                continue;
            };
            used[r] = true;
            let id = b
                .value
                .pointer(&format!("/tables/{table}/id"))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            out.push(Placed {
                table,
                id,
                caption: c,
                rows: runs[r].clone(),
            });
        }
        out
    }

    /// Runs of consecutive row blocks.
    fn runs(&self) -> Vec<std::ops::Range<usize>> {
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for &(i, m) in &self.marks {
            if m != Mark::Row {
                continue;
            }
            match out.last_mut() {
                Some(r) if r.end == i => r.end = i + 1,
                _ => out.push(i..i + 1),
            }
        }
        out
    }

    /// For each table number the paragraphs name ("见表 6.1"), those paragraphs.
    fn tables_named(&self, blocks: &[Block]) -> HashMap<String, Vec<usize>> {
        let mut out: HashMap<String, Vec<usize>> = HashMap::new();
        for &(i, m) in &self.marks {
            if m == Mark::Para {
                for id in table_ids_named(&blocks[i].text) {
                    out.entry(id).or_default().push(i);
                }
            }
        }
        out
    }

    /// The paragraphs about a table: the two before it and the two after it (not
    /// across a heading or another table), and any paragraph that names it ("见表 6.1").
    /// The marks are in block order, so the neighbours are found by binary search.
    fn prose_near(
        &self,
        p: &Placed,
        blocks: &[Block],
        naming: &HashMap<String, Vec<usize>>,
    ) -> Vec<usize> {
        let first = p.rows.start.min(p.caption);
        let last = (p.rows.end - 1).max(p.caption);
        let mut out = Vec::new();
        let split = self.marks.partition_point(|(i, _)| *i < first);
        let before = self.marks[..split].iter().rev();
        for (i, _) in before.take_while(|(_, m)| *m == Mark::Para).take(2) {
            out.push(*i);
        }
        let split = self.marks.partition_point(|(i, _)| *i <= last);
        let after = self.marks[split..].iter();
        for (i, _) in after.take_while(|(_, m)| *m == Mark::Para).take(2) {
            out.push(*i);
        }
        if !p.id.is_empty() {
            let named: Vec<usize> = match naming.get(&p.id) {
                Some(paras) => paras.clone(),
                // An id that is not digits and separators ("表 A"): asked directly.
                None if !is_numbered(&p.id) => self
                    .marks
                    .iter()
                    .filter(|(i, m)| *m == Mark::Para && names_table(&blocks[*i].text, &p.id))
                    .map(|(i, _)| *i)
                    .collect(),
                None => Vec::new(),
            };
            for i in named {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// A table number of digits joined by '.' or '-' ("6", "6.1", "2-3").
fn is_numbered(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
}

/// The table numbers a paragraph names: after each 表, the longest run of digits
/// joined by '.' or '-' ("见表6.1和表 2-3" → 6.1, 2-3), as [`names_table`] reads them.
fn table_ids_named(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Folding never makes 表: most paragraphs name no table.
    if !text.contains('表') {
        return out;
    }
    let c = compact(text);
    for (i, _) in c.match_indices('表') {
        let rest: Vec<char> = c[i + '表'.len_utf8()..].chars().take(32).collect();
        let mut end = 0;
        while end < rest.len() {
            let joins = matches!(rest[end], '.' | '-')
                && end > 0
                && rest.get(end + 1).is_some_and(|d| d.is_ascii_digit());
            if !(rest[end].is_ascii_digit() || joins) {
                break;
            }
            end += 1;
        }
        if end > 0 {
            out.push(rest[..end].iter().collect());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The paragraph refers to 表 `id` ("见表6.1", "如表 2-3 所示"), not to 表 6.12.
fn names_table(text: &str, id: &str) -> bool {
    if !text.contains('表') {
        return false;
    }
    let c = compact(text);
    let needle = format!("表{id}");
    c.match_indices(&needle).any(|(i, _)| {
        let rest = &c[i + needle.len()..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(ch) if ch.is_ascii_digit() => false,
            Some('.' | '-') => !chars.next().is_some_and(|d| d.is_ascii_digit()),
            _ => true,
        }
    })
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
