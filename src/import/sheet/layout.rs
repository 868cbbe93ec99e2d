//! The workbook layout dabiao writes (`init --format xlsx`, `export`) and reads back.
//! Writer and reader share these names, so the two cannot drift apart; a workbook
//! laid out differently is still read (tables by caption, header or sheet name), only
//! the record parts below need their title.
//!
//! Every sheet — and every part of a .csv, where the parts follow one another with a
//! blank row between — starts with a title row (one cell: the part's title), then a
//! header row, then its rows:
//!
//! | part | title row | header row |
//! |---|---|---|
//! | instructions | [`INSTRUCTIONS`] | none (free text; never read) |
//! | report metadata | [`REPORT`] | [`REPORT_HEADER`]: one row per field, `键` is the field's path (`entity.name`) |
//! | a data table | its caption, "表1 人才培养质量计分卡（中职）" | 序号、指标、单位、"2023年"… as in a report |
//! | schools | [`SCHOOLS`] | the fields' Chinese titles (schema titles), one school per row |
//! | outline | [`OUTLINE`] | [`OUTLINE_HEADER`]: 部分, 小节 (under the 部分 above), 案例, 表 |
//! | everything else | [`OTHER`] | [`OTHER_HEADER`]: a JSON pointer and its value as JSON, split over rows past [`JSON_CHUNK`] |
//!
//! Cell values: enum values by their Chinese titles (`x-enum-titles`), lists of them
//! joined by "、", numbers as numbers, text as text (codes like "3100000001" as text),
//! blank for nothing; an array or object that has no column of its own is JSON text.

/// The instructions sheet: written for people, skipped by the reader.
pub const INSTRUCTIONS: &str = "填写说明";
/// The report metadata (`/report`).
pub const REPORT: &str = "报告信息";
pub const REPORT_HEADER: [&str; 4] = ["项目", "内容", "键", "说明"];
/// `/schools`.
pub const SCHOOLS: &str = "学校办学条件";
/// `/sections`, `/cases`, `/tables`.
pub const OUTLINE: &str = "报告结构";
pub const OUTLINE_HEADER: [&str; 6] = ["类别", "编号", "所在部分", "标题", "字数", "其他"];
/// Kinds in the outline's first column.
pub const OUTLINE_SECTION: &str = "部分";
pub const OUTLINE_SUBSECTION: &str = "小节";
pub const OUTLINE_CASE: &str = "案例";
pub const OUTLINE_TABLE: &str = "表";
/// Whatever else a dataset holds (an imported report's facts, lists, own tables …).
pub const OTHER: &str = "其他数据";
pub const OTHER_HEADER: [&str; 2] = ["键", "内容"];
/// A JSON text longer than this (characters) continues in the next row with the same
/// key; a cell holds at most 32,767 characters.
pub const JSON_CHUNK: usize = 30_000;
/// Joins the items of a list in one cell ("中职、高职").
pub const LIST_SEPARATOR: &str = "、";

/// The record parts by title, in the order they are written.
pub const RECORD_PARTS: [&str; 4] = [REPORT, SCHOOLS, OUTLINE, OTHER];

/// A nested field's 项目 in 报告信息: "编制主体" + "名称" → "编制主体名称",
/// "公开发布" + "发布日期" → "公开发布日期" (what the two share is written once).
pub fn joined_title(parent: &str, title: &str) -> String {
    let overlap = (1..=title.chars().count())
        .rev()
        .map(|n| title.chars().take(n).collect::<String>())
        .find(|head| parent.ends_with(head.as_str()))
        .map_or(0, |h| h.len());
    format!("{parent}{}", &title[overlap..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_join_without_repeating_words() {
        assert_eq!(joined_title("编制主体", "名称"), "编制主体名称");
        assert_eq!(joined_title("公开发布", "发布网址"), "公开发布网址");
        assert_eq!(joined_title("公开发布", "发布日期"), "公开发布日期");
        assert_eq!(joined_title("", "报告标题"), "报告标题");
    }
}
