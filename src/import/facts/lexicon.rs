//! The indicators prose speaks of, the words that name them, their units, and the
//! table row (indicators.md) that holds the same figure, if any.

/// One indicator of the lexicon.
#[derive(Debug)]
pub struct Indicator {
    pub id: &'static str,
    /// Shown in messages.
    pub title: &'static str,
    /// Words that name it, longest first where one contains another.
    pub words: &'static [&'static str],
    /// Units a value of it may have.
    pub units: &'static [&'static str],
    /// The table row with the same figure: (table, row, unit it must have there).
    pub table: Option<(&'static str, &'static str, &'static str)>,
}

const PEOPLE: &[&str] = &["人", "名", "位"];

impl Indicator {
    /// Whether two plain statements of it must agree. Words like 经费 or 培训 name
    /// many different things (免学费资金, 质量提升计划资金), so they are not compared.
    pub fn comparable(&self) -> bool {
        !matches!(
            self.id,
            "funding" | "training" | "courses" | "textbooks" | "enterprises" | "employment"
        )
    }
}

pub const INDICATORS: &[Indicator] = &[
    Indicator {
        id: "students",
        title: "在校生",
        words: &["全日制在校生", "在校学生", "在校生", "在籍学生"],
        units: PEOPLE,
        table: Some(("policy", "full_time_students", "人")),
    },
    Indicator {
        id: "enrollment",
        title: "招生",
        words: &["招收新生", "招生", "新生"],
        units: PEOPLE,
        table: None,
    },
    Indicator {
        id: "graduates",
        title: "毕业生",
        words: &["毕业生"],
        units: PEOPLE,
        table: Some(("scorecard", "graduates", "人")),
    },
    Indicator {
        id: "full_time_teachers",
        title: "专任教师",
        words: &["专任教师"],
        units: PEOPLE,
        table: Some(("policy", "full_time_teachers", "人")),
    },
    Indicator {
        id: "staff",
        title: "教职工",
        words: &["教职员工", "教职工"],
        units: PEOPLE,
        table: Some(("policy", "staff", "人")),
    },
    Indicator {
        id: "authorized_staff",
        title: "教职工额定编制数",
        words: &["额定编制数", "额定编制", "编制数"],
        units: PEOPLE,
        table: Some(("policy", "authorized_staff", "人")),
    },
    Indicator {
        id: "dual_qualified",
        title: "“双师型”教师",
        words: &[
            "“双师型”教师",
            "\"双师型\"教师",
            "双师型教师",
            "“双师”素质",
            "双师素质",
            "“双师型”",
            "双师型",
        ],
        units: &["人", "名", "%"],
        table: Some(("resources", "dual_qualified_rate", "%")),
    },
    Indicator {
        id: "specialty_groups",
        title: "专业群",
        words: &["专业群"],
        units: &["个"],
        table: Some(("resources", "specialty_groups", "个")),
    },
    Indicator {
        id: "specialties",
        title: "专业",
        words: &["专业点", "专业"],
        units: &["个"],
        table: Some(("resources", "specialties", "个")),
    },
    Indicator {
        id: "schools",
        title: "学校",
        words: &[
            "中等职业学校",
            "中职学校",
            "职业院校",
            "高职院校",
            "职业学校",
            "学校",
            "院校",
            "中专",
            "职业高中",
            "技工学校",
        ],
        units: &["所"],
        table: None,
    },
    Indicator {
        id: "student_teacher_ratio",
        title: "生师比",
        words: &["生师比"],
        units: &[":1"],
        table: Some(("resources", "student_teacher_ratio", ":1")),
    },
    Indicator {
        id: "further_study",
        title: "升学",
        words: &["升学"],
        units: &["人", "名", "%"],
        table: Some(("scorecard", "further_study", "人")),
    },
    Indicator {
        id: "employment",
        title: "就业",
        words: &["就业"],
        units: &["人", "名", "%"],
        table: None,
    },
    Indicator {
        id: "funding",
        title: "经费",
        words: &["经费", "资金", "投入", "拨款", "补助"],
        units: &["元", "万元", "亿元"],
        table: None,
    },
    Indicator {
        id: "training",
        title: "培训",
        words: &["培训"],
        units: &["人次"],
        table: None,
    },
    Indicator {
        id: "courses",
        title: "课程",
        words: &["课程"],
        units: &["门"],
        table: None,
    },
    Indicator {
        id: "textbooks",
        title: "教材",
        words: &["教材"],
        units: &["本", "部"],
        table: None,
    },
    Indicator {
        id: "enterprises",
        title: "合作企业",
        words: &["合作企业", "企业"],
        units: &["家"],
        table: None,
    },
];

/// The indicator a word at `text[at..]` names, and the word's length in bytes.
pub fn word_at(text: &str, at: usize) -> Option<(&'static Indicator, usize)> {
    let rest = &text[at..];
    // Most positions start no name at all: look at the first character before the words.
    static FIRST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut v: Vec<char> = INDICATORS
            .iter()
            .flat_map(|i| i.words.iter().filter_map(|w| w.chars().next()))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    if rest
        .chars()
        .next()
        .is_none_or(|c| first.binary_search(&c).is_err())
    {
        return None;
    }
    // "专业大类", "专业课", "专业教师" are not 专业 (specialties).
    if rest.starts_with("专业")
        && [
            "大类",
            "类",
            "课",
            "教师",
            "带头人",
            "技能",
            "能力",
            "知识",
            "认证",
        ]
        .iter()
        .any(|w| rest["专业".len()..].starts_with(w))
    {
        return None;
    }
    INDICATORS
        .iter()
        .flat_map(|ind| ind.words.iter().map(move |w| (ind, *w)))
        .filter(|(_, w)| rest.starts_with(w))
        .max_by_key(|(_, w)| w.len())
        .map(|(ind, w)| (ind, w.len()))
}

pub fn by_id(id: &str) -> Option<&'static Indicator> {
    INDICATORS.iter().find(|i| i.id == id)
}

/// Units that measure the same thing: 人 and 名, 元/万元/亿元 (with a factor).
pub fn unit_factor(unit: &str) -> Option<(&'static str, f64)> {
    Some(match unit {
        "人" | "名" | "位" => ("人", 1.0),
        "元" => ("元", 1.0),
        "千元" => ("元", 1_000.0),
        "万元" => ("元", 10_000.0),
        "亿元" => ("元", 100_000_000.0),
        "%" => ("%", 1.0),
        ":1" => (":1", 1.0),
        "所" => ("所", 1.0),
        "个" => ("个", 1.0),
        "门" => ("门", 1.0),
        "本" | "部" => ("本", 1.0),
        "家" => ("家", 1.0),
        "人次" => ("人次", 1.0),
        "项" => ("项", 1.0),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_word_wins() {
        assert_eq!(word_at("专业群23个", 0).unwrap().0.id, "specialty_groups");
        assert_eq!(word_at("专业290个", 0).unwrap().0.id, "specialties");
        assert_eq!(
            word_at("中等职业学校45所", 0).unwrap().1,
            "中等职业学校".len()
        );
        assert!(word_at("学生", 0).is_none());
    }
}
