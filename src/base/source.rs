//! The text of one input file, with a line index so that byte offsets turn into
//! line/column pairs (and miette snippets) without rescanning the file.

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// A byte range in a [`SourceFile`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for SourceSpan {
    fn from(s: Span) -> Self {
        SourceSpan::new(s.start.into(), s.len())
    }
}

/// A 1-based line and 1-based column counted in characters (what editors show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The decoded text of an input file and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let mut starts = vec![0];
        // One vectorised pass: a search per line costs more to start than to run.
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts: starts.into(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of a span (clamped, so never panics).
    pub fn slice(&self, span: Span) -> &str {
        let s = self.clamp(span);
        &self.text[s.start..s.end]
    }

    /// 0-based line index of a byte offset.
    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where the 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// Line and character column of a byte offset (clamped to the text and to a char boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of a 0-based line and 0-based character column, as parsers that count
    /// characters report them (saphyr, rhai).
    pub fn offset_of_char_col(&self, line0: usize, col0: usize) -> usize {
        let Some(start) = self.line_start(line0) else {
            return self.text.len();
        };
        let end = self.line_start(line0 + 1).unwrap_or(self.text.len());
        let line = &self.text[start..end];
        // Indentation and keys are ASCII: one byte per character up to the column.
        if line.as_bytes().iter().take(col0).all(u8::is_ascii) && col0 < line.len() {
            return start + col0;
        }
        line.char_indices()
            .nth(col0)
            .map_or(end, |(i, _)| start + i)
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The same file with control characters that a terminal would obey (ESC, BEL,
    /// C1 controls …) replaced byte for byte, so that every offset still holds: for
    /// printing its lines. Returns a clone (cheap) when there are none.
    pub fn printable(&self) -> SourceFile {
        if !self.text.chars().any(is_terminal_control)
            && !self.name.chars().any(is_terminal_control)
        {
            return self.clone();
        }
        SourceFile {
            name: printable(&self.name).into_owned(),
            text: printable(&self.text).into_owned().into(),
            line_starts: self.line_starts.clone(),
        }
    }

    /// Clamp a span to the text and to character boundaries.
    pub fn clamp(&self, span: Span) -> Span {
        let start = self.floor_char_boundary(span.start.min(self.text.len()));
        let end = self
            .floor_char_boundary(span.end.min(self.text.len()))
            .max(start);
        Span::new(start, end)
    }
}

/// A character a terminal acts on instead of showing: C0 controls other than tab,
/// line feed and carriage return, DEL, and the C1 controls (U+0080–U+009F).
pub fn is_terminal_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || ('\u{80}'..='\u{9f}').contains(&c)
}

/// `text` with each terminal control replaced by as many '?' as it has bytes (so
/// byte offsets into it stay valid).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_terminal_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_terminal_control(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// miette's own `SourceCode` for `str` scans from byte 0 on every lookup, which is
/// quadratic with many diagnostics; this one answers from the line index.
impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = &*self.text;
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_index(start).saturating_sub(context_lines_before);
        let last_line_of_span = self.line_index(if end > start { end - 1 } else { end });
        let last = (last_line_of_span + context_lines_after).min(self.line_starts.len() - 1);
        let from = self.line_starts[first];
        let to = match self.line_starts.get(last + 1) {
            Some(&next) => next,
            None => text.len(),
        };
        // Trim the final newline so miette does not render an empty extra line.
        let to = if to > from && text.as_bytes()[to - 1] == b'\n' {
            to - 1
        } else {
            to
        };
        let to = if to > from && text.as_bytes()[to - 1] == b'\r' {
            to - 1
        } else {
            to
        };
        // With no context wanted, miette reads the span itself to print `file:line:col`:
        // start the contents at the span and report the span's own column.
        let (from, column) = if context_lines_before == 0 {
            let line_start = self.line_starts[self.line_index(start)];
            (start, text[line_start..start].chars().count())
        } else {
            (from, 0)
        };
        let slice = &text.as_bytes()[from..to.max(from)];
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            slice,
            SourceSpan::new(from.into(), slice.len()),
            self.line_index(from),
            column,
            last - first + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("t", "a: 1\n公司: 甲\n");
        let off = f.text().find('甲').unwrap();
        assert_eq!(f.line_col(off), LineCol { line: 2, column: 5 });
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn char_col_to_offset() {
        let f = SourceFile::new("t", "x\n公司: 甲\n");
        assert_eq!(f.offset_of_char_col(1, 4), f.text().find('甲').unwrap());
        assert_eq!(f.offset_of_char_col(9, 0), f.text().len());
        // The ASCII shortcut and the walk over characters agree everywhere, past the
        // end of a line and on the last line without a newline included.
        let f = SourceFile::new("t", "  key: 值\n甲: 1\nab\n\nxyz");
        for line0 in 0..6 {
            for col0 in 0..10 {
                let want = match f.line_start(line0) {
                    None => f.text().len(),
                    Some(start) => {
                        let end = f.line_start(line0 + 1).unwrap_or(f.text().len());
                        f.text()[start..end]
                            .char_indices()
                            .nth(col0)
                            .map_or(end, |(i, _)| start + i)
                    }
                };
                assert_eq!(f.offset_of_char_col(line0, col0), want, "{line0}:{col0}");
            }
        }
    }

    #[test]
    fn printable_keeps_offsets_and_drops_escapes() {
        let text = "a\u{1b}]0;x\u{7}b\u{9b}2Jc\t\n";
        let p = printable(text);
        assert_eq!(p.len(), text.len());
        assert_eq!(p, "a?]0;x?b??2Jc\t\n");
        assert_eq!(printable("中文 ok"), "中文 ok");
    }

    #[test]
    fn clamp_respects_char_boundaries() {
        let f = SourceFile::new("t", "甲乙");
        assert_eq!(f.clamp(Span::new(1, 4)), Span::new(0, 3));
        assert_eq!(f.clamp(Span::new(2, 100)), Span::new(0, 6));
    }
}
