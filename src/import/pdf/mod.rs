//! Placeholder types of the PDF reader (replaced by the reader itself).

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub runs: Vec<Run>,
    pub segments: Vec<Segment>,
    pub images: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Run {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

#[derive(Debug, Clone)]
pub struct Limits {
    pub max_pages: usize,
    pub max_content_bytes: usize,
    pub max_ops: usize,
    pub max_runs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pages: 2000,
            max_content_bytes: 16 << 20,
            max_ops: 2_000_000,
            max_runs: 2_000_000,
        }
    }
}

#[derive(Debug)]
pub enum PdfError {
    NotPdf,
    Encrypted,
    Damaged(String),
    TooLarge(String),
}

pub fn pages(_bytes: &[u8], _limits: &Limits) -> Result<Vec<Page>, PdfError> {
    Err(PdfError::Damaged("placeholder".into()))
}
