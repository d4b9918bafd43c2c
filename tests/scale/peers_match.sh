#!/usr/bin/env bash
# ita report --peers on generated files: every figure of each report's `peers`
# (count, rank, percentile, quartiles, quarter) equals the slow computation of
# tests/tools/rank_check.c from the peers' own reports. Grades (2565) and levels
# (2569); national and by province; agencies among their own peers (the same
# file), agencies whose name the peers hold with other scores, and agencies the
# peers do not hold; peers read from one file and from two.
set -euo pipefail
ITA=$1 GEN=$2 CHECK=$3
export ITA_DATA_DIR=$4 LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for last in 2565 2569; do
  "$GEN" --agencies 120 --years 2 --last-year "$last" --seed "$last" --gaps >"$dir/in.csv"
  "$ITA" report -f json "$dir/in.csv" >"$dir/self.json"
  "$ITA" rank -f json "$dir/in.csv" >"$dir/self-rank.json"
  "$ITA" report -f json --peers "$dir/in.csv" "$dir/in.csv" >"$dir/report.json"
  "$CHECK" --peers "$dir/report.json" "$dir/self.json"
  ! grep -q '"includes_agency":false' "$dir/report.json"
  "$ITA" report -f json --peers "$dir/in.csv" --peers-by province "$dir/in.csv" >"$dir/report-by.json"
  "$CHECK" --peers "$dir/report-by.json" "$dir/self.json" "$dir/self-rank.json" province
  # the generator names agencies by position: the 50 peers are the first 50
  # agencies with other scores; the peers' rows are split over two files
  "$GEN" --agencies 50 --years 1 --last-year "$last" --seed 7 >"$dir/p.csv"
  { head -1 "$dir/p.csv"; sed 1d "$dir/p.csv" | awk 'NR % 2'; } >"$dir/p1.csv"
  { head -1 "$dir/p.csv"; sed 1d "$dir/p.csv" | awk 'NR % 2 == 0'; } >"$dir/p2.csv"
  "$ITA" report -f json "$dir/p.csv" >"$dir/peers.json"
  "$ITA" rank -f json "$dir/p.csv" >"$dir/peers-rank.json"
  "$ITA" report -f json --peers "$dir/p1.csv" --peers "$dir/p2.csv" "$dir/in.csv" >"$dir/other.json"
  "$CHECK" --peers "$dir/other.json" "$dir/peers.json"
  test "$(grep -o '"includes_agency":true' "$dir/other.json" | wc -l)" -eq 50
  test "$(grep -o '"includes_agency":false' "$dir/other.json" | wc -l)" -eq 70
  "$ITA" report -f json --peers "$dir/p.csv" --peers-by province "$dir/in.csv" >"$dir/other-by.json"
  "$CHECK" --peers "$dir/other-by.json" "$dir/peers.json" "$dir/peers-rank.json" province
done
