//! Bad input that costs time or memory, as issue 14 lists it: a flate bomb, and
//! inputs whose reading used to grow quadratically. Each drives the library or the
//! real binary on inputs generated here.

mod common;

use common::dabiao_in;

/// A PDF page whose content is a few MB of Flate that inflates to gigabytes: the
/// library inflated it whole. It is measured in constant memory and refused.
#[test]
fn a_flate_bomb_in_a_pdf_is_refused_without_inflating_it() {
    use std::io::Read;
    let zeros = common::pdf::flate_zeros(258 * 4_000_000); // ~1 GB
    let mut check = Vec::new();
    flate2::read::ZlibDecoder::new(&common::pdf::flate_zeros(258 * 10)[..])
        .read_to_end(&mut check)
        .unwrap();
    assert_eq!(check, vec![0; 2580], "the hand-made stream is valid zlib");
    let bomb = common::pdf::Writer::new().one_page_encoded("<< >>", "/Filter /FlateDecode", &zeros);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bomb.pdf"), bomb).unwrap();
    let run = dabiao_in(dir.path(), &["check", "--stats", "bomb.pdf"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    common::assert_peak_below(&run.stderr, 300.0);
}

/// Reads `text` three times and keeps the fastest (the machine is shared and noisy).
fn best_of_three(text: &str) -> std::time::Duration {
    (0..3)
        .map(|_| {
            let t = std::time::Instant::now();
            let imported = dabiao::import::import_text(text);
            std::hint::black_box(imported);
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// A report with thousands of its own captioned tables: placing captions and finding
/// the prose about each table searched every table for every caption and every
/// paragraph for every table (37.7 s for 16,000 in a debug build, 9.3 s after).
/// Four times the tables must take well under sixteen times as long.
#[test]
fn own_tables_are_read_in_linear_time() {
    let report = |n: usize| {
        let mut t = String::from("某某市2024年中等职业教育质量年度报告\n一、基本情况\n");
        for i in 1..=n {
            t.push_str(&format!(
                "如表{i}所示，学生{i}人。\n表{i} 某某情况统计表\n项目\t数量\t占比\n学生\t{i}\t{}%\n",
                i % 100
            ));
        }
        t
    };
    let small = best_of_three(&report(1_000));
    let large = best_of_three(&report(4_000));
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    eprintln!("ratio {ratio:.2} ({small:?} → {large:?})");
    assert!(
        ratio < 8.0,
        "4× the tables took {ratio:.1}× as long ({small:?} → {large:?})"
    );
}

/// A "sentence" of figures joined by commas on one line (a flattened table): each
/// number looked back over the whole sentence (23.4 s for 600 KB in a debug build,
/// 1.0 s after). Four times the line must take well under sixteen times as long.
#[test]
fn a_run_on_line_of_figures_is_read_in_linear_time() {
    let report = |n: usize| {
        format!(
            "某某市2024年中等职业教育质量年度报告\n一、基本情况\n{}\n",
            "其中学生1200人，占比50%，增长3%，".repeat(n)
        )
    };
    let small = best_of_three(&report(1_500));
    let large = best_of_three(&report(6_000));
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    eprintln!("ratio {ratio:.2} ({small:?} → {large:?})");
    assert!(
        ratio < 8.0,
        "4× the line took {ratio:.1}× as long ({small:?} → {large:?})"
    );
}
