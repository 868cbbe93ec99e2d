#!/usr/bin/env python3
"""Makes the seed corpora fuzz/corpus/<target>/ from the repository's own test
fixtures and examples (never from ../shared). Each seed stays a few KB.
Run from the repository root: python3 fuzz/make_corpus.py
"""
import hashlib
import io
import json
import pathlib
import re
import shutil
import zipfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
MAX = 4096


def put(target, data, name=None):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = name or hashlib.sha1(data).hexdigest()[:16]
    (d / name).write_bytes(data)


def chunks(text, limit=MAX, count=2):
    """Up to `count` pieces of at most `limit` bytes, cut at line ends."""
    out, cur = [], []
    size = 0
    for line in text.splitlines(keepends=True):
        n = len(line.encode("utf-8"))
        if size + n > limit and cur:
            out.append("".join(cur))
            cur, size = [], 0
            if len(out) == count:
                return out
        cur.append(line)
        size += n
    if cur and len(out) < count:
        out.append("".join(cur))
    return out


def small(paths, limit=MAX):
    return [p for p in paths if p.stat().st_size <= limit]


def rule_fixtures(ext, every):
    files = sorted((ROOT / "tests" / "rules").glob(f"*/*.{ext}"))
    return small(files)[::every]


def shrink_json(v, keep=2):
    if isinstance(v, list):
        return [shrink_json(x, keep) for x in v[:keep]]
    if isinstance(v, dict):
        return {k: shrink_json(x, keep) for k, x in v.items()}
    return v


def datasets():
    fx = ROOT / "tests" / "fixtures"
    for p in small(sorted(fx.glob("*/*.json"))):
        put("json", p.read_bytes())
    data = json.loads((ROOT / "examples" / "school-higher-2024.json").read_text("utf-8"))
    # The first members that fit, one row per table.
    kept = {"report": data["report"]}
    for k, v in data.items():
        v = shrink_json(v, 1)
        items = v.items() if isinstance(v, dict) else [(None, v)]
        for sub, x in items:
            if sub is None:
                kept[k] = x
            else:
                kept.setdefault(k, {})[sub] = x
            if len(json.dumps(kept, ensure_ascii=False, indent=1).encode()) > MAX:
                if sub is None:
                    del kept[k]
                else:
                    del kept[k][sub]
    put("json", json.dumps(kept, ensure_ascii=False, indent=1))
    for p in small(sorted(fx.glob("*/*.yaml"))) + rule_fixtures("yaml", 12):
        put("yaml", p.read_bytes())
    put("yaml", (ROOT / "examples" / "mistakes-2024.yaml").read_bytes())
    for p in small(sorted(fx.glob("*/*.toml"))):
        put("toml", p.read_bytes())
    toml = (ROOT / "examples" / "school-secondary-2024.toml").read_text("utf-8")
    # Cut at table headers, so that each piece is still TOML.
    tables = re.split(r"(?m)^(?=\[)", toml)
    piece = ""
    for t in tables:
        if len((piece + t).encode()) > MAX:
            put("toml", piece)
            piece = ""
        piece += t
    if piece:
        put("toml", piece)


def texts():
    imp = ROOT / "tests" / "import"
    for p in sorted(imp.glob("*.txt")) + [ROOT / "examples" / "chengchuan-2024-city-secondary.txt"]:
        for c in chunks(p.read_text("utf-8")):
            put("text", b"\x00" + c.encode())
    for p in sorted(imp.glob("*.md")):
        for c in chunks(p.read_text("utf-8")):
            put("text", b"\x01" + c.encode())
    for p in rule_fixtures("txt", 8):
        put("text", b"\x00" + p.read_bytes())


def docx_parts(path):
    with zipfile.ZipFile(path) as z:
        doc = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8") if "word/styles.xml" in z.namelist() else None
    return doc, styles


def cut_body(doc, limit):
    """The document with only as many body children as fit in `limit` bytes."""
    m = re.search(r"<w:body>(.*)</w:body>", doc, re.S)
    if not m:
        return doc
    head, body, tail = doc[: m.start(1)], m.group(1), doc[m.end(1):]
    # Top-level children: paragraphs and tables (tables nest paragraphs, not tables here).
    parts = re.findall(r"<w:tbl>.*?</w:tbl>|<w:p[ >].*?</w:p>|<w:p/>|<w:sectPr.*?</w:sectPr>", body, re.S)
    out = ""
    for p in parts:
        if len((head + out + p + tail).encode()) > limit:
            continue
        out += p
    return head + out + tail


