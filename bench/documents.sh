#!/usr/bin/env bash
# `ita report -f html -o DIR/` (and -f md) for every agency of one year of the
# national file, beside the disk limit measured in the same hyperfine run: the
# same files (names and bytes) copied into a new folder by cp, with and without a
# sync of the file system after it (ita syncs once before renaming its files into
# place: docs/cli.md). Every command writes into a folder removed before each run
# (hyperfine --prepare), as a first run into a new folder does. Peak memory with
# /usr/bin/time -v. Writes (or replaces) the section "Every agency's document" of
# bench/RESULTS.md; bench/run.sh may run it after its own measurements, and it can
# be run alone:
#
#   bench/documents.sh [--agencies N] [--runs N] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
agencies=8300 runs=3 work="${TMPDIR:-/tmp}/ita-bench"
. bench/lib.sh
bench_setup documents.sh "$@"

csv="$work/national-$agencies-1.csv"
[ -s "$csv" ] || "$gen" --agencies "$agencies" --years 1 >"$csv"
rows=$(($(wc -l <"$csv") - 1))
csv_mb=$(($(stat -c %s "$csv") / 1000000))
out="$work/documents" ref="$work/documents-ref" one="$work/documents-one"
# the reference copy for cp, and the output on one thread to compare with
rm -rf "$ref" "$one"
"$ita" report -f html -o "$ref/" "$csv" 2>/dev/null
"$ita" report -f html --jobs 1 -o "$one/" "$csv" 2>/dev/null
files=$(find "$ref" -type f | wc -l)
bytes_mb=$(($(du -sb "$ref" | cut -f1) / 1000000))
same=no
diff -r "$ref" "$one" >/dev/null && same=yes

names=("cp -r (the same files)" "cp -r and sync -f" "ita report -f html -o DIR/" "ita report -f html --jobs 1 -o DIR/"
       "ita report -f md -o DIR/")
commands=("cp -r $ref $out" "cp -r $ref $out && sync -f $out" "$ita report -f html -o $out/ $csv"
          "$ita report -f html --jobs 1 -o $out/ $csv" "$ita report -f md -o $out/ $csv")
args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
hyperfine --runs "$runs" --prepare "rm -rf $out" --export-csv "$work/documents.csv" "${args[@]}" >&2
field() { awk -F, -v n="$1" -v f="$2" 'NR > 1 { c = $1; gsub(/"/, "", c); if (c == n) print $f }' "$work/documents.csv"; }
rss() { rm -rf "$out"; /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }'; }
limit_s=$(field "${names[1]}" 4)
rm -rf "$ref" "$one"

section=$(
  echo "## Every agency's document"
  echo
  echo "Written by \`bench/documents.sh --agencies $agencies --runs $runs\` on $(date -u +%Y-%m-%d),"
  echo "$(nproc) cores, load average $(awk '{ print $1 }' /proc/loadavg) when it ended (the machine may be shared:"
  echo "quote the ratios and the CPU times, each measured in the same hyperfine run)."
  echo
  echo "One year of the national file (\`ita-gen --agencies $agencies --years 1\`: $rows rows, $csv_mb MB)"
  echo "gives $files files (every agency's document and index.html), $bytes_mb MB of html. Each command"
  echo "writes into a folder removed before each run. The limit to quote is the disk: \`cp -r\` of the"
  echo "same files, and the same followed by \`sync -f\` (ita syncs the file system once before it"
  echo "renames its files into place). The html is byte-identical on one thread and on every core: $same."
  echo
  echo "| program | median (s) | user (s) | system (s) | ratio to cp -r and sync | peak RSS (MiB) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for i in "${!names[@]}"; do
    m=$(field "${names[$i]}" 4)
    echo "| ${names[$i]} | $(printf '%.2f' "$m") | $(printf '%.2f' "$(field "${names[$i]}" 5)") |" \
         "$(printf '%.2f' "$(field "${names[$i]}" 6)") | $(awk -v a="$m" -v b="$limit_s" 'BEGIN { printf "%.2f", a / b }') |" \
         "$(rss "${commands[$i]}") |"
  done
  echo
  echo "ita holds the scores and each agency's headline (for the index), and renders the documents"
  echo "as it computes them, a few at a time: memory does not hold every agency's report."
)
rm -rf "$out"
bench_section "Every agency's document" "$section"
echo "$section"
