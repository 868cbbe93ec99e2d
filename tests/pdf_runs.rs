//! The PDF reader's bottom layer: runs, segments and images from hand-built PDFs
//! (one per font setup Chinese reports use) and from LibreOffice PDFs of our own
//! import fixtures (tests/pdf/, made by scripts/make-fixture-pdfs.sh).

mod common;

use common::pdf::{Writer, to_unicode, type0_font};
use dabiao::import::pdf::{Limits, Page, PdfError, Run, pages};

fn one(bytes: &[u8]) -> Page {
    let mut p = pages(bytes, &Limits::default()).expect("reads");
    assert_eq!(p.len(), 1);
    p.remove(0)
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

fn assert_run(run: &Run, text: &str, x0: f32, x1: f32, y: f32, size: f32) {
    assert_eq!(run.text, text);
    assert!(
        close(run.x0, x0) && close(run.x1, x1),
        "x {}..{} ≠ {x0}..{x1}",
        run.x0,
        run.x1
    );
    assert!(
        close(run.y, y) && close(run.size, size),
        "y {} size {} ≠ {y} {size}",
        run.y,
        run.size
    );
}

#[test]
fn identity_h_with_to_unicode() {
    let mut w = Writer::new();
    let tu = to_unicode(&[(1, "A"), (3, "中"), (4, "国")]);
    let f = type0_font(&mut w, "Identity-H", Some(&tu));
    let page = one(&w.one_page(
        &format!("<< /Font << /F1 {f} 0 R >> >>"),
        b"BT /F1 12 Tf 72 700 Td <00030004> Tj <0001> Tj ET",
    ));
    assert_eq!((page.number, page.width, page.height), (1, 595.0, 842.0));
    assert_run(&page.runs[0], "中国", 72.0, 96.0, 142.0, 12.0);
    // CID 1 is 500 wide by /W.
    assert_run(&page.runs[1], "A", 96.0, 102.0, 142.0, 12.0);
}

#[test]
fn ucs2_cmap_without_to_unicode() {
    let mut w = Writer::new();
    let f = type0_font(&mut w, "UniGB-UCS2-H", None);
    let page = one(&w.one_page(
        &format!("<< /Font << /F1 {f} 0 R >> >>"),
        b"BT /F1 10 Tf 1 0 0 1 50 800 Tm <4E2D56FD0031> Tj ET",
    ));
    assert_run(&page.runs[0], "中国1", 50.0, 75.0, 42.0, 10.0);
}

#[test]
fn gbk_cmap_without_to_unicode() {
    let mut w = Writer::new();
    let f = type0_font(&mut w, "GBK-EUC-H", None);
    let page = one(&w.one_page(
        &format!("<< /Font << /F1 {f} 0 R >> >>"),
        b"BT /F1 12 Tf 72 700 Td <D6D0B9FA32303234> Tj ET",
    ));
    assert_run(&page.runs[0], "中国2024", 72.0, 120.0, 142.0, 12.0);
}

/// A Type 3 font (as Chromium writes) whose ToUnicode points at Kangxi radicals.
#[test]
fn type3_radicals_become_ideographs() {
    let mut w = Writer::new();
    let cmap = b"begincmap 1 begincodespacerange <00> <FF> endcodespacerange\n\
        2 beginbfchar <01> <2F00> <02> <2F08> endbfchar endcmap";
    let tu = w.stream("", cmap);
    let proc_ = w.stream("", b"1000 0 d0");
    let f = w.add(&format!(
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 -0.001 0 0] \
         /CharProcs << /g1 {proc_} 0 R >> /Encoding << /Type /Encoding /Differences [1 /g1 /g2] >> \
         /FirstChar 1 /LastChar 2 /Widths [1000 1000] /ToUnicode {tu} 0 R /Resources << >> >>"
    ));
    // Chromium's flipped text matrix: the size stays positive.
    let page = one(&w.one_page(
        &format!("<< /Font << /F4 {f} 0 R >> >>"),
        b"BT /F4 14 Tf 1 0 0 -1 8 32 Tm <0102> Tj ET",
    ));
    assert_run(&page.runs[0], "一人", 8.0, 36.0, 810.0, 14.0);
}

fn latin_font(w: &mut Writer) -> usize {
    w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 65 /LastChar 69 /Widths [600 600 600 600 600] >>")
}

