//! What hosting sites and PDF text extraction do to a report (G).

use serde_json::json;

use super::catalog::{T, text};
use super::cover::first_prose;
use super::harness::Fx;
use super::text::{
    body_start, is_prose, is_row, join, lines, map_parts, map_text_lines, part_blocks, plain,
    title_range, toc_range,
};

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '〇'
}

fn chrome() -> Vec<T> {
    vec![
        text("web-page-chrome", &["G1"], &["top", "bottom"], |fx| {
            Some(format!(
                "首页 > 通知公告 > 正文\n发布时间：{}-01-08 来源：教育局 作者：办公室 浏览次数：1024\n字体：【大 中 小】 打印本页\n\n{}\n上一篇：关于做好寒假安全工作的通知\n下一篇：无\n【打印本页】【关闭窗口】\n",
                fx.year() + 1,
                fx.text
            ))
        }),
        text(
            "document-site-chrome",
            &["G1", "G7"],
            &["top", "bottom"],
            |fx| {
                Some(format!(
                    "内容预览：\n\n{}\n\n1、本文档由用户上传，仅供学习交流，版权归原作者所有。\n2、下载本文档需要消耗下载券。\n合集下载\n相似文档\n",
                    fx.text
                ))
            },
        ),
    ]
}

/// "2024年招生812人" → "2024 年招生 812 人".
fn spaced_numbers(s: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev
            && ((p.is_ascii_digit() && is_cjk(c)) || (is_cjk(p) && c.is_ascii_digit()))
        {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

fn spaced_cjk(s: &str) -> String {
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if prev.is_some_and(is_cjk) && is_cjk(c) {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Lines inserted between paragraphs of the body every `every` lines.
fn between_paragraphs(fx: &Fx, every: usize, f: impl Fn(usize) -> Vec<String>) -> Option<String> {
    let ls = lines(&fx.text);
    let start = body_start(&ls);
    let mut out = Vec::new();
    let mut since = 0;
    let mut page = 2;
    for (i, l) in ls.iter().enumerate() {
        since += 1;
        let calm = i > start
            && l.trim().is_empty()
            && ls.get(i + 1).is_some_and(|n| is_prose(n))
            && !is_row(&ls[i - 1]);
        out.push(l.clone());
        if calm && since >= every {
            out.extend(f(page));
            out.push(String::new());
            page += 1;
            since = 0;
        }
    }
    (page > 2).then(|| join(&out))
}

fn extraction() -> Vec<T> {
    let mut v = Vec::new();
    extraction_1(&mut v);
    extraction_2(&mut v);
    extraction_3(&mut v);
    extraction_4(&mut v);
    v
}

fn extraction_1(v: &mut Vec<T>) {
    v.push(text(
        "numbers-spaced-from-words",
        &["G2"],
        &["prose"],
        |fx| Some(map_text_lines(&fx.text, false, spaced_numbers)),
    ));
    v.push(text(
        "lines-broken-mid-sentence",
        &["G3"],
        &["prose"],
        |fx| {
            Some(map_text_lines(&fx.text, false, |l| {
                if !is_prose(l) || l.chars().count() < 45 {
                    return l.to_string();
                }
                let cut: usize = l.char_indices().nth(27).map_or(l.len(), |(i, _)| i);
                format!("{}\n{}", &l[..cut], &l[cut..])
            }))
        },
    ));
    v.push(text(
        "page-numbers-between-lines",
        &["G4"],
        &["between"],
        |fx| between_paragraphs(fx, 12, |p| vec![p.to_string()]),
    ));
    v.push(text(
        "running-headers-between-lines",
        &["G4", "C5"],
        &["between"],
        |fx| {
            let t = fx.title();
            between_paragraphs(fx, 12, move |p| vec![t.clone(), format!("- {p} -")])
        },
    ));
    v.push(text(
        "table-flattened-to-number-lines",
        &["G6"],
        &["rows"],
        |fx| {
            let ls = lines(&fx.text);
            let i = ls
                .iter()
                .position(|l| is_row(l) && plain(l).contains("毕业生人数"))?;
            let mut out = ls.clone();
            for l in out
                .iter_mut()
                .skip(i.saturating_sub(1))
                .take_while(|l| is_row(l))
            {
                *l = l
                    .trim()
                    .trim_matches('|')
                    .split(['\t', '|'])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            Some(join(&out))
        },
    ));
}

fn extraction_2(v: &mut Vec<T>) {
    v.push(
        text("truncated-excerpt", &["G7"], &["bottom", "order"], |fx| {
            let ls = lines(&fx.text);
            let blocks = part_blocks(&ls);
            let b3 = blocks.iter().find(|b| b.0 == 3)?;
            if b3.2 - b3.1 < 3 {
                return None;
            }
            let mut out = ls[..b3.1 + 3].to_vec();
            out.push("…………".to_string());
            out.push("（本文共12034字，剩余内容仅限会员阅读）".to_string());
            Some(join(&out))
        })
        .expect(|e, fx| {
            let kept = |p: &str| {
                p.starts_with("/report")
                    || p.starts_with("/toc")
                    || p.starts_with("/sections/0")
                    || p.starts_with("/sections/1/")
                    || p == "/sections/2/no"
                    || p == "/sections/2/title"
            };
            e.values
                .retain(|p, _| kept(p) && !p.starts_with("/sections/1/subsections"));
            e.counts
                .retain(|p, _| p.starts_with("/toc") || p.starts_with("/sections/0"));
            e.codes.clear();
            // The name line, the stage groups and the tables were cut off.
            e.values.remove("/report/entity/code");
            if fx.level() == "province" {
                e.values.remove("/report/stages");
                e.may.push("dabiao::import::stage");
            }
        }),
    );
}

fn extraction_3(v: &mut Vec<T>) {
    v.push(text(
        "distracting-years-first-paragraph",
        &["G8"],
        &["first-prose"],
        |fx| {
            let y = fx.year();
            first_prose(
                fx,
                &format!(
                    "学校始建于1998年，{}年迁入新校区，{}年通过省级验收，{}年将启动二期工程。",
                    y - 5,
                    y - 2,
                    y + 2
                ),
            )
        },
    ));
    v.push(text(
        "short-headings-spaced-out",
        &["G9"],
        &["parts", "toc-heading"],
        |fx| {
            let t = map_parts(&fx.text, |m, n, t| {
                let t = if t.chars().count() <= 4 {
                    t.chars().map(String::from).collect::<Vec<_>>().join(" ")
                } else {
                    t.to_string()
                };
                format!("{m}{n} {t}")
            })?;
            Some(
                t.replace("\n前言\n", "\n前 言\n")
                    .replace("# 前言\n", "# 前 言\n"),
            )
        },
    ));
}

fn extraction_4(v: &mut Vec<T>) {
    v.push(text("half-width-punctuation", &["G10"], &["punct"], |fx| {
        Some(
            fx.text
                .replace('（', "(")
                .replace('）', ")")
                .replace('：', ":")
                .replace('，', ",")
                .replace('；', ";"),
        )
    }));
    v.push(text(
        "spaced-out-cjk",
        &["G11"],
        &["prose", "punct"],
        |fx| Some(map_text_lines(&fx.text, false, spaced_cjk)),
    ));
    v.push(
        text(
            "title-and-first-sentence-one-line",
            &["G12"],
            &["title", "title-after", "date", "date-after", "top"],
            |fx| {
                let ls = lines(&fx.text);
                let (a, _) = title_range(fx, &ls)?;
                let stop = toc_range(&ls).map_or(ls.len(), |(h, _)| h);
                let end = (a..stop).find(|&i| is_prose(&ls[i]))?;
                let glued: Vec<String> = ls[a..=end]
                    .iter()
                    .map(|l| plain(l))
                    .filter(|l| !l.trim().is_empty())
                    .collect();
                let mut out = ls[..a].to_vec();
                out.push(glued.join(" "));
                out.extend(ls[end + 1..].iter().cloned());
                Some(join(&out))
            },
        )
        .expect(|e, _| {
            e.values.remove("/report/published/date");
            let _ = json!(null);
        }),
    );
}

const TRADITIONAL: [(char, char); 24] = [
    ('职', '職'),
    ('业', '業'),
    ('质', '質'),
    ('报', '報'),
    ('学', '學'),
    ('术', '術'),
    ('发', '發'),
    ('务', '務'),
    ('贡', '貢'),
    ('献', '獻'),
    ('传', '傳'),
    ('际', '際'),
    ('产', '產'),
    ('战', '戰'),
    ('临', '臨'),
    ('况', '況'),
    ('养', '養'),
    ('录', '錄'),
    ('图', '圖'),
    ('计', '計'),
    ('满', '滿'),
    ('资', '資'),
    ('国', '國'),
    ('实', '實'),
];

fn traditional(s: &str) -> String {
    s.chars()
        .map(|c| {
            TRADITIONAL
                .iter()
                .find(|(s, _)| *s == c)
                .map_or(c, |(_, t)| *t)
        })
        .collect()
}

fn mirrors() -> Vec<T> {
    vec![
        // Recognised as simplified text is; what it names stays as written.
        text("traditional-characters", &["G13"], &["script"], |fx| {
            Some(traditional(&fx.text))
        })
        .expect(|e, _| e.map_strings(traditional)),
        text("pinyin-glosses", &["G13"], &["script", "prose"], |fx| {
            Some(map_text_lines(&fx.text, false, |l| {
                l.replace('业', "业(yè)")
                    .replace('质', "质(zhì)")
                    .replace('报', "报(bào)")
            }))
        }),
    ]
}

pub fn all() -> Vec<T> {
    let mut v = chrome();
    v.extend(extraction());
    v.extend(mirrors());
    v
}
