//! The lines around the six data tables: their captions, however numbered and
//! worded, and the lines that announce a stage's tables ("高职：", "附件2 中职学校数据表").
//! Each recogniser is a pure function of one line's text.

use crate::base::normalize::{compact, compact_longer_than, fold};
use crate::base::vocab::{Stage, TABLES};

use super::outline::{Labelled, collapse_spaces};

/// The caption of one of the six data tables, with the table's key and the stage the
/// caption names, if any. Reports number and word them freely: "表1 人才培养质量计分卡",
/// "附表2 满意度调查表", "附件1：人才培养质量计分卡（中职）", "表 3-1 教学资源",
/// "表一", or no number at all ("服务贡献表").
pub fn data_table_caption(text: &str) -> Option<(&'static str, Option<&'static str>)> {
    if compact_longer_than(text, 40) {
        return None;
    }
    let c = compact(text);
    if c.ends_with('。') {
        return None;
    }
    let prefixed = ["附表", "附件", "表"]
        .iter()
        .find_map(|p| c.strip_prefix(p));
    let table = match prefixed {
        Some(rest) => {
            let rest = rest.trim_start_matches(|ch: char| {
                ch.is_ascii_digit() || "一二三四五六七八九十.-—:、".contains(ch)
            });
            TABLES.iter().find(|t| rest.contains(t.word))?
        }
        // Without 表/附表/附件 in front, only the template's own names (or a school's
        // name before them) are captions: a heading "服务贡献" is a part, not a table.
        None => {
            let core = c.trim_end_matches(':').trim_end_matches([')', '）']);
            let core = core
                .rfind(['(', '（'])
                .map_or(core, |i| &core[..i])
                .trim_end_matches("数据");
            let key = CAPTION_NAMES
                .iter()
                .find(|(_, name)| core.ends_with(name))?
                .0;
            TABLES.iter().find(|t| t.key == key)?
        }
    };
    Some((table.key, stage_word(&c)))
}

/// A data table's caption as a labelled entry for `/tables`: the number written
/// after 表/附表/附件 (none for "服务贡献表" or "表一"), and the title without the
/// stage suffix that only says which stage's table it is ("计分卡（中职）").
pub fn data_table_label(text: &str) -> Option<Labelled> {
    data_table_caption(text)?;
    let c = fold(text);
    let c = c.trim();
    let rest = ["附表", "附件", "表"]
        .iter()
        .find_map(|p| c.strip_prefix(p))
        .map(str::trim_start);
    let (id, title) = match rest {
        Some(rest) => {
            let end = rest
                .char_indices()
                .find(|(_, ch)| !(ch.is_ascii_digit() || matches!(ch, '-' | '.')))
                .map_or(rest.len(), |(i, _)| i);
            let id = rest[..end].trim_end_matches(['-', '.']);
            let title = rest[end..].trim_start_matches(|ch: char| {
                ch.is_whitespace() || "一二三四五六七八九十:、.—-".contains(ch)
            });
            (id.to_string(), title)
        }
        None => (String::new(), c),
    };
    let title = collapse_spaces(without_stage_suffix(title.trim()));
    (!title.is_empty()).then_some(Labelled { id, title })
}

/// "计分卡（中职）" → "计分卡"; a bracket that says anything else stays.
fn without_stage_suffix(title: &str) -> &str {
    let t = title.trim_end_matches([':', '：']);
    let Some(inner) = t.strip_suffix([')', '）']) else {
        return title;
    };
    let Some(open) = inner.rfind(['(', '（']) else {
        return title;
    };
    let word = &inner[open..];
    let word = word.trim_start_matches(['(', '（']);
    if Stage::ALL.iter().any(|s| s.named_in(word)) && word.chars().count() <= 8 {
        inner[..open].trim_end()
    } else {
        title
    }
}

/// The full names an unnumbered caption ends with.
const CAPTION_NAMES: [(&str, &str); 8] = [
    ("scorecard", "计分卡"),
    ("satisfaction", "满意度调查表"),
    ("satisfaction", "满意度表"),
    ("resources", "教学资源表"),
    ("contribution", "服务贡献表"),
    ("international", "国际影响表"),
    ("policy", "落实政策表"),
    ("policy", "政策落实表"),
];

