//! Every diagnostic code of dabiao's own, gathered from the stages that declare
//! them (each stage's `codes`): the one place to look a code's title up.

use crate::finding::Code;

/// The declarations of every stage, in the order of the pipeline.
const STAGES: [&[Code]; 7] = [
    crate::load::codes::ALL,
    crate::dataset::codes::ALL,
    crate::import::codes::ALL,
    crate::import::sheet::codes::ALL,
    crate::schema::codes::ALL,
    crate::rules::codes::ALL,
    crate::waiver::codes::ALL,
];

/// Every declared code.
pub fn all() -> impl Iterator<Item = &'static Code> {
    STAGES.into_iter().flatten()
}

/// The declaration of a code, if it is one of dabiao's own.
pub fn lookup(id: &str) -> Option<&'static Code> {
    all().find(|c| c.id == id)
}

/// The short Chinese title of one of dabiao's own codes (rules have their own titles).
pub fn title(id: &str) -> Option<&'static str> {
    lookup(id).map(|c| c.title)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    #[test]
    fn every_code_is_declared_once_with_a_title() {
        let mut seen = HashSet::new();
        for code in super::all() {
            assert!(seen.insert(code.id), "{} is declared twice", code.id);
            assert!(!code.title.trim().is_empty(), "{} has no title", code.id);
            assert!(code.id.starts_with("dabiao::"), "{}", code.id);
        }
    }
}
