//! The report's vocabulary: the eight required parts, the two stages, the six data
//! tables and the levels of reporting entity, with their Chinese names. Every stage
//! of dabiao names these things from here.

// ---- The eight parts ------------------------------------------------------------

/// The eight parts, in order, and the wordings accepted for each.
pub const PARTS: [&str; 8] = [
    "基本情况",
    "人才培养",
    "服务贡献",
    "文化传承",
    "国际合作",
    "产教融合",
    "发展保障",
    "面临挑战",
];

/// The names each part goes by in real reports: the template's name first, then
/// the variants seen (学校概况 for a school, the 2012 高职 outline's 学生发展 and
/// 政策保障, 挑战与展望 / 问题与展望 for the last part).
pub const PART_NAMES: [&[&str]; 8] = [
    &[
        "基本情况",
        "学校概况",
        "学校情况",
        "学校基本情况",
        "我校概况",
        "基本概况",
        "发展概况",
        "概况",
    ],
    &["人才培养", "学生发展"],
    &["服务贡献", "社会服务"],
    &["文化传承"],
    &["国际合作", "国际交流", "对外交流与合作"],
    &["产教融合", "校企合作"],
    &["发展保障", "政策保障", "办学保障"],
    &[
        "面临挑战",
        "挑战与展望",
        "问题与展望",
        "主要问题和改进措施",
        "主要问题与改进措施",
        "存在问题与改进措施",
        "问题与对策",
        "挑战",
    ],
];

/// Which part a heading's title starts by naming (its number already removed):
/// "国际合作与交流" → 4, "挑战与展望" → 7. The whole-name match wins over a prefix.
pub fn part_named(title: &str) -> Option<usize> {
    PART_NAMES
        .iter()
        .position(|names| names.contains(&title))
        .or_else(|| {
            PART_NAMES
                .iter()
                .position(|names| names.iter().any(|n| title.starts_with(n)))
        })
}

/// Whether `title` is exactly one of the names of part `k`.
pub fn is_part_name(k: usize, title: &str) -> bool {
    PART_NAMES
        .get(k)
        .is_some_and(|names| names.contains(&title))
}

/// Drops spaces, quotes and brackets that headings are decorated with.
pub fn normalize_title(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '「' | '」' | '『' | '』' | '“' | '”' | '"' | '\'' | '《' | '》'
                )
        })
        .collect()
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十〇零".contains(c)
}

/// Drops a heading's numbering: 第一部分, 一、, （一）, 1., 1.1, 2 …
pub fn strip_numbering(s: &str) -> &str {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let Some(&(_, first)) = chars.first() else {
        return s;
    };
    let at = |j: usize| chars.get(j).map_or(s.len(), |(i, _)| *i);
    if first == '第' {
        for (marker, max) in [("部分", 5), ("章", 4)] {
            if let Some(b) = s.find(marker) {
                let j = s[..b].chars().count();
                if j > 1 && j <= max {
                    return &s[b + marker.len()..];
                }
            }
        }
        return s;
    }
    if first == '（' || first == '(' {
        let mut j = 1;
        while j < chars.len() && is_numeral(chars[j].1) {
            j += 1;
        }
        if j > 1 && j < chars.len() && matches!(chars[j].1, '）' | ')') {
            return &s[at(j + 1)..];
        }
        return s;
    }
    let mut j = 0;
    let mut arabic = true;
    while j < chars.len() && (is_numeral(chars[j].1) || matches!(chars[j].1, '.' | '．')) {
        if !(chars[j].1.is_ascii_digit() || matches!(chars[j].1, '.' | '．')) {
            arabic = false;
        }
        j += 1;
    }
    if j == 0 || j >= chars.len() {
        return s;
    }
    if "、.．:：)）".contains(chars[j].1) {
        return &s[at(j + 1)..];
    }
    if arabic && j <= 3 {
        return &s[at(j)..];
    }
    s
}

