#!/usr/bin/env bash
# The history[] of ita report -f json against the slow computation of
# tests/tools/history_check.c, which reads the scores and the framework files
# itself: generated agencies over five and seven years (across the renumbered OIT
# lists of 2568 and 2569, with gaps), and the bundled example with the invented
# years of the e2e history cases.
set -euo pipefail
ITA=$1 GEN=$2 CHECK=$3 DATA=$4 CASES=$5
export ITA_DATA_DIR=$DATA LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for spec in "5 2568" "7 2569" "3 2566"; do
  set -- $spec
  "$GEN" --agencies 40 --years "$1" --last-year "$2" --seed "$2" --gaps >"$dir/in.csv"
  "$ITA" report -f json "$dir/in.csv" >"$dir/report.json"
  "$CHECK" "$DATA/frameworks" "$dir/report.json" "$dir/in.csv"
  # an earlier year reported: its history stops there
  "$ITA" report -f json --year $(($2 - 1)) "$dir/in.csv" >"$dir/report-before.json"
  "$CHECK" "$DATA/frameworks" "$dir/report-before.json" "$dir/in.csv"
done
"$ITA" report -f json "$DATA/examples/tceb-2565.csv" "$CASES/history_json/in.invented.csv" >"$dir/example.json"
"$CHECK" "$DATA/frameworks" "$dir/example.json" "$DATA/examples/tceb-2565.csv" "$CASES/history_json/in.invented.csv"
# and the check itself fails on a wrong figure: 2563's overall score changed by 0.01
sed 's/"history":\[{"year":2563,"overall":{"score":89.24/"history":[{"year":2563,"overall":{"score":89.25/' \
  "$dir/example.json" >"$dir/wrong.json"
! cmp -s "$dir/example.json" "$dir/wrong.json"
if "$CHECK" "$DATA/frameworks" "$dir/wrong.json" "$DATA/examples/tceb-2565.csv" \
     "$CASES/history_json/in.invented.csv" 2>/dev/null; then
  echo "history_check accepted a wrong overall score"; exit 1
fi
