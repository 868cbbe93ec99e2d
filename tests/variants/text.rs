//! Finding the places of a report text that transformations rewrite: the cover's
//! title lines, the table of contents, part and subsection headings, table rows,
//! prose.

use dabiao::base::normalize::compact;
use dabiao::base::vocab::PARTS;

use super::harness::Fx;

pub fn lines(t: &str) -> Vec<String> {
    t.lines().map(str::to_string).collect()
}

pub fn join(v: &[String]) -> String {
    let mut s = v.join("\n");
    s.push('\n');
    s
}

/// A Markdown heading's or bullet's marker and the rest.
pub fn split_marker(line: &str) -> (&str, &str) {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if hashes > 0 && line[hashes..].starts_with(' ') {
        return line.split_at(hashes + 1);
    }
    if let Some(rest) = line.strip_prefix("- ") {
        return (&line[..2], rest);
    }
    ("", line)
}

/// Without Markdown markers and emphasis.
pub fn plain(line: &str) -> String {
    split_marker(line).1.replace("**", "")
}

pub fn is_row(line: &str) -> bool {
    line.contains('\t') || line.trim_start().starts_with('|')
}

/// Prose: a long line that ends a sentence.
pub fn is_prose(line: &str) -> bool {
    !is_row(line) && line.chars().count() > 30 && line.trim_end().ends_with(['。', '；'])
}

/// The lines `[a, b)` that together hold the report's title.
pub fn title_range(fx: &Fx, ls: &[String]) -> Option<(usize, usize)> {
    let want = compact(&fx.title());
    for a in 0..ls.len().min(12) {
        let mut acc = String::new();
        for (b, l) in ls.iter().enumerate().skip(a).take(4) {
            if l.trim().is_empty() {
                break;
            }
            acc.push_str(&compact(&plain(l)));
            if acc == want {
                return Some((a, b + 1));
            }
            if !want.starts_with(&acc) {
                break;
            }
        }
    }
    None
}

/// A TOC entry: (marker, title, separator, page).
pub struct TocLine {
    pub marker: String,
    pub title: String,
    /// What stands between the title and the page number.
    pub sep: String,
    pub page: String,
}

pub fn parse_toc(line: &str) -> Option<TocLine> {
    let (marker, rest) = split_marker(line);
    let rest = rest.trim_end();
    let page: String = rest
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if page.is_empty() || page.len() > 3 {
        return None;
    }
    let head = &rest[..rest.len() - page.len()];
    let title = head.trim_end_matches(['.', '…', '·', '\t', ' ', '－']);
    // A page number glued to a title that ends in a word ("2.1 立德树人6", as
    // toc-page-numbers-glued leaves it) is an entry too, so that the TOC is found.
    let glued = title
        .chars()
        .last()
        .is_some_and(|c| !c.is_ascii() && !"年月日人个所名万亿元%％。，；：".contains(c));
    if (title.len() == head.len() && !glued) || title.is_empty() {
        return None;
    }
    Some(TocLine {
        marker: marker.to_string(),
        title: title.trim().to_string(),
        sep: head[title.len()..].to_string(),
        page,
    })
}

/// The TOC heading's line and the first line of the body after the TOC.
pub fn toc_range(ls: &[String]) -> Option<(usize, usize)> {
    let h = ls.iter().position(|l| compact(&plain(l)) == "目录")?;
    let mut i = h + 1;
    while i < ls.len() {
        let l = &ls[i];
        let c = compact(&plain(l));
        if !(c.is_empty() || c.contains("目录") || parse_toc(l).is_some()) {
            break;
        }
        i += 1;
    }
    Some((h, i))
}

/// The first line of the body: after the TOC, or after the cover.
pub fn body_start(ls: &[String]) -> usize {
    toc_range(ls).map_or_else(
        || {
            ls.iter()
                .position(|l| part_heading(l).is_some())
                .unwrap_or(0)
        },
        |(_, b)| b,
    )
}

/// A numbered part heading in the body: (marker, number, title).
pub fn part_heading(line: &str) -> Option<(String, u32, String)> {
    if is_row(line) || line.contains("..") {
        return None;
    }
    let (marker, rest) = split_marker(line);
    let rest = rest.trim();
    if rest.chars().count() > 24 {
        return None;
    }
    let (no, title) = split_part_number(rest)?;
    let t = title.trim();
    PARTS
        .iter()
        .any(|p| t.starts_with(p))
        .then(|| (marker.to_string(), no, t.to_string()))
}

const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

pub fn cn(n: u32) -> &'static str {
    CN.get(n as usize - 1).copied().unwrap_or("十")
}

