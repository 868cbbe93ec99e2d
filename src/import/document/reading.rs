//! The text the walker matches against (variations G11, G13): characters as a
//! reader takes them, whatever the extractor or a converter did to them.
//!
//! - Spaced-out characters ("基 本 情 况", from PDF extraction) are joined again
//!   when most characters of the document, or of one line, are spaced out; a
//!   report with a few spaces between words stays as it is. Numbers and Latin
//!   words keep their spaces.
//! - Pinyin glosses after characters ("职业（zhí yè）") go.
//! - Traditional characters are folded to simplified ones ([`script`]).
//!
//! Spans stay those of the original text. Folding keeps byte lengths; joining and
//! dropping glosses do not, and a block whose text no longer has its span's length
//! is one the walker reads no offsets from (see `narrate` in the reader).

use std::collections::HashMap;

use serde_json::Value;

use super::{Block, Cell, Document, joined};
use crate::base::normalize::fold_char;
use crate::base::script;
use crate::base::source::Span;
use crate::dataset::source_map::{SourceMap, push};

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c) || c == '〇'
}

/// Han characters and CJK punctuation ("、", "：", "（"): the space between two of
/// them is the extractor's, never the author's.
fn is_wide(c: char) -> bool {
    is_han(c)
        || ('\u{3001}'..='\u{303F}').contains(&c)
        || ('\u{FF01}'..='\u{FF60}').contains(&c)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Pairs of neighbouring han characters: (with one space between, side by side).
fn han_pairs(s: &str) -> (usize, usize) {
    let (mut spaced, mut tight) = (0, 0);
    // A window of three characters slides along the text (every block of every
    // report is measured: no vector of its characters is built).
    let mut rest = s.chars();
    let (mut a, mut b, mut c) = (rest.next(), rest.next(), rest.next());
    while let Some(x) = a {
        if is_han(x) {
            match (b, c) {
                (Some(n), _) if is_han(n) => tight += 1,
                (Some(' '), Some(n)) if is_han(n) => spaced += 1,
                _ => {}
            }
        }
        (a, b, c) = (b, c, rest.next());
    }
    (spaced, tight)
}

/// Most of the pairs are spaced out.
fn mostly_spaced((spaced, tight): (usize, usize), at_least: usize) -> bool {
    spaced >= at_least && spaced > 2 * tight
}

/// `s` without the spaces between two wide characters: "案 例 2-1 校 企" →
/// "案例 2-1 校企".
pub fn join_spaced(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == ' ' && out.chars().last().is_some_and(is_wide) {
            let mut j = i;
            while cs.get(j) == Some(&' ') {
                j += 1;
            }
            if cs.get(j).is_some_and(|&n| is_wide(n)) {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ".contains(c)
}

fn has_tone_mark(s: &str) -> bool {
    // Every tone mark is in U+00E0..U+01DC, whose UTF-8 starts with a byte C3..C7:
    // a text without one (nearly all) is passed over byte by byte.
    s.bytes().any(|b| (0xC3..=0xC7).contains(&b))
        && s.chars().any(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c))
}

/// The length in chars of a pinyin gloss at the start of `cs` ("(yè)", "（zhí yè）",
/// " (bào)"): brackets around pinyin syllables with a tone mark.
fn gloss_len(cs: &[char]) -> Option<usize> {
    let lead = cs.iter().take_while(|c| **c == ' ').count();
    let open = *cs.get(lead)?;
    if open != '(' && open != '（' {
        return None;
    }
    let body = lead + 1;
    let close = cs[body..].iter().position(|c| *c == ')' || *c == '）')? + body;
    let inner: String = cs[body..close].iter().collect();
    let ok = !inner.trim().is_empty()
        && inner.chars().count() <= 40
        && inner
            .chars()
            .all(|c| is_pinyin_letter(c) || c == ' ' || c == '\'')
        && has_tone_mark(&inner);
    ok.then_some(close + 1)
}

/// `s` without pinyin glosses after characters: "职业（zhí yè）教育" → "职业教育".
pub fn drop_glosses(s: &str) -> String {
    if !has_tone_mark(s) {
        return s.to_string();
    }
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        out.push(cs[i]);
        if is_han(cs[i])
            && let Some(n) = gloss_len(&cs[i + 1..])
        {
            i += n;
        }
        i += 1;
    }
    out
}

/// One text as the walker reads it; `spaced`: the document is spaced out.
fn reading(s: &str, spaced: bool) -> String {
    let t = script::to_simplified(&drop_glosses(s));
    if spaced || mostly_spaced(han_pairs(&t), 3) {
        join_spaced(&t)
    } else {
        t
    }
}

/// One line as the walker reads it when the document as a whole is not spaced
/// out (for judging lines before the document is whole).
pub fn line(s: &str) -> String {
    reading(s, false)
}

impl Document {
    /// The document as the walker reads it (see the module's comment).
    pub fn for_reading(&self) -> Document {
        let mut total = (0, 0);
        for b in &self.blocks {
            let (s, t) = han_pairs(&b.text);
            total = (total.0 + s, total.1 + t);
        }
        let spaced = mostly_spaced(total, 8);
        let blocks = self
            .blocks
            .iter()
            .map(|b| {
                let mut b: Block = b.clone();
                if b.cells.is_empty() {
                    let read = reading(&b.text, spaced);
                    if read.len() != b.text.len() {
                        b.written = Some(std::mem::take(&mut b.text));
                    }
                    b.text = read;
                } else {
                    b.cells = b
                        .cells
                        .iter()
                        .map(|c| Cell {
                            text: reading(&c.text, spaced),
                            span: c.span,
                        })
                        .collect();
                    b.text = joined(&b.cells);
                }
                b
            })
            .collect();
        Document { blocks }
    }
}

impl Block {
    /// The byte offset in the text as written of byte `at` of the text as read:
    /// the read text is the written one, folded, less spaces and glosses, so the
    /// two are walked side by side.
    pub fn written_offset(&self, at: usize) -> usize {
        let Some(w) = &self.written else { return at };
        let mut wi = w.char_indices().peekable();
        for (ri, rc) in self.text.char_indices() {
            if ri >= at {
                break;
            }
            for (_, wc) in wi.by_ref() {
                if script::simplified(wc) == rc {
                    break;
                }
            }
        }
        wi.peek().map_or(w.len(), |(i, _)| *i)
    }
}

/// A text the reading changed only by folding characters: (span, as written, as read).
type Folded<'a> = (Span, &'a str, &'a str);

fn folded<'a>(written: &'a Document, read: &'a Document) -> Vec<Folded<'a>> {
    let mut out = Vec::new();
    for (w, r) in written.blocks.iter().zip(&read.blocks) {
        let pairs = std::iter::once((w.span, &w.text, &r.text)).chain(
            w.cells
                .iter()
                .zip(&r.cells)
                .map(|(a, b)| (a.span, &a.text, &b.text)),
        );
        for (span, a, b) in pairs {
            if a != b && a.len() == b.len() {
                out.push((span, a.as_str(), b.as_str()));
            }
        }
    }
    out
}

/// Where `s` is in `read`, comparing folded forms ("," = "，"): a char index.
fn find_folded(read: &[char], s: &[char]) -> Option<usize> {
    if s.is_empty() || s.len() > read.len() {
        return None;
    }
    (0..=read.len() - s.len()).find(|&p| {
        read[p..p + s.len()]
            .iter()
            .zip(s)
            .all(|(a, b)| fold_char(*a) == fold_char(*b))
    })
}

/// `s` with the characters reading folded given back as written, if it is part of
/// a folded text at `at` or of one of the next (a case's title below its label).
fn as_written(s: &str, at: Span, folded: &[Folded]) -> Option<String> {
    let sc: Vec<char> = s.chars().collect();
    folded
        .iter()
        .filter(|(span, ..)| span.end >= at.start)
        .take(3)
        .find_map(|(_, w, r)| {
            let rc: Vec<char> = r.chars().collect();
            let p = find_folded(&rc, &sc)?;
            let out = w.chars().skip(p).zip(&sc);
            Some(
                out.map(|(wc, sc)| {
                    if script::simplified(wc) != wc {
                        wc
                    } else {
                        *sc
                    }
                })
                .collect(),
            )
        })
}

/// The traditional form of each simplified character this document writes only
/// in that one traditional form: for strings joined from several texts (a title
/// over three lines of the cover, a contents row of cells).
fn written_forms(written: &Document) -> HashMap<char, char> {
    let mut forms: HashMap<char, Option<char>> = HashMap::new();
    let texts = written
        .blocks
        .iter()
        .flat_map(|b| std::iter::once(&b.text).chain(b.cells.iter().map(|c| &c.text)));
    for t in texts {
        for c in t.chars() {
            let s = script::simplified(c);
            let form = (s != c).then_some(c);
            match forms.get(&s) {
                None => {
                    forms.insert(s, form);
                }
                Some(f) if *f != form => {
                    forms.insert(s, None);
                }
                _ => {}
            }
        }
    }
    forms
        .into_iter()
        .filter_map(|(s, t)| Some((s, t?)))
        .collect()
}

struct Restorer<'a> {
    map: &'a SourceMap,
    folded: Vec<Folded<'a>>,
    forms: HashMap<char, char>,
}

