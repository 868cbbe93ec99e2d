//! Cover, title and year (A), publisher, level and stage (B), cover and date lines
//! (C), and the look-alikes (H).

use dabiao::base::normalize::compact;
use serde_json::{Value, json};

use super::catalog::{Styled, T, text};

/// The names a transformation replaces, and by what.
type Renames = fn(&Fx) -> Option<Vec<(String, String)>>;
use super::harness::{Fx, Need};
use super::text::{join, lines, plain, split_marker, title_range};

/// A year as a title prints it.
type YearForm = fn(u32) -> String;
/// A look-alike's title for a fixture.
type TitleOf = fn(&Fx) -> String;

/// The title without its year: "…质量年度报告（2024年度）" → "…质量年度报告";
/// "…学校2025年质量年度报告" → "…学校质量年度报告".
pub fn stem(fx: &Fx) -> String {
    let y = fx.year();
    let t = fx.title();
    for form in [
        format!("（{y}年度）"),
        format!("({y}年度)"),
        format!("{y}年度"),
        format!("{y}年"),
    ] {
        if t.contains(&form) {
            return t.replacen(&form, "", 1);
        }
    }
    t
}

/// Replaces the title's lines by `new` (Markdown keeps the heading marker on the
/// first line); the new title is what the expectation gets.
fn retitle(fx: &Fx, new: &[String]) -> Option<String> {
    let mut ls = lines(&fx.text);
    let (a, b) = title_range(fx, &ls)?;
    let marker = split_marker(&ls[a]).0.to_string();
    let mut repl: Vec<String> = new
        .iter()
        .filter(|l| !l.trim().is_empty())
        .cloned()
        .collect();
    if let Some(first) = repl.first_mut() {
        *first = format!("{marker}{first}");
    }
    ls.splice(a..b, repl);
    Some(join(&ls))
}

fn title_lines(fx: &Fx) -> Option<Vec<String>> {
    let ls = lines(&fx.text);
    let (a, b) = title_range(fx, &ls)?;
    Some(ls[a..b].iter().map(|l| plain(l)).collect())
}

/// The title's lines with the year written as `form` (`None`: the same form).
fn year_form(fx: &Fx, form: &str) -> Option<Vec<String>> {
    let y = fx.year();
    let mut tl = title_lines(fx)?;
    let printed = [format!("（{y}年度）"), format!("({y}年度)")];
    if let Some(l) = tl
        .iter_mut()
        .find(|l| printed.iter().any(|p| l.contains(p.as_str())))
    {
        for p in &printed {
            *l = l.replace(p.as_str(), form);
        }
    } else {
        let l = tl.iter_mut().find(|l| l.contains(&format!("{y}年")))?;
        *l = l.replacen(&format!("{y}年"), "", 1);
        let last = tl.last_mut()?;
        last.push_str(form);
    }
    Some(
        tl.iter()
            .flat_map(|l| l.split('\n').map(str::to_string))
            .collect(),
    )
}

