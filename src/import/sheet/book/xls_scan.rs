//! A .xls measured before calamine reads it. calamine parses every sheet of an .xls
//! when it opens it, into one dense block per sheet (from its first cell to its
//! last), after reserving what the sheet's DIMENSIONS record claims; and it follows
//! the compound file's sector chains as far as a stream's declared length. Two cell
//! records 65,535 rows and columns apart, a DIMENSIONS record of billions of rows, or
//! a sector chain that loops would each exhaust memory. This reads the compound file
//! the way calamine does, refusing loops and sectors past the end, then walks the
//! workbook's records: past `MAX_SHEET_CELLS` cells in all sheets' blocks, the file
//! is not read.

use crate::base::limits::{MAX_SHEET_CELLS, MAX_SHEET_TEXT};
use crate::finding::Finding;

use super::xls_text::u16_at;

/// Sector ids at and above this are markers (end of chain, free …), not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

/// Measures the file (an error past a limit) and returns its percentage cells.
pub fn check(bytes: &[u8]) -> Result<super::ods_scan::Percents, Box<Finding>> {
    let Some(stream) = workbook_stream(bytes) else {
        return Err(super::unreadable("不是有效的 .xls 文件（复合文档结构损坏或不完整）；请在 Excel 或 WPS 中打开后另存为 .xlsx".to_string()));
    };
    let starts = sheets(&stream);
    let cells = starts
        .iter()
        .map(|&pos| stream.get(pos..).map_or(0, block))
        .fold(0u64, u64::saturating_add);
    if cells > MAX_SHEET_CELLS as u64 {
        return Err(super::too_large(format!(
            "文件的工作表数据区域（从第一个到最后一个单元格）共含 {cells} 个单元格，超过 {MAX_SHEET_CELLS} 个的上限，为安全起见不读取"
        )));
    }
    let text = super::xls_text::volume(&stream, &starts);
    if text > MAX_SHEET_TEXT as u64 {
        return Err(super::too_large(format!(
            "文件的单元格引用同一批文字，展开后合计约 {} MiB，超过 {} MiB 的上限，为安全起见不读取",
            text >> 20,
            MAX_SHEET_TEXT >> 20
        )));
    }
    Ok(super::xls_formats::percents(&stream, &starts))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// Sectors of `size` bytes in `data` (after `skip` bytes of header).
struct Sectors<'a> {
    data: &'a [u8],
    skip: usize,
    size: usize,
}

impl Sectors<'_> {
    fn get(&self, id: u32) -> Option<&[u8]> {
        let start = self
            .skip
            .checked_add((id as usize).checked_mul(self.size)?)?;
        let end = (start + self.size).min(self.data.len());
        self.data.get(start..end).filter(|s| !s.is_empty())
    }

    /// The chain from `start` through `fat`, at most `len` bytes; `None` if it
    /// loops (more steps than sectors) or leaves the file or the table.
    fn chain(&self, mut id: u32, fat: &[u32], len: usize) -> Option<Vec<u8>> {
        let max_steps = self.data.len() / self.size + 2;
        let mut out = Vec::new();
        let mut steps = 0;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > max_steps {
                return None;
            }
            let sector = self.get(id)?;
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            id = *fat.get(id as usize)?;
        }
        Some(out)
    }
}

/// The "Workbook" (or BIFF5 "Book") stream, read as calamine reads it.
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let size = match u16_at(bytes, 30)? {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    let sectors = Sectors {
        data: bytes,
        skip: size,
        size,
    };
    let mut difat: Vec<u32> = u32s(bytes.get(76..512)?).collect();
    let mut id = u32_at(bytes, 68)?;
    let mut steps = 0;
    while id < RESERVED {
        steps += 1;
        if steps > bytes.len() / size + 1 {
            return None;
        }
        difat.extend(u32s(sectors.get(id)?));
        id = difat.pop()?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|&id| id < DIFSECT) {
        fat.extend(u32s(sectors.get(id)?));
    }
    let dirs = sectors.chain(u32_at(bytes, 48)?, &fat, usize::MAX)?;
    let dirs: Vec<(String, u32, usize)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let name: Vec<u16> = d[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&c| c != 0)
                .collect();
            let len = if size == 512 {
                u32_at(d, 120).unwrap_or(0) as u64
            } else {
                u32_at(d, 120).unwrap_or(0) as u64 | (u32_at(d, 124).unwrap_or(0) as u64) << 32
            };
            let len = usize::try_from(len).unwrap_or(usize::MAX);
            (
                String::from_utf16_lossy(&name),
                u32_at(d, 116).unwrap_or(0),
                len,
            )
        })
        .collect();
    let root = dirs.first()?;
    let mini_fat_len = u32_at(bytes, 64)? as usize;
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let stream = sectors.chain(root.1, &fat, root.2)?;
        let table = sectors.chain(u32_at(bytes, 60)?, &fat, mini_fat_len.saturating_mul(size))?;
        (u32s(&table).collect::<Vec<_>>(), stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let find = |n: &str| dirs.iter().find(|d| d.0.eq_ignore_ascii_case(n));
    let (_, start, len) = find("Workbook").or_else(|| find("Book"))?;
    if *len < 4096 {
        let mini = Sectors {
            data: &mini_stream,
            skip: 0,
            size: 64,
        };
        mini.chain(*start, &mini_fat, *len)
    } else {
        sectors.chain(*start, &fat, *len)
    }
}