/// Kerning moves the pen; a kerning gap of ≥ 0.2 em starts a new run.
#[test]
fn tj_kerning_gives_positions() {
    let mut w = Writer::new();
    let f = latin_font(&mut w);
    let page = one(&w.one_page(
        &format!("<< /Font << /F1 {f} 0 R >> >>"),
        b"BT /F1 10 Tf 100 700 Td [(AB) -500 (CD) 120 (E)] TJ ET",
    ));
    assert_eq!(page.runs.len(), 2);
    assert_run(&page.runs[0], "AB", 100.0, 112.0, 142.0, 10.0);
    assert_run(&page.runs[1], "CDE", 117.0, 133.8, 142.0, 10.0);
}

#[test]
fn text_state_spacing_scaling_and_matrices() {
    let mut w = Writer::new();
    let f = latin_font(&mut w);
    let content = b"q 2 0 0 2 0 0 cm BT /F1 5 Tf 1 Tc 50 Tz 10 300 Td (AB) Tj 14 TL T* (C) Tj ET Q";
    let page = one(&w.one_page(&format!("<< /Font << /F1 {f} 0 R >> >>"), content));
    // Per glyph (3 + 1 Tc) × 0.5 Tz = 2 text units = 4 page units.
    assert_run(&page.runs[0], "AB", 20.0, 28.0, 242.0, 10.0);
    assert_run(&page.runs[1], "C", 20.0, 24.0, 270.0, 10.0);
}

#[test]
fn ruling_lines_become_segments() {
    let w = Writer::new();
    let content = b"0.5 w 72 700 m 300 700 l S 72 680 m 300 680 l 72 680 m 72 700 l S \
        q 1 0 0 1 0 -40 cm 72 659 228 1 re f Q 72 500 100 100 re f 72 400 m 100 450 120 400 150 420 c S";
    let page = one(&w.one_page("<< >>", content));
    let s: Vec<(f32, f32, f32, f32)> = page
        .segments
        .iter()
        .map(|s| (s.x0, s.y0, s.x1, s.y1))
        .collect();
    assert_eq!(
        s,
        vec![
            (72.0, 142.0, 300.0, 142.0),
            (72.0, 162.0, 300.0, 162.0),
            (72.0, 142.0, 72.0, 162.0),
            (72.0, 222.5, 300.0, 222.5)
        ]
    );
    assert!(page.runs.is_empty());
}

#[test]
fn image_only_page_has_no_runs() {
    let mut w = Writer::new();
    let im = w.stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x80");
    let page = one(&w.one_page(
        &format!("<< /XObject << /Im1 {im} 0 R >> >>"),
        b"q 500 0 0 700 40 70 cm /Im1 Do Q",
    ));
    assert!(page.runs.is_empty());
    assert_eq!(page.images, 1);
}

#[test]
fn forms_run_with_their_matrix_and_cycles_end() {
    let mut w = Writer::new();
    let f = latin_font(&mut w);
    // Object `form` draws text and then itself (a cycle) and its twin `other`.
    let form = w.next();
    let other = form + 1;
    let res = format!(
        "/Resources << /Font << /F1 {f} 0 R >> /XObject << /X {form} 0 R /Y {other} 0 R >> >>"
    );
    w.stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Matrix [1 0 0 1 100 0] {res}"),
        b"BT /F1 10 Tf 0 700 Td (A) Tj ET /X Do /Y Do",
    );
    w.stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 500 500] {res}"),
        b"/X Do",
    );
    let page = one(&w.one_page(&format!("<< /XObject << /X {form} 0 R >> >>"), b"/X Do"));
    assert!(!page.runs.is_empty() && page.runs.len() < 100);
    assert_run(&page.runs[0], "A", 100.0, 106.0, 142.0, 10.0);
}

#[test]
fn limits_stop_with_too_large() {
    let mut w = Writer::new();
    let f = latin_font(&mut w);
    let bytes = w.one_page(
        &format!("<< /Font << /F1 {f} 0 R >> >>"),
        b"BT /F1 10 Tf 100 700 Td (A) Tj (B) Tj (C) Tj ET",
    );
    let tight = |l: Limits| pages(&bytes, &l).unwrap_err();
    assert!(matches!(
        tight(Limits {
            max_ops: 3,
            ..Limits::default()
        }),
        PdfError::TooLarge(_)
    ));
    assert!(matches!(
        tight(Limits {
            max_runs: 2,
            ..Limits::default()
        }),
        PdfError::TooLarge(_)
    ));
    assert!(matches!(
        tight(Limits {
            max_pages: 0,
            ..Limits::default()
        }),
        PdfError::TooLarge(_)
    ));
    assert!(matches!(
        tight(Limits {
            max_content_bytes: 10,
            ..Limits::default()
        }),
        PdfError::TooLarge(_)
    ));
}

