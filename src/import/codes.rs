//! The codes of importing a report's text: what could not be read into the dataset.

use crate::finding::{Category, Code, Severity};

pub const CASE_TITLE: Code = Code::new(
    "dabiao::import::case-title",
    "案例没有标题",
    Category::Import,
    Severity::Warning,
);
pub const TITLE: Code = Code::new(
    "dabiao::import::title",
    "找不到报告标题",
    Category::Import,
    Severity::Warning,
);
pub const STAGE: Code = Code::new(
    "dabiao::import::stage",
    "无法确定教育层次",
    Category::Import,
    Severity::Warning,
);
pub const YEAR: Code = Code::new(
    "dabiao::import::year",
    "无法确定报告年度",
    Category::Import,
    Severity::Error,
);
pub const DUPLICATE_TABLE: Code = Code::new(
    "dabiao::import::duplicate-table",
    "数据表重复",
    Category::Import,
    Severity::Warning,
);
pub const NO_HEADER: Code = Code::new(
    "dabiao::import::no-header",
    "数据表没有表头",
    Category::Import,
    Severity::Warning,
);
pub const VALUE: Code = Code::new(
    "dabiao::import::value",
    "单元格不是数字",
    Category::Import,
    Severity::Error,
);
pub const DUPLICATE_ROW: Code = Code::new(
    "dabiao::import::duplicate-row",
    "数据表中的行重复",
    Category::Import,
    Severity::Warning,
);
pub const SERIAL: Code = Code::new(
    "dabiao::import::serial",
    "数据表序号不连续",
    Category::Import,
    Severity::Warning,
);
pub const EXTRA_CELLS: Code = Code::new(
    "dabiao::import::extra-cells",
    "行的单元格比表头多",
    Category::Import,
    Severity::Warning,
);
pub const UNMAPPED_ROW: Code = Code::new(
    "dabiao::import::unmapped-row",
    "数据表中有对不上模板的行",
    Category::Import,
    Severity::Warning,
);
pub const APPROXIMATE_ROW: Code = Code::new(
    "dabiao::import::approximate-row",
    "行名与模板相近但不相同",
    Category::Import,
    Severity::Info,
);
pub const UNIT: Code = Code::new(
    "dabiao::import::unit",
    "单位与模板不同",
    Category::Import,
    Severity::Warning,
);
pub const INFERRED: Code = Code::new(
    "dabiao::import::inferred",
    "报告信息是推断的",
    Category::Import,
    Severity::Info,
);
pub const NOT_A_REPORT: Code = Code::new(
    "dabiao::import::not-a-report",
    "不是职业教育质量年度报告",
    Category::Import,
    Severity::Error,
);
pub const TABLE_BY_ROWS: Code = Code::new(
    "dabiao::import::table-by-rows",
    "按表头和行名认出的数据表",
    Category::Import,
    Severity::Info,
);
pub const TRACKED_CHANGES: Code = Code::new(
    "dabiao::import::tracked-changes",
    "Word 文件中有未接受的修订",
    Category::Import,
    Severity::Warning,
);
pub const PLACEHOLDER: Code = Code::new(
    "dabiao::import::placeholder",
    "编制单位是占位符",
    Category::Import,
    Severity::Warning,
);

pub const DOCX: Code = Code::new(
    "dabiao::import::docx",
    "Word 文件无法读取",
    Category::Import,
    Severity::Error,
);
pub const DOCX_TOO_LARGE: Code = Code::new(
    "dabiao::docx::too-large",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const DOCX_TOO_DEEP: Code = Code::new(
    "dabiao::docx::too-deep",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const PARAGRAPHS: Code = Code::new(
    "dabiao::limit::paragraphs",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const ROWS: Code = Code::new(
    "dabiao::limit::rows",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const CELLS: Code = Code::new(
    "dabiao::limit::cells",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const PDF: Code = Code::new(
    "dabiao::import::pdf",
    "PDF 文件无法读取",
    Category::Import,
    Severity::Error,
);
pub const PDF_ENCRYPTED: Code = Code::new(
    "dabiao::import::pdf-encrypted",
    "PDF 文件已加密",
    Category::Import,
    Severity::Error,
);
pub const PDF_SCANNED: Code = Code::new(
    "dabiao::import::pdf-scanned",
    "PDF 是扫描件，没有文字层",
    Category::Import,
    Severity::Error,
);
pub const PDF_SCANNED_PAGES: Code = Code::new(
    "dabiao::import::pdf-scanned-pages",
    "PDF 中有扫描页",
    Category::Import,
    Severity::Warning,
);

pub const SHEET: Code = Code::new(
    "dabiao::import::sheet",
    "电子表格文件无法读取",
    Category::Import,
    Severity::Error,
);
pub const SHEET_TOO_LARGE: Code = Code::new(
    "dabiao::sheet::too-large",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const SHEET_CUT: Code = Code::new(
    "dabiao::limit::sheet",
    "超过安全上限",
    Category::Limit,
    Severity::Error,
);
pub const CELL_ERROR: Code = Code::new(
    "dabiao::import::cell-error",
    "单元格是公式错误值",
    Category::Import,
    Severity::Warning,
);

/// Every code this stage reports.
pub const ALL: &[Code] = &[
    CASE_TITLE,
    TITLE,
    STAGE,
    YEAR,
    DUPLICATE_TABLE,
    NO_HEADER,
    VALUE,
    DUPLICATE_ROW,
    SERIAL,
    EXTRA_CELLS,
    UNMAPPED_ROW,
    APPROXIMATE_ROW,
    UNIT,
    INFERRED,
    NOT_A_REPORT,
    TABLE_BY_ROWS,
    TRACKED_CHANGES,
    PLACEHOLDER,
    DOCX,
    DOCX_TOO_LARGE,
    DOCX_TOO_DEEP,
    PARAGRAPHS,
    ROWS,
    CELLS,
    PDF,
    PDF_ENCRYPTED,
    PDF_SCANNED,
    PDF_SCANNED_PAGES,
    SHEET,
    SHEET_TOO_LARGE,
    SHEET_CUT,
    CELL_ERROR,
];