fn split_part_number(s: &str) -> Option<(u32, &str)> {
    for (i, c) in CN.iter().enumerate() {
        for sep in ["、", "."] {
            if let Some(r) = s.strip_prefix(&format!("{c}{sep}")) {
                return Some((i as u32 + 1, r));
            }
        }
        for end in ["部分", "章", "篇"] {
            if let Some(r) = s.strip_prefix(&format!("第{c}{end}")) {
                return Some((i as u32 + 1, r));
            }
        }
    }
    let digits: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .collect();
    if digits.is_empty() {
        return None;
    }
    let rest = &s[digits.len()..];
    if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let no = compact(&digits).parse().ok()?;
    Some((no, rest.trim_start_matches(['.', '．', '、', ' '])))
}

/// A numbered subsection heading in the body: (marker, number parts, title), for
/// "1.1 学校概况", "2.3.1 …" and "（一）立德树人" (number `[0, k]`).
pub fn sub_heading(line: &str) -> Option<(String, Vec<u32>, String)> {
    if is_row(line) || line.contains("..") {
        return None;
    }
    let (marker, rest) = split_marker(line);
    let rest = rest.trim();
    if rest.chars().count() > 40 || rest.ends_with('。') {
        return None;
    }
    for (i, c) in CN.iter().enumerate() {
        for (o, e) in [("（", "）"), ("(", ")")] {
            if let Some(r) = rest.strip_prefix(&format!("{o}{c}{e}")) {
                return Some((
                    marker.to_string(),
                    vec![0, i as u32 + 1],
                    r.trim().to_string(),
                ));
            }
        }
    }
    let num: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let parts: Vec<u32> = num.split('.').filter_map(|p| p.parse().ok()).collect();
    if parts.len() < 2 || num.ends_with('.') || num.split('.').any(str::is_empty) {
        return None;
    }
    let title = rest[num.len()..].trim();
    if title.is_empty() || title.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((marker.to_string(), parts, title.to_string()))
}

/// Rewrites the body's part headings.
pub fn map_parts(text: &str, f: impl Fn(&str, u32, &str) -> String) -> Option<String> {
    let mut ls = lines(text);
    let start = body_start(&ls);
    let mut n = 0;
    for l in ls.iter_mut().skip(start) {
        if let Some((m, no, t)) = part_heading(l) {
            *l = f(&m, no, &t);
            n += 1;
        }
    }
    (n > 0).then(|| join(&ls))
}

/// Rewrites the body's subsection headings.
pub fn map_subs(text: &str, f: impl Fn(&str, &[u32], &str) -> String) -> Option<String> {
    let mut ls = lines(text);
    let start = body_start(&ls);
    let mut n = 0;
    for l in ls.iter_mut().skip(start) {
        if let Some((m, no, t)) = sub_heading(l) {
            *l = f(&m, &no, &t);
            n += 1;
        }
    }
    (n > 0).then(|| join(&ls))
}

/// Rewrites the TOC's entries.
pub fn map_toc(text: &str, f: impl Fn(&TocLine) -> String) -> Option<String> {
    let mut ls = lines(text);
    let (h, b) = toc_range(&ls)?;
    let mut n = 0;
    for l in &mut ls[h + 1..b] {
        if let Some(t) = parse_toc(l) {
            *l = f(&t);
            n += 1;
        }
    }
    (n > 0).then(|| join(&ls))
}

/// Rewrites every line outside tables (and, unless `toc`, outside the TOC).
pub fn map_text_lines(text: &str, toc: bool, f: impl Fn(&str) -> String) -> String {
    let mut ls = lines(text);
    let skip = if toc { None } else { toc_range(&ls) };
    for (i, l) in ls.iter_mut().enumerate() {
        let in_toc = skip.is_some_and(|(h, b)| i > h && i < b);
        if !is_row(l) && !in_toc {
            *l = f(l);
        }
    }
    join(&ls)
}

/// The line indices of each part's block in the body: (first line, end).
pub fn part_blocks(ls: &[String]) -> Vec<(u32, usize, usize)> {
    let start = body_start(ls);
    let heads: Vec<(usize, u32)> = ls
        .iter()
        .enumerate()
        .skip(start)
        .filter_map(|(i, l)| part_heading(l).map(|(_, no, _)| (i, no)))
        .collect();
    let end_all = ls
        .iter()
        .enumerate()
        .skip(start)
        .position(|(_, l)| {
            let c = compact(&plain(l));
            c == "附表" || c.starts_with("表1人才培养") || c.ends_with(':') && c.len() <= 10
        })
        .map_or(ls.len(), |p| p + start);
    heads
        .iter()
        .enumerate()
        .map(|(k, &(i, no))| {
            let end = heads.get(k + 1).map_or(end_all, |&(j, _)| j);
            (no, i, end.max(i + 1))
        })
        .collect()
}
