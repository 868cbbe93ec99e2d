//! Raw object access on top of the library: following references, reading
//! dictionaries and streams within our limits, and walking the page tree with
//! inherited attributes. Raw rather than the library's typed objects because a
//! typed parse fails a whole page on one odd entry that text extraction never needs.

use std::collections::HashSet;

use pdf::object::{Object, PlainRef, Resolve, Stream};
use pdf::primitive::{Dictionary, Primitive};

use super::PdfError;

/// How many references one value may chain through; deeper is treated as missing.
const MAX_CHAIN: usize = 16;
/// How deep the page tree may nest; real files use 2–5 levels.
const MAX_TREE_DEPTH: usize = 64;

/// Follows references to the value itself; a broken or cyclic chain is Null.
pub fn deref(r: &impl Resolve, p: &Primitive) -> Primitive {
    let mut p = p.clone();
    for _ in 0..MAX_CHAIN {
        match p {
            Primitive::Reference(id) => p = r.resolve(id).unwrap_or(Primitive::Null),
            other => return other,
        }
    }
    Primitive::Null
}

/// A value as a dictionary (a stream's own dictionary counts).
pub fn dict(r: &impl Resolve, p: &Primitive) -> Option<Dictionary> {
    match deref(r, p) {
        Primitive::Dictionary(d) => Some(d),
        Primitive::Stream(s) => Some(s.info),
        _ => None,
    }
}

/// `d[key]`, references followed.
pub fn get(r: &impl Resolve, d: &Dictionary, key: &str) -> Option<Primitive> {
    d.get(key)
        .map(|p| deref(r, p))
        .filter(|p| !matches!(p, Primitive::Null))
}

