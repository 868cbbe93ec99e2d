//! Own tables read from whole (invented) report texts: captions above and below,
//! the prose around them, and the references to them.

use serde_json::{Value, json};

use super::{names_table, table_ids_named};
use crate::import::import_text;

fn table(text: &str, k: usize) -> Value {
    let v = import_text(text).value;
    v.pointer(&format!("/tables/{k}"))
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn caption_below_years_in_rows_with_prose_before() {
    let t = table(
        "1. 基本情况\n\n2024年共培训学员1520人次，其中企业职工980人次，退役军人310人次。\n\n\
         年度\t培训总数（人次）\t企业职工\t退役军人\t农民\n\
         2024年\t1520\t980\t301\t239\n2023年\t1388\t900\t260\t228\n\n\
         表 1.1 社会培训情况\n\n2. 人才培养\n\n正文。\n",
        0,
    );
    assert_eq!(t["years"], json!([2024, 2023]));
    assert_eq!(t["years_in"], "rows");
    assert_eq!(t["totals"][0]["parts"], json!([2, 3, 4]));
    let said = t["prose"].as_array().unwrap();
    assert_eq!(said.len(), 2);
    assert_eq!(said[1]["label"], "退役军人");
    assert_eq!(said[1]["value"], 310.0);
    assert_eq!(said[1]["confirmed"], true);
    assert_eq!(said[1]["cell"], "/tables/0/rows/0/cells/3/value");
}

#[test]
fn caption_above_years_in_columns_and_a_trend_after() {
    let t = table(
        "1. 基本情况\n\n表 1.2 2023-2024年教师情况\n项目\t2023年\t2024年\n兼职教师数（人）\t40\t36\n\n\
         兼职教师数比上年有所增加。\n\n2. 人才培养\n\n正文。\n",
        0,
    );
    assert_eq!(t["years_in"], "columns");
    assert_eq!(t["caption_years"], json!([2023, 2024]));
    assert_eq!(t["trends"][0]["direction"], 1);
    assert_eq!(t["trends"][0]["to"], "/tables/0/rows/0/cells/2/value");
}

#[test]
fn prose_reaches_a_table_it_names_but_not_across_a_heading() {
    let text = "1. 基本情况\n\n2024年获奖总数52项（见表 1.3）。\n\n1.2 其他\n\n2024年一等奖9项，二等奖20项。\n\n\
                1.3 获奖\n\n表 1.3 获奖情况\n年度\t一等奖\t二等奖\n2024年\t9\t21\n\n2. 人才培养\n\n正文。\n";
    let t = table(text, 0);
    // The paragraph under 1.2 is cut off by the heading 1.3; the one that names
    // the table names no row of it.
    assert!(t.get("prose").is_none(), "{t}");
}

/// The index of named tables reads each paragraph as `names_table` does.
#[test]
fn named_table_index_agrees_with_names_table() {
    let texts = [
        "见表6.1和表 2-3。",
        "如表6所示，表6.12另列。",
        "表6.、表7-。表8.1.2",
        "详见附表3（表 3.4）",
        "没有表格",
        "表一和表A",
    ];
    let ids = [
        "6", "6.1", "6.12", "2-3", "2", "3", "7", "8.1", "8.1.2", "3.4", "8",
    ];
    for t in texts {
        let named = table_ids_named(t);
        for id in ids {
            assert_eq!(
                names_table(t, id),
                named.iter().any(|n| n == id),
                "{t} / {id}: {named:?}"
            );
        }
    }
}
