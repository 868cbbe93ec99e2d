#!/usr/bin/env bash
# Makes the committed PDF fixtures in tests/pdf/ from our own import fixtures.
# Needs LibreOffice (soffice) and qpdf; neither runs in CI, so the outputs are
# committed. Run from the repository root: bash scripts/make-fixture-pdfs.sh
set -euo pipefail
out=tests/pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Word files of the text fixtures (tests/import/converted/) printed by LibreOffice.
soffice --headless --convert-to pdf --outdir "$tmp" \
  tests/import/converted/city-secondary-2024.libreoffice.docx \
  tests/import/converted/province-both-2024.pandoc.docx >/dev/null
cp "$tmp/city-secondary-2024.libreoffice.pdf" "$out/city-secondary-2024.pdf"
cp "$tmp/province-both-2024.pandoc.pdf" "$out/province-both-2024.pdf"

# Needs a password to open (AES-256).
qpdf --encrypt secret-user secret-owner 256 -- "$out/city-secondary-2024.pdf" "$out/encrypted.pdf"
# Opens without a password, copying forbidden (RC4-128, as older office suites write).
qpdf --allow-weak-crypto --encrypt "" secret-owner 128 --extract=n --use-aes=n -- \
  "$out/city-secondary-2024.pdf" "$out/restricted.pdf"
