//! Facts within one sentence: which indicator each number speaks of, its year,
//! stage and scope, the change stated with it, and the structures that tie numbers
//! together (a total and its parts, a share, growth from one value to another, a
//! declared count and its list).

use super::clause::{clause_start, direction, stage_in};
use super::fact::{Compare, Fact, Scope, Share};
use super::lexicon;
use super::numbers::{Mention, mentions};
use super::structures::{growth, list_after, parts_of};
use super::subject::{Named, indicator_for, name_at, subject_is_whole};

const TO: &[&str] = &[
    "增加到",
    "增长到",
    "提高到",
    "提升到",
    "上升到",
    "扩大到",
    "增至",
    "升至",
    "降至",
    "减至",
    "减少到",
    "下降到",
    "降低到",
    "改善为",
    "调整为",
    "变为",
];
const TOTAL: &[&str] = &[
    "共有",
    "共计",
    "总计",
    "合计",
    "总数为",
    "总数达",
    "总数",
    "总量",
    "共",
    "现有",
    "累计",
];
const SCOPES: &[&str] = &[
    "不含",
    "含",
    "公办",
    "民办",
    "市属",
    "县属",
    "省属",
    "区属",
    "非全日制",
    "全日制",
    "技工",
];
const PREVIOUS_YEAR: &[&str] = &["上年", "上一年", "去年", "前一年", "上年度", "上一年度"];

/// The facts of one sentence. `base` is the sentence's byte offset in the source.
pub fn facts(sentence: &str, base: usize, scope: Scope) -> Vec<Fact> {
    let ms = mentions(sentence);
    let read = Sentence {
        text: sentence,
        mentions: &ms,
        base,
        scope,
    };
    let mut out: Vec<Fact> = Vec::new();
    let mut prev_end = 0;
    // Changes and shares belong to the number right before them (or to the fact that
    // number's change was attached to), not to a fact further back.
    let mut owner: Option<usize> = None;
    for (k, m) in ms.iter().enumerate() {
        let gap = &sentence[prev_end.min(m.start)..m.start];
        // Years stay inside the gaps ("从2023年的a增至2024年的b").
        if is_year(m) {
            continue;
        }
        prev_end = m.end;
        if m.unit.is_empty() {
            owner = None;
            continue;
        }
        let last = owner.take();
        let to_word = TO.iter().any(|w| gap.contains(w));
        if let Some(l) = last
            && !to_word
            && changes_number_before(gap, m)
        {
            // A change stated for the number before: "比上年增加488人，增长1.98%".
            attach_compare(&mut out[l], m, gap, base);
            owner = Some(l);
        } else if let Some(l) = last
            && let Some(share) = share_of(gap, m, base)
        {
            out[l].share = Some(share);
        } else {
            owner = read.add_fact(&mut out, k, gap, to_word);
        }
    }
    parts_of(&mut out, sentence, base);
    out
}

/// A year written as a number ("2024年"): it dates the facts around it, it is not one.
fn is_year(m: &Mention) -> bool {
    m.unit == "年" && (2000.0..2100.0).contains(&m.value) && m.decimals == 0
}

/// Whether number `m` is a change of the number before it, given the words in
/// between (`gap`), rather than a figure of its own.
fn changes_number_before(gap: &str, m: &Mention) -> bool {
    // "毕业生9046人，去向落实率比上年提高1.2个百分点": the change is the rate's.
    let about_rate = ["率", "比例", "占比", "比重"]
        .iter()
        .any(|w| gap.contains(w));
    // "；毕业生比上年减少120人": a change of something else named in between.
    let other_subject = gap.contains(['；', ';']) || name_at(gap).is_some();
    !about_rate && !other_subject && (direction(gap) != 0 || m.unit == "个百分点")
}

/// One sentence being read: its text, its numbers, where it starts in the source and
/// the years and stage in effect.
struct Sentence<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    base: usize,
    scope: Scope,
}

