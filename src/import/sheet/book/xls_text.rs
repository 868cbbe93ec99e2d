//! How much text an .xls becomes in calamine's hands. Its cells name strings of the
//! shared string table (SST) by number, and calamine gives every such cell its own
//! copy: one long string named by a million cells is a million copies. This reads
//! the lengths of the SST's strings (their records split by CONTINUE records as BIFF8
//! splits them) and adds up the length of the string each LABELSST cell names.

/// The little-endian u16 at `at` of `b`.
pub fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// Raw BIFF records from `stream`: (type, data), CONTINUE records as they are.
pub fn raw_records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16::from_le_bytes(stream.get(0..2)?.try_into().ok()?);
        let len = u16::from_le_bytes(stream.get(2..4)?.try_into().ok()?) as usize;
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, data))
    })
}

/// Reads across the SST record and its CONTINUE records.
struct Pieces<'a> {
    pieces: Vec<&'a [u8]>,
    piece: usize,
    at: usize,
}

impl Pieces<'_> {
    fn byte(&mut self) -> Option<u8> {
        while self.at >= self.pieces.get(self.piece)?.len() {
            self.piece += 1;
            self.at = 0;
        }
        let b = self.pieces[self.piece][self.at];
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            let left = self.pieces.get(self.piece)?.len() - self.at;
            if left == 0 {
                self.piece += 1;
                self.at = 0;
                continue;
            }
            let step = left.min(n);
            self.at += step;
            n -= step;
        }
        Some(())
    }

    /// `chars` characters of a string; where a CONTINUE record starts inside them,
    /// it starts with a new flags byte saying whether the rest is 1 or 2 bytes each.
    fn chars(&mut self, mut chars: usize, mut wide: bool) -> Option<()> {
        while chars > 0 {
            let left = self.pieces.get(self.piece)?.len() - self.at;
            if left == 0 {
                self.piece += 1;
                self.at = 0;
                wide = self.byte()? & 1 == 1;
                continue;
            }
            let width = if wide { 2 } else { 1 };
            let n = (left / width).max(1).min(chars);
            self.skip(n * width)?;
            chars -= n;
        }
        Some(())
    }
}

/// The character count of each SST string, in order (as far as they could be read).
fn sst_lengths(globals: &[u8]) -> Vec<u32> {
    let mut records = raw_records(globals).skip_while(|(typ, _)| *typ != 0x00FC);
    let Some((_, first)) = records.next() else {
        return Vec::new();
    };
    let mut pieces = vec![first];
    pieces.extend(records.map_while(|(typ, d)| (typ == 0x003C).then_some(d)));
    let mut p = Pieces {
        pieces,
        piece: 0,
        at: 8,
    };
    let unique = first
        .get(4..8)
        .map_or(0, |b| u32::from_le_bytes(b.try_into().unwrap_or_default()));
    let mut out = Vec::new();
    for _ in 0..unique.min(1 << 20) {
        let Some(len) = string_length(&mut p) else {
            break;
        };
        out.push(len);
    }
    out
}

fn string_length(p: &mut Pieces<'_>) -> Option<u32> {
    let chars = p.u16()?;
    let flags = p.byte()?;
    let runs = if flags & 0x08 != 0 { p.u16()? } else { 0 };
    let ext = if flags & 0x04 != 0 { p.u32()? } else { 0 };
    p.chars(chars as usize, flags & 1 == 1)?;
    p.skip(4 * runs as usize)?;
    p.skip(ext as usize)?;
    Some(u32::from(chars))
}

/// Bytes of text (at most 3 per character, as UTF-8) that the LABELSST cells of the
/// sheets starting at `sheets` will hold, one copy each.
pub fn volume(stream: &[u8], sheets: &[usize]) -> u64 {
    let lengths = sst_lengths(stream);
    let longest = lengths.iter().copied().max().unwrap_or(0);
    let mut total: u64 = 0;
    for &start in sheets {
        let Some(sheet) = stream.get(start..) else {
            continue;
        };
        for (typ, d) in raw_records(sheet).take_while(|(typ, _)| *typ != 0x000A) {
            if typ == 0x00FD && d.len() >= 10 {
                let index = u32::from_le_bytes(d[6..10].try_into().unwrap_or_default());
                // A number past the table is no string calamine can give; count the
                // longest anyway, to be safe.
                let chars = lengths.get(index as usize).copied().unwrap_or(longest);
                total = total.saturating_add(u64::from(chars) * 3);
            }
        }
    }
    total
}

/// One BIFF record, for tests: its type, length and data.
#[cfg(test)]
pub(super) fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An SST of one string of `chars` one-byte characters, split by a CONTINUE after
    /// `first` of them; then a sheet with `cells` LABELSST cells naming it.
    fn workbook(chars: u16, first: usize, cells: u32) -> (Vec<u8>, usize) {
        let mut sst = 1u32.to_le_bytes().to_vec();
        sst.extend(1u32.to_le_bytes());
        sst.extend(chars.to_le_bytes());
        sst.push(0);
        sst.extend(std::iter::repeat_n(b'x', first));
        let mut rest = vec![0u8]; // the flags byte a CONTINUE starts a string's rest with
        rest.extend(std::iter::repeat_n(b'x', chars as usize - first));
        let mut stream = rec(0x00FC, &sst);
        stream.extend(rec(0x003C, &rest));
        stream.extend(rec(0x000A, &[]));
        let sheet = stream.len();
        stream.extend(rec(0x0809, &[0; 16]));
        for r in 0..cells {
            let mut d = (r as u16).to_le_bytes().to_vec();
            d.extend([0, 0, 0, 0]);
            d.extend(0u32.to_le_bytes());
            stream.extend(rec(0x00FD, &d));
        }
        stream.extend(rec(0x000A, &[]));
        (stream, sheet)
    }

    #[test]
    fn a_string_split_by_a_continue_is_measured_whole_and_counted_per_cell() {
        let (stream, sheet) = workbook(9_000, 8_000, 10);
        assert_eq!(sst_lengths(&stream), [9_000]);
        assert_eq!(volume(&stream, &[sheet]), 10 * 9_000 * 3);
        // A long string in a thousand cells is past the limit: the file is refused.
        let (stream, sheet) = workbook(30_000, 8_000, 1_000);
        assert!(volume(&stream, &[sheet]) > crate::base::limits::MAX_SHEET_TEXT as u64);
    }
}
