//! How long importing a long report takes: a generated 200-page report text (eight
//! parts, ~300 subsections, cases, captions, a TOC and the six data tables with two
//! year columns), read into the dataset, as .txt and as .docx; and the fixtures'
//! LibreOffice-printed PDFs (ruled tables, tables without rules, two columns).
//!
//! Run: `cargo bench --bench import`. Criterion reports the median of many samples.

use std::hint::black_box;
use std::io::Write;

use criterion::{Criterion, criterion_group};
use dabiao::dataset::{Format, Limits};
use dabiao::load::load_bytes;

use dabiao::base::vocab::PARTS;

/// About 900 characters of text per page, as a Word page of body text holds.
fn report(pages: usize) -> String {
    let mut s = String::from("河东省青川市中等职业教育\n质量年度报告（2024年度）\n\n目 录\n\n");
    for (i, p) in PARTS.iter().enumerate() {
        s.push_str(&format!("{}. {p}\t{}\n", i + 1, i * pages / 8 + 1));
    }
    s.push('\n');
    let sentence = "全市职业学校围绕区域主导产业优化专业布局，2024 年新增专业 12 个，在校生 27,534 人，比上年增加 1.2%。";
    let per_part = pages / 8;
    for (i, p) in PARTS.iter().enumerate() {
        s.push_str(&format!("\n{}. {p}\n\n", i + 1));
        for sub in 1..=per_part * 7 / 4 {
            s.push_str(&format!("{}.{sub} 第{sub}项工作\n\n", i + 1));
            for _ in 0..4 {
                s.push_str(&sentence.repeat(2));
                s.push_str("\n\n");
            }
            if sub % 5 == 0 {
                s.push_str(&format!(
                    "案例 {}-{} 校企共建实训基地\n\n{}\n\n",
                    i + 1,
                    sub / 5,
                    sentence
                ));
                s.push_str(&format!("图 {}.{} 实训基地一角\n\n", i + 1, sub / 5));
            }
        }
    }
    tables(&mut s);
    s
}

/// The six tables, every row of the template, two year columns.
fn tables(s: &mut String) {
    let catalog = dabiao::import::rows::RowCatalog::embedded();
    for (n, (key, _)) in dabiao::base::vocab::TABLES
        .iter()
        .map(|t| (t.key, t.word))
        .enumerate()
    {
        s.push_str(&format!(
            "\n{}\n\n名称：河东省青川市(149900)\n\n",
            dabiao::base::vocab::table_title(key)
        ));
        s.push_str("序号\t指标\t单位\t2023年\t2024年\n");
        for (i, (_, t)) in catalog.table(key).enumerate() {
            if t.path.last().is_some_and(|l| l == "hours") {
                s.push_str(&format!("\t\t学时\t{}\t{}\n", 100 + i, 120 + i));
                continue;
            }
            let unit = t
                .unit
                .as_deref()
                .unwrap_or("个")
                .split(['，', ' ', '+'])
                .next()
                .unwrap_or("个");
            s.push_str(&format!(
                "{}\t{}\t{unit}\t{}\t{}\n",
                i + 1,
                t.title,
                10 + n + i,
                12 + n + i
            ));
        }
    }
}

fn docx(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines() {
        let esc = line.replace('&', "&amp;").replace('<', "&lt;");
        let runs: Vec<String> = esc
            .split('\t')
            .map(|t| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#))
            .collect();
        body.push_str(&format!("<w:p>{}</w:p>", runs.join("<w:r><w:tab/></w:r>")));
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    z.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

fn bench(c: &mut Criterion) {
    let text = report(200);
    let chars = text.chars().count();
    let word = docx(&text);
    let limits = Limits::default();
    let probe = load_bytes(text.as_bytes(), Format::Text, "report.txt", &limits);
    let sections = probe.dataset.as_ref().and_then(|d| {
        d.value
            .pointer("/sections")
            .and_then(|v| v.as_array())
            .map(Vec::len)
    });
    eprintln!(
        "generated report: {chars} characters (~{} pages), {} KiB as text, {} KiB as .docx, {sections:?} parts, {} import findings",
        chars / 900,
        text.len() / 1024,
        word.len() / 1024,
        probe.findings.len()
    );
    let mut group = c.benchmark_group("import-200-pages");
    group.sample_size(20);
    group.bench_function("txt", |b| {
        b.iter(|| {
            load_bytes(
                black_box(text.as_bytes()),
                Format::Text,
                "report.txt",
                &limits,
            )
        })
    });
    group.bench_function("docx", |b| {
        b.iter(|| load_bytes(black_box(&word), Format::Docx, "report.docx", &limits))
    });
    group.finish();
    pdf(c, &limits);
}

/// The fixtures' PDFs as LibreOffice prints them: read, laid out and imported.
/// Per page: divide by the page count printed before the run.
fn pdf(c: &mut Criterion, limits: &Limits) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/import/converted");
    let mut group = c.benchmark_group("import-pdf");
    group.sample_size(20);
    for name in [
        "city-secondary-2024.grid.pdf",
        "city-secondary-2024.python-docx.pdf",
        "narrative-only-2025.two-columns.pdf",
    ] {
        let bytes = std::fs::read(format!("{dir}/{name}")).expect("converted PDF");
        let pages = dabiao::import::pdf::pages(&bytes, &Default::default()).map_or(0, |p| p.len());
        eprintln!("{name}: {pages} pages, {} KiB", bytes.len() / 1024);
        group.bench_function(name, |b| {
            b.iter(|| load_bytes(black_box(&bytes), Format::Pdf, name, limits))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
