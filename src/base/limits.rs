//! Every bound dabiao puts on what one input, one rule or one run may make it do, in
//! one place. Loaders, the sandbox and the printers take their defaults from here, and
//! `docs/limits.md` is this table rendered (tests/limits_doc.rs keeps the two equal).
//!
//! Why bounds at all: a report is hostile input. Each bound is far above what a real
//! report needs (the largest seen: ~3 MB of text, ~6,000 paragraphs, ~900 table rows,
//! nesting 12) and low enough that one file can neither exhaust memory nor time.

/// Bytes read from one input file (`--max-file-size`, `max_file_size` in dabiao.toml).
pub const MAX_FILE_SIZE: u64 = 64 << 20;
/// Nesting of arrays/objects in JSON, YAML (block and flow) and TOML.
pub const MAX_DATA_DEPTH: usize = 64;
/// Nodes a YAML file may expand to through aliases.
pub const MAX_YAML_ALIAS_NODES: usize = 10_000;
/// Values (scalars, arrays, objects) in one JSON/YAML/TOML dataset.
pub const MAX_DATA_VALUES: usize = 200_000;
/// Keys of one object (unknown keys included).
pub const MAX_OBJECT_KEYS: usize = 10_000;
/// Decompressed bytes of one part of a .docx (document.xml, styles.xml, numbering.xml).
pub const MAX_XML_PART: u64 = 32 << 20;
/// Element nesting in a .docx part.
pub const MAX_XML_DEPTH: usize = 256;
/// Nodes (elements, text, attributes' holders) of one parsed .docx part.
pub const MAX_XML_NODES: u32 = 2_000_000;
/// Paragraphs read from one .docx.
pub const MAX_PARAGRAPHS: usize = 100_000;
/// Table rows read from one .docx (all tables together).
pub const MAX_TABLE_ROWS: usize = 20_000;
/// Cells read from one table row.
pub const MAX_ROW_CELLS: usize = 256;
/// Entries of the zip inside one .xlsx/.ods, checked before the spreadsheet library
/// opens it.
pub const MAX_SHEET_ZIP_ENTRIES: usize = 10_000;
/// Decompressed bytes of all entries of one .xlsx/.ods together, measured by
/// inflating them (not trusting the sizes the zip declares) before the spreadsheet
/// library opens it.
pub const MAX_SHEET_UNZIPPED: u64 = 128 << 20;
/// Sheets read from one spreadsheet file.
pub const MAX_SHEETS: usize = 200;
/// Non-empty rows read from one sheet (a .csv is one sheet).
pub const MAX_SHEET_ROWS: usize = 100_000;
/// Columns read from one sheet: cells right of this are not read.
pub const MAX_SHEET_COLUMNS: usize = 1_000;
/// Non-empty cells read from one spreadsheet file, all sheets together.
pub const MAX_SHEET_CELLS: usize = 2_000_000;
/// Characters of one spreadsheet cell (Excel's own maximum).
pub const MAX_CELL_CHARS: usize = 32_767;
/// Bytes of text in all the cells of one spreadsheet file together, as the cells
/// are read (one shared string in a million cells is a million copies): a real
/// data workbook holds well under 1 MiB.
pub const MAX_SHEET_TEXT: usize = 64 << 20;
/// Pages read from one PDF.
pub const MAX_PDF_PAGES: usize = 2_000;
/// Decoded content bytes of one PDF page (page content and each form).
pub const MAX_PDF_CONTENT_BYTES: usize = 16 << 20;
/// Content operators run for one PDF page, forms included.
pub const MAX_PDF_OPS: usize = 2_000_000;
/// Content operators run for one whole PDF (all pages together).
pub const MAX_PDF_FILE_OPS: usize = 20_000_000;
/// Text runs kept from one PDF.
pub const MAX_PDF_RUNS: usize = 2_000_000;
/// Bytes of one sentence read for figures: a longer run-on sentence is read in
/// pieces cut at a clause mark (，；), so looking back within a sentence stays cheap.
pub const MAX_SENTENCE_BYTES: usize = 1_500;
/// Rhai operations one rule may run on one report.
pub const MAX_RULE_OPERATIONS: u64 = 1_000_000;
/// Wall-clock time one rule may take on one report, in milliseconds.
pub const MAX_RULE_MILLIS: u64 = 500;
/// Length of one string a rule builds, in bytes.
pub const MAX_RULE_STRING: usize = 64 << 10;
/// Elements of one array a rule builds.
pub const MAX_RULE_ARRAY: usize = 100_000;
/// Entries of one map a rule builds.
pub const MAX_RULE_MAP: usize = 10_000;
/// Bytes the process may grow by while one long-running rule evaluates on one report.
pub const MAX_RULE_MEMORY: usize = 256 << 20;
/// Reports of one run on which a rule may reach a time, operation or memory limit
/// before it is no longer run (each costs up to `MAX_RULE_MILLIS`).
pub const MAX_RULE_STRIKES: usize = 3;
/// Findings one rule may emit on one report.
pub const MAX_FINDINGS_PER_RULE: usize = 200;
/// Findings one report may receive from all rules together.
pub const MAX_FINDINGS_PER_FILE: usize = 2_000;
/// Characters of one finding's message (longer ones are cut, with "…").
pub const MAX_MESSAGE_CHARS: usize = 1_000;
/// Worker threads per CPU core (`--jobs` above this is lowered, with a note).
pub const MAX_JOBS_PER_CORE: usize = 4;
/// Columns of a line the terminal printer draws under a finding, at least: a line
/// wider than the terminal is cut to the terminal's width less 20, never below this.
pub const MIN_DRAWN_WIDTH: usize = 40;