impl Sentence<'_> {
    /// Reads number `k` as a new fact and adds it to `out` with what it ties to (an
    /// earlier value, a growth, a list). Returns the fact later changes and shares
    /// belong to; none when the number names no indicator.
    fn add_fact(&self, out: &mut Vec<Fact>, k: usize, gap: &str, to_word: bool) -> Option<usize> {
        let m = &self.mentions[k];
        let from = clause_start(self.text, m.number_start);
        let clause = &self.text[from..m.number_start];
        let points = points_of_quantity(clause, m);
        let named = name_of(self.text, m, from, out, self.base).or_else(|| {
            points.map(|indicator| Named {
                indicator,
                whole: false,
                forward_subset: false,
            })
        })?;
        let earlier_of = earlier_value_of(clause, out, &named, m);
        out.push(self.fact(k, &named, from));
        let idx = out.len() - 1;
        if points.is_some() {
            // The figure is the change itself: "经费支出较上年减少3.67个百分点".
            let (start, end) = (out[idx].start, out[idx].end);
            out[idx].compare = Some(Compare {
                direction: direction(clause),
                points: Some(m.value),
                start,
                end,
                ..Compare::default()
            });
        }
        let mut owner = idx;
        if let Some(l) = earlier_of {
            out[l].from = Some((m.value, idx));
            owner = l;
        }
        if to_word {
            growth(out, idx, self.text, gap, self.base, self.scope);
        }
        out[idx].listed = list_after(self.text, m);
        Some(owner)
    }

    /// The fact number `k` states of the indicator `named`, its clause starting at
    /// byte `from`: value, year, stage, scope and whether it is a total or the whole.
    fn fact(&self, k: usize, named: &Named, from: usize) -> Fact {
        let (sentence, m) = (self.text, &self.mentions[k]);
        let clause = &sentence[from..m.number_start];
        // The words before the indicator's name (全日制 in 全日制在校生 is the name).
        let subject = &clause[..name_at(clause).unwrap_or(clause.len())];
        let total = total_word(clause);
        let mut fact = Fact::plain(
            named.indicator,
            m.value,
            m.decimals,
            &m.unit,
            year_for(sentence, self.mentions, k, self.scope),
            stage_in(&sentence[..m.number_start]).or(self.scope.stage),
            self.base + m.start,
            self.base + m.end,
        );
        fact.precision = precision_of(sentence, m);
        fact.approx = m.approx;
        fact.scope = scope_words(subject, &sentence[m.end..]);
        fact.total = total.is_some();
        fact.whole = (named.whole || (total.is_some_and(|w| w != "累计") && !named.forward_subset))
            && subject_is_whole(sentence, from, m.number_start);
        fact.cumulative = total == Some("累计");
        fact.rate_change = rate_change(clause, m);
        fact.annual = clause.contains("年均");
        fact
    }
}

/// "经费支出较上年减少3.67个百分点": a quantity (named in the clause, not a rate) said
/// to change by percentage points, with no figure of its own before. Its indicator.
fn points_of_quantity(clause: &str, m: &Mention) -> Option<&'static lexicon::Indicator> {
    let words = clause.trim_end().trim_end_matches('了').trim_end();
    if m.unit != "个百分点" || direction(words) == 0 {
        return None;
    }
    let (at, ind) = clause
        .char_indices()
        .rev()
        .find_map(|(i, _)| lexicon::word_at(clause, i).map(|(ind, _)| (i, ind)))?;
    let after = &clause[at..];
    let rate = ["率", "比例", "比重", "占比", "生师比", "覆盖", "满意"]
        .iter()
        .any(|w| after.contains(w));
    (!rate && !ind.units.contains(&"%")).then_some(ind)
}

/// "就业率提高98%": a rate's change written as a percentage of it, right after the
/// change word (not "提高到98%", not "提高了3个百分点").
fn rate_change(clause: &str, m: &Mention) -> bool {
    let words = clause.trim_end().trim_end_matches('了').trim_end();
    m.unit == "%"
        && ["率", "比例", "比重", "占比"]
            .iter()
            .any(|w| clause.contains(w))
        && ["提高", "增长", "提升", "上升", "增加"]
            .iter()
            .any(|w| words.ends_with(w))
}

