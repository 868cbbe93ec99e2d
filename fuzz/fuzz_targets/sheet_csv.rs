//! The .csv reader (import::sheet::csv) after the file's bytes are decoded
//! (dataset::encoding::decode) as the loader decodes them. Input: the file.
#![no_main]

use dabiao::dataset::encoding;
use dabiao::import::sheet::csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = encoding::decode(data) else {
        return;
    };
    let read = csv::read_noted(&decoded.text, "fuzz");
    for sheet in &read.grid.sheets {
        let mut last = None;
        for row in &sheet.rows {
            assert!(last.is_none_or(|l| l < row.row), "rows in order");
            last = Some(row.row);
            assert!(!row.cells.is_empty());
            assert!(row.cells.iter().all(|c| !c.text.is_empty()));
        }
    }
});
