#!/bin/sh
# Makes tests/import/converted/*.docx from the import fixtures (tests/import/*.txt|.md)
# with real converters, so the tests see Word files as they write them. Run by hand
# (not in CI); commit the results. Needs pandoc, python3 with python-docx, and
# LibreOffice (soffice):
#   apt-get install -y pandoc libreoffice-writer-nogui && pip install python-docx
set -eu
cd "$(dirname "$0")/.."
out=tests/import/converted
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# pandoc: Markdown as Markdown (headings, pipe tables, links with their address in
# the relationships, not the text).
for f in tests/import/*.md; do
    pandoc -f markdown -t docx -o "$out/$(basename "$f" .md).pandoc.docx" "$f"
done

# python-docx: each text line a paragraph, each run of tab-separated lines a table.
python3 scripts/text_to_docx.py "$out" .python-docx.docx - tests/import/*.txt

# LibreOffice: a text file opened and saved as Word (one paragraph per line, tabs
# kept as tabs).
if command -v soffice >/dev/null; then
    for f in tests/import/*.txt; do
        stem=$(basename "$f" .txt)
        cp "$f" "$tmp/$stem.txt"
        soffice --headless --infilter="Text (encoded):UTF8,,," \
            --convert-to docx:"MS Word 2007 XML" --outdir "$tmp" "$tmp/$stem.txt" >/dev/null
        mv "$tmp/$stem.docx" "$out/$stem.libreoffice.docx"
    done
fi
ls -l "$out"
