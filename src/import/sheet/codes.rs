//! The codes of reading a spreadsheet's own parts (报告信息, 学校办学条件, 报告结构,
//! 其他数据). Reading the file itself has its codes in `import::codes`.

use crate::finding::{Category, Code, Severity};

pub const FIELD: Code = Code::new(
    "dabiao::sheet::field",
    "表格中的项目或列名无法对应",
    Category::Import,
    Severity::Warning,
);
pub const CELL: Code = Code::new(
    "dabiao::sheet::cell",
    "单元格的内容无法读取",
    Category::Import,
    Severity::Warning,
);

pub const ALL: &[Code] = &[FIELD, CELL];
