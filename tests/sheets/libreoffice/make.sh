#!/usr/bin/env bash
# Writes 表1.csv (an invented school's 表1) and has LibreOffice convert it to
# .xlsx, .ods and .xls, as a school saving the sheet from LibreOffice would.
# tests/sheet_read.rs reads the four committed files; it never runs soffice.
# Needs LibreOffice Calc (Debian: libreoffice-calc-nogui). Run from anywhere:
#   bash tests/sheets/libreoffice/make.sh
set -euo pipefail
cd "$(dirname "$0")"
cat > 表1.csv <<'CSV'
表1 人才培养质量计分卡（中职）,,,,
序号,指标,单位,2023年,2024年
1,在校生数,人,1765,1802
2,专任教师数,人,108,112
3,生师比,—,16.3:1,16.1:1
4,双师型教师占专任教师比例,%,45.61%,48.2%
5,毕业生就业率,%,96.5%,97%
6,“1+X”证书获取人数,人,320,356
7,生均教学仪器设备值,元,8456.5,9120.25
8,校企合作企业数,个,42,47
CSV
tmp=$(mktemp -d)
# UTF-8 (76), comma (44), double quote (34), first line 1; LibreOffice's own types.
for target in xlsx ods 'xls:MS Excel 97'; do
  soffice --headless -env:UserInstallation=file://"$tmp" \
    --infilter="CSV:44,34,76,1" --convert-to "$target" --outdir . 表1.csv
done
rm -rf "$tmp"
ls -l 表1.*
