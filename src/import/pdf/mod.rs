//! PDF reports, bottom layer: each page's positioned text runs, ruling segments
//! and image count. Lines, cells and rows are rebuilt from these above.
//!
//! The `pdf` crate (pdf-rs) parses the file (xref, objects, filters, decryption);
//! fonts and the content stream are interpreted here, because the library has no
//! text extraction and its typed objects are stricter than real files. The library
//! runs behind `catch_unwind` and every loop is bounded by [`Limits`].

mod cmap;
mod doc;
mod font;
mod glyphs;
mod interp;
mod path;

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf::file::FileOptions;

use crate::base::limits;
use pdf::object::Resolve;
use pdf::primitive::Primitive;

use doc::{deref, dict, get, stream_bytes};

/// Bounds on what one file may make us do.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_pages: usize,
    /// Per page, decoded content bytes (page content and each form).
    pub max_content_bytes: usize,
    /// Per page, content operators including those of forms.
    pub max_ops: usize,
    /// Whole file.
    pub max_runs: usize,
    /// Whole file: content operators of all pages together.
    pub max_file_ops: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pages: limits::MAX_PDF_PAGES,
            max_content_bytes: limits::MAX_PDF_CONTENT_BYTES,
            max_ops: limits::MAX_PDF_OPS,
            max_runs: limits::MAX_PDF_RUNS,
            max_file_ops: limits::MAX_PDF_FILE_OPS,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub runs: Vec<Run>,
    pub segments: Vec<Segment>,
    /// Image XObjects (and inline images) drawn.
    pub images: usize,
}

/// Text drawn by one text-showing operator (a TJ is split where its kerning
/// opens a gap). Coordinates in page units from the page's left and top.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x0: f32,
    /// End of the last glyph's advance.
    pub x1: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// Effective font size in page units.
    pub size: f32,
    pub text: String,
}

