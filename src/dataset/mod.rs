//! The canonical dataset: one `serde_json::Value` whatever the input format, and a
//! `SourceMap` that leads every pointer back to the user's own file.

pub mod encoding;
pub mod json;

pub mod source_map;
pub mod toml;
pub mod yaml;

use std::path::Path;

use serde_json::Value;

use crate::base::source::SourceFile;
use crate::finding::{Category, Finding};
use source_map::SourceMap;

/// Safety limits for reading one input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_size: u64,
    pub max_depth: usize,
    pub max_yaml_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 64 * 1024 * 1024,
            max_depth: 64,
            max_yaml_alias_nodes: 10_000,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Yaml,
    Toml,
    /// A report's own text (imported).
    Text,
    Markdown,
    Docx,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            "toml" => Some(Format::Toml),
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    pub const EXTENSIONS: &'static [&'static str] =
        &["json", "yaml", "yml", "toml", "txt", "md", "docx"];

    /// A report's own text rather than a dataset.
    pub fn is_report_text(self) -> bool {
        matches!(self, Format::Text | Format::Markdown | Format::Docx)
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Yaml => "application/yaml",
            Format::Toml => "application/toml",
            Format::Text => "text/plain",
            Format::Markdown => "text/markdown",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }
}

/// A loaded submission.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Shared, so that rule workers can hold it without copying.
    pub value: std::sync::Arc<Value>,
    pub map: SourceMap,
    pub format: Format,
    /// For .docx: where each line of the shown text is in Word.
    pub places: Option<std::sync::Arc<crate::import::Places>>,
}

/// Everything reading one file produced: its text (if it could be decoded), the
/// dataset (if it parsed), and findings about the reading itself.
#[derive(Debug)]
pub struct Loaded {
    /// FNV-1a-64 of the bytes read, for provenance.
    pub input_hash: Option<String>,
    pub source: Option<SourceFile>,
    pub encoding: Option<&'static str>,
    pub dataset: Option<Dataset>,
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
            findings: vec![finding],
        }
    }
}

/// Reads, decodes and parses one file. Never panics and never fails: whatever goes
/// wrong becomes a finding.
pub fn load_file(path: &Path, display_name: &str, limits: &Limits) -> Loaded {
    let Some(format) = Format::from_path(path) else {
        return Loaded::failed(
            None,
            None,
            Finding::error(
                "dabiao::io::format",
                Category::Io,
                "无法识别的文件类型：dabiao check 读取 .json、.yaml、.yml、.toml 数据集和 .txt、.md、.docx 报告"
                    .to_string(),
            )
            .with_help(convert_hint(path)),
        );
    };
    let bytes = match read_limited(path, limits.max_file_size) {
        Ok(b) => b,
        Err(f) => return Loaded::failed(None, None, *f),
    };
    let mut loaded = load_bytes(&bytes, format, display_name, limits);
    loaded.input_hash = Some(crate::base::hash::hash_bytes(&bytes));
    loaded
}

/// What to do with a report in a format dabiao does not read.
fn convert_hint(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "doc" | "wps" | "rtf" | "odt" => "用 Word 或 WPS 打开，另存为 .docx 后再检查",
        "pdf" => "PDF 中的文字位置不可靠：请用原稿（.docx）检查，或把文字另存为 .txt",
        "xls" | "xlsx" | "csv" | "et" => {
            "数据表请填入数据集（dabiao init 生成模板），或随报告原稿（.docx）一起检查"
        }
        _ => "报告原稿请用 .docx、.txt 或 .md；整理好的数据用 .json、.yaml 或 .toml",
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
        return load_docx(bytes, display_name, limits);
    }
    let decoded = match encoding::decode(bytes) {
        Ok(d) => d,
        Err(f) => return Loaded::failed(None, None, *f),
    };
    let source = SourceFile::new(display_name, decoded.text);
    let encoding = Some(decoded.encoding);
    if source.text().trim().is_empty() {
        let f = Finding::error(
            "dabiao::parse::empty",
            Category::Parse,
            "文件是空的".to_string(),
        )
        .with_help("用 dabiao init 生成一份模板，再填写数据");
        return Loaded::failed(Some(source), encoding, f);
    }
    let parsed = match format {
        Format::Json => json::load(&source, limits),
        Format::Yaml => yaml::load(&source, limits),
        Format::Toml => toml::load(&source, limits),
        Format::Text | Format::Markdown | Format::Docx => {
            let imported = if format == Format::Markdown {
                crate::import::import_markdown(source.text())
            } else {
                crate::import::import_text(source.text())
            };
            Ok((imported.value, imported.map, imported.findings))
        }
    };
    match parsed {
        Ok((value, map, findings)) => Loaded {
            input_hash: None,
            source: Some(source),
            encoding,
            dataset: Some(Dataset {
                value: std::sync::Arc::new(value),
                map,
                format,
                places: None,
            }),
            findings,
        },
        Err(f) => Loaded::failed(Some(source), encoding, *f),
    }
}

/// A Word report: its XML parts become a text (one paragraph per line) that the
/// diagnostics show, with each line's place in Word.
fn load_docx(bytes: &[u8], display_name: &str, limits: &Limits) -> Loaded {
    let docx = match crate::import::docx::read(bytes, limits.max_file_size.saturating_mul(8)) {
        Ok(d) => d,
        Err(e) => {
            let f = Finding::error("dabiao::import::docx", Category::Import, e.0)
                .with_help("用 Word 或 WPS 打开并另存为 .docx；也可以把正文另存为 .txt 再检查");
            return Loaded::failed(None, None, f);
        }
    };
    let source = SourceFile::new(display_name, docx.text);
    if source.text().trim().is_empty() {
        let f = Finding::error(
            "dabiao::parse::empty",
            Category::Parse,
            "这个 Word 文件没有正文文字".to_string(),
        );
        return Loaded::failed(Some(source), Some("UTF-8"), f);
    }
    let places = crate::import::Places::of(&docx.document);
    let imported = crate::import::read(&docx.document);
    Loaded {
        input_hash: None,
        source: Some(source),
        encoding: Some("UTF-8"),
        dataset: Some(Dataset {
            value: std::sync::Arc::new(imported.value),
            map: imported.map,
            format: Format::Docx,
            places: Some(std::sync::Arc::new(places)),
        }),
        findings: imported.findings,
    }
}

fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, Box<Finding>> {
    use std::io::Read;
    let io_error = |e: std::io::Error| {
        Finding::error(
            "dabiao::io::read",
            Category::Io,
            format!("无法读取文件：{}", io_reason(&e)),
        )
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if meta.is_dir() {
        return Err(Box::new(Finding::error(
            "dabiao::io::read",
            Category::Io,
            "这是一个目录，不是文件".to_string(),
        )));
    }
    if meta.len() > max {
        return Err(Box::new(too_big(meta.len(), max)));
    }
    // Read one byte past the limit: the size can change between stat and read.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max {
        return Err(Box::new(too_big(bytes.len() as u64, max)));
    }
    Ok(bytes)
}

pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在".to_string(),
        PermissionDenied => "没有读取权限".to_string(),
        InvalidData => "内容无效".to_string(),
        _ => e.to_string(),
    }
}

fn too_big(size: u64, max: u64) -> Finding {
    Finding::error(
        "dabiao::limit::file-size",
        Category::Limit,
        format!(
            "文件大小 {} 超过上限 {}，为安全起见不再读取",
            human_size(size),
            human_size(max)
        ),
    )
    .with_help("一份报告的数据集通常只有几十 KB；如确有需要，可用 --max-file-size 调高上限")
}

pub fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}
