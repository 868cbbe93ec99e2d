//! A long line cut to a window around a finding, for the terminal printer.
//!
//! A one-line (minified) JSON file or a 3,000-character paragraph would otherwise be
//! reprinted whole under every finding, with the marker far off screen. When a line
//! miette would draw is wider than the terminal, the printer draws the finding's own
//! line cut to "…" + the part around the span + "…", with the neighbouring lines that
//! fit whole (a wide neighbour is skipped, not cut). The header still says where the
//! finding is in the file: [`LineWindow`] answers miette's primary read with the real
//! line and column.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use unicode_width::UnicodeWidthChar;

use crate::base::limits::MIN_DRAWN_WIDTH;
use crate::base::source::{SourceFile, Span};

/// Columns kept free for the gutter, the ellipses and the terminal's margin.
const MARGIN: usize = 20;
/// Tabs are drawn by miette as up to this many spaces.
const TAB_WIDTH: usize = 4;
const ELLIPSIS: &str = "…";

/// What miette draws a finding's snippet from: the whole file, or one line's window.
pub enum Snippet {
    Whole(SourceFile),
    Window(LineWindow),
    /// A spreadsheet row: drawn alone, numbered as the spreadsheet numbers it.
    Row(Box<Snippet>, usize),
}

impl Snippet {
    /// The source to draw `span` (clamped) from on a terminal `width` columns wide, and
    /// the span in that source's offsets.
    pub fn choose(source: &SourceFile, span: Span, width: usize) -> (Snippet, Span) {
        let span = source.clamp(span);
        let room = room(source, span, width);
        if fits(source, span, room) {
            return (Snippet::Whole(source.clone()), span);
        }
        let budget = width.saturating_sub(MARGIN).max(MIN_DRAWN_WIDTH);
        let window = LineWindow::new(source, span, budget, room);
        let span = window.span;
        (Snippet::Window(window), span)
    }

    /// The one line holding `span` (a spreadsheet's row), drawn as row `row` (1-based)
    /// of the spreadsheet, cut to a window when it is wider than the terminal.
    pub fn row(source: &SourceFile, span: Span, row: usize, width: usize) -> (Snippet, Span) {
        let text = source.text();
        let span = source.clamp(span);
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.start..]
            .find('\n')
            .map_or(text.len(), |i| span.start + i);
        let one = SourceFile::new(source.name(), &text[line_start..line_end]);
        let end = span.end.clamp(span.start, line_end);
        let local = Span::new(span.start - line_start, end - line_start);
        let (inner, local) = Snippet::choose(&one, local, width);
        (Snippet::Row(Box::new(inner), row.saturating_sub(1)), local)
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        match self {
            Snippet::Whole(s) => s.read_span(span, before, after),
            Snippet::Window(w) => w.read_span(span, before, after),
            Snippet::Row(inner, first) => {
                let c = inner.read_span(span, before, after)?;
                Ok(Box::new(MietteSpanContents::new_named(
                    c.name().unwrap_or_default().to_string(),
                    c.data(),
                    *c.span(),
                    c.line() + first,
                    c.column(),
                    c.line_count(),
                )))
            }
        }
    }
}

/// 0-based first and last line of a span.
fn lines_of(source: &SourceFile, span: Span) -> (usize, usize) {
    let first = source.line_col(span.start).line - 1;
    let last = source.line_col(span.end.saturating_sub(1).max(span.start));
    (first, last.line - 1)
}

/// Columns a drawn line may take on a terminal `width` columns wide: less miette's
/// gutter (" 12 │ ") for the line numbers drawn.
fn room(source: &SourceFile, span: Span, width: usize) -> usize {
    let (_, last) = lines_of(source, span);
    width.saturating_sub((last + 2).to_string().len() + 4)
}

/// Whether every line miette would draw for `span` (its own lines and one neighbour on
/// each side) is at most `room` columns wide.
fn fits(source: &SourceFile, span: Span, room: usize) -> bool {
    let (first, last) = lines_of(source, span);
    (first.saturating_sub(1)..=last + 1).all(|l| line_fits(source, l, room))
}

/// Whether a line (or a line past the end: nothing) is at most `room` columns wide.
fn line_fits(source: &SourceFile, line: usize, room: usize) -> bool {
    match line_bounds(source, line) {
        // Stop counting at the first column past the room: a long line is not scanned.
        Some((from, to)) => widths(&source.text()[from..to])
            .scan(0, add)
            .all(|w| w <= room),
        None => true,
    }
}

fn add(total: &mut usize, w: usize) -> Option<usize> {
    *total += w;
    Some(*total)
}

/// Byte range of the 0-based line `line` without its line ending.
fn line_bounds(source: &SourceFile, line: usize) -> Option<(usize, usize)> {
    let text = source.text();
    let from = source.line_start(line)?;
    let mut to = source.line_start(line + 1).map_or(text.len(), |n| n - 1);
    if to > from && text.as_bytes()[to - 1] == b'\r' {
        to -= 1;
    }
    Some((from, to.max(from)))
}

/// Display width of one character as drawn (CJK 2 columns, a tab at most 4).
fn char_width(c: char) -> usize {
    if c == '\t' {
        TAB_WIDTH
    } else {
        c.width().unwrap_or(0)
    }
}

fn widths(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.chars().map(char_width)
}

fn width_of(s: &str) -> usize {
    widths(s).sum()
}

