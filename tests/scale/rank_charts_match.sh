#!/usr/bin/env bash
# The national summary's charts and tables (ita rank -f md and -f html) against
# numbers counted here: the overall scores in steps of 5.00 and each year's count,
# mean and pass rate, from `ita report -f json --year Y` of every year (scores read
# by rank_check --scores, counted and averaged with awk); the box plot's numbers
# against the spread of `ita rank -f json`, which rank_check checks against the
# reports. Grades (2565) and levels (2569), three years each.
set -euo pipefail
ITA=$1 GEN=$2 CHECK=$3
export ITA_DATA_DIR=$4 LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# an md table's rows below a heading, as "cell1|cell2|..."
table() { awk -v h="$2" '$0 == h {on = 1; next} on && /^## / {exit} on && /^\| / && !/^\|:/ {gsub(/ *\| */, "|"); gsub(/\*\*/, ""); print}' "$1" | sed 1d | sed 's/^|//;s/|$//'; }
for last in 2565 2569; do
  "$GEN" --agencies 150 --years 3 --last-year "$last" --seed "$((last + 1))" --gaps >"$dir/in.csv"
  "$ITA" rank -f md --lang en "$dir/in.csv" >"$dir/rank.md"
  "$ITA" rank -f html --lang en "$dir/in.csv" >"$dir/rank.html"
  "$ITA" rank -f json "$dir/in.csv" >"$dir/rank.json"
  "$ITA" report -f json "$dir/in.csv" >"$dir/report.json"
  "$CHECK" "$dir/report.json" "$dir/rank.json"
  # the histogram: steps from the lowest with an agency up to 95.00-100.00
  "$CHECK" --scores "$dir/report.json" | awk '{
      b = int($1 / 500); if (b > 19) b = 19; n[b]++; if (lo == "" || b < lo) lo = b }
    END { for (b = lo; b <= 19; b++) printf "%.2f–%.2f|%d\n", b * 5, b * 5 + 5, n[b] }' >"$dir/want-hist"
  table "$dir/rank.md" "## The overall score in steps of 5" >"$dir/got-hist"
  diff "$dir/want-hist" "$dir/got-hist"
  # the same counts in the html chart's description
  grep -o '<desc id="chart-histogram-desc">[^<]*' "$dir/rank.html" | sed 's/.*Pass mark: [0-9.]*) //; s/; /\n/g' |
    sed 's/: /|/' >"$dir/got-hist-html"
  diff "$dir/want-hist" "$dir/got-hist-html"
  # every year: count, mean (rounded once, half away from zero) and pass rate
  : >"$dir/want-years"
  for y in $((last - 2)) $((last - 1)) "$last"; do
    "$ITA" report -f json --year "$y" "$dir/in.csv" >"$dir/report-$y.json"
    "$CHECK" --scores "$dir/report-$y.json" | awk -v y="$y" '{ n++; s += $1; p += $2 }
      END { printf "%s|%d|%.2f|%.2f%%\n", y, n, int((2 * s + n) / (2 * n)) / 100, int((2 * p * 10000 + n) / (2 * n)) / 100 }' \
      >>"$dir/want-years"
  done
  table "$dir/rank.md" "## The national figures by year" >"$dir/got-years"
  diff "$dir/want-years" "$dir/got-years"
  grep -c '<svg[^>]*aria-labelledby="chart-years-title' "$dir/rank.html"
  # the box plot: min, p25, median, p75, max of each row as the spread table gives them
  table "$dir/rank.md" "## Spread of the scores by tool and indicator" |
    awk -F'|' '{ printf "%s, %s, %s, %s, %s\n", $7, $5, $4, $6, $8 }' >"$dir/want-boxes"
  grep -o '<desc id="chart-spread-desc">[^<]*' "$dir/rank.html" | sed 's/^.*across it[.] //; s/; /\n/g' |
    sed 's/^[^:]*: //' >"$dir/got-boxes"
  diff "$dir/want-boxes" "$dir/got-boxes"
  test "$(sed -n '/aria-labelledby="chart-spread-title/,/<\/svg>/p' "$dir/rank.html" | grep -c 'height="14"')" -eq 14
done
