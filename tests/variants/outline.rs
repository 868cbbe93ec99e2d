//! The table of contents (D) and the outline: part and subsection headings,
//! their numbering, names and order (E, B7, G5).

use dabiao::base::normalize::compact;
use serde_json::Value;

use super::catalog::{Styled, T, text};
use super::harness::{Exp, Fx};
use super::text::{
    cn, join, lines, map_parts, map_subs, map_toc, part_blocks, part_heading, plain, toc_range,
};

/// A part heading from its number and title.
type PartStyle = fn(u32, &str) -> String;
/// A subsection heading from its number parts and title.
type SubStyle = fn(&[u32], &str) -> String;

fn toc() -> Vec<T> {
    let mut v = Vec::new();
    toc_1(&mut v);
    toc_2(&mut v);
    toc_3(&mut v);
    v
}

fn toc_1(v: &mut Vec<T>) {
    for (name, word) in [
        ("toc-heading-spaced", "目    录"),
        ("toc-heading-traditional", "目 錄"),
    ] {
        v.push(text(name, &["D1", "G9"], &["toc-heading"], move |fx| {
            let mut ls = lines(&fx.text);
            let (h, _) = toc_range(&ls)?;
            let marker = super::text::split_marker(&ls[h]).0.to_string();
            ls[h] = format!("{marker}{word}");
            Some(join(&ls))
        }));
    }
    v.push(text("toc-page-numbers-glued", &["D2"], &["toc"], |fx| {
        map_toc(&fx.text, |t| format!("{}{}{}", t.marker, t.title, t.page))
    }));
    v.push(text(
        "toc-section-numbers-glued",
        &["D3"],
        &["toc-title"],
        |fx| {
            map_toc(&fx.text, |t| {
                let n = t
                    .title
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .count();
                let title = if n > 0 {
                    format!("{}{}", &t.title[..n], t.title[n..].trim_start())
                } else {
                    t.title.clone()
                };
                format!("{}{}{}{}", t.marker, title, t.sep, t.page)
            })
        },
    ));
    v.push(
        text("toc-appendix-tables", &["D4"], &["toc-title"], |fx| {
            map_toc(&fx.text, |t| {
                let title = appendix_label(&t.title);
                format!("{}{}{}{}", t.marker, title, t.sep, t.page)
            })
            .filter(|t| *t != fx.text)
        })
        .expect(|e, _| {
            for (p, v) in e.values.iter_mut() {
                if p.starts_with("/toc/")
                    && let Value::String(s) = v
                {
                    *s = appendix_label(s);
                }
            }
        }),
    );
}

fn toc_2(v: &mut Vec<T>) {
    v.push(text(
        "toc-figure-list-named",
        &["D5"],
        &["toc-lists"],
        |fx| {
            let mut ls = lines(&fx.text);
            let (h, b) = toc_range(&ls)?;
            let mut n = 0;
            for l in &mut ls[h + 1..b] {
                let c = compact(&plain(l));
                if c == "图目录" || c == "图表目录" {
                    *l = format!("{}附图目录", super::text::split_marker(l).0);
                    n += 1;
                }
            }
            (n > 0).then(|| join(&ls))
        },
    ));
    v.push(text(
        "toc-preface-spaced",
        &["D6", "G9"],
        &["toc-title"],
        |fx| {
            map_toc(&fx.text, |t| {
                let title = if t.title == "前言" {
                    "前 言".to_string()
                } else {
                    t.title.clone()
                };
                format!("{}{}{}{}", t.marker, title, t.sep, t.page)
            })
        },
    ));
}

fn toc_3(v: &mut Vec<T>) {
    for (name, leader) in [
        ("dots", "......"),
        ("ellipsis", "……………"),
        ("middots", "·······"),
        ("dashes", "－－－－"),
    ] {
        v.push(text(
            format!("toc-leaders-{name}"),
            &["D7"],
            &["toc"],
            move |fx| {
                map_toc(&fx.text, |t| {
                    format!("{}{}{leader}{}", t.marker, t.title, t.page)
                })
            },
        ));
    }
    v.push(text(
        "toc-flattened-one-line",
        &["D8"],
        &["toc", "toc-title", "toc-lists"],
        |fx| {
            let ls = lines(&fx.text);
            let (h, b) = toc_range(&ls)?;
            let flat: String = ls[h + 1..b]
                .iter()
                .filter_map(|l| super::text::parse_toc(l))
                .map(|t| format!("{}……{}", t.title, t.page))
                .collect();
            let mut out = ls[..=h].to_vec();
            out.push(flat);
            out.push(String::new());
            out.extend(ls[b..].iter().cloned());
            Some(join(&out))
        },
    ));
}

