//! The HTML report: a self-contained page with escaped text (plain tests), and a
//! summary table that really sorts and filters in a browser (headless Chromium,
//! with the view given in the URL fragment and read back from `--dump-dom`).

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{dabiao_in, project_root};

/// The dataset files in examples/ (what `dabiao check examples/` reads).
fn example_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(project_root().join("examples"))
        .expect("examples/ exists")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let ext = name.rsplit('.').next()?.to_ascii_lowercase();
            (matches!(
                ext.as_str(),
                "yaml" | "yml" | "json" | "toml" | "txt" | "md" | "docx" | "xlsx"
            ) && !name.starts_with("README"))
            .then(|| format!("examples/{name}"))
        })
        .collect();
    files.sort();
    files
}

/// `dabiao check --format html examples/`; exit code 1 because mistakes-2024.yaml has errors.
fn examples_page() -> String {
    let run = dabiao_in(&project_root(), &["check", "--format", "html", "examples/"]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(run.stdout.starts_with("<!DOCTYPE html>"), "{}", run.stdout);
    run.stdout
}

/// The opening tags of the summary table's rows, in document order.
fn summary_rows(html: &str) -> Vec<&str> {
    let mut rows = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<tr id=\"row-") {
        let tag_end = rest[i..].find('>').expect("tag closes") + i;
        rows.push(&rest[i..=tag_end]);
        rest = &rest[tag_end..];
    }
    rows
}

/// The value of `name="…"` in an opening tag (entities left as they are).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn is_hidden(tag: &str) -> bool {
    tag.contains(" hidden")
}

/// Every `src=` / `href=` value in the page (quoted or not).
fn link_targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["src=", "href=", "action=", "srcset="] {
        let mut rest = html;
        while let Some(i) = rest.find(key) {
            let value = &rest[i + key.len()..];
            let (quote, value) = match value.chars().next() {
                Some(q @ ('"' | '\'')) => (Some(q), &value[1..]),
                _ => (None, value),
            };
            let end = value
                .find(|c: char| match quote {
                    Some(q) => c == q,
                    None => c.is_whitespace() || c == '>',
                })
                .unwrap_or(value.len());
            out.push(value[..end].to_string());
            rest = &rest[i + key.len()..];
        }
    }
    out
}

#[test]
fn page_is_self_contained_with_one_row_per_report() {
    let html = examples_page();
    let files = example_files();
    assert_eq!(files.len(), 7, "{files:?}");

    let rows = summary_rows(&html);
    let mut shown: Vec<&str> = rows.iter().map(|r| attr(r, "data-file").unwrap()).collect();
    shown.sort_unstable();
    assert_eq!(shown, files);
    assert_eq!(
        html.matches("<article class=\"report ").count(),
        files.len()
    );
    for i in 1..=files.len() {
        assert!(html.contains(&format!(" id=\"report-{i}\"")));
        assert!(html.contains(&format!("href=\"#report-{i}\"")));
    }

    // No external assets: every link is a fragment; no fonts, stylesheets or CDNs.
    for target in link_targets(&html) {
        assert!(target.starts_with('#'), "external reference: {target}");
    }
    for needle in ["<link", "@import", "url(", "<script src", "<iframe", "<img"] {
        assert!(!html.contains(needle), "page contains {needle}");
    }
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("<script").count(), 1);

    // The parts a reviewer relies on.
    for needle in [
        "id=\"summary\"",
        "id=\"frequent\"",
        "id=\"grades\"",
        "最常见的问题",
        "可直接发布",
        "退回重报",
        "升到 B",
        "封顶 C",
        "<pre class=\"excerpt\">",
        "examples/linfen-2024-city-secondary.yaml:218:30",
        "修改建议",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

#[test]
fn user_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(common::fixtures().join("valid/minimal.yaml")).unwrap();
    let text = minimal
        .replace(
            "name: 测试市",
            "name: '<script>alert(\"entity\")</script> & <img src=x onerror=alert(2)>'",
        )
        .replacen(
            "report:\n",
            "report:\n  \"<script>alert(1)</script>\": 1\n",
            1,
        );
    assert_ne!(text, minimal);
    std::fs::write(dir.path().join("evil.yaml"), text).unwrap();
    let run = dabiao_in(
        dir.path(),
        &["check", "--quiet", "--report", "r.html", "evil.yaml"],
    );
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();

    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    // The entity name (summary, section heading) and the unknown key (message, excerpt).
    assert!(html.contains("&lt;script&gt;alert(&quot;entity&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("未知字段 `&lt;script&gt;alert(1)&lt;/script&gt;`"));
    assert!(html.contains("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;</mark>: 1"));
    assert_eq!(summary_rows(&html).len(), 1);
}

// ---------------------------------------------------------------------------
// Headless Chromium

const CHROMIUM_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// Chromium, or None (a note on local machines; a failure on CI).
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("chromium"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "chromium is not installed, and CI is set: the HTML report's browser test must run \
                 on CI. Install it with `apt-get install -y chromium` (.ci/run does this)."
            );
        }
        eprintln!("note: chromium not found on PATH; skipping the HTML report's browser test");
    }
    found
}

/// Runs headless Chromium on `url` with a fresh profile; returns its stdout.
fn run_chromium(chromium: &Path, work: &Path, extra: &[String], url: &str) -> String {
    let profile = tempfile::tempdir_in(work).unwrap();
    let out_path = work.join("stdout.txt");
    let err_path = work.join("stderr.txt");
    let mut child = Command::new(chromium)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish in 90 s: {url}\n{}",
                std::fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(status.success(), "chromium failed ({status}): {stderr}");
    std::fs::read_to_string(&out_path).unwrap()
}

