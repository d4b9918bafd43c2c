#!/usr/bin/env bash
# report -f text, json and csv of every agency hold one report in full at a time,
# not every agency's: the peak memory of 3,000 agencies exceeds that of 300 by less
# than 6 KiB an agency (the scores read and each agency's headline; all the reports
# at once took about 15 KiB an agency, and the output as much again). The output,
# held in a temporary file once large, is the same to standard output (a pipe, a
# file) and with -o FILE; a reader that goes away ends the run quietly.
set -uo pipefail
ITA=$1 GEN=$2 PEAK=$3
export ITA_DATA_DIR=$4 LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
for n in 300 3000; do
  "$GEN" --agencies $n --years 2 --seed 3 >"$dir/in-$n.csv" || exit 1
done
for fmt in text json csv; do
  peak=()
  for n in 300 3000; do
    kib=$("$PEAK" "$ITA" report -f $fmt -o "$dir/$fmt-$n.out" "$dir/in-$n.csv" | tail -1) ||
      { echo "$fmt, $n agencies: ita failed"; exit 1; }
    echo "$fmt, $n agencies: peak RSS $kib KiB"
    peak+=("$kib")
  done
  growth=$((peak[1] - peak[0]))
  echo "$fmt: growth ${growth} KiB for 2,700 agencies (bound $((2700 * 6)) KiB)"
  [ "$growth" -lt $((2700 * 6)) ] || fail=1
  # the same bytes to a pipe and to a file on standard output
  "$ITA" report -f $fmt "$dir/in-3000.csv" | cat >"$dir/pipe.out"
  cmp -s "$dir/pipe.out" "$dir/$fmt-3000.out" || { echo "$fmt: a pipe differs from -o FILE"; fail=1; }
  "$ITA" report -f $fmt "$dir/in-3000.csv" >"$dir/stdout.out"
  cmp -s "$dir/stdout.out" "$dir/$fmt-3000.out" || { echo "$fmt: standard output differs from -o FILE"; fail=1; }
done
[ "$(stat -c %s "$dir/text-3000.out")" -gt $((8 << 20)) ] || { echo "text: not large enough to be held in a file"; fail=1; }
"$ITA" report "$dir/in-3000.csv" 2>"$dir/head.err" | head -1 >/dev/null
rc=${PIPESTATUS[0]}
[ "$rc" = 0 ] && [ ! -s "$dir/head.err" ] || { echo "| head -1: exit $rc: $(cat "$dir/head.err")"; fail=1; }
# every report is the one `report --agency` gives alone
name=$(sed -n '2s/,.*//p' "$dir/in-300.csv")
"$ITA" report --agency "$name" "$dir/in-300.csv" >"$dir/alone.out"
grep -qF -f <(head -3 "$dir/alone.out") "$dir/text-300.out" || { echo "text: $name not as alone"; fail=1; }
exit $fail