/// Which of the eight parts a heading names (0–7); `None` when none or several.
pub fn part_of(title: &str) -> Option<usize> {
    let t = normalize_title(title);
    let t = strip_numbering(&t);
    let mut found: Option<usize> = None;
    for (k, aliases) in PART_NAMES.iter().enumerate() {
        if aliases.iter().any(|a| t.contains(a)) {
            if found.is_some_and(|f| f != k) {
                return None;
            }
            found = Some(k);
        }
    }
    found
}

// ---- Stages -------------------------------------------------------------------

/// An education stage a report covers: 中职 (secondary) or 高职 (higher).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Secondary,
    Higher,
}

impl Stage {
    pub const ALL: [Stage; 2] = [Stage::Secondary, Stage::Higher];

    /// The key used in the dataset (`/data/<stage>/…`, `report.stages`).
    pub fn key(self) -> &'static str {
        match self {
            Stage::Secondary => "secondary",
            Stage::Higher => "higher",
        }
    }

    /// The short Chinese name: 中职, 高职.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Secondary => "中职",
            Stage::Higher => "高职",
        }
    }

    /// The words that name the stage in a report's text (short form first).
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Stage::Secondary => &["中职", "中等职业"],
            Stage::Higher => &["高职", "高等职业"],
        }
    }

    /// The whole-line markers that announce a stage's tables ("高职：", "中等职业教育").
    pub fn markers(self) -> &'static [&'static str] {
        match self {
            Stage::Secondary => &[
                "中职",
                "中等职业教育",
                "中职学校",
                "中等职业学校",
                "中职教育",
            ],
            Stage::Higher => &[
                "高职",
                "高等职业教育",
                "高职院校",
                "高等职业学校",
                "高职教育",
            ],
        }
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Whether `text` names this stage.
    pub fn named_in(self, text: &str) -> bool {
        self.words().iter().any(|w| text.contains(w))
    }

    /// Where `text` last names this stage (byte offset of the last mention).
    pub fn last_mention(self, text: &str) -> Option<usize> {
        self.words().iter().filter_map(|w| text.rfind(w)).max()
    }
}

/// The Chinese name of a stage key; an unknown key is shown as it is.
pub fn stage_name(key: &str) -> &str {
    match Stage::from_key(key) {
        Some(s) => s.name(),
        None => key,
    }
}

// ---- The six data tables --------------------------------------------------------

/// A standard data table: its key in the dataset, the word that identifies its
/// caption, and its title in the national template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableName {
    pub key: &'static str,
    pub word: &'static str,
    pub title: &'static str,
}

/// The six tables, in the template's order.
pub const TABLES: [TableName; 6] = [
    TableName {
        key: "scorecard",
        word: "计分卡",
        title: "表1 人才培养质量计分卡",
    },
    TableName {
        key: "satisfaction",
        word: "满意度",
        title: "表2 满意度调查表",
    },
    TableName {
        key: "resources",
        word: "教学资源",
        title: "表3 教学资源表",
    },
    TableName {
        key: "contribution",
        word: "服务贡献",
        title: "表4 服务贡献表",
    },
    TableName {
        key: "international",
        word: "国际影响",
        title: "表5 国际影响表",
    },
    TableName {
        key: "policy",
        word: "落实政策",
        title: "表6 落实政策表",
    },
];

/// The template title of a table key ("表1 人才培养质量计分卡"), or "数据表".
pub fn table_title(key: &str) -> &'static str {
    TABLES
        .iter()
        .find(|t| t.key == key)
        .map_or("数据表", |t| t.title)
}

// ---- Levels ---------------------------------------------------------------------

/// The Chinese name of a reporting level (`report.level`); unknown keys as they are.
pub fn level_name(level: &str) -> &str {
    match level {
        "school" => "学校",
        "county" => "县（区）",
        "city" => "地市",
        "province" => "省级",
        other => other,
    }
}

// ---- Entities -------------------------------------------------------------------

