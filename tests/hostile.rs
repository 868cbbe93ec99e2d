//! Bad input and careless use, as issue 14 lists them: each a regression test that
//! drives the real binary. Large inputs are generated here, not committed.

mod common;

use std::path::Path;

use common::{dabiao_in, project_root};

fn example(dir: &Path, name: &str) -> Vec<u8> {
    let bytes = std::fs::read(project_root().join("examples/school-higher-2024.json")).unwrap();
    std::fs::write(dir.join(name), &bytes).unwrap();
    bytes
}

/// The example dataset as a value, to be changed by a test.
fn example_value() -> serde_json::Value {
    let text =
        std::fs::read_to_string(project_root().join("examples/school-higher-2024.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `check --format json FILE` in `dir`: the exit code and the file's row.
fn checked(dir: &Path, file: &str) -> (i32, serde_json::Value) {
    let run = dabiao_in(dir, &["check", "--format", "json", file]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    (run.code, v["files"][0].clone())
}

/// `check in.json --report in.json` replaced the input with the report and exited 0.
#[test]
fn a_report_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let original = example(dir.path(), "in.json");
    for report in ["in.json", "./in.json"] {
        let run = dabiao_in(dir.path(), &["check", "in.json", "--report", report]);
        assert_eq!(run.code, 2, "a usage error: {}", run.stderr);
        assert!(run.stderr.contains("会覆盖"), "{}", run.stderr);
        assert_eq!(std::fs::read(dir.path().join("in.json")).unwrap(), original);
    }
}

/// The same file through a link is the same input.
#[cfg(unix)]
#[test]
fn a_report_through_a_link_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let original = example(dir.path(), "in.json");
    std::os::unix::fs::symlink("in.json", dir.path().join("alias.json")).unwrap();
    let run = dabiao_in(dir.path(), &["check", "in.json", "--report", "alias.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read(dir.path().join("in.json")).unwrap(), original);
}

/// A report written into a folder being checked would be read as a report: refused.
/// A report the walk does not pick up (HTML), or one outside the folder, is fine.
#[test]
fn a_report_inside_a_checked_folder_is_refused_if_it_would_be_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("报送")).unwrap();
    example(&dir.path().join("报送"), "a.json");
    for report in ["报送/汇总.xlsx", "报送/汇总.json", "./报送/汇总.csv"] {
        let run = dabiao_in(dir.path(), &["check", "报送", "--report", report]);
        assert_eq!(run.code, 2, "{report}: {}", run.stderr);
        assert!(run.stderr.contains("目录"), "{}", run.stderr);
        assert!(!dir.path().join(report).exists());
    }
    let run = dabiao_in(dir.path(), &["check", "报送", "--report", "报送/汇总.html"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let run = dabiao_in(dir.path(), &["check", "报送", "--report", "汇总.xlsx"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(dir.path().join("汇总.xlsx").exists());
}

/// ESC sequences in a file's text, an entity name or a file name reached the terminal
/// raw even with `--color never` (title change, screen clear).
#[test]
fn terminal_controls_from_the_input_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("esc.toml"), "a=\u{1b}]0;TITLE\u{7}\n").unwrap();
    std::fs::write(
        dir.path().join("entity.json"),
        r#"{"report":{"title":"x","entity":{"name":"\u001b[2J坏"}}}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("e\u{1b}[2Jvil.toml"), "a=1\n").unwrap();
    for args in [
        &["check", "esc.toml"][..],
        &["check", "entity.json"],
        &["check", "."],
        &["check", "missing-\u{1b}]0;TITLE\u{7}.json"],
        &["check", "esc.toml", "--report", "\u{1b}[2J/x.csv"],
    ] {
        let run = dabiao_in(dir.path(), args);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?}: {all}"
        );
    }
    let run = dabiao_in(dir.path(), &["check", "esc.toml"]);
    assert!(run.stdout.contains("a=?]0;TITLE?"), "{}", run.stdout);
}

/// An entity named "=HYPERLINK(…)" went into the CSV summary as a live formula.
#[test]
fn csv_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("in.json"),
        r#"{"report":{"title":"x","entity":{"name":"=HYPERLINK(\"http://example.com\",\"点我\")"}}}"#,
    )
    .unwrap();
    let run = dabiao_in(dir.path(), &["check", "in.json", "--report", "out.csv"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
}

/// `year = 2024.0`, `"2024"` or no year switched the report-year rules off: a report
/// missing three tables went from C to "A 100 可直接发布".
#[test]
fn a_mistyped_or_missing_year_does_not_switch_the_rules_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = example_value();
    let year = v["report"]["year"].as_i64().unwrap();
    for stage in v["data"].as_object_mut().unwrap().values_mut() {
        for column in stage.as_object_mut().unwrap().values_mut() {
            for table in ["contribution", "international", "policy"] {
                column.as_object_mut().unwrap().remove(table);
            }
        }
    }
    let variants = [
        ("int", serde_json::json!(year)),
        ("float", serde_json::json!(year as f64)),
        ("text", serde_json::json!(year.to_string())),
        ("none", serde_json::Value::Null),
    ];
    for (name, y) in variants {
        if y.is_null() {
            v["report"].as_object_mut().unwrap().remove("year");
        } else {
            v["report"]["year"] = y;
        }
        let file = format!("{name}.json");
        std::fs::write(dir.path().join(&file), v.to_string()).unwrap();
        let (_, f) = checked(dir.path(), &file);
        let missing = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["code"] == "CMP-003")
            .count();
        assert_eq!(missing, 3, "{name}: {f:#}");
        assert_eq!(f["verdict"]["grade"], "C", "{name}");
    }
}

/// A finding past column 65,535 of a line panicked the human printer (miette
/// "Formatting argument out of range"), losing the batch and its report files; the
/// whole line was then reprinted under every finding. It is drawn in a window around
/// the finding, with the file's line and column in the header, quickly.
#[test]
fn a_finding_far_along_a_long_line_is_drawn_in_a_window() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        r#"{{"report":{{"title":"{}","year":"bad"}}}}"#,
        "长".repeat(70_000)
    );
    std::fs::write(dir.path().join("one-line.json"), &long).unwrap();
    let started = std::time::Instant::now();
    let run = dabiao_in(
        dir.path(),
        &["check", "--verbose", "one-line.json", "--report", "out.csv"],
    );
    assert!(started.elapsed().as_secs() < 20);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let column = long[..long.find(r#""bad""#).unwrap()].chars().count() + 1;
    let header = format!("[one-line.json:1:{column}]");
    assert!(run.stdout.contains(&header), "{}", run.stdout);
    assert!(run.stdout.contains("╰──"), "{}", run.stdout);
    // The drawn lines (the summary's reasons are the grade's, not the snippet's).
    let drawn = run
        .stdout
        .lines()
        .filter(|l| l.contains(" │ ") || l.contains(" · "));
    assert!(drawn.clone().count() > 0 && drawn.clone().all(|l| l.width() <= 120));
    assert!(dir.path().join("out.csv").exists());
}

/// One 0xFF byte in a UTF-8 report made the whole file windows-1252: every Chinese
/// character garbled, false errors, and the byte never named.
#[test]
fn one_bad_byte_is_a_finding_at_that_byte() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read(project_root().join("examples/chengchuan-2024-city-secondary.txt")).unwrap();
    let at = text
        .windows(6)
        .position(|w| w == "学生".as_bytes())
        .unwrap();
    let mut bad = text[..at].to_vec();
    bad.push(0xFF);
    bad.extend_from_slice(&text[at..]);
    std::fs::write(dir.path().join("good.txt"), &text).unwrap();
    std::fs::write(dir.path().join("bad.txt"), &bad).unwrap();
    let codes = |file: &str| {
        let (_, f) = checked(dir.path(), file);
        let mut codes: Vec<String> = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["code"].as_str().unwrap().to_string())
            .collect();
        codes.sort();
        (f, codes)
    };
    let (good, good_codes) = codes("good.txt");
    let (bad, mut bad_codes) = codes("bad.txt");
    assert_eq!(bad["encoding"], "UTF-8", "{bad:#}");
    let named: Vec<_> = bad["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["code"] == "dabiao::encoding::bad-bytes")
        .collect();
    assert_eq!(named.len(), 1, "{bad:#}");
    assert!(named[0]["message"].as_str().unwrap().contains("0xFF"));
    let line = 1 + text[..at].iter().filter(|&&b| b == b'\n').count();
    assert_eq!(named[0]["line"], line as u64);
    bad_codes.retain(|c| c != "dabiao::encoding::bad-bytes");
    assert_eq!(bad_codes, good_codes, "no other finding changes");
    // The byte itself costs a warning's points, nothing more.
    let score = |f: &serde_json::Value| f["verdict"]["score"].as_f64().unwrap();
    assert_eq!(score(&good) - score(&bad), 3.0, "{:#}", bad["verdict"]);
}