/// One row of the limits table: what is bounded, its default, what the user sees at it.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// The constant's name, as in this file.
    pub name: &'static str,
    pub value: u64,
    /// Unit shown after the value (Chinese).
    pub unit: &'static str,
    /// What is bounded (Chinese).
    pub what: &'static str,
    /// What the user sees when an input reaches the bound (Chinese).
    pub at_limit: &'static str,
}

const fn limit(
    name: &'static str,
    value: u64,
    unit: &'static str,
    what: &'static str,
    at_limit: &'static str,
) -> Limit {
    Limit {
        name,
        value,
        unit,
        what,
        at_limit,
    }
}

/// The table, in the order data flows: reading, parsing, rules, output.
pub const ALL: &[Limit] = &[
    limit(
        "MAX_FILE_SIZE",
        MAX_FILE_SIZE,
        "字节",
        "单个输入文件的大小（可用 --max-file-size 或 dabiao.toml 的 max_file_size 调整）",
        "该文件一条错误 dabiao::limit::file-size，不读取，等级 C；批次继续",
    ),
    limit(
        "MAX_DATA_DEPTH",
        MAX_DATA_DEPTH as u64,
        "层",
        "JSON/YAML/TOML 中数组、对象的嵌套深度",
        "一条错误 dabiao::limit::depth，指向超深处；等级 C",
    ),
    limit(
        "MAX_YAML_ALIAS_NODES",
        MAX_YAML_ALIAS_NODES as u64,
        "个",
        "YAML 通过锚点/别名展开后的节点数",
        "一条错误 dabiao::limit::yaml-aliases；等级 C",
    ),
    limit(
        "MAX_DATA_VALUES",
        MAX_DATA_VALUES as u64,
        "个",
        "一个 JSON/YAML/TOML 数据集中的值（标量、数组、对象）总数",
        "一条错误 dabiao::limit::values，不再读取；等级 C",
    ),
    limit(
        "MAX_OBJECT_KEYS",
        MAX_OBJECT_KEYS as u64,
        "个",
        "一个对象中的键数（含未知键）",
        "一条错误 dabiao::limit::keys，不再读取；等级 C",
    ),
    limit(
        "MAX_XML_PART",
        MAX_XML_PART,
        "字节",
        ".docx 中单个部件（document.xml 等）解压后的大小",
        "一条错误 dabiao::docx::too-large（疑似压缩炸弹），不读取；等级 C",
    ),
    limit(
        "MAX_XML_DEPTH",
        MAX_XML_DEPTH as u64,
        "层",
        ".docx 部件中 XML 元素的嵌套深度",
        "一条错误 dabiao::docx::too-deep，不读取；等级 C",
    ),
    limit(
        "MAX_XML_NODES",
        MAX_XML_NODES as u64,
        "个",
        ".docx 中单个部件解析出的 XML 节点数",
        "一条错误 dabiao::docx::too-large，不读取；等级 C",
    ),
    limit(
        "MAX_PARAGRAPHS",
        MAX_PARAGRAPHS as u64,
        "段",
        "从一个 .docx 读取的段落数",
        "读到上限为止，一条错误 dabiao::limit::paragraphs；等级 C",
    ),
    limit(
        "MAX_TABLE_ROWS",
        MAX_TABLE_ROWS as u64,
        "行",
        "从一个 .docx 读取的表格行数（所有表格合计）",
        "读到上限为止，一条错误 dabiao::limit::rows；等级 C",
    ),
    limit(
        "MAX_ROW_CELLS",
        MAX_ROW_CELLS as u64,
        "格",
        "表格一行中读取的单元格数",
        "多余单元格不读，一条错误 dabiao::limit::cells；等级 C",
    ),
    limit(
        "MAX_SHEET_ZIP_ENTRIES",
        MAX_SHEET_ZIP_ENTRIES as u64,
        "个",
        ".xlsx/.ods 压缩包中的文件数",
        "一条错误 dabiao::sheet::too-large，不读取；等级 C",
    ),
    limit(
        "MAX_SHEET_UNZIPPED",
        MAX_SHEET_UNZIPPED,
        "字节",
        ".xlsx/.ods 压缩包中全部文件解压后的总大小（实际解压计量，不信任压缩包声明的大小）",
        "一条错误 dabiao::sheet::too-large（疑似压缩炸弹），不读取；等级 C",
    ),
    limit(
        "MAX_SHEETS",
        MAX_SHEETS as u64,
        "张",
        "从一个电子表格文件读取的工作表数",
        "其后的工作表不读，一条错误 dabiao::limit::sheet；等级 C",
    ),
    limit(
        "MAX_SHEET_ROWS",
        MAX_SHEET_ROWS as u64,
        "行",
        "从一张工作表（或一个 .csv）读取的非空行数",
        "读到上限为止，一条错误 dabiao::limit::sheet；等级 C",
    ),
    limit(
        "MAX_SHEET_COLUMNS",
        MAX_SHEET_COLUMNS as u64,
        "列",
        "工作表中读取的列数",
        "右侧多出的单元格不读，一条错误 dabiao::limit::sheet；等级 C",
    ),
    limit(
        "MAX_SHEET_CELLS",
        MAX_SHEET_CELLS as u64,
        "格",
        "从一个电子表格文件读取的非空单元格总数（各工作表合计）",
        "读到上限为止，一条错误 dabiao::limit::sheet；等级 C",
    ),
    limit(
        "MAX_CELL_CHARS",
        MAX_CELL_CHARS as u64,
        "字",
        "电子表格一个单元格的字数（与 Excel 的上限相同）",
        "只读前面部分，一条错误 dabiao::limit::sheet；等级 C",
    ),
    limit(
        "MAX_SHEET_TEXT",
        MAX_SHEET_TEXT as u64,
        "字节",
        "一个电子表格文件全部单元格的文字合计（同一段文字出现在多个单元格按份数计；.ods 按重复次数、.xls 按共享文字表在读取前估算）",
        "读到上限为止，一条错误 dabiao::limit::sheet（.ods、.xls 估算超限时不读取，dabiao::sheet::too-large）；等级 C",
    ),
    limit(
        "MAX_PDF_PAGES",
        MAX_PDF_PAGES as u64,
        "页",
        "从一个 PDF 读取的页数",
        "读到上限为止，一条错误；等级 C",
    ),
    limit(
        "MAX_PDF_CONTENT_BYTES",
        MAX_PDF_CONTENT_BYTES as u64,
        "字节",
        "PDF 单页（含表单对象）解压后的内容流大小",
        "该页不读，一条错误；等级 C",
    ),
    limit(
        "MAX_PDF_OPS",
        MAX_PDF_OPS as u64,
        "个",
        "PDF 单页执行的内容操作符数（含表单对象）",
        "该页其余内容不读，一条错误；等级 C",
    ),
    limit(
        "MAX_PDF_FILE_OPS",
        MAX_PDF_FILE_OPS as u64,
        "个",
        "一个 PDF 全文执行的内容操作符数（各页合计）",
        "不再读取，一条错误“PDF 超出处理上限”；等级 C",
    ),
    limit(
        "MAX_PDF_RUNS",
        MAX_PDF_RUNS as u64,
        "个",
        "从一个 PDF 保留的文字片段数",
        "读到上限为止，一条错误；等级 C",
    ),
    limit(
        "MAX_SENTENCE_BYTES",
        MAX_SENTENCE_BYTES as u64,
        "字节",
        "读取正文数字时一个句子的长度（约 500 个汉字）",
        "更长的句子在逗号、分号处分段读取，不报错",
    ),
    limit(
        "MAX_RULE_OPERATIONS",
        MAX_RULE_OPERATIONS,
        "次",
        "一条规则在一份报告上执行的 Rhai 操作数（含排序比较函数、闭包中的操作）",
        "该规则在这份报告上的结论全部作废，一条引擎问题 dabiao::engine::rule-error 说明原因；等级按该规则可能的最重结果计算（扣满其扣分上限，错误级规则适用其封顶）",
    ),
    limit(
        "MAX_RULE_MILLIS",
        MAX_RULE_MILLIS,
        "毫秒",
        "一条规则在一份报告上的运行时间（含排序比较函数、闭包）",
        "同上：结论作废，一条引擎问题，按最重结果计分",
    ),
    limit(
        "MAX_RULE_STRING",
        MAX_RULE_STRING as u64,
        "字节",
        "规则构造的单个字符串长度；数组、映射中字符串的总长也以此为限",
        "同上：结论作废，一条引擎问题，按最重结果计分",
    ),
    limit(
        "MAX_RULE_ARRAY",
        MAX_RULE_ARRAY as u64,
        "个",
        "规则构造的单个数组长度（含嵌套数组的元素）",
        "同上：结论作废，一条引擎问题，按最重结果计分",
    ),
    limit(
        "MAX_RULE_MAP",
        MAX_RULE_MAP as u64,
        "个",
        "规则构造的单个映射的条目数（含嵌套映射的条目）",
        "同上：结论作废，一条引擎问题，按最重结果计分",
    ),
    limit(
        "MAX_RULE_MEMORY",
        MAX_RULE_MEMORY as u64,
        "字节",
        "一条长时间运行的规则在一份报告上运行期间进程内存的增长",
        "同上：结论作废，一条引擎问题，按最重结果计分",
    ),
    limit(
        "MAX_RULE_STRIKES",
        MAX_RULE_STRIKES as u64,
        "份",
        "一次运行中一条规则可以超过运行上限（时间、步数、内存）的报告数",
        "此后本次运行不再执行该规则，其余每份报告各一条引擎问题，按最重结果计分",
    ),
    limit(
        "MAX_FINDINGS_PER_RULE",
        MAX_FINDINGS_PER_RULE as u64,
        "条",
        "一条规则在一份报告上报告的问题数",
        "多出的不列出（优先保留严重程度高的），一条提示 dabiao::rules::omitted 说明省略了多少条；扣分本就有每条规则的上限",
    ),
    limit(
        "MAX_FINDINGS_PER_FILE",
        MAX_FINDINGS_PER_FILE as u64,
        "条",
        "一份报告上所有规则报告的问题总数",
        "多出的不列出（优先保留严重程度高的），一条提示 dabiao::rules::omitted 说明省略了多少条",
    ),
    limit(
        "MAX_MESSAGE_CHARS",
        MAX_MESSAGE_CHARS as u64,
        "字",
        "规则给出的一条问题说明的长度",
        "截断，以“…”结尾",
    ),
    limit(
        "MAX_JOBS_PER_CORE",
        MAX_JOBS_PER_CORE as u64,
        "个/核",
        "--jobs 允许的每个 CPU 核的并行数",
        "降到上限，并提示实际使用的并行数",
    ),
    limit(
        "MIN_DRAWN_WIDTH",
        MIN_DRAWN_WIDTH as u64,
        "列",
        "终端输出中在问题下方绘制的原文行宽度：比终端宽的行只绘制问题附近的一段（终端宽度减 20 列，至少此值）",
        "该行两端以 … 标出截断，放不下的相邻行不绘制；标题仍给出问题在文件中的行号和列号",
    ),
];

/// The table as Markdown: docs/limits.md.
pub fn markdown() -> String {
    let mut out = String::from(
        "# 安全上限\n\n\
         dabiao 对每个输入、每条规则、每次运行都设有上限，全部定义在 `src/base/limits.rs`。\n\
         本表由该文件生成（`cargo test --test limits_doc` 检查二者一致）。\n\n\
         | 上限 | 默认值 | 限制什么 | 达到上限时 |\n|---|---|---|---|\n",
    );
    for l in ALL {
        out.push_str(&format!(
            "| `{}` | {} {} | {} | {} |\n",
            l.name,
            group_digits(l.value),
            l.unit,
            l.what,
            l.at_limit
        ));
    }
    out
}

fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_is_in_the_table_once() {
        let mut names: Vec<_> = ALL.iter().map(|l| l.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        assert!(ALL.iter().all(|l| l.value > 0));
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(67_108_864), "67,108,864");
        assert_eq!(group_digits(500), "500");
        assert_eq!(group_digits(1_000), "1,000");
    }
}
