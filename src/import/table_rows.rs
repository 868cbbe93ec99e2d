//! One indicator row of a data table: which template row it is (by name, or by the
//! row above for repeated names), its unit, and one value per year column, with a
//! finding for whatever cannot be mapped. [`super::data_tables`] decides which table
//! a row belongs to and where its columns are.

use serde_json::Value;

use crate::base::source::Span;
use crate::base::vocab::table_title;
use crate::dataset::source_map::push;
use crate::finding::{Code, Finding};

use super::builder::Builder;
use super::document::{Block, Cell};
use super::rows::{MatchKind, RowCatalog, Shape, Target, is_unit, unit_agrees};
use super::table_shape::{Columns, Extra};
use crate::base::normalize::{compact, is_dash, number_value, parse_number};

#[derive(Debug)]
pub(super) struct Table {
    pub(super) key: &'static str,
    pub(super) stage: &'static str,
    pub(super) caption: Span,
    pub(super) columns: Option<Columns>,
    /// The catalogue index the row above matched.
    pub(super) previous: Option<usize>,
    /// Rows of the list of specialty groups under 表3 (not indicator rows).
    pub(super) groups_list: Option<Vec<String>>,
    /// The first row of a header over two rows, waiting for its years.
    pub(super) top: Option<Vec<String>>,
    /// The last 序号 seen in this table (the first cell of a numbered row).
    pub(super) serial: Option<u32>,
}

/// `/data/<stage>/<year>/<table>`
pub(super) fn table_pointer(t: &Table, year: &str) -> String {
    push(&push(&push("/data", t.stage), year), t.key)
}

/// The parts of one row: name cell, unit cell, value cells.
struct RowParts<'a> {
    name: Option<&'a Cell>,
    unit: Option<&'a Cell>,
    values: &'a [Cell],
}

/// The 序号 of a row: a small integer in the first cell.
fn serial_of(cells: &[Cell]) -> Option<(u32, Span)> {
    let c = cells.first()?;
    let text = compact(&c.text);
    if text.is_empty() || !text.chars().all(|ch| ch.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().map(|n| (n, c.span))
}

/// A 序号 that repeats the one before it or goes back (1, 2, 2 or 1, 3, 2) is a
/// warning: a row was copied or renumbered by hand. A 序号 that skips ahead (1, 2, 4)
/// is not: reports that leave out template rows keep the template's numbers, and a
/// missing row is CMP-005's finding. Rows without a 序号 (其中 rows) are not counted;
/// the first 序号 of a table is not judged (a table continued on the next page may
/// start anywhere).
fn check_serial(table: &mut Table, cells: &[Cell], findings: &mut Vec<Finding>) {
    let Some((n, span)) = serial_of(cells) else {
        return;
    };
    let previous = table.serial.replace(n);
    let Some(m) = previous else {
        return;
    };
    let message = if n == m {
        format!("{}的序号 {n} 重复出现", table_title(table.key))
    } else if n < m {
        format!(
            "{}的序号在 {m} 之后是 {n}，应为 {}",
            table_title(table.key),
            m + 1
        )
    } else {
        return;
    };
    findings.push(
        import_finding(&super::codes::SERIAL, message, span)
            .with_help("核对这张表是否重复了或调换了行；序号应从 1 起逐行连续编号"),
    );
}

fn split_row<'a>(cells: &'a [Cell], columns: &Columns) -> RowParts<'a> {
    // A 序号 is a small integer in the first cell.
    let serial = usize::from(cells.first().is_some_and(|c| {
        !c.text.is_empty() && compact(&c.text).chars().all(|ch| ch.is_ascii_digit())
    }));
    let unit_at = columns
        .has_unit
        .then(|| {
            cells
                .iter()
                .skip(serial)
                .position(|c| is_unit(&c.text))
                .map(|i| i + serial)
        })
        .flatten();
    match unit_at {
        Some(u) => RowParts {
            name: cells[serial..u].iter().rev().find(|c| !c.text.is_empty()),
            unit: Some(&cells[u]),
            values: &cells[u + 1..],
        },
        None => {
            let name_at = cells[serial..]
                .iter()
                .position(|c| !c.text.is_empty())
                .map(|i| i + serial);
            match name_at {
                Some(n) => {
                    // A unit column that holds something we don't know as a unit.
                    let skip_unit = columns.has_unit
                        && cells.get(n + 1).is_some_and(|c| {
                            !c.text.is_empty()
                                && parse_number(&c.text).is_none()
                                && !is_dash(&c.text)
                        });
                    let from = n + 1 + usize::from(skip_unit);
                    RowParts {
                        name: Some(&cells[n]),
                        unit: skip_unit.then(|| &cells[n + 1]),
                        values: cells.get(from..).unwrap_or(&[]),
                    }
                }
                None => RowParts {
                    name: None,
                    unit: None,
                    values: &[],
                },
            }
        }
    }
}

