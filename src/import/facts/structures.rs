//! Structures that tie the figures of a sentence together: growth from one value to
//! another, a declared count and the list after it, a total and the parts after 其中.

use super::clause::{clause_start, direction, stage_in};
use super::fact::{Compare, Fact, Scope};
use super::numbers::Mention;

/// "从 a 增至 b": ties b to the earlier fact a of the same indicator.
pub(super) fn growth(
    out: &mut [Fact],
    b: usize,
    sentence: &str,
    gap: &str,
    base: usize,
    scope: Scope,
) {
    let Some(a) = (0..b)
        .rev()
        .find(|&i| out[i].indicator.id == out[b].indicator.id)
    else {
        return;
    };
    let between = &sentence[out[a].end - base..out[b].start - base];
    let from_word = sentence[..out[a].start - base]
        .rfind(['从', '由'])
        .is_some_and(|i| out[a].start - base - i <= 30);
    if !from_word && !between.contains("从") {
        return;
    }
    out[b].from = Some((out[a].value, a));
    let a_clause = &sentence[clause_start(sentence, out[a].start - base)..out[a].start - base];
    let has_year = |t: &str| t.contains('年') && t.chars().any(|c| c.is_ascii_digit());
    let d = direction(gap).max(i8::from(gap.contains("增至") || gap.contains("升至")));
    let d = if gap.contains("降至") || gap.contains("减至") {
        -1
    } else {
        d
    };
    if d != 0 || !gap.contains("改善") {
        let (start, end) = (out[a].start, out[b].end);
        out[b].compare.get_or_insert_with(|| Compare {
            direction: d,
            start,
            end,
            ..Compare::default()
        });
    }
    // "由上年的 a 提高到 b": b is for the year before 由, not 上年.
    let explicit_b = has_year(gap);
    if !explicit_b
        && (out[a].year != out[b].year || out[b].year == scope.report_year.map(|y| y - 1))
    {
        let head = &sentence[..out[a].start - base];
        let year = head
            .rfind('年')
            .and_then(|i| head[..i].get(i.saturating_sub(4)..i))
            .and_then(|y| y.parse().ok())
            .filter(|y: &u32| (2000..2100).contains(y));
        out[b].year = year.or(scope.paragraph_year).or(scope.report_year);
    }
    let from_text = &sentence
        [out[a].start - base - a_clause.len().min(out[a].start - base)..out[a].start - base];
    if !has_year(from_text) && !has_year(gap) {
        out[a].year = out[b].year.map(|y| y - 1);
    }
}

/// "共有3所：甲校、乙校、丙校。" → 3 items; a list ending in 等 is not counted.
pub(super) fn list_after(sentence: &str, m: &Mention) -> Option<usize> {
    if !matches!(m.unit.as_str(), "所" | "个" | "家" | "项" | "门") {
        return None;
    }
    let rest = &sentence[m.end..];
    let body = [
        "：",
        ":",
        "，分别是",
        "，分别为",
        "，包括",
        "，即",
        "分别是",
        "分别为",
    ]
    .iter()
    .find_map(|w| {
        // the list follows the number's own words ("3所学校：…"), within a few characters
        let i = rest.find(w)?;
        (rest[..i].chars().count() <= 12 && !rest[..i].contains(['，', '。', '；']))
            .then(|| &rest[i + w.len()..])
    })?;
    let body = body.trim_end_matches(['。', '；', ';']);
    if body.contains('等') || body.contains('。') {
        return None;
    }
    // "市区7所、县域5所" is a breakdown, not a list of names.
    if body.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut items = body.split('、').filter(|s| !s.trim().is_empty()).count();
    if let Some(last) = body.rsplit('、').next()
        && (last.contains('和') || last.contains('及'))
    {
        items += 1;
    }
    (items >= 2).then_some(items)
}

/// Ties each total to the parts listed after its 其中 (not those nested in brackets
/// opened after it).
pub(super) fn parts_of(out: &mut [Fact], sentence: &str, base: usize) {
    let mut at = 0;
    while let Some(i) = sentence[at..].find("其中") {
        parts_after(out, sentence, base, at + i);
        at += i + "其中".len();
    }
}

