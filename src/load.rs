//! Loading one input: read its bytes within the limits, decide its format, and
//! hand it to the dataset parsers (JSON, YAML, TOML) or the report importers (text,
//! Markdown, Word). Sits above both, so neither knows about the other.

use std::path::Path;
use std::sync::Arc;

mod pair;

use crate::base::files::{human_size, io_reason, open_regular};
use crate::base::hash::hash_bytes;
use crate::base::source::{SourceFile, Span};
use crate::base::stages::{Stage, timed};
use crate::dataset::{self, Dataset, Format, Limits, encoding};
use crate::finding::Finding;
use crate::import::sheet::shown::CellMap;
use crate::import::{self, Places};

/// Everything reading one file produced: its text (if it could be decoded), the
/// dataset (if it parsed), where its lines are in Word, and findings about the
/// reading itself.
#[derive(Debug)]
pub struct Loaded {
    /// FNV-1a-64 of the bytes read, for provenance.
    pub input_hash: Option<String>,
    pub source: Option<SourceFile>,
    pub encoding: Option<&'static str>,
    pub dataset: Option<Dataset>,
    /// For .docx: where each line of the shown text is in Word.
    pub places: Option<Arc<Places>>,
    /// For a spreadsheet: the cell at each offset of the shown text.
    pub cells: Option<Arc<CellMap>>,
    pub findings: Vec<Finding>,
}

impl Loaded {
    fn failed(
        source: Option<SourceFile>,
        encoding: Option<&'static str>,
        finding: Finding,
    ) -> Self {
        Loaded {
            input_hash: None,
            source,
            encoding,
            dataset: None,
            places: None,
            cells: None,
            findings: vec![finding],
        }
    }

    fn parsed(
        source: SourceFile,
        encoding: &'static str,
        dataset: Dataset,
        findings: Vec<Finding>,
    ) -> Self {
        Loaded {
            input_hash: None,
            source: Some(source),
            encoding: Some(encoding),
            dataset: Some(dataset),
            places: None,
            cells: None,
            findings,
        }
    }
}

/// Reads, decodes and parses one file. Never panics and never fails: whatever goes
/// wrong becomes a finding.
pub fn load_file(path: &Path, display_name: &str, limits: &Limits) -> Loaded {
    if let Err(f) = regular_file(path) {
        return Loaded::failed(None, None, *f);
    }
    let Some(format) = Format::from_path(path) else {
        return Loaded::failed(
            None,
            None,
            Finding::of(&codes::FORMAT, unsupported(path)).with_help(convert_hint(path)),
        );
    };
    let bytes = match timed(Stage::Read, || read_limited(path, limits.max_file_size)) {
        Ok(b) => b,
        Err(f) => return Loaded::failed(None, None, *f),
    };
    let mut loaded = timed(Stage::Parse, || {
        load_bytes(&bytes, format, display_name, limits)
    });
    loaded.input_hash = Some(hash_bytes(&bytes));
    loaded
}

/// A report and the spreadsheet with its data tables, loaded as one submission.
pub fn load_pair(report: (&Path, &str), tables: (&Path, &str), limits: &Limits) -> Loaded {
    let r = load_file(report.0, report.1, limits);
    let t = load_file(tables.0, tables.1, limits);
    pair::combine(r, t, tables.1)
}

/// Why a file cannot be checked: a format dabiao does not read, named.
fn unsupported(path: &Path) -> String {
    const READS: &str = "dabiao 读取 .docx、.pdf、.txt、.md 报告，.xlsx、.xls、.ods、.csv 数据表和 .json、.yaml、.yml、.toml 数据集";
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if !ext.is_empty() => {
            format!("无法读取 .{ext} 文件，未能检查：{READS}")
        }
        _ => format!("无法识别的文件类型，未能检查：{READS}"),
    }
}

