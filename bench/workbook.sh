#!/usr/bin/env bash
# The workbook reader and writer on the national file, in one hyperfine run beside
# the libcsv floor and `ita rank` of the same file as CSV: `ita rank` of it as an
# Excel workbook (the reader) and `ita rank -f xlsx -o FILE` of the CSV (the
# writer); peak memory with /usr/bin/time -v. Writes (or replaces) the section
# "Workbooks" of bench/RESULTS.md; bench/run.sh runs it after its own
# measurements, and it can be run alone:
#
#   bench/workbook.sh [--agencies N] [--runs N] [--work DIR]
#
# A sheet holds at most 1,048,576 rows, so the file is one year of the national
# file (ita-gen --years 1), converted by bench/csv2xlsx (libxlsxwriter in
# constant-memory mode: numbers as numeric cells, text as inline strings).
set -euo pipefail
cd "$(dirname "$0")/.."
agencies=8300 runs=5 work="${TMPDIR:-/tmp}/ita-bench"
. bench/lib.sh
bench_setup workbook.sh "$@"
command -v unzip >/dev/null || { echo "bench: unzip is needed (apt-get install unzip)" >&2; exit 2; }
floor="$build/bench/csv-floor"

csv="$work/national-$agencies-1.csv"
book="$work/national-$agencies-1.xlsx"
[ -s "$csv" ] || "$gen" --agencies "$agencies" --years 1 >"$csv"
[ -s "$book" ] || "$build/bench/csv2xlsx" "$csv" "$book"
rows=$(($(wc -l <"$csv") - 1))
csv_mb=$(($(stat -c %s "$csv") / 1000000))
book_mb=$(($(stat -c %s "$book") / 1000000))
sheet_mb=$(unzip -l "$book" xl/worksheets/sheet1.xml | awk 'NR == 4 { printf "%d", $1 / 1000000 }')
same=no
cmp -s <("$ita" rank -f json "$csv") <("$ita" rank -f json "$book") && same=yes

names=("csv-floor" "ita rank (CSV)" "ita rank --jobs 1 (CSV)" "ita rank (xlsx): the reader" "ita rank -f xlsx -o FILE (CSV): the writer")
commands=("$floor $csv" "$ita rank -f csv $csv" "$ita rank -f csv --jobs 1 $csv" "$ita rank -f csv $book"
          "$ita rank -f xlsx -o $work/rank.xlsx $csv")
args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
hyperfine --warmup 1 --runs "$runs" --export-csv "$work/workbook.csv" "${args[@]}" >&2
# column 4 of hyperfine's CSV is the median, 5 the mean user time
column() { awk -F, -v n="$1" -v k="$2" 'NR > 1 { c = $1; gsub(/"/, "", c); if (c == n) print $k }' "$work/workbook.csv"; }
median() { column "$1" 4; }
user() { column "$1" 5; }
rss() { /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }'; }
floor_s=$(median "${names[0]}")
csv_s=$(median "${names[1]}")
csv1_user=$(user "${names[2]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

section=$(
  echo "## Workbooks"
  echo
  echo "Written by \`bench/workbook.sh --agencies $agencies --runs $runs\` on $(date -u +%Y-%m-%d),"
  echo "$(nproc) cores, load average $(awk '{ print $1 }' /proc/loadavg) when it ended (the machine is shared:"
  echo "quote the ratios, each measured in the same hyperfine run; user time, the CPU the program"
  echo "itself spent, is the steadier figure when other work shares the cores)."
  echo
  echo "One year of the national file (\`ita-gen --agencies $agencies --years 1\`: $rows rows, $csv_mb MB;"
  echo "a sheet holds at most 1,048,576 rows) as CSV and as a workbook written by"
  echo "\`bench/csv2xlsx\` (libxlsxwriter, constant-memory mode; $book_mb MB, its sheet $sheet_mb MB of XML)."
  echo "\`ita rank -f json\` gives byte-identical output for both: $same."
  echo
  echo "| program | median (s) | ratio to the floor | ratio to rank (CSV) | user (s) | user, ratio to rank --jobs 1 (CSV) | peak RSS (MiB) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for i in "${!names[@]}"; do
    m=$(median "${names[$i]}") u=$(user "${names[$i]}")
    echo "| ${names[$i]} | $(printf '%.2f' "$m") | $(ratio "$m" "$floor_s") | $(ratio "$m" "$csv_s") |" \
         "$(printf '%.2f' "$u") | $(ratio "$u" "$csv1_user") | $(rss "${commands[$i]}") |"
  done
  echo
  echo "The workbook is read on one thread: the sheet is inflated (zlib, through libzip) and"
  echo "parsed as a stream (by ita's own scanner for plain XML, expat for anything else), in"
  echo "memory bounded by one row and the shared strings. The writer reads the CSV as \`rank\`"
  echo "does and writes the ranking through libxlsxwriter in a child process (its time and"
  echo "memory are counted). Where the reader's time goes: bench/profile.md."
)
bench_section "Workbooks" "$section"
echo "$section"
