//! A font as text extraction needs it: how a string splits into codes, each code's
//! text and advance width. Read from the raw font dictionary.

use std::collections::HashMap;

use pdf::object::Resolve;
use pdf::primitive::{Dictionary, Primitive};

use super::cmap::CMap;
use super::doc::{deref, dict, get, name, num, numbers, stream_bytes};
use super::glyphs::{Base, base_char, glyph_name};

/// Largest ToUnicode stream read; real ones are well under 1 MB.
const MAX_CMAP_BYTES: usize = 4 << 20;

/// How a composite font's codes are read without a ToUnicode map.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Predefined {
    /// Identity-H/V or an embedded CMap: two bytes, no text without ToUnicode.
    Identity,
    /// UniGB-UCS2-H/V: codes are UCS-2 units.
    Ucs2,
    /// GBK-EUC-H, GB-EUC-H and kin: GBK bytes, one byte below 0x80.
    Gbk,
}

#[derive(Debug)]
enum Kind {
    Simple {
        base: Base,
        differences: HashMap<u8, String>,
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Composite {
        cmap: Predefined,
        widths: HashMap<u32, f32>,
        default: f32,
    },
}

#[derive(Debug)]
pub struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Glyph space to text space horizontally (0.001, or a Type 3 FontMatrix's a).
    width_scale: f32,
    /// The font's size relative to an ordinary 1000-unit font (Type 3 FontMatrix d).
    pub size_scale: f32,
}

/// One character code: its text (may be empty), its advance in text space per
/// unit font size, and whether it is the single-byte space Tw applies to.
pub struct Glyph {
    pub text: String,
    pub width: f32,
    pub is_space: bool,
}

impl Font {
    /// A font of which nothing is known: one-byte codes read as WinAnsi, half-em wide.
    pub fn fallback() -> Font {
        let kind = Kind::Simple {
            base: Base::WinAnsi,
            differences: HashMap::new(),
            first: 0,
            widths: vec![],
            missing: 500.0,
        };
        Font {
            kind,
            to_unicode: None,
            width_scale: 0.001,
            size_scale: 1.0,
        }
    }

    pub fn load(r: &impl Resolve, p: &Primitive) -> Font {
        let Some(d) = dict(r, p) else {
            return Font::fallback();
        };
        let to_unicode = d
            .get("ToUnicode")
            .and_then(|t| stream_bytes(r, t, MAX_CMAP_BYTES).ok())
            .map(|b| CMap::parse(&b));
        let subtype = get(r, &d, "Subtype")
            .and_then(|s| name(&s).map(str::to_owned))
            .unwrap_or_default();
        let (width_scale, size_scale) = font_matrix(r, &d, &subtype);
        let kind = if subtype == "Type0" {
            composite(r, &d)
        } else {
            simple(r, &d, &subtype)
        };
        Font {
            kind,
            to_unicode,
            width_scale,
            size_scale,
        }
    }

    /// The glyphs of a string drawn in this font.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Glyph> {
        self.split(bytes)
            .into_iter()
            .map(|(code, len)| self.glyph(code, len, bytes))
            .collect()
    }

    fn split(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        match &self.kind {
            Kind::Simple { .. } => bytes.iter().map(|&b| (b as u32, 1)).collect(),
            Kind::Composite {
                cmap: Predefined::Gbk,
                ..
            } => split_gbk(bytes),
            Kind::Composite {
                cmap: Predefined::Ucs2,
                ..
            } => CMap::default().split(bytes),
            Kind::Composite { .. } => self
                .to_unicode
                .as_ref()
                .map_or_else(|| CMap::default().split(bytes), |m| m.split(bytes)),
        }
    }

    fn glyph(&self, code: u32, len: usize, _bytes: &[u8]) -> Glyph {
        let mapped = self
            .to_unicode
            .as_ref()
            .and_then(|m| m.map.get(&code))
            .cloned();
        let (text, width) = match &self.kind {
            Kind::Simple {
                base,
                differences,
                first,
                widths,
                missing,
            } => {
                let text = mapped
                    .or_else(|| simple_text(*base, differences, code as u8))
                    .unwrap_or_default();
                let w = code
                    .checked_sub(*first)
                    .and_then(|i| widths.get(i as usize))
                    .copied()
                    .unwrap_or(*missing);
                (text, w)
            }
            Kind::Composite {
                cmap,
                widths,
                default,
            } => {
                let text = mapped
                    .or_else(|| predefined_text(*cmap, code, len))
                    .unwrap_or_default();
                (text, composite_width(*cmap, code, len, widths, *default))
            }
        };
        let is_space = len == 1 && code == 32;
        Glyph {
            text,
            width: width * self.width_scale,
            is_space,
        }
    }
}