/// What to do with a report in a format dabiao does not read.
fn convert_hint(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "doc" | "wps" | "wpt" | "rtf" | "odt" => "用 Word 或 WPS 打开，另存为 .docx 后再检查",
        "et" | "numbers" => "用 WPS 或 Excel 打开，另存为 .xlsx 后再检查",
        _ => {
            "报告请用 .docx、.pdf、.txt 或 .md；数据表用 .xlsx、.xls、.ods 或 .csv；整理好的数据用 .json、.yaml 或 .toml"
        }
    }
}

/// Decodes and parses bytes already in memory (for tests and importers).
pub fn load_bytes(bytes: &[u8], format: Format, display_name: &str, limits: &Limits) -> Loaded {
    if bytes.len() as u64 > limits.max_file_size {
        return Loaded::failed(
            None,
            None,
            too_big(bytes.len() as u64, limits.max_file_size),
        );
    }
    if format == Format::Docx {
        return load_docx(bytes, display_name);
    }
    if format == Format::Pdf {
        return load_pdf(bytes, display_name);
    }
    if format.is_spreadsheet() {
        return load_sheet(bytes, format, display_name);
    }
    let decoded = match encoding::decode(bytes) {
        Ok(d) => d,
        Err(f) => return Loaded::failed(None, None, *f),
    };
    let bad_bytes = bad_byte_findings(&decoded.bad_bytes);
    let source = SourceFile::new(display_name, decoded.text);
    if source.text().trim().is_empty() {
        let f = Finding::of(&dataset::codes::EMPTY, "文件是空的".to_string())
            .with_help("用 dabiao init 生成一份模板，再填写数据");
        return Loaded::failed(Some(source), Some(decoded.encoding), f);
    }
    let parsed = dataset::parse(&source, format, limits).unwrap_or_else(|| {
        let imported = timed(Stage::Import, || {
            if format == Format::Markdown {
                import::import_markdown(source.text())
            } else {
                import::import_text(source.text())
            }
        });
        Ok((imported.value, imported.map, imported.findings))
    });
    match parsed {
        Ok((value, map, mut findings)) => {
            findings.splice(0..0, bad_bytes);
            findings.extend(not_a_report(&value, &findings));
            let dataset = Dataset {
                value: Arc::new(value),
                map,
                format,
            };
            Loaded::parsed(source, decoded.encoding, dataset, findings)
        }
        Err(f) => Loaded::failed(Some(source), Some(decoded.encoding), *f),
    }
}

/// A file that holds nothing of a report — `[]`, `42`, `{"a": 1}`, "hello world" —
/// is named as such (and graded C by grading.toml), not scored as a report with a few
/// gaps. A look-alike the importer already named is not named twice.
fn not_a_report(value: &serde_json::Value, findings: &[Finding]) -> Option<Finding> {
    if findings
        .iter()
        .any(|f| f.code == import::codes::NOT_A_REPORT.id)
    {
        return None;
    }
    let what = match value {
        serde_json::Value::Object(o) => {
            let has = |k: &str| match o.get(k) {
                Some(serde_json::Value::Object(x)) => !x.is_empty(),
                Some(serde_json::Value::Array(x)) => !x.is_empty(),
                Some(serde_json::Value::Null) | None => false,
                Some(_) => true,
            };
            if has("report") || has("data") || has("sections") {
                return None;
            }
            "没有报告信息、组成部分或数据表"
        }
        serde_json::Value::Array(_) => "顶层是数组",
        serde_json::Value::String(_) => "顶层是一段文字",
        serde_json::Value::Number(_) => "顶层是一个数",
        serde_json::Value::Bool(_) => "顶层是真假值",
        serde_json::Value::Null => "顶层是空值",
    };
    Some(
        Finding::of(
            &import::codes::NOT_A_REPORT,
            format!("这份文件{what}，不是职业教育质量年度报告，不按质量年报评级"),
        )
        .with_help(
            "报告请提交原稿（.docx、.pdf、.txt、.md）；数据集请用 dabiao init 生成模板后填写",
        ),
    )
}

/// Shown at most: a file with more bad bytes than this says how many more.
const BAD_BYTES_SHOWN: usize = 20;