/// "表1 人才培养质量计分卡" → "附表1人才培养质量计分卡".
fn appendix_label(s: &str) -> String {
    for k in 1..=6 {
        if let Some(r) = s.strip_prefix(&format!("表{k} ")) {
            return format!("附表{k}{r}");
        }
    }
    s.to_string()
}

fn numbering() -> Vec<T> {
    let mut v = Vec::new();
    let part_styles: [Styled<PartStyle>; 6] = [
        ("parts-chinese-numerals", &["E4"], |n, t| {
            format!("{}、{t}", cn(n))
        }),
        ("parts-chinese-numerals-dot", &["E4", "G10"], |n, t| {
            format!("{}.{t}", cn(n))
        }),
        ("parts-dotted-arabic", &["E5"], |n, t| format!("{n}. {t}")),
        ("parts-di-bufen", &["E8"], |n, t| {
            format!("第{}部分 {t}", cn(n))
        }),
        ("parts-di-zhang", &["E8"], |n, t| {
            format!("第{}章 {t}", cn(n))
        }),
        ("parts-as-pian", &["B7", "E6"], |n, t| {
            format!("第{}篇 {t}", cn(n))
        }),
    ];
    for (name, fam, style) in part_styles {
        v.push(text(name, fam, &["parts"], move |fx| {
            map_parts(&fx.text, |m, n, t| format!("{m}{}", style(n, t)))
        }));
    }
    let sub_styles: [Styled<SubStyle>; 4] = [
        ("subs-chinese-brackets", &["E4"], |n, t| match n {
            [_, k] => format!("（{}）{t}", cn(*k)),
            [_, _, k] => format!("{k}. {t}"),
            _ => t.to_string(),
        }),
        (
            "subs-half-width-brackets",
            &["E4", "E7", "G10"],
            |n, t| match n {
                [_, k] => format!("({}) {t}", cn(*k)),
                _ => format!("{} {t}", dotted(n)),
            },
        ),
        ("subs-numbers-glued", &["E5", "D3"], |n, t| {
            format!("{}{t}", dotted(n))
        }),
        ("subs-numbers-spaced-wide", &["E5", "E7"], |n, t| {
            format!("{}  {t}", dotted(n))
        }),
    ];
    for (name, fam, style) in sub_styles {
        v.push(text(name, fam, &["subs"], move |fx| {
            map_subs(&fx.text, |m, n, t| {
                if n[0] == 0 {
                    format!("{m}（{}）{t}", cn(n[1]))
                } else {
                    format!("{m}{}", style(n, t))
                }
            })
        }));
    }
    v
}

