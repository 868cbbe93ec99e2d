//! A blank workbook opens in LibreOffice: `soffice` turns it into a PDF. Skipped
//! (with a message) where LibreOffice is not installed.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::dabiao_in;

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|name| {
        Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[test]
fn libreoffice_converts_a_blank_workbook_to_pdf() {
    let Some(soffice) = soffice() else {
        eprintln!("soffice is not on PATH: LibreOffice test skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "init",
        "--format",
        "xlsx",
        "--level",
        "city",
        "--stage",
        "both",
        "--year",
        "2024",
        "-o",
        "blank.xlsx",
    ];
    let r = dabiao_in(dir.path(), &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A private profile, so parallel runs (and a desktop LibreOffice) do not collide.
    let profile = dir.path().join("profile");
    let out = dir.path().join("pdf");
    let mut child = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(dir.path().join("blank.xlsx"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().ok();
            panic!("soffice took more than 120 s");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(status.success(), "soffice: {status}");
    let pdf = std::fs::read(out.join("blank.pdf")).expect("the PDF was written");
    assert!(
        pdf.len() > 1000 && pdf.starts_with(b"%PDF"),
        "{} bytes",
        pdf.len()
    );
}
