//! Walks a report's blocks top-down and fills the canonical dataset: metadata, the
//! eight parts with their subsections, cases, captions, the table of contents and
//! the six data tables. Every value gets the span of the text it came from.

use crate::base::stages::{Stage, timed};
use serde_json::{Map, Value, json};

use crate::base::source::Span;
use crate::finding::Finding;

use super::builder::Builder;
use super::data_tables::DataTables;
use super::document::{Block, BlockKind, Document};
use super::meta;
use super::outline::{
    self, caption, case_heading, lone_number, part_heading, sub_heading, toc_heading,
};
use super::own_tables::OwnTables;
use super::report_fields::{ordered, write_meta};
use super::rows::RowCatalog;
use super::table_captions::{self, data_table_caption, stage_marker};
use super::toc::{flat_entries, toc_entry, toc_level};
use crate::base::normalize::{char_count, compact, compact_longer_than, compact_starts_with};

/// The dataset read from a report, with its SourceMap and what could not be read.
#[derive(Debug)]
pub struct Imported {
    pub value: Value,
    pub map: crate::dataset::source_map::SourceMap,
    pub findings: Vec<Finding>,
}

/// Where the walker is.
#[derive(Default)]
struct Cursor {
    in_toc: bool,
    /// Index into `/sections` and the part's number.
    part: Option<(usize, u32)>,
    subsection: Option<usize>,
    case: Option<usize>,
    /// Counters for chars, flushed into the dataset at the end.
    part_chars: Vec<u64>,
    sub_chars: Vec<Vec<u64>>,
    case_chars: Vec<u64>,
    /// After the first data table, text no longer belongs to a part.
    after_parts: bool,
    /// The number of the last subsection, when written "（一）": "1." below it is
    /// the third level.
    bracketed: Option<String>,
    /// The stage the last heading names ("（一）高职教育"), for the facts below it.
    heading_stage: Option<&'static str>,
    facts: Option<crate::import::facts::Extractor>,
    lists: super::lists::Lists,
}

pub fn read(written: &Document) -> Imported {
    read_given(written, &[], None)
}

/// Reads `written` knowing the report's stages and year from elsewhere (a workbook's
/// 报告信息), where its own lines do not say them.
pub fn read_given(written: &Document, stages: &[&'static str], year: Option<u32>) -> Imported {
    // Spaced-out, traditional and glossed characters read as plain ones.
    let doc = &written.for_reading();
    let mut meta = meta::read(&doc.blocks);
    if meta.stages.is_empty() {
        meta.stages = stages.to_vec();
    }
    if meta.year.is_none() {
        meta.year = year;
    }
    let mut walk = Walk {
        blocks: &doc.blocks,
        cur: Cursor {
            facts: Some(crate::import::facts::Extractor::new(
                meta.year,
                &meta.stages,
            )),
            ..Cursor::default()
        },
        tables: DataTables::new(RowCatalog::embedded(), &meta.stages, meta.year),
        b: Builder::new(),
        findings: Vec::new(),
        own: OwnTables::default(),
    };
    let mut i = 0;
    while i < doc.blocks.len() {
        i += walk.step(i);
    }
    let Walk {
        mut cur,
        tables,
        mut b,
        mut findings,
        own,
        ..
    } = walk;
    flush_chars(&cur, &mut b);
    own.finish(&doc.blocks, &mut b);
    if let Some(x) = cur.facts.take() {
        timed(Stage::Facts, || x.finish(&mut b));
    }
    std::mem::take(&mut cur.lists).finish(&mut b);
    write_meta(&meta, &tables, doc, &mut b, &mut findings);
    written.restore_written(doc, &mut b.value, &b.map);
    Imported {
        value: ordered(b.value),
        map: b.map,
        findings,
    }
}

/// The walk over a report's blocks and what it has built so far.
struct Walk<'a> {
    blocks: &'a [Block],
    cur: Cursor,
    tables: DataTables<'static>,
    b: Builder,
    findings: Vec<Finding>,
    own: OwnTables,
}

