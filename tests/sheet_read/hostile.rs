//! Hostile spreadsheet files: each is refused or cut with a finding, never a panic,
//! an out-of-memory or minutes of work.

use super::*;
use dabiao::base::limits::{MAX_SHEET_COLUMNS, MAX_SHEET_ROWS};

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One zip entry: name, method (0 stored, 8 deflate), the data as stored, and the
/// uncompressed size and CRC the zip declares.
struct Entry {
    name: String,
    method: u16,
    data: Vec<u8>,
    size: u32,
    crc: u32,
}

fn stored(name: &str, text: &str) -> Entry {
    Entry {
        name: name.to_string(),
        method: 0,
        data: text.as_bytes().to_vec(),
        size: text.len() as u32,
        crc: crc32(text.as_bytes()),
    }
}

fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend(x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend(x.to_le_bytes());
    for e in entries {
        let offset = out.len() as u32;
        le32(&mut out, 0x0403_4b50);
        for x in [20, 0, e.method, 0, 0] {
            le16(&mut out, x);
        }
        for x in [e.crc, e.data.len() as u32, e.size] {
            le32(&mut out, x);
        }
        le16(&mut out, e.name.len() as u16);
        le16(&mut out, 0);
        out.extend(e.name.as_bytes());
        out.extend(&e.data);
        le32(&mut central, 0x0201_4b50);
        for x in [20, 20, 0, e.method, 0, 0] {
            le16(&mut central, x);
        }
        for x in [e.crc, e.data.len() as u32, e.size] {
            le32(&mut central, x);
        }
        for x in [e.name.len() as u16, 0, 0, 0, 0] {
            le16(&mut central, x);
        }
        le32(&mut central, 0);
        le32(&mut central, offset);
        central.extend(e.name.as_bytes());
    }
    let (at, len) = (out.len() as u32, central.len() as u32);
    out.extend(&central);
    le32(&mut out, 0x0605_4b50);
    for x in [0, 0, entries.len() as u16, entries.len() as u16] {
        le16(&mut out, x);
    }
    le32(&mut out, len);
    le32(&mut out, at);
    le16(&mut out, 0);
    out
}

/// A one-sheet .xlsx whose sheet data is `rows` (the inside of <sheetData>).
fn xlsx(rows: &str) -> Vec<u8> {
    zip(&xlsx_entries(rows))
}

