//! The summary spreadsheet as CSV, one row per report. UTF-8 with a BOM so that
//! Excel opens the Chinese text correctly.

use super::Run;

pub const HEADER: [&str; 16] = [
    "文件",
    "单位",
    "代码",
    "层级",
    "教育层次",
    "年度",
    "等级",
    "得分",
    "错误",
    "警告",
    "提示",
    "豁免",
    "主要问题",
    "输入哈希",
    "规则包",
    "导入情况",
];

/// The cells of one summary row (shared with the xlsx sheet).
pub fn row(r: &crate::record::ReportRecord, provenance: &crate::record::Provenance) -> Vec<String> {
    let waived = r.findings.iter().filter(|f| !f.counted).count();
    vec![
        r.file.clone(),
        r.entity.clone().unwrap_or_default(),
        r.code.clone().unwrap_or_default(),
        r.level.clone().unwrap_or_default(),
        r.stages_text(),
        r.year.map(|y| y.to_string()).unwrap_or_default(),
        r.verdict
            .as_ref()
            .map(|v| v.grade_label())
            .unwrap_or_default(),
        r.score_text(),
        r.errors.to_string(),
        r.warnings.to_string(),
        r.infos.to_string(),
        waived.to_string(),
        r.top_findings(3).join("；"),
        r.input_hash.clone().unwrap_or_default(),
        provenance.rules.clone(),
        r.import
            .as_ref()
            .map(|i| i.text().replace('\n', "；"))
            .unwrap_or_default(),
    ]
}

pub fn render(run: &Run<'_>) -> Result<Vec<u8>, String> {
    let mut w = ::csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(HEADER).map_err(|e| e.to_string())?;
    for r in run.records {
        w.write_record(row(r, run.provenance))
            .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}
