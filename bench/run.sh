#!/usr/bin/env bash
# The benchmark of `ita rank` on the national file: builds what it needs, generates
# the file (and one twice as large, for memory), times the libcsv parse floor,
# `ita rank` and what an analyst would use instead (DuckDB through its npm
# package, sqlite3 and pandas from Debian) with hyperfine in one run, measures
# peak memory with /usr/bin/time -v, and writes bench/RESULTS.md.
#
#   bench/run.sh [--agencies N] [--years N] [--runs N] [--work DIR] [--without NAME]...
#
# --without leaves out one of the other programs (DuckDB, sqlite3, pandas): sqlite3
# alone takes minutes a run.
#
# Needs hyperfine and GNU time (Debian: hyperfine, time); the rest is optional and
# skipped with a note: nodejs and npm (DuckDB is installed with npm into DIR/node,
# outside the tree), sqlite3, python3-pandas. Files go to DIR (default: a folder in
# $TMPDIR); nothing generated is written into the tree but RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
agencies=8300 years=5 runs=5 work="${TMPDIR:-/tmp}/ita-bench"
without=" "
while [ $# -gt 0 ]; do
  case "$1" in
    --agencies) agencies=$2; shift 2 ;;
    --years) years=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --without) without+="$2 "; shift 2 ;;
    *) echo "usage: bench/run.sh [--agencies N] [--years N] [--runs N] [--work DIR] [--without NAME]..." >&2; exit 2 ;;
  esac
done
. bench/lib.sh
bench_build
floor="$build/bench/csv-floor" lines="$build/bench/line-count"

# the files: generated once for each set of arguments
national="$work/national-$agencies-$years.csv"
double="$work/national-$((2 * agencies))-$years.csv"
map="$work/map-$years.csv"
[ -s "$national" ] || "$gen" --agencies "$agencies" --years "$years" >"$national"
[ -s "$double" ] || "$gen" --agencies $((2 * agencies)) --years "$years" >"$double"
"$gen" --map --years "$years" >"$map"
rows=$(($(wc -l <"$national") - 1))
size_mb=$(($(stat -c %s "$national") / 1000000))
size2_mb=$(($(stat -c %s "$double") / 1000000))

# the contenders that are installed
names=() commands=() notes=()
add() { names+=("$1"); commands+=("$2"); }
wanted() { case "$without" in *" $1 "*) notes+=("$1: left out of this run (--without $1)."); return 1 ;; esac; }
add "csv-floor" "$floor $national"
add "cat" "cat $national"
add "line-count (memchr)" "$lines $national"
add "ita rank" "$ita rank -f csv $national"
add "ita rank -f xlsx" "$ita rank -f xlsx -o $work/rank.xlsx $national"
add "ita rank --jobs 1" "$ita rank -f csv --jobs 1 $national"
if ! wanted DuckDB; then
  :
elif command -v node >/dev/null && command -v npm >/dev/null; then
  mkdir -p "$work/node"
  if [ ! -d "$work/node/node_modules/@duckdb/node-api" ]; then
    (cd "$work/node" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1) ||
      notes+=("DuckDB: \`npm install @duckdb/node-api\` failed; not measured.")
  fi
  if [ -d "$work/node/node_modules/@duckdb/node-api" ]; then
    cp bench/duckdb.mjs "$work/node/"
    add "DuckDB (node)" "node $work/node/duckdb.mjs $national $map"
  fi
else
  notes+=("DuckDB: node and npm are not installed (Debian: nodejs, npm); not measured.")
fi
if ! wanted sqlite3; then
  :
elif command -v sqlite3 >/dev/null; then
  sed -e "s|^.import DATA|.import $national|" -e "s|^.import MAP|.import $map|" bench/sqlite.sql >"$work/sqlite.sql"
  add "sqlite3" "sqlite3 :memory: -init /dev/null -batch < $work/sqlite.sql"
else
  notes+=("sqlite3 is not installed (Debian: sqlite3); not measured.")
fi
python=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import pandas' 2>/dev/null; then python=$p; break; fi
done
if ! wanted pandas; then
  :
elif [ -n "$python" ]; then
  add "pandas" "$python bench/pandas_rank.py $national $map"
else
  notes+=("pandas is not installed (Debian: python3-pandas); not measured.")
fi

