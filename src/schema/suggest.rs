//! "Did you mean …?" for unknown keys and enum values.

use super::index::SchemaNode;

/// Strips what varies between how people write a row's name: "其中：", quotes, spaces.
pub fn normalize(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("其中：")
        .or_else(|| s.strip_prefix("其中:"))
        .unwrap_or(s);
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The known key closest to `unknown`: by Chinese title or alias first (people type
/// the 指标 name), then by spelling.
pub fn closest_key(
    node: SchemaNode<'_>,
    index: &super::SchemaIndex,
    unknown: &str,
) -> Option<String> {
    let props = node.properties()?;
    let wanted = normalize(unknown);
    for key in props.keys() {
        let child = index.child(node, key)?;
        let names = child.title().into_iter().chain(child.aliases());
        if names.map(normalize).any(|n| n == wanted) {
            return Some(key.clone());
        }
    }
    let mut best: Option<(f64, &String)> = None;
    for key in props.keys() {
        let score = strsim::jaro_winkler(&wanted, &key.to_ascii_lowercase());
        let title_score = index
            .child(node, key)
            .and_then(|c| c.title())
            .map_or(0.0, |t| strsim::jaro_winkler(&wanted, &normalize(t)));
        let score = score.max(title_score);
        if score >= 0.85 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, key));
        }
    }
    best.map(|(_, k)| k.clone())
}

/// For a value not in an enum: the allowed value whose Chinese title it is, or the
/// closest by spelling.
pub fn closest_enum(node: SchemaNode<'_>, given: &str) -> Option<String> {
    let values = node.enum_values();
    let wanted = normalize(given);
    for v in &values {
        if let Some(t) = node.enum_title(v)
            && (t.split('、').any(|part| normalize(part) == wanted) || normalize(t) == wanted)
        {
            return Some(v.to_string());
        }
    }
    values
        .iter()
        .map(|v| (strsim::jaro_winkler(&wanted, v), v))
        .filter(|(s, _)| *s >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{SCHEMA_TEXT, SchemaIndex};

    #[test]
    fn suggests_by_spelling_and_by_chinese_title() {
        let ix = SchemaIndex::new(serde_json::from_str(SCHEMA_TEXT).unwrap());
        let table = ix.at("/data/secondary/2024/scorecard").unwrap();
        assert_eq!(
            closest_key(table, &ix, "graduate").as_deref(),
            Some("graduates")
        );
        assert_eq!(
            closest_key(table, &ix, "毕业生人数").as_deref(),
            Some("graduates")
        );
        assert_eq!(
            closest_key(table, &ix, "其中：升学人数").as_deref(),
            Some("further_study")
        );
        assert_eq!(closest_key(table, &ix, "xyz"), None);
        let level = ix.at("/report/level").unwrap();
        assert_eq!(closest_enum(level, "地市").as_deref(), Some("city"));
        assert_eq!(closest_enum(level, "provnce").as_deref(), Some("province"));
    }
}