impl Walk<'_> {
    /// Handles the block at `i`; returns how many blocks it used. Each kind of line
    /// is tried in turn; what is none of them is body text.
    fn step(&mut self, i: usize) -> usize {
        if !self.cur.in_toc {
            self.cur.lists.block(&self.blocks[i]);
        }
        if let Some(n) = self.toc(i) {
            return n;
        }
        if let Some(n) = self.table_line(i) {
            return n;
        }
        if let Some(n) = self.part(i) {
            return n;
        }
        if let Some(n) = self.case(i) {
            return n;
        }
        if let Some(n) = self.caption(i) {
            return n;
        }
        if let Some(n) = self.subsection(i) {
            return n;
        }
        let block = &self.blocks[i];
        count_chars(&mut self.cur, block);
        if narrate(&mut self.cur, block) {
            self.own.para(i);
        }
        1
    }

    /// "目 录" and the entries with page numbers after it.
    fn toc(&mut self, i: usize) -> Option<usize> {
        let block = &self.blocks[i];
        if toc_heading(&block.text) {
            self.cur.in_toc = true;
            return Some(1);
        }
        if !self.cur.in_toc {
            return None;
        }
        if let Some(entries) = flat_entries(&block.text.replace('\t', " ")) {
            for (title, page) in entries {
                self.toc_push(title, page, block.span);
            }
            return Some(1);
        }
        let flat = block.text.replace('\t', " ");
        if let Some((title, page)) = toc_entry(&flat) {
            self.toc_push(title, page, block.span);
            return Some(1);
        }
        if let Some((title, page)) = self.wrapped_entry(i, &flat) {
            let span = Span::new(block.span.start, self.blocks[i + 1].span.end);
            self.toc_push(title, page, span);
            return Some(2);
        }
        self.cur.in_toc = false;
        None
    }

    /// An entry too long for its line goes on under it ("图 2.2 …名校长（书记）" then
    /// "培育会上发言 15"): the first line starts like an entry (a heading's number, a
    /// caption's or a case's label) and has no page; the next is short, starts no
    /// entry of its own and ends with the page.
    fn wrapped_entry(&self, i: usize, flat: &str) -> Option<(String, u32)> {
        let next = self.blocks.get(i + 1)?;
        let rest = next.text.replace('\t', " ");
        let labelled = |t: &str| {
            toc_level(t).is_some()
                || caption(t, "图").is_some()
                || caption(t, "表").is_some()
                || case_heading(t).is_some()
        };
        // The second line carries words of the title, not just a page number (a
        // page's number printed under a heading is not a contents entry's).
        let words = rest.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
        if !labelled(flat) || labelled(&rest) || !words || rest.chars().count() > 30 {
            return None;
        }
        toc_entry(&format!("{flat}{rest}"))
    }

    fn toc_push(&mut self, title: String, page: u32, span: Span) {
        let mut entry = Map::new();
        entry.insert("title".into(), title.clone().into());
        entry.insert("page".into(), page.into());
        if let Some(level) = toc_level(&title) {
            entry.insert("level".into(), level.into());
        }
        let p = self.b.push("/toc", Value::Object(entry), span);
        self.b.locate(&format!("{p}/title"), span);
    }

    /// Rows, the six tables' captions, stage markers and the lines around the tables.
    fn table_line(&mut self, i: usize) -> Option<usize> {
        let block = &self.blocks[i];
        let (cur, b, findings) = (&mut self.cur, &mut self.b, &mut self.findings);
        if block.kind == BlockKind::Row {
            self.tables.recognise(&self.blocks[i..], findings);
            if !self.tables.row(block, b, findings) {
                count_chars(cur, block);
                let part = cur.part.filter(|_| !cur.after_parts).map(|(_, no)| no);
                if part.is_some() {
                    self.own.row(i);
                }
                if let Some(x) = cur.facts.as_mut() {
                    let cells: Vec<(String, Span)> = block
                        .cells
                        .iter()
                        .map(|c| (c.text.clone(), c.span))
                        .collect();
                    timed(Stage::Facts, || {
                        x.table_row(&cells, part, cur.heading_stage)
                    });
                }
            }
            return Some(1);
        }
        if let Some((key, stage)) = data_table_caption(&block.text) {
            // A provincial report gives 表1–表6 once per stage; the caption is listed once.
            self.own.boundary(i);
            let first_time = !self.tables.has_read(key);
            self.tables.start(key, stage, block.span, findings);
            cur.after_parts = true;
            cur.case = None;
            if first_time && let Some(c) = table_captions::data_table_label(&block.text) {
                push_labelled(b, "/tables", &c, cur, block.span);
            }
            return Some(1);
        }
        if let Some(stage) = stage_marker(&block.text) {
            self.tables.set_marker(stage);
            return Some(1);
        }
        if compact_starts_with(&block.text, "名称:") {
            return Some(1);
        }
        if self.tables.in_table() {
            let note = ["注", "说明", "数据来源", "填表"]
                .iter()
                .any(|w| compact_starts_with(&block.text, w));
            if note || self.tables.row(block, b, findings) {
                return Some(1);
            }
            self.tables.end();
        }
        None
    }

    /// A part heading, possibly with its number on the line above.
    fn part(&mut self, i: usize) -> Option<usize> {
        let block = &self.blocks[i];
        if lone_number(&block.text)
            && let Some(next) = self.blocks.get(i + 1)
            && let Some(h) = part_heading(&format!("{} {}", block.text, next.text), true)
        {
            let span = Span::new(block.span.start, next.span.end);
            start_part(h, span, &mut self.cur, &mut self.b);
            return Some(2);
        }
        let styled = matches!(block.kind, BlockKind::Heading(_));
        let h = part_heading(&block.text, styled)?;
        // "1. 人才培养模式改革" below "（一）…": a third-level heading, not part 1.
        let back = self
            .cur
            .part
            .zip(h.no)
            .is_some_and(|((_, now), n)| n <= now);
        if back
            && self.cur.bracketed.is_some()
            && block
                .text
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
            && !crate::base::vocab::is_part_name(h.part, &compact(&h.title))
        {
            return None;
        }
        self.tables.end();
        self.own.boundary(i);
        start_part(h, block.span, &mut self.cur, &mut self.b);
        Some(1)
    }

    /// "案例 2-1 …", with the title on the next line if need be.
    fn case(&mut self, i: usize) -> Option<usize> {
        let block = &self.blocks[i];
        let mut label = case_heading(&block.text)?;
        let mut used = 1;
        let mut span = block.span;
        if label.title.is_empty()
            && let Some(next) = self.blocks.get(i + 1)
            && next.kind == BlockKind::Text
            && next.text.chars().count() <= 60
            && !next.text.contains('。')
        {
            label.title = outline::collapse_spaces(&next.text);
            span = Span::new(block.span.start, next.span.end);
            used = 2;
        }
        if label.title.is_empty() {
            self.findings.push(
                Finding::of(
                    &super::codes::CASE_TITLE,
                    format!("案例 {} 没有标题", label.id),
                )
                .at(block.span)
                .with_help("在案例编号后写上案例标题，例如：案例 2-1 校企共建实训基地"),
            );
            label.title = format!("案例 {}", label.id);
        }
        self.own.boundary(i);
        let p = push_labelled(&mut self.b, "/cases", &label, &self.cur, span);
        if let Some(x) = self.cur.facts.as_mut() {
            x.case(&p);
        }
        self.cur.case = Some(self.cur.case_chars.len());
        self.cur.case_chars.push(0);
        Some(used)
    }

    /// "图 3 …" and "表 1.2 …".
    fn caption(&mut self, i: usize) -> Option<usize> {
        let block = &self.blocks[i];
        if let Some((array, l, span)) = lone_label_caption(self.blocks, i) {
            push_labelled(&mut self.b, array, &l, &self.cur, span);
            return Some(2);
        }
        let (array, l) = caption(&block.text, "图")
            .map(|l| ("/figures", l))
            .or_else(|| caption(&block.text, "表").map(|l| ("/tables", l)))?;
        let p = push_labelled(&mut self.b, array, &l, &self.cur, block.span);
        if array == "/tables"
            && let Some(k) = p.rsplit('/').next().and_then(|k| k.parse().ok())
        {
            self.own.caption(i, k);
        }
        Some(1)
    }

    /// "1.1 学校概况", "（二）专业设置", an unnumbered styled heading below the part
    /// level; a title left open ("课程建设（含数字化") continues on the next line.
    fn subsection(&mut self, i: usize) -> Option<usize> {
        let block = &self.blocks[i];
        let (k, part_no) = self.cur.part.filter(|_| !self.cur.after_parts)?;
        let parent = self.cur.bracketed.as_deref();
        let parent = parent.filter(|p| p.split('.').next() == Some(&part_no.to_string()));
        let third = parent.and_then(|p| outline::third_level(&block.text, p));
        let mut s = third
            .or_else(|| sub_heading(&block.text, Some(part_no)))
            .or_else(|| {
                matches!(block.kind, BlockKind::Heading(l) if l >= 2).then(|| outline::SubHeading {
                    no: String::new(),
                    title: compact(&block.text),
                })
            })?;
        let mut used = 1;
        let mut span = block.span;
        if outline::left_open(&s.title)
            && let Some(next) = self.blocks.get(i + 1)
            && next.kind != BlockKind::Row
            && next.text.chars().count() <= 30
            && !outline::left_open(&format!("{}{}", s.title, next.text))
        {
            s.title = outline::collapse_spaces(&format!("{} {}", s.title, next.text));
            span = Span::new(block.span.start, next.span.end);
            used = 2;
        }
        let mut item = Map::new();
        if !s.no.is_empty() {
            item.insert("no".into(), s.no.clone().into());
        }
        item.insert("title".into(), s.title.clone().into());
        item.insert("chars".into(), 0.into());
        self.own.boundary(i);
        let p = self.b.push(
            &format!("/sections/{k}/subsections"),
            Value::Object(item),
            span,
        );
        self.b.locate(&format!("{p}/title"), span);
        let cur = &mut self.cur;
        if s.no.matches('.').count() == 1 {
            let bracketed = compact(&block.text).starts_with('(');
            cur.bracketed = bracketed.then(|| s.no.clone());
        }
        cur.heading_stage = table_captions::stage_word(&s.title).or(cur.heading_stage);
        if let Some(x) = cur.facts.as_mut() {
            x.heading(&s.title);
        }
        cur.subsection = Some(cur.sub_chars[k].len());
        cur.sub_chars[k].push(0);
        cur.case = None;
        Some(used)
    }
}