/// Each page under the per-page bound, the file over the whole-file one: 2,000 pages
/// of 2M operators each used to run for hours.
#[test]
fn the_whole_file_has_an_operator_budget() {
    let mut w = Writer::new();
    let content = w.stream("", &b"n ".repeat(40));
    let pages_id = w.next() + 3;
    let kids: Vec<String> = (0..3)
        .map(|_| {
            w.add(&format!(
                "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R >>"
            ))
        })
        .map(|id| format!("{id} 0 R"))
        .collect();
    let p = w.add(&format!(
        "<< /Type /Pages /Kids [{}] /Count 3 >>",
        kids.join(" ")
    ));
    assert_eq!(p, pages_id);
    let root = w.add(&format!("<< /Type /Catalog /Pages {p} 0 R >>"));
    let bytes = w.finish(root);
    let limits = Limits {
        max_ops: 50,
        max_file_ops: 100,
        ..Limits::default()
    };
    assert!(matches!(
        pages(&bytes, &limits).unwrap_err(),
        PdfError::TooLarge(why) if why.contains("全文")
    ));
    let roomy = Limits {
        max_file_ops: 120,
        ..limits
    };
    assert_eq!(pages(&bytes, &roomy).unwrap().len(), 3);
}

#[test]
fn garbage_and_truncated_files_fail_cleanly() {
    assert_eq!(
        pages(b"PK\x03\x04 not a pdf", &Limits::default()).unwrap_err(),
        PdfError::NotPdf
    );
    let mut w = Writer::new();
    let tu = to_unicode(&[(3, "中")]);
    let f = type0_font(&mut w, "Identity-H", Some(&tu));
    let good = w.one_page(
        &format!("<< /Font << /F1 {f} 0 R >> >>"),
        b"BT /F1 12 Tf 72 700 Td <0003> Tj ET",
    );
    for cut in (0..good.len()).step_by(7) {
        // Anything but a panic; a cut file may even read (the library repairs xrefs).
        let _ = pages(&good[..cut], &Limits::default());
    }
    let mut seed = 12345u32;
    for i in 0..good.len() {
        let mut bad = good.clone();
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bad[i] = (seed >> 16) as u8;
        let _ = pages(&bad, &Limits::default());
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/pdf")
            .join(name),
    )
    .expect("fixture PDF")
}

#[test]
fn encrypted_pdf_asks_for_password() {
    assert_eq!(
        pages(&fixture("encrypted.pdf"), &Limits::default()).unwrap_err(),
        PdfError::Encrypted
    );
}

/// Copy restrictions with an empty user password: readable.
#[test]
fn restricted_pdf_is_read() {
    let text = joined(&pages(&fixture("restricted.pdf"), &Limits::default()).expect("reads"));
    assert!(text.contains("职业教育"), "{text}");
}

/// Runs of every page in reading order ((y, x) per page), spaces removed.
fn joined(pages: &[Page]) -> String {
    let mut out = String::new();
    for p in pages {
        let mut runs: Vec<&Run> = p.runs.iter().collect();
        runs.sort_by(|a, b| {
            (a.y.round(), a.x0)
                .partial_cmp(&(b.y.round(), b.x0))
                .unwrap()
        });
        out.extend(runs.iter().map(|r| r.text.as_str()));
    }
    out.chars().filter(|c| !ignored(*c)).collect()
}

/// Spaces, and dot leaders (LibreOffice's autocorrect turns "..." into "…").
fn ignored(c: char) -> bool {
    c.is_whitespace() || c == '.' || c == '…'
}

fn assert_twin(pdf: &str, twin: &str) {
    let text = joined(&pages(&fixture(pdf), &Limits::default()).expect("reads"));
    let src = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/import")
            .join(twin),
    )
    .unwrap();
    // Markdown syntax is not printed: headings' #, list dashes, link targets.
    for line in src.lines().take(30).filter(|l| !l.contains("](")) {
        let want: String = line
            .trim_start_matches(['#', '-', ' '])
            .chars()
            .filter(|c| !ignored(*c))
            .collect();
        assert!(text.contains(&want), "{pdf}: «{want}» missing");
    }
}

#[test]
fn libreoffice_pdf_of_city_report_has_its_text() {
    assert_twin("city-secondary-2024.pdf", "city-secondary-2024.txt");
}

#[test]
fn libreoffice_pdf_of_province_report_has_its_text() {
    assert_twin("province-both-2024.pdf", "province-both-2024.md");
}

