//! Cover lines that name no report of their own (A7, B1, C1): a province's series
//! line above a school's or a city's title ("岭南省职业学校质量报告(2025年度)",
//! "2024年度河东省职业教育质量报告丛书"), and the issuing authority's line, whose
//! region may be fuller than the one the title names ("河东省梧岭市教育局").

use crate::base::vocab::is_province_name;

/// Words that make a line a series or collection header, whatever else it says.
const SERIES_WORDS: [&str; 5] = ["系列", "丛书", "文库", "汇编", "合辑"];

/// Many schools at once: a province's series of school reports, not one school.
const COLLECTIVE: [&str; 7] = [
    "职业学校",
    "职业院校",
    "中职学校",
    "高职院校",
    "中等职业学校",
    "高等职业院校",
    "职业技术院校",
];

/// A province's report on its vocational education as a whole: the title of a
/// provincial report, or a series line when a narrower title follows it.
const REGION_WIDE: [&str; 5] = [
    "职业教育",
    "中等职业教育",
    "高等职业教育",
    "中职教育",
    "高职教育",
];

/// "2024年度河东省职业学校…" → "职业学校…": the words after a leading year and a
/// province-level name, if the line starts with one.
fn after_province(c: &str) -> Option<&str> {
    let c = c.trim_start_matches(|ch: char| ch.is_ascii_digit() || "年度（）()".contains(ch));
    c.char_indices()
        .skip(1)
        .take(8)
        .map(|(i, ch)| i + ch.len_utf8())
        .filter(|&i| is_province_name(&c[..i]))
        .last()
        .map(|i| &c[i..])
}

/// A series line proper: a collection header, or a province's series of school
/// reports ("河东省职业学校质量报告"). It names no entity, so neither the entity
/// nor the level is read from it.
pub fn collective(c: &str) -> bool {
    SERIES_WORDS.iter().any(|w| c.contains(w))
        || after_province(c).is_some_and(|r| COLLECTIVE.iter().any(|w| r.starts_with(w)))
}

/// A title that gives way to a narrower title under it on the same cover: a series
/// line, or a province-wide title above a city's or a school's.
pub fn gives_way(c: &str) -> bool {
    collective(c) || after_province(c).is_some_and(|r| REGION_WIDE.iter().any(|w| r.starts_with(w)))
}

/// A region's name alone, as the first line of a title over several lines
/// ("丰原市" ⏎ "中等职业教育质量年度报告").
pub fn region_name(c: &str) -> bool {
    let n = c.chars().count();
    (2..=12).contains(&n)
        && ["市", "县", "区", "州", "盟", "旗", "省"]
            .iter()
            .any(|e| c.ends_with(e))
}

/// The issuing authority's words, longest first.
const AUTHORITIES: [&str; 9] = [
    "人民政府教育督导室",
    "人民政府办公厅",
    "教育和体育局",
    "教育委员会",
    "人民政府",
    "教育局",
    "教育厅",
    "教体局",
    "教委",
];

/// An education authority's line: "河东省梧岭市教育局" → "河东省梧岭市", the region
/// it serves (empty when the line is the authority's word alone).
pub fn authority_region(c: &str) -> Option<&str> {
    AUTHORITIES
        .iter()
        .find_map(|w| c.strip_suffix(w))
        .filter(|r| r.chars().count() <= 16)
}

/// Of the title's region and the authority's, the fuller when one extends the
/// other ("梧岭市" in the title, "河东省梧岭市教育局" on the cover → "河东省梧岭市").
pub fn fuller<'a>(title: &'a str, issuer: &'a str) -> &'a str {
    if issuer.len() > title.len() && issuer.ends_with(title) {
        issuer
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_lines_name_no_entity() {
        for c in [
            "河东省职业学校质量报告(2025年度)",
            "岭南省中职学校质量年度报告",
            "2024年度河东省职业教育质量报告丛书",
            "河东省职业教育质量年度报告系列",
            "宁夏回族自治区高职院校质量年度报告(2024年度)",
        ] {
            assert!(collective(c), "{c}");
            assert!(gives_way(c), "{c}");
        }
        for c in [
            "河东省澄川市中等职业教育质量年度报告(2024年度)",
            "澄川市第一职业中专学校2025年质量年度报告",
            "河东省职业教育质量年度报告(2024年度)",
        ] {
            assert!(!collective(c), "{c}");
        }
        // A province's own title gives way only to a narrower one under it.
        assert!(gives_way("河东省职业教育质量年度报告(2024年度)"));
        assert!(gives_way("重庆市高等职业教育质量年度报告"));
        assert!(collective("重庆市职业院校质量年度报告"));
        assert!(!gives_way("河东省澄川市中等职业教育质量年度报告"));
    }

    #[test]
    fn authorities_and_their_regions() {
        assert_eq!(authority_region("河东省梧岭市教育局"), Some("河东省梧岭市"));
        assert_eq!(
            authority_region("丰原市青禾县教育和体育局"),
            Some("丰原市青禾县")
        );
        assert_eq!(authority_region("河东省教育厅"), Some("河东省"));
        assert_eq!(authority_region("澄川市第一职业中专学校"), None);
        assert_eq!(fuller("梧岭市", "河东省梧岭市"), "河东省梧岭市");
        assert_eq!(fuller("河东省梧岭市", "梧岭市"), "河东省梧岭市");
        assert_eq!(fuller("青禾县", "丰原市"), "青禾县");
        assert!(region_name("丰原市") && region_name("江岭省丰原市青禾县"));
        assert!(!region_name("丰原市中等职业教育"));
    }
}