def cut_styles(styles, limit=2048):
    head = re.match(r"(.*?<w:styles[^>]*>)", styles, re.S).group(1)
    keep = [s for s in re.findall(r"<w:style .*?</w:style>", styles, re.S) if "Heading" in s or "标题" in s]
    out = head
    for s in keep:
        if len(out) + len(s) > limit:
            break
        out += s
    return out + "</w:styles>"


def docx():
    conv = ROOT / "tests" / "import" / "converted"
    for p in sorted(conv.glob("*.docx")):
        doc, styles = docx_parts(p)
        seed = cut_body(doc, 6144).encode()
        put("docx", seed)
        if styles and "libreoffice" in p.name:
            put("docx", seed + b"\n====styles\n" + cut_styles(styles).encode())


def pdf_file(content, font):
    """A one-page PDF with one font and an uncompressed or deflated content stream."""
    objs = []
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
    data = zlib.compress(content)
    objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    objs.extend(font)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


UCS2_FONT = [
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /W [1 95 500] >>",
]


def ucs2(s):
    return b"<" + s.encode("utf-16-be").hex().encode() + b">"


def pdf_lines(rows, x0=72, y0=780, dy=18, col=90):
    ops = [b"BT /F1 11 Tf"]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            ops.append(b"1 0 0 1 %d %d Tm %s Tj" % (x0 + j * col, y0 - i * dy, ucs2(cell)))
    ops.append(b"ET")
    return b"\n".join(ops)


def pdfs():
    title = [["江北市中等职业教育质量年度报告（2024年度）"], [""], ["一、学校概况"],
             ["本市共有中等职业学校12所，在校生18300人，毕业生5120人。"]]
    table = [["表1 人才培养质量计分卡"], ["序号", "指标", "单位", "2023年", "2024年"],
             ["1", "毕业生人数", "人", "4210", "4388"], ["2", "就业率", "%", "95.2", "96.1"],
             ["3", "双师型教师比例", "%", "61.0", "64.5"]]
    put("pdf", pdf_file(pdf_lines(title), UCS2_FONT))
    put("pdf", pdf_file(pdf_lines(title + table), UCS2_FONT))
    # Two columns of prose and a ruled table (paths) for the layout steps.
    lines = [b"BT /F1 10 Tf"]
    for i in range(12):
        lines.append(b"1 0 0 1 60 %d Tm %s Tj" % (760 - 14 * i, ucs2("左栏第%d行，专业设置与产业对接。" % (i + 1))))
        lines.append(b"1 0 0 1 320 %d Tm %s Tj" % (760 - 14 * i, ucs2("右栏第%d行，校企合作订单培养。" % (i + 1))))
    lines.append(b"ET")
    grid = [b"0.5 w"]
    for r in range(5):
        grid.append(b"60 %d m 520 %d l S" % (560 - 20 * r, 560 - 20 * r))
    for c in range(5):
        grid.append(b"%d 480 m %d 560 l S" % (60 + 115 * c, 60 + 115 * c))
    grid.append(pdf_lines(table[1:], x0=64, y0=545, dy=20, col=115))
    put("pdf", pdf_file(b"\n".join(lines + grid), UCS2_FONT))
    # A simple font with WinAnsi text and TJ kerning.
    simple = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    put("pdf", pdf_file(b"BT /F1 12 Tf 72 720 Td (Report 2024) Tj 0 -16 Td [(Gradu) -120 (ates 4388)] TJ T* (95.2%) ' ET", simple))


def check():
    fx = ROOT / "tests" / "fixtures"
    for i, ext in enumerate(["json", "yaml", "toml"]):
        for p in small(sorted(fx.glob(f"*/*.{ext}")))[:3]:
            put("check", bytes([i]) + p.read_bytes())
    for p in rule_fixtures("yaml", 30):
        put("check", b"\x01" + p.read_bytes())
    for p in rule_fixtures("txt", 20):
        put("check", b"\x03" + p.read_bytes())
    for c in chunks((ROOT / "tests" / "import" / "narrative-only-2025.md").read_text("utf-8"), count=1):
        put("check", b"\x04" + c.encode())


def source_map():
    spans = b"".join(a.to_bytes(4, "little") + b.to_bytes(4, "little") for a, b in [(0, 5), (3, 40), (1000, 2), (7, 7)])
    for p in small(sorted((ROOT / "tests" / "fixtures").glob("*/*"))):
        if p.suffix in (".json", ".yaml", ".toml"):
            put("source_map", p.read_bytes().replace(b"\0", b"") + b"\0" + spans + b"/report/year")


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    datasets()
    texts()
    docx()
    pdfs()
    check()
    source_map()
    for d in sorted(OUT.iterdir()):
        files = list(d.iterdir())
        print(f"{d.name}: {len(files)} seeds, {sum(f.stat().st_size for f in files)} bytes")


if __name__ == "__main__":
    main()