fn dump_dom(chromium: &Path, work: &Path, page: &Path, fragment: &str) -> String {
    let url = format!("file://{}#{fragment}", page.display());
    let dom = run_chromium(chromium, work, &["--dump-dom".to_string()], &url);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not run for #{fragment}:\n{}",
        &dom[..dom.len().min(2000)]
    );
    dom
}

/// The `aria-sort` of a summary column heading.
fn sort_mark<'a>(dom: &'a str, key: &str) -> Option<&'a str> {
    let i = dom.find(&format!("<th data-key=\"{key}\""))?;
    let end = dom[i..].find('>')? + i;
    attr(&dom[i..=end], "aria-sort")
}

/// (file, score, hidden) of each summary row, in DOM order.
fn rows_of(dom: &str) -> Vec<(String, f64, bool)> {
    summary_rows(dom)
        .into_iter()
        .map(|tag| {
            (
                attr(tag, "data-file").unwrap().to_string(),
                attr(tag, "data-score").unwrap().parse().unwrap(),
                is_hidden(tag),
            )
        })
        .collect()
}

fn visible(dom: &str) -> Vec<String> {
    rows_of(dom)
        .into_iter()
        .filter(|r| !r.2)
        .map(|r| r.0)
        .collect()
}

/// The `data-file` of each report section, in DOM order, and whether it is hidden.
fn sections_of(dom: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(i) = rest.find("<article ") {
        let end = rest[i..].find('>').unwrap() + i;
        let tag = &rest[i..=end];
        out.push((attr(tag, "data-file").unwrap().to_string(), is_hidden(tag)));
        rest = &rest[end..];
    }
    out
}

#[test]
fn browser_sorts_filters_and_screenshots() {
    let Some(chromium) = chromium() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let page = work.path().join("r.html");
    std::fs::write(&page, examples_page()).unwrap();
    let files = example_files();

    // Sorted by score, lowest first: the order the script put the rows in.
    let dom = dump_dom(&chromium, work.path(), &page, "sort=score&dir=asc");
    let rows = rows_of(&dom);
    assert_eq!(rows.len(), files.len(), "{rows:?}");
    assert!(rows.iter().all(|r| !r.2), "nothing is filtered: {rows:?}");
    let scores: Vec<f64> = rows.iter().map(|r| r.1).collect();
    assert!(
        scores.windows(2).all(|w| w[0] <= w[1]),
        "scores not ascending: {rows:?}"
    );
    assert_eq!(rows[0].0, "examples/mistakes-2024.yaml");
    assert_eq!(sort_mark(&dom, "score"), Some("ascending"));
    assert_eq!(sort_mark(&dom, "errors"), Some("none"));
    // The report sections follow the table's order.
    let sections: Vec<String> = sections_of(&dom).into_iter().map(|s| s.0).collect();
    let order: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    assert_eq!(sections, order);

    // Descending errors: the report with errors first.
    let dom = dump_dom(&chromium, work.path(), &page, "sort=errors&dir=desc");
    assert_eq!(rows_of(&dom)[0].0, "examples/mistakes-2024.yaml");

    // Only grade C: the mistakes file, in the table and among the sections.
    let dom = dump_dom(&chromium, work.path(), &page, "grade=C");
    assert_eq!(visible(&dom), ["examples/mistakes-2024.yaml"]);
    assert_eq!(
        rows_of(&dom).len(),
        files.len(),
        "filtered rows stay, hidden"
    );
    let shown: Vec<String> = sections_of(&dom)
        .into_iter()
        .filter(|s| !s.1)
        .map(|s| s.0)
        .collect();
    assert_eq!(shown, ["examples/mistakes-2024.yaml"]);
    assert!(dom.contains(&format!("显示 1 / {} 份报告", files.len())));

    // A text filter on the entity (Chinese in the fragment, as typed), with a grade.
    let dom = dump_dom(&chromium, work.path(), &page, "q=临汾&grade=B");
    assert_eq!(visible(&dom), ["examples/linfen-2024-city-secondary.yaml"]);
    let dom = dump_dom(
        &chromium,
        work.path(),
        &page,
        "q=%E4%B8%B4%E6%B1%BE&grade=C",
    );
    assert!(visible(&dom).is_empty());
    assert!(dom.contains("id=\"summary-empty\">"), "empty note shown");

    // A code from "最常见的问题": the reports where it fired.
    let dom = dump_dom(&chromium, work.path(), &page, "code=CMP-005&sort=file");
    assert_eq!(
        visible(&dom),
        [
            "examples/mistakes-2024.yaml",
            "examples/school-secondary-2024-workbook.xlsx",
            "examples/school-secondary-2024.toml"
        ]
    );

    // The screenshot CI keeps: the top of the page, sorted by score.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("html-report.png");
    let _ = std::fs::remove_file(&target);
    let url = format!("file://{}#sort=score&dir=asc", page.display());
    run_chromium(
        &chromium,
        work.path(),
        &[
            format!("--screenshot={}", target.display()),
            "--window-size=1280,1800".to_string(),
        ],
        &url,
    );
    let png = std::fs::read(&target).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(png.len() > 20_000, "screenshot suspiciously small");
    eprintln!("screenshot: {}", target.display());
}
