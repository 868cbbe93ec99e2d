//! The content-stream interpreter: graphics and text state, text drawing into runs,
//! paths into ruling segments, XObjects (forms recursively, images counted).

use std::collections::HashMap;
use std::rc::Rc;

use pdf::content::{Op, TextDrawAdjusted};
use pdf::object::{PlainRef, Resolve};
use pdf::primitive::{Dictionary, Primitive};

use super::doc::{dict, get, name, numbers, stream_bytes};
use super::font::Font;
use super::glyphs::clean;
use super::path::{M, PathBuilder};
use super::{Limits, PdfError, Run, Segment};

/// How deep Form XObjects may nest (each level is a recursion).
const MAX_FORM_DEPTH: usize = 8;
/// A TJ adjustment moving right by at least this share of an em starts a new run,
/// so a gap written as kerning stays a gap.
const SPLIT_EM: f32 = 0.2;

#[derive(Clone)]
struct Gs {
    ctm: M,
    font: Rc<Font>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// What one page yields.
#[derive(Default)]
pub struct PageOut {
    pub runs: Vec<Run>,
    pub segments: Vec<Segment>,
    pub images: usize,
}

pub type FontCache = HashMap<PlainRef, Rc<Font>>;

pub struct Interp<'a, R: Resolve> {
    r: &'a R,
    limits: &'a Limits,
    /// Runs already taken from the file by earlier pages.
    runs_before: usize,
    /// Operators run on the pages before this one (the whole file's budget).
    ops_before: usize,
    top: f32,
    left: f32,
    ops: usize,
    fonts: FontCache,
    forms: Vec<PlainRef>,
    gs: Gs,
    stack: Vec<Gs>,
    tm: M,
    tlm: M,
    path: PathBuilder,
    out: PageOut,
}

impl<'a, R: Resolve> Interp<'a, R> {
    /// An interpreter for a page: `view` maps user space to the page as shown
    /// (y up, origin at its bottom left), whose height is `top`. `fonts` carries
    /// the file's loaded fonts from page to page.
    pub fn new(
        r: &'a R,
        limits: &'a Limits,
        (runs_before, ops_before): (usize, usize),
        (view, top): (M, f32),
        fonts: FontCache,
    ) -> Self {
        let left = 0.0;
        let gs = Gs {
            ctm: view,
            font: Rc::new(Font::fallback()),
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let (tm, tlm, ops, path) = (M::ID, M::ID, 0, PathBuilder::default());
        let (forms, stack, out) = (Vec::new(), Vec::new(), PageOut::default());
        Interp {
            r,
            limits,
            runs_before,
            ops_before,
            top,
            left,
            ops,
            fonts,
            forms,
            gs,
            stack,
            tm,
            tlm,
            path,
            out,
        }
    }

    /// What the page drew, and the font cache for the next page.
    pub fn finish(self) -> (PageOut, FontCache) {
        (self.out, self.fonts)
    }

    /// Operators run on this page so far.
    pub fn ops(&self) -> usize {
        self.ops
    }

    /// Runs a content stream's bytes with its resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&Dictionary>) -> Result<(), PdfError> {
        let ops = pdf::content::parse_ops(content, self.r).map_err(super::doc::damaged)?;
        self.ops += ops.len();
        if self.ops > self.limits.max_ops {
            return Err(PdfError::TooLarge(format!(
                "一页的绘制指令超过 {} 条",
                self.limits.max_ops
            )));
        }
        if self.ops_before + self.ops > self.limits.max_file_ops {
            return Err(PdfError::TooLarge(format!(
                "全文的绘制指令超过 {} 条",
                self.limits.max_file_ops
            )));
        }
        for op in &ops {
            self.op(op, resources)?;
        }
        Ok(())
    }

    fn op(&mut self, op: &Op, res: Option<&Dictionary>) -> Result<(), PdfError> {
        match op {
            Op::Save => self.stack.push(self.gs.clone()),
            Op::Restore => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            Op::Transform { matrix: m } => {
                self.gs.ctm = M([m.a, m.b, m.c, m.d, m.e, m.f]).then(&self.gs.ctm)
            }
            Op::XObject { name } => self.xobject(name.as_str(), res)?,
            Op::InlineImage { .. } => self.out.images += 1,
            _ => {
                if !self.text_op(op, res)? {
                    self.path_op(op);
                }
            }
        }
        Ok(())
    }