/// One line of a file cut to at most `budget` columns around a span, with "…" where
/// it was cut, and its neighbours that fit whole.
#[derive(Debug, Clone)]
pub struct LineWindow {
    name: String,
    /// The lines shown, joined by '\n': [previous line,] the cut line[, next line].
    text: String,
    /// 0-based line of the file of the first line shown.
    first_line: usize,
    /// Byte offset in `text` where the cut line starts.
    line_offset: usize,
    /// 0-based character column in the file's line of the first character kept.
    from_column: usize,
    /// Bytes of the leading "…" (0 when the window starts at the line's start).
    prefix: usize,
    /// The span in `text`.
    span: Span,
}

impl LineWindow {
    /// The line `span` starts on, cut to `budget` columns around the span. A span
    /// that ends on a later line is cut at the end of this one; a span wider than the
    /// budget is shown from its start to the window's end. The line before and the
    /// line after are shown when they are at most `room` columns wide, else skipped.
    pub fn new(source: &SourceFile, span: Span, budget: usize, room: usize) -> LineWindow {
        let span = source.clamp(span);
        let line = source.line_col(span.start).line - 1;
        let (from, to) = line_bounds(source, line).unwrap_or((0, 0));
        let text = &source.text()[from..to];
        let start = span.start.clamp(from, to) - from;
        let end = span.end.clamp(from, to).max(from + start) - from;
        // A line that fits on the terminal (only a neighbour did not) is kept whole.
        let budget = if line_fits(source, line, room) {
            budget.max(room)
        } else {
            budget
        };
        let (cut_from, cut_to) = cut(text, start, end, budget);
        let prefix = if cut_from > 0 { ELLIPSIS.len() } else { 0 };
        let mut shown = String::new();
        let before = line.checked_sub(1).filter(|&l| line_fits(source, l, room));
        if let Some((a, b)) = before.and_then(|l| line_bounds(source, l)) {
            shown.push_str(&source.text()[a..b]);
            shown.push('\n');
        }
        let line_offset = shown.len();
        if cut_from > 0 {
            shown.push_str(ELLIPSIS);
        }
        shown.push_str(&text[cut_from..cut_to]);
        if cut_to < text.len() {
            shown.push_str(ELLIPSIS);
        }
        let after = Some(line + 1).filter(|&l| line_fits(source, l, room));
        // (The empty "line" after a final newline is not one.)
        let after = after.and_then(|l| line_bounds(source, l));
        if let Some((a, b)) = after.filter(|&(a, _)| a < source.text().len()) {
            shown.push('\n');
            shown.push_str(&source.text()[a..b]);
        }
        let map = |at: usize| at.clamp(cut_from, cut_to) - cut_from + prefix + line_offset;
        LineWindow {
            name: source.name().to_string(),
            text: shown,
            first_line: line - usize::from(before.is_some()),
            line_offset,
            from_column: text[..cut_from].chars().count(),
            prefix,
            span: Span::new(map(start), map(end)),
        }
    }

    /// 0-based line and character column in the file of a byte offset in the window.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor(&self.text, offset);
        let before = &self.text[..offset];
        let line = self.first_line + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        if line_start != self.line_offset {
            return (line, before[line_start..].chars().count());
        }
        let kept = &before[line_start..];
        let kept = kept.get(self.prefix..).unwrap_or("");
        (line, self.from_column + kept.chars().count())
    }
}

fn floor(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The byte range of `line` to show for the span `start..end` (byte offsets on char
/// boundaries) within `budget` columns: about a third of the room left of the span,
/// the rest right of it; room one side cannot use goes to the other.
fn cut(line: &str, start: usize, end: usize, budget: usize) -> (usize, usize) {
    if widths(line).scan(0, add).all(|w| w <= budget) {
        return (0, line.len());
    }
    let span_width = width_of(&line[start..end]);
    if span_width >= budget {
        return (start, take_right(line, start, budget));
    }
    let room = budget - span_width;
    let right_room = room - room / 3;
    let to = take_right(line, end, right_room);
    let left_room = room - width_of(&line[end..to]);
    let from = take_left(line, start, left_room);
    let right_room = budget - width_of(&line[from..end]);
    (from, take_right(line, end, right_room))
}

/// The furthest offset after `at` whose text from `at` is at most `room` columns wide.
fn take_right(line: &str, at: usize, room: usize) -> usize {
    let mut used = 0;
    for (i, c) in line[at..].char_indices() {
        used += char_width(c);
        if used > room {
            return at + i;
        }
    }
    line.len()
}

/// The nearest-to-start offset before `at` whose text up to `at` is at most `room` wide.
fn take_left(line: &str, at: usize, room: usize) -> usize {
    let mut used = 0;
    let mut from = at;
    for (i, c) in line[..at].char_indices().rev() {
        used += char_width(c);
        if used > room {
            break;
        }
        from = i;
    }
    from
}

impl SourceCode for LineWindow {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        if start + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // With no context wanted, miette reads the span itself to print its
        // `file:line:col` header: answer with the file's line and column.
        if before == 0 && after == 0 {
            let from = floor(&self.text, start);
            let to = self.text[from..]
                .find('\n')
                .map_or(self.text.len(), |i| from + i);
            let (line, column) = self.line_col(from);
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[from..to],
                SourceSpan::new(from.into(), to - from),
                line,
                column,
                1,
            )));
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            SourceSpan::new(0.into(), self.text.len()),
            self.first_line,
            0,
            self.text.matches('\n').count() + 1,
        )))
    }
}

#[cfg(test)]
#[path = "human_window_tests.rs"]
mod tests;