/// One warning at each byte that was not UTF-8 in a UTF-8 file (read as U+FFFD).
fn bad_byte_findings(bad: &[encoding::BadBytes]) -> Vec<Finding> {
    let mut out: Vec<Finding> = bad
        .iter()
        .take(BAD_BYTES_SHOWN)
        .map(|b| {
            let hex: Vec<String> = b.bytes.iter().map(|x| format!("0x{x:02X}")).collect();
            Finding::of(
                &dataset::codes::ENCODING_BAD_BYTES,
                format!(
                    "这里有不是 UTF-8 的字节（{}），按“\u{FFFD}”读取；此处的文字或数字可能缺了一部分",
                    hex.join(" ")
                ),
            )
            .at(Span {
                start: b.offset,
                end: b.offset + '\u{FFFD}'.len_utf8(),
            })
            .with_help("核对这里的原文，改正后用 UTF-8 编码重新保存文件")
        })
        .collect();
    if bad.len() > BAD_BYTES_SHOWN {
        out.push(Finding::of(
            &dataset::codes::ENCODING_BAD_BYTES,
            format!(
                "另有 {} 处不是 UTF-8 的字节未逐一列出",
                bad.len() - BAD_BYTES_SHOWN
            ),
        ));
    }
    out
}

/// A Word report: its XML parts become a text (one paragraph per line) that the
/// diagnostics show, with each line's place in Word.
fn load_docx(bytes: &[u8], display_name: &str) -> Loaded {
    let docx = match import::docx::read(bytes, crate::base::limits::MAX_XML_PART) {
        Ok(d) => d,
        Err(e) => {
            let f = Finding::of(e.code, e.message)
                .with_help("用 Word 或 WPS 打开并另存为 .docx；也可以把正文另存为 .txt 再检查");
            return Loaded::failed(None, None, f);
        }
    };
    let source = SourceFile::new(display_name, docx.text);
    if source.text().trim().is_empty() {
        let f = Finding::of(
            &dataset::codes::EMPTY,
            "这个 Word 文件没有正文文字".to_string(),
        );
        let mut loaded = Loaded::failed(Some(source), Some("UTF-8"), f);
        loaded.findings.extend(docx.findings);
        return loaded;
    }
    imported_file(
        source,
        &docx.document,
        docx.findings,
        Format::Docx,
        "Word 中",
    )
}

/// A PDF report: the text laid out from its pages is what the diagnostics show,
/// with each line's page (and table row).
fn load_pdf(bytes: &[u8], display_name: &str) -> Loaded {
    let pdf = match import::pdf_report::read(bytes, &import::pdf::Limits::default()) {
        Ok(p) => p,
        Err(f) => return Loaded::failed(None, None, *f),
    };
    let source = SourceFile::new(display_name, pdf.text);
    imported_file(source, &pdf.document, pdf.findings, Format::Pdf, "PDF 中")
}

/// A Word or PDF report read into a `Document`: imported, with what the file
/// itself said first, and each block's place in the file (`medium`: "Word 中").
fn imported_file(
    source: SourceFile,
    document: &import::Document,
    mut findings: Vec<Finding>,
    format: Format,
    medium: &str,
) -> Loaded {
    let places = Places::of(document, medium);
    let imported = timed(Stage::Import, || import::read(document));
    let dataset = Dataset {
        value: Arc::new(imported.value),
        map: imported.map,
        format,
    };
    findings.extend(imported.findings);
    findings.extend(not_a_report(&dataset.value, &findings));
    let mut loaded = Loaded::parsed(source, "UTF-8", dataset, findings);
    loaded.places = Some(Arc::new(places));
    loaded
}

