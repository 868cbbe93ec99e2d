//! Clauses and the words of change: where a clause starts, and whether words say
//! up or down. Used by the sentence reader and by the structures (growth, parts).

use crate::base::vocab::Stage;

const UP: &[&str] = &[
    "增加", "增长", "提高", "上升", "提升", "增幅", "多出", "扩大",
];
const DOWN: &[&str] = &["减少", "下降", "降低", "降幅", "减幅", "缩减", "回落"];
/// The stage named last in `text` (高职 or 中职), if any.
pub(super) fn stage_in(text: &str) -> Option<&'static str> {
    let h = Stage::Higher.last_mention(text);
    let s = Stage::Secondary.last_mention(text);
    match (h, s) {
        (Some(a), Some(b)) => Some(if a > b { "higher" } else { "secondary" }),
        (Some(_), None) => Some("higher"),
        (None, Some(_)) => Some("secondary"),
        (None, None) => None,
    }
}

/// Where the clause that ends at `before` starts (after the last clause mark). A
/// bracketed note inside the clause ("中等职业学校(不含技工学校)6 所") belongs to it.
pub(super) fn clause_start(text: &str, before: usize) -> usize {
    let head = &text[..before];
    let mut depth = 0usize;
    for (i, c) in head.char_indices().rev() {
        match c {
            '）' | ')' => {
                depth += 1;
                continue;
            }
            '（' | '(' if depth > 0 => {
                depth -= 1;
                continue;
            }
            _ if depth > 0 => continue,
            _ => {}
        }
        if ends_clause(head, i, c) {
            return i + c.len_utf8();
        }
    }
    0
}

/// Whether character `c` at byte `i` of `head` ends a clause.
fn ends_clause(head: &str, i: usize, c: char) -> bool {
    // The colon of a ratio ("10.42:1") does not end a clause.
    let after_digit = head[..i].ends_with(|d: char| d.is_ascii_digit());
    let in_ratio = matches!(c, ':' | '：') && after_digit;
    // "2,986": a thousands separator.
    let in_number =
        c == ',' && after_digit && head[i + 1..].starts_with(|d: char| d.is_ascii_digit());
    !in_ratio
        && !in_number
        && matches!(
            c,
            '，' | ',' | '；' | ';' | '。' | '：' | ':' | '、' | '（' | '(' | '）' | ')'
        )
}

pub(super) fn contains_any(text: &str, words: &[&str]) -> Option<usize> {
    words.iter().filter_map(|w| text.rfind(w)).max()
}

/// +1 when the last change word in `words` says up, -1 when it says down, 0 if none.
pub(super) fn direction(words: &str) -> i8 {
    let up = contains_any(words, UP);
    let down = contains_any(words, DOWN);
    match (up, down) {
        (Some(a), Some(b)) => {
            if a > b {
                1
            } else {
                -1
            }
        }
        (Some(_), None) => 1,
        (None, Some(_)) => -1,
        _ => 0,
    }
}
