#!/usr/bin/env bash
# The md documents convert with pandoc: the agency's analysis and the national
# summary to Word (docx) and back, every table read as a table, the title block
# as metadata, the figures intact; the index of a directory (report -o DIR/) with
# one link to each document of the directory.
# Usage: pandoc.sh ITA DATA_DIR. Exit 77 (skipped) when pandoc is not installed,
# unless ITA_REQUIRE_TOOLS=1 (CI), where that is a failure.
set -u
ITA=$1 DATA=$2
export ITA_DATA_DIR=$DATA LC_ALL=C.UTF-8
if ! command -v pandoc >/dev/null 2>&1; then
  echo "SKIPPED: pandoc is not installed (Debian package pandoc)"
  [ "${ITA_REQUIRE_TOOLS:-}" = 1 ] && exit 1
  exit 77
fi
# shellcheck source=../lib/checks.sh
. "$(dirname "$0")/../lib/checks.sh"
for lang in en th; do
  md=$scratch/analysis-$lang.md docx=$scratch/analysis-$lang.docx
  "$ITA" report -f md --lang "$lang" "$DATA/examples/tceb-2565.csv" >"$md" || { echo "FAILED: ita report"; exit 1; }
  check "$lang: pandoc writes docx" pandoc "$md" -o "$docx"
  check "$lang: docx is a zip file" test "$(head -c 2 "$docx")" = PK
  tables=$(pandoc "$md" -t json | grep -o '"t":"Table"' | wc -l)
  check "$lang: 6 tables read as tables (got $tables)" test "$tables" -eq 6
  check "$lang: the title block is metadata" bash -c "pandoc '$md' -s -t native | grep -q '\"title\"'"
  pandoc "$docx" -t plain --wrap=none >"$scratch/back-$lang.txt"
  for figure in 97.04 95.01 +2.03 98.80 99.21 93.31 88.97 87.77 84.41 E14 I20; do
    check "$lang: docx holds $figure" grep -qF -- "$figure" "$scratch/back-$lang.txt"
  done
done
# the national summary (ita rank -f md) and the directory's index (report -o DIR/)
ranks=$(dirname "$0")/../e2e/rank_html_charts/in.csv
for lang in en th; do
  md=$scratch/rank-$lang.md docx=$scratch/rank-$lang.docx
  "$ITA" rank -f md --lang "$lang" "$ranks" "$DATA/examples/tceb-2565.csv" >"$md" || { echo "FAILED: ita rank"; exit 1; }
  check "$lang: rank: pandoc writes docx" pandoc "$md" -o "$docx"
  tables=$(pandoc "$md" -t json | grep -o '"t":"Table"' | wc -l)
  check "$lang: rank: 7 tables read as tables (got $tables)" test "$tables" -eq 7
  check "$lang: rank: the title block is metadata" bash -c "pandoc '$md' -s -t native | grep -q '\"title\"'"
  pandoc "$docx" -t plain --wrap=none >"$scratch/rank-back-$lang.txt"
  for figure in 89.37 93.15 66.67% 90.24 80.00% 87.03 94.84 "70.00–75.00" "95.00–100.00" 72.50 97.04; do
    check "$lang: rank: docx holds $figure" grep -qF -- "$figure" "$scratch/rank-back-$lang.txt"
  done
  "$ITA" report -f md --lang "$lang" -o "$scratch/site-$lang/" "$ranks" "$DATA/examples/tceb-2565.csv" 2>/dev/null ||
    { echo "FAILED: ita report -o DIR/"; exit 1; }
  index=$scratch/site-$lang/index.md
  check "$lang: index: pandoc writes docx" pandoc "$index" -o "$scratch/index-$lang.docx"
  tables=$(pandoc "$index" -t json | grep -o '"t":"Table"' | wc -l)
  check "$lang: index: 1 table (got $tables)" test "$tables" -eq 1
  links=$(pandoc "$index" -t json | grep -o '"t":"Link"' | wc -l)
  documents=$(find "$scratch/site-$lang" -name '*.md' ! -name index.md | wc -l)
  check "$lang: index: a link to each of the $documents documents (got $links)" test "$links" -eq "$documents"
  pandoc "$index" -t html | grep -o 'href="[^"]*"' | sed 's/^href="//; s/"$//' >"$scratch/links-$lang"
  missing=0
  while read -r f; do [ -f "$scratch/site-$lang/$f" ] || missing=$((missing + 1)); done <"$scratch/links-$lang"
  check "$lang: index: every link names a file of the directory ($missing missing)" test "$missing" -eq 0
done
check "th: docx holds the urgent group heading" grep -qF "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน" "$scratch/back-th.txt"
check "th: docx holds the agency" grep -qF "สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ" "$scratch/back-th.txt"
exit $fail
