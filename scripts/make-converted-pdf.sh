#!/bin/sh
# Makes tests/import/converted/*.pdf from the converter-made Word files beside them
# (scripts/make-converted-docx.sh), as LibreOffice prints them: the PDFs a school
# publishes. Two table styles: python-docx's tables without rules, and the same
# text with Word's "Table Grid" (every cell ruled). Run by hand (not in CI);
# commit the results. Needs LibreOffice (soffice) and python3 with python-docx.
set -eu
cd "$(dirname "$0")/.."
out=tests/import/converted
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Tables without rules (python-docx's default style) and Markdown through pandoc.
for f in "$out"/*.python-docx.docx "$out"/*.pandoc.docx; do
    cp "$f" "$tmp/"
done

# Ruled tables: the text fixtures again, tables in the "Table Grid" style.
python3 scripts/text_to_docx.py "$tmp" .grid.docx "Table Grid" tests/import/*.txt

# Two columns: the Markdown fixture without tables, its page set in two columns.
python3 - "$tmp" tests/import/narrative-only-2025.md <<'PY'
import sys, os
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
out, path = sys.argv[1], sys.argv[2]
doc = Document()
for line in open(path, encoding="utf-8").read().split("\n"):
    # Markdown's marks are not text: headings, emphasis, quotes.
    text = line.lstrip("#").strip().replace("**", "").lstrip("> ").strip()
    doc.add_paragraph(text[2:] if text.startswith("- ") else text)
sect = doc.sections[0]._sectPr
cols = sect.find(qn("w:cols"))
if cols is None:
    cols = OxmlElement("w:cols")
    sect.append(cols)
cols.set(qn("w:num"), "2")
cols.set(qn("w:space"), "720")
doc.save(os.path.join(out, "narrative-only-2025.two-columns.docx"))
PY

(cd "$tmp" && soffice --headless --convert-to pdf --outdir "$tmp" ./*.docx >/dev/null 2>&1)
for f in "$tmp"/*.pdf; do
    stem=$(basename "$f" .pdf)
    cp "$f" "$out/$stem.pdf"
done
ls -l "$out"/*.pdf
