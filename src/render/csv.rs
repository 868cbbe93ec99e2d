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
        r.level
            .as_deref()
            .map(|l| crate::base::vocab::level_name(l).to_string())
            .unwrap_or_default(),
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
        let cells: Vec<String> = row(r, run.provenance)
            .into_iter()
            .map(|c| inert(&c))
            .collect();
        w.write_record(cells).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// A cell a spreadsheet will not run as a formula: text from a report (an entity
/// named "=HYPERLINK(…)") that starts with =, +, @, a tab or a carriage return, or
/// with - followed by something other than a number, is prefixed with an apostrophe.
fn inert(cell: &str) -> String {
    let risky = match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => cell.len() > 1 && cell[1..].parse::<f64>().is_err(),
        _ => false,
    };
    if risky {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formulas_are_made_inert_and_numbers_kept() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\",\"点我\")"),
            "'=HYPERLINK(\"http://x\",\"点我\")"
        );
        assert_eq!(inert("+1+1"), "'+1+1");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("-cmd"), "'-cmd");
        assert_eq!(inert("-"), "-");
        assert_eq!(inert("-3.5"), "-3.5");
        assert_eq!(inert("山西省临汾市"), "山西省临汾市");
    }
}
