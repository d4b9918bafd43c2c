#!/usr/bin/env bash
# The md document converts with pandoc: to Word (docx) and back, every table
# read as a table, the title block as metadata, the figures intact.
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
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
check() { # description, command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; fail=1; fi
}
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
check "th: docx holds the urgent group heading" grep -qF "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน" "$scratch/back-th.txt"
check "th: docx holds the agency" grep -qF "สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ" "$scratch/back-th.txt"
exit $fail
