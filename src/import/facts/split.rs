//! Sentences of a paragraph: up to 。！？, and a run-on "sentence" (a page of
//! figures joined by commas, a pasted table flattened to one line) is cut at a clause
//! mark once it is long, so that every look back within a sentence ("其中", "占",
//! the indicator before a number) stays bounded and reading stays linear.

use crate::base::limits::MAX_SENTENCE_BYTES;

/// The byte ranges of `text`'s sentences, in order, covering it.
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let long = end - from >= MAX_SENTENCE_BYTES;
        let stop = matches!(c, '。' | '！' | '？' | '!' | '?')
            || (long && matches!(c, '，' | ',' | '；' | ';'))
            || end - from >= 2 * MAX_SENTENCE_BYTES;
        if stop {
            out.push(from..end);
            from = end;
        }
    }
    if from < text.len() {
        out.push(from..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_full_stops() {
        let t = "学生1200人。教师80人！合计？余下";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["学生1200人。", "教师80人！", "合计？", "余下"]);
    }

    #[test]
    fn a_run_on_sentence_is_cut_at_a_clause_mark() {
        let clause = "学生1200人，";
        let t = clause.repeat(2 * MAX_SENTENCE_BYTES / clause.len());
        let parts = sentences(&t);
        assert!(parts.len() >= 2);
        for r in &parts {
            assert!(r.len() <= MAX_SENTENCE_BYTES + clause.len(), "{}", r.len());
            assert!(t[r.clone()].ends_with('，'));
        }
        let no_marks = "学".repeat(3 * MAX_SENTENCE_BYTES);
        assert!(
            sentences(&no_marks)
                .iter()
                .all(|r| r.len() <= 2 * MAX_SENTENCE_BYTES)
        );
    }
}
