//! The workbook model as .csv: UTF-8 with a BOM (so Excel reads the Chinese), the
//! parts one after another (title row, header row, rows) with a blank row between;
//! the instructions are left out. Lines end in CRLF (RFC 4180).

use super::model::{OutSheet, Part};

/// The .csv bytes of a book.
pub fn write(sheets: &[OutSheet]) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    let parts = sheets.iter().filter(|s| s.part != Part::Instructions);
    for (i, sheet) in parts.enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\r\n");
        }
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record([&sheet.title]).expect("writing to memory");
        w.write_record(&sheet.header).expect("writing to memory");
        for row in &sheet.rows {
            let cells: Vec<String> = row.iter().map(|c| c.text()).collect();
            w.write_record(&cells).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}
