//! A Markdown summary for a pull-request comment or an email.

use std::fmt::Write;

use super::Run;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(run: &Run<'_>) -> String {
    let t = &run.totals;
    let mut out = String::from("## dabiao 检查结果\n\n");
    let _ = writeln!(
        out,
        "共 {} 份报告：A {} 份，B {} 份，C {} 份；错误 {}，警告 {}，提示 {}。\n",
        t.files, t.grade_a, t.grade_b, t.grade_c, t.errors, t.warnings, t.infos
    );
    out.push_str(
        "| 文件 | 单位 | 等级 | 得分 | 错误 | 警告 | 主要问题 | 导入情况 |\n|---|---|---|---|---|---|---|---|\n",
    );
    for r in run.records {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&r.file),
            cell(r.entity.as_deref().unwrap_or("")),
            r.verdict
                .as_ref()
                .map(|v| v.grade_label())
                .unwrap_or_default(),
            r.score_text(),
            r.errors,
            r.warnings,
            cell(&r.top_findings(2).join("；")),
            cell(
                &r.import
                    .as_ref()
                    .map(|i| i.text().replace('\n', "；"))
                    .unwrap_or_default()
            )
        );
    }
    let frequent = run.frequent_findings();
    if !frequent.is_empty() {
        out.push_str("\n### 最常见的问题\n\n| 代码 | 问题 | 报告数 | 次数 |\n|---|---|---|---|\n");
        for (code, title, reports, count) in frequent.iter().take(10) {
            let _ = writeln!(out, "| {code} | {} | {reports} | {count} |", cell(title));
        }
    }
    let p = run.provenance;
    let _ = writeln!(
        out,
        "\n<sub>dabiao {} · 规则包 {}（{}）· 阈值 {} · 数据集规范 {}</sub>",
        p.dabiao,
        p.rules,
        p.pack_label(),
        p.thresholds,
        p.schema
    );
    out
}