fn xlsx_entries(rows: &str) -> Vec<Entry> {
    vec![
        stored(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        stored(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        ),
        stored(
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        stored(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        stored(
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
            ),
        ),
    ]
}

#[test]
fn a_hand_made_xlsx_reads() {
    let g = read(&xlsx(r#"<row r="7"><c r="D7"><v>45.61</v></c></row>"#)).grid;
    assert_eq!(cells(&g, 0), [("D7".to_string(), "45.61".to_string())]);
}

#[test]
fn not_a_spreadsheet_is_an_error() {
    let e = book::read("序号,指标\n1,在校生数\n".as_bytes()).unwrap_err();
    assert_eq!(e.code, "dabiao::import::sheet");
    // Every output shows the file's name beside the message; the message says why.
    assert!(e.message.starts_with("不是 .xlsx"), "{}", e.message);
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    // 300 MB of zeros in ~2 MB of deflate, its size declared honestly …
    let zlib = common::pdf::flate_zeros(258 * 1_200_000);
    let raw = zlib[2..zlib.len() - 4].to_vec();
    let mut entries = xlsx_entries("");
    entries.push(Entry {
        name: "xl/media/zeros.bin".into(),
        method: 8,
        data: raw.clone(),
        size: 258 * 1_200_000,
        crc: 0,
    });
    let t = Instant::now();
    let e = book::read(&zip(&entries)).unwrap_err();
    assert_eq!(e.code, "dabiao::sheet::too-large");
    assert!(t.elapsed().as_secs() < 2);
    // … or declared as 10 bytes: inflated, counted, refused at the limit.
    entries.last_mut().unwrap().size = 10;
    let e = book::read(&zip(&entries)).unwrap_err();
    assert!(
        e.code == "dabiao::sheet::too-large" || e.code == "dabiao::import::sheet",
        "{e:?}"
    );
}

#[test]
fn a_truncated_xlsx_is_an_error() {
    let whole = table1();
    for cut in [whole.len() / 2, whole.len() - 30, 100] {
        let e = book::read(&whole[..cut]).unwrap_err();
        assert_eq!(e.code, "dabiao::import::sheet", "{cut}: {e:?}");
    }
}

#[test]
fn a_million_rows_stop_at_the_row_limit() {
    let mut rows = String::with_capacity(40 << 20);
    for r in 1..=1_000_000u32 {
        rows.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
    }
    let t = Instant::now();
    let r = read(&xlsx(&rows));
    assert_eq!(r.grid.sheets[0].rows.len(), MAX_SHEET_ROWS);
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].code, "dabiao::limit::sheet");
    assert!(
        r.findings[0].message.contains("只读取前"),
        "{}",
        r.findings[0].message
    );
    assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
}

#[test]
fn ten_thousand_columns_are_cut_at_the_column_limit() {
    let mut row = String::from(r#"<row r="1">"#);
    for c in 0..10_000u32 {
        let name = dabiao::import::sheet::cell_name(c, 0);
        row.push_str(&format!(r#"<c r="{name}"><v>{c}</v></c>"#));
    }
    row.push_str("</row>");
    let r = read(&xlsx(&row));
    assert_eq!(r.grid.sheets[0].rows[0].cells.len(), MAX_SHEET_COLUMNS);
    assert_eq!(r.findings.len(), 1);
    assert!(
        r.findings[0].message.contains("列"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn a_cell_far_away_costs_nothing() {
    let g = read(&xlsx(
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
    ));
    assert_eq!(g.grid.sheets[0].rows.len(), 1);
    assert_eq!(g.findings.len(), 1, "the far cell is past the column limit");
}

#[test]
fn an_ods_of_repeated_values_is_refused_before_calamine_expands_it() {
    let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="表1"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let bytes = zip(&[
        stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        stored("content.xml", content),
    ]);
    let t = Instant::now();
    let e = book::read(&bytes).unwrap_err();
    assert_eq!(e.code, "dabiao::sheet::too-large");
    assert!(t.elapsed().as_secs() < 2);
}

/// The LibreOffice .xls with one number cell moved to row and column 60,000: calamine
/// would allocate a block of 3.6 billion cells.
#[test]
fn an_xls_with_cells_far_apart_is_refused() {
    let mut bytes = libreoffice("表1.xls");
    let number = bytes
        .windows(4)
        .position(|w| w == [0x03, 0x02, 0x0E, 0x00])
        .expect("a NUMBER record");
    bytes[number + 4..number + 8].copy_from_slice(&[0x60, 0xEA, 0x60, 0xEA]);
    let e = book::read(&bytes).unwrap_err();
    assert_eq!(e.code, "dabiao::sheet::too-large", "{e:?}");
}

#[test]
fn a_truncated_or_scrambled_xls_is_an_error() {
    let whole = libreoffice("表1.xls");
    for cut in [whole.len() / 2, 600, 10] {
        let e = book::read(&whole[..cut]).unwrap_err();
        assert_eq!(e.code, "dabiao::import::sheet", "{cut}: {e:?}");
    }
    let mut scrambled = whole.clone();
    for (i, b) in scrambled.iter_mut().enumerate().skip(512) {
        *b = b.wrapping_mul(31).wrapping_add(i as u8);
    }
    assert!(book::read(&scrambled).is_err());
}

/// One 30,000-character shared string in 2,500 cells is 75 MB once every cell holds
/// its copy: reading stops at the text limit, with a finding, instead of growing.
#[test]
fn one_shared_string_in_thousands_of_cells_stops_at_the_text_limit() {
    let long = "x".repeat(30_000);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..2_500u32 {
        ws.write_string(r, 0, &long).unwrap();
    }
    let got = read(&wb.save_to_buffer().unwrap());
    let kept: usize = got.grid.sheets[0]
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.text.len())
        .sum();
    assert!(kept <= dabiao::base::limits::MAX_SHEET_TEXT, "{kept}");
    assert!(got.grid.sheets[0].rows.len() > 2_000);
    assert!(
        got.findings.iter().any(|f| f.message.contains("MiB")),
        "{:?}",
        got.findings
    );
}

/// A workbook whose second sheet is broken XML: the first sheet is still read, and
/// the second is named as not fully read (a limit finding: its data went unchecked).
#[test]
fn one_broken_sheet_does_not_take_the_others_with_it() {
    let mut entries =
        xlsx_entries(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>表1</t></is></c></row>"#);
    entries[2] = stored(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/><sheet name="坏表" sheetId="2" r:id="rId2"/></sheets></workbook>"#,
    );
    entries[3] = stored(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#,
    );
    entries.push(stored(
        "xl/worksheets/sheet2.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="ZZZZZZ99999999" t="n"><v>1</v></c></row><row"#,
    ));
    let got = read(&zip(&entries));
    assert_eq!(text_at(&got.grid, 0, "A1").as_deref(), Some("表1"));
    assert!(
        got.findings
            .iter()
            .any(|f| f.code == "dabiao::limit::sheet" && f.message.contains("坏表")),
        "{:?}",
        got.findings
    );
}
