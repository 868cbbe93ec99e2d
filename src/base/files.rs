//! Files: output written whole or not at all (into a temporary file beside the
//! target, then renamed over it), and file errors and sizes said in Chinese.

use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.dabiao-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Why a file could not be read or written, in Chinese (the system's own words, which
/// may be English, only in parentheses after ours).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if let Some(n) = e.get_ref().and_then(|x| x.downcast_ref::<NotRegular>()) {
        return n.to_string();
    }
    let ours = match e.kind() {
        NotFound => "文件不存在",
        PermissionDenied => "没有访问权限",
        InvalidData => "内容无效",
        IsADirectory => "这是一个目录，不是文件",
        NotADirectory => "路径中有一段不是目录",
        StorageFull => "磁盘空间已满",
        ReadOnlyFilesystem => "文件系统是只读的",
        AlreadyExists => "文件已存在",
        InvalidFilename => "文件名无效或过长",
        FileTooLarge => "文件太大",
        Interrupted | TimedOut => "读写被中断",
        _ => "系统报告读写失败",
    };
    match e.raw_os_error() {
        Some(_) => format!("{ours}（{e}）"),
        None if e.kind() == Other => format!("{ours}（{e}）"),
        None => ours.to_string(),
    }
}

/// Why `path` could not be written, in Chinese: a missing folder is named as such
/// (the system only says "not found").
pub fn write_reason(path: &Path, e: &std::io::Error) -> String {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    match dir {
        Some(d) if e.kind() == std::io::ErrorKind::NotFound && !d.is_dir() => {
            format!("目录 {} 不存在", d.display())
        }
        _ => io_reason(e),
    }
}

/// A path that is not a regular file: a FIFO or a device would block or never end,
/// so only regular files are read (issue 14).
#[derive(Debug)]
pub struct NotRegular(pub &'static str);

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "这是{}，不是普通文件；dabiao 只读取普通文件", self.0)
    }
}

impl std::error::Error for NotRegular {}

/// What kind of non-regular file `meta` describes, if it is one.
pub fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("一个目录");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("一个命名管道（FIFO）");
        }
        if t.is_socket() {
            return Some("一个套接字（socket）");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("一个设备文件");
        }
    }
    Some("一个特殊文件")
}

/// Opens `path` for reading only if it is a regular file (links followed), checked
/// before opening — opening a FIFO blocks until a writer comes — and again after.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let check = |meta: std::fs::Metadata| match not_regular(&meta) {
        Some(kind) => Err(std::io::Error::other(NotRegular(kind))),
        None => Ok(meta),
    };
    check(std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    check(file.metadata()?)?;
    Ok(file)
}

/// Reads a regular file of at most `max` bytes as UTF-8 text (settings, waivers,
/// rule files: small files people write).
pub fn read_regular_text(path: &Path, max: u64) -> std::io::Result<String> {
    use std::io::Read;
    let file = open_regular(path)?;
    let mut text = String::new();
    file.take(max + 1).read_to_string(&mut text)?;
    if text.len() as u64 > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("超过 {}", human_size(max)),
        ));
    }
    Ok(text)
}

/// Settings, waivers and rule files larger than this are not read.
pub const MAX_SETTINGS_FILE: u64 = 4 << 20;

/// A size in bytes as people read it: "512 B", "3.2 KiB", "64.0 MiB".
pub fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        let e = super::open_regular(dir.path()).unwrap_err();
        assert_eq!(
            super::io_reason(&e),
            "这是一个目录，不是普通文件；dabiao 只读取普通文件"
        );
        let e = super::open_regular(std::path::Path::new("/dev/null")).unwrap_err();
        assert!(super::io_reason(&e).contains("设备文件"));
        let e = super::open_regular(&dir.path().join("none")).unwrap_err();
        assert!(
            super::io_reason(&e).starts_with("文件不存在"),
            "{}",
            super::io_reason(&e)
        );
    }

    #[test]
    fn writes_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        super::write_atomically(&p, b"{}").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"{}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let missing = dir.path().join("no/such/dir/x");
        let e = super::write_atomically(&missing, b"1").unwrap_err();
        assert!(super::write_reason(&missing, &e).ends_with("dir 不存在"));
    }
}
