//! The report itself: year, level, category and stages, the tables a rule looks at,
//! the listed schools, which of the eight parts a heading names, and headings as
//! they are compared.

use rhai::{Array, Dynamic, INT};

use super::Api;
use crate::base::vocab;
use crate::rules::context::stage_year;
use crate::rules::current::{with_ctx, with_rule};
use crate::rules::natives;

pub(super) fn register(api: &mut Api<'_>) {
    api.add(
        "report_year() -> int?",
        "报告年度；未知时为 `()`",
        report_year,
    );
    api.add(
        "level() -> string",
        "报告层级：school、county、city 或 province；未知时为空字符串",
        level,
    );
    api.add(
        "category() -> string",
        "报告的高职类别（如 medical）；未填写时为空字符串",
        category,
    );
    api.add(
        "stages() -> array",
        "报告覆盖的教育层次（secondary、higher）",
        stages,
    );
    api.add(
        "tables(table: string) -> array",
        "报告覆盖、本规则适用的各教育层次各年度该表的指针，如 `tables(\"scorecard\")`",
        tables,
    );
    api.add(
        "schools(stage: string) -> array",
        "学校名单（/schools）中该教育层次各学校的序号（从 0 起）",
        schools,
    );
    api.add(
        "school_stage(i: int) -> string?",
        "第 i 所学校的教育层次：学校填写的，否则按学校类型判断，否则为报告唯一的教育层次；都不能确定时为 `()`",
        school_stage,
    );
    api.add(
        "school_category(i: int) -> string?",
        "第 i 所学校的高职类别；学校未填写时为报告的类别，都没有时为 `()`",
        school_category,
    );
    api.add(
        "part_of(title: string) -> int",
        "标题属于八个部分中的哪一个（按模板顺序 0–7）；不属于或同时属于几个时为 -1",
        part_of,
    );
    api.add(
        "heading_text(title: string) -> string",
        "去掉空格、引号、书名号后的标题，用于比较",
        heading_text,
    );
    api.add(
        "heading_key(title: string) -> string",
        "去掉空格、引号、书名号和编号（第一部分、一、（一）、1.、1.1）后的标题，用于比较",
        heading_key,
    );
}

fn report_year() -> Dynamic {
    with_ctx(|c| c.year)
        .flatten()
        .map_or(Dynamic::UNIT, |y| Dynamic::from_int(y as INT))
}

fn level() -> String {
    with_ctx(|c| c.level.clone()).flatten().unwrap_or_default()
}

fn category() -> String {
    with_ctx(|c| c.category.clone())
        .flatten()
        .unwrap_or_default()
}

fn stages() -> Array {
    with_ctx(|c| c.stages.iter().map(|s| Dynamic::from(s.clone())).collect()).unwrap_or_default()
}

/// The table in every stage and year column present that the rule applies to.
fn tables(table: &str) -> Array {
    with_rule(|ctx, rule| {
        ctx.tables(table)
            .into_iter()
            .filter(|p| {
                stage_year(p).is_some_and(|(s, _)| {
                    rule.applies.stage_ok(s) && ctx.stages.iter().any(|x| x == s)
                })
            })
            .map(Dynamic::from)
            .collect()
    })
    .unwrap_or_default()
}

fn schools(stage: &str) -> Array {
    with_ctx(|c| {
        natives::schools_of(c, stage)
            .into_iter()
            .map(Dynamic::from_int)
            .collect()
    })
    .unwrap_or_default()
}

fn school_stage(i: INT) -> Dynamic {
    with_ctx(|c| natives::school_stage(c, i))
        .flatten()
        .map_or(Dynamic::UNIT, Dynamic::from)
}

fn school_category(i: INT) -> Dynamic {
    with_ctx(|c| natives::school_category(c, i))
        .flatten()
        .map_or(Dynamic::UNIT, Dynamic::from)
}

fn part_of(title: &str) -> INT {
    natives::part_of(title)
}

fn heading_text(title: &str) -> String {
    vocab::normalize_title(title)
}

fn heading_key(title: &str) -> String {
    vocab::strip_numbering(&vocab::normalize_title(title)).to_string()
}
