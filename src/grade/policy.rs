//! When a report fails a run: the one rule behind both the exit code and the mark
//! (✓/✗) beside each report, so the two can never disagree.

use super::Grade;
use crate::finding::Severity;

/// The grade a report must reach unless `--min-grade` says otherwise: C is "退回重报",
/// which no reader takes for a pass.
pub const DEFAULT_MIN_GRADE: Grade = Grade::B;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// The least severe counted finding that fails a report (`--fail-on`); `None`: none does.
    pub fail_on: Option<Severity>,
    /// A grade below this fails a report (`--min-grade`).
    pub min_grade: Grade,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fail_on: Some(Severity::Error),
            min_grade: DEFAULT_MIN_GRADE,
        }
    }
}

impl Policy {
    /// Whether a report with this worst counted finding and this grade fails
    /// (`grade` is `None` without a rule pack: then only findings decide).
    pub fn fails(&self, worst: Option<Severity>, grade: Option<Grade>) -> bool {
        // Severity orders Error < Warning < Info: "at least as severe" is `<=`.
        let finding = matches!((worst, self.fail_on), (Some(w), Some(t)) if w <= t);
        let grade = grade.is_some_and(|g| g > self.min_grade);
        finding || grade
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_c_fails_by_default_and_an_error_always_does() {
        let p = Policy::default();
        assert!(p.fails(None, Some(Grade::C)));
        assert!(p.fails(Some(Severity::Error), Some(Grade::B)));
        assert!(!p.fails(Some(Severity::Warning), Some(Grade::B)));
        assert!(!p.fails(None, Some(Grade::A)));
        assert!(!p.fails(Some(Severity::Warning), None));
        let lenient = Policy {
            fail_on: None,
            min_grade: Grade::C,
        };
        assert!(!lenient.fails(Some(Severity::Error), Some(Grade::C)));
    }
}
