#!/usr/bin/env bash
# ita rank gives the same bytes on any number of threads: on a generated file, on
# the same file with CRLF and a byte order mark, with spaces that send the fast
# path back to the loader, with quoted line breaks where the cuts fall (a wrong
# guess), and on an invalid file (the same problems, the same exit status).
set -uo pipefail
ITA=$1 GEN=$2
export ITA_DATA_DIR=$3 LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
"$GEN" --agencies 400 --years 3 --last-year 2566 --seed 11 --gaps >"$dir/lf.csv" || exit 1
# shellcheck source=variants.sh
. "$(dirname "$0")/variants.sh"
variants "$dir"
for f in lf crlf space multiline bad; do
  for fmt in text json csv; do
    "$ITA" rank -f "$fmt" --by province --jobs 1 "$dir/$f.csv" >"$dir/one.out" 2>"$dir/one.err"
    rc1=$?
    for jobs in 2 3 8; do
      "$ITA" rank -f "$fmt" --by province --jobs "$jobs" "$dir/$f.csv" >"$dir/many.out" 2>"$dir/many.err"
      rc=$?
      if [ "$rc" != "$rc1" ] || ! cmp -s "$dir/one.out" "$dir/many.out" || ! cmp -s "$dir/one.err" "$dir/many.err"; then
        echo "$f, $fmt: --jobs $jobs differs from --jobs 1 (exit $rc, $rc1)"
        diff "$dir/one.out" "$dir/many.out" | head -5
        diff "$dir/one.err" "$dir/many.err" | head -5
        fail=1
      fi
    done
    if [ "$f" != bad ] && [ "$rc1" != 0 ]; then echo "$f, $fmt: exit $rc1"; cat "$dir/one.err"; fail=1; fi
    if [ "$f" = bad ] && [ "$rc1" != 3 ]; then echo "bad: exit $rc1, expected 3"; fail=1; fi
    # the same data, the same ranking, whatever the bytes around it
    if [ "$f" = lf ]; then cp "$dir/one.out" "$dir/lf.$fmt"; fi
    if [ "$f" = crlf ] || [ "$f" = space ] || [ "$f" = multiline ]; then
      if [ "$f" != multiline ] || [ "$fmt" != csv ]; then
        cmp -s "$dir/one.out" "$dir/lf.$fmt" || { echo "$f, $fmt: differs from the LF file"; fail=1; }
      fi
    fi
  done
done
grep -q '9o.5' "$dir/one.err" || { echo "bad: the invalid score is not named"; fail=1; }
exit $fail
