//! Facts within one sentence: which indicator each number speaks of, its year,
//! stage and scope, the change stated with it, and the structures that tie numbers
//! together (a total and its parts, a share, growth from one value to another, a
//! declared count and its list).

use super::lexicon::{self, Indicator};
use super::numbers::{Mention, mentions};

/// A figure stated in prose.
#[derive(Debug, Clone)]
pub struct Fact {
    pub indicator: &'static Indicator,
    pub value: f64,
    /// The unit of the last written digit, in the fact's unit ("2.5万人" → 1000).
    pub precision: f64,
    pub unit: String,
    pub approx: bool,
    pub year: Option<u32>,
    pub stage: Option<&'static str>,
    pub scope: Vec<&'static str>,
    /// Declared with 共/总计/合计/总数.
    pub total: bool,
    /// States the indicator's whole value (not a subset, not "12所学校开展了…").
    pub whole: bool,
    /// 累计: over several years.
    pub cumulative: bool,
    pub compare: Option<Compare>,
    /// "从 a 增至 b": a (value, index in the sentence's facts).
    pub from: Option<(f64, usize)>,
    /// Indices (in the sentence's facts) of the parts listed after 其中.
    pub parts: Vec<usize>,
    /// "分别为": the parts are all of it.
    pub exhaustive: bool,
    pub share: Option<Share>,
    /// A list of items right after a declared count: (items, exhaustive).
    pub listed: Option<usize>,
    /// Byte span (absolute) of the number and unit.
    pub start: usize,
    pub end: usize,
    /// Whether the fact is itself a part of a total.
    pub is_part: bool,
}

