//! Naming and subjects: which indicator a number speaks of (the nearest name whose
//! units fit), and whether the number states the indicator's whole value for the
//! report's whole population, or only a part of it ("省级品牌专业", "该专业在校生").

use super::lexicon::{self, Indicator};
use super::numbers::Mention;

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
pub(super) fn subject_is_whole(sentence: &str, clause: usize, number: usize) -> bool {
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
pub(super) fn name_at(text: &str) -> Option<usize> {
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
    "人员", "员工", "职工", "农民",
];

/// The characters an indicator's name may follow when a number states its whole value.
const WHOLE_BEFORE: &str = "市省县区旗州盟校院全共有设办开计各在职年度：:，,、（( \u{3000}";

/// After the name, what may stand before the number for it to state the whole
/// ("专业 290 个", "毕业生人数达到 9397 人", "在校生共 27534 人").
pub(super) const WHOLE_LINKS: &[&str] = &[
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
pub(super) struct Named {
    pub indicator: &'static Indicator,
    /// The number states the indicator's whole value: named plainly right before it.
    pub whole: bool,
    /// Named after the number in a phrase that makes it a subset: "20所学校的教师",
    /// "17所学校…进行了考核".
    pub forward_subset: bool,
}

/// The nearest indicator name before the number in its clause whose units fit, or a
/// name right after it ("2869名专任教师"). Names inside 《》 are titles, not subjects.
pub(super) fn indicator_for(text: &str, m: &Mention, from: usize) -> Option<Named> {
    if let Some((start, end, indicator)) = nearest_name_before(text, m, from) {
        return named_before(text, m, start, end, indicator);
    }
    let after = text[m.end..].trim_start_matches(['的', ' ']);
    let at = text.len() - after.len();
    match lexicon::word_at(text, at) {
        Some((ind, len)) if unit_fits(ind, m) => named_after(m, ind, &text[at + len..]),
        _ => schools_subset(m),
    }
}

/// Whether number `m`'s unit is one the indicator is counted in.
fn unit_fits(ind: &Indicator, m: &Mention) -> bool {
    ind.units.contains(&m.unit.as_str())
}

/// Whether byte `at` of `text` is inside a bracketed note that closes before byte
/// `number` ("中等职业学校(不含技工学校)6 所": 技工学校 is the note's, not the count's).
fn in_closed_note(text: &str, at: usize, number: usize) -> bool {
    let depth =
        |t: &str| t.matches(['（', '(']).count() as isize - t.matches(['）', ')']).count() as isize;
    depth(&text[..at]) > depth(&text[..number])
}

/// Whether byte `at` of `text` is inside a title (《…》).
fn in_title(text: &str, at: usize) -> bool {
    let head = &text[..at];
    head.matches('《').count() > head.matches('》').count()
}

/// The last indicator name between `from` and the number whose units fit, outside
/// titles: (start, end, indicator). A name that starts inside the one already taken
/// (a shorter word within it) does not replace it.
fn nearest_name_before(
    text: &str,
    m: &Mention,
    from: usize,
) -> Option<(usize, usize, &'static Indicator)> {
    let mut best: Option<(usize, usize, &'static Indicator)> = None;
    for (i, _) in text[from..m.number_start].char_indices() {
        let at = from + i;
        if let Some((ind, len)) = lexicon::word_at(text, at)
            && unit_fits(ind, m)
            && !in_title(text, at)
            && !in_closed_note(text, at, m.number_start)
            && best.is_none_or(|(s, e, _)| at >= e || at == s)
        {
            best = Some((at, at + len, ind));
        }
    }
    best
}

/// The number's indicator when named before it (at `start..end`), unless a noun
/// compound stands between name and number; whole when named plainly right before.
fn named_before(
    text: &str,
    m: &Mention,
    start: usize,
    end: usize,
    indicator: &'static Indicator,
) -> Option<Named> {
    let subset = names_subset(&text[..start]);
    // "中等职业学校(不含技工学校)6 所": a bracketed note says the scope; the link is
    // what is left around it.
    let link: String = without_brackets(&text[end..m.number_start])
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
    Some(Named {
        indicator,
        whole: !subset && WHOLE_LINKS.contains(&link.as_str()),
        forward_subset: subset,
    })
}

/// The text without whole bracketed notes ("（不含技工学校）").
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 { text.to_string() } else { out }
}

/// Words naming the stage of education, which qualify a name without making it a
/// subset ("中等职业教育在校生" is all the report's students).
const STAGE_WORDS: &[&str] = &["中等职业教育", "高等职业教育", "职业教育", "中职", "高职"];

/// Whether the words before a name (`head`) make it a subset ("农村在校生",
/// "省级品牌专业"): a figure of the indicator, but not its whole value. The name must
/// follow a place, 全/共/现有/开设, a stage of education, or nothing.
fn names_subset(head: &str) -> bool {
    if let Some(w) = STAGE_WORDS.iter().find(|w| head.ends_with(**w)) {
        return names_subset(&head[..head.len() - w.len()]);
    }
    SUBSET.iter().any(|w| head.ends_with(w))
        || !head.ends_with("其中")
            && head
                .chars()
                .last()
                .is_some_and(|c| !WHOLE_BEFORE.contains(c) && !c.is_ascii_digit())
}

/// The number's indicator when named right after it (`ind`, followed by `rest`):
/// never its whole value, a subset when the phrase goes on to say which.
fn named_after(m: &Mention, ind: &'static Indicator, rest: &str) -> Option<Named> {
    // "3个专业紫砂实训教室" counts classrooms, not 专业: the name must end its phrase.
    if rest.chars().next().is_some_and(|c| {
        !"，,。；;、）)的和及与等：: \t\u{3000}".contains(c)
            && !ACTIVITY.iter().any(|v| rest.starts_with(v))
    }) {
        return schools_subset(m);
    }
    let clause_end = rest
        .find(['，', ',', '；', ';', '。', '：'])
        .unwrap_or(rest.len());
    let forward_subset =
        rest.starts_with('的') || ACTIVITY.iter().any(|v| rest[..clause_end].contains(v));
    Some(Named {
        indicator: ind,
        whole: false,
        forward_subset,
    })
}

/// A count in 所 with no name that fits: some of the schools, not all of them.
fn schools_subset(m: &Mention) -> Option<Named> {
    (m.unit == "所")
        .then(|| lexicon::by_id("schools"))
        .flatten()
        .map(|indicator| Named {
            indicator,
            whole: false,
            forward_subset: true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracketed_note_is_not_the_link() {
        assert_eq!(without_brackets("(不含技工学校)"), "");
        assert_eq!(without_brackets("（含2所民办）共"), "共");
        // An unclosed bracket is left as it is.
        assert_eq!(without_brackets("（含"), "（含");
        assert!(in_closed_note(
            "学校(不含技工学校)6所",
            "学校(不含".len(),
            "学校(不含技工学校)".len()
        ));
        assert!(!in_closed_note(
            "学校(不含技工学校)6所",
            0,
            "学校(不含技工学校)".len()
        ));
    }

    #[test]
    fn a_stage_before_a_name_does_not_make_it_a_subset() {
        assert!(!names_subset("阳泉市中等职业教育"));
        assert!(!names_subset("全市中职"));
        assert!(names_subset("全市农村"));
        assert!(names_subset("中职农村"));
    }
}
