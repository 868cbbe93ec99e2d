//! A spreadsheet file's bytes (.xlsx, .xls, .ods) → a [`Grid`], through calamine.
//!
//! The kind is told by the bytes, not the file name. Before calamine sees a zip
//! (.xlsx, .ods), every entry is inflated once and counted ([`zip_guard`]): a zip
//! bomb is an error, not an out-of-memory; a .ods's content is also measured for the
//! dense block calamine would allocate ([`ods_scan`]); a .xls's compound file and
//! records are walked for the same ([`xls_scan`]). An .xlsx is then read cell by
//! cell as it streams, so a sheet of a million rows stops at the row limit; .xls and
//! .ods are read by calamine whole, then cut at the same limits. A panic in calamine
//! on hostile bytes is contained and reported as an unreadable file.
//!
//! Known gap: a percentage-formatted number in an .xls reads as its value ("0.4561",
//! not "45.61%"): calamine keeps no number format for .xls. (A .ods says which cells
//! are percentages in its XML, which the pre-scan notes.)

mod cells;
pub mod collect;
mod ods_scan;
mod xls_formats;
mod xls_scan;
mod xls_text;

use std::io::{Cursor, Read};

use crate::base::limits::{MAX_SHEET_UNZIPPED, MAX_SHEET_ZIP_ENTRIES};
use crate::finding::Finding;
use crate::import::codes;

use super::Grid;
use collect::Collector;

/// A spreadsheet read: its grid, and what the reading noted (parts left out at a
/// limit, formula error values); the findings have no span, their messages name
/// the sheet and cell ("表1!D7").
#[derive(Debug, Clone, Default)]
pub struct BookRead {
    pub grid: Grid,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Ods,
    Xls,
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a .xlsx, .xls or .ods file (told apart by its bytes, whatever its name).
/// An error when the bytes are no readable spreadsheet or are past a size limit;
/// its message does not repeat the file's name, which every output shows beside it.
pub fn read(bytes: &[u8]) -> Result<BookRead, Box<Finding>> {
    let kind = detect(bytes)?;
    let mut percents = ods_scan::Percents::default();
    if kind == Kind::Xls {
        percents = xls_scan::check(bytes)?;
    } else {
        let content = zip_guard(bytes)?;
        if kind == Kind::Ods {
            percents = ods_scan::check(&content)?;
        }
    }
    let read = std::panic::catch_unwind(|| {
        let mut c = Collector::default();
        let result = match kind {
            Kind::Xlsx => cells::xlsx(bytes, &mut c),
            Kind::Xls => cells::xls(bytes, &percents, &mut c),
            Kind::Ods => cells::ods(bytes, &percents, &mut c),
        };
        result.map(|()| c.finish())
    });
    match read {
        Ok(Ok((grid, findings))) => Ok(BookRead { grid, findings }),
        Ok(Err(reason)) => Err(unreadable(format!(
            "已损坏或不完整，无法读取（{reason}）；请在 Excel 或 WPS 中打开后重新保存"
        ))),
        Err(_) => Err(unreadable(
            "文件的内容不合格式，读取时出错；请在 Excel 或 WPS 中打开后重新保存".to_string(),
        )),
    }
}

fn unreadable(message: String) -> Box<Finding> {
    Box::new(
        Finding::of(&codes::SHEET, message)
            .with_help("dabiao 读取 .xlsx、.xls、.ods 和 .csv 电子表格；其他格式请另存为 .xlsx"),
    )
}

fn too_large(message: String) -> Box<Finding> {
    Box::new(
        Finding::of(&codes::SHEET_TOO_LARGE, message)
            .with_help("送审的数据表只需几张工作表、几百行；请删去多余的内容后另存为 .xlsx"),
    )
}

fn detect(bytes: &[u8]) -> Result<Kind, Box<Finding>> {
    if bytes.starts_with(&CFB_MAGIC) {
        if contains(bytes, &utf16("EncryptedPackage")) {
            return Err(unreadable(
                "已加密（设置了打开密码），无法读取；请去掉密码后另存".to_string(),
            ));
        }
        if contains(bytes, &utf16("WordDocument")) {
            return Err(unreadable(
                "是 Word 文件，不是电子表格；数据表请用 Excel 或 WPS 表格保存".to_string(),
            ));
        }
        return Ok(Kind::Xls);
    }
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
        let why = if head.trim_start().starts_with('<') && head.contains("<html")
            || head.contains("<table")
        {
            "是网页（HTML）格式，只是扩展名像电子表格；请在 Excel 中打开后另存为 .xlsx"
        } else {
            "不是 .xlsx、.xls 或 .ods 电子表格（文件开头不是这些格式的标志）"
        };
        return Err(unreadable(why.to_string()));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        unreadable(
            "不是有效的电子表格（无法作为 zip 打开，可能不完整或已损坏）；请重新保存".to_string(),
        )
    })?;
    let mut mimetype = String::new();
    if let Ok(f) = zip.by_name("mimetype") {
        let _ = f.take(100).read_to_string(&mut mimetype);
    }
    let has = |n: &str| zip.index_for_name(n).is_some();
    if mimetype.contains("opendocument.text") {
        Err(unreadable("是文字处理文档（.odt），不是电子表格；数据表请用 Excel、WPS 表格或 LibreOffice Calc 保存".to_string()))
    } else if has("xl/workbook.xml") {
        Ok(Kind::Xlsx)
    } else if has("content.xml") || has("mimetype") {
        Ok(Kind::Ods)
    } else if has("xl/workbook.bin") {
        Err(unreadable(
            "是 Excel 二进制工作簿（.xlsb），dabiao 不读取；请另存为 .xlsx".to_string(),
        ))
    } else if has("word/document.xml") {
        Err(unreadable(
            "是 Word 文件，不是电子表格；数据表请用 Excel 或 WPS 表格保存".to_string(),
        ))
    } else {
        Err(unreadable(
            "是 zip 压缩包，但不是 .xlsx 或 .ods 电子表格（缺少 xl/workbook.xml 或 content.xml）"
                .to_string(),
        ))
    }
}

