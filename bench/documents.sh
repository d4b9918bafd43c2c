#!/usr/bin/env bash
# `ita report -f html -o DIR/` (and -f md) for every agency of one year of the
# national file, beside the disk limit measured in the same hyperfine run: the
# same files (names and bytes) copied into a new folder by cp, with and without a
# sync of the file system after it (ita syncs once before renaming its files into
# place: docs/cli.md). Each command runs twice over, both times into a folder that
# does not exist yet: first under a new name each run (nothing removed while they
# run; all removed after), then into one folder removed before each run (hyperfine
# --prepare). On an ext4 without a journal the second way makes every program pay
# for the files just removed (the inode allocator skips inodes freed in the last
# half minute or so, looking each one up), cp as much as ita: both tables are
# written, and the first is the limit to quote. Peak memory with /usr/bin/time -v. Writes (or replaces) the section "Every agency's document" of
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
# DIR is a new name each run ($$, the shell hyperfine starts for the run), or $out
commands() {
  local d=$1
  commands=("cp -r $ref $d" "cp -r $ref $d && sync -f $d" "$ita report -f html -o $d/ $csv"
            "$ita report -f html --jobs 1 -o $d/ $csv" "$ita report -f md -o $d/ $csv")
}
fresh="$work/documents-fresh"
rm -rf "$fresh"
mkdir -p "$fresh"
for method in fresh removed; do
  if [ $method = fresh ]; then commands "$fresh/\$\$"; prepare=true; else commands "$out"; prepare="rm -rf $out"; fi
  args=()
  for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  hyperfine --runs "$runs" --prepare "$prepare" --export-csv "$work/documents-$method.csv" "${args[@]}" >&2
  [ $method = fresh ] && [ "$(find "$fresh" -mindepth 1 -maxdepth 1 | wc -l)" = $((runs * ${#names[@]})) ] ||
    [ $method = removed ] || { echo "bench: the runs did not each write a new folder" >&2; exit 1; }
done
rm -rf "$fresh"
field() { awk -F, -v n="$1" -v f="$2" 'NR > 1 { c = $1; gsub(/"/, "", c); if (c == n) print $f }' "$work/documents-$method.csv"; }
rss() { rm -rf "$out"; /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }'; }
commands "$out"
declare -A peak
for i in "${!names[@]}"; do peak[$i]=$(rss "${commands[$i]}"); done
rm -rf "$ref" "$one"
# one table a method
table() {
  method=$1
  local limit_s
  limit_s=$(field "${names[1]}" 4)
  echo "| program | median (s) | user (s) | system (s) | ratio to cp -r and sync | peak RSS (MiB) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for i in "${!names[@]}"; do
    m=$(field "${names[$i]}" 4)
    echo "| ${names[$i]} | $(printf '%.2f' "$m") | $(printf '%.2f' "$(field "${names[$i]}" 5)") |" \
         "$(printf '%.2f' "$(field "${names[$i]}" 6)") | $(awk -v a="$m" -v b="$limit_s" 'BEGIN { printf "%.2f", a / b }') |" \
         "${peak[$i]} |"
  done
}

section=$(
  echo "## Every agency's document"
  echo
  echo "Written by \`bench/documents.sh --agencies $agencies --runs $runs\` on $(date -u +%Y-%m-%d),"
  echo "$(nproc) cores, load average $(awk '{ print $1 }' /proc/loadavg) when it ended (the machine may be shared:"
  echo "quote the ratios and the CPU times, each measured in the same hyperfine run)."
  echo
  echo "One year of the national file (\`ita-gen --agencies $agencies --years 1\`: $rows rows, $csv_mb MB)"
  echo "gives $files files (every agency's document and index.html), $bytes_mb MB of html. The limit"
  echo "to quote is the disk: \`cp -r\` of the same files, and the same followed by \`sync -f\` (ita"
  echo "syncs the file system once before it places its files). The html is byte-identical on one"
  echo "thread and on every core: $same."
  echo
  echo "Every command writes a folder that does not exist yet, under a new name each run; nothing is"
  echo "removed until all runs are done. This is the limit to quote:"
  echo
  table fresh
  echo
  echo "The same commands into one folder removed before each run. This ext4 has no journal, and then"
  echo "its inode allocator skips every inode freed in the last half minute or so, looking each one"
  echo "up: every program that creates files right after $files were removed pays for it, cp as much"
  echo "as ita, so these times measure the removal as much as the writing:"
  echo
  table removed
  echo
  echo "ita holds the scores and each agency's headline (for the index), and renders the documents"
  echo "as it computes them, a few at a time: memory does not hold every agency's report."
)
rm -rf "$out"
bench_section "Every agency's document" "$section"
echo "$section"
