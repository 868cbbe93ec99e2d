//! docs/limits.md is the limits table of src/base/limits.rs, rendered.

#[test]
fn docs_limits_md_is_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let want = dabiao::base::limits::markdown();
    let have = std::fs::read_to_string(root.join("docs/limits.md")).unwrap_or_default();
    if have != want && std::env::var_os("DABIAO_WRITE_DOCS").is_some() {
        std::fs::write(root.join("docs/limits.md"), &want).unwrap();
        return;
    }
    assert_eq!(
        have, want,
        "docs/limits.md is stale: run `DABIAO_WRITE_DOCS=1 cargo test --test limits_doc`"
    );
}
