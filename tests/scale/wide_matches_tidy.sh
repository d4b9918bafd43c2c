#!/usr/bin/env bash
# ita rank on the national table as it is published, one row per agency (agency,
# province, IIT, EIT, OIT, overall: ita-gen --wide) gives the same ranks and
# statistics as on the tidy national file of the same scores, at tool level: every
# agency's rank, rank in its province, score, grade or level, pass and tools; the
# count, mean, median, quartiles, pass rate and distribution, nationally and per
# province; the movers. The indicators (which the wide table does not have) and
# the warnings (which say so) are left out of the comparison. Grades (2565) and
# levels (2569) years, with incomplete agencies (--gaps); one year (no year
# column: --year) and two years (a year column); the same bytes on one thread and
# on several.
set -euo pipefail
ITA=$1 GEN=$2
export ITA_DATA_DIR=$3 LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
tool_level()
{
    sed -e 's/,"indicators":\[[^]]*\]//g' -e '/^"warnings":/d' "$1"
}
for last in 2565 2569; do
  for years in 1 2; do
    args=(--agencies 300 --years "$years" --last-year "$last" --seed "$last" --gaps)
    "$GEN" "${args[@]}" >"$dir/tidy.csv"
    "$GEN" "${args[@]}" --wide >"$dir/wide.csv"
    [ "$(wc -l <"$dir/wide.csv")" -eq $((300 * years + 1)) ]
    "$ITA" rank -f json --by province --top 5 "$dir/tidy.csv" >"$dir/tidy.json"
    "$ITA" rank -f json --by province --top 5 --year "$last" "$dir/wide.csv" >"$dir/wide.json"
    tool_level "$dir/tidy.json" >"$dir/tidy.tools"
    tool_level "$dir/wide.json" >"$dir/wide.tools"
    # not an empty comparison: every agency of the file is ranked or left out by name
    [ "$(grep -c '^{"rank":' "$dir/wide.tools")" -gt 280 ]
    if ! cmp -s "$dir/tidy.tools" "$dir/wide.tools"; then
      echo "rank differs between the tidy and the wide file ($last, $years years):"
      diff "$dir/tidy.tools" "$dir/wide.tools" | head -20
      exit 1
    fi
    # the agencies left out are the same ones
    diff <(grep -o 'agency \\"[^\\]*\\" is left out' "$dir/tidy.json") \
         <(grep -o 'agency \\"[^\\]*\\" is left out' "$dir/wide.json")
  done
done
# a wide file large enough to be cut into ranges: the same bytes on any number of threads
"$GEN" --agencies 3000 --years 1 --last-year 2569 --seed 7 --wide >"$dir/big.csv"
"$ITA" rank -f json --year 2569 --jobs 1 "$dir/big.csv" >"$dir/one.json"
"$ITA" rank -f json --year 2569 --jobs 3 "$dir/big.csv" >"$dir/three.json"
cmp "$dir/one.json" "$dir/three.json"
