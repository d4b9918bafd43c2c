#!/usr/bin/env bash
# A regular file is read by the scanner (twice, a chunk at a time, when larger than
# 8 MiB), standard input by the loader: both give the same reports, problems and
# exit status on files larger than that, clean, with CRLF and a byte order mark,
# with spaces that make the scanner give up (the loader then reads the file), with
# quoted line breaks, and with an invalid score in the middle.
set -uo pipefail
ITA=$1 GEN=$2
export ITA_DATA_DIR=$3 LC_ALL=C.UTF-8
# shellcheck source=../lib/checks.sh
. "$(dirname "$0")/../lib/checks.sh"
# shellcheck disable=SC2154 # set by checks.sh
dir=$scratch
"$GEN" --agencies 250 --years 3 --last-year 2566 --seed 5 --gaps >"$dir/lf.csv" || exit 1
[ "$(stat -c %s "$dir/lf.csv")" -gt $((8 << 20)) ] || { echo "the generated file is not larger than 8 MiB"; exit 1; }
# shellcheck source=variants.sh
. "$(dirname "$0")/variants.sh"
variants "$dir"
# the command on the file and on standard input: the same output, problems and exit
same() { # file, the command's words
  local f=$1 rc1 rc2
  shift
  "$ITA" "$@" "$dir/$f.csv" >"$dir/file.out" 2>"$dir/file.err"
  rc1=$?
  "$ITA" "$@" - <"$dir/$f.csv" >"$dir/stdin.out" 2>"$dir/stdin.err"
  rc2=$?
  sed -i "s|$dir/$f.csv|<stdin>|g" "$dir/file.out" "$dir/file.err"
  [ "$rc1" = "$rc2" ] && cmp "$dir/file.out" "$dir/stdin.out" && cmp "$dir/file.err" "$dir/stdin.err"
}
for f in lf crlf space multiline bad; do
  check "$f.csv: report -f csv of the file as of standard input" same "$f" report -f csv
  check "$f.csv: check of the file as of standard input" same "$f" check
done
exit "$fail"
