use super::*;

/// The window's text and the text under its span.
fn shown(text: &str, span: Span, budget: usize) -> (String, String) {
    let w = LineWindow::new(&SourceFile::new("t", text), span, budget, budget);
    let s = w.span;
    (w.text.clone(), w.text[s.start..s.end].to_string())
}

/// The header column miette prints (1-based), as read from the primary read.
fn header(w: &LineWindow) -> (usize, usize) {
    let s = w.span;
    let c = w
        .read_span(&SourceSpan::new(s.start.into(), s.len()), 0, 0)
        .unwrap();
    (c.line() + 1, c.column() + 1)
}

fn span_of(text: &str, needle: &str) -> Span {
    let at = text.find(needle).unwrap();
    Span::new(at, at + needle.len())
}

#[test]
fn a_short_line_is_kept_whole() {
    let (text, under) = shown("{\"a\": 1}", Span::new(6, 7), 40);
    assert_eq!(text, "{\"a\": 1}");
    assert_eq!(under, "1");
}

#[test]
fn at_the_start_only_the_end_is_cut() {
    let line = format!("XY{}", "a".repeat(200));
    let (text, under) = shown(&line, Span::new(0, 2), 40);
    assert_eq!(under, "XY");
    assert_eq!(text, format!("XY{}…", "a".repeat(38)));
}

#[test]
fn in_the_middle_a_third_of_the_room_is_left_of_the_span() {
    let line = format!("{}BAD{}", "a".repeat(3_000), "b".repeat(3_000));
    let source = SourceFile::new("t", line.as_str());
    let w = LineWindow::new(&source, span_of(&line, "BAD"), 43, 43);
    assert_eq!(
        w.text.as_str(),
        format!("…{}BAD{}…", "a".repeat(13), "b".repeat(27))
    );
    assert_eq!(&w.text[w.span.start..w.span.end], "BAD");
    assert_eq!(header(&w), (1, 3_001));
}

#[test]
fn at_the_end_the_room_goes_left() {
    let line = format!("{}END", "a".repeat(500));
    let (text, under) = shown(&line, span_of(&line, "END"), 40);
    assert_eq!(text, format!("…{}END", "a".repeat(37)));
    assert_eq!(under, "END");
}

#[test]
fn the_line_and_column_are_the_files() {
    let text = format!("first\n{}X{}\nlast\n", "甲".repeat(100), "乙".repeat(100));
    let source = SourceFile::new("t", text.as_str());
    let w = LineWindow::new(&source, span_of(&text, "X"), 40, 40);
    assert_eq!(header(&w), (2, 101));
    // Context reads (miette's lines): the neighbours that fit, from the file's line 1.
    let c = w.read_span(&SourceSpan::new(0.into(), 0), 1, 1).unwrap();
    assert_eq!((c.line(), c.line_count()), (0, 3));
    assert_eq!(c.data(), w.text.as_bytes());
    assert!(
        w.text.starts_with("first\n…") && w.text.ends_with("…\nlast"),
        "{}",
        w.text
    );
    // A point on a neighbour has that neighbour's line and column.
    let at = w.text.find("ast").unwrap();
    let c = w.read_span(&SourceSpan::new(at.into(), 1), 0, 0).unwrap();
    assert_eq!((c.line(), c.column()), (2, 1));
}

#[test]
fn cjk_counts_two_columns() {
    let line = format!("{}错{}", "中".repeat(1_000), "文".repeat(1_000));
    let (text, under) = shown(&line, span_of(&line, "错"), 40);
    assert_eq!(under, "错");
    assert!(width_of(&text) <= 40 + 2, "{text}");
    assert_eq!(text, format!("…{}错{}…", "中".repeat(6), "文".repeat(13)));
}

#[test]
fn a_span_wider_than_the_window_is_shown_from_its_start() {
    let line = format!("{}{}{}", "a".repeat(100), "S".repeat(300), "b".repeat(100));
    let at = line.find('S').unwrap();
    let (text, under) = shown(&line, Span::new(at, at + 300), 40);
    assert_eq!(text, format!("…{}…", "S".repeat(40)));
    assert_eq!(under, "S".repeat(40));
}