/// A hand check, not a test: `DABIAO_PDF=a.pdf:b.pdf cargo test --release --test
/// pdf_runs measure -- --ignored --nocapture` prints pages, runs, segments, ms per
/// page and the joined text to /tmp/<name>.runs.txt.
#[test]
#[ignore = "a hand check on PDFs named in DABIAO_PDF (timings, dumped runs), not a test"]
fn measure() {
    for path in std::env::var("DABIAO_PDF")
        .unwrap_or_default()
        .split(':')
        .filter(|p| !p.is_empty())
    {
        let bytes = std::fs::read(path).expect("readable");
        let start = std::time::Instant::now();
        let result = pages(&bytes, &Limits::default());
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(p) => {
                let runs: usize = p.iter().map(|p| p.runs.len()).sum();
                let segs: usize = p.iter().map(|p| p.segments.len()).sum();
                let per_page = ms / p.len().max(1) as f64;
                println!(
                    "{path}: {} pages, {runs} runs, {segs} segments, {per_page:.2} ms/page",
                    p.len()
                );
                let name = std::path::Path::new(path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                std::fs::write(format!("/tmp/{name}.runs.txt"), joined(&p)).unwrap();
            }
            Err(e) => println!("{path}: {e:?}"),
        }
    }
}

/// A page tree whose /Kids lists itself, and deeply nested content arrays: the
/// reader ends, with the page once.
#[test]
fn cyclic_page_tree_and_deep_nesting_end() {
    let mut w = Writer::new();
    let f = latin_font(&mut w);
    let mut content = b"BT /F1 10 Tf 100 700 Td (A) Tj ET ".to_vec();
    content.extend(std::iter::repeat_n(b'[', 50_000));
    let c = w.stream("", &content);
    let pages_id = c + 2;
    w.add(&format!(
        "<< /Type /Page /Parent {pages_id} 0 R /Resources << /Font << /F1 {f} 0 R >> >> /Contents {c} 0 R >>"
    ));
    w.add(&format!("<< /Type /Pages /Kids [{pages_id} 0 R {} 0 R {pages_id} 0 R] /Count 1 /MediaBox [0 0 400 600] >>", c + 1));
    let root = w.add(&format!("<< /Type /Catalog /Pages {pages_id} 0 R >>"));
    match pages(&w.finish(root), &Limits::default()) {
        Ok(p) => assert_eq!((p.len(), p[0].height), (1, 600.0)),
        Err(e) => assert!(matches!(e, PdfError::Damaged(_)), "{e:?}"),
    }
}

/// An unknown operator is skipped; the text around it is read.
#[test]
fn unknown_operator_is_skipped() {
    let mut w = Writer::new();
    let f = latin_font(&mut w);
    let content = b"BT /F1 10 Tf 100 700 Td (A) Tj 1 2 zz (B) Tj ET";
    let page = one(&w.one_page(&format!("<< /Font << /F1 {f} 0 R >> >>"), content));
    let text: Vec<&str> = page.runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(text, ["A", "B"]);
}

/// A landscape page stored portrait with /Rotate 90 (as office suites write a
/// wide table's page): coordinates are those of the page as shown.
#[test]
fn rotated_page_gives_shown_coordinates() {
    let mut w = Writer::new();
    let f = latin_font(&mut w);
    let c = w.stream(
        "",
        b"BT /F1 10 Tf 0 1 -1 0 100 50 Tm (AB) Tj ET 100 40 m 100 300 l S",
    );
    let pages_id = c + 2;
    w.add(&format!(
        "<< /Type /Page /Parent {pages_id} 0 R /Rotate 90 /Resources << /Font << /F1 {f} 0 R >> >> /Contents {c} 0 R >>"
    ));
    w.add(&format!(
        "<< /Type /Pages /Kids [{} 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
        c + 1
    ));
    let root = w.add(&format!("<< /Type /Catalog /Pages {pages_id} 0 R >>"));
    let page = one(&w.finish(root));
    assert_eq!((page.width, page.height), (842.0, 595.0));
    assert_run(&page.runs[0], "AB", 50.0, 62.0, 100.0, 10.0);
    let s = page.segments[0];
    assert_eq!((s.x0, s.y0, s.x1, s.y1), (40.0, 100.0, 300.0, 100.0));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Random objects after a PDF header: an answer, never a hang or an abort
    /// (panics are caught inside; this looks for what catch_unwind cannot catch).
    #[test]
    fn random_bodies_end(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000)) {
        let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".to_vec();
        bytes.extend_from_slice(&body);
        let small = Limits { max_pages: 10, max_content_bytes: 1 << 16, max_ops: 10_000, max_runs: 10_000, max_file_ops: 50_000 };
        let _ = pages(&bytes, &small);
    }
}
