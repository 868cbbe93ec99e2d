//! Placeholder until the CSV reader lands (helper branch).

use super::{Grid, GridCell, GridRow, Sheet};

pub fn read(text: &str, sheet_name: &str) -> Grid {
    let rows = text
        .lines()
        .enumerate()
        .map(|(r, line)| GridRow {
            row: r as u32,
            cells: line
                .split(',')
                .enumerate()
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(c, t)| GridCell {
                    col: c as u32,
                    text: t.trim().to_string(),
                })
                .collect(),
        })
        .filter(|r| !r.cells.is_empty())
        .collect();
    Grid {
        sheets: vec![Sheet {
            name: sheet_name.to_string(),
            rows,
        }],
    }
}