/// Words in a school's name that make it a 中职 school (B4): checked after the 高职
/// words, since "职业技术学院" also contains none of these but "中心" is generic.
pub const SECONDARY_SCHOOL_WORDS: [&str; 12] = [
    "职教中心",
    "职业教育中心",
    "职业中专",
    "中等专业学校",
    "中等职业学校",
    "职业中学",
    "职业高中",
    "卫校",
    "卫生学校",
    "技工",
    "中专",
    "职专",
];

/// Words in a school's name that make it a 高职 school.
pub const HIGHER_SCHOOL_WORDS: [&str; 6] = [
    "职业技术学院",
    "职业学院",
    "职业技术大学",
    "职业大学",
    "高等专科学校",
    "高等专科",
];

/// Words that make a name a school's (not a region's).
pub const SCHOOL_WORDS: [&str; 12] = [
    "学校", "学院", "中专", "中学", "中心", "技校", "大学", "职专", "职中", "卫校", "技工", "职高",
];

/// The four municipalities directly under the central government: a name ending in
/// "市" is a province when it is one of these (B2).
pub const MUNICIPALITIES: [&str; 4] = ["北京市", "上海市", "天津市", "重庆市"];

/// Whether a region's name is a province-level one: a 省, an 自治区 or one of the
/// four municipalities (with or without "市").
pub fn is_province_name(name: &str) -> bool {
    name.ends_with('省')
        || name.ends_with("自治区")
        || MUNICIPALITIES
            .iter()
            .any(|m| name == *m || name == m.trim_end_matches('市'))
}

/// Documents that look like a quality report but are not one (variations H1): the
/// words that give each away in its title, and what it is.
pub const LOOK_ALIKES: [(&[&str], &str); 7] = [
    (
        &["就业质量", "毕业生就业", "届毕业生"],
        "毕业生就业质量年度报告",
    ),
    (
        &["社会需求与培养质量", "跟踪调查", "培养质量与就业"],
        "第三方机构的社会需求与培养质量（毕业生跟踪）调查报告",
    ),
    (&["本科教学"], "本科教学质量报告"),
    // B9: an enterprise's report on its part in a school's training (企业年报).
    (
        &[
            "企业参与",
            "集团参与",
            "公司参与",
            "企业年度报告",
            "企业年报",
        ],
        "企业参与职业教育人才培养年度报告（企业年报）",
    ),
    (&["汇报", "工作报告", "工作总结"], "工作汇报或工作报告"),
    (
        &["中国职业教育质量年度报告", "发布会", "召开", "会议"],
        "关于质量年度报告的新闻或会议消息",
    ),
    (&["通知", "实施意见", "实施方案"], "通知或政策文件"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_by_heading() {
        for (title, part) in [
            ("1 基本情况", Some(0)),
            ("第二部分 人才培养", Some(1)),
            ("三、服务贡献", Some(2)),
            ("（四）文化传承", Some(3)),
            ("4. 文化传承", Some(3)),
            ("5 国际交流与合作", Some(4)),
            ("「产教融合」", Some(5)),
            ("7.发展保障", Some(6)),
            ("8 面临挑战", Some(7)),
            ("前言", None),
            ("人才培养与服务贡献", None),
        ] {
            assert_eq!(part_of(title), part, "{title}");
        }
        assert_eq!(strip_numbering("1.1 学校概况").trim(), "学校概况");
        assert_eq!(strip_numbering("第一章 总则"), " 总则");
    }

    #[test]
    fn stages_and_tables() {
        assert_eq!(stage_name("higher"), "高职");
        assert_eq!(stage_name("other"), "other");
        assert_eq!(Stage::Higher.last_mention("高职和中等职业"), Some(0));
        assert!(Stage::Secondary.named_in("中等职业学校"));
        assert_eq!(table_title("policy"), "表6 落实政策表");
        assert_eq!(table_title("x"), "数据表");
        assert_eq!(level_name("city"), "地市");
    }

    #[test]
    fn province_names() {
        for n in ["上海市", "重庆", "宁夏回族自治区", "山西省"] {
            assert!(is_province_name(n), "{n}");
        }
        for n in ["北海市", "上海市浦东新区", "某某自治州"] {
            assert!(!is_province_name(n), "{n}");
        }
    }
}