fn simple_text(base: Base, differences: &HashMap<u8, String>, code: u8) -> Option<String> {
    match differences.get(&code) {
        Some(n) => glyph_name(n),
        None => base_char(base, code).map(String::from),
    }
}

fn predefined_text(cmap: Predefined, code: u32, len: usize) -> Option<String> {
    match cmap {
        Predefined::Identity => None,
        Predefined::Ucs2 => char::from_u32(code).map(String::from),
        Predefined::Gbk if len == 1 => char::from_u32(code)
            .filter(char::is_ascii)
            .map(String::from),
        Predefined::Gbk => {
            let bytes = [(code >> 8) as u8, code as u8];
            let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
            (!had_errors).then(|| text.into_owned())
        }
    }
}

/// With a predefined CMap the code is not the CID the /W array is keyed by, and
/// the CMap files are not shipped: ASCII is half width, the rest the default.
fn composite_width(
    cmap: Predefined,
    code: u32,
    len: usize,
    widths: &HashMap<u32, f32>,
    default: f32,
) -> f32 {
    match cmap {
        Predefined::Identity => widths.get(&code).copied().unwrap_or(default),
        _ if len == 1 || code < 0x80 => default / 2.0,
        _ => default,
    }
}

fn split_gbk(bytes: &[u8]) -> Vec<(u32, usize)> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] >= 0x81 && i + 1 < bytes.len() {
            out.push((u32::from(bytes[i]) << 8 | u32::from(bytes[i + 1]), 2));
            i += 2;
        } else {
            out.push((bytes[i] as u32, 1));
            i += 1;
        }
    }
    out
}

fn font_matrix(r: &impl Resolve, d: &Dictionary, subtype: &str) -> (f32, f32) {
    if subtype != "Type3" {
        return (0.001, 1.0);
    }
    let m = d
        .get("FontMatrix")
        .map(|m| numbers(r, m))
        .unwrap_or_default();
    match m.as_slice() {
        [a, _, _, dd, ..] if *a != 0.0 && *dd != 0.0 => (*a, dd.abs() * 1000.0),
        _ => (0.001, 1.0),
    }
}

fn simple(r: &impl Resolve, d: &Dictionary, subtype: &str) -> Kind {
    let default_base = if subtype == "TrueType" {
        Base::WinAnsi
    } else {
        Base::Standard
    };
    let (base, differences) = match get(r, d, "Encoding") {
        Some(Primitive::Name(n)) => (base_of(&n, default_base), HashMap::new()),
        Some(Primitive::Dictionary(e)) => {
            let base =
                get(r, &e, "BaseEncoding").and_then(|b| name(&b).map(|n| base_of(n, default_base)));
            (base.unwrap_or(default_base), differences(r, &e))
        }
        _ => (default_base, HashMap::new()),
    };
    let first = get(r, d, "FirstChar")
        .and_then(|f| num(&f))
        .unwrap_or(0.0)
        .max(0.0) as u32;
    let widths = d.get("Widths").map(|w| numbers(r, w)).unwrap_or_default();
    let descriptor = get(r, d, "FontDescriptor").and_then(|f| dict(r, &f));
    let missing = descriptor
        .and_then(|fd| get(r, &fd, "MissingWidth"))
        .and_then(|m| num(&m))
        .filter(|&m| m > 0.0);
    // Standard 14 fonts come without widths; half an em is the usual average.
    let missing = missing.unwrap_or(if subtype == "Type3" { 0.0 } else { 500.0 });
    Kind::Simple {
        base,
        differences,
        first,
        widths,
        missing,
    }
}

fn base_of(name: &str, default: Base) -> Base {
    match name {
        "WinAnsiEncoding" | "MacRomanEncoding" => Base::WinAnsi,
        "StandardEncoding" => Base::Standard,
        _ => default,
    }
}

