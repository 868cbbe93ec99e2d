//! A .csv file's text (already decoded: UTF-8 with or without BOM, GBK … by
//! `dataset::encoding`) → a one-sheet [`Grid`].
//!
//! The delimiter is the one of `,` `\t` `;` found (outside quotes) on the most of
//! the first lines. Rows are numbered as a spreadsheet shows the file: one row per
//! record, a blank line an (empty) row too, so "D7" is the cell Excel shows there.
//! Same limits as the workbooks (rows, columns, characters of a cell).

use super::Grid;
use super::book::BookRead;
use super::book::collect::{Collector, Flow, clean_text};

/// Lines looked at to choose the delimiter.
const SNIFF_LINES: usize = 20;

/// Reads `text` as one sheet named `sheet_name` (the file's stem).
pub fn read(text: &str, sheet_name: &str) -> Grid {
    read_noted(text, sheet_name).grid
}

/// As [`read`], with the findings of what was left out at a limit.
pub fn read_noted(text: &str, sheet_name: &str) -> BookRead {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut c = Collector::default();
    c.sheet(sheet_name, 1);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    // A record's position is where reading it began: before the blank lines the
    // reader skipped, each of which is a row in a spreadsheet.
    let mut next_row = 0u64;
    'records: for record in reader.records() {
        let Ok(record) = record else { break };
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let row = next_row + blank_lines(text.as_bytes().get(start..).unwrap_or_default());
        next_row = row + 1;
        let Ok(row) = u32::try_from(row) else { break };
        for (col, field) in record.iter().enumerate() {
            let Ok(col) = u32::try_from(col) else { break };
            if c.cell(row, col, clean_text(field)) == Flow::Stop {
                break 'records;
            }
        }
    }
    let (grid, findings) = c.finish();
    BookRead { grid, findings }
}

/// Line ends at the start of `rest` (CRLF counted once).
fn blank_lines(rest: &[u8]) -> u64 {
    let (mut n, mut i) = (0, 0);
    while let Some(&b) = rest.get(i) {
        match b {
            b'\r' if rest.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => break,
        }
        n += 1;
    }
    n
}

/// `,`, `\t` or `;`: the one on the most of the first lines (outside quotes), then
/// the most often; `,` when none is.
fn delimiter(text: &str) -> u8 {
    let candidates = [b',', b'\t', b';'];
    let mut lines = [0usize; 3];
    let mut total = [0usize; 3];
    let mut on_line = [false; 3];
    let (mut quoted, mut seen) = (false, 0);
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                for i in 0..3 {
                    lines[i] += on_line[i] as usize;
                }
                on_line = [false; 3];
                seen += 1;
                if seen >= SNIFF_LINES {
                    break;
                }
            }
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|&d| d == b) {
                    on_line[i] = true;
                    total[i] += 1;
                }
            }
            _ => {}
        }
    }
    for i in 0..3 {
        lines[i] += on_line[i] as usize;
    }
    (0..3)
        .filter(|&i| total[i] > 0)
        .max_by_key(|&i| (lines[i], total[i], 3 - i))
        .map_or(b',', |i| candidates[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::encoding;

    fn cells(g: &Grid) -> Vec<(u32, u32, String)> {
        g.sheets[0]
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(move |c| (r.row, c.col, c.text.clone())))
            .collect()
    }

    #[test]
    fn quoted_commas_and_newlines() {
        let g = read(
            "序号,指标,2024年\n1,\"生师比,（含兼职）\",\"16.5\n:1\"\n",
            "表1",
        );
        assert_eq!(g.sheets[0].name, "表1");
        assert_eq!(
            cells(&g)[3..],
            [
                (1, 0, "1".to_string()),
                (1, 1, "生师比,（含兼职）".to_string()),
                (1, 2, "16.5 :1".to_string()),
            ]
        );
    }

    #[test]
    fn blank_lines_and_multiline_records_keep_spreadsheet_rows() {
        let g = read("a\n\"x\ny\"\n\n\nb,  c \n", "s");
        let got = cells(&g);
        assert_eq!(got[0], (0, 0, "a".to_string()));
        assert_eq!(got[1], (1, 0, "x y".to_string()));
        assert_eq!(got[2], (4, 0, "b".to_string()));
        assert_eq!(got[3], (4, 1, "c".to_string()));
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(delimiter("a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(delimiter("\"a;b\",c\n"), b',');
        assert_eq!(delimiter("only\n"), b',');
        let g = read("指标;2024年\n在校生数;1765\n", "s");
        assert_eq!(cells(&g)[3], (1, 1, "1765".to_string()));
    }

    #[test]
    fn ragged_rows_and_bom() {
        let g = read("\u{feff}序号,指标\n1\n2,b,c,d\n,,\n", "s");
        let got = cells(&g);
        assert_eq!(got[0], (0, 0, "序号".to_string()));
        assert_eq!(got.len(), 7);
        assert_eq!(got[6], (2, 3, "d".to_string()));
        assert_eq!(g.sheets[0].rows.len(), 3);
    }

    #[test]
    fn gbk_bytes_decode_and_read() {
        let (bytes, _, _) = encoding_rs::GBK.encode("序号,指标,单位\n1,专任教师数,人\n");
        let decoded = encoding::decode(&bytes).unwrap();
        let g = read(&decoded.text, "表2");
        assert_eq!(cells(&g)[4], (1, 1, "专任教师数".to_string()));
    }

    #[test]
    fn columns_past_the_limit_are_cut_with_a_finding() {
        let line = vec!["1"; crate::base::limits::MAX_SHEET_COLUMNS + 5].join(",");
        let r = read_noted(&line, "s");
        assert_eq!(
            r.grid.sheets[0].rows[0].cells.len(),
            crate::base::limits::MAX_SHEET_COLUMNS
        );
        assert_eq!(r.findings.len(), 1);
    }
}
