//! How the terminal lays out one file's findings: each root cause followed by the
//! findings it explains, and a rule's repeated findings drawn once with the other
//! places listed compactly ("CMP-005 另有 38 处"), instead of the same snippet and help
//! drawn again for each.

use crate::finding::Finding;

/// A rule with at least this many findings in one file is drawn once, then listed.
pub const REPEATED: usize = 3;

/// One drawn diagnostic and the findings listed under it.
pub struct Entry<'a> {
    pub head: &'a Finding,
    /// Other findings of the same code, listed by place.
    pub repeats: Vec<&'a Finding>,
    /// Findings that follow from `head` (it is their root cause).
    pub consequences: Vec<&'a Finding>,
}

impl Entry<'_> {
    /// How many findings the entry stands for.
    pub fn len(&self) -> usize {
        1 + self.repeats.len() + self.consequences.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

/// The findings (in file order) as entries: a consequence goes under its cause (when
/// the cause is among them), a code's later findings under its first when it has
/// [`REPEATED`] or more. Every finding is in exactly one entry.
pub fn entries(findings: &[Finding], group_repeats: bool) -> Vec<Entry<'_>> {
    let has_root = |f: &Finding| {
        f.caused_by
            .as_ref()
            .is_some_and(|c| findings.iter().any(|r| c.is(r)))
    };
    let mut per_code: std::collections::HashMap<&str, usize> = Default::default();
    for f in findings
        .iter()
        .filter(|f| !has_root(f) && f.explains.is_none())
    {
        *per_code.entry(&f.code).or_default() += 1;
    }
    let mut out: Vec<Entry<'_>> = Vec::new();
    // For a repeated code: the index of its entry.
    let mut first_of: std::collections::HashMap<&str, usize> = Default::default();
    for f in findings {
        if has_root(f) {
            continue;
        }
        let repeated = group_repeats
            && f.explains.is_none()
            && per_code.get(f.code.as_str()) >= Some(&REPEATED);
        if repeated && let Some(&i) = first_of.get(f.code.as_str()) {
            out[i].repeats.push(f);
            continue;
        }
        if repeated {
            first_of.insert(&f.code, out.len());
        }
        let consequences = findings
            .iter()
            .filter(|g| {
                g.caused_by
                    .as_ref()
                    .is_some_and(|c| f.explains.is_some() && c.is(f))
            })
            .collect();
        out.push(Entry {
            head: f,
            repeats: Vec::new(),
            consequences,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Severity, link_causes};

    fn at(code: &str, pointer: &str) -> Finding {
        Finding::new(code, Severity::Warning, Category::Completeness, code.into())
            .at_pointer(pointer)
    }

    #[test]
    fn causes_lead_their_consequences_and_repeats_are_gathered() {
        let mut fs = vec![
            at("CMP-005", "/d/t/graduates"),
            at("U", "/d/t/毕业生").explaining("/d/t/graduates", &["*"]),
            at("CMP-005", "/d/t/a"),
            at("CMP-005", "/d/t/b"),
            at("CMP-005", "/d/t/c"),
            at("THR-1", "/d/t/x"),
        ];
        link_causes(&mut fs);
        let e = entries(&fs, true);
        let shape: Vec<(&str, usize, usize)> = e
            .iter()
            .map(|e| (e.head.code.as_str(), e.repeats.len(), e.consequences.len()))
            .collect();
        assert_eq!(shape, [("U", 0, 1), ("CMP-005", 2, 0), ("THR-1", 0, 0)]);
        assert_eq!(e.iter().map(Entry::len).sum::<usize>(), fs.len());
    }

    #[test]
    fn two_of_a_code_are_both_drawn() {
        let fs = vec![at("A", "/a"), at("A", "/b")];
        assert_eq!(entries(&fs, true).len(), 2);
    }
}
