//! Reading dabiao's `--stats` lines on stderr (here so that tests/bench_corpus.rs can
//! check the parsing against the lines the binary prints):
//!
//! `dabiao: 检查 N 份，用时 S 秒，R 份/秒，T 个线程，峰值内存 M MiB`
//! `dabiao: 各阶段用时（毫秒，各线程合计）：读取 1.2，解析 3.4，模式 5.6，导入 0.0，事实 0.0，规则 7.8，评级 0.9，输出 1.0`
//!
//! Leniently: a stage may be missing, spaces, a colon or thousands separators may
//! surround the numbers, units may follow them.

/// The stages in the order of the second line.
pub const STAGES: [&str; 8] = [
    "读取", "解析", "模式", "导入", "事实", "规则", "评级", "输出",
];

/// The number after `key` (spaces, ':' / '：' / '=' skipped; ',' inside dropped).
pub fn number_after(line: &str, key: &str) -> Option<f64> {
    let rest = &line[line.find(key)? + key.len()..];
    let rest = rest.trim_start_matches([' ', ':', '：', '=', '\u{a0}']);
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    rest[..end].replace(',', "").parse().ok()
}

/// (reports, seconds, peak MiB) from the first line.
pub fn batch(stderr: &str) -> Option<(usize, Option<f64>, Option<f64>)> {
    let l = stderr.lines().find(|l| l.contains("份/秒"))?;
    let files = number_after(l, "检查").map_or(0, |n| n as usize);
    Some((files, number_after(l, "用时"), number_after(l, "峰值内存")))
}

/// Milliseconds per stage (all threads) from the second line; NaN for a stage the
/// line does not name; `None` without the line.
pub fn stages(stderr: &str) -> Option<[f64; 8]> {
    let l = stderr.lines().find(|l| l.contains("各阶段用时"))?;
    // The stage names follow the heading's "）：" (the heading itself names none).
    let body = l.split_once('）').map_or(l, |(_, b)| b);
    let mut st = [f64::NAN; 8];
    for (i, name) in STAGES.iter().enumerate() {
        st[i] = number_after(body, name).unwrap_or(f64::NAN);
    }
    Some(st)
}