    /// Text state and drawing; false when `op` is no text operator.
    fn text_op(&mut self, op: &Op, res: Option<&Dictionary>) -> Result<bool, PdfError> {
        match op {
            Op::BeginText => (self.tm, self.tlm) = (M::ID, M::ID),
            Op::EndText => {}
            Op::CharSpacing { char_space } => self.gs.char_space = *char_space,
            Op::WordSpacing { word_space } => self.gs.word_space = *word_space,
            Op::TextScaling { horiz_scale } => self.gs.scale = horiz_scale / 100.0,
            Op::Leading { leading } => self.gs.leading = *leading,
            Op::TextRise { rise } => self.gs.rise = *rise,
            Op::TextFont { name, size } => {
                self.gs.font = self.font(name.as_str(), res);
                self.gs.size = *size;
            }
            Op::MoveTextPosition { translation: t } => self.next_line(t.x, t.y),
            Op::TextNewline => self.next_line(0.0, -self.gs.leading),
            Op::SetTextMatrix { matrix: m } => {
                self.tm = M([m.a, m.b, m.c, m.d, m.e, m.f]);
                self.tlm = self.tm;
            }
            Op::TextDraw { text } => {
                let mut run = None;
                self.show(text.as_bytes(), &mut run);
                self.emit(run)?;
            }
            Op::TextDrawAdjusted { array } => self.show_adjusted(array)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn next_line(&mut self, x: f32, y: f32) {
        self.tlm = M::translate(x, y).then(&self.tlm);
        self.tm = self.tlm;
    }

    /// TJ: strings with adjustments in thousandths of an em between them.
    fn show_adjusted(&mut self, array: &[TextDrawAdjusted]) -> Result<(), PdfError> {
        let mut run = None;
        for item in array {
            match item {
                TextDrawAdjusted::Text(s) => self.show(s.as_bytes(), &mut run),
                TextDrawAdjusted::Spacing(adj) => {
                    let shift = -adj / 1000.0 * self.gs.size * self.gs.scale;
                    if -adj / 1000.0 >= SPLIT_EM || *adj > 1000.0 * SPLIT_EM {
                        let done = run.take();
                        self.emit(done)?;
                    }
                    self.tm = M::translate(shift, 0.0).then(&self.tm);
                    if let Some(r) = run.as_mut() {
                        r.x1 = self.x_now();
                    }
                }
            }
        }
        self.emit(run)
    }

    fn x_now(&self) -> f32 {
        self.tm.then(&self.gs.ctm).apply(0.0, self.gs.rise).0 - self.left
    }

    /// Draws a string: appends its text to `run` (started here if None) and
    /// advances the text matrix glyph by glyph.
    fn show(&mut self, bytes: &[u8], run: &mut Option<Run>) {
        let gs = self.gs.clone();
        for g in gs.font.decode(bytes) {
            let m = self.tm.then(&gs.ctm);
            let (x, y) = m.apply(0.0, gs.rise);
            let r = run.get_or_insert_with(|| Run {
                x0: x - self.left,
                x1: x - self.left,
                y: self.top - y,
                size: gs.size * gs.font.size_scale * m.y_scale(),
                text: String::new(),
            });
            clean(&g.text, &mut r.text);
            let spacing = gs.char_space + if g.is_space { gs.word_space } else { 0.0 };
            let advance = (g.width * gs.size + spacing) * gs.scale;
            self.tm = M::translate(advance, 0.0).then(&self.tm);
            r.x1 = self.x_now();
        }
    }

    fn emit(&mut self, run: Option<Run>) -> Result<(), PdfError> {
        let Some(run) = run.filter(|r| !r.text.trim().is_empty()) else {
            return Ok(());
        };
        if self.runs_before + self.out.runs.len() >= self.limits.max_runs {
            return Err(PdfError::TooLarge(format!(
                "文字片段超过 {} 个",
                self.limits.max_runs
            )));
        }
        self.out.runs.push(run);
        Ok(())
    }

    fn path_op(&mut self, op: &Op) {
        let ctm = self.gs.ctm;
        let (top, left) = (self.top, self.left);
        match op {
            Op::MoveTo { p } => self.path.move_to(ctm.apply(p.x, p.y)),
            Op::LineTo { p } => self.path.line_to(ctm.apply(p.x, p.y)),
            Op::CurveTo { p, .. } => self.path.curve_to(ctm.apply(p.x, p.y)),
            Op::Close => self.path.close(),
            Op::Rect { rect: r } => {
                let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.width, r.y + r.height);
                self.path.rect([
                    ctm.apply(x0, y0),
                    ctm.apply(x1, y0),
                    ctm.apply(x1, y1),
                    ctm.apply(x0, y1),
                ]);
            }
            Op::Stroke => self
                .path
                .paint(true, false, top, left, &mut self.out.segments),
            Op::Fill { .. } => self
                .path
                .paint(false, true, top, left, &mut self.out.segments),
            Op::FillAndStroke { .. } => {
                self.path
                    .paint(true, true, top, left, &mut self.out.segments)
            }
            Op::EndPath => self
                .path
                .paint(false, false, top, left, &mut self.out.segments),
            _ => {}
        }
    }

    fn font(&mut self, key: &str, res: Option<&Dictionary>) -> Rc<Font> {
        let entry = res
            .and_then(|d| get(self.r, d, "Font"))
            .and_then(|f| dict(self.r, &f))
            .and_then(|f| f.get(key).cloned());
        let Some(entry) = entry else {
            return Rc::new(Font::fallback());
        };
        let Primitive::Reference(id) = entry else {
            return Rc::new(Font::load(self.r, &entry));
        };
        let r = self.r;
        self.fonts
            .entry(id)
            .or_insert_with(|| Rc::new(Font::load(r, &entry)))
            .clone()
    }

    /// `Do`: an image is counted; a form runs with its matrix and resources,
    /// unless it is already running (a cycle) or nested too deep.
    fn xobject(&mut self, key: &str, res: Option<&Dictionary>) -> Result<(), PdfError> {
        let entry = res
            .and_then(|d| get(self.r, d, "XObject"))
            .and_then(|x| dict(self.r, &x))
            .and_then(|x| x.get(key).cloned());
        let Some(entry) = entry else { return Ok(()) };
        let Some(info) = dict(self.r, &entry) else {
            return Ok(());
        };
        match get(self.r, &info, "Subtype").as_ref().and_then(name) {
            Some("Image") => self.out.images += 1,
            Some("Form") => self.form(&entry, &info, res)?,
            _ => {}
        }
        Ok(())
    }

    fn form(
        &mut self,
        entry: &Primitive,
        info: &Dictionary,
        parent: Option<&Dictionary>,
    ) -> Result<(), PdfError> {
        let id = match entry {
            Primitive::Reference(id) => *id,
            _ => return Ok(()), // a form is always a stream, hence indirect
        };
        if self.forms.contains(&id) || self.forms.len() >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let data = match stream_bytes(self.r, entry, self.limits.max_content_bytes) {
            Ok(d) => d,
            Err(e @ PdfError::TooLarge(_)) => return Err(e),
            Err(_) => return Ok(()), // a broken form loses its own content only
        };
        let own = get(self.r, info, "Resources").and_then(|r| dict(self.r, &r));
        let m = info
            .get("Matrix")
            .map(|m| numbers(self.r, m))
            .unwrap_or_default();
        let saved = (self.gs.clone(), self.stack.len(), self.tm, self.tlm);
        if let [a, b, c, d, e, f] = m[..] {
            self.gs.ctm = M([a, b, c, d, e, f]).then(&self.gs.ctm);
        }
        self.forms.push(id);
        let result = self.run(&data, own.as_ref().or(parent));
        self.forms.pop();
        self.stack.truncate(saved.1);
        (self.gs, self.tm, self.tlm) = (saved.0, saved.2, saved.3);
        match result {
            Err(e @ PdfError::TooLarge(_)) => Err(e),
            _ => Ok(()),
        }
    }
}
