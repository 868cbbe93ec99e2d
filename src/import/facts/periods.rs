//! Periods of cases: the dates a case gives its results ("2022年3月至2023年12月，累计
//! 培养…", "在2023年第十八届…荣获…") and the years it mentions, so that rules can tell
//! a case of the report year from one that only describes earlier years.

use serde_json::{Value, json};

use super::numbers::mentions;
use crate::base::source::Span;
use crate::import::builder::Builder;

/// Words that state a result: a dated sentence with one of them reports an outcome.
const RESULTS: &[&str] = &[
    "累计", "荣获", "获得", "获评", "获批", "获", "培养", "完成", "实现", "带动", "输送", "增收",
    "建成",
];

/// A sentence of a case that opens with its date.
#[derive(Debug)]
struct Dated {
    case: String,
    from: u32,
    to: u32,
    span: Span,
    part: Option<u32>,
}

/// Cases being read: the one in effect, the years each mentions, its dated results.
#[derive(Debug, Default)]
pub(super) struct Periods {
    case: Option<String>,
    years: Vec<(String, Vec<u32>)>,
    dated: Vec<Dated>,
}

impl Periods {
    /// A case starts (its pointer in `/cases`).
    pub fn case(&mut self, pointer: &str) {
        self.case = Some(pointer.to_string());
        self.years.push((pointer.to_string(), Vec::new()));
    }

    /// A heading ends the case.
    pub fn end_case(&mut self) {
        self.case = None;
    }

    /// One paragraph; `text` is exactly the source text at `start`.
    pub fn paragraph(&mut self, text: &str, start: usize, part: Option<u32>) {
        let Some(case) = self.case.clone() else {
            return;
        };
        let years: Vec<u32> = mentions(text)
            .iter()
            .filter(|m| m.unit == "年" && m.decimals == 0 && (2000.0..2100.0).contains(&m.value))
            .map(|m| m.value as u32)
            .collect();
        if let Some((_, ys)) = self.years.iter_mut().rev().find(|(c, _)| *c == case) {
            ys.extend(years);
        }
        for r in super::split::sentences(text) {
            let sentence = &text[r.clone()];
            if let Some((a, b, len)) = opening_period(sentence) {
                let lead = sentence.len() - sentence.trim_start().len();
                let at = start + r.start + lead;
                if RESULTS.iter().any(|w| sentence.contains(w)) {
                    self.dated.push(Dated {
                        case: case.clone(),
                        from: a,
                        to: b,
                        span: Span::new(at, at + len),
                        part,
                    });
                }
            }
        }
    }

    /// Writes `/dated`: each dated result of a case with the years the case mentions.
    pub fn finish(self, b: &mut Builder) {
        for d in &self.dated {
            let years: Vec<u32> = self
                .years
                .iter()
                .filter(|(c, _)| *c == d.case)
                .flat_map(|(_, ys)| ys.iter().copied())
                .collect();
            let mut v = json!({
                "case": d.case,
                "from": d.from,
                "to": d.to,
                "case_years": years,
            });
            if let (Some(p), Value::Object(m)) = (d.part, &mut v) {
                m.insert("part".into(), p.into());
            }
            b.push("/dated", v, d.span);
        }
    }
}

/// "2022年3月至2023年12月，…" / "在 2023 年第十八届…" / "2023年，…": the years the
/// sentence opens with (from, to) and the bytes of the date.
fn opening_period(sentence: &str) -> Option<(u32, u32, usize)> {
    let t = sentence.trim_start();
    let mut rest = t;
    for w in ["在", "于", "自", "从"] {
        if let Some(r) = rest.strip_prefix(w) {
            rest = r;
            break;
        }
    }
    let (from, r) = year_month(rest)?;
    let mut to = from;
    rest = r;
    let after = rest.trim_start();
    for w in ["至", "到", "—", "－", "-", "~", "～"] {
        if let Some(r) = after.strip_prefix(w)
            && let Some((y, r)) = year_month(r)
        {
            to = y;
            rest = r;
            break;
        }
    }
    (to >= from).then_some((from, to, t.len() - rest.len()))
}

/// "2023年12月" / "2023 年" at the start of `text`: the year and the text after it.
fn year_month(text: &str) -> Option<(u32, &str)> {
    let t = text.trim_start();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let y: u32 = digits.parse().ok().filter(|y| (2000..2100).contains(y))?;
    let mut rest = t[4..].trim_start().strip_prefix('年')?;
    // An optional month: "3月".
    let r = rest.trim_start();
    let m: String = r.chars().take_while(char::is_ascii_digit).collect();
    if (1..=2).contains(&m.len())
        && let Some(after) = r[m.len()..].trim_start().strip_prefix('月')
    {
        rest = after;
    }
    Some((y, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_at_the_start_of_a_sentence() {
        assert_eq!(
            opening_period("2022年3月至2023年12月，累计培养技能人才500余名。").map(|p| (p.0, p.1)),
            Some((2022, 2023))
        );
        assert_eq!(
            opening_period("在 2023 年第十八届技能大赛中荣获一等奖。").map(|p| (p.0, p.1)),
            Some((2023, 2023))
        );
        assert_eq!(opening_period("学校于2021年开设该专业。"), None);
    }
}
