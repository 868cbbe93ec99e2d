//! A minimal PDF writer for tests: numbered objects, an xref table, a trailer.
//! Enough to build one-page files with hand-written fonts and content streams.

/// Objects in the order added; object n is `objects[n - 1]`.
#[derive(Default)]
pub struct Writer {
    objects: Vec<Vec<u8>>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// The number the next added object gets.
    pub fn next(&self) -> usize {
        self.objects.len() + 1
    }

    /// Adds an object written as text (a dictionary, an array…); its number.
    pub fn add(&mut self, body: &str) -> usize {
        self.objects.push(body.as_bytes().to_vec());
        self.objects.len()
    }

    /// Adds a stream with `dict` entries (without << >> and /Length).
    pub fn stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.objects.push(body);
        self.objects.len()
    }

    /// Adds one A4 page drawing `content` with `resources`, its page tree and
    /// catalog, and writes the file.
    pub fn one_page(self, resources: &str, content: &[u8]) -> Vec<u8> {
        self.one_page_encoded(resources, "", content)
    }

    /// The same, with the content stream's own entries (`/Filter /FlateDecode`).
    pub fn one_page_encoded(mut self, resources: &str, entries: &str, content: &[u8]) -> Vec<u8> {
        let c = self.stream(entries, content);
        let pages = c + 2;
        self.add(&format!(
            "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents {c} 0 R >>"
        ));
        self.add(&format!(
            "<< /Type /Pages /Kids [{} 0 R] /Count 1 >>",
            c + 1
        ));
        let root = self.add(&format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
        self.finish(root)
    }

    /// The file: header, objects, xref, trailer.
    pub fn finish(self, root: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        let trailer = format!(
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        );
        out.extend_from_slice(trailer.as_bytes());
        out
    }
}

/// A ToUnicode CMap with two-byte codes mapping `code → text`.
pub fn to_unicode(pairs: &[(u16, &str)]) -> Vec<u8> {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Test def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    s.push_str(&format!("{} beginbfchar\n", pairs.len()));
    for (code, text) in pairs {
        let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
        s.push_str(&format!("<{code:04X}> <{hex}>\n"));
    }
    s.push_str("endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

/// Adds a Type0 font with `encoding` (Identity-H, UniGB-UCS2-H, GBK-EUC-H…),
/// a descendant with default width 1000, and the ToUnicode stream if given.
pub fn type0_font(w: &mut Writer, encoding: &str, to_unicode: Option<&[u8]>) -> usize {
    let cid = w.add(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 [500 500]] >>",
    );
    let tu = to_unicode
        .map(|t| format!("/ToUnicode {} 0 R", w.stream("", t)))
        .unwrap_or_default();
    w.add(&format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /{encoding} /DescendantFonts [{cid} 0 R] {tu} >>"
    ))
}

/// A zlib stream that inflates to `n` zero bytes (`n` a multiple of 258, at least 258),
/// written by hand — one literal, then "repeat 258 from 1 back" — so a test gets a
/// flate bomb of any size in microseconds: ~13 bits per 258 bytes.
pub fn flate_zeros(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        used: u32,
    }
    impl Bits {
        /// `count` bits of `value`, least significant first (deflate's header fields).
        fn put(&mut self, value: u32, count: u32) {
            for i in 0..count {
                self.acc |= ((value >> i) & 1) << self.used;
                self.used += 1;
                if self.used == 8 {
                    self.out.push(self.acc as u8);
                    self.acc = 0;
                    self.used = 0;
                }
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            for i in (0..len).rev() {
                self.put((code >> i) & 1, 1);
            }
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        used: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30, 8); // literal 0
    for _ in 0..(n - 1) / 258 {
        b.code(0xC5, 8); // length 258 (code 285)
        b.code(0, 5); // distance 1
    }
    let rest = (n - 1) % 258;
    for _ in 0..rest {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    if b.used > 0 {
        b.out.push(b.acc as u8);
    }
    let adler_b = (n % 65_521) as u32;
    b.out
        .extend_from_slice(&((adler_b << 16) | 1).to_be_bytes());
    b.out
}
