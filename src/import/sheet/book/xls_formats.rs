//! Which cells of an .xls are percentages. calamine keeps no number formats for an
//! .xls, so 45.61% stored as 0.4561 would read as 0.4561. A cell's record names its
//! XF (cell format); the XF names its number format, built in ("0%", "0.00%") or a
//! FORMAT record of the file whose code has a "%".

use std::collections::HashSet;

use super::collect::is_percent_format;
use super::ods_scan::Percents;
use super::xls_text::{raw_records, u16_at};

/// Built-in number formats 9 ("0%") and 10 ("0.00%").
const BUILT_IN_PERCENT: [u16; 2] = [9, 10];

/// A FORMAT record's code (BIFF8: a count, a flags byte, one- or two-byte characters).
fn format_code(d: &[u8]) -> Option<String> {
    let chars = u16_at(d, 2)? as usize;
    let wide = *d.get(4)? & 1 == 1;
    let body = d.get(5..)?;
    Some(if wide {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .take(chars)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        body.iter().take(chars).map(|&b| b as char).collect()
    })
}

/// For each XF of the workbook globals, in order: whether its format is a percentage.
fn percent_xfs(stream: &[u8]) -> Vec<bool> {
    let mut custom: HashSet<u16> = HashSet::new();
    let mut xfs = Vec::new();
    for (typ, d) in raw_records(stream).take_while(|(typ, _)| *typ != 0x000A) {
        match typ {
            0x041E => {
                if let (Some(id), Some(code)) = (u16_at(d, 0), format_code(d))
                    && is_percent_format(&code)
                {
                    custom.insert(id);
                }
            }
            0x00E0 => {
                let id = u16_at(d, 2).unwrap_or(0);
                xfs.push(BUILT_IN_PERCENT.contains(&id) || custom.contains(&id));
            }
            _ => {}
        }
    }
    xfs
}

/// The percentage cells of the sheets whose records start at `sheets`.
pub fn percents(stream: &[u8], sheets: &[usize]) -> Percents {
    let xfs = percent_xfs(stream);
    let is = |xf: Option<u16>| xf.is_some_and(|x| xfs.get(x as usize) == Some(&true));
    let mut out = Percents::new();
    for &start in sheets {
        out.next_sheet();
        let Some(sheet) = stream.get(start..) else {
            continue;
        };
        // The sheet's own BOF, then its records up to its EOF.
        for (typ, d) in raw_records(sheet)
            .skip(1)
            .take_while(|(typ, _)| *typ != 0x000A)
        {
            let (Some(row), Some(col)) = (u16_at(d, 0), u16_at(d, 2)) else {
                continue;
            };
            let (row, col) = (u64::from(row), u64::from(col));
            match typ {
                // NUMBER, RK: row, column, XF.
                0x0203 | 0x027E if is(u16_at(d, 4)) => out.add(row..row + 1, col..col + 1),
                // MULRK: row, first column, then (XF, RK) pairs of six bytes.
                0x00BD => {
                    let pairs = d.len().saturating_sub(6) / 6;
                    for k in 0..pairs {
                        if is(u16_at(d, 4 + 6 * k)) {
                            let c = col + k as u64;
                            out.add(row..row + 1, c..c + 1);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::xls_text::rec;
    use super::*;

    fn cell(typ: u16, row: u16, col: u16, xf: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend(xf.to_le_bytes());
        d.extend([0u8; 8]);
        rec(typ, &d)
    }

    #[test]
    fn cells_whose_format_is_a_percentage() {
        // FORMAT 164 = "0.0%" (custom), then XFs: 0 general, 1 built-in 10, 2 custom 164.
        let mut format = 164u16.to_le_bytes().to_vec();
        format.extend(4u16.to_le_bytes());
        format.push(0);
        format.extend(b"0.0%");
        let mut stream = rec(0x041E, &format);
        for id in [0u16, 10, 164] {
            let mut xf = 0u16.to_le_bytes().to_vec();
            xf.extend(id.to_le_bytes());
            xf.extend([0u8; 16]);
            stream.extend(rec(0x00E0, &xf));
        }
        stream.extend(rec(0x000A, &[]));
        let sheet = stream.len();
        stream.extend(rec(0x0809, &[0; 16]));
        stream.extend(cell(0x0203, 3, 3, 0));
        stream.extend(cell(0x0203, 3, 4, 1));
        stream.extend(cell(0x027E, 4, 3, 2));
        stream.extend(rec(0x000A, &[]));
        let p = percents(&stream, &[sheet]);
        assert!(!p.is(0, 3, 3));
        assert!(p.is(0, 3, 4));
        assert!(p.is(0, 4, 3));
    }
}
