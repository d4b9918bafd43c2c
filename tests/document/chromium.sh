#!/usr/bin/env bash
# The html documents in headless Chromium: the agency's analysis printed to PDF
# (A4, several pages, a Thai font embedded) and loaded as a DOM (every figure,
# every group, the three charts with their titles); the national summary printed
# and loaded (its four charts, sections and figures); the index of a directory
# (report -o DIR/) printed and loaded, every link naming a page of the directory.
# One browser prints and loads every page, each in a tab of its own, as a run
# of its own with --print-to-pdf or --dump-dom would (browser.py): a browser
# started for each page cost more than the page.
# Usage: chromium.sh ITA DATA_DIR. Exit 77 (skipped) when chromium is not
# installed, unless ITA_REQUIRE_TOOLS=1 (CI), where that is a failure.
set -u
ITA=$1 DATA=$2
export ITA_DATA_DIR=$DATA LC_ALL=C.UTF-8
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIPPED: chromium is not installed (Debian package chromium)"
  [ "${ITA_REQUIRE_TOOLS:-}" = 1 ] && exit 1
  exit 77
fi
# shellcheck source=../lib/checks.sh
. "$(dirname "$0")/../lib/checks.sh"
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3) || { echo "FAILED: no python3 to drive the browser"; exit 1; }
# the pages, then one browser for all of them: the jobs of browser.py
jobs=()
print_page() { jobs+=("pdf:file://$1:$2"); } # page, PDF file
load_page() { jobs+=("dom:file://$1:$2"); }   # page, DOM file
ranks=$(dirname "$0")/../e2e/rank_html_charts/in.csv
for lang in en th; do
  page=$scratch/analysis-$lang.html
  "$ITA" report -f html --lang "$lang" "$DATA/examples/tceb-2565.csv" >"$page" || { echo "FAILED: ita report"; exit 1; }
  print_page "$page" "$scratch/analysis-$lang.pdf"
  load_page "$page" "$scratch/dom-$lang.html"
  page=$scratch/rank-$lang.html
  "$ITA" rank -f html --lang "$lang" "$ranks" "$DATA/examples/tceb-2565.csv" >"$page" || { echo "FAILED: ita rank"; exit 1; }
  print_page "$page" "$scratch/rank-$lang.pdf"
  load_page "$page" "$scratch/rank-dom-$lang.html"
  site=$scratch/site-$lang
  "$ITA" report -f html --lang "$lang" -o "$site/" "$ranks" "$DATA/examples/tceb-2565.csv" 2>/dev/null ||
    { echo "FAILED: ita report -o DIR/"; exit 1; }
  print_page "$site/index.html" "$scratch/index-$lang.pdf"
  load_page "$site/index.html" "$scratch/index-dom-$lang.html"
done
timeout 600 "$python" "$(dirname "$0")/browser.py" "$browser" "$scratch/profile" "$scratch/browser.log" "${jobs[@]}" ||
  echo "browser.py: not every page was printed or loaded (the checks say which)" >>"$scratch/browser.log"
