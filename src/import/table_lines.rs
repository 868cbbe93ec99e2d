//! A table whose cells come one per line (a Word table copied as text, a PDF's
//! text): "序号" / "指标" / "单位" / "2023年" / "2024年" / "1" / "毕业生人数" / "人" /
//! "4210" / "4388" …, gathered back into rows. The unit cell anchors a row as in
//! tab-separated tables; a row ends when it has a value for every column or the
//! next line starts another row (a 序号 or a name).

use crate::base::normalize::{compact, is_dash, parse_number};

use super::document::{Block, BlockKind, Cell};
use super::rows::is_unit;
use super::table_shape::{Columns, Extra, header_word};

/// Cells gathered from lines, not yet a whole row.
#[derive(Debug, Default)]
pub struct Lines {
    cells: Vec<Cell>,
    active: bool,
}

/// What one line did.
pub enum Step {
    /// Taken as a cell; no row complete yet.
    Taken,
    /// Taken, and these cells are a whole row (or the header).
    Row(Vec<Cell>),
    /// Not a cell: the table ends, after these cells (maybe none) as its last row.
    End(Vec<Cell>),
}

fn is_value(c: &str) -> bool {
    parse_number(c).is_some() || is_dash(c)
}

impl Lines {
    /// Feeds the line `block` of a table whose columns are `columns` (None before the
    /// header).
    pub fn push(&mut self, block: &Block, columns: Option<&Columns>) -> Step {
        let c = compact(&block.text);
        let cell_like = block.kind == BlockKind::Text
            && !c.is_empty()
            && c.chars().count() <= 30
            && !c.contains('。');
        if !self.active {
            if cell_like && columns.is_none() && matches!(c.as_str(), "序号" | "指标" | "项目")
            {
                self.active = true;
                self.cells.push(cell(block));
                return Step::Taken;
            }
            return Step::End(Vec::new());
        }
        if !cell_like {
            self.active = false;
            return Step::End(std::mem::take(&mut self.cells));
        }
        let Some(columns) = columns else {
            // Still in the header: it ends at the first word that is not a column name.
            if header_word(&c) {
                self.cells.push(cell(block));
                return Step::Taken;
            }
            let header = std::mem::take(&mut self.cells);
            self.cells.push(cell(block));
            return Step::Row(header);
        };
        if self.starts_row(&c, columns) {
            let row = std::mem::take(&mut self.cells);
            self.cells.push(cell(block));
            return Step::Row(row);
        }
        self.cells.push(cell(block));
        if self.values() >= columns.years.len() + columns.extras.len() {
            return Step::Row(std::mem::take(&mut self.cells));
        }
        Step::Taken
    }

    /// Cells after the row's unit (or name, in a table without units).
    fn values(&self) -> usize {
        match self.cells.iter().position(|c| is_unit(&c.text)) {
            Some(u) => self.cells.len() - u - 1,
            None => self
                .cells
                .iter()
                .position(|c| !is_value(&c.text))
                .map_or(0, |n| self.cells.len() - n - 1),
        }
    }

    fn starts_row(&self, c: &str, columns: &Columns) -> bool {
        if self.cells.is_empty() {
            return false;
        }
        let values = self.values();
        let serial = c.len() <= 2 && c.chars().all(|ch| ch.is_ascii_digit());
        let name = !is_value(c) && !is_unit(c);
        // 调查方式 is text after the values, not a new row's name.
        let method_next = values >= columns.years.len()
            && columns.extras.get(values - columns.years.len()) == Some(&Extra::Method);
        let has_unit = self.cells.iter().any(|x| is_unit(&x.text));
        (name && (has_unit || values > 0) && !method_next)
            || (serial && values >= columns.years.len())
    }
}

fn cell(block: &Block) -> Cell {
    Cell {
        text: block.text.trim().to_string(),
        span: block.span,
    }
}

/// The cells of one gathered row as a row block.
pub fn row_block(cells: Vec<Cell>) -> Option<Block> {
    let first = cells.first()?.span;
    let last = cells.last()?.span;
    Some(Block {
        kind: BlockKind::Row,
        text: cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("\t"),
        span: crate::base::source::Span::new(first.start, last.end),
        cells,
        blank_before: false,
        place: None,
        written: None,
    })
}