pub fn num(p: &Primitive) -> Option<f32> {
    match p {
        Primitive::Integer(i) => Some(*i as f32),
        Primitive::Number(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

pub fn name(p: &Primitive) -> Option<&str> {
    match p {
        Primitive::Name(n) => Some(n.as_str()),
        _ => None,
    }
}

/// Numbers of an array value (non-numbers skipped).
pub fn numbers(r: &impl Resolve, p: &Primitive) -> Vec<f32> {
    match deref(r, p) {
        Primitive::Array(items) => items.iter().filter_map(|i| num(&deref(r, i))).collect(),
        _ => Vec::new(),
    }
}

/// The decoded bytes of a stream value, refused when longer than `max`. The
/// encoded length is checked first so a plainly oversized stream is not inflated.
pub fn stream_bytes(r: &impl Resolve, p: &Primitive, max: usize) -> Result<Vec<u8>, PdfError> {
    let prim = deref(r, p);
    let Primitive::Stream(s) = &prim else {
        return Err(PdfError::Damaged("应为数据流的对象不是数据流".into()));
    };
    if get(r, &s.info, "Length")
        .and_then(|l| num(&l))
        .is_some_and(|l| l as usize > max)
    {
        return Err(too_large(max));
    }
    if inflates_past(r, s, max) {
        return Err(too_large(max));
    }
    let stream = Stream::<()>::from_primitive(prim, r).map_err(damaged)?;
    let data = stream.data(r).map_err(damaged)?;
    if data.len() > max {
        return Err(too_large(max));
    }
    Ok(data.to_vec())
}

/// Whether a Flate-compressed stream would inflate past `max` bytes: the library
/// inflates a stream whole, so a few KB of zeros compressed 1000:1 (a "flate bomb")
/// would take gigabytes. Counted by inflating into nothing, in constant memory.
fn inflates_past(r: &impl Resolve, s: &pdf::primitive::PdfStream, max: usize) -> bool {
    use std::io::Read;
    let first_filter = match get(r, &s.info, "Filter") {
        Some(Primitive::Name(n)) => Some(n),
        Some(Primitive::Array(a)) => a.first().and_then(|f| match deref(r, f) {
            Primitive::Name(n) => Some(n),
            _ => None,
        }),
        _ => None,
    };
    if first_filter.is_none_or(|n| n.as_str() != "FlateDecode") {
        return false;
    }
    let Ok(raw) = s.raw_data(r) else {
        return false;
    };
    let cap = max as u64 + 1;
    let zlib = flate2::read::ZlibDecoder::new(&raw[..]).take(cap);
    let inflated = match std::io::copy(&mut { zlib }, &mut std::io::sink()) {
        Ok(n) => n,
        // Not zlib-wrapped: the library then tries raw deflate, so do we.
        Err(_) => {
            let deflate = flate2::read::DeflateDecoder::new(&raw[..]).take(cap);
            std::io::copy(&mut { deflate }, &mut std::io::sink()).unwrap_or(0)
        }
    };
    inflated > max as u64
}

fn too_large(max: usize) -> PdfError {
    PdfError::TooLarge(format!("页面内容数据流超过 {max} 字节"))
}

pub fn damaged(e: pdf::error::PdfError) -> PdfError {
    PdfError::Damaged(e.to_string())
}

/// A leaf of the page tree with the attributes it inherits.
pub struct PageNode {
    pub dict: Dictionary,
    pub resources: Option<Primitive>,
    pub media_box: Vec<f32>,
    pub crop_box: Vec<f32>,
    /// Degrees clockwise the page is turned when shown.
    pub rotate: i32,
}

#[derive(Clone, Default)]
struct Inherited {
    resources: Option<Primitive>,
    media_box: Vec<f32>,
    crop_box: Vec<f32>,
    rotate: i32,
}

/// The pages under `root` (the /Pages node), in order; at most `max` of them, or
/// TooLarge. Nodes seen before (a cyclic tree) are skipped.
pub fn page_nodes(r: &impl Resolve, root: PlainRef, max: usize) -> Result<Vec<PageNode>, PdfError> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    walk(
        r,
        &Primitive::Reference(root),
        Inherited::default(),
        0,
        &mut seen,
        &mut out,
        max,
    )?;
    Ok(out)
}

fn walk(
    r: &impl Resolve,
    node: &Primitive,
    inh: Inherited,
    depth: usize,
    seen: &mut HashSet<PlainRef>,
    out: &mut Vec<PageNode>,
    max: usize,
) -> Result<(), PdfError> {
    if let Primitive::Reference(id) = node
        && !seen.insert(*id)
    {
        return Ok(());
    }
    let Some(d) = dict(r, node) else {
        return Ok(());
    };
    if depth > MAX_TREE_DEPTH {
        return Err(PdfError::Damaged("页面树嵌套过深".into()));
    }
    let inh = inherit(r, &d, inh);
    let kids = match get(r, &d, "Kids") {
        Some(Primitive::Array(kids)) => kids,
        _ => {
            if out.len() >= max {
                return Err(PdfError::TooLarge(format!("超过 {max} 页")));
            }
            let Inherited {
                resources,
                media_box,
                crop_box,
                rotate,
            } = inh;
            out.push(PageNode {
                dict: d,
                resources,
                media_box,
                crop_box,
                rotate,
            });
            return Ok(());
        }
    };
    for kid in &kids {
        walk(r, kid, inh.clone(), depth + 1, seen, out, max)?;
    }
    Ok(())
}

fn inherit(r: &impl Resolve, d: &Dictionary, mut inh: Inherited) -> Inherited {
    if let Some(res) = d.get("Resources") {
        inh.resources = Some(res.clone());
    }
    for (key, slot) in [
        ("MediaBox", &mut inh.media_box),
        ("CropBox", &mut inh.crop_box),
    ] {
        if let Some(b) = d.get(key).map(|b| numbers(r, b)).filter(|b| b.len() == 4) {
            *slot = b;
        }
    }
    if let Some(rot) = get(r, d, "Rotate").and_then(|p| num(&p)) {
        inh.rotate = rot as i32;
    }
    inh
}