fn import_finding(code: &Code, message: String, span: Span) -> Finding {
    Finding::of(code, message).at(span)
}

/// Reads one indicator row: which template row it is, its unit, one value per year.
pub(super) fn read_row(
    catalog: &RowCatalog,
    table: &mut Table,
    columns: &Columns,
    cells: &[Cell],
    block: &Block,
    b: &mut Builder,
    findings: &mut Vec<Finding>,
) {
    let parts = split_row(cells, columns);
    if parts.name.is_none() && parts.unit.is_none() {
        return; // an empty row
    }
    check_serial(table, cells, findings);
    let Some(target) = row_target(catalog, table, &parts, block, findings) else {
        return;
    };
    table.previous = Some(target);
    let t = &catalog.targets[target];
    let anchor = parts.name.or(parts.unit).map_or(block.span, |c| c.span);
    check_unit(t, &parts, findings);
    let below = t.pointer_below_table();
    for (k, year) in columns.years.iter().enumerate() {
        let mut pointer = table_pointer(table, year) + below.as_str();
        if t.shape == Shape::Satisfaction {
            pointer.push_str("/value");
        }
        if b.has(&pointer) {
            // One finding per row, not per year column.
            if k == 0 {
                findings.push(
                    import_finding(
                        &super::codes::DUPLICATE_ROW,
                        format!(
                            "“{}”在{}中出现了不止一次；只导入第一次出现的值",
                            t.title,
                            table_title(table.key),
                        ),
                        anchor,
                    )
                    .with_help("删去重复的行，或改正行名"),
                );
            }
            continue;
        }
        let (value, span) = cell_value(parts.values.get(k), anchor, &t.title, year, findings);
        b.set(&pointer, value, Some(anchor), span);
    }
    if t.shape == Shape::Satisfaction {
        satisfaction_extras(table, columns, &parts, &below, anchor, b);
    }
    let used = columns.years.len() + columns.extras.len();
    if let Some(extra) = parts
        .values
        .get(used..)
        .and_then(|rest| rest.iter().find(|c| !c.text.is_empty()))
    {
        findings.push(
            import_finding(
                &super::codes::EXTRA_CELLS,
                format!(
                    "“{}”这一行的单元格比表头多，多出的“{}”未导入",
                    t.title, extra.text
                ),
                extra.span,
            )
            .with_help("检查这一行是否错位（多了一个单元格或少了单位）"),
        );
    }
}

/// The template row a table row is: by its name, or, for a row with only a unit
/// (学时), the hours of the row above. `None` (with a finding) if it is none.
fn row_target(
    catalog: &RowCatalog,
    table: &Table,
    parts: &RowParts<'_>,
    block: &Block,
    findings: &mut Vec<Finding>,
) -> Option<usize> {
    let Some(name) = parts.name else {
        let unit = parts.unit.map(|u| compact(&u.text)).unwrap_or_default();
        let hours = (unit == "学时" || unit == "课时")
            .then(|| table.previous.and_then(|p| catalog.hours_of(p)))
            .flatten();
        if hours.is_none() {
            findings.push(
                import_finding(
                    &super::codes::UNMAPPED_ROW,
                    format!(
                        "{}中这一行没有指标名称，也不是上一行的“学时”续行，未导入",
                        table_title(table.key)
                    ),
                    block.span,
                )
                .with_help("补上这一行的指标名称"),
            );
        }
        return hours;
    };
    let Some((i, kind)) = catalog.find(table.key, &name.text, table.previous) else {
        findings.push(
            import_finding(
                &super::codes::UNMAPPED_ROW,
                format!(
                    "{}中的“{}”对不上国家模板中的任何指标，未导入",
                    table_title(table.key),
                    name.text
                ),
                name.span,
            )
            .with_label("模板中没有这一行")
            .with_help("核对指标名称是否与模板一致；模板的全部指标见 dabiao schema --markdown"),
        );
        return None;
    };
    if kind == MatchKind::Approximate {
        findings.push(
            import_finding(
                &super::codes::APPROXIMATE_ROW,
                format!(
                    "“{}”按相近的名称对应到模板中的“{}”",
                    name.text, catalog.targets[i].title
                ),
                name.span,
            )
            .with_label("与模板的名称相近")
            .with_help("核对这一行是否就是该指标；如是，建议改用模板中的名称"),
        );
    }
    Some(i)
}