/// Inflates every entry of the zip, counting the bytes it really yields (a zip's
/// declared sizes may lie): past `MAX_SHEET_ZIP_ENTRIES` entries or
/// `MAX_SHEET_UNZIPPED` bytes in all, an error. Returns content.xml (for a .ods).
fn zip_guard(bytes: &[u8]) -> Result<Vec<u8>, Box<Finding>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("无法作为 zip 打开（{e}）")))?;
    if zip.len() > MAX_SHEET_ZIP_ENTRIES {
        return Err(too_large(format!(
            "文件中有 {} 个压缩文件，超过 {MAX_SHEET_ZIP_ENTRIES} 个的上限，为安全起见不读取",
            zip.len()
        )));
    }
    // What the zip says first (a bomb that admits its size costs nothing to refuse),
    // then what it really inflates to.
    let declared = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if declared > MAX_SHEET_UNZIPPED {
        return Err(bomb());
    }
    let mut total: u64 = 0;
    let mut content = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| entry_error(&e.to_string()))?;
        let is_content = entry.name().is_ok_and(|n| n == "content.xml");
        let left = MAX_SHEET_UNZIPPED - total;
        let mut limited = (&mut entry).take(left + 1);
        let n = if is_content {
            content.clear();
            limited.read_to_end(&mut content)
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map(|n| n as usize)
        }
        .map_err(|e| entry_error(&e.to_string()))?;
        total += n as u64;
        if total > MAX_SHEET_UNZIPPED {
            return Err(bomb());
        }
    }
    Ok(content)
}

fn bomb() -> Box<Finding> {
    too_large(format!(
        "解压后超过 {} MiB 的上限（疑似压缩炸弹），为安全起见不读取",
        MAX_SHEET_UNZIPPED >> 20
    ))
}

fn entry_error(e: &str) -> Box<Finding> {
    if e.contains("password") || e.contains("encrypt") {
        return unreadable("已加密，无法读取；请去掉密码后另存".to_string());
    }
    unreadable(format!(
        "解压时出错，文件可能已损坏或不完整（{e}）；请在 Excel 或 WPS 中重新保存"
    ))
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests;