# times: one hyperfine run over all of them, so that the floor is measured beside them
args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
hyperfine --warmup 1 --runs "$runs" --export-csv "$work/times.csv" "${args[@]}" >&2
# a column of hyperfine's CSV for one program: 4 median, 5 user (mean), 6 system (mean)
column() { awk -F, -v n="$1" -v k="$2" 'NR > 1 { c = $1; gsub(/"/, "", c); if (c == n) print $k }' "$work/times.csv"; }
median() { column "$1" 4; }
floor_s=$(median "${names[0]}")

# peak memory
rss() { /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }'; }
declare -A mem
for i in "${!names[@]}"; do mem[${names[$i]}]=$(rss "${commands[$i]}"); done
rank_rss2=$(rss "$ita rank -f csv $double")
floor_rss2=$(rss "$floor $double")
# what two cores give: the floor twice at once against once (2.0 is one core's worth)
t0=$(date +%s.%N); "$floor" "$national" >/dev/null; t1=$(date +%s.%N)
"$floor" "$national" >/dev/null & "$floor" "$national" >/dev/null; wait; t2=$(date +%s.%N)
pair=$(awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "%.2f", (c - b) / (b - a) }')
# a single agency's report: a few milliseconds, so many runs without a shell (-N),
# its median and its least, and the load of the machine while they ran
report_load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
hyperfine --warmup 20 --runs 300 --export-csv "$work/report.csv" -N -n report "$ita report data/examples/tceb-2565.csv" >&2
report_ms=$(awk -F, 'NR == 2 { printf "%.2f", $4 * 1000 }' "$work/report.csv")
report_min_ms=$(awk -F, 'NR == 2 { printf "%.2f", $7 * 1000 }' "$work/report.csv")

ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN { printf "%.2f", a / b }'; }
# a row of the targets' table: what, figure, limit, unit
target() { echo "| $1 | $2$4 | $(awk -v a="$2" -v b="$3" 'BEGIN { print (a <= b) ? "yes" : "no" }') |"; }
{
  echo "# Benchmark: \`ita rank\` on the national file"
  echo
  echo "Written by \`bench/run.sh --agencies $agencies --years $years --runs $runs\` on $(date -u +%Y-%m-%d)."
  echo "Ratios are the figures to quote: the machines are shared and noisy, and every"
  echo "time below was measured in the same run as the floor it is divided by."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(lscpu | awk -F': +' '/Model name/ { print $2; exit }'), $(nproc) cores"
  echo "- memory: $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "- system: Debian $(cat /etc/debian_version 2>/dev/null || echo '?'), Linux $(uname -r)"
  echo "- two runs of the floor at once take $pair × as long as one (1.0: two real cores;"
  echo "  2.0: one core's worth). \`ita rank\` uses every core it is given; the gain over"
  echo "  \`--jobs 1\` is bounded by this."
  echo "- libcsv $(dpkg-query -W -f='${Version}' libcsv3 2>/dev/null || echo '?'), hyperfine $(hyperfine --version | awk '{ print $2 }')"
  echo
  echo "## File"
  echo
  echo "\`ita-gen --agencies $agencies --years $years\`: $agencies agencies, $years years, every item (or"
  echo "sub-question) of each year's framework, official-style Thai names, some with a comma or"
  echo "quotes: $rows rows, $size_mb MB. The file twice as large (for memory) has $((2 * agencies))"
  echo "agencies, $size2_mb MB."
  echo
  echo "## The targets of issue 14 in this run"
  echo
  echo "The other targets (every agency's document, the workbook reader and writer) are in"
  echo "their own sections below, written in the same run by bench/documents.sh and"
  echo "bench/workbook.sh."
  echo
  echo "| target | measured | met |"
  echo "| --- | ---: | :---: |"
  target "\`ita rank\` ≤ 0.35 × the floor" "$(ratio "ita rank" csv-floor)" 0.35 " ×"
  target "\`ita rank --jobs 1\` ≤ 0.45 × the floor" "$(ratio "ita rank --jobs 1" csv-floor)" 0.45 " ×"
  target "peak RSS of \`ita rank\` on the file twice as large ≤ 64 MiB" "$rank_rss2" 64 " MiB"
  target "\`ita report\` of the example ≤ 1.5 ms (median)" "$report_ms" 1.5 " ms"
  echo
  echo "## Time (hyperfine, $runs runs after a warm-up, median)"
  echo
  echo "User and system are CPU seconds (means), of every thread: they show whether a"
  echo "program's time moved because it did more work or because it waited for a core."
  echo
  echo "| program | median (s) | ratio to the floor | user (s) | system (s) | peak RSS (MiB) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for i in "${!names[@]}"; do
    m=$(median "${names[$i]}")
    echo "| ${names[$i]} | $(printf '%.3f' "$m") | $(awk -v a="$m" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }') | $(printf '%.3f' "$(column "${names[$i]}" 5)") | $(printf '%.3f' "$(column "${names[$i]}" 6)") | ${mem[${names[$i]}]} |"
  done
  echo
  echo "## The limits"
  echo
  echo "Reading the file from the page cache (\`cat\`) takes $(ratio cat csv-floor) × the floor, and a bare"
  echo "memchr pass counting its newlines (\`bench/lines.c\`) $(ratio "line-count (memchr)" csv-floor) ×. \`ita rank\` takes"
  echo "$(ratio "ita rank" cat) × the time of \`cat\` and $(ratio "ita rank" "line-count (memchr)") × that of the memchr pass (\`--jobs 1\`: $(ratio "ita rank --jobs 1" cat) × and"
  echo "$(ratio "ita rank --jobs 1" "line-count (memchr)") ×)."
  echo
  xlsx_s=$(median "ita rank -f xlsx")
  csv_s=$(median "ita rank")
  echo "## The workbook beside the CSV"
  echo
  echo "\`ita rank -f xlsx\` writes the same ranking as a workbook (docs/xlsx.md) in libxlsxwriter's"
  echo "constant-memory mode: $(awk -v a="$xlsx_s" -v b="$csv_s" 'BEGIN { printf "%.2f", a / b }') × the time of \`ita rank -f csv\`"
  echo "(target: at most 2), peak RSS ${mem[ita rank -f xlsx]} MiB (target: at most 64)."
  echo
  echo "## Memory on the file twice as large"
  echo
  echo "| program | peak RSS (MiB) |"
  echo "| --- | ---: |"
  echo "| ${names[0]} | $floor_rss2 |"
  echo "| ita rank | $rank_rss2 |"
  echo
  echo "## A single agency's report"
  echo
  echo "\`ita report data/examples/tceb-2565.csv\`: median $report_ms ms, least $report_min_ms ms (hyperfine -N,"
  echo "300 runs after 20 to warm up; load average $report_load when they began)."
  echo
  echo "## What each program does"
  echo
  echo "- **csv-floor** (\`bench/floor.c\`) parses the file with libcsv on one core and counts"
  echo "  fields: the least any libcsv-based analysis must do."
  echo "- **ita rank** does the whole analysis exactly (every figure in fixed point, rounded"
  echo "  once): items from sub-questions, indicators, the weighted overall score, grade or"
  echo "  level, ranks, changes, distribution, per-indicator statistics, movers. It reads with"
  echo "  its own scanner on every core (\`--jobs 1\`: one), and validates every row."
  echo "- **ita rank -f xlsx** does the same and writes the workbook of docs/xlsx.md (8,300 rows"
  echo "  of rank, agency, scores of every tool and indicator, and the other sheets) to a file."
  echo "- **DuckDB**, **sqlite3** and **pandas** do the same arithmetic in floating point from"
  echo "  \`ita-gen --map\` (item, indicator, sub-indicator, weight): \`bench/duckdb.mjs\`,"
  echo "  \`bench/sqlite.sql\` (no median or quartiles: sqlite has none), \`bench/pandas_rank.py\`."
  echo "  They check nothing about the input."
  if [ ${#notes[@]} -gt 0 ]; then
    echo
    echo "## Not measured"
    echo
    for n in "${notes[@]}"; do echo "- $n"; done
  fi
} >bench/RESULTS.md
# rank on the national file as a workbook beside CSV: its own section of RESULTS.md
bash bench/workbook.sh --agencies "$agencies" --runs "$runs" --work "$work" >/dev/null
# every agency's document: its own section too
bash bench/documents.sh --agencies "$agencies" --runs "$runs" --work "$work" >/dev/null
# the profiles behind the figures, written by hand: one level down, at the end
{ echo; sed 's/^#/##/' bench/profile.md; } >>bench/RESULTS.md
cat bench/RESULTS.md
