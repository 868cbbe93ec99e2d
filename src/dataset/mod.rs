//! The canonical dataset: one `serde_json::Value` whatever the input format, and a
//! `SourceMap` that leads every pointer back to the user's own file; the JSON, YAML
//! and TOML parsers that build it, and the decoding of their bytes. Choosing a
//! parser or an importer for a file is `load`'s job, above this module.

pub mod codes;
pub mod encoding;
pub mod json;

pub mod shape;
pub mod source_map;
pub mod toml;
pub mod yaml;

use std::path::Path;

use serde_json::Value;

use crate::base::limits;
use crate::base::source::SourceFile;
use crate::finding::Finding;
use source_map::SourceMap;

/// Safety limits for reading one input (defaults: `base::limits`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_size: u64,
    pub max_depth: usize,
    pub max_yaml_alias_nodes: usize,
    /// Values (scalars, arrays, objects) in one dataset.
    pub max_values: usize,
    /// Keys of one object.
    pub max_keys: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: limits::MAX_FILE_SIZE,
            max_depth: limits::MAX_DATA_DEPTH,
            max_yaml_alias_nodes: limits::MAX_YAML_ALIAS_NODES,
            max_values: limits::MAX_DATA_VALUES,
            max_keys: limits::MAX_OBJECT_KEYS,
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
    /// A published PDF (its text laid out from the pages).
    Pdf,
    /// A spreadsheet holding the data tables (and dabiao's record sheets).
    Xlsx,
    Xls,
    Ods,
    Csv,
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
            "pdf" => Some(Format::Pdf),
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub const EXTENSIONS: &'static [&'static str] = &[
        "json", "yaml", "yml", "toml", "txt", "md", "docx", "pdf", "xlsx", "xlsm", "xls", "ods",
        "csv",
    ];

    /// A spreadsheet (its cells, not lines, are where findings are).
    pub fn is_spreadsheet(self) -> bool {
        matches!(self, Format::Xlsx | Format::Xls | Format::Ods | Format::Csv)
    }

    /// A report's own text rather than a dataset.
    pub fn is_report_text(self) -> bool {
        matches!(
            self,
            Format::Text | Format::Markdown | Format::Docx | Format::Pdf
        )
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
            Format::Pdf => "application/pdf",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Xls => "application/vnd.ms-excel",
            Format::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Format::Csv => "text/csv",
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
}

/// What parsing a dataset text gives: the value, its source map, and findings that
/// do not stop reading (duplicate keys, …).
pub type Parsed = (Value, SourceMap, Vec<Finding>);

/// Parses a dataset text in one of the dataset formats; `None` for report texts,
/// which the importers read.
pub fn parse(
    source: &SourceFile,
    format: Format,
    limits: &Limits,
) -> Option<Result<Parsed, Box<Finding>>> {
    match format {
        Format::Json => Some(json::load(source, limits)),
        Format::Yaml => Some(yaml::load(source, limits)),
        Format::Toml => Some(toml::load(source, limits)),
        _ => None,
    }
}
