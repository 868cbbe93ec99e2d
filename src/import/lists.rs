//! Lists of names in the narrative: the names given after a count ("共有学校 6 所，
//! 其中中专 2 所（甲、乙）……", "共 3 所：甲、乙、丙"), the examples before one
//! ("甲、乙等 18 个专业") and the name columns of numbered tables ("序号 学校名称 …"
//! with its caption). They go into the dataset as `lists[]`, so that rules can
//! compare a count with its names and the same list given twice; the names also
//! feed the search for a name written two ways ([`super::names`]).

use serde_json::{Map, Value, json};

use super::builder::Builder;
use super::document::{Block, BlockKind};
use super::names;
use super::outline::caption;
use crate::base::normalize::{compact, small_chinese_number};
use crate::base::source::Span;

/// Units a count of named things takes.
const UNITS: &[char] = &['所', '个', '家', '项', '门', '支', '位', '名'];

/// Verbs and markers that lead an example list ("新增甲、乙等"), dropped from the
/// first item.
const LEADS: &[&str] = &[
    "例如",
    "比如",
    "包括",
    "如",
    "新增设",
    "新增",
    "增设",
    "新开设",
    "开设",
    "涵盖",
    "拥有",
    "建成",
    "打造",
    "培育",
    "形成",
    "有",
];

/// One list of names.
#[derive(Debug, Clone)]
pub struct List {
    /// The count stated with it; none for a table's column.
    pub count: Option<u32>,
    pub unit: String,
    /// The words after the count ("新兴专业") or the column's header ("学校名称").
    pub noun: String,
    /// Distinct names, in order, with their spans.
    pub items: Vec<(String, Span)>,
    /// Not "……等": the list is meant to be whole.
    pub complete: bool,
    /// A table's column: its numbered rows and caption.
    pub rows: Option<u32>,
    pub caption: Option<String>,
    /// A table's column: the list (index in `lists`) stated with a count in the
    /// paragraph right above the table.
    pub follows: Option<usize>,
    pub span: Span,
}

/// A numbered table being read: its name columns.
#[derive(Debug)]
struct OpenTable {
    columns: Vec<(usize, String)>,
    items: Vec<Vec<(String, Span)>>,
    rows: u32,
    span: Span,
    caption: Option<String>,
    follows: Option<usize>,
}

/// Collects the lists while the reader walks the report.
#[derive(Debug, Default)]
pub struct Lists {
    lists: Vec<List>,
    table: Option<OpenTable>,
    /// Lists of the table just closed (index of the first), waiting for a caption below it.
    closed: Option<usize>,
    /// A caption just seen, waiting for a table below it.
    pending_caption: Option<String>,
    /// Every block's text, for finding names written two ways.
    texts: Vec<(String, Span)>,
    /// References to figures and tables in the body text.
    refs: Vec<super::refs::Ref>,
    /// The lists the last paragraph gave (first index) and the blocks seen since.
    last_paragraph: Option<usize>,
    blocks_since: usize,
}

impl Lists {
    /// Any block, in order: rows build numbered tables, a caption next to a table
    /// names it, any other block closes the table.
    pub fn block(&mut self, block: &Block) {
        self.blocks_since += 1;
        if block.text.len() == block.span.len() {
            self.texts.push((block.text.clone(), block.span));
        }
        if block.kind == BlockKind::Row {
            self.row(block);
            return;
        }
        let cap = caption(&block.text, "图")
            .map(|c| ("图", c))
            .or_else(|| caption(&block.text, "表").map(|c| ("表", c)));
        let was_open = self.table.is_some();
        self.close();
        match cap {
            Some((word, c)) => {
                let label = format!("{word} {} {}", c.id, c.title);
                if was_open || self.closed.is_some() {
                    if let Some(first) = self.closed.take() {
                        for l in &mut self.lists[first..] {
                            l.caption.get_or_insert_with(|| label.clone());
                        }
                    }
                    self.pending_caption = None;
                } else {
                    self.pending_caption = Some(label);
                }
            }
            None => {
                self.closed = None;
                self.pending_caption = None;
            }
        }
    }

