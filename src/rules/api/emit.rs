//! Reporting findings from scripts: at the rule's severity, at most a warning, or a note.

use rhai::ImmutableString;

use super::Api;
use crate::base::limits::MAX_MESSAGE_CHARS;
use crate::finding::Severity;
use crate::rules::current::with_shapes;

pub(super) fn register(api: &mut Api<'_>) {
    api.add(
        "fail(p: string, msg: string)",
        "在 p 处报告问题，严重程度为规则的严重程度",
        fail,
    );
    api.add(
        "warn(p: string, msg: string)",
        "在 p 处报告问题，严重程度至多为警告（规则为 info 时为提示）",
        warn,
    );
    api.add(
        "note(p: string, msg: string)",
        "在 p 处给出提示（info）",
        note,
    );
}

fn fail(p: &str, msg: ImmutableString) {
    with_shapes(|s| s.emit(s.rule.severity, p, message(&msg)));
}

fn warn(p: &str, msg: ImmutableString) {
    with_shapes(|s| s.emit(s.rule.severity.max(Severity::Warning), p, message(&msg)));
}

fn note(p: &str, msg: ImmutableString) {
    with_shapes(|s| s.emit(Severity::Info, p, message(&msg)));
}

/// The message as kept: at most one character past the bound, so a long one is not
/// copied whole only to be cut.
fn message(msg: &str) -> String {
    let end = msg
        .char_indices()
        .nth(MAX_MESSAGE_CHARS + 1)
        .map_or(msg.len(), |(i, _)| i);
    msg[..end].to_string()
}
