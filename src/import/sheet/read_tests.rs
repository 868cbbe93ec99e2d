//! Grids laid out as dabiao writes them and as people make them, read into datasets.

use serde_json::json;

use super::read::read;
use super::{Grid, Sheet, rows_of};

fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: name.to_string(),
        rows: rows_of(rows),
    }
}

fn workbook() -> Grid {
    Grid {
        sheets: vec![
            sheet("填写说明", &[&["请在各表中填写数字"]]),
            sheet(
                "报告信息",
                &[
                    &["报告信息"],
                    &["项目", "内容", "键", "说明"],
                    &[
                        "报告标题",
                        "示例县职业中学质量年度报告（2024年度）",
                        "title",
                    ],
                    &["报告层级", "学校", "level"],
                    &["覆盖的教育层次", "高职", "stages"],
                    &["报告年度", "2024", "year"],
                    &["编制主体名称", "示例县职业中学", "entity.name"],
                    &["编制主体代码（行政区划代码或学校标识码）", "3100000001", ""],
                    &["发布日期", "2025-01-20", "published.date"],
                ],
            ),
            sheet(
                "表1 计分卡（高职）",
                &[
                    &["表1 人才培养质量计分卡（高职）"],
                    &["序号", "指标", "单位", "2023年", "2024年"],
                    &["1", "毕业生人数", "人", "538", "560"],
                    &["2", "毕业去向落实人数", "人", "525", ""],
                ],
            ),
            sheet(
                "计分卡",
                &[
                    &["序号", "指标", "单位", "2024年"],
                    &["1", "毕业生人数", "人", "99"],
                ],
            ),
            sheet(
                "学校办学条件",
                &[
                    &["学校办学条件"],
                    &["学校名称", "全日制在校生数（人）", "举办性质", "身高"],
                    &["示例县职业中学", "1,812", "公办", "170"],
                ],
            ),
            sheet(
                "报告结构",
                &[
                    &["报告结构"],
                    &["类别", "编号", "所在部分", "标题", "字数", "其他"],
                    &["部分", "1", "", "基本情况"],
                    &["小节", "1.1", "", "学校概况"],
                    &["部分", "2", "", "人才培养"],
                    &["案例", "2-1", "2", "以赛促学"],
                    &[
                        "表",
                        "1.1",
                        "1",
                        "办学条件对比",
                        "",
                        "{\"years\":[2023,2024]}",
                    ],
                ],
            ),
            sheet(
                "其他数据",
                &[
                    &["其他数据"],
                    &["键", "内容"],
                    &["/facts", "[{\"a\":"],
                    &["/facts", "1}]"],
                    &["/data/higher/2024/scorecard/extra", "5"],
                ],
            ),
        ],
    }
}

#[test]
fn a_workbook_in_dabiaos_layout_reads_into_the_dataset() {
    let got = read(&workbook());
    let v = &got.imported.value;
    assert_eq!(
        v["report"],
        json!({
            "title": "示例县职业中学质量年度报告（2024年度）",
            "level": "school",
            "stages": ["higher"],
            "year": 2024,
            "entity": {"name": "示例县职业中学", "code": "3100000001"},
            "published": {"date": "2025-01-20"}
        })
    );
    assert_eq!(
        v["data"]["higher"]["2023"]["scorecard"]["graduates"],
        json!(538)
    );
    assert_eq!(
        v["data"]["higher"]["2024"]["scorecard"]["placed"],
        json!(null)
    );
    assert_eq!(v["data"]["higher"]["2024"]["scorecard"]["extra"], json!(5));
    assert_eq!(
        v["schools"],
        json!([{"name": "示例县职业中学", "full_time_students": 1812, "ownership": "public"}])
    );
    assert_eq!(
        v["sections"],
        json!([
            {"no": 1, "title": "基本情况", "subsections": [{"no": "1.1", "title": "学校概况"}]},
            {"no": 2, "title": "人才培养"}
        ])
    );
    assert_eq!(
        v["cases"],
        json!([{"id": "2-1", "part": 2, "title": "以赛促学"}])
    );
    assert_eq!(
        v["tables"],
        json!([{"id": "1.1", "part": 1, "title": "办学条件对比", "years": [2023, 2024]}])
    );
    assert_eq!(v["facts"], json!([{"a": 1}]));
}

#[test]
fn findings_values_and_parts_point_at_their_cells() {
    let got = read(&workbook());
    // The unknown column is named at its cell.
    let codes: Vec<_> = got
        .imported
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert!(codes.contains(&super::codes::FIELD.id), "{codes:?}");
    let f = got
        .imported
        .findings
        .iter()
        .find(|f| f.message.contains("身高"))
        .unwrap();
    assert_eq!(
        got.cells.at(f.span.unwrap().start).as_deref(),
        Some("学校办学条件!D2")
    );
    // A value points at its cell.
    let at = got
        .imported
        .map
        .get("/data/higher/2023/scorecard/graduates")
        .unwrap();
    assert_eq!(
        got.cells.at(at.value.start).as_deref(),
        Some("'表1 计分卡（高职）'!D3")
    );
    let at = got.imported.map.get("/report/entity/code").unwrap();
    assert_eq!(got.cells.at(at.value.start).as_deref(), Some("报告信息!B8"));
    // A part as a whole is at its header row (a required field missing from it).
    let at = got.imported.map.get("/report").unwrap();
    assert_eq!(got.cells.at(at.value.start).as_deref(), Some("报告信息!A2"));
    // What 其他数据 holds: its key at the 键 cell (an unknown key is named there).
    let at = got.imported.map.get("/facts").unwrap();
    assert_eq!(
        got.cells.at(at.key.unwrap().start).as_deref(),
        Some("其他数据!A3")
    );
}

#[test]
fn a_sheet_named_for_its_table_needs_no_caption() {
    let grid = Grid {
        sheets: vec![
            sheet(
                "计分卡（中职）",
                &[
                    &["序号", "指标", "单位", "2024年"],
                    &["1", "毕业生人数", "人", "99"],
                ],
            ),
            sheet(
                "Sheet2",
                &[
                    &["附表3 教学资源表"],
                    &["序号", "指标", "单位", "2024年"],
                    &["1", "专业数量", "个", "8"],
                ],
            ),
        ],
    };
    let got = read(&grid);
    let v = &got.imported.value;
    assert_eq!(
        v["data"]["secondary"]["2024"]["scorecard"]["graduates"],
        json!(99)
    );
    assert_eq!(
        v["data"]["secondary"]["2024"]["resources"]["specialties"],
        json!(8)
    );
    assert_eq!(v["report"]["year"], json!(2024));
    assert!(v.get("sections").is_none(), "a workbook has no parts: {v}");
}