    fn row(&mut self, block: &Block) {
        let first = block
            .cells
            .first()
            .map_or(String::new(), |c| compact(&c.text));
        if matches!(first.as_str(), "序号" | "编号" | "序") {
            self.close();
            let columns: Vec<(usize, String)> = block
                .cells
                .iter()
                .enumerate()
                .skip(1)
                .map(|(k, c)| (k, compact(&c.text)))
                .filter(|(_, h)| name_column(h))
                .collect();
            if !columns.is_empty() {
                self.table = Some(OpenTable {
                    items: vec![Vec::new(); columns.len()],
                    columns,
                    rows: 0,
                    span: block.span,
                    caption: self.pending_caption.take(),
                    follows: self.stated_above(),
                });
            }
            self.closed = None;
            return;
        }
        let Some(t) = self.table.as_mut() else { return };
        if first.is_empty() || !first.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        t.rows += 1;
        t.span = Span::new(t.span.start, block.span.end);
        for (m, &(k, _)) in t.columns.iter().enumerate() {
            let Some(cell) = block.cells.get(k) else {
                continue;
            };
            let name = clean_item(&cell.text);
            if !name.is_empty() && !t.items[m].iter().any(|(n, _)| *n == name) {
                t.items[m].push((name, cell.span));
            }
        }
    }

    /// The whole list with a count that the paragraph right above gave: the one
    /// with the most names.
    fn stated_above(&self) -> Option<usize> {
        let first = self.last_paragraph.filter(|_| self.blocks_since == 1)?;
        (first..self.lists.len())
            .filter(|&i| {
                let l = &self.lists[i];
                l.complete && l.count == Some(l.items.len() as u32)
            })
            .max_by_key(|&i| self.lists[i].items.len())
    }

    fn close(&mut self) {
        let Some(t) = self.table.take() else { return };
        if t.rows < 2 {
            return;
        }
        self.closed = Some(self.lists.len());
        for ((_, header), items) in t.columns.into_iter().zip(t.items) {
            if items.len() < 2 {
                continue;
            }
            self.lists.push(List {
                count: None,
                unit: String::new(),
                noun: header,
                items,
                complete: true,
                rows: Some(t.rows),
                caption: t.caption.clone(),
                follows: t.follows,
                span: t.span,
            });
        }
    }

    /// A paragraph of body text (`start`: its offset in the shown text).
    pub fn paragraph(&mut self, text: &str, start: usize) {
        self.last_paragraph = Some(self.lists.len());
        self.blocks_since = 0;
        self.refs.extend(super::refs::find(text, start));
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if matches!(c, '。' | '；' | '！' | '？' | ';') {
                self.sentence(&text[from..i], start + from);
                from = i + c.len_utf8();
            }
        }
        if from < text.len() {
            self.sentence(&text[from..], start + from);
        }
    }

    fn sentence(&mut self, s: &str, start: usize) {
        let counts = counts_in(s);
        let mut found: Vec<Option<List>> = counts.iter().map(|c| list_at(s, start, c)).collect();
        union_of_groups(s, start, &counts, &mut found);
        self.lists.extend(found.into_iter().flatten());
    }

    /// Writes `/lists`, `/name_variants` and `/refs`.
    pub fn finish(mut self, b: &mut Builder) {
        self.close();
        for l in &self.lists {
            write_list(b, l);
        }
        let known: Vec<(String, Span)> = self
            .lists
            .iter()
            .flat_map(|l| l.items.iter().cloned())
            .collect();
        names::write_variants(b, &known, &self.texts);
        super::refs::write(b, &self.refs);
    }
}