fn parts_after(out: &mut [Fact], sentence: &str, base: usize, q: usize) {
    let q_abs = base + q;
    // The total is the last figure before 其中, not one in brackets closed before it
    // ("九所（含技工学校两所），其中…": the parts are of 九所).
    let Some(t) = out.iter().rposition(|f| {
        let between = sentence.get(f.start.saturating_sub(base)..q).unwrap_or("");
        f.start < q_abs
            && f.share.is_none()
            && between.matches(['）', ')']).count() <= between.matches(['（', '(']).count()
    }) else {
        return;
    };
    // Brackets: the parts end where a bracket opened before 其中 closes.
    let opened_before =
        sentence[..q].matches(['（', '(']).count() > sentence[..q].matches(['）', ')']).count();
    let mut depth = 0i32;
    let after_q = q + "其中".len();
    let total_local = out[t].start - base;
    let head = Head {
        stage: stage_in(&sentence[..total_local]),
        year: out[t].year,
    };
    let mut end = before_next_total(
        out,
        sentence,
        base,
        (q_abs, t),
        parts_end(sentence, after_q, &head),
    );
    for (i, c) in sentence[q..].char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth < 0 && opened_before {
                    end = end.min(q + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let nested = |f: &Fact| {
        let local = f.start - base;
        let seg = &sentence[q..local];
        seg.matches(['（', '(']).count() > seg.matches(['）', ')']).count()
    };
    let unit = super::lexicon::unit_factor(&out[t].unit).map(|u| u.0);
    let parts: Vec<usize> = (t + 1..out.len())
        .filter(|&i| {
            let f = &out[i];
            f.start > q_abs
                && f.start < base + end
                && !nested(f)
                && super::lexicon::unit_factor(&f.unit).map(|u| u.0) == unit
        })
        .collect();
    if parts.is_empty() {
        return;
    }
    out[t].exhaustive = sentence[..q].contains("分别") || sentence[q..end].contains("分别为");
    // A part of the same indicator is a subset; "教职工…其中专任教师 N 人" states
    // 专任教师 whole.
    for &p in &parts {
        if out[p].indicator.same_family(out[t].indicator) {
            out[p].is_part = true;
        }
    }
    out[t].parts = parts;
}

/// "…，其中公办9所；高职院校4所，其中…": a later 其中 (at `end`) with a total of its
/// own ends the parts of total `t` (其中 at `q_abs`) before that total's clause, once a
/// part has been listed. Returns where the parts end.
fn before_next_total(
    out: &[Fact],
    sentence: &str,
    base: usize,
    (q_abs, t): (usize, usize),
    end: usize,
) -> usize {
    if !sentence[end..].starts_with("其中") {
        return end;
    }
    let Some(t2) = out
        .iter()
        .rposition(|f| f.start < base + end && f.share.is_none())
        .filter(|&t2| out[t2].start > q_abs)
    else {
        return end;
    };
    let c2 = clause_start(sentence, out[t2].start - base);
    let unit = super::lexicon::unit_factor(&out[t].unit).map(|u| u.0);
    let listed = out.iter().any(|f| {
        f.start > q_abs
            && f.start < base + c2
            && super::lexicon::unit_factor(&f.unit).map(|u| u.0) == unit
    });
    if listed { end.min(c2) } else { end }
}

/// What a total's statement is about, for telling where its parts end.
pub(super) struct Head {
    /// The stage named before the total ("全省中职学校招生…").
    pub stage: Option<&'static str>,
    pub year: Option<u32>,
}

/// Where the parts listed after 其中 (from byte `from`) end: at the next 其中, where
/// something else is added ("另有技工学校2所"), or at a "；" after which a new statement
/// starts (another stage, another year, a new total or a whole subject).
pub(super) fn parts_end(sentence: &str, from: usize, head: &Head) -> usize {
    let mut end = ["其中", "另有", "另外", "此外", "还有"]
        .iter()
        .filter_map(|w| sentence[from..].find(w))
        .min()
        .map_or(sentence.len(), |i| from + i);
    // "其中女生560人；乙校在校生980人": the parts name no indicator of their own, so a
    // clause naming one after "；" is a statement of its own, not one more part.
    let first = sentence[from..end].trim_start_matches(['：', ':', '，', ',', ' ']);
    let first = &first[..first
        .find(['；', ';', '，', ',', '、'])
        .unwrap_or(first.len())];
    let parts_named = names_indicator(first);
    let mut depth = 0i32;
    for (i, c) in sentence[from..end].char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '；' | ';' if depth <= 0 => {
                let next = from + i + c.len_utf8();
                if new_statement(&sentence[next..], head, parts_named) {
                    end = from + i;
                    break;
                }
            }
            _ => {}
        }
    }
    end
}

/// Whether the clause starting `rest` opens a statement of its own rather than
/// listing one more part: it names another stage or year, or a total or whole.
fn new_statement(rest: &str, head: &Head, parts_named: bool) -> bool {
    // The clause's subject: its words up to the first figure.
    let subject_end = rest
        .char_indices()
        .find(|&(_, c)| c.is_ascii_digit() || ('０'..='９').contains(&c))
        .map_or(rest.len(), |(i, _)| i);
    let subject = rest[..subject_end].trim_start();
    let year = rest[subject_end..]
        .get(..4)
        .and_then(|y| y.parse::<u32>().ok())
        .filter(|y| {
            (2000..2100).contains(y) && rest[subject_end + 4..].trim_start().starts_with('年')
        });
    if let Some(y) = year
        && head.year.is_some_and(|h| h != y)
    {
        return true;
    }
    if !parts_named && names_indicator(subject) {
        return true;
    }
    if let (Some(s), Some(h)) = (stage_in(subject), head.stage)
        && s != h
    {
        return true;
    }
    const OPENS: &[&str] = &[
        "共有", "共计", "总计", "合计", "现有", "累计", "全市", "全省", "全县", "全区", "全州",
        "全盟", "全国", "另有", "此外", "同时",
    ];
    OPENS.iter().any(|w| subject.starts_with(w))
}

/// Whether `text` names an indicator (在校生, 招生, 专任教师…).
fn names_indicator(text: &str) -> bool {
    text.char_indices()
        .any(|(i, _)| super::lexicon::word_at(text, i).is_some())
}
