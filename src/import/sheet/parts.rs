//! Splits a spreadsheet's lines into parts: the record parts of dabiao's own layout
//! (报告信息, 学校办学条件, 报告结构, 其他数据), the instructions (skipped), and
//! everything else, which is read like a report's tables. A part starts at each
//! sheet and at a row holding only a part's title or a data table's caption, so one
//! sheet (or one .csv) may hold several parts.

use super::layout;
use super::shown::{Shown, ShownLine};
use crate::base::normalize::compact;
use crate::import::table_captions::data_table_caption;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Instructions,
    Report,
    Schools,
    Outline,
    Other,
    /// Data tables, found as in a report's text.
    Tables,
}

#[derive(Debug, Clone)]
pub struct Part {
    pub kind: PartKind,
    /// Indices into `Shown::lines`; a record part's title line is not among them.
    pub lines: Vec<usize>,
}

/// The record part a title names ("报告信息", "【报告信息】", "报告信息：").
pub fn record_kind(title: &str) -> Option<PartKind> {
    let c = compact(title);
    let c = c
        .trim_start_matches(['【', '[', '〔'])
        .trim_end_matches([':', '：', '】', ']', '〕']);
    Some(match c {
        layout::INSTRUCTIONS | "说明" => PartKind::Instructions,
        layout::REPORT => PartKind::Report,
        layout::SCHOOLS => PartKind::Schools,
        layout::OUTLINE => PartKind::Outline,
        layout::OTHER => PartKind::Other,
        _ => return None,
    })
}

/// A row line that opens a part, and which.
fn opens(line: &ShownLine) -> Option<PartKind> {
    let text = &line.single()?.text;
    record_kind(text).or_else(|| data_table_caption(text).map(|_| PartKind::Tables))
}

pub fn split(shown: &Shown) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for (i, line) in shown.lines.iter().enumerate() {
        let opened = match line.row {
            // A sheet opens a part named by the sheet, if its name is a record title.
            None => Some(
                line.cells
                    .first()
                    .and_then(|c| record_kind(&c.text))
                    .unwrap_or(PartKind::Tables),
            ),
            Some(_) => opens(line),
        };
        let starts_sheet = parts.is_empty() || line.row.is_none();
        match opened {
            Some(kind) if kind != PartKind::Tables || starts_sheet || !in_tables(&parts) => {
                let mut lines = Vec::new();
                if kind == PartKind::Tables {
                    lines.push(i);
                }
                parts.push(Part { kind, lines });
            }
            _ => match parts.last_mut() {
                Some(p) => p.lines.push(i),
                None => parts.push(Part {
                    kind: PartKind::Tables,
                    lines: vec![i],
                }),
            },
        }
    }
    parts.retain(|p| !p.lines.is_empty() || p.kind != PartKind::Tables);
    parts
}

fn in_tables(parts: &[Part]) -> bool {
    parts.last().is_some_and(|p| p.kind == PartKind::Tables)
}

#[cfg(test)]
mod tests {
    use super::super::shown::show;
    use super::super::{Grid, Sheet, rows_of};
    use super::*;

    #[test]
    fn one_csv_holds_several_parts() {
        let grid = Grid {
            sheets: vec![Sheet {
                name: String::new(),
                rows: rows_of(&[
                    &["报告信息"],
                    &["项目", "内容", "键"],
                    &["报告年度", "2024", "year"],
                    &["表1 人才培养质量计分卡（中职）"],
                    &["序号", "指标", "单位", "2024年"],
                    &["表2 满意度调查表（中职）"],
                    &["【学校办学条件】"],
                    &["学校名称"],
                ]),
            }],
        };
        let parts = split(&show(&grid));
        let kinds: Vec<_> = parts.iter().map(|p| (p.kind, p.lines.len())).collect();
        assert_eq!(
            kinds,
            [
                (PartKind::Report, 2),
                (PartKind::Tables, 3),
                (PartKind::Schools, 1)
            ]
        );
    }

    #[test]
    fn sheets_named_for_a_part_and_sheets_of_tables() {
        let grid = Grid {
            sheets: vec![
                Sheet {
                    name: "填写说明".into(),
                    rows: rows_of(&[&["请按表填写"]]),
                },
                Sheet {
                    name: "报告信息".into(),
                    rows: rows_of(&[&["报告信息"], &["项目", "内容"]]),
                },
                Sheet {
                    name: "计分卡".into(),
                    rows: rows_of(&[&["序号", "指标"]]),
                },
            ],
        };
        let parts = split(&show(&grid));
        let kinds: Vec<_> = parts.iter().map(|p| (p.kind, p.lines.len())).collect();
        assert_eq!(
            kinds,
            [
                (PartKind::Instructions, 1),
                (PartKind::Report, 0),
                (PartKind::Report, 1),
                (PartKind::Tables, 2)
            ]
        );
    }
}