fn write_list(b: &mut Builder, l: &List) {
    let mut m = Map::new();
    if let Some(n) = l.count {
        m.insert("count".into(), n.into());
        m.insert("unit".into(), l.unit.clone().into());
    }
    if !l.noun.is_empty() {
        m.insert("noun".into(), l.noun.clone().into());
    }
    let items: Vec<Value> = l.items.iter().map(|(n, _)| json!(n)).collect();
    m.insert("items".into(), items.into());
    m.insert("complete".into(), l.complete.into());
    if let Some(r) = l.rows {
        m.insert("rows".into(), r.into());
    }
    if let Some(c) = &l.caption {
        m.insert("caption".into(), c.clone().into());
    }
    if let Some(f) = l.follows {
        m.insert("follows".into(), f.into());
    }
    let p = b.push("/lists", Value::Object(m), l.span);
    if l.count.is_some() {
        b.locate(&format!("{p}/count"), l.span);
    }
    for (j, (_, span)) in l.items.iter().enumerate() {
        b.locate(&format!("{p}/items/{j}"), *span);
    }
}

/// A header that names a column of names: "学校名称", "新增专业", "合作企业".
fn name_column(h: &str) -> bool {
    h.contains("名称")
        || h.contains("名单")
        || ["学校", "院校", "专业", "企业", "单位", "基地"]
            .iter()
            .any(|w| h.ends_with(w))
}

/// A name as listed: without quotes, brackets' notes and trailing punctuation.
fn clean_item(s: &str) -> String {
    let c = compact(s);
    let c = c.split(['(', '（']).next().unwrap_or("");
    c.trim_matches(|ch: char| "“”\"'‘’《》「」,，:：.。".contains(ch))
        .to_string()
}

/// A count in a sentence: "6 所", "十二个".
#[derive(Debug, Clone)]
struct Count {
    value: u32,
    unit: char,
    /// Byte offsets in the sentence: the number's start, after the unit.
    start: usize,
    end: usize,
}

fn counts_in(s: &str) -> Vec<Count> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let numeral = |c: char| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两'
                )
        };
        if !numeral(chars[k].1) {
            k += 1;
            continue;
        }
        let a = k;
        while k < chars.len() && numeral(chars[k].1) {
            k += 1;
        }
        // A number glued to a digit or a decimal point is part of something else.
        let before = a.checked_sub(1).map(|j| chars[j].1);
        let mut u = k;
        while u < chars.len() && chars[u].1 == ' ' {
            u += 1;
        }
        let Some(&(ui, unit)) = chars.get(u) else {
            break;
        };
        if !UNITS.contains(&unit) || before.is_some_and(|c| c == '.' || c == '第') {
            continue;
        }
        let digits: String = chars[a..k].iter().map(|x| x.1).collect();
        let value = digits
            .parse()
            .ok()
            .or_else(|| small_chinese_number(&digits));
        if let Some(value) = value.filter(|v| *v >= 2) {
            out.push(Count {
                value,
                unit,
                start: chars[a].0,
                end: ui + unit.len_utf8(),
            });
        }
    }
    out
}

/// The words right after a count ("新兴专业"), up to punctuation or a bracket.
fn noun_after(rest: &str) -> &str {
    let end = rest
        .char_indices()
        .find(|&(i, c)| !c.is_alphabetic() || c.is_ascii() || rest[..i].chars().count() >= 10)
        .map_or(rest.len(), |(i, _)| i);
    let noun = &rest[..end];
    let cut = ["分别", "包括"]
        .iter()
        .filter_map(|w| noun.find(w))
        .min()
        .unwrap_or(noun.len());
    &noun[..cut]
}

/// The list a count introduces or ends: "N 所（甲、乙）", "N 所：甲、乙", "甲、乙等 N 个".
fn list_at(s: &str, start: usize, c: &Count) -> Option<List> {
    let rest = &s[c.end..];
    let noun = noun_after(rest);
    let after = rest[noun.len()..].trim_start();
    let offset = s.len() - after.len();
    let body = if let Some(inner) = after.strip_prefix(['（', '(']) {
        inner
            .find(['）', ')'])
            .map(|close| (&inner[..close], offset + (after.len() - inner.len())))
    } else {
        [
            "：",
            ":",
            "，分别是",
            "，分别为",
            "，包括",
            "分别是",
            "分别为",
            "包括",
        ]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .map(|lead| {
            let end = lead.find(['，', ',']).unwrap_or(lead.len());
            (&lead[..end], offset + (after.len() - lead.len()))
        })
    };
    body.and_then(|(body, at)| names_in(body, start + at, c, noun, false))
        .or_else(|| examples_before(s, start, c, noun))
}

