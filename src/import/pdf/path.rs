//! Matrices and the path operators, kept only as far as ruling lines need them:
//! straight edges of stroked paths and thin filled rectangles.

use super::Segment;

/// An affine matrix [a b c d e f] as PDF writes it (row vector times matrix).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct M(pub [f32; 6]);

impl M {
    pub const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn translate(x: f32, y: f32) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` applied first, then `o`.
    pub fn then(&self, o: &M) -> M {
        let [a1, b1, c1, d1, e1, f1] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        M([
            a1 * a2 + b1 * c2,
            a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2,
            c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2,
            e1 * b2 + f1 * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// How much the matrix scales a vertical unit (the font size's direction).
    pub fn y_scale(&self) -> f32 {
        self.0[2].hypot(self.0[3])
    }
}

/// A filled rectangle at most this thick (in page units) is drawn as a rule.
const THIN: f32 = 2.5;

/// The current path in page coordinates (PDF's y-up space; flipped on output).
#[derive(Default)]
pub struct PathBuilder {
    /// Straight edges so far.
    edges: Vec<[f32; 4]>,
    /// Rectangles from `re`, for the thin-fill test.
    rects: Vec<[f32; 4]>,
    start: Option<(f32, f32)>,
    current: Option<(f32, f32)>,
}

impl PathBuilder {
    pub fn move_to(&mut self, p: (f32, f32)) {
        self.start = Some(p);
        self.current = Some(p);
    }

    pub fn line_to(&mut self, p: (f32, f32)) {
        if let Some(c) = self.current {
            self.edges.push([c.0, c.1, p.0, p.1]);
        }
        self.current = Some(p);
    }

    /// A curve moves the current point; its shape is no rule.
    pub fn curve_to(&mut self, p: (f32, f32)) {
        self.current = Some(p);
    }

    pub fn close(&mut self) {
        if let (Some(s), Some(c)) = (self.start, self.current)
            && s != c
        {
            self.edges.push([c.0, c.1, s.0, s.1]);
        }
        self.current = self.start;
    }

    /// `x y w h re` with its corners already in page space.
    pub fn rect(&mut self, corners: [(f32, f32); 4]) {
        self.move_to(corners[0]);
        for &c in &corners[1..] {
            self.line_to(c);
        }
        self.close();
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        let (x0, x1) = (
            xs.iter().copied().fold(f32::MAX, f32::min),
            xs.iter().copied().fold(f32::MIN, f32::max),
        );
        let (y0, y1) = (
            ys.iter().copied().fold(f32::MAX, f32::min),
            ys.iter().copied().fold(f32::MIN, f32::max),
        );
        self.rects.push([x0, y0, x1, y1]);
    }

    /// Painting ends the path: stroked edges become segments; a fill adds the
    /// centre line of each thin rectangle.
    pub fn paint(&mut self, stroke: bool, fill: bool, top: f32, left: f32, out: &mut Vec<Segment>) {
        if stroke {
            for e in &self.edges {
                out.push(segment(e[0], e[1], e[2], e[3], top, left));
            }
        }
        if fill {
            for &[x0, y0, x1, y1] in &self.rects {
                let (w, h) = (x1 - x0, y1 - y0);
                if h <= THIN && w > h {
                    let y = (y0 + y1) / 2.0;
                    out.push(segment(x0, y, x1, y, top, left));
                } else if w <= THIN && h > w {
                    let x = (x0 + x1) / 2.0;
                    out.push(segment(x, y0, x, y1, top, left));
                }
            }
        }
        *self = PathBuilder::default();
    }
}

/// A segment in output coordinates: from the page's left and top, ends ordered.
fn segment(x0: f32, y0: f32, x1: f32, y1: f32, top: f32, left: f32) -> Segment {
    let (ya, yb) = (top - y0, top - y1);
    Segment {
        x0: x0.min(x1) - left,
        y0: ya.min(yb),
        x1: x0.max(x1) - left,
        y1: ya.max(yb),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_order() {
        let m = M([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]).then(&M::translate(10.0, 5.0));
        assert_eq!(m.apply(1.0, 1.0), (12.0, 7.0));
    }

    #[test]
    fn stroke_gives_edges_fill_gives_thin_rects() {
        let mut p = PathBuilder::default();
        p.move_to((0.0, 100.0));
        p.line_to((50.0, 100.0));
        let mut out = Vec::new();
        p.paint(true, false, 800.0, 0.0, &mut out);
        assert_eq!(
            (out[0].x0, out[0].y0, out[0].x1, out[0].y1),
            (0.0, 700.0, 50.0, 700.0)
        );
        p.rect([(0.0, 10.0), (100.0, 10.0), (100.0, 11.0), (0.0, 11.0)]);
        p.rect([(0.0, 20.0), (100.0, 20.0), (100.0, 80.0), (0.0, 80.0)]);
        out.clear();
        p.paint(false, true, 800.0, 0.0, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].y0, out[0].x1), (789.5, 100.0));
    }
}
