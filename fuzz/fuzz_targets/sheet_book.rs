//! The spreadsheet reader (import::sheet::book::read). The first byte chooses what
//! the rest is: 0 mod 3 → the file's bytes as they are (.xls, or anything);
//! 1 → an .xlsx's sheet1.xml, optionally followed by "\n====strings\n" and
//! sharedStrings.xml and "\n====styles\n" and styles.xml, wrapped in a minimal
//! .xlsx; 2 → a .ods's content.xml, wrapped in a minimal .ods. Run with
//! -rss_limit_mb=2048 -timeout=10: dense blocks and zip bombs show as OOM.
//!
//! The reader runs calamine behind catch_unwind (a panic there becomes a finding);
//! as in the pdf target, a panic inside a registry crate unwinds to that catch and
//! any other aborts.
#![no_main]

use std::io::{Cursor, Write};

use dabiao::import::sheet::book;
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

mod common;

fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const WORKBOOK: &str = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/><sheet name="表2" sheetId="2" state="hidden" r:id="rId1"/></sheets></workbook>"#;
const ROOT_RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

fn xlsx(rest: &[u8]) -> Vec<u8> {
    let (sheet, more) = common::split(rest, b"\n====strings\n");
    let (strings, styles) = match more {
        Some(m) => {
            let (s, st) = common::split(m, b"\n====styles\n");
            (Some(s), st)
        }
        None => (None, None),
    };
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(s) = strings {
        parts.push(("xl/sharedStrings.xml", s));
    }
    if let Some(s) = styles {
        parts.push(("xl/styles.xml", s));
    }
    zipped(&parts)
}

fuzz_target!(|data: &[u8]| {
    common::crash_only_on_our_panics();
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let bytes = match first % 3 {
        0 => rest.to_vec(),
        1 => xlsx(rest),
        _ => zipped(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", rest),
        ]),
    };
    if let Ok(read) = book::read(&bytes) {
        for sheet in &read.grid.sheets {
            for row in &sheet.rows {
                for cell in &row.cells {
                    let _ = dabiao::import::sheet::cell_name(cell.col, row.row);
                }
            }
        }
    }
});