/// A unit that differs from the template's (万元 for 元) is worth a look.
fn check_unit(t: &Target, parts: &RowParts<'_>, findings: &mut Vec<Finding>) {
    let (Some(unit), Some(expected)) = (parts.unit, t.unit.as_deref()) else {
        return;
    };
    let hours = t.path.last().is_some_and(|l| l == "hours") && unit_agrees(&unit.text, "学时");
    if unit.text.is_empty() || unit_agrees(&unit.text, expected) || hours {
        return;
    }
    findings.push(
        import_finding(
            &super::codes::UNIT,
            format!(
                "“{}”的单位写作“{}”，模板的单位是“{}”；数值按原样导入，未换算",
                t.title, unit.text, expected
            ),
            unit.span,
        )
        .with_label("单位与模板不同")
        .with_help("按模板的单位填写（例如金额以万元还是元为单位），并核对数值"),
    );
}

fn cell_value(
    cell: Option<&Cell>,
    anchor: Span,
    title: &str,
    year: &str,
    findings: &mut Vec<Finding>,
) -> (Value, Span) {
    let Some(cell) = cell.filter(|c| !c.text.is_empty()) else {
        return (Value::Null, anchor);
    };
    if is_dash(&cell.text) {
        return (Value::String("-".into()), cell.span);
    }
    match parse_number(&cell.text) {
        Some(x) => (number_value(&cell.text, x), cell.span),
        None => {
            findings.push(
                Finding::of(
                    &super::codes::VALUE,
                    format!("“{title}”{year} 年一列的“{}”不是一个数，未导入", cell.text),
                )
                .at(cell.span)
                .with_label("应为数字")
                .with_help("单元格只填数字（不带单位）；空白表示未填写，“-”表示不适用"),
            );
            (Value::Null, cell.span)
        }
    }
}

/// 调查人次 and 调查方式 are given once per row; they belong to the report year, the
/// last year column.
fn satisfaction_extras(
    table: &Table,
    columns: &Columns,
    parts: &RowParts<'_>,
    below: &str,
    anchor: Span,
    b: &mut Builder,
) {
    let Some(year) = columns.years.last() else {
        return;
    };
    let base = table_pointer(table, year) + below;
    for (k, extra) in columns.extras.iter().enumerate() {
        let cell = parts.values.get(columns.years.len() + k);
        let (field, value) = match (extra, cell) {
            (Extra::Other, _) => continue,
            (_, None) => continue,
            (_, Some(c)) if c.text.is_empty() => continue,
            (Extra::Respondents, Some(c)) if is_dash(&c.text) => {
                ("respondents", Value::String("-".into()))
            }
            (Extra::Respondents, Some(c)) => match parse_number(&c.text) {
                Some(x) => ("respondents", number_value(&c.text, x)),
                None => continue,
            },
            (Extra::Method, Some(c)) => ("method", Value::String(c.text.clone())),
        };
        let span = cell.map_or(anchor, |c| c.span);
        b.set(&push(&base, field), value, Some(anchor), span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            key: "policy",
            stage: "secondary",
            caption: Span::new(0, 0),
            columns: None,
            previous: None,
            groups_list: None,
            top: None,
            serial: None,
        }
    }

    fn row(first: &str, at: usize) -> Vec<Cell> {
        vec![
            Cell {
                text: first.to_string(),
                span: Span::new(at, at + first.len()),
            },
            Cell {
                text: "指标".to_string(),
                span: Span::new(at + 4, at + 10),
            },
        ]
    }

    /// The messages of the 序号 findings of rows whose first cells are `serials`.
    fn serial_findings(serials: &[&str]) -> Vec<String> {
        let mut t = table();
        let mut findings = Vec::new();
        for (i, s) in serials.iter().enumerate() {
            check_serial(&mut t, &row(s, i * 20), &mut findings);
        }
        findings.iter().map(|f| f.message.clone()).collect()
    }

    #[test]
    fn consecutive_serials_and_unnumbered_rows_are_quiet() {
        assert!(serial_findings(&["1", "2", "", "", "3", "4"]).is_empty());
        // Rows left out keep the template's numbers (a missing row is CMP-005's).
        assert!(serial_findings(&["1", "2", "5", "8"]).is_empty());
        // A table continued on the next page may start anywhere.
        assert!(serial_findings(&["5", "6", "7"]).is_empty());
    }

    #[test]
    fn a_repeat_or_a_step_back_is_a_warning_at_the_serial() {
        let found = serial_findings(&["1", "2", "2", "4", "3", "5"]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("序号 2 重复"), "{found:?}");
        assert!(found[1].contains("在 4 之后是 3，应为 5"), "{found:?}");
    }
}