/// "图" alone on its line and the caption's number and title on the next ("3.4
/// “敬老爱老”社区活动"): one caption, not a subsection.
fn lone_label_caption(
    blocks: &[Block],
    i: usize,
) -> Option<(&'static str, outline::Labelled, Span)> {
    // Only a block of one character can be a lone 图 or 表.
    if compact_longer_than(&blocks[i].text, 1) {
        return None;
    }
    let (word, array) = match compact(&blocks[i].text).as_str() {
        "图" => ("图", "/figures"),
        "表" => ("表", "/tables"),
        _ => return None,
    };
    let next = blocks.get(i + 1).filter(|b| b.kind == BlockKind::Text)?;
    let l = caption(&format!("{word} {}", next.text), word)?;
    Some((array, l, Span::new(blocks[i].span.start, next.span.end)))
}

/// Body text inside the eight parts goes to the fact extractor; true if it did.
fn narrate(cur: &mut Cursor, block: &Block) -> bool {
    let Some((_, part_no)) = cur.part.filter(|_| !cur.after_parts) else {
        return false;
    };
    // The extractor's offsets are offsets into the shown text.
    if block.text.len() != block.span.len() {
        return false;
    }
    cur.lists.paragraph(&block.text, block.span.start);
    if let Some(x) = cur.facts.as_mut() {
        timed(Stage::Facts, || {
            x.paragraph(
                &block.text,
                block.span.start,
                Some(part_no),
                cur.heading_stage,
            )
        });
    }
    true
}