/// `[]`, `42`, `{"a": 1}` and a "hello world" .txt were graded B as reports with a few
/// gaps; an unreadable .docx must never score either. Each is named and graded C.
#[test]
fn non_reports_are_named_and_graded_c() {
    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, &[u8]); 7] = [
        ("array.json", b"[]"),
        ("number.json", b"42"),
        ("other.json", br#"{"a": 1}"#),
        ("empty-data.yaml", b"data: {}\n"),
        ("words.txt", b"hello world\n"),
        (
            "renamed-doc.docx",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an old .doc",
        ),
        ("truncated.docx", b"PK\x03\x04\x14\x00\x00\x00"),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let run = dabiao_in(dir.path(), &["check", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = v["files"].as_array().unwrap();
    assert_eq!(rows.len(), files.len(), "{}", run.stdout);
    for f in rows {
        let name = f["file"].as_str().unwrap();
        assert_eq!(f["verdict"]["grade"], "C", "{name}: {:#}", f["verdict"]);
        let named = f["findings"].as_array().unwrap().iter().any(|x| {
            x["code"] == "dabiao::import::not-a-report" || x["code"] == "dabiao::import::docx"
        });
        assert!(named, "{name}: {f:#}");
    }
    assert_eq!(run.code, 1);
}

/// Runs the binary with a time limit: a FIFO used to block it forever.
#[cfg(unix)]
fn dabiao_within(dir: &Path, args: &[&str], secs: u64) -> common::Run {
    let out = assert_cmd::cargo::cargo_bin_cmd!("dabiao")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(secs))
        .output()
        .expect("binary runs");
    assert!(
        out.status.code().is_some(),
        "killed after {secs} s: {args:?}"
    );
    common::Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo {}", path.display());
}

/// A FIFO given as input, found in a folder or given as --waivers blocked forever;
/// a device was read as a report. Each is now a row (or a usage error) saying what
/// it is, and the batch goes on.
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_named_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("报送")).unwrap();
    example(&dir.path().join("报送"), "a.json");
    mkfifo(&dir.path().join("报送/管道.json"));
    mkfifo(&dir.path().join("waivers.toml"));
    let run = dabiao_within(
        dir.path(),
        &["check", "--format", "json", "报送", "/dev/null"],
        60,
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect(&run.stderr);
    let rows = v["files"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "{:#}", v["files"]);
    let message = |name: &str| {
        let row = rows
            .iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name}: {:#}", v["files"]));
        assert_eq!(row["verdict"]["grade"], "C", "{name}");
        row["findings"][0]["message"].as_str().unwrap().to_string()
    };
    assert!(message("管道.json").contains("命名管道"));
    assert!(message("null").contains("设备文件"));
    let run = dabiao_within(
        dir.path(),
        &["check", "报送/a.json", "--waivers", "waivers.toml"],
        60,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("命名管道"), "{}", run.stderr);
}

/// An unreadable subfolder aborted the whole batch with exit 2 and named its parent.
#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_is_a_row_and_the_batch_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("报送");
    std::fs::create_dir_all(root.join("甲县")).unwrap();
    std::fs::create_dir_all(root.join("乙县")).unwrap();
    example(&root.join("甲县"), "a.json");
    example(&root.join("乙县"), "b.json");
    let locked = root.join("乙县");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read_dir(&locked).is_ok(); // running as root
    let run = dabiao_in(dir.path(), &["check", "--format", "json", "报送"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if readable_anyway {
        eprintln!("skipped: permissions do not apply to this user");
        return;
    }
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = v["files"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{:#}", v["files"]);
    let locked_row = rows
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with("乙县"))
        .expect("a row for the folder");
    let message = locked_row["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("无法读取这个目录"), "{message}");
    assert!(message.contains("没有访问权限"), "{message}");
}

/// `--jobs 100000` started thousands of threads and never finished one file.
#[test]
fn jobs_are_capped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    example(dir.path(), "a.json");
    example(dir.path(), "b.json");
    let run = dabiao_in(
        dir.path(),
        &["check", "-q", "--jobs", "100000", "--stats", "."],
    );
    assert!(
        run.stderr.contains("--jobs 100000 超过上限"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 个线程"), "{}", run.stderr);
    assert!(run.stdout.contains("共检查 2 个文件"), "{}", run.stdout);
}

/// An empty folder (or one with nothing dabiao reads) exited 0 with no output.
#[test]
fn an_empty_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("空/子目录")).unwrap();
    std::fs::write(dir.path().join("空/notes.log"), "x").unwrap();
    let run = dabiao_in(dir.path(), &["check", "空"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("目录中没有可检查的文件"),
        "{}",
        run.stderr
    );
}

/// Old Mac line endings (CR alone) put every location on line 1.
#[test]
fn cr_only_line_endings_keep_lines_apart() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(project_root().join("examples/chengchuan-2024-city-secondary.txt"))
            .unwrap();
    std::fs::write(dir.path().join("lf.txt"), &text).unwrap();
    std::fs::write(dir.path().join("cr.txt"), text.replace('\n', "\r")).unwrap();
    let located = |file: &str| {
        checked(dir.path(), file).1["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["code"].to_string(), f["line"].to_string()))
            .collect::<Vec<_>>()
    };
    let lf = located("lf.txt");
    assert!(lf.iter().any(|(_, line)| line != "1" && line != "null"));
    assert_eq!(located("cr.txt"), lf);
}

/// Thresholds of −1, NaN or inf were accepted (NaN switched checks off silently), a
/// --max-file-size of u64::MAX made every file "empty", and a waiver expiring
/// 2099-02-30 was taken. Each is a usage error that names the setting.
#[test]
fn settings_out_of_range_are_refused_where_they_are_written() {
    let dir = tempfile::tempdir().unwrap();
    example(dir.path(), "a.json");
    for value in ["-1", "nan", "inf", "-inf"] {
        std::fs::write(
            dir.path().join("dabiao.toml"),
            format!("[thresholds]\n\"secondary.students_min\" = {value}\n"),
        )
        .unwrap();
        let run = dabiao_in(dir.path(), &["check", "a.json"]);
        assert_eq!(run.code, 2, "{value}: {}", run.stderr);
        assert!(run.stderr.contains("dabiao.toml"), "{}", run.stderr);
        assert!(
            run.stderr.contains("secondary.students_min"),
            "{}",
            run.stderr
        );
    }
    std::fs::remove_file(dir.path().join("dabiao.toml")).unwrap();
    for set in [
        "secondary.students_min=-1",
        "secondary.students_min=NaN",
        "plausibility.yoy_change_max=-100",
        "secondary.dual_qualified_rate_min=150",
    ] {
        let run = dabiao_in(dir.path(), &["check", "a.json", "--set", set]);
        assert_eq!(run.code, 2, "{set}: {}", run.stderr);
        let key = set.split('=').next().unwrap();
        assert!(run.stderr.contains(key), "{}", run.stderr);
    }
    let run = dabiao_in(
        dir.path(),
        &["check", "a.json", "--max-file-size", "18446744073709551615"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--max-file-size"), "{}", run.stderr);
    std::fs::write(
        dir.path().join("waivers.toml"),
        "[[waiver]]\nentity = \"1\"\nrule = \"CMP-001\"\nreason = \"r\"\napprover = \"a\"\nexpires = \"2099-02-30\"\n",
    )
    .unwrap();
    let run = dabiao_in(
        dir.path(),
        &["check", "a.json", "--waivers", "waivers.toml"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("2099-02-30"), "{}", run.stderr);
}

/// English reached users: clap's "error: invalid value …", "Is a directory (os error
/// 21)"; a failed write said "没有读取权限". Usage errors and file errors are Chinese.
#[test]
fn usage_and_file_errors_are_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    example(dir.path(), "a.json");
    let english = |text: &str| {
        [
            "error:",
            "invalid",
            "unexpected",
            "found",
            "os error",
            "Usage:",
        ]
        .into_iter()
        .find(|w| text.contains(w))
    };
    for args in [
        &["check", "a.json", "--jobs", "abc"][..],
        &["check", "a.json", "--bogus"],
        &["check", "a.json", "--format", "nope"],
        &["check", "a.json", "--fail-on"],
        &["check"],
        &["bogus"],
        &["check", "a[.json"],
        &["check", "**x.json"],
        &["check", "a.json", "--exclude", "b["],
    ] {
        let run = dabiao_in(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(english(&run.stderr), None, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("dabiao: "), "{}", run.stderr);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir(dir.path().join("只读")).unwrap();
        let locked = dir.path().join("只读");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
        let run = dabiao_in(
            dir.path(),
            &["check", "a.json", "--report", "只读/汇总.csv"],
        );
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        if !run.stderr.contains("已写入") {
            assert!(run.stderr.contains("无法写入"), "{}", run.stderr);
            assert!(!run.stderr.contains("读取权限"), "{}", run.stderr);
            assert!(run.stderr.contains("没有访问权限"), "{}", run.stderr);
        }
    }
}

/// A year that is not an integer year is an error about the year (not a reason to
/// skip the year rules) and keeps an otherwise clean report from an A.
#[test]
fn an_unusable_year_is_an_error_that_holds_the_grade() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = example_value();
    for (name, y) in [
        ("half", serde_json::json!(2024.5)),
        ("words", serde_json::json!("二〇二四年")),
        ("negative", serde_json::json!(-2024)),
    ] {
        v["report"]["year"] = y;
        let file = format!("{name}.json");
        std::fs::write(dir.path().join(&file), v.to_string()).unwrap();
        let (code, f) = checked(dir.path(), &file);
        let about_year = f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["severity"] == "error" && x["pointer"] == "/report/year");
        assert!(about_year, "{name}: {f:#}");
        assert_ne!(f["verdict"]["grade"], "A", "{name}");
        assert_eq!(code, 1);
    }
}

/// A FIFO among a rule pack's files blocked `check --rules` forever.
#[cfg(unix)]
#[test]
fn a_fifo_in_a_rule_pack_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    example(dir.path(), "a.json");
    std::fs::create_dir_all(dir.path().join("pack/consistency")).unwrap();
    for f in ["thresholds.toml", "grading.toml"] {
        std::fs::copy(
            project_root().join("rules").join(f),
            dir.path().join("pack").join(f),
        )
        .unwrap();
    }
    mkfifo(&dir.path().join("pack/consistency/X-001.rhai"));
    let run = dabiao_within(dir.path(), &["check", "--rules", "pack", "a.json"], 60);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("命名管道"), "{}", run.stderr);
}