impl Fact {
    /// A figure given plainly, as in a table cell: the whole value, nothing around it.
    #[allow(clippy::too_many_arguments)]
    pub fn plain(
        indicator: &'static Indicator,
        value: f64,
        decimals: u32,
        unit: &str,
        year: Option<u32>,
        stage: Option<&'static str>,
        start: usize,
        end: usize,
    ) -> Fact {
        Fact {
            indicator,
            value,
            precision: 10f64.powi(-(decimals as i32)),
            unit: unit.to_string(),
            approx: false,
            year,
            stage,
            scope: Vec::new(),
            total: false,
            whole: true,
            cumulative: false,
            compare: None,
            from: None,
            parts: Vec::new(),
            exhaustive: false,
            share: None,
            listed: None,
            start,
            end,
            is_part: false,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Compare {
    /// +1 up, -1 down.
    pub direction: i8,
    pub amount: Option<(f64, String)>,
    pub rate: Option<(f64, u32)>,
    pub points: Option<f64>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct Share {
    pub percent: f64,
    pub decimals: u32,
    /// The indicator named after 占 ("占在校生总数的").
    pub base_indicator: Option<&'static str>,
    pub start: usize,
    pub end: usize,
}

/// What a sentence knows from outside: the years and stage in effect.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    pub report_year: Option<u32>,
    /// The paragraph's opening year, if any.
    pub paragraph_year: Option<u32>,
    pub stage: Option<&'static str>,
}

const UP: &[&str] = &[
    "增加", "增长", "提高", "上升", "提升", "增幅", "多出", "扩大",
];
const DOWN: &[&str] = &["减少", "下降", "降低", "降幅", "减幅", "缩减", "回落"];
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

fn clause_start(text: &str, before: usize) -> usize {
    let head = &text[..before];
    head.char_indices()
        .rev()
        .find(|&(i, c)| {
            // The colon of a ratio ("10.42:1") does not end a clause.
            let after_digit = head[..i].ends_with(|d: char| d.is_ascii_digit());
            let in_ratio = matches!(c, ':' | '：') && after_digit;
            // "2,986": a thousands separator.
            let in_number =
                c == ',' && after_digit && head[i + 1..].starts_with(|d: char| d.is_ascii_digit());
            !in_ratio
                && !in_number
                && matches!(
                    c,
                    '，' | ',' | '；' | ';' | '。' | '：' | ':' | '、' | '（' | '(' | '）' | ')'
                )
        })
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn contains_any(text: &str, words: &[&str]) -> Option<usize> {
    words.iter().filter_map(|w| text.rfind(w)).max()
}

/// Words right before an indicator's name that make it a subset ("体育课专任教师",
/// "农村在校生", "直接就业"): such a number is not the indicator's whole value.
const SUBSET: &[&str] = &[
    "课",
    "兼职",
    "外聘",
    "骨干",
    "青年",
    "女",
    "男",
    "农村",
    "城镇",
    "贫困",
    "残疾",
    "少数民族",
    "住宿",
    "寄宿",
    "文化",
    "实习",
    "留守",
    "对口",
    "直接",
    "未",
    "灵活",
    "异地",
    "省外",
    "省内",
    "县域",
    "普通中专",
    "职业高中",
    "技工",
    "高级",
    "中级",
    "初级",
    "新增",
    "退役",
    "国家级",
    "省级",
    "市级",
    "校级",
    "思政",
    "建档立卡",
    "本科",
    "专科",
    "五年制",
    "三年制",
    "应届",
];

/// Verbs after "N 所学校" that make the number a count of those doing something.
const ACTIVITY: &[&str] = &[
    "进行", "参加", "参与", "开展", "获得", "获批", "完成", "承担", "实施", "申报", "入选", "被",
    "建成", "成立", "通过", "达标", "列入", "纳入", "试点", "联合", "签订", "合作",
];

/// Words a sentence may open with when it speaks of the report's whole population
/// ("2024年全市中职", "临汾市辖区内共有", "目前学院现有").
const WHOLE_SUBJECT: &[&str] = &[
    "全市",
    "全省",
    "全县",
    "全区",
    "全州",
    "全盟",
    "全旗",
    "全校",
    "全院",
    "我市",
    "本市",
    "我省",
    "本省",
    "我县",
    "本县",
    "我区",
    "本区",
    "我校",
    "本校",
    "我院",
    "本院",
    "学校",
    "学院",
    "辖区内",
    "境内",
    "现有",
    "目前",
    "截至",
    "年底",
    "年末",
    "共有",
    "共计",
    "合计",
    "总计",
    "共",
    "有",
    "现",
    "各级各类",
    "中等职业学校",
    "中职学校",
    "中等职业教育",
    "中职教育",
    "中职",
    "高等职业院校",
    "高职院校",
    "高等职业教育",
    "高职",
    "职业院校",
    "职业学校",
    "职业教育",
    "全日制",
    "年度",
    "年",
    "的",
    "中",
    "内",
    "为",
    "达",
    "其中",
    "总数",
    "规模",
];

/// Whether the clause of a figure (or, if the clause has no subject, the nearest
/// earlier clause that names an indicator) speaks of the whole population: only time
/// words, 全市/全省, the stage, a place name. "该专业现有在校生41人" and
/// "各校开设订单班6个，在校生310人" do not.
fn subject_is_whole(sentence: &str, clause: usize, number: usize) -> bool {
    let head = &sentence[clause..number];
    let subject = &head[..name_at(head).unwrap_or(head.len())];
    if !subject.trim().is_empty() || clause == 0 {
        return subject_ok(subject);
    }
    let doing = [
        "举办", "开设", "开展", "建设", "建成", "组织", "举行", "合作", "实施", "设立", "成立",
        "签订", "共建", "承办", "参加", "参与",
    ];
    let mut end = clause;
    while end > 0 {
        // Skip the delimiter that ends the prior clause.
        let cut = sentence[..end]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
        let start = sentence[..cut]
            .rfind(['，', ',', '；', ';'])
            .map_or(0, |i| {
                i + sentence[i..].chars().next().map_or(1, char::len_utf8)
            });
        let prior = &sentence[start..end];
        if doing.iter().any(|v| prior.contains(v)) || ACTIVITY.iter().any(|v| prior.contains(v)) {
            return false;
        }
        if let Some(at) = name_at(prior) {
            return subject_ok(&prior[..at]);
        }
        if !subject_ok(prior.trim_end_matches(['，', ',', '；', ';'])) {
            return false;
        }
        if start == 0 || start >= end {
            return true;
        }
        end = start;
    }
    true
}

/// Where the first indicator name in `text` starts.
fn name_at(text: &str) -> Option<usize> {
    (0..text.len())
        .filter(|&i| text.is_char_boundary(i))
        // "其中专任教师": 中专 here is not a name.
        .find(|&i| {
            lexicon::word_at(text, i).is_some()
                && !(text[..i].ends_with('其') && text[i..].starts_with("中专"))
        })
}

/// Whether a subject is the report's whole population: time words, 全市, the stage,
/// a place name; not 市区, 城区, 县域 (parts of a city).
fn subject_ok(subject: &str) -> bool {
    let mut rest: String = subject
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .collect();
    loop {
        if [
            "市区", "城区", "县域", "县区", "农村", "乡镇", "城镇", "城市",
        ]
        .iter()
        .any(|w| rest.starts_with(w))
        {
            return false;
        }
        let before = rest.len();
        for w in WHOLE_SUBJECT {
            if let Some(r) = rest.strip_prefix(w) {
                rest = r.to_string();
            }
        }
        // A place name: up to six characters ending in 省/市/县/区.
        if let Some(i) = rest
            .char_indices()
            .take(7)
            .find(|(_, c)| matches!(c, '省' | '市' | '县' | '区'))
            .map(|(i, c)| i + c.len_utf8())
        {
            rest = rest[i..].to_string();
        }
        if rest.len() == before {
            break;
        }
    }
    rest.is_empty()
}

/// Words that, between a name and its number, keep the number the name's
/// ("在校生中农村户籍学生占", "专任教师队伍达").
const LINK_WORDS: &[&str] = &[
    "为", "达", "是", "有", "共", "计", "约", "近", "超过", "增", "减", "提高", "下降", "至", "到",
    "占", "中", "的", "合计", "其中", "分别", "规模", "总", "从", "由", "率", "比例", "学生",
    "人员",
];

/// The characters an indicator's name may follow when a number states its whole value.
const WHOLE_BEFORE: &str = "市省县区旗州盟校院全共有设办开计各在职年度：:，,、（( \u{3000}";

/// After the name, what may stand before the number for it to state the whole
/// ("专业 290 个", "毕业生人数达到 9397 人", "在校生共 27534 人").
const WHOLE_LINKS: &[&str] = &[
    "",
    "为",
    "是",
    "达",
    "达到",
    "共",
    "共有",
    "共计",
    "总计",
    "合计",
    "总数",
    "总数为",
    "总数达",
    "总数达到",
    "数",
    "数为",
    "数达",
    "数达到",
    "数量",
    "数量为",
    "数量达",
    "人数",
    "人数为",
    "人数达",
    "人数达到",
    "人数共",
    "规模",
    "规模为",
    "规模达",
    "总量",
    "总量为",
    "总量达",
    "规模达到",
    "总规模",
    "总规模为",
    "总规模达",
    "总规模达到",
    "数量达到",
];

/// The indicator a number speaks of.
pub struct Named {
    pub indicator: &'static Indicator,
    /// The number states the indicator's whole value: named plainly right before it.
    pub whole: bool,
    /// Named after the number in a phrase that makes it a subset: "20所学校的教师",
    /// "17所学校…进行了考核".
    pub forward_subset: bool,
}

/// The nearest indicator name before the number in its clause whose units fit, or a
/// name right after it ("2869名专任教师"). Names inside 《》 are titles, not subjects.
fn indicator_for(text: &str, m: &Mention, from: usize) -> Option<Named> {
    let unit_fits = |ind: &Indicator| ind.units.contains(&m.unit.as_str());
    let in_title = |at: usize| {
        let head = &text[..at];
        head.matches('《').count() > head.matches('》').count()
    };
    let mut best: Option<(usize, usize, &'static Indicator)> = None;
    for (i, _) in text[from..m.number_start].char_indices() {
        let at = from + i;
        if let Some((ind, len)) = lexicon::word_at(text, at)
            && unit_fits(ind)
            && !in_title(at)
            && best.is_none_or(|(s, e, _)| at >= e || at == s)
        {
            best = Some((at, at + len, ind));
        }
    }
    if let Some((start, end, indicator)) = best {
        let head = &text[..start];
        // A subset ("农村在校生", "省级品牌专业") is a figure of the indicator, but not its
        // whole value: the name must follow a place, 全/共/现有/开设, or nothing.
        let subset = SUBSET.iter().any(|w| head.ends_with(w))
            || !head.ends_with("其中")
                && head
                    .chars()
                    .last()
                    .is_some_and(|c| !WHOLE_BEFORE.contains(c) && !c.is_ascii_digit());
        let link: String = text[end..m.number_start]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // "专业教学资源库 12 个" counts resource libraries: a noun compound stands between.
        let cjk = link.chars().filter(|c| !c.is_ascii()).count();
        if cjk >= 2
            && !WHOLE_LINKS.contains(&link.as_str())
            && !LINK_WORDS.iter().any(|w| link.contains(w))
        {
            return None;
        }
        return Some(Named {
            indicator,
            whole: !subset && WHOLE_LINKS.contains(&link.as_str()),
            forward_subset: subset,
        });
    }
    let after = text[m.end..].trim_start_matches(['的', ' ']);
    let at = text.len() - after.len();
    if let Some((ind, len)) = lexicon::word_at(text, at)
        && unit_fits(ind)
    {
        let rest = &text[at + len..];
        // "3个专业紫砂实训教室" counts classrooms, not 专业: the name must end its phrase.
        if rest.chars().next().is_some_and(|c| {
            !"，,。；;、）)的和及与等：: \t\u{3000}".contains(c)
                && !ACTIVITY.iter().any(|v| rest.starts_with(v))
        }) {
            return (m.unit == "所")
                .then(|| lexicon::by_id("schools"))
                .flatten()
                .map(|indicator| Named {
                    indicator,
                    whole: false,
                    forward_subset: true,
                });
        }
        let clause_end = rest
            .find(['，', ',', '；', ';', '。', '：'])
            .unwrap_or(rest.len());
        let forward_subset =
            rest.starts_with('的') || ACTIVITY.iter().any(|v| rest[..clause_end].contains(v));
        return Some(Named {
            indicator: ind,
            whole: false,
            forward_subset,
        });
    }
    (m.unit == "所")
        .then(|| lexicon::by_id("schools"))
        .flatten()
        .map(|indicator| Named {
            indicator,
            whole: false,
            forward_subset: true,
        })
}

fn stage_in(text: &str) -> Option<&'static str> {
    let h = ["高职", "高等职业"]
        .iter()
        .filter_map(|w| text.rfind(w))
        .max();
    let s = ["中职", "中等职业"]
        .iter()
        .filter_map(|w| text.rfind(w))
        .max();
    match (h, s) {
        (Some(a), Some(b)) => Some(if a > b { "higher" } else { "secondary" }),
        (Some(_), None) => Some("higher"),
        (None, Some(_)) => Some("secondary"),
        (None, None) => None,
    }
}

fn direction(words: &str) -> i8 {
    let up = contains_any(words, UP);
    let down = contains_any(words, DOWN);
    match (up, down) {
        (Some(a), Some(b)) => {
            if a > b {
                1
            } else {
                -1
            }
        }
        (Some(_), None) => 1,
        (None, Some(_)) => -1,
        _ => 0,
    }
}

/// The facts of one sentence. `base` is the sentence's byte offset in the source.
pub fn facts(sentence: &str, base: usize, scope: Scope) -> Vec<Fact> {
    let ms = mentions(sentence);
    let mut out: Vec<Fact> = Vec::new();
    // The fact each mention became, if any.
    let mut fact_of: Vec<Option<usize>> = vec![None; ms.len()];
    let mut prev_end = 0;
    let mut owner: Option<usize> = None;
    for (k, m) in ms.iter().enumerate() {
        let gap = &sentence[prev_end.min(m.start)..m.start];
        let is_year = m.unit == "年" && (2000.0..2100.0).contains(&m.value) && m.decimals == 0;
        // Years stay inside the gaps ("从2023年的a增至2024年的b").
        if is_year {
            continue;
        }
        prev_end = m.end;
        if m.unit.is_empty() {
            owner = None;
            continue;
        }
        // Changes and shares belong to the number right before them (or to the fact
        // that number's change was attached to), not to a fact further back.
        let last = owner;
        // A change stated for the number before: "比上年增加488人，增长1.98%".
        let to_word = TO.iter().any(|w| gap.contains(w));
        // "毕业生9046人，去向落实率比上年提高1.2个百分点": the change is the rate's.
        let about_rate = ["率", "比例", "占比", "比重"]
            .iter()
            .any(|w| gap.contains(w));
        if !to_word
            && !about_rate
            && let Some(l) = last
            && (direction(gap) != 0 || m.unit == "个百分点")
        {
            attach_compare(&mut out[l], m, gap, base);
            continue;
        }
        owner = None;
        // A share: "占在校生总数的59.7%".
        if m.unit == "%"
            && let Some(p) = gap.rfind('占')
            && let Some(l) = last
        {
            let after = &gap[p + '占'.len_utf8()..];
            let base_indicator = after
                .char_indices()
                .find_map(|(i, _)| lexicon::word_at(after, i).map(|(ind, _)| ind.id));
            out[l].share = Some(Share {
                percent: m.value,
                decimals: m.decimals,
                base_indicator,
                start: base + m.start,
                end: base + m.end,
            });
            continue;
        }
        let from = clause_start(sentence, m.number_start);
        let clause = &sentence[from..m.number_start];
        let Some(named) = indicator_for(sentence, m, from)
            .or_else(|| {
                // A part of a total inherits the total's indicator: "（其中：普通中专 3994 人，…）".
                let q = sentence[..m.start].rfind("其中")?;
                out.iter()
                    .rev()
                    .find(|f| f.start < base + q && f.unit == m.unit)
                    .map(|f| Named {
                        indicator: f.indicator,
                        whole: false,
                        forward_subset: true,
                    })
            })
            .or_else(|| {
                // The earlier value of the figure before it: "，上一年度为3420人", "较2024年的7605人".
                let earlier = PREVIOUS_YEAR.iter().any(|w| clause.contains(w))
                    || ((clause.contains('较') || clause.contains('比')) && clause.contains('年'));
                if !earlier {
                    return None;
                }
                out.last().filter(|f| f.unit == m.unit).map(|f| Named {
                    indicator: f.indicator,
                    whole: f.whole,
                    forward_subset: !f.whole,
                })
            })
        else {
            continue;
        };
        let indicator = named.indicator;
        // "比上年的0.84亿元": the earlier value of the fact just before, which keeps the
        // change stated after it ("增长34.52%").
        let earlier_of = (!clause.contains('由')
            && !clause.contains('从')
            && (PREVIOUS_YEAR.iter().any(|w| clause.contains(w))
                || ((clause.contains('较') || clause.contains('比')) && clause.contains('年'))))
        .then(|| out.len().checked_sub(1))
        .flatten()
        .filter(|&l| {
            out[l].indicator.id == indicator.id && out[l].unit == m.unit && out[l].from.is_none()
        });
        let before = &sentence[from..m.number_start];
        // The words before the indicator's name (全日制 in 全日制在校生 is the name).
        let subject = &before[..name_at(before).unwrap_or(before.len())];
        let year = year_for(sentence, &ms, k, scope);
        let mut scope_words: Vec<&'static str> = SCOPES
            .iter()
            .copied()
            .filter(|w| subject.contains(w) && !(*w == "含" && subject.contains("不含")))
            .filter(|w| !(*w == "全日制" && subject.contains("非全日制")))
            .collect();
        if let Some(paren) = sentence[m.end..].strip_prefix(['（', '(']) {
            let inner: String = paren
                .chars()
                .take_while(|c| !matches!(c, '）' | ')'))
                .collect();
            scope_words.extend(SCOPES.iter().copied().filter(|w| inner.starts_with(w)));
        }
        let stage = stage_in(&sentence[..m.number_start]).or(scope.stage);
        let total_word = TOTAL.iter().find(|w| {
            before.rfind(*w).is_some_and(|i| {
                let after = before[i + w.len()..].trim();
                // "共 354 个专业", "共有45所", "总数为 3589 人"; not "共遴选13所", and not a
                // total of a relative clause ("被列入达标工作的共有 38 所").
                let relative = before[..i].trim_end().ends_with('的');
                !relative
                    && (after.is_empty() || ["有", "计", "为", "达", "是"].contains(&after) || {
                        // "共开设专业48个", "现有专任教师498人"
                        let name = ["开设", "设有", "拥有", "开办", "举办", "建有", "有"]
                            .iter()
                            .find_map(|v| after.strip_prefix(v))
                            .unwrap_or(after);
                        lexicon::word_at(name, 0).is_some_and(|(_, l)| l == name.len())
                    })
            })
        });
        let mut precision = 10f64.powi(-(m.decimals as i32));
        if m.unit != "万元" && sentence[m.number_start..m.end].contains('万') {
            precision *= 10_000.0;
        }
        let mut fact = Fact::plain(
            indicator,
            m.value,
            m.decimals,
            &m.unit,
            year,
            stage,
            base + m.start,
            base + m.end,
        );
        fact.precision = precision;
        fact.approx = m.approx;
        fact.scope = scope_words;
        fact.total = total_word.is_some();
        fact.whole = (named.whole
            || (total_word.is_some_and(|w| *w != "累计") && !named.forward_subset))
            && subject_is_whole(sentence, from, m.number_start);
        fact.cumulative = total_word == Some(&"累计");
        out.push(fact);
        let idx = out.len() - 1;
        fact_of[k] = Some(idx);
        owner = Some(idx);
        if let Some(l) = earlier_of {
            out[l].from = Some((m.value, idx));
            owner = Some(l);
        }
        if to_word {
            growth(&mut out, idx, sentence, gap, base, scope);
        }
        out[idx].listed = list_after(sentence, m);
    }
    parts_of(&mut out, sentence, base);
    out
}

fn attach_compare(f: &mut Fact, m: &Mention, gap: &str, base: usize) {
    let c = f.compare.get_or_insert_with(|| Compare {
        start: base + m.start,
        ..Compare::default()
    });
    c.end = base + m.end;
    let d = direction(gap);
    if d != 0 {
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

/// "从 a 增至 b": ties b to the earlier fact a of the same indicator.
fn growth(out: &mut [Fact], b: usize, sentence: &str, gap: &str, base: usize, scope: Scope) {
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
fn list_after(sentence: &str, m: &Mention) -> Option<usize> {
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
fn parts_of(out: &mut [Fact], sentence: &str, base: usize) {
    let mut at = 0;
    while let Some(i) = sentence[at..].find("其中") {
        parts_after(out, sentence, base, at + i);
        at += i + "其中".len();
    }
}

fn parts_after(out: &mut [Fact], sentence: &str, base: usize, q: usize) {
    let q_abs = base + q;
    let Some(t) = out
        .iter()
        .rposition(|f| f.start < q_abs && f.share.is_none())
    else {
        return;
    };
    // Brackets: the parts end where a bracket opened before 其中 closes.
    let opened_before =
        sentence[..q].matches(['（', '(']).count() > sentence[..q].matches(['）', ')']).count();
    let mut depth = 0i32;
    // The parts end at the next 其中, or where something else is added ("另有技工学校2所").
    let after_q = q + "其中".len();
    let mut end = ["其中", "另有", "另外", "此外", "还有"]
        .iter()
        .filter_map(|w| sentence[after_q..].find(w))
        .min()
        .map_or(sentence.len(), |i| after_q + i);
    for (i, c) in sentence[q..].char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth < 0 && opened_before {
                    end = q + i;
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
    let unit = crate::facts::lexicon::unit_factor(&out[t].unit).map(|u| u.0);
    let parts: Vec<usize> = (t + 1..out.len())
        .filter(|&i| {
            let f = &out[i];
            f.start > q_abs
                && f.start < base + end
                && !nested(f)
                && crate::facts::lexicon::unit_factor(&f.unit).map(|u| u.0) == unit
        })
        .collect();
    if parts.is_empty() {
        return;
    }
    out[t].exhaustive = sentence[..q].contains("分别") || sentence[q..end].contains("分别为");
    // A part of the same indicator is a subset; "教职工…其中专任教师 N 人" states
    // 专任教师 whole.
    for &p in &parts {
        if out[p].indicator.id == out[t].indicator.id {
            out[p].is_part = true;
        }
    }
    out[t].parts = parts;
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
        let v = f("新增专业12个，比上年提高3个百分点。");
        assert_eq!(v[0].compare.as_ref().unwrap().points, Some(3.0));
    }

    #[test]
    fn heading_year_applies_below_it() {
        let mut x = crate::facts::Extractor::new(Some(2025), &["secondary"]);
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
}
