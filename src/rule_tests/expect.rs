//! A fixture's leading comment lines: the findings it expects, the grade it should
//! get, and whether it may break the schema.

use crate::finding::Severity;
use crate::grade::Grade;

#[derive(Debug, Default)]
pub struct Expectations {
    /// (rule id, pointer, severity if given)
    pub expect: Vec<(String, String, Option<Severity>)>,
    pub grade: Option<Grade>,
    pub allow_schema: bool,
}

impl Expectations {
    /// The pointers (and severities, if given) expected from rule `id`, sorted.
    pub fn of_rule(&self, id: &str) -> Vec<(String, Option<Severity>)> {
        let mut out: Vec<(String, Option<Severity>)> = self
            .expect
            .iter()
            .filter(|(i, _, _)| i == id)
            .map(|(_, p, s)| (p.clone(), *s))
            .collect();
        out.sort();
        out
    }
}

/// A fixture's header line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExpectError {
    #[error("无法识别的等级：{0}")]
    Grade(String),
    #[error("无法识别的严重程度 {0}")]
    Severity(String),
    #[error("expect 行应写成 `# expect: 规则编号 JSON指针`：{0}")]
    Line(String),
}

/// Reads the comment lines at the top of `text`; the first other line ends them.
pub fn parse_expectations(text: &str) -> Result<Expectations, ExpectError> {
    let mut e = Expectations::default();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix('#') else {
            break;
        };
        let rest = rest.trim();
        if let Some(spec) = rest.strip_prefix("expect:") {
            e.expect.push(expect_line(spec, line)?);
        } else if let Some(g) = rest.strip_prefix("grade:") {
            e.grade =
                Some(Grade::parse(g).ok_or_else(|| ExpectError::Grade(g.trim().to_string()))?);
        } else if rest.starts_with("allow:") && rest.contains("schema") {
            e.allow_schema = true;
        }
    }
    Ok(e)
}

/// `CON-001 /pointer [severity]`, the part after `# expect:`.
fn expect_line(spec: &str, line: &str) -> Result<(String, String, Option<Severity>), ExpectError> {
    let parts: Vec<&str> = spec.split_whitespace().collect();
    let severity = match parts.get(2) {
        None => None,
        Some(&"error") => Some(Severity::Error),
        Some(&"warning") => Some(Severity::Warning),
        Some(&"info") => Some(Severity::Info),
        Some(other) => return Err(ExpectError::Severity(other.to_string())),
    };
    match parts.as_slice() {
        [id, pointer, ..] => Ok((id.to_string(), pointer.to_string(), severity)),
        _ => Err(ExpectError::Line(line.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_from_leading_comments() {
        let e = parse_expectations("# expect: CON-001 /a/b\n# expect: CON-002 /c info\n# grade: B\n# allow: schema\nreport: {}\n# expect: X /late\n").unwrap();
        assert_eq!(e.expect.len(), 2);
        assert_eq!(
            e.expect[1],
            ("CON-002".into(), "/c".into(), Some(Severity::Info))
        );
        assert_eq!(e.grade, Some(Grade::B));
        assert!(e.allow_schema);
        assert!(parse_expectations("# expect: CON-001\n").is_err());
    }
}