impl Restorer<'_> {
    fn restore(&self, v: &mut Value, ptr: String) {
        match v {
            Value::String(s) => {
                let at = self.map.nearest(&ptr).map(|(_, loc)| loc.value);
                *s = at
                    .and_then(|at| as_written(s, at, &self.folded))
                    .unwrap_or_else(|| {
                        s.chars()
                            .map(|c| *self.forms.get(&c).unwrap_or(&c))
                            .collect()
                    });
            }
            Value::Array(a) => {
                for (i, x) in a.iter_mut().enumerate() {
                    self.restore(x, push(&ptr, &i.to_string()));
                }
            }
            Value::Object(o) => {
                for (k, x) in o.iter_mut() {
                    self.restore(x, push(&ptr, k));
                }
            }
            _ => {}
        }
    }
}

impl Document {
    /// Gives the strings of `value` read from `read` (this document
    /// [`for_reading`](Document::for_reading)) back as written where reading only
    /// folded characters: a title in traditional characters stays in them.
    pub fn restore_written(&self, read: &Document, value: &mut Value, map: &SourceMap) {
        let folded = folded(self, read);
        if folded.is_empty() {
            return;
        }
        let forms = written_forms(self);
        Restorer { map, folded, forms }.restore(value, String::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_of_han_characters_are_counted_spaced_and_tight() {
        assert_eq!(han_pairs("基 本 情 况"), (3, 0));
        assert_eq!(han_pairs("基本情况"), (0, 3));
        assert_eq!(han_pairs("共 2024 名 学生"), (1, 1));
        assert_eq!(han_pairs("学  生"), (0, 0));
        assert_eq!(han_pairs(""), (0, 0));
        assert_eq!(han_pairs("学"), (0, 0));
    }

    #[test]
    fn tone_marks_are_found_only_where_they_are() {
        assert!(has_tone_mark("zhí yè"));
        assert!(has_tone_mark("lǜ"));
        assert!(has_tone_mark("à"));
        assert!(!has_tone_mark("zhi ye"));
        // Other Latin-1 letters share the lead bytes but are no tone marks.
        assert!(!has_tone_mark("Ç ß ñ"));
        assert!(!has_tone_mark("职业教育"));
    }

    #[test]
    fn joins_spaced_out_characters_not_numbers_or_words() {
        assert_eq!(join_spaced("案 例 2-1 校 企 共 建"), "案例 2-1 校企共建");
        assert_eq!(join_spaced("表 1 人 才 培 养 质 量"), "表 1 人才培养质量");
        assert_eq!(
            join_spaced("共 有 2024 名 学 生 参 加 AI 课 程 。"),
            "共有 2024 名学生参加 AI 课程。"
        );
        assert_eq!(join_spaced("一 、 基 本 情 况"), "一、基本情况");
    }

    #[test]
    fn decides_by_document_or_line() {
        let spaced = Document::from_plain_text(
            "基 本 情 况\n\n学 校 坐 落 在 澄 川 市 ， 占 地 300 亩 。\n\n中国 特色\n",
        );
        let r = spaced.for_reading();
        assert_eq!(r.blocks[0].text, "基本情况");
        assert_eq!(r.blocks[1].text, "学校坐落在澄川市，占地 300 亩。");
        assert_eq!(r.blocks[2].text, "中国特色");
        // Spans stay those of the text as written.
        assert_eq!(r.blocks[1].span, spaced.blocks[1].span);
        let plain = Document::from_plain_text(
            "基本情况\n\n学校坐落在澄川市，占地300亩，有中国 特色。\n\n案 例 1 田 间 课 堂\n",
        );
        let r = plain.for_reading();
        assert_eq!(
            r.blocks[1].text,
            "学校坐落在澄川市，占地300亩，有中国 特色。"
        );
        assert_eq!(r.blocks[2].text, "案例 1 田间课堂");
    }

    #[test]
    fn offsets_map_back_to_the_text_as_written() {
        let d = Document::from_plain_text("质 量 报 告 (2016) 根 据\n职业(yè)教育 2024\n");
        let r = d.for_reading();
        let b = &r.blocks[0];
        assert_eq!(b.text, "质量报告 (2016) 根据");
        let at = b.text.find("2016").unwrap();
        let w = b.written.as_deref().unwrap();
        assert_eq!(&w[b.written_offset(at)..b.written_offset(at + 4)], "2016");
        let b = &r.blocks[1];
        let at = b.text.find("2024").unwrap();
        assert_eq!(b.written_offset(at), "职业(yè)教育 ".len());
        let b0 = &r.blocks[0];
        assert_eq!(b0.written_offset(b0.text.len()), w.len());
    }

    #[test]
    fn drops_pinyin_glosses_only() {
        assert_eq!(drop_glosses("职业（zhí yè）教育质(zhì)量"), "职业教育质量");
        assert_eq!(drop_glosses("报 (bào)告"), "报告");
        assert_eq!(drop_glosses("就业(yè)率（%）"), "就业率（%）");
        assert_eq!(drop_glosses("人工智能(AI)课程"), "人工智能(AI)课程");
    }

    #[test]
    fn folds_traditional_characters_in_text_and_cells() {
        let d = Document::from_plain_text("二、學生發展\n\t畢業生人數\t人\t4210\n");
        let r = d.for_reading();
        assert_eq!(r.blocks[0].text, "二、学生发展");
        assert_eq!(r.blocks[1].cells[1].text, "毕业生人数");
        assert_eq!(r.blocks[1].text, "\t毕业生人数\t人\t4210");
    }

    #[test]
    fn a_traditional_caption_is_not_glued_to_the_line_above() {
        let long = "學校組織師生參加全國職業院校技能大賽並獲得多項獎勵，成績顯著提升而且";
        let d = Document::from_plain_text(&format!("{long}\n圖 6.1 技能大賽頒獎現場\n"));
        assert_eq!(d.blocks.len(), 2);
    }

    #[test]
    fn titles_read_from_folded_text_stay_as_written() {
        let d = Document::from_plain_text("案例 1\n學生發展，國際合作\n");
        let r = d.for_reading();
        let mut map = SourceMap::new();
        let loc = crate::dataset::source_map::Location {
            key: None,
            value: d.blocks[0].span,
        };
        map.insert("/cases/0".into(), loc);
        let mut v = serde_json::json!({"cases": [{"id": "1", "title": "学生发展,国际合作"}]});
        d.restore_written(&r, &mut v, &map);
        assert_eq!(v["cases"][0]["title"], "學生發展,國際合作");
        // Joined from two texts: each character as this document writes it.
        let mut v = serde_json::json!({"title": "学生发展案例"});
        d.restore_written(&r, &mut v, &SourceMap::new());
        assert_eq!(v["title"], "學生發展案例");
    }
}