fn dotted(n: &[u32]) -> String {
    n.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

/// A part's name changed in its heading and its TOC entry; the expectation takes the
/// name as written.
fn part_renamed(name: &str, fam: &[&'static str], from: &'static str, to: &'static str) -> T {
    text(name, fam, &["part-names"], move |fx| {
        let mut ls = lines(&fx.text);
        let start = super::text::body_start(&ls);
        let mut n = 0;
        for l in ls.iter_mut().skip(start) {
            let unnumbered = l.starts_with('#') && compact(&plain(l)) == from;
            if part_heading(l).is_some_and(|(_, _, t)| t.starts_with(from)) || unnumbered {
                *l = l.replacen(from, to, 1);
                n += 1;
            }
        }
        let t = join(&ls);
        let t = map_toc(&t, |e| {
            let bare = compact(&e.title);
            let bare = bare.trim_start_matches(|c: char| {
                c.is_ascii_digit() || "一二三四五六七八九十、.".contains(c)
            });
            // "第二部分 人才培养" is renamed too, as the expectation says.
            let bare = bare
                .strip_prefix('第')
                .and_then(|r| ["部分", "章", "篇"].iter().find_map(|w| r.split_once(w)))
                .map_or(bare, |(_, t)| t);
            let title = if bare == from {
                e.title.replace(from, to)
            } else {
                e.title.clone()
            };
            format!("{}{}{}{}", e.marker, title, e.sep, e.page)
        })
        .unwrap_or(t);
        (n > 0).then_some(t)
    })
    .expect(move |e, _| {
        for (p, v) in e.values.iter_mut() {
            if (p.starts_with("/toc/")
                || (p.starts_with("/sections/") && p.matches('/').count() == 3))
                && let Value::String(s) = v
                && compact(s).ends_with(from)
            {
                *s = s.replace(from, to);
            }
        }
    })
}

fn names_and_order() -> Vec<T> {
    let mut v = Vec::new();
    for syn in ["挑战与展望", "问题与展望", "主要问题和改进措施"] {
        v.push(part_renamed(
            &format!("challenges-as-{syn}"),
            &["E2"],
            "面临挑战",
            syn,
        ));
    }
    v.push(part_renamed(
        "basic-as-school-situation",
        &["E3"],
        "基本情况",
        "学校情况",
    ));
    v.push(part_renamed(
        "old-higher-outline-student-development",
        &["E10"],
        "人才培养",
        "学生发展",
    ));
    v.push(part_renamed(
        "old-higher-outline-policy-guarantee",
        &["E10"],
        "发展保障",
        "政策保障",
    ));
    v
}

/// Parts moved or left out.
fn order() -> Vec<T> {
    let mut v = Vec::new();
    v.push(
        text("parts-out-of-order", &["G5", "E9"], &["order"], |fx| {
            let ls = lines(&fx.text);
            let blocks = part_blocks(&ls);
            let b2 = blocks.iter().find(|b| b.0 == 2)?;
            let b3 = blocks.iter().find(|b| b.0 == 3)?;
            if b2.2 != b3.1 {
                return None;
            }
            let mut out = ls[..b2.1].to_vec();
            out.extend(ls[b3.1..b3.2].iter().cloned());
            out.extend(ls[b2.1..b2.2].iter().cloned());
            out.extend(ls[b3.2..].iter().cloned());
            Some(join(&out))
        })
        .expect(|e, fx| {
            reorder_parts(e, fx, &|p| match p {
                2 => Some(3),
                3 => Some(2),
                p => Some(p),
            })
        }),
    );
    v.push(
        text("no-international-part", &["E1"], &["order", "toc"], |fx| {
            let ls = lines(&fx.text);
            let blocks = part_blocks(&ls);
            let b5 = blocks.iter().find(|b| b.0 == 5)?;
            let mut out: Vec<String> = ls[..b5.1].to_vec();
            out.extend(ls[b5.2..].iter().cloned());
            let t = join(&out);
            let t = map_toc(&t, |e| {
                let c = compact(&e.title);
                if c.starts_with('5') || c.contains("国际合作") && !c.starts_with("表") {
                    String::new()
                } else {
                    format!("{}{}{}{}", e.marker, e.title, e.sep, e.page)
                }
            })
            .unwrap_or(t);
            Some(t)
        })
        .expect(|e, fx| {
            reorder_parts(e, fx, &|p| if p == 5 { None } else { Some(p) });
            e.drop_under(&["/toc"]);
        }),
    );
    v
}

/// Sections, cases, figures and in-text tables in their new document order, when
/// part `p` now comes where part `to(p)` was (`None`: the part is gone).
fn reorder_parts(e: &mut Exp, fx: &Fx, to: &dyn Fn(u64) -> Option<u64>) {
    for array in ["/sections", "/cases", "/figures", "/tables"] {
        let items = fx
            .base
            .pointer(array)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let part_of = |i: usize| -> Option<u64> {
            let it = &items[i];
            if array == "/sections" {
                it["no"].as_u64()
            } else {
                it["part"].as_u64()
            }
        };
        let mut keyed: Vec<(u64, usize)> = Vec::new();
        for i in 0..items.len() {
            match part_of(i) {
                Some(p) => {
                    if let Some(q) = to(p) {
                        keyed.push((q, i));
                    }
                }
                None => keyed.push((u64::MAX, i)),
            }
        }
        keyed.sort();
        let new_index: std::collections::HashMap<usize, usize> = keyed
            .iter()
            .enumerate()
            .map(|(j, &(_, i))| (i, j))
            .collect();
        e.reindex(array, |i| new_index.get(&i).copied());
        if e.counts.contains_key(array) {
            e.counts.insert(array.to_string(), keyed.len() as u64);
        }
    }
}

pub fn all() -> Vec<T> {
    let mut v = toc();
    v.extend(numbering());
    v.extend(names_and_order());
    v.extend(order());
    v
}
