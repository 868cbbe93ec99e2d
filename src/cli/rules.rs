//! `dabiao rules …`: list, explain, doc, bench and test the rule pack.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use dabiao::dataset::Limits;
use dabiao::inputs;
use dabiao::rules::RulePack;
use dabiao::schema::Schema;

use super::{EXIT_USAGE, PackArgs, load_pack, write_stdout};

// The subcommands of `dabiao rules`; the variant doc comments are the help text.
#[derive(Subcommand)]
pub enum RulesCommand {
    /// 列出所有规则（编号、类别、严重程度、标题）
    List(PackArgs),
    /// 显示一条规则的元数据、依据、修改建议和脚本
    Explain {
        /// 规则编号，例如 CON-001
        id: String,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// 列出全部阈值：生效值（标出 --set 或 dabiao.toml 的覆盖）、单位、含义、出处和核实情况
    Thresholds {
        /// 输出格式：human（文字）、markdown（表格）或 json
        #[arg(long, default_value = "human", value_parser = ["human", "markdown", "json"])]
        format: String,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// 生成规则参考文档（默认写入 docs/rules.md，并链接 tests/rules/ 中的测试用例）
    Doc {
        /// 写入的文件；用 - 表示标准输出
        #[arg(short, long, default_value = "docs/rules.md")]
        output: PathBuf,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// 测量每条规则在给定报告上的耗时（中位数），从慢到快列出
    Bench {
        /// 用来测量的数据集文件或目录
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// 每条规则重复运行的次数
        #[arg(long, default_value_t = 101)]
        runs: usize,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// 运行规则测试用例（tests/rules/<规则编号>/）和整份报告的用例（tests/reports/）
    #[command(after_help = super::rules_test::AFTER_HELP)]
    Test {
        /// 测试用例目录（默认：见下文“测试用例从哪里来”）
        #[arg(long, value_name = "DIR")]
        fixtures: Option<PathBuf>,
        /// 整份报告的用例目录（默认：未指定 --fixtures 时与规则测试用例同处的 tests/reports，没有则跳过）
        #[arg(long, value_name = "DIR")]
        reports: Option<PathBuf>,
        /// 只测试编号以此开头的规则，例如 CON 或 THR-01
        #[arg(long, value_name = "PREFIX")]
        only: Option<String>,
        #[command(flatten)]
        pack: PackArgs,
    },
}

pub fn rules(command: RulesCommand) -> ExitCode {
    let pack_args = match &command {
        RulesCommand::List(p)
        | RulesCommand::Bench { pack: p, .. }
        | RulesCommand::Explain { pack: p, .. }
        | RulesCommand::Doc { pack: p, .. }
        | RulesCommand::Thresholds { pack: p, .. }
        | RulesCommand::Test { pack: p, .. } => p,
    };
    let pack = match load_pack(pack_args.rules.as_deref(), &pack_args.set) {
        Ok(p) => p,
        Err(code) => return code,
    };
    // The pack's folder, if it came from one (`--rules`, or dabiao.toml's `rules`).
    let pack_dir = pack_args
        .rules
        .clone()
        .or_else(|| super::current_config().ok().and_then(|c| c.rules));
    let origins = super::threshold_origins(&pack_args.set);
    match command {
        RulesCommand::List(_) => {
            write_stdout(&dabiao::rules::doc::list(&pack));
            ExitCode::SUCCESS
        }
        RulesCommand::Explain { id, .. } => match pack.rule(&id) {
            Some(r) => {
                write_stdout(&dabiao::rules::doc::explain(r, &pack.thresholds, &origins));
                ExitCode::SUCCESS
            }
            None => {
                say!("dabiao: 没有编号为 {id} 的规则（dabiao rules list 列出全部规则）");
                ExitCode::from(EXIT_USAGE)
            }
        },
        RulesCommand::Doc { output, .. } => rules_doc(&pack, &output, &origins),
        RulesCommand::Thresholds { format, .. } => {
            use dabiao::rules::thresholds_doc;
            let t = &pack.thresholds;
            write_stdout(&match format.as_str() {
                "json" => format!("{:#}\n", thresholds_doc::listing_json(t, &origins)),
                "markdown" => thresholds_doc::markdown_table(t, &origins),
                _ => thresholds_doc::listing(t, &origins),
            });
            ExitCode::SUCCESS
        }
        RulesCommand::Bench { inputs, runs, .. } => rules_bench(&pack, &inputs, runs),
        RulesCommand::Test {
            fixtures,
            reports,
            only,
            ..
        } => super::rules_test::rules_test(
            pack,
            pack_dir.as_deref(),
            fixtures,
            reports,
            only.as_deref(),
        ),
    }
}

/// `rules doc`: the rule reference, to a file (default docs/rules.md) or stdout ("-").
fn rules_doc(pack: &RulePack, output: &std::path::Path, origins: &[String]) -> ExitCode {
    // Fixture links are relative to the working directory, like the default output.
    let fixtures = dabiao::rule_tests::fixture_names(std::path::Path::new("tests/rules"));
    let text = dabiao::rules::doc::markdown(pack, &fixtures, origins);
    if output.as_os_str() == "-" {
        write_stdout(&text);
        return ExitCode::SUCCESS;
    }
    match dabiao::base::files::write_atomically(output, text.as_bytes()) {
        Ok(()) => {
            say!("已写入 {}（{} 条规则）", output.display(), pack.rules.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!(
                "dabiao: 无法写入 {}：{}",
                output.display(),
                dabiao::base::files::write_reason(output, &e)
            );
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn rules_bench(pack: &RulePack, inputs: &[String], runs: usize) -> ExitCode {
    let (files, errors) = inputs::expand(inputs);
    for e in &errors {
        say!("dabiao: {}：{}", e.input, e.reason);
    }
    let index = std::sync::Arc::new(dabiao::schema::SchemaIndex::new(
        Schema::embedded().value().clone(),
    ));
    let reports: Vec<_> = files
        .iter()
        .filter_map(|f| dabiao::load::load_file(&f.path, &f.display, &Limits::default()).dataset)
        .map(|d| pack.context(d.value, std::sync::Arc::clone(&index)))
        .collect();
    if reports.is_empty() {
        say!("dabiao: 没有可以读取的数据集");
        return ExitCode::from(EXIT_USAGE);
    }
    let rows = dabiao::rules::profile::per_rule(pack, &reports, runs);
    let total: u128 = rows.iter().map(|r| r.1).sum();
    let mut out = format!(
        "{} 份报告，每条规则运行 {runs} 次，取中位数（每份报告）：\n",
        reports.len()
    );
    for (id, ns) in &rows {
        out.push_str(&format!("  {id:<8} {:>9.1} µs\n", *ns as f64 / 1000.0));
    }
    out.push_str(&format!("合计 {:.1} µs/份\n", total as f64 / 1000.0));
    write_stdout(&out);
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_USAGE)
    }
}