/// BIFF records from the start of `stream`: (type, data with any CONTINUE records'
/// data appended, as calamine reads them).
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, Vec<u8>)> + '_ {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, 0)?;
        let len = u16_at(stream, 2)? as usize;
        let mut data = stream.get(4..4 + len)?.to_vec();
        stream = &stream[4 + len..];
        while u16_at(stream, 0) == Some(0x003C) {
            let len = u16_at(stream, 2)? as usize;
            data.extend_from_slice(stream.get(4..4 + len)?);
            stream = &stream[4 + len..];
        }
        Some((typ, data))
    })
}

/// Where each sheet's records start (BOUNDSHEET records of the workbook globals).
fn sheets(stream: &[u8]) -> Vec<usize> {
    records(stream)
        .take_while(|(typ, _)| *typ != 0x000A)
        .filter(|(typ, _)| *typ == 0x0085)
        .filter_map(|(_, d)| Some(u32_at(&d, 0)? as usize))
        .collect()
}

/// Cells calamine allocates for the sheet whose records start `sheet`: what its
/// DIMENSIONS record reserves or the block from its first cell to its last,
/// whichever is larger.
fn block(sheet: &[u8]) -> u64 {
    let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
    let mut reserved: u64 = 0;
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut fit = |row: u32, col: u32| {
        rows = (rows.0.min(row), rows.1.max(row));
        cols = (cols.0.min(col), cols.1.max(col));
    };
    for (typ, d) in records(sheet) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = |i| u16_at(&d, i).map(u32::from);
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => reserved = reserved.max(dimensions(&d)),
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(r), Some(c)) = (at(0), at(2)) {
                    fit(r, c);
                }
            }
            0x00BD if d.len() >= 6 => {
                if let (Some(r), Some(c0), Some(c1)) = (at(0), at(2), at(d.len() - 2)) {
                    fit(r, c0);
                    fit(r, c1);
                }
            }
            _ => {}
        }
    }
    let span = |(lo, hi): (u32, u32)| if lo > hi { 0 } else { (hi - lo) as u64 + 1 };
    reserved.max(span(rows).saturating_mul(span(cols)))
}

/// The cells a DIMENSIONS record makes calamine reserve (its rows × columns).
fn dimensions(d: &[u8]) -> u64 {
    let read = || -> Option<(u32, u32, u32, u32)> {
        Some(match d.len() {
            10 => (
                u16_at(d, 0)?.into(),
                u16_at(d, 2)?.into(),
                u16_at(d, 4)?.into(),
                u16_at(d, 6)?.into(),
            ),
            14 | 16 => (
                u32_at(d, 0)?,
                u32_at(d, 4)?,
                u16_at(d, 8)?.into(),
                u16_at(d, 10)?.into(),
            ),
            _ => return None,
        })
    };
    let Some((rf, rl, mut cf, cl)) = read() else {
        return 0;
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (end_r, end_c) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    // calamine subtracts without checking; in a release build that wraps.
    let rows = end_r.wrapping_sub(rf).wrapping_add(1) as u64;
    let cols = end_c.wrapping_sub(cf).wrapping_add(1) as u64;
    rows.saturating_mul(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_as_calamine_reserves_them() {
        let mut d = Vec::new();
        for x in [0u32, 5_000_000] {
            d.extend(x.to_le_bytes());
        }
        for x in [0u16, 200, 0] {
            d.extend(x.to_le_bytes());
        }
        assert_eq!(dimensions(&d), 5_000_000 * 200);
    }

    #[test]
    fn cells_far_apart_make_a_large_block() {
        let rec = super::super::xls_text::rec;
        let cell = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0u8; 10]);
            rec(0x0203, &d)
        };
        let mut s = rec(0x0809, &[0; 16]);
        s.extend(cell(0, 0));
        s.extend(cell(60_000, 60_000));
        s.extend(rec(0x000A, &[]));
        assert_eq!(block(&s), 60_001 * 60_001);
    }

    #[test]
    fn the_libreoffice_xls_is_small() {
        let bytes = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/sheets/libreoffice/表1.xls"),
        )
        .unwrap();
        let stream = workbook_stream(&bytes).unwrap();
        let sheets = sheets(&stream);
        assert_eq!(sheets.len(), 1);
        let cells = block(&stream[sheets[0]..]);
        assert!((40..=100).contains(&cells), "{cells}");
    }
}