/// "比上年的0.84亿元": number `m` is the earlier value of the fact just before (same
/// indicator and unit), which keeps the change stated after it ("增长34.52%").
fn earlier_value_of(clause: &str, out: &[Fact], named: &Named, m: &Mention) -> Option<usize> {
    (!clause.contains('由') && !clause.contains('从') && earlier_clause(clause))
        .then(|| out.len().checked_sub(1))
        .flatten()
        .filter(|&l| {
            let f = &out[l];
            f.indicator.id == named.indicator.id && f.unit == m.unit && f.from.is_none()
        })
}

/// "占在校生总数的59.7%": a share of the number before, with the base it names.
fn share_of(gap: &str, m: &Mention, base: usize) -> Option<Share> {
    if m.unit != "%" {
        return None;
    }
    let p = gap.rfind('占')?;
    let after = &gap[p + '占'.len_utf8()..];
    let base_indicator = after
        .char_indices()
        .find_map(|(i, _)| lexicon::word_at(after, i).map(|(ind, _)| ind.id));
    Some(Share {
        percent: m.value,
        decimals: m.decimals,
        base_indicator,
        start: base + m.start,
        end: base + m.end,
    })
}

/// The indicator a number speaks of: named in its clause; else, after 其中, the
/// total's; else, in "上一年度为3420人" / "较2024年的7605人", the figure's before it.
fn name_of(sentence: &str, m: &Mention, from: usize, out: &[Fact], base: usize) -> Option<Named> {
    if let Some(named) = indicator_for(sentence, m, from) {
        return Some(named);
    }
    if let Some(q) = sentence[..m.start].rfind("其中")
        && let Some(f) = out
            .iter()
            .rev()
            .find(|f| f.start < base + q && f.unit == m.unit)
    {
        return Some(Named {
            indicator: f.indicator,
            whole: false,
            forward_subset: true,
        });
    }
    if !earlier_clause(&sentence[from..m.number_start]) {
        return None;
    }
    out.last().filter(|f| f.unit == m.unit).map(|f| Named {
        indicator: f.indicator,
        whole: f.whole,
        forward_subset: !f.whole,
    })
}

/// A clause about an earlier period: "上年", "较2024年的".
fn earlier_clause(clause: &str) -> bool {
    PREVIOUS_YEAR.iter().any(|w| clause.contains(w))
        || ((clause.contains('较') || clause.contains('比')) && clause.contains('年'))
}

/// The word that declares a total right before the number or its name: "共 354 个专业",
/// "共有45所", "总数为 3589 人", "共开设专业48个"; not "共遴选13所", and not the total of a
/// relative clause ("被列入达标工作的共有 38 所").
fn total_word(before: &str) -> Option<&'static str> {
    TOTAL.iter().copied().find(|w| {
        before.rfind(*w).is_some_and(|i| {
            let after = before[i + w.len()..].trim();
            let relative = before[..i].trim_end().ends_with('的');
            !relative
                && (after.is_empty() || ["有", "计", "为", "达", "是"].contains(&after) || {
                    let name = ["开设", "设有", "拥有", "开办", "举办", "建有", "有"]
                        .iter()
                        .find_map(|v| after.strip_prefix(v))
                        .unwrap_or(after);
                    lexicon::word_at(name, 0).is_some_and(|(_, l)| l == name.len())
                })
        })
    })
}

/// Scope words in the subject, or in brackets right after the number ("（含技工学校）").
fn scope_words(subject: &str, after: &str) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = SCOPES
        .iter()
        .copied()
        .filter(|w| subject.contains(w) && !(*w == "含" && subject.contains("不含")))
        .filter(|w| !(*w == "全日制" && subject.contains("非全日制")))
        .collect();
    if let Some(paren) = after.strip_prefix(['（', '(']) {
        let inner: String = paren
            .chars()
            .take_while(|c| !matches!(c, '）' | ')'))
            .collect();
        words.extend(SCOPES.iter().copied().filter(|w| inner.starts_with(w)));
    }
    words
}

