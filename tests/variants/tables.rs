//! The six data tables' captions, order and stage groups, in-text captions and
//! cases (F, B8).

use dabiao::base::normalize::compact;
use serde_json::Value;

use super::catalog::{Styled, T, text};
use super::harness::Fx;
use super::text::{body_start, is_row, join, lines, plain, split_marker};

/// A data-table caption from its number, name and stage.
type CaptionStyle = fn(usize, &str, &str) -> String;

pub const NAMES: [&str; 6] = [
    "人才培养质量计分卡",
    "满意度调查表",
    "教学资源表",
    "服务贡献表",
    "国际影响表",
    "落实政策表",
];

/// A data-table caption line: (table number 1..=6).
fn data_caption(line: &str) -> Option<usize> {
    let c = compact(&plain(line));
    (1..=6).find(|&k| c == format!("表{k}{}", NAMES[k - 1]))
}

/// The stage group a line is in ("高职：" / "中职：" above it), if any.
fn group_at(ls: &[String], i: usize) -> Option<&'static str> {
    ls[..i]
        .iter()
        .rev()
        .find_map(|l| match compact(&plain(l)).as_str() {
            "高职:" => Some("高职"),
            "中职:" => Some("中职"),
            _ => None,
        })
}

fn recaption(name: &str, fam: &[&'static str], style: fn(usize, &str, &str) -> String) -> T {
    text(name, fam, &["captions"], move |fx| {
        let mut ls = lines(&fx.text);
        let mut n = 0;
        for i in 0..ls.len() {
            if let Some(k) = data_caption(&ls[i]) {
                let stage = group_at(&ls, i).unwrap_or(if fx.str("/report/stages/0") == "higher" {
                    "高职"
                } else {
                    "中职"
                });
                let bold = ls[i].contains("**");
                let c = style(k, NAMES[k - 1], stage);
                ls[i] = if bold { format!("**{c}**") } else { c };
                n += 1;
            }
        }
        (n > 0).then(|| join(&ls))
    })
}

fn captions() -> Vec<T> {
    let styles: [Styled<CaptionStyle>; 7] = [
        ("caption-fu-biao", &["F1"], |k, n, _| format!("附表{k} {n}")),
        ("caption-fu-jian-colon", &["F2"], |k, n, _| {
            format!("附件{k}：{n}")
        }),
        ("caption-spaced-number", &["F3"], |k, n, _| {
            format!("表 {k} {n}")
        }),
        ("caption-colon", &["F1"], |k, n, _| format!("表{k}：{n}")),
        ("caption-chapter-number", &["F4"], |k, n, _| {
            format!("表 9-{k} {n}")
        }),
        ("caption-stage-suffix", &["F6"], |k, n, s| {
            format!("表{k} {n}（{s}）")
        }),
        ("caption-no-number", &["F2"], |_, n, _| n.to_string()),
    ];
    let mut v: Vec<T> = styles
        .into_iter()
        .map(|(name, fam, s)| recaption(name, fam, s))
        .collect();
    // A caption without a number or with a chapter number has no table number.
    let last = v.pop().unwrap().expect(drop_data_table_ids);
    v.push(last);
    let chapter = v.remove(4).expect(drop_data_table_ids);
    v.push(chapter);
    v
}

fn drop_data_table_ids(e: &mut super::harness::Exp, fx: &Fx) {
    let tables = fx.base["tables"].as_array().cloned().unwrap_or_default();
    for (i, t) in tables.iter().enumerate() {
        if NAMES.contains(&t["title"].as_str().unwrap_or_default()) {
            e.values.remove(&format!("/tables/{i}/id"));
        }
    }
}

/// The data tables' blocks: (number, first line, end), grouped by stage group.
fn table_blocks(ls: &[String]) -> Vec<Vec<(usize, usize, usize)>> {
    let mut groups: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new()];
    let mut i = 0;
    while i < ls.len() {
        let c = compact(&plain(&ls[i]));
        if (c == "高职:" || c == "中职:") && !groups.last().unwrap().is_empty() {
            groups.push(Vec::new());
        }
        if let Some(k) = data_caption(&ls[i]) {
            let mut j = i + 1;
            let mut seen_row = false;
            while j < ls.len() && data_caption(&ls[j]).is_none() {
                let row = is_row(&ls[j]);
                // A page number between a table and its continuation does not end it.
                if seen_row && !row && !ls[j].trim().is_empty() && !page_number_line(&ls[j]) {
                    break;
                }
                seen_row |= row;
                j += 1;
            }
            groups.last_mut().unwrap().push((k, i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    groups
}

/// "— 27 —", "- 3 -", "第 12 页", "27".
fn page_number_line(l: &str) -> bool {
    let c = compact(&plain(l));
    let core = c
        .trim_matches(|ch: char| matches!(ch, '—' | '-' | '－'))
        .trim_start_matches('第')
        .trim_end_matches('页');
    !core.is_empty() && core.chars().all(|ch| ch.is_ascii_digit())
}

const SHUFFLE: [usize; 6] = [1, 3, 5, 4, 6, 2];

fn shuffled() -> T {
    text("data-tables-shuffled", &["F2"], &["table-order"], |fx| {
        let ls = lines(&fx.text);
        let groups = table_blocks(&ls);
        let mut out = Vec::new();
        let mut at = 0;
        for g in groups.iter().filter(|g| g.len() > 1) {
            let (start, end) = (g[0].1, g.last().unwrap().2);
            out.extend(ls[at..start].iter().cloned());
            for k in SHUFFLE {
                if let Some(&(_, a, b)) = g.iter().find(|t| t.0 == k) {
                    out.extend(ls[a..b].iter().cloned());
                    if !ls[b - 1].trim().is_empty() {
                        out.push(String::new());
                    }
                }
            }
            at = end;
        }
        out.extend(ls[at..].iter().cloned());
        let t = join(&out);
        (t != fx.text).then_some(t)
    })
    .expect(|e, fx| {
        let tables = fx.base["tables"].as_array().cloned().unwrap_or_default();
        // Within each run of data tables, the new order by table number.
        let rank = |t: &Value| {
            let k = NAMES.iter().position(|n| t["title"] == *n);
            k.map(|k| SHUFFLE.iter().position(|&s| s == k + 1).unwrap())
        };
        let mut order: Vec<usize> = (0..tables.len()).collect();
        let mut i = 0;
        while i < tables.len() {
            if rank(&tables[i]).is_none() {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut seen = std::collections::HashSet::new();
            while j < tables.len() && rank(&tables[j]).is_some_and(|r| seen.insert(r)) {
                j += 1;
            }
            order[i..j].sort_by_key(|&x| rank(&tables[x]));
            i = j;
        }
        let new_index: std::collections::HashMap<usize, usize> =
            order.iter().enumerate().map(|(j, &i)| (i, j)).collect();
        e.reindex("/tables", |i| new_index.get(&i).copied());
    })
}

fn groups() -> Vec<T> {
    let styles = [
        (
            "stage-groups-full-names",
            ["高等职业教育：", "中等职业教育："],
        ),
        ("stage-groups-brackets", ["【高职】", "【中职】"]),
        ("stage-groups-school-kinds", ["高职院校", "中职学校"]),
        ("stage-groups-pian", ["高等职业教育篇", "中等职业教育篇"]),
    ];
    styles
        .into_iter()
        .map(|(name, [h, s])| {
            text(name, &["B8", "F6"], &["groups"], move |fx| {
                let mut ls = lines(&fx.text);
                let mut n = 0;
                for l in &mut ls {
                    match compact(&plain(l)).as_str() {
                        "高职:" => *l = h.to_string(),
                        "中职:" => *l = s.to_string(),
                        _ => continue,
                    }
                    n += 1;
                }
                (n > 0).then(|| join(&ls))
            })
        })
        .collect()
}

fn appendix_names() -> Vec<T> {
    ["附件：6张指标表", "六张数据表", "附表：6张数据表"]
        .into_iter()
        .enumerate()
        .map(|(k, name)| {
            text(
                format!("appendix-heading-{}", k + 1),
                &["F2"],
                &["appendix"],
                move |fx| {
                    let mut ls = lines(&fx.text);
                    let start = body_start(&ls);
                    let i = (start..ls.len()).find(|&i| compact(&plain(&ls[i])) == "附表")?;
                    ls[i] = format!("{}{name}", split_marker(&ls[i]).0);
                    Some(join(&ls))
                },
            )
        })
        .collect()
}

/// "表 1.1" → "表 1-1" for tables, figures and cases, everywhere.
fn dash_numbers(s: &str) -> String {
    let mut out = String::new();
    let cs: Vec<char> = s.chars().collect();
    for (i, &c) in cs.iter().enumerate() {
        let dotted = c == '.'
            && i > 0
            && cs[i - 1].is_ascii_digit()
            && cs.get(i + 1).is_some_and(char::is_ascii_digit)
            && cs[..i]
                .iter()
                .rev()
                .skip_while(|c| c.is_ascii_digit())
                .take(2)
                .any(|c| matches!(c, '表' | '图' | '例'));
        out.push(if dotted { '-' } else { c });
    }
    out
}

fn numbering() -> Vec<T> {
    let mut v = Vec::new();
    numbering_1(&mut v);
    numbering_2(&mut v);
    v
}

fn numbering_1(v: &mut Vec<T>) {
    v.push(
        text(
            "caption-numbers-with-dash",
            &["F4"],
            &["caption-numbers"],
            |fx| {
                let t = dash_numbers(&fx.text);
                (t != fx.text).then_some(t)
            },
        )
        .expect(|e, _| {
            for (p, v) in e.values.iter_mut() {
                if let Value::String(s) = v {
                    *s = if p.ends_with("/id") {
                        s.replace('.', "-")
                    } else {
                        dash_numbers(s)
                    };
                }
            }
        }),
    );
    v.push(
        text("caption-only-inline", &["F3"], &["caption-numbers"], |fx| {
            let ls = lines(&fx.text);
            let start = body_start(&ls);
            let mut out = ls.clone();
            let mut n = 0;
            for i in start..ls.len() {
                let p = plain(&ls[i]);
                let c = compact(&p);
                let numbered = c.chars().nth(1).is_some_and(|d| d.is_ascii_digit());
                if c.starts_with('表')
                    && numbered
                    && data_caption(&ls[i]).is_none()
                    && c.chars().count() < 40
                {
                    let mut words = p.split_whitespace();
                    let label = format!(
                        "{} {}",
                        words.next().unwrap_or_default(),
                        words.next().unwrap_or_default()
                    );
                    let title: Vec<&str> = words.collect();
                    out[i] = format!("{}的情况如{label}所示。", title.join(" "));
                    n += 1;
                }
            }
            (n > 0).then(|| join(&out))
        })
        // The tables captioned only in a sentence are not listed. A data table
        // whose caption became a sentence ("教学资源的情况如表 3-1所示。") is found by its
        // rows, and the importer says so.
        .expect(|e, fx| {
            e.may.push("dabiao::import::table-by-rows");
            let tables = fx.base["tables"].as_array().cloned().unwrap_or_default();
            let kept: Vec<usize> = (0..tables.len())
                .filter(|&i| tables[i]["part"].is_null())
                .collect();
            e.reindex("/tables", |i| kept.iter().position(|&k| k == i));
            if e.counts.contains_key("/tables") {
                e.counts.insert("/tables".into(), kept.len() as u64);
            }
        }),
    );
}

fn numbering_2(v: &mut Vec<T>) {
    for (name, style) in [
        ("case-heading-bracketed", "【典型案例{id}】{title}"),
        ("case-heading-typical-spaced", "典型案例 {id} {title}"),
        ("case-heading-colon", "案例{id}：{title}"),
    ] {
        v.push(text(name, &["F5"], &["cases"], move |fx| {
            let ls = lines(&fx.text);
            let start = body_start(&ls);
            let mut out = ls.clone();
            let mut n = 0;
            for i in start..ls.len() {
                let p = plain(&ls[i]);
                let p = p.trim().trim_start_matches('>').trim();
                let Some(rest) = p
                    .strip_prefix("案例")
                    .or_else(|| p.strip_prefix("【典型案例"))
                else {
                    continue;
                };
                let rest = rest.trim_start();
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
                    .collect();
                if id.is_empty() {
                    continue;
                }
                let title = rest[id.len()..].trim_start_matches(['】', '：', ':', ' ']);
                if title.is_empty() {
                    continue;
                }
                out[i] = style.replace("{id}", &id).replace("{title}", title);
                n += 1;
            }
            (n > 0).then(|| join(&out))
        }));
    }
}

pub fn all() -> Vec<T> {
    let mut v = captions();
    v.push(shuffled());
    v.extend(groups());
    v.extend(appendix_names());
    v.extend(numbering());
    v
}
