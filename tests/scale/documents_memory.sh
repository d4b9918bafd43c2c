#!/usr/bin/env bash
# report -f html -o DIR/ holds a few documents at a time, not every agency's: the
# peak memory of 3,000 agencies exceeds that of 300 by less than 6 KiB an agency
# (the scores read and each agency's headline and file name; all the reports at
# once took about 15 KiB an agency, a document alone about 60 KiB of html).
set -uo pipefail
ITA=$1 GEN=$2 PEAK=$3
export ITA_DATA_DIR=$4 LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
peak=()
for n in 300 3000; do
  "$GEN" --agencies $n --years 1 --seed 3 >"$dir/in.csv" || exit 1
  kib=$("$PEAK" "$ITA" report -f html --jobs 2 -o "$dir/out/" "$dir/in.csv") || { echo "$n agencies: ita failed"; exit 1; }
  [ "$(find "$dir/out" -name '*.html' | wc -l)" = $((n + 1)) ] || { echo "$n agencies: not $((n + 1)) files"; exit 1; }
  echo "$n agencies: peak RSS $kib KiB"
  peak+=("$kib")
  rm -rf "$dir/out"
done
growth=$((peak[1] - peak[0]))
bound=$((2700 * 6))
echo "growth ${growth} KiB for 2,700 agencies (bound ${bound} KiB)"
[ "$growth" -lt "$bound" ]
