//! Writes an own table's grid, its caption's years and the prose about it under
//! `/tables/<k>`, each value located at the text it came from.

use serde_json::{Map, Value, json};

use crate::base::normalize::number_value;
use crate::base::source::Span;

use super::super::builder::Builder;
use super::grid::{Grid, GridCell, Years};
use super::prose::Prose;

fn cell_value(c: &GridCell) -> Value {
    let mut o = Map::new();
    o.insert("text".into(), c.text.clone().into());
    if let Some(v) = c.value {
        o.insert("value".into(), number_value(&c.text, v));
        if c.decimals > 0 {
            o.insert("precision".into(), json!(10f64.powi(-(c.decimals as i32))));
        }
        if c.rate {
            o.insert("rate".into(), true.into());
        }
    }
    Value::Object(o)
}

/// Header, rows, years and totals.
pub fn grid(g: &Grid, at: &str, b: &mut Builder) {
    let span_of = |cells: &[GridCell]| match (cells.first(), cells.last()) {
        (Some(f), Some(l)) => Span::new(f.span.start, l.span.end),
        _ => Span::new(0, 0),
    };
    if !g.header.is_empty() {
        let header: Vec<Value> = g.header.iter().map(|c| c.text.clone().into()).collect();
        b.set(
            &format!("{at}/header"),
            header.into(),
            None,
            span_of(&g.header),
        );
        for (k, c) in g.header.iter().enumerate() {
            b.locate(&format!("{at}/header/{k}"), c.span);
        }
    }
    let rows: Vec<Value> = g
        .rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let mut o = Map::new();
            if g.years == Years::InRows
                && let Some(y) = g.row_years[r]
            {
                o.insert("year".into(), y.into());
            }
            o.insert("cells".into(), cells.iter().map(cell_value).collect());
            Value::Object(o)
        })
        .collect();
    let all = g.rows.iter().flatten().map(|c| c.span);
    let whole = all
        .clone()
        .map(|s| s.start)
        .min()
        .zip(all.map(|s| s.end).max());
    let whole = whole.map_or(Span::new(0, 0), |(s, e)| Span::new(s, e));
    b.set(&format!("{at}/rows"), rows.into(), None, whole);
    for (r, cells) in g.rows.iter().enumerate() {
        b.locate(&format!("{at}/rows/{r}"), span_of(cells));
        for (k, c) in cells.iter().enumerate() {
            let p = format!("{at}/rows/{r}/cells/{k}");
            b.locate(&p, c.span);
            b.locate(&format!("{p}/text"), c.span);
            if c.value.is_some() {
                b.locate(&format!("{p}/value"), c.span);
            }
        }
    }
    let years = g.years();
    if !years.is_empty() {
        let list: Vec<Value> = years.iter().map(|(y, _, _)| (*y).into()).collect();
        b.set(&format!("{at}/years"), list.into(), None, whole);
        let lines: Vec<Value> = years.iter().map(|(_, k, _)| (*k).into()).collect();
        b.set(&format!("{at}/year_at"), lines.into(), None, whole);
        for (i, (_, _, s)) in years.iter().enumerate() {
            b.locate(&format!("{at}/years/{i}"), *s);
            b.locate(&format!("{at}/year_at/{i}"), *s);
        }
        let axis = if g.years == Years::InRows {
            "rows"
        } else {
            "columns"
        };
        b.set(&format!("{at}/years_in"), axis.into(), None, whole);
    }
    totals(g, at, b);
}

fn totals(g: &Grid, at: &str, b: &mut Builder) {
    for t in &g.totals {
        let item = json!({
            "axis": if t.column { "column" } else { "row" },
            "index": t.index,
            "parts": t.parts,
            "across": t.across,
            "whole": t.whole,
            "explicit": t.explicit,
        });
        let span = if t.column {
            g.header.get(t.index).map(|c| c.span)
        } else {
            g.rows[t.index].first().map(|c| c.span)
        };
        b.push(
            &format!("{at}/totals"),
            item,
            span.unwrap_or(Span::new(0, 0)),
        );
    }
}

/// The years a caption names when it names a span of them: "2022-2024年" →
/// 2022, 2023, 2024; "2023 年、2024 年" → 2023, 2024. One year names no span.
pub fn caption_years(title: &str, at: &str, b: &mut Builder, span: Span) {
    let years = years_named(title);
    if years.len() >= 2 {
        let list: Vec<Value> = years.into_iter().map(Value::from).collect();
        b.set(&format!("{at}/caption_years"), list.into(), None, span);
    }
}

pub fn years_named(title: &str) -> Vec<u32> {
    let c = crate::base::normalize::compact(title);
    let chars: Vec<char> = c.chars().collect();
    let mut found: Vec<(usize, u32)> = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let digits: String = chars[i..i + 4].iter().collect();
        let boundary = i == 0 || !chars[i - 1].is_ascii_digit();
        let end = chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if boundary
            && end
            && digits.chars().all(|d| d.is_ascii_digit())
            && let Ok(y) = digits.parse::<u32>()
            && (2000..2100).contains(&y)
        {
            found.push((i, y));
            i += 4;
            continue;
        }
        i += 1;
    }
    let mut out: Vec<u32> = Vec::new();
    for (k, &(pos, y)) in found.iter().enumerate() {
        let ranged = k > 0 && {
            let (prev_pos, prev) = found[k - 1];
            let between: String = chars[prev_pos + 4..pos].iter().collect();
            let between = between.trim_start_matches('年');
            matches!(between, "-" | "—" | "–" | "~" | "至" | "到" | "——")
                && prev < y
                && y - prev <= 10
        };
        if ranged {
            let prev = found[k - 1].1;
            out.extend(prev + 1..y);
        }
        if !out.contains(&y) {
            out.push(y);
        }
    }
    out.sort_unstable();
    out
}

/// The figures and changes the prose states for the table.
pub fn prose(g: &Grid, p: &Prose, at: &str, b: &mut Builder) {
    let cell = |(r, k): (usize, usize)| format!("{at}/rows/{r}/cells/{k}/value");
    for s in &p.said {
        let mut o = Map::new();
        o.insert("year".into(), s.year.into());
        o.insert("label".into(), s.label.clone().into());
        o.insert("value".into(), json!(s.value));
        o.insert("precision".into(), json!(10f64.powi(-(s.decimals as i32))));
        o.insert("cell".into(), cell(s.cell).into());
        o.insert("confirmed".into(), s.confirmed.into());
        o.insert("sentence".into(), s.sentence.into());
        if let Some(y) = s.other_year {
            o.insert("other_year".into(), y.into());
        }
        let p = b.push(&format!("{at}/prose"), Value::Object(o), s.span);
        b.locate(&format!("{p}/value"), s.span);
    }
    for t in &p.trends {
        let label = match g.years {
            Years::InRows => g.header.get(t.to.1),
            _ => g.rows[t.to.0].first(),
        }
        .map_or(String::new(), |c| c.text.clone());
        let item = json!({
            "year": t.year,
            "direction": if t.up { 1 } else { -1 },
            "label": label,
            "from": cell(t.from),
            "to": cell(t.to),
        });
        b.push(&format!("{at}/trends"), item, t.span);
    }
}
