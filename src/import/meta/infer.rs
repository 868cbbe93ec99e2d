//! What the importer infers rather than reads, and says so: the report year when the
//! cover does not state it in the 年度 form (from the first pages' 学年 and 年度, the
//! data tables' year columns, the date line), and documents that look like a quality
//! report but are not one. Each inference is an info finding at its evidence, so
//! the author sees what was assumed and from which words.

use super::Meta;
use super::cover::{chrome, sub_span};
use super::year::{self, Form, Mark};
use crate::base::normalize::compact;
use crate::base::source::Span;
use crate::base::vocab::LOOK_ALIKES;
use crate::finding::Finding;
use crate::import::codes;
use crate::import::document::{Block, BlockKind};
use crate::import::outline::part_heading;

/// A field inferred rather than read: the evidence as written, where it is, and the
/// sentence that tells the author what was assumed.
#[derive(Debug, Clone)]
pub struct Inferred {
    pub field: &'static str,
    pub evidence: String,
    pub span: Span,
    pub message: String,
}

/// A document that is not a quality report: what it appears to be, and the word
/// that gives it away.
#[derive(Debug, Clone)]
pub struct LookAlike {
    pub what: &'static str,
    pub word: &'static str,
    pub span: Span,
}

/// How many blocks count as "the first pages" when the year is looked for in the body.
const FIRST_PAGES: usize = 80;

/// The year from the cover's mark, or else from the first pages.
pub(super) fn year(meta: &mut Meta, mark: Option<(Mark, Span)>, blocks: &[Block]) {
    if let Some((m, span)) = mark {
        meta.year = Some(m.data_year());
        meta.year_span = Some(span);
        if m.form == Form::Bare {
            meta.inferred.push(Inferred {
                field: "/report/year",
                evidence: format!("({})", m.printed),
                span,
                message: bare_message(m),
            });
        }
        return;
    }
    if let Some((y, found)) = body_year(blocks) {
        meta.year = Some(y);
        meta.year_span = Some(found.span);
        meta.inferred.push(found);
    }
}

/// A bare "(YYYY)" (A11): before 2023 the edition year, reporting on the year before;
/// from 2023 the form is ambiguous and the year is taken as written.
fn bare_message(m: Mark) -> String {
    let y = m.printed;
    if m.form == Form::Bare && y < 2023 {
        format!(
            "标题中的年份“{y}”没有写“年度”：2023 年以前这样写的是报告的版次，报告的是上一年，报告年度按 {} 年读入",
            y - 1
        )
    } else {
        format!(
            "标题中的年份“{y}”没有写“年度”：可能是报告年度，也可能是版次（报告上一年），报告年度按 {y} 年读入；如不对，请写成“（{y}年度）”"
        )
    }
}

/// The year the first pages name: the latest 学年's end year ("2014—2015学年" → 2015),
/// else the 年度 named most often (the latest on a tie).
fn body_year(blocks: &[Block]) -> Option<(u32, Inferred)> {
    let mut parts = 0;
    let mut school: Option<(u32, &Block, usize, usize)> = None;
    let mut annual: Vec<(u32, &Block, usize, usize)> = Vec::new();
    for b in blocks.iter().take(FIRST_PAGES) {
        if part_heading(&b.text, matches!(b.kind, BlockKind::Heading(_))).is_some() {
            parts += 1;
            if parts > 1 {
                break;
            }
        }
        for (y, s, e) in year::school_years(&b.text) {
            if school.is_none_or(|(best, ..)| y > best) {
                school = Some((y, b, s, e));
            }
        }
        annual.extend(
            year::annual_mentions(&b.text)
                .into_iter()
                .map(|(y, s, e)| (y, b, s, e)),
        );
    }
    let count = |y: u32| annual.iter().filter(|a| a.0 == y).count();
    let (y, b, s, e) =
        school.or_else(|| annual.iter().copied().max_by_key(|(y, ..)| (count(*y), *y)))?;
    let evidence = b.text[s..e].to_string();
    let found = Inferred {
        field: "/report/year",
        message: format!("封面没有写报告年度，报告年度按正文中的“{evidence}”推断为 {y} 年"),
        evidence,
        span: sub_span(b, s, e),
    };
    Some((y, found))
}

/// The report year once the data tables are read, with where it came from; every
/// inference goes into `findings` as an info, a look-alike as an error.
pub fn settle_year(
    meta: &Meta,
    table_years: &[u32],
    fallback: Span,
    findings: &mut Vec<Finding>,
) -> Option<(u32, Span)> {
    let mut inferred = meta.inferred.clone();
    let year = match (meta.year, table_years.last(), &meta.date) {
        (Some(y), ..) => Some((y, meta.year_span.unwrap_or(fallback))),
        // A look-alike's date says nothing about a report year.
        _ if meta.look_alike.is_some() => None,
        (None, Some(&y), _) => {
            inferred.push(Inferred {
                field: "/report/year",
                evidence: y.to_string(),
                span: fallback,
                message: format!(
                    "封面和正文前几页都没有写报告年度，报告年度按数据表的年份列推断为 {y} 年"
                ),
            });
            Some((y, fallback))
        }
        (None, None, Some((date, span))) => {
            let y = date_year(date)?;
            let written = meta.date_written.clone().unwrap_or_else(|| date.clone());
            inferred.push(Inferred {
                field: "/report/year",
                evidence: written.clone(),
                span: *span,
                message: format!(
                    "封面和正文都没有写报告年度，报告年度按封面日期“{written}”推断为 {y} 年（年报一般在当年年底或次年年初发布）"
                ),
            });
            Some((y, *span))
        }
        _ => None,
    };
    // A look-alike's year is beside the point: say only what the document is.
    if meta.look_alike.is_some() {
        inferred.clear();
    }
    for i in inferred {
        findings.push(
            Finding::of(&codes::INFERRED, i.message)
                .at(i.span)
                .with_help("在封面标题中写明报告年度，例如：（2024年度）"),
        );
    }
    if let Some(l) = &meta.look_alike {
        findings.push(
            Finding::of(
                &codes::NOT_A_REPORT,
                format!(
                    "这份文件看起来是{}（其中有“{}”），不是职业教育质量年度报告，不按质量年报评级",
                    l.what, l.word
                ),
            )
            .at(l.span)
            .with_help(
                "只检查职业教育质量年度报告（学校、县区、地市或省级）；请确认提交的文件是否正确",
            ),
        );
    }
    year
}

/// A publication date's report year: a report published in the first half of a year
/// (the usual Dec–Jan compilation) is about the year before (A8).
fn date_year(date: &str) -> Option<u32> {
    let y: u32 = date.get(..4)?.parse().ok()?;
    let m: u32 = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(12);
    Some(if m <= 6 { y - 1 } else { y })
}

/// What the document appears to be, if its title (or, without one, its first lines)
/// names a look-alike (H1).
pub(super) fn look_alike(title: Option<&(String, Span)>, blocks: &[Block]) -> Option<LookAlike> {
    let zone: Vec<(String, Span)> = match title {
        Some((t, span)) => vec![(compact(t), *span)],
        None => blocks
            .iter()
            .take(12)
            .map(|b| (compact(&b.text), b.span))
            .filter(|(c, _)| !chrome(c))
            .take_while(|(c, _)| c.chars().count() <= 40 && !c.ends_with('。'))
            .take(6)
            .collect(),
    };
    for (words, what) in LOOK_ALIKES {
        for (c, span) in &zone {
            if let Some(w) = words.iter().find(|w| c.contains(*w)) {
                return Some(LookAlike {
                    what,
                    word: w,
                    span: *span,
                });
            }
        }
    }
    None
}
