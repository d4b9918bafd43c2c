#!/usr/bin/env bash
# ita rank against ita report on generated files of a few hundred agencies: every
# ranked agency carries its report's figures, and every statistic equals the slow
# computation of tests/tools/rank_check.c. Grades (2565) and levels (2569) years,
# with incomplete agencies (--gaps), national and by province.
set -euo pipefail
ITA=$1 GEN=$2 CHECK=$3
export ITA_DATA_DIR=$4 LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# the generator is deterministic: the same arguments, the same bytes
"$GEN" --agencies 50 --years 2 --seed 9 >"$dir/a.csv"
"$GEN" --agencies 50 --years 2 --seed 9 >"$dir/b.csv"
cmp "$dir/a.csv" "$dir/b.csv"
"$GEN" --agencies 50 --years 2 --seed 10 >"$dir/c.csv"
! cmp -s "$dir/a.csv" "$dir/c.csv"
for last in 2565 2569; do
  "$GEN" --agencies 300 --years 3 --last-year "$last" --seed "$last" --gaps >"$dir/in.csv"
  "$ITA" report -f json "$dir/in.csv" >"$dir/report.json"
  "$ITA" rank -f json --top 15 "$dir/in.csv" >"$dir/rank.json"
  "$CHECK" "$dir/report.json" "$dir/rank.json" 15
  "$ITA" rank -f json --by province --top 5 "$dir/in.csv" >"$dir/rank-by.json"
  "$CHECK" "$dir/report.json" "$dir/rank-by.json" 5
  # the base year asked for, one year back from the latest
  base=$((last - 2))
  "$ITA" report -f json --base-year "$base" "$dir/in.csv" >"$dir/report-base.json"
  "$ITA" rank -f json --base-year "$base" "$dir/in.csv" >"$dir/rank-base.json"
  "$CHECK" "$dir/report-base.json" "$dir/rank-base.json" 10
done