/// The unit of the last written digit: "2.5万人" → 1000, "46.51%" → 0.01.
fn precision_of(sentence: &str, m: &Mention) -> f64 {
    let p = 10f64.powi(-(m.decimals as i32));
    if m.unit != "万元" && sentence[m.number_start..m.end].contains('万') {
        p * 10_000.0
    } else {
        p
    }
}

fn attach_compare(f: &mut Fact, m: &Mention, gap: &str, base: usize) {
    let c = f.compare.get_or_insert_with(|| Compare {
        start: base + m.start,
        ..Compare::default()
    });
    c.end = base + m.end;
    let d = direction(gap);
    if d != 0 {
        if c.direction != 0 && c.direction != d {
            c.conflict = true;
        }
        c.direction = d;
    }
    match m.unit.as_str() {
        "%" => c.rate = Some((m.value, m.decimals)),
        "个百分点" => c.points = Some(m.value),
        u => c.amount = Some((m.value, u.to_string())),
    }
}

/// The year a number is for: the nearest "2024年" or "上年" before it in the
/// sentence, else the paragraph's opening year, else the report's.
fn year_for(sentence: &str, ms: &[Mention], k: usize, scope: Scope) -> Option<u32> {
    let m = &ms[k];
    let clause = clause_start(sentence, m.number_start);
    // A year in a comparison ("较2023年的8650人") speaks of its own clause only.
    let compared = |y: &Mention| {
        let c = clause_start(sentence, y.number_start);
        c != clause
            && ["较", "比", "与", "从", "由", "相比"]
                .iter()
                .any(|w| sentence[c..y.number_start].contains(w))
    };
    let year_at = ms[..k]
        .iter()
        .rev()
        .filter(|y| y.unit == "年" && (2000.0..2100.0).contains(&y.value) && y.decimals == 0)
        .find(|y| !compared(y))
        .map(|y| (y.end, y.value as u32));
    // "上年" speaks of the number in its own clause only ("比上年增加488人；招生8120人").
    let prev_at = PREVIOUS_YEAR
        .iter()
        .filter_map(|w| {
            sentence[clause..m.number_start]
                .rfind(w)
                .map(|i| clause + i + w.len())
        })
        .max();
    match (year_at, prev_at) {
        (Some((yi, y)), Some(pi)) if yi > pi => Some(y),
        (_, Some(_)) => scope.report_year.map(|y| y - 1),
        (Some((_, y)), None) => Some(y),
        (None, None) => scope.paragraph_year.or(scope.report_year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCOPE: Scope = Scope {
        report_year: Some(2024),
        paragraph_year: None,
        stage: Some("secondary"),
    };

    fn f(s: &str) -> Vec<Fact> {
        facts(s, 0, SCOPE)
    }

    #[test]
    fn indicator_value_year_and_change() {
        let v = f("2023年全市中职在校生共25118人，比上年增加488人，增长1.98%。");
        assert_eq!(v.len(), 1, "{v:#?}");
        let x = &v[0];
        assert_eq!(
            (x.indicator.id, x.value, x.year, x.total),
            ("students", 25118.0, Some(2023), true)
        );
        let c = x.compare.as_ref().unwrap();
        assert_eq!(c.direction, 1);
        assert_eq!(c.amount.as_ref().unwrap().0, 488.0);
        assert_eq!(c.rate.unwrap().0, 1.98);
    }

    #[test]
    fn totals_and_parts() {
        let v = f("在校生共27534人（其中：普通中专3994人，职业高中23540人）。");
        assert_eq!(v.len(), 3, "{v:#?}");
        assert_eq!(v[0].parts, vec![1, 2]);
        let v = f("教职工总数为3589人，其中专任教师2869人（“双师”素质专任专业教师1308人）。");
        assert_eq!(v[0].parts, vec![1], "{v:#?}");
        assert!(!v[2].is_part);
    }

    #[test]
    fn shares_growth_lists() {
        let v = f("全市共有中职学校43所，其中位于城区20所，占比达46.51%。");
        assert_eq!(v[1].share.as_ref().unwrap().percent, 46.51);
        let v = f("生师比由上年的10.42:1改善为9.60:1。");
        assert_eq!(v.len(), 2, "{v:#?}");
        assert_eq!(v[0].year, Some(2023));
        assert_eq!(v[1].year, Some(2024));
        assert_eq!(v[1].from.unwrap().0, 10.42);
        let v = f("全市共有6所学校：甲校、乙校、丙校、丁校、戊校和己校。");
        assert_eq!(v[0].listed, Some(6));
        let v = f("在校生25118人，比上年增加488人，下降1.9%。");
        assert!(v[0].compare.as_ref().unwrap().conflict);
        let v = f("在校生25118人，比上年增加488人，增长1.98%。");
        assert!(!v[0].compare.as_ref().unwrap().conflict);
        let v = f("新增专业12个，比上年提高3个百分点。");
        assert_eq!(v[0].compare.as_ref().unwrap().points, Some(3.0));
    }

    #[test]
    fn heading_year_applies_below_it() {
        let mut x = crate::import::facts::Extractor::new(Some(2025), &["secondary"]);
        x.heading("2.9 2024届毕业生就业情况");
        x.paragraph("全市中职毕业生共7094人。", 0, Some(2), None);
        let mut b = crate::import::builder::Builder::new();
        x.finish(&mut b);
        assert_eq!(b.value["facts"][0]["year"], 2024);
    }

    #[test]
    fn scope_words_and_stages() {
        let v = f("全省高职院校12所、中职学校45所（含技工学校）。");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].stage, Some("higher"));
        assert_eq!(v[1].stage, Some("secondary"));
        assert_eq!(v[1].scope, vec!["含"]);
    }

    /// Parts of a total end where a new statement starts: another stage after "；",
    /// or another total with its own 其中.
    #[test]
    fn parts_end_with_their_statement() {
        let v = f(
            "全省中职学校招生41260人，其中公办学校招生35870人；高职院校招生52300人，较上年增长4.1%。",
        );
        assert_eq!(v[0].parts, vec![1], "{v:#?}");
        let v = f("全市高职院校共5所，其中公办4所、民办1所；中职学校31所，其中公办26所、民办5所。");
        assert_eq!(
            (v[0].parts.clone(), v[3].parts.clone()),
            (vec![1, 2], vec![4, 5]),
            "{v:#?}"
        );
        let v =
            f("全市共有省级示范专业点14个，其中当年新增3个；市级骨干专业点37个，其中涉农专业9个。");
        assert_eq!(
            (v[0].parts.clone(), v[2].parts.clone()),
            (vec![1], vec![3]),
            "{v:#?}"
        );
        let v = f("2023年全县开展农民工培训1800人次，其中电商培训600人次；2024年培训2600人次。");
        assert_eq!(v[0].parts, vec![1], "{v:#?}");
        let v =
            f("青川职业中学在校生1260人，其中女生590人；白石职业中学在校生980人，其中女生430人。");
        assert_eq!(
            (v[0].parts.clone(), v[2].parts.clone()),
            (vec![1], vec![3]),
            "{v:#?}"
        );
        let v = f("全市中职在校生25400人，其中女生12100人；招生8120人。");
        assert_eq!(v[0].parts, vec![1], "{v:#?}");
        // Near misses: parts listed across "；" go on.
        let v = f("在校生共8640人，其中：男生4710人；女生3930人。");
        assert_eq!(v[0].parts, vec![1, 2], "{v:#?}");
        let v = f("全市职业院校共20所，其中中职学校15所；高职院校5所。");
        assert_eq!(v[0].parts, vec![1, 2], "{v:#?}");
    }
}
