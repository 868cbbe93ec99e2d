//! References in the body text to a figure or a table by its number: "如图 3-2
//! 所示", "（见表 4-1）", "由图2可以看出". They go into the dataset as `refs[]`, so
//! that a rule can check each points at a caption that exists. "代表 3 名", "发表
//! 2 篇", "附表1" are no references.

use serde_json::json;

use super::builder::Builder;
use crate::base::source::Span;

/// What may stand right before 图/表 in a reference (or the start of the text).
const BEFORE: &str = "如见参照据从由在（(，,、。：:与和及详按";

/// What may not follow the number: a unit ("表 3 名" is no table).
const UNIT_AFTER: &str = "名人篇个项次家位元万亿%％年月日";

/// A reference: "图" or "表", the number as written ("3-2"), its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub kind: &'static str,
    pub id: String,
    pub span: Span,
}

/// The references in `text` (which starts at offset `start` of the shown text).
pub fn find(text: &str, start: usize) -> Vec<Ref> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let kind = match c {
            '图' => "图",
            '表' => "表",
            _ => continue,
        };
        let before = k.checked_sub(1).map(|j| chars[j].1);
        if before.is_some_and(|b| !BEFORE.contains(b)) {
            continue;
        }
        let mut m = k + 1;
        while m < chars.len() && chars[m].1 == ' ' {
            m += 1;
        }
        let from = m;
        while m < chars.len()
            && (chars[m].1.is_ascii_digit() || matches!(chars[m].1, '-' | '.' | '－'))
        {
            m += 1;
        }
        let id: String = chars[from..m]
            .iter()
            .map(|x| if x.1 == '－' { '-' } else { x.1 })
            .collect::<String>()
            .trim_end_matches(['-', '.'])
            .to_string();
        if id.is_empty() || !id.starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let mut after = m;
        while after < chars.len() && chars[after].1 == ' ' {
            after += 1;
        }
        if chars.get(after).is_some_and(|x| UNIT_AFTER.contains(x.1)) {
            continue;
        }
        let end = chars.get(m).map_or(text.len(), |x| x.0);
        out.push(Ref {
            kind,
            id,
            span: Span::new(start + i, start + end),
        });
    }
    out
}

/// Writes `/refs`.
pub fn write(b: &mut Builder, refs: &[Ref]) {
    for r in refs {
        let p = b.push("/refs", json!({ "kind": r.kind, "id": r.id }), r.span);
        b.locate(&format!("{p}/id"), r.span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(t: &str) -> Vec<String> {
        find(t, 0)
            .into_iter()
            .map(|r| format!("{}{}", r.kind, r.id))
            .collect()
    }

    #[test]
    fn references_are_found() {
        assert_eq!(
            ids("如图 3-2 所示，招生稳步增长（见表4-1）。"),
            ["图3-2", "表4-1"]
        );
        assert_eq!(ids("图2显示了各校的分布。"), ["图2"]);
    }

    #[test]
    fn words_that_end_in_the_characters_are_not() {
        assert!(ids("学生代表3名发言，教师发表2篇论文，详见附表1。").is_empty());
        assert!(ids("见表 3 名单").is_empty());
    }
}