fn examples_before(s: &str, start: usize, c: &Count, noun: &str) -> Option<List> {
    let head = s[..c.start].trim_end();
    let head = head.strip_suffix('等')?;
    let from = head
        .rfind(['，', ',', '：', ':', '“', '（', '('])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut body = &head[from..];
    let mut at = from;
    for w in LEADS {
        if let Some(r) = body.strip_prefix(w) {
            at += w.len();
            body = r;
            break;
        }
    }
    // "学校建有甲、乙等": the subject and its verb are no part of the first name.
    let first = body.split('、').next().unwrap_or("");
    if let Some((i, w)) = ["建有", "设有", "拥有", "开设", "新增", "包括", "涵盖", "如"]
        .iter()
        .filter_map(|w| first.rfind(w).map(|i| (i, w.len())))
        .max()
    {
        at += i + w;
        body = &body[i + w..];
    }
    let mut l = names_in(body, start + at, c, noun, true)?;
    l.complete = false;
    Some(l)
}

/// The names in `body` split at 、 (at least two, none a figure).
fn names_in(body: &str, at: usize, c: &Count, noun: &str, examples: bool) -> Option<List> {
    let b = body.trim_end_matches(['。', '；', ';']);
    if !b.contains('、') || b.chars().any(|ch| ch.is_ascii_digit()) {
        return None;
    }
    let complete = !examples && !b.ends_with('等') && !b.contains("等");
    let mut items = Vec::new();
    let mut pos = 0;
    for piece in b.split('、') {
        let name = clean_item(piece.trim_end_matches('等'));
        let lead = piece.len() - piece.trim_start().len();
        if name.chars().count() >= 2 && name.chars().count() <= 30 {
            let a = at + pos + lead;
            items.push((name, Span::new(a, at + pos + piece.len())));
        }
        pos += piece.len() + '、'.len_utf8();
    }
    (items.len() >= 2).then(|| List {
        count: Some(c.value),
        unit: c.unit.to_string(),
        noun: noun.to_string(),
        items,
        complete,
        rows: None,
        caption: None,
        follows: None,
        span: Span::new(at, at + b.len()),
    })
}

/// "共有学校 6 所，其中中专 2 所（甲、乙），职高 4 所（丙、丁、戊、己）": the total gets
/// the groups' names when they are whole and add up to it.
fn union_of_groups(s: &str, start: usize, counts: &[Count], found: &mut [Option<List>]) {
    for t in 0..counts.len() {
        if found[t].is_some() || !s[counts[t].end..].contains("其中") {
            continue;
        }
        let groups: Vec<usize> = (t + 1..counts.len())
            .filter(|&g| counts[g].unit == counts[t].unit)
            .collect();
        let whole = groups.iter().all(|&g| {
            found[g]
                .as_ref()
                .is_some_and(|l| l.complete && l.items.len() as u32 == counts[g].value)
        });
        let sum: u32 = groups.iter().map(|&g| counts[g].value).sum();
        if groups.len() < 2 || !whole || sum != counts[t].value {
            continue;
        }
        let items: Vec<(String, Span)> = groups
            .iter()
            .flat_map(|&g| {
                found[g]
                    .as_ref()
                    .map(|l| l.items.clone())
                    .unwrap_or_default()
            })
            .collect();
        let end = found[*groups.last().unwrap_or(&t)]
            .as_ref()
            .map_or(start + counts[t].end, |l| l.span.end);
        found[t] = Some(List {
            count: Some(counts[t].value),
            unit: counts[t].unit.to_string(),
            noun: noun_after(&s[counts[t].end..]).to_string(),
            items,
            complete: true,
            rows: None,
            caption: None,
            follows: None,
            span: Span::new(start + counts[t].start, end),
        });
    }
}

#[cfg(test)]
#[path = "lists_tests.rs"]
mod tests;