/// A ruling line: a stroked straight edge or a thin filled rectangle's centre
/// line; x0 ≤ x1, y0 ≤ y1, y from the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PdfError {
    NotPdf,
    /// Needs a password to open.
    Encrypted,
    Damaged(String),
    TooLarge(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NotPdf => write!(f, "不是 PDF 文件"),
            PdfError::Encrypted => write!(f, "PDF 已加密，需要密码才能打开"),
            PdfError::Damaged(why) => write!(f, "PDF 文件已损坏：{why}"),
            PdfError::TooLarge(why) => write!(f, "PDF 超出处理上限：{why}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The pages of a PDF with their runs, segments and image counts.
pub fn pages(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, PdfError> {
    if !looks_like_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    match catch_unwind(AssertUnwindSafe(|| read(bytes, limits))) {
        Ok(result) => result,
        Err(_) => Err(PdfError::Damaged("解析时出现内部错误".into())),
    }
}

/// The header may follow up to 1 KB of junk, as readers allow.
fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, PdfError> {
    let file = FileOptions::uncached()
        .load(bytes.to_vec())
        .map_err(open_error)?;
    let r = file.resolver();
    let catalog = r
        .resolve(file.trailer.root.get_ref().get_inner())
        .map_err(doc::damaged)?;
    let pages_ref = match catalog {
        Primitive::Dictionary(d) => match d.get("Pages") {
            Some(Primitive::Reference(id)) => *id,
            _ => return Err(PdfError::Damaged("目录中没有页面树".into())),
        },
        _ => return Err(PdfError::Damaged("目录不是字典".into())),
    };
    let nodes = doc::page_nodes(&r, pages_ref, limits.max_pages)?;
    let mut out = Vec::with_capacity(nodes.len());
    let (mut runs, mut ops, mut fonts) = (0, 0, interp::FontCache::new());
    for (i, node) in nodes.iter().enumerate() {
        let (page, page_ops);
        (page, page_ops, fonts) = read_page(&r, node, (i as u32 + 1, runs, ops), limits, fonts)?;
        runs += page.runs.len();
        ops += page_ops;
        out.push(page);
    }
    Ok(out)
}

fn open_error(e: pdf::error::PdfError) -> PdfError {
    if needs_password(&e) {
        PdfError::Encrypted
    } else {
        PdfError::Damaged(e.to_string())
    }
}

/// The library wraps the cause in context layers.
fn needs_password(e: &pdf::error::PdfError) -> bool {
    match e {
        pdf::error::PdfError::InvalidPassword => true,
        pdf::error::PdfError::Try { source, .. } => needs_password(source),
        _ => false,
    }
}

/// Reads page `number`, `runs` runs and `ops` operators having been read before it;
/// the page, its operator count and the font cache.
fn read_page(
    r: &impl Resolve,
    node: &doc::PageNode,
    (number, runs, ops): (u32, usize, usize),
    limits: &Limits,
    fonts: interp::FontCache,
) -> Result<(Page, usize, interp::FontCache), PdfError> {
    let (view, width, height) = view(node);
    let content =
        page_content(r, node, limits.max_content_bytes).map_err(|e| with_page(e, number))?;
    let resources = node.resources.as_ref().and_then(|p| dict(r, p));
    let mut interp = interp::Interp::new(r, limits, (runs, ops), (view, height), fonts);
    interp
        .run(&content, resources.as_ref())
        .map_err(|e| with_page(e, number))?;
    let page_ops = interp.ops();
    let (out, fonts) = interp.finish();
    let page = Page {
        number,
        width,
        height,
        runs: out.runs,
        segments: out.segments,
        images: out.images,
    };
    Ok((page, page_ops, fonts))
}

/// The page as shown: the visible box (CropBox, else MediaBox, else A4) turned
/// by /Rotate; the matrix from user space to it (y up), its width and height.
fn view(node: &doc::PageNode) -> (path::M, f32, f32) {
    let b = if node.crop_box.len() == 4 {
        &node.crop_box
    } else {
        &node.media_box
    };
    let [x0, y0, x1, y1] = match b[..] {
        [a, b, c, d] => [a.min(c), b.min(d), a.max(c), b.max(d)],
        _ => [0.0, 0.0, 595.0, 842.0],
    };
    let (w, h) = (x1 - x0, y1 - y0);
    match node.rotate.rem_euclid(360) {
        90 => (path::M([0.0, -1.0, 1.0, 0.0, -y0, x1]), h, w),
        180 => (path::M([-1.0, 0.0, 0.0, -1.0, x1, y1]), w, h),
        270 => (path::M([0.0, 1.0, -1.0, 0.0, y1, -x0]), h, w),
        _ => (path::M([1.0, 0.0, 0.0, 1.0, -x0, -y0]), w, h),
    }
}

fn with_page(e: PdfError, number: u32) -> PdfError {
    match e {
        PdfError::Damaged(why) => PdfError::Damaged(format!("第 {number} 页：{why}")),
        PdfError::TooLarge(why) => PdfError::TooLarge(format!("第 {number} 页：{why}")),
        e => e,
    }
}

/// The page's content streams joined (an array of streams is one stream split
/// anywhere between tokens, so a newline goes between the parts).
fn page_content(r: &impl Resolve, node: &doc::PageNode, max: usize) -> Result<Vec<u8>, PdfError> {
    let parts = match get(r, &node.dict, "Contents") {
        None => return Ok(Vec::new()),
        Some(Primitive::Array(parts)) => parts,
        Some(_) => vec![
            node.dict
                .get("Contents")
                .cloned()
                .unwrap_or(Primitive::Null),
        ],
    };
    let mut data = Vec::new();
    for part in &parts {
        if matches!(deref(r, part), Primitive::Null) {
            continue;
        }
        let bytes = stream_bytes(r, part, max.saturating_sub(data.len()))?;
        data.extend_from_slice(&bytes);
        data.push(b'\n');
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_not_pdf() {
        assert_eq!(
            pages(b"hello", &Limits::default()).unwrap_err(),
            PdfError::NotPdf
        );
        assert_eq!(
            pages(b"", &Limits::default()).unwrap_err(),
            PdfError::NotPdf
        );
    }

    #[test]
    fn header_only_is_damaged() {
        assert!(matches!(
            pages(b"%PDF-1.4\n%%EOF", &Limits::default()),
            Err(PdfError::Damaged(_))
        ));
    }
}