pub fn stage_word(c: &str) -> Option<&'static str> {
    [Stage::Higher, Stage::Secondary]
        .into_iter()
        .find(|s| s.named_in(c))
        .map(Stage::key)
}

/// A short line that announces a stage's tables: "高职：", "二、中等职业教育",
/// "附件2 中职学校数据表".
pub fn stage_marker(text: &str) -> Option<&'static str> {
    if compact_longer_than(text, 20) {
        return None;
    }
    let c = compact(text);
    let c = ["附件", "附表"]
        .iter()
        .find_map(|p| c.strip_prefix(p))
        .unwrap_or(&c);
    let core = c
        .trim_start_matches(|ch: char| {
            ch.is_ascii_digit() || "一二三四五六七八九十、.:()（）-【[〔".contains(ch)
        })
        .trim_end_matches([':', '：', '】', ']', '〕']);
    // "中职学校数据表", "高等职业教育篇", "中职部分".
    let core = ["篇", "部分"]
        .iter()
        .find_map(|s| core.strip_suffix(s))
        .unwrap_or(core);
    let core = ["相关数据表", "数据表", "数据", "附表"]
        .iter()
        .find_map(|s| core.strip_suffix(s))
        .unwrap_or(core);
    Stage::ALL
        .into_iter()
        .find(|s| s.markers().contains(&core))
        .map(Stage::key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_table_captions() {
        assert_eq!(
            data_table_caption("表1 人才培养质量计分卡"),
            Some(("scorecard", None))
        );
        assert_eq!(
            data_table_caption("表 3 教学资源表（高职）"),
            Some(("resources", Some("higher")))
        );
        for (caption, key, stage) in [
            ("附表2 满意度调查表", "satisfaction", None),
            (
                "附件1：人才培养质量计分卡（中职）",
                "scorecard",
                Some("secondary"),
            ),
            ("表 3-1 教学资源", "resources", None),
            ("表1：人才培养质量计分卡", "scorecard", None),
            ("表四 服务贡献表", "contribution", None),
            ("国际影响表", "international", None),
            ("高职学校落实政策表", "policy", Some("higher")),
            ("人才培养质量计分卡（高职）", "scorecard", Some("higher")),
        ] {
            assert_eq!(data_table_caption(caption), Some((key, stage)), "{caption}");
        }
        for not_caption in [
            "服务贡献",
            "国际影响",
            "表 1.2 设施设备对比表",
            "本校落实政策表。",
        ] {
            assert_eq!(data_table_caption(not_caption), None, "{not_caption}");
        }
        assert_eq!(stage_marker("高职："), Some("higher"));
        assert_eq!(stage_marker("二、中等职业教育"), Some("secondary"));
        assert_eq!(stage_marker("附件2 中职学校数据表"), Some("secondary"));
        assert_eq!(stage_marker("附表一：高等职业教育"), Some("higher"));
        assert_eq!(stage_marker("附件2 中职学校简介"), None);
        assert_eq!(stage_marker("【高职】"), Some("higher"));
        assert_eq!(stage_marker("〔中职学校〕"), Some("secondary"));
        assert_eq!(stage_marker("高等职业教育篇"), Some("higher"));
        assert_eq!(stage_marker("二、中职部分"), Some("secondary"));
        assert_eq!(stage_marker("中职学生篇"), None);
    }

    #[test]
    fn data_table_labels() {
        let label = |t: &str| data_table_label(t).map(|l| (l.id, l.title));
        for (caption, id, title) in [
            ("表1 人才培养质量计分卡", "1", "人才培养质量计分卡"),
            ("附表2 满意度调查表", "2", "满意度调查表"),
            ("附件3：教学资源表（中职）", "3", "教学资源表"),
            ("表 4-1 服务贡献表（高等职业教育）", "4-1", "服务贡献表"),
            ("表五 国际影响表", "", "国际影响表"),
            ("落实政策表", "", "落实政策表"),
            // A bracket that says something other than the stage stays.
            ("表6 落实政策表（2024年）", "6", "落实政策表(2024年)"),
        ] {
            assert_eq!(label(caption), Some((id.into(), title.into())), "{caption}");
        }
        assert_eq!(label("表 1.2 设施设备对比表"), None);
    }
}