for lang in en th; do
  pdf=$scratch/analysis-$lang.pdf dom=$scratch/dom-$lang.html
  check "$lang: a PDF is printed" test -s "$pdf"
  check "$lang: it is a PDF" test "$(head -c 5 "$pdf")" = "%PDF-"
  if command -v pdfinfo >/dev/null 2>&1; then
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    check "$lang: several pages (got $pages)" test "${pages:-0}" -ge 3
    check "$lang: A4 pages" bash -c "pdfinfo '$pdf' | grep -q '(A4)'"
    if fc-list 2>/dev/null | grep -qi tlwg; then
      check "$lang: a Thai font is embedded" bash -c \
        "pdffonts '$pdf' | grep -Eqi 'Loma|Garuda|Waree|Sawasdee|Kinnari|Norasi|Umpush|Laksaman|Tlwg|Sarabun|Noto Sans Thai'"
    fi
  fi
  check "$lang: the DOM is dumped" test -s "$dom"
  check "$lang: lang attribute" grep -q "<html lang=\"$lang\">" "$dom"
  check "$lang: three charts" test "$(grep -o '<svg ' "$dom" | wc -l)" -eq 3
  check "$lang: every chart has a title and a description" \
    test "$(grep -o '<title id="chart-[a-z]*-title">' "$dom" | wc -l)" -eq 3 -a \
         "$(grep -o '<desc id="chart-[a-z]*-desc">' "$dom" | wc -l)" -eq 3
  check "$lang: no script" test "$(grep -ci '<script' "$dom")" -eq 0
  for group in maintain improve urgent; do
    check "$lang: both tools have the $group group" test "$(grep -o "<h4 class=\"$group\">" "$dom" | wc -l)" -eq 2
  done
  for section in summary indicators groups oit measures notes; do
    check "$lang: section $section" grep -q "id=\"$section\"" "$dom"
  done
  for figure in 97.04 95.01 +2.03 98.50 91.63 98.80 99.36 99.21 96.12 99.03 93.31 92.60 88.97 \
                99.45 96.67 87.77 94.47 91.25 90.27 92.22 88.33 87.04 89.63 96.08 84.41; do
    check "$lang: figure $figure" grep -qF -- ">$figure<" "$dom"
  done
  for item in I1 I6 I20 I23 I26 I30 E1 E4 E10 E14 E15; do
    check "$lang: item $item" grep -qF "<span class=\"code\">$item</span>" "$dom"
  done
done
# the national summary (ita rank -f html) and the directory's index (report -o DIR/)
for lang in en th; do
  pdf=$scratch/rank-$lang.pdf dom=$scratch/rank-dom-$lang.html
  check "$lang: rank: a PDF is printed" test "$(head -c 5 "$pdf" 2>/dev/null)" = "%PDF-"
  if command -v pdfinfo >/dev/null 2>&1; then
    check "$lang: rank: A4 pages" bash -c "pdfinfo '$pdf' | grep -q '(A4)'"
  fi
  check "$lang: rank: lang attribute" grep -q "<html lang=\"$lang\">" "$dom"
  check "$lang: rank: four charts" test "$(grep -o '<svg ' "$dom" | wc -l)" -eq 4
  check "$lang: rank: every chart has a title and a description" \
    test "$(grep -o '<title id="chart-[a-z]*-title">' "$dom" | wc -l)" -eq 4 -a \
         "$(grep -o '<desc id="chart-[a-z]*-desc">' "$dom" | wc -l)" -eq 4
  check "$lang: rank: no script" test "$(grep -ci '<script' "$dom")" -eq 0
  for section in summary distribution histogram spread years top movers notes; do
    check "$lang: rank: section $section" grep -q "id=\"$section\"" "$dom"
  done
  for figure in 89.37 93.15 66.67% 90.24 80.00% 87.03 94.84 72.50 97.04; do
    check "$lang: rank: figure $figure" grep -qF -- ">$figure<" "$dom"
  done
  site=$scratch/site-$lang
  check "$lang: index: a PDF is printed" test "$(head -c 5 "$scratch/index-$lang.pdf" 2>/dev/null)" = "%PDF-"
  documents=$(find "$site" -name '*.html' ! -name index.html | wc -l)
  links=$(grep -o '<a href="[^"]*"' "$scratch/index-dom-$lang.html" | wc -l)
  check "$lang: index: a link to each of the $documents documents (got $links)" test "$links" -eq "$documents"
  missing=0
  for f in $(grep -o '<a href="[^"]*"' "$scratch/index-dom-$lang.html" | sed 's/^<a href="//; s/"$//'); do
    [ -f "$site/$f" ] || missing=$((missing + 1))
  done
  check "$lang: index: every link names a page of the directory ($missing missing)" test "$missing" -eq 0
  check "$lang: index: no script" test "$(grep -ci '<script' "$scratch/index-dom-$lang.html")" -eq 0
done
check "th: the urgent heading" grep -qF "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน" "$scratch/dom-th.html"
[ $fail = 0 ] || tail -20 "$scratch/browser.log"
exit $fail