/// A spreadsheet: its cells read into a grid, the grid into the dataset; the text
/// shown is its rows, and each finding's cell is known.
fn load_sheet(bytes: &[u8], format: Format, display_name: &str) -> Loaded {
    use crate::import::sheet;
    let (grid, mut findings, encoding) = if format == Format::Csv {
        let decoded = match encoding::decode(bytes) {
            Ok(d) => d,
            Err(f) => return Loaded::failed(None, None, *f),
        };
        // The bad bytes' offsets are in the file's text, not in the rows shown.
        let mut bad = bad_byte_findings(&decoded.bad_bytes);
        for f in &mut bad {
            f.span = None;
        }
        let read = sheet::csv::read_noted(&decoded.text, "");
        bad.extend(read.findings);
        (read.grid, bad, Some(decoded.encoding))
    } else {
        match sheet::book::read(bytes) {
            Ok(book) => (book.grid, book.findings, None),
            Err(f) => return Loaded::failed(None, None, *f),
        }
    };
    let read = sheet::read::read(&grid);
    let source = SourceFile::new(display_name, read.text);
    if source.text().trim().is_empty() {
        let f = Finding::of(
            &dataset::codes::EMPTY,
            "这个表格文件没有填写任何内容".to_string(),
        )
        .with_help("用 dabiao init --format xlsx 生成一份空白工作簿，再填写数据");
        let mut loaded = Loaded::failed(Some(source), encoding, f);
        loaded.findings.extend(findings);
        return loaded;
    }
    let dataset = Dataset {
        value: Arc::new(read.imported.value),
        map: read.imported.map,
        format,
    };
    findings.extend(read.imported.findings);
    findings.extend(not_a_report(&dataset.value, &findings));
    let mut loaded = Loaded::parsed(source, encoding.unwrap_or("UTF-8"), dataset, findings);
    loaded.encoding = encoding;
    loaded.cells = Some(Arc::new(read.cells));
    loaded
}

fn read_error(e: std::io::Error) -> Finding {
    Finding::of(&codes::READ, format!("无法读取文件：{}", io_reason(&e)))
}

/// Whatever its name, only a regular file is read: a directory (a folder walk lists
/// a subfolder it cannot enter as a row of its own), a FIFO or a device is a finding.
fn regular_file(path: &Path) -> Result<(), Box<Finding>> {
    if path.is_dir() {
        let message = match std::fs::read_dir(path) {
            Err(e) => format!("无法读取这个目录（{}），其中的报告未能检查", io_reason(&e)),
            Ok(_) => "这是一个目录，不是文件".to_string(),
        };
        return Err(Box::new(Finding::of(&codes::READ, message)));
    }
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(Box::new(read_error(std::io::Error::other(
            crate::base::files::NotRegular(crate::base::files::not_regular(&m).unwrap_or("")),
        )))),
        _ => Ok(()),
    }
}

fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, Box<Finding>> {
    use std::io::Read;
    let io_error = read_error;
    let file = open_regular(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.len() > max {
        return Err(Box::new(too_big(meta.len(), max)));
    }
    // Read one byte past the limit: the size can change between stat and read.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max {
        return Err(Box::new(too_big(bytes.len() as u64, max)));
    }
    Ok(bytes)
}

fn too_big(size: u64, max: u64) -> Finding {
    Finding::of(
        &codes::FILE_SIZE,
        format!(
            "文件大小 {} 超过上限 {}，为安全起见不再读取",
            human_size(size),
            human_size(max)
        ),
    )
    .with_help("一份报告的数据集通常只有几十 KB；如确有需要，可用 --max-file-size 调高上限")
}

/// The codes of reading a file: it cannot be read, its type is unknown, it is too big.
pub mod codes {
    use crate::finding::{Category, Code, Severity};

    pub const READ: Code = Code::new(
        "dabiao::io::read",
        "文件无法读取",
        Category::Io,
        Severity::Error,
    );
    pub const FORMAT: Code = Code::new(
        "dabiao::io::format",
        "文件无法读取",
        Category::Io,
        Severity::Error,
    );
    pub const FILE_SIZE: Code = Code::new(
        "dabiao::limit::file-size",
        "超过安全上限",
        Category::Limit,
        Severity::Error,
    );

    pub const ALL: &[Code] = &[READ, FORMAT, FILE_SIZE];
}
