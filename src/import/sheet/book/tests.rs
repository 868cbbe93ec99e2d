use super::*;

fn err(bytes: &[u8]) -> Box<Finding> {
    read(bytes).unwrap_err()
}

#[test]
fn not_a_spreadsheet_is_a_clear_error() {
    let e = err(b"hello, world");
    assert_eq!(e.code, "dabiao::import::sheet");
    assert!(e.message.contains("不是 .xlsx"), "{}", e.message);
    let e = err(b"<html><body><table><tr><td>1</td></tr></table></body></html>");
    assert!(e.message.contains("HTML"), "{}", e.message);
    assert_eq!(err(b"").code, "dabiao::import::sheet");
}

#[test]
fn a_word_file_is_named_as_such() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, b"<w:document/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(err(&bytes).message.contains("Word"));
}

#[test]
fn old_office_magic_without_a_workbook_is_unreadable_not_a_panic() {
    let mut bytes = CFB_MAGIC.to_vec();
    bytes.extend([0u8; 600]);
    assert_eq!(err(&bytes).code, "dabiao::import::sheet");
}

#[test]
fn an_odt_is_named_as_such() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", opts).unwrap();
    std::io::Write::write_all(&mut zip, b"application/vnd.oasis.opendocument.text").unwrap();
    zip.start_file("content.xml", opts).unwrap();
    std::io::Write::write_all(&mut zip, b"<office:document-content/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(err(&bytes).message.contains(".odt"));
}