#[test]
fn a_span_on_a_multibyte_boundary_stays_on_characters() {
    let line = format!("{}「数」{}", "年".repeat(300), "月".repeat(300));
    let source = SourceFile::new("t", line.as_str());
    let at = line.find('数').unwrap();
    // A span starting inside a character is clamped back to its start.
    let w = LineWindow::new(&source, Span::new(at + 1, at + 3), 40, 40);
    assert_eq!(&w.text[w.span.start..w.span.end], "数");
    assert_eq!(header(&w), (1, 302));
}

#[test]
fn an_empty_span_is_a_point_in_the_window() {
    let line = format!("{}|{}", "a".repeat(400), "b".repeat(400));
    let at = line.find('|').unwrap();
    let (text, under) = shown(&line, Span::new(at, at), 40);
    assert_eq!(under, "");
    assert_eq!(text, format!("…{}|{}…", "a".repeat(13), "b".repeat(26)));
    // At the very end of the line.
    let (text, under) = shown(&line, Span::new(line.len(), line.len()), 40);
    assert_eq!(under, "");
    assert!(text.starts_with('…') && text.ends_with('b'), "{text}");
}

#[test]
fn a_span_running_onto_later_lines_is_cut_at_its_line_end() {
    let text = format!("{}X{}\nnext\n", "a".repeat(300), "b".repeat(10));
    let at = text.find('X').unwrap();
    let w = LineWindow::new(
        &SourceFile::new("t", text.as_str()),
        Span::new(at, text.len()),
        40,
        40,
    );
    assert_eq!(
        &w.text[w.span.start..w.span.end],
        format!("X{}", "b".repeat(10))
    );
    assert!(w.text.ends_with("b\nnext"), "{}", w.text);
}

#[test]
fn only_lines_wider_than_the_terminal_are_windowed() {
    let narrow = "a: 1\nb: 2\nc: 3\n";
    let source = SourceFile::new("t", narrow);
    let (code, span) = Snippet::choose(&source, span_of(narrow, "2"), 100);
    assert!(matches!(code, Snippet::Whole(_)));
    assert_eq!(span, span_of(narrow, "2"));
    // A wide neighbour alone: the finding's line is drawn whole, without neighbours.
    let text = format!("{}\nb: 2\nc: 3\n", "x".repeat(200));
    let source = SourceFile::new("t", text.as_str());
    let (code, span) = Snippet::choose(&source, span_of(&text, "2"), 100);
    let Snippet::Window(w) = code else {
        panic!("windowed")
    };
    assert_eq!(w.text.as_str(), "b: 2\nc: 3");
    assert_eq!(&w.text[span.start..span.end], "2");
    // The finding's line fits the terminal, though not the window's budget: kept whole.
    let line = format!("b: 2 {}", "y".repeat(85));
    let text = format!("{}\n{line}\n", "x".repeat(200));
    let source = SourceFile::new("t", text.as_str());
    let (code, _) = Snippet::choose(&source, span_of(&text, "2"), 100);
    let Snippet::Window(w) = code else {
        panic!("windowed")
    };
    assert_eq!(w.text, line);
}

#[test]
fn a_long_line_is_cut_to_the_terminal_less_the_margin() {
    let text = format!("{}X{}", "a".repeat(9_000), "b".repeat(9_000));
    let source = SourceFile::new("t", text.as_str());
    let (code, _) = Snippet::choose(&source, span_of(&text, "X"), 100);
    let Snippet::Window(w) = code else {
        panic!("windowed")
    };
    assert_eq!(width_of(w.text.as_str()), 80 + 2);
    // A very narrow terminal still shows MIN_DRAWN_WIDTH columns.
    let (code, _) = Snippet::choose(&source, span_of(&text, "X"), 30);
    let Snippet::Window(w) = code else {
        panic!("windowed")
    };
    assert_eq!(width_of(w.text.as_str()), MIN_DRAWN_WIDTH + 2);
}
