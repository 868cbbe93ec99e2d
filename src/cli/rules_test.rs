//! `dabiao rules test`: which fixtures test which pack, and what the run printed.
//!
//! Fixtures are found, in this order: `--fixtures DIR`; for a pack read from a
//! folder (`--rules DIR` or dabiao.toml's `rules`), the `tests/rules/` beside that
//! folder (`DIR/../tests/rules`, as in the source tree: rules/ and tests/rules/); for
//! the embedded pack, the fixtures embedded with it. Whole reports follow the same
//! way (`--reports`, `DIR/../tests/reports`, the embedded ones).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dabiao::check::Checker;
use dabiao::dataset::Limits;
use dabiao::rule_tests::{FixtureSet, RuleResult, TestReport};
use dabiao::rules::RulePack;
use dabiao::schema::Schema;

use super::{EXIT_FINDINGS, EXIT_USAGE, write_stdout};

/// `rules test --help`: where fixtures come from.
pub const AFTER_HELP: &str = "\
测试用例从哪里来（依次）：
  --fixtures <目录>        该目录下每个规则编号一个子目录
  --rules <目录>（或 dabiao.toml 的 rules）
                           与规则目录并列的 tests/rules/，即 <目录>/../tests/rules/；
                           整份报告的用例在 <目录>/../tests/reports/（有则运行）
  内置规则包               随程序内置的测试用例（与内置规则包同一版本），在任何目录下都能运行
规则目录中不能放测试用例：规则目录下的 .toml 文件都会当作规则包的文件读取。

退出码：0 全部通过；1 有用例未通过、规则缺少触发或静默用例、或规则文件无法加载；
2 找不到测试用例目录或规则包无法加载。";

/// The tests/ folder beside a pack's folder: `rules` → `tests`, `a/pack` → `a/tests`.
fn tests_beside(pack_dir: &Path) -> PathBuf {
    match (pack_dir.file_name(), pack_dir.parent()) {
        (Some(_), Some(parent)) => parent.join("tests"),
        _ => pack_dir.join("..").join("tests"),
    }
}

/// The fixtures to run, or why there are none (a message naming what to pass).
fn fixture_set(
    pack_dir: Option<&Path>,
    fixtures: Option<PathBuf>,
    reports: Option<PathBuf>,
) -> Result<FixtureSet, String> {
    if let Some(dir) = fixtures {
        return FixtureSet::from_dirs(&dir, reports.as_deref()).map_err(|e| e.to_string());
    }
    let Some(pack_dir) = pack_dir else {
        if !FixtureSet::has_embedded() {
            return Err(
                "这个 dabiao 程序没有内置测试用例：请用 --fixtures 指定测试用例目录（源码中的 tests/rules）"
                    .to_string(),
            );
        }
        let set = FixtureSet::embedded();
        return match reports {
            Some(r) => set.with_reports(&r).map_err(|e| e.to_string()),
            None => Ok(set),
        };
    };
    let tests = tests_beside(pack_dir);
    let rules = tests.join("rules");
    if !rules.is_dir() {
        return Err(format!(
            "找不到规则包 {} 的测试用例：应放在与规则目录并列的 tests/rules/ 中（即 {}），\
             或用 --fixtures 指定测试用例目录",
            pack_dir.display(),
            rules.display()
        ));
    }
    let reports = reports.or_else(|| Some(tests.join("reports")).filter(|r| r.is_dir()));
    FixtureSet::from_dirs(&rules, reports.as_deref()).map_err(|e| e.to_string())
}

pub fn rules_test(
    pack: RulePack,
    pack_dir: Option<&Path>,
    fixtures: Option<PathBuf>,
    reports: Option<PathBuf>,
    only: Option<&str>,
) -> ExitCode {
    let set = match fixture_set(pack_dir, fixtures, reports) {
        Ok(s) => s,
        Err(e) => {
            say!("dabiao: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let origin = if pack.origin == "embedded" && pack_dir.is_none() {
        "内置规则包".to_string()
    } else {
        pack.origin.clone()
    };
    let header = format!(
        "规则包：{origin}；测试用例：{}（{} 个文件）\n\n",
        set.origin,
        set.len()
    );
    let broken = pack.problems.len();
    let checker = Checker::new(Schema::embedded(), Some(pack), Limits::default());
    let report = match dabiao::rule_tests::run(&checker, &set, only) {
        Ok(r) => r,
        Err(e) => {
            say!("dabiao: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    write_stdout(&format!("{header}{}", test_report_text(&report, broken)));
    if report.passed() && broken == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDINGS)
    }
}

/// A rule passes with at least one firing and one quiet fixture and no failures.
fn rule_passed(r: &RuleResult) -> bool {
    r.failures.is_empty() && r.firing > 0 && r.quiet > 0
}

/// What `rules test` prints: a line per rule with its failures, then the summary.
fn test_report_text(report: &TestReport, broken: usize) -> String {
    let mut out = String::new();
    for (id, r) in &report.rules {
        out.push_str(&rule_result_text(id, r));
    }
    for f in &report.other_failures {
        out.push_str(&format!("✗ {f}\n"));
    }
    if !report.uncovered.is_empty() {
        out.push_str(&format!(
            "\n没有任何测试用例的规则：{}\n",
            report.uncovered.join("、")
        ));
    }
    let failed = report.rules.values().filter(|r| !rule_passed(r)).count();
    out.push_str(&format!(
        "\n{} 条规则，{} 个测试用例：{} 条通过，{} 条未通过{}\n",
        report.rules.len(),
        report.fixtures,
        report.rules.len() - failed,
        failed,
        if broken > 0 {
            format!("；{broken} 个规则文件无法加载")
        } else {
            String::new()
        }
    ));
    out
}

/// One rule's line: ✓ or ✗, its fixture counts, and what is missing or failed.
fn rule_result_text(id: &str, r: &RuleResult) -> String {
    let mut out = format!(
        "{} {id}  触发用例 {}，静默用例 {}\n",
        if rule_passed(r) { "✓" } else { "✗" },
        r.firing,
        r.quiet
    );
    if r.firing == 0 && r.quiet + r.failures.len() > 0 {
        out.push_str("    缺少触发用例（至少一个让规则报告问题的用例）\n");
    }
    if r.quiet == 0 && r.firing + r.failures.len() > 0 {
        out.push_str("    缺少静默用例（至少一个规则不应报告的用例）\n");
    }
    for f in &r.failures {
        out.push_str(&format!("    {f}\n"));
    }
    out
}
