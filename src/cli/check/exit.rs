//! `check`'s exit code: 2 when an input, stdout or a report file failed, 1 when a
//! report fails the [`Policy`] (a finding reached `--fail-on` or a grade fell below
//! `--min-grade`, B by default), else 0. The terminal's ✓/✗ uses the same policy.

use dabiao::finding::Severity;
use dabiao::grade::{Grade, Policy};
use dabiao::record::ReportRecord;

use crate::cli::{EXIT_FINDINGS, EXIT_USAGE};

/// What the exit code depends on, gathered over the run.
#[derive(Clone, Copy, Default)]
pub struct Outcome {
    /// The most severe counted (not waived) finding of any report.
    pub worst_finding: Option<Severity>,
    /// The lowest grade of any report (C is lower than A).
    pub worst_grade: Option<Grade>,
    /// An input could not be read, or stdout or a report file could not be written.
    pub trouble: bool,
}

impl Outcome {
    pub fn add(&mut self, record: &ReportRecord) {
        for f in record.findings.iter().filter(|f| f.counted) {
            self.worst_finding = Some(self.worst_finding.map_or(f.severity, |w| w.min(f.severity)));
        }
        if let Some(v) = &record.verdict {
            self.worst_grade = Some(self.worst_grade.map_or(v.grade, |w| w.max(v.grade)));
        }
    }
}

/// The exit code: 0, [`EXIT_FINDINGS`] or [`EXIT_USAGE`]. The worst finding and the
/// worst grade of the run fail it exactly when some report fails on its own.
pub fn exit_code(outcome: &Outcome, policy: &Policy) -> u8 {
    if outcome.trouble {
        return EXIT_USAGE;
    }
    if policy.fails(outcome.worst_finding, outcome.worst_grade) {
        EXIT_FINDINGS
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Grade::{A, B, C};

    const E: Option<Severity> = Some(Severity::Error);
    const W: Option<Severity> = Some(Severity::Warning);
    const N: Option<Severity> = None;

    /// Worst finding, worst grade, trouble, `--fail-on`, `--min-grade` → exit code.
    type Row = (
        Option<Severity>,
        Option<Grade>,
        bool,
        Option<Severity>,
        Option<Grade>,
        u8,
    );

    fn outcome(finding: Option<Severity>, grade: Option<Grade>, trouble: bool) -> Outcome {
        Outcome {
            worst_finding: finding,
            worst_grade: grade,
            trouble,
        }
    }

    #[test]
    fn findings_grades_and_trouble_against_fail_on_and_min_grade() {
        let err = Some(Severity::Error);
        let warn = Some(Severity::Warning);
        let info = Some(Severity::Info);
        #[rustfmt::skip]
        let table: &[Row] = &[
            // worst finding, worst grade, trouble, --fail-on, --min-grade → exit code
            // (no --min-grade: B, so a C fails whatever its findings)
            (None,  None,    false, E, None,    0),
            (None,  Some(C), false, E, None,    1),
            (warn,  Some(C), false, W, None,    1),
            (None,  Some(A), false, E, None,    0),
            (info,  Some(A), false, E, None,    0),
            (info,  Some(A), false, W, None,    0),
            (warn,  Some(B), false, E, None,    0),
            (warn,  Some(B), false, W, None,    1),
            (warn,  Some(B), false, N, None,    0),
            (err,   Some(C), false, E, None,    1),
            (err,   Some(C), false, W, None,    1),
            (err,   Some(B), false, N, None,    0),
            // --min-grade: fails only when some report is below it.
            (None,  Some(A), false, E, Some(A), 0),
            (None,  Some(B), false, E, Some(A), 1),
            (None,  Some(B), false, E, Some(B), 0),
            (None,  Some(C), false, N, Some(B), 1),
            (None,  Some(C), false, N, Some(C), 0),
            (info,  None,    false, E, Some(A), 0), // --no-rules: no grades
            (warn,  Some(A), false, E, Some(A), 0),
            (warn,  Some(A), false, W, Some(A), 1),
            // An unreadable input or unwritable output wins over everything.
            (None,  Some(A), true,  E, None,    2),
            (err,   Some(C), true,  E, Some(A), 2),
            (None,  None,    true,  N, None,    2),
        ];
        for (i, &(finding, grade, trouble, fail_on, min_grade, expected)) in
            table.iter().enumerate()
        {
            // No --min-grade: B, or C with --fail-on never (as options::policy does).
            let default = if fail_on.is_none() { C } else { B };
            let policy = Policy {
                fail_on,
                min_grade: min_grade.unwrap_or(default),
            };
            let got = exit_code(&outcome(finding, grade, trouble), &policy);
            assert_eq!(got, expected, "row {i}");
        }
    }
}