fn with_title(
    name: &str,
    fam: &[&'static str],
    f: impl Fn(&Fx) -> Option<Vec<String>> + Send + Sync + 'static,
) -> T {
    let f = std::sync::Arc::new(f);
    let g = f.clone();
    text(name, fam, &["title"], move |fx| retitle(fx, &f(fx)?)).expect(move |e, fx| {
        if let Some(t) = g(fx) {
            // A year alone on its cover line joins the title in brackets, the way
            // titles write it ("…报告" + "2024年度" → "…报告(2024年度)").
            let joined: Vec<String> = t
                .iter()
                .map(|l| {
                    if bare_year_line(l) {
                        format!("({})", l.trim())
                    } else {
                        l.clone()
                    }
                })
                .collect();
            e.set("/report/title", json!(joined.concat()));
        }
    })
}

/// "2024年度" alone on a line, without brackets.
fn bare_year_line(l: &str) -> bool {
    let c: String = l.chars().filter(|c| !c.is_whitespace()).collect();
    c.len() == "2024年度".len() && c.starts_with("20") && c.ends_with("年度")
}

/// The index of the date line on the cover.
fn date_line(ls: &[String]) -> Option<usize> {
    ls.iter().take(14).position(|l| {
        let c = compact(&plain(l));
        c.ends_with('月') && c.contains('年') && c.chars().count() <= 9 && c.starts_with("20")
    })
}

fn at_date(fx: &Fx, f: impl Fn(&mut Vec<String>, usize)) -> Option<String> {
    let mut ls = lines(&fx.text);
    let i = date_line(&ls)?;
    f(&mut ls, i);
    Some(join(&ls))
}

/// Where a line can be put right after the cover: the TOC heading or the first
/// line after the date or title.
fn cover_end(fx: &Fx, ls: &[String]) -> Option<usize> {
    date_line(ls)
        .map(|i| i + 1)
        .or_else(|| title_range(fx, ls).map(|(_, b)| b))
}

fn insert_after_cover(fx: &Fx, new: &[&str]) -> Option<String> {
    let mut ls = lines(&fx.text);
    let i = cover_end(fx, &ls)?;
    let mut add = vec![String::new()];
    add.extend(new.iter().map(|s| s.to_string()));
    ls.splice(i..i, add);
    Some(join(&ls))
}

fn year_forms() -> Vec<T> {
    let forms: [Styled<YearForm>; 6] = [
        ("year-half-width-brackets", &["A1", "G10"], |y| {
            format!("({y}年度)")
        }),
        ("year-spaced-own-line", &["A2"], |y| format!("\n({y} 年度)")),
        ("year-full-width-spaced", &["A2"], |y| {
            format!("（{y} 年度）")
        }),
        ("year-bare-post-2023", &["A3", "A11"], |y| format!("({y})")),
        ("year-full-width-digits", &["A1", "G10"], |y| {
            let d: String = y
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
                .collect();
            format!("（{d}年度）")
        }),
        ("year-glued-no-brackets", &["A4"], |y| format!("{y}年度")),
    ];
    forms
        .into_iter()
        .map(|(name, fam, form)| {
            let t = with_title(name, fam, move |fx| year_form(fx, &form(fx.year())));
            // A bare "(YYYY)" is read as the year, and the importer says what it
            // assumed (edition or year reported).
            if name == "year-bare-post-2023" {
                t.expect(|e, _| e.need.push(Need::Info))
            } else {
                t
            }
        })
        .collect()
}

fn year_removed(dash: &'static str, name: &str) -> T {
    text(name, &["A6", "A9"], &["title", "year"], move |fx| {
        let y = fx.year();
        let s = stem(fx);
        let t = retitle(fx, std::slice::from_ref(&s))?;
        let t = t
            .replace(&fx.title(), &s)
            .replace(&format!("{y}年质量年度报告"), "质量年度报告");
        let fx2 = Fx {
            text: t,
            ..fx.clone()
        };
        insert_after_cover(
            &fx2,
            &[&format!("本报告统计时段为{}{dash}{y}学年。", y - 1)],
        )
    })
    .expect(|e, fx| {
        e.set("/report/title", json!(stem(fx)));
        e.need.push(Need::Info);
    })
}

/// Every year 2015–2030 in `s` moved back by four ("2024年" → "2020年").
fn years_back(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        match run.parse::<u32>() {
            Ok(y) if run.len() == 4 && (2015..=2030).contains(&y) => {
                out.push_str(&(y - 4).to_string())
            }
            _ => out.push_str(run),
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A report of the years before the 2023 reform: its title names the edition
/// "(Y+1)", bare, and the data year is Y.
fn edition_year() -> T {
    text(
        "year-edition-before-2023",
        &["A11", "A3"],
        &["title", "year"],
        |fx| {
            let tl: Vec<String> = year_form(fx, &format!("({})", fx.year() + 1))?;
            Some(years_back(&retitle(fx, &tl)?))
        },
    )
    .expect(|e, fx| {
        let old = std::mem::take(&mut e.values);
        for (p, v) in old {
            let v = match v {
                Value::String(s) => Value::String(years_back(&s)),
                v => v,
            };
            e.values.insert(years_back(&p), v);
        }
        let counts = std::mem::take(&mut e.counts);
        e.counts = counts
            .into_iter()
            .map(|(p, n)| (years_back(&p), n))
            .collect();
        e.set("/report/year", json!(fx.year() - 4));
        // An edition year before 2023 is read as the year before, and said so.
        e.need.push(Need::Info);
        let tl = year_form(fx, &format!("({})", fx.year() + 1)).unwrap_or_default();
        e.set("/report/title", json!(years_back(&tl.concat())));
    })
}

fn title_words() -> Vec<T> {
    let mut v = year_forms();
    v.push(edition_year());
    v.push(with_title(
        "year-inline-after-publisher",
        &["A4", "A12"],
        |fx| {
            let e = fx.entity();
            let rest = stem(fx)
                .strip_prefix(e.as_str())?
                .replace("质量年度报告", "质量报告");
            Some(vec![format!("{e}{}年度{rest}", fx.year())])
        },
    ));
    for noun in [
        "质量报告",
        "年度质量报告",
        "发展与质量年度报告",
        "人才培养质量年度报告",
    ] {
        v.push(with_title(
            &format!("title-noun-{noun}"),
            &["A12"],
            move |fx| {
                let tl = title_lines(fx)?;
                Some(tl.iter().map(|l| l.replace("质量年度报告", noun)).collect())
            },
        ));
    }
    for (dash, name) in [
        ("—", "em-dash"),
        ("~", "tilde"),
        ("-", "hyphen"),
        ("至", "zhi"),
        ("–", "en-dash"),
    ] {
        v.push(year_removed(
            dash,
            &format!("year-only-in-academic-year-{name}"),
        ));
    }
    v.push(text(
        "file-title-year-glued",
        &["A5", "G1"],
        &["top"],
        |fx| Some(format!("{}{}.pdf\n\n{}", fx.year(), stem(fx), fx.text)),
    ));
    v.push(text(
        "series-line-above-title",
        &["A7", "C1"],
        &["top"],
        |fx| {
            (fx.level() != "province")
                .then(|| format!("河东省职业学校质量报告（{}年度）\n\n{}", fx.year(), fx.text))
        },
    ));
    v
}

fn cover_layouts() -> Vec<T> {
    let mut v = Vec::new();
    cover_layouts_1(&mut v);
    cover_layouts_2(&mut v);
    cover_layouts_3(&mut v);
    v
}

fn cover_layouts_1(v: &mut Vec<T>) {
    v.push(with_title("title-one-line-or-three", &["C4"], |fx| {
        let tl = title_lines(fx)?;
        if tl.len() > 1 {
            return Some(vec![tl.concat()]);
        }
        let t = &tl[0];
        let i = t.find("质量")?;
        let (a, rest) = t.split_at(i);
        let j = rest.find(['（', '(']).unwrap_or(rest.len());
        Some(vec![
            a.to_string(),
            rest[..j].to_string(),
            rest[j..].to_string(),
        ])
    }));
    v.push(text(
        "english-subtitle",
        &["C1", "C4"],
        &["title-after"],
        |fx| {
            let mut ls = lines(&fx.text);
            let (_, b) = title_range(fx, &ls)?;
            let line = format!(
                "Annual Report on the Quality of Vocational Education ({})",
                fx.year()
            );
            ls.insert(b, line);
            Some(join(&ls))
        },
    ));
    v.push(text(
        "cover-blank-lines",
        &["C1"],
        &["title-after", "date"],
        |fx| {
            let mut ls = lines(&fx.text);
            let d = date_line(&ls)?;
            ls.splice(d..d, ["".to_string(), "".to_string()]);
            let (_, b) = title_range(fx, &ls)?;
            ls.splice(b..b, ["".to_string(), "".to_string(), "".to_string()]);
            Some(join(&ls))
        },
    ));
}

fn cover_layouts_2(v: &mut Vec<T>) {
    v.push(text("date-line-spacing", &["C2"], &["date"], |fx| {
        at_date(fx, |ls, i| {
            let c = compact(&ls[i]);
            ls[i] = if ls[i].contains(' ') {
                c
            } else {
                c.replace('年', " 年 ").replace('月', " 月")
            };
        })
    }));
    v.push(
        text(
            "date-line-december-of-report-year",
            &["A8", "C2"],
            &["date"],
            |fx| {
                let y = fx.year();
                at_date(fx, |ls, i| ls[i] = format!("{y}年12月"))
            },
        )
        .expect(|e, fx| e.set("/report/published/date", json!(format!("{}-12", fx.year())))),
    );
    v.push(text(
        "date-line-chinese-numerals",
        &["C6"],
        &["date"],
        |fx| {
            at_date(fx, |ls, i| {
                let digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
                let c = compact(&ls[i]);
                let (y, m) = c
                    .trim_end_matches('月')
                    .split_once('年')
                    .unwrap_or(("", ""));
                let y: String = y
                    .chars()
                    .map(|d| digits[d.to_digit(10).unwrap_or(0) as usize])
                    .collect();
                let m: u32 = m.parse().unwrap_or(1);
                let m = if m <= 10 {
                    super::text::cn(m).to_string()
                } else {
                    format!("十{}", super::text::cn(m - 10))
                };
                ls[i] = format!("{y}年{m}月");
            })
        },
    ));
}

fn cover_layouts_3(v: &mut Vec<T>) {
    v.push(text(
        "third-party-credits",
        &["C3"],
        &["date-after"],
        |fx| {
            at_date(fx, |ls, i| {
                let add = [
                    "",
                    "编制单位：凌云数据咨询有限公司",
                    "项目负责人：张某某",
                    "版权声明：本报告版权归编制单位所有，未经许可不得转载",
                ];
                ls.splice(i + 1..i + 1, add.iter().map(|s| s.to_string()));
            })
        },
    ));
    v.push(text(
        "cover-printed-twice",
        &["C5"],
        &["date-after", "top"],
        |fx| {
            let mut ls = lines(&fx.text);
            let end = date_line(&ls)? + 1;
            let copy: Vec<String> = std::iter::once(String::new())
                .chain(ls[..end].iter().cloned())
                .collect();
            ls.splice(end..end, copy);
            Some(join(&ls))
        },
    ));
}

/// The pairs to rename, without an empty name: replacing "" would put the new name
/// between every two characters (a fixture that expects no entity has none).
fn named_pairs(fx: &Fx, pairs: Renames) -> Option<Vec<(String, String)>> {
    let v: Vec<_> = pairs(fx)?
        .into_iter()
        .filter(|(a, _)| !a.is_empty())
        .collect();
    (!v.is_empty()).then_some(v)
}

/// A name replaced everywhere, in the text and in every expected string.
fn renamed(name: &str, fam: &[&'static str], pairs: Renames) -> T {
    text(name, fam, &["names"], move |fx| {
        let mut t = fx.text.clone();
        for (a, b) in named_pairs(fx, pairs)? {
            t = t.replace(&a, &b);
        }
        (t != fx.text).then_some(t)
    })
    .expect(move |e, fx| {
        for (a, b) in named_pairs(fx, pairs).unwrap_or_default() {
            e.map_strings(|s| s.replace(&a, &b));
        }
    })
}

fn publisher_and_stage() -> Vec<T> {
    let mut v = Vec::new();
    publisher_and_stage_1(&mut v);
    publisher_and_stage_2(&mut v);
    publisher_and_stage_3(&mut v);
    v
}

fn publisher_and_stage_1(v: &mut Vec<T>) {
    v.push(
        renamed("municipality-name", &["B2"], |fx| {
            let local = fx
                .entity()
                .strip_prefix("河东省")?
                .trim_end_matches('市')
                .to_string();
            (fx.level() == "city" && !local.is_empty()).then(|| {
                vec![
                    (format!("河东省{local}市"), "重庆市".to_string()),
                    (local, "重庆".to_string()),
                    ("(149900)".into(), "(500000)".into()),
                    ("(149800)".into(), "(500000)".into()),
                ]
            })
        })
        .expect(|e, fx| {
            let local = fx
                .entity()
                .replace("河东省", "")
                .trim_end_matches('市')
                .to_string();
            e.map_strings(|s| {
                s.replace(&format!("河东省{local}市"), "重庆市")
                    .replace(&local, "重庆")
            });
            e.set("/report/level", json!("province"));
            if e.values.contains_key("/report/entity/code") {
                e.set("/report/entity/code", json!("500000"));
            }
        }),
    );
    v.push(renamed("autonomous-region-name", &["B2"], |fx| {
        (fx.level() == "province").then(|| vec![("河东省".into(), "宁夏回族自治区".into())])
    }));
    v.push(text(
        "owner-bureau-in-first-paragraph",
        &["B3"],
        &["first-prose"],
        |fx| {
            (fx.level() == "school")
                .then(|| first_prose(fx, "学校隶属于澄川市东湖区教育局，由区教育局直接管理。"))?
        },
    ));
}

fn publisher_and_stage_2(v: &mut Vec<T>) {
    for kind in ["职业教育中心", "中等专业学校", "卫生学校", "职教中心"] {
        v.push(
            text(
                format!("school-type-{kind}"),
                &["B4"],
                &["names"],
                move |fx| (fx.level() == "school").then(|| fx.text.replace("职业中专学校", kind)),
            )
            .expect(move |e, _| e.map_strings(|s| s.replace("职业中专学校", kind))),
        );
    }
    v.push(
        with_title("stage-word-missing-from-title", &["B4"], |fx| {
            let tl = title_lines(fx)?;
            tl.iter()
                .any(|l| l.contains("中等职业"))
                .then(|| tl.iter().map(|l| l.replace("中等职业", "职业")).collect())
        })
        // With no stage in the tables either, a city's stage is inferred (and said).
        .expect(|e, _| e.may.push("dabiao::import::inferred")),
    );
    v.push(
        renamed("anonymised-publisher", &["B5"], |fx| {
            Some(match fx.level().as_str() {
                "school" => vec![("澄川市第一".into(), "xx".into())],
                "province" => vec![("河东省".into(), "xx省".into())],
                _ => vec![(fx.entity().replace("河东省", ""), "xx市".into())],
            })
        })
        .expect(|e, _| {
            e.drop_under(&["/report/entity", "/report/title"]);
            e.need.push(Need::Flag);
        }),
    );
    v.push(renamed("school-overview-as-wo-xiao", &["B6"], |fx| {
        fx.text
            .contains("学校概况")
            .then(|| vec![("学校概况".into(), "我校概况".into())])
    }));
}

fn publisher_and_stage_3(v: &mut Vec<T>) {
    v.push(
        text(
            "publisher-line-fuller-than-title",
            &["B1"],
            &["title", "date-after"],
            |fx| {
                let school = fx.level() == "school";
                let (from, to) = if school {
                    ("澄川市第一职业中专学校", "澄川一职专")
                } else {
                    ("河东省", "")
                };
                if fx.level() == "province" {
                    return None;
                }
                let short: Vec<String> = title_lines(fx)?
                    .iter()
                    .map(|l| l.replace(from, to))
                    .collect();
                let t = retitle(fx, &short)?;
                // The publisher line names the entity in full.
                let local = fx.entity().replace("河东省", "");
                let bureau = format!("\n{local}教育局\n");
                Some(if school {
                    t
                } else {
                    t.replacen(&bureau, &format!("\n{}教育局\n", fx.entity()), 1)
                })
            },
        )
        .expect(|e, fx| {
            let (from, to) = if fx.level() == "school" {
                ("澄川市第一职业中专学校", "澄川一职专")
            } else {
                ("河东省", "")
            };
            e.set("/report/title", json!(fx.title().replace(from, to)));
        }),
    );
}

/// Puts `sentence` at the start of the first paragraph of the body.
pub fn first_prose(fx: &Fx, sentence: &str) -> Option<String> {
    let mut ls = lines(&fx.text);
    let start = super::text::body_start(&ls);
    let i = (start..ls.len()).find(|&i| super::text::is_prose(&ls[i]))?;
    ls[i] = format!("{sentence}{}", ls[i]);
    Some(join(&ls))
}

fn look_alikes() -> Vec<T> {
    let kinds: [Styled<TitleOf>; 5] = [
        ("look-alike-employment-report", &["A10", "H1"], |fx| {
            format!("{}{}届毕业生就业质量年度报告", fx.entity(), fx.year())
        }),
        ("look-alike-undergraduate-teaching", &["H1"], |fx| {
            format!(
                "{}本科教学质量报告（{}-{}学年）",
                fx.entity(),
                fx.year() - 1,
                fx.year()
            )
        }),
        ("look-alike-consultancy-survey", &["H1", "C3"], |fx| {
            format!("{}社会需求与培养质量年度报告（{}）", fx.entity(), fx.year())
        }),
        ("look-alike-work-report", &["H1"], |fx| {
            format!("{}关于职业教育质量工作的汇报", fx.entity())
        }),
        ("look-alike-enterprise-report", &["B9", "H1"], |fx| {
            format!(
                "凌云集团参与{}职业教育人才培养年度报告（{}年度）",
                fx.entity(),
                fx.year()
            )
        }),
    ];
    kinds
        .into_iter()
        .map(|(name, fam, title)| {
            text(name, fam, &["title", "year", "names"], move |fx| {
                retitle(fx, &[title(fx)]).map(|t| t.replace(&fx.title(), &title(fx)))
            })
            .expect(|e, _| {
                e.keep_under(&[]);
                e.need.push(Need::Flag);
                e.any_extra = true;
            })
        })
        .collect()
}

pub fn all() -> Vec<T> {
    let mut v = title_words();
    v.extend(cover_layouts());
    v.extend(publisher_and_stage());
    v.extend(look_alikes());
    v
}
