"""Writes each plain-text fixture as a Word file with python-docx: each text line a
paragraph, each run of tab-separated lines a table. Used by make-converted-docx.sh
(tables in python-docx's default style, no rules) and make-converted-pdf.sh
("Table Grid", every cell ruled).

usage: python3 scripts/text_to_docx.py OUT_DIR SUFFIX STYLE|- FILE.txt...
"""
import os
import sys

from docx import Document


def convert(path, out, suffix, style):
    doc = Document()
    rows = []

    def flush():
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = doc.add_table(rows=len(rows), cols=width)
        if style:
            table.style = style
        for i, r in enumerate(rows):
            for j, c in enumerate(r):
                table.cell(i, j).text = c
        rows.clear()

    for line in open(path, encoding="utf-8").read().split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        doc.add_paragraph(line)
    flush()
    stem = os.path.basename(path)[:-4]
    doc.save(os.path.join(out, stem + suffix))


if __name__ == "__main__":
    out, suffix, style, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    for f in files:
        convert(f, out, suffix, None if style == "-" else style)