/// `/Differences [code /name /name code /name …]`.
fn differences(r: &impl Resolve, e: &Dictionary) -> HashMap<u8, String> {
    let mut out = HashMap::new();
    let Some(Primitive::Array(items)) = get(r, e, "Differences") else {
        return out;
    };
    let mut code: u32 = 0;
    for item in &items {
        match deref(r, item) {
            Primitive::Integer(i) => code = i.max(0) as u32,
            Primitive::Name(n) => {
                if let Ok(c) = u8::try_from(code) {
                    out.insert(c, n.as_str().to_owned());
                }
                code = code.saturating_add(1);
            }
            _ => {}
        }
    }
    out
}

fn composite(r: &impl Resolve, d: &Dictionary) -> Kind {
    let encoding = get(r, d, "Encoding")
        .and_then(|e| name(&e).map(str::to_owned))
        .unwrap_or_default();
    let cmap = predefined(&encoding);
    let descendant = match get(r, d, "DescendantFonts") {
        Some(Primitive::Array(a)) => a.first().and_then(|f| dict(r, f)),
        _ => None,
    };
    let (widths, default) = match descendant {
        Some(cid) => {
            let default = get(r, &cid, "DW").and_then(|w| num(&w)).unwrap_or(1000.0);
            (cid_widths(r, cid.get("W")), default)
        }
        None => (HashMap::new(), 1000.0),
    };
    Kind::Composite {
        cmap,
        widths,
        default,
    }
}

fn predefined(encoding: &str) -> Predefined {
    if encoding.starts_with("UniGB-UCS2") || encoding.starts_with("UniGB-UTF16") {
        Predefined::Ucs2
    } else if encoding.starts_with("GBK")
        || encoding.starts_with("GB-EUC")
        || encoding.starts_with("GBpc-EUC")
    {
        Predefined::Gbk
    } else {
        Predefined::Identity
    }
}

/// Most CIDs a /W array may give widths for.
const MAX_CID_WIDTHS: u32 = 70_000;

/// `/W [c [w1 w2 …] c_first c_last w …]`.
fn cid_widths(r: &impl Resolve, w: Option<&Primitive>) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let Some(Primitive::Array(items)) = w.map(|w| deref(r, w)) else {
        return out;
    };
    let items: Vec<Primitive> = items.iter().map(|i| deref(r, i)).collect();
    let mut i = 0;
    while i + 1 < items.len() && out.len() < MAX_CID_WIDTHS as usize {
        let Some(start) = num(&items[i]).map(|s| s.max(0.0) as u32) else {
            break;
        };
        if let Primitive::Array(ws) = &items[i + 1] {
            for (k, w) in ws.iter().filter_map(|w| num(&deref(r, w))).enumerate() {
                out.insert(start.saturating_add(k as u32), w);
            }
            i += 2;
            continue;
        }
        let (Some(end), Some(w)) = (num(&items[i + 1]), items.get(i + 2).and_then(num)) else {
            break;
        };
        let end = (end.max(0.0) as u32).min(start.saturating_add(MAX_CID_WIDTHS));
        for cid in start..=end {
            out.insert(cid, w);
        }
        i += 3;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_splits_ascii_and_double_bytes() {
        assert_eq!(
            split_gbk(&[0x41, 0xD6, 0xD0, 0x31]),
            vec![(0x41, 1), (0xD6D0, 2), (0x31, 1)]
        );
        assert_eq!(
            predefined_text(Predefined::Gbk, 0xD6D0, 2).as_deref(),
            Some("中")
        );
    }

    #[test]
    fn ucs2_codes_are_characters() {
        assert_eq!(
            predefined_text(Predefined::Ucs2, 0x4E2D, 2).as_deref(),
            Some("中")
        );
        assert_eq!(predefined("UniGB-UCS2-H"), Predefined::Ucs2);
        assert_eq!(predefined("GBK-EUC-H"), Predefined::Gbk);
        assert_eq!(predefined("Identity-H"), Predefined::Identity);
    }

    #[test]
    fn fallback_font_reads_ascii() {
        let f = Font::fallback();
        let g = f.decode(b"a ");
        assert_eq!(g[0].text, "a");
        assert!(g[1].is_space);
        assert!((g[0].width - 0.5).abs() < 1e-6);
    }
}