fn start_part(h: outline::PartHeading, span: Span, cur: &mut Cursor, b: &mut Builder) {
    let k = cur.part_chars.len();
    let no = h.no.unwrap_or(h.part as u32 + 1);
    // `chars` is counted as the walk goes on and filled in at the end.
    let item = json!({ "no": no, "title": h.title, "chars": 0 });
    let p = b.push("/sections", item, span);
    b.locate(&format!("{p}/title"), span);
    b.locate(&format!("{p}/no"), span);
    if let Some(x) = cur.facts.as_mut() {
        x.heading(&h.title);
    }
    cur.part = Some((k, no));
    cur.heading_stage = table_captions::stage_word(&h.title);
    cur.part_chars.push(0);
    cur.sub_chars.push(Vec::new());
    cur.subsection = None;
    cur.case = None;
    cur.after_parts = false;
}

fn push_labelled(
    b: &mut Builder,
    array: &str,
    l: &outline::Labelled,
    cur: &Cursor,
    span: Span,
) -> String {
    let mut item = Map::new();
    // Only an unnumbered data-table caption ("服务贡献表") has no id.
    if !l.id.is_empty() {
        item.insert("id".into(), l.id.clone().into());
    }
    if let Some((_, no)) = cur.part.filter(|_| !cur.after_parts) {
        item.insert("part".into(), no.into());
    }
    item.insert("title".into(), l.title.clone().into());
    if array == "/cases" {
        item.insert("chars".into(), 0.into());
    }
    let p = b.push(array, Value::Object(item), span);
    b.locate(&format!("{p}/title"), span);
    if !l.id.is_empty() {
        b.locate(&format!("{p}/id"), span);
    }
    p
}

fn count_chars(cur: &mut Cursor, block: &Block) {
    if cur.after_parts {
        return;
    }
    let Some((k, _)) = cur.part else { return };
    let n = char_count(&block.text);
    cur.part_chars[k] += n;
    if let Some(s) = cur.subsection {
        cur.sub_chars[k][s] += n;
    }
    if let Some(c) = cur.case {
        cur.case_chars[c] += n;
    }
}

fn flush_chars(cur: &Cursor, b: &mut Builder) {
    for (k, n) in cur.part_chars.iter().enumerate() {
        if let Some(s) = b
            .value
            .pointer_mut(&format!("/sections/{k}"))
            .and_then(Value::as_object_mut)
        {
            s.insert("chars".into(), (*n).into());
        }
        for (m, n) in cur.sub_chars[k].iter().enumerate() {
            if let Some(s) = b
                .value
                .pointer_mut(&format!("/sections/{k}/subsections/{m}"))
                .and_then(Value::as_object_mut)
            {
                s.insert("chars".into(), (*n).into());
            }
        }
    }
    for (c, n) in cur.case_chars.iter().enumerate() {
        if let Some(s) = b
            .value
            .pointer_mut(&format!("/cases/{c}"))
            .and_then(Value::as_object_mut)
        {
            s.insert("chars".into(), (*n).into());
        }
    }
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
