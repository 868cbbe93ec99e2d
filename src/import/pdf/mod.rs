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
