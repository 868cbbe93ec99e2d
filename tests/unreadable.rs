//! Files that cannot be read: never a grade better than C, never a tick, no score
//! and no "fix this code to go up"; and reports in formats dabiao does not read,
//! found in a folder, are listed with how to convert them instead of skipped.

mod common;

use std::io::Write;
use std::path::Path;

use common::dabiao_in;
use serde_json::Value;

/// A zip that is not a Word document (no word/document.xml).
fn zip_without_document() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("docProps/app.xml", opts).unwrap();
        zip.write_all(b"<Properties/>").unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// The start of an OLE compound file: a Word 97–2003 .doc renamed to .docx.
const OLE_DOC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0 \xC8\xFD\xB3\xC7\xCA\xD0";

fn unreadable_docx(dir: &Path) -> Vec<&'static str> {
    std::fs::write(dir.join("空文件.docx"), b"").unwrap();
    std::fs::write(dir.join("改名的旧版.docx"), OLE_DOC).unwrap();
    std::fs::write(dir.join("不是文档.docx"), zip_without_document()).unwrap();
    vec!["空文件.docx", "改名的旧版.docx", "不是文档.docx"]
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = dabiao_in(dir, &all);
    assert_eq!(run.code, 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

#[test]
fn an_unreadable_docx_is_c_with_no_score_and_no_way_up_by_fixing_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let files = unreadable_docx(dir.path());
    let v = json(dir.path(), &files);
    for f in v["files"].as_array().unwrap() {
        let verdict = &f["verdict"];
        assert_eq!(verdict["grade"], "C", "{f:#}");
        assert_eq!(verdict["score_grade"], "C", "{f:#}");
        assert_eq!(verdict["unread"], true, "{f:#}");
        assert!(verdict["next"].is_null(), "{f:#}");
        assert!(
            verdict["caps"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("无法读取"),
            "{f:#}"
        );
    }
    let run = dabiao_in(
        dir.path(),
        &[&["check", "--verbose"][..], &files[..]].concat(),
    );
    let out = run.stdout;
    for f in &files {
        let line = out
            .lines()
            .find(|l| l.contains(f) && l.contains("退回重报"))
            .unwrap_or_else(|| panic!("{f}:\n{out}"));
        assert!(line.starts_with("✗ C（无法读取） 未评分"), "{line}");
    }
    assert!(!out.contains('✓'), "{out}");
    assert!(!out.contains("升到"), "{out}");
    assert!(!out.contains("A 92"), "{out}");
    assert!(out.contains("无法读取：内容未能核对，不评分"), "{out}");
}

#[test]
fn an_unreadable_file_is_never_ticked_even_when_nothing_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("空.docx"), b"").unwrap();
    let run = dabiao_in(dir.path(), &["check", "--fail-on", "never", "空.docx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('✓'), "{}", run.stdout);
    assert!(run.stdout.contains("C（无法读取）"), "{}", run.stdout);
}

#[test]
fn a_capped_grade_says_so_beside_its_score_in_every_summary() {
    let dir = tempfile::tempdir().unwrap();
    // A broken dataset: nothing read either, so "无法读取" rather than "A 92".
    std::fs::write(dir.path().join("坏.json"), b"{\"report\": ").unwrap();
    std::fs::write(dir.path().join("旧.doc"), b"x").unwrap();
    for (format, want) in [
        ("markdown", "C（无法读取） | 未评分"),
        ("csv", "C（无法读取）,未评分"),
        ("html", "未评分"),
    ] {
        let run = dabiao_in(
            dir.path(),
            &["check", "--format", format, "坏.json", "旧.doc"],
        );
        assert!(run.stdout.contains(want), "{format}:\n{}", run.stdout);
        assert!(!run.stdout.contains("A 92"), "{format}:\n{}", run.stdout);
    }
}

#[test]
fn reports_in_formats_dabiao_does_not_read_are_listed_with_how_to_convert_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("二级")).unwrap();
    for f in [
        "甲校.doc",
        "乙校.WPS",
        "二级/丙校.pdf",
        "数据.xls",
        "数据.et",
        "README.md",
        "LICENSE",
        "~$甲校.doc",
        "notes.log",
    ] {
        std::fs::write(root.join(f), b"x").unwrap();
    }
    let v = json(root, &["."]);
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "./乙校.WPS",
            "./二级/丙校.pdf",
            "./数据.et",
            "./数据.xls",
            "./甲校.doc"
        ]
    );
    for f in v["files"].as_array().unwrap() {
        let finding = &f["findings"][0];
        // A PDF and a spreadsheet are read now; these are not one inside.
        let name = f["file"].as_str().unwrap();
        let code = if name.ends_with(".pdf") {
            "dabiao::import::pdf"
        } else if name.ends_with(".xls") {
            "dabiao::import::sheet"
        } else {
            "dabiao::io::format"
        };
        assert_eq!(finding["code"], code, "{f:#}");
        let help = finding["help"].as_str().unwrap();
        assert!(
            help.contains("另存为") || help.contains("数据集") || help.contains("Word 原稿"),
            "{help}"
        );
        assert_eq!(f["verdict"]["grade"], "C", "{f:#}");
        assert_eq!(f["verdict"]["unread"], true, "{f:#}");
    }
    let doc = &v["files"][4]["findings"][0];
    assert!(doc["message"].as_str().unwrap().contains(".doc"), "{doc:#}");
    assert!(doc["help"].as_str().unwrap().contains(".docx"), "{doc:#}");
}

#[test]
fn a_grade_held_below_its_score_is_marked_capped_in_every_summary() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::project_root().join("examples/school-higher-2024.json");
    let mut v: Value = serde_json::from_slice(&std::fs::read(example).unwrap()).unwrap();
    // A whole data table missing caps the grade at C whatever the score.
    v["data"]["higher"]["2024"]
        .as_object_mut()
        .unwrap()
        .remove("international");
    std::fs::write(dir.path().join("缺表.json"), v.to_string()).unwrap();
    for (format, want) in [
        ("human", "✗ C（封顶） 92 分 退回重报"),
        ("markdown", "| C（封顶） | 92 |"),
        ("csv", ",C（封顶）,92,"),
        ("html", "封顶"),
    ] {
        let run = dabiao_in(dir.path(), &["check", "--format", format, "缺表.json"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stdout.contains(want), "{format}:\n{}", run.stdout);
        assert!(!run.stdout.contains("C 92"), "{format}:\n{}", run.stdout);
    }
}
