#!/usr/bin/env bash
# Runs one end-to-end case: CASE/cmd is a bash snippet run in a scratch directory
# with $ITA (the binary), $JSON_CHECK, $DATA (the data directory) and $CASE set;
# the case's in.* files and the bundled example (example.csv) are copied there.
# Compared byte for byte: stdout with CASE/expected.out, stderr with
# CASE/expected.err (when present; else stderr must be empty), and the exit
# status with CASE/expected.rc (default 0). Set UPDATE=1 to rewrite the expected files.
set -u
ITA=$1 JSON_CHECK=$2 DATA=$3 CASE=$4
export ITA JSON_CHECK DATA CASE
export ITA_DATA_DIR=$DATA LC_ALL=C.UTF-8 LANG= LC_MESSAGES= NO_COLOR=
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# inputs are copied so that messages name them by a short, stable path
for f in "$CASE"/in.*; do [ -e "$f" ] && cp "$f" "$scratch/"; done
cp "$DATA/examples/tceb-2565.csv" "$scratch/example.csv"
(cd "$scratch" && bash -e "$CASE/cmd" >"$scratch/.out" 2>"$scratch/.err")
rc=$?
want_rc=0
[ -f "$CASE/expected.rc" ] && want_rc=$(cat "$CASE/expected.rc")
if [ "${UPDATE:-}" = 1 ]; then
  cp "$scratch/.out" "$CASE/expected.out"
  if [ -s "$scratch/.err" ]; then cp "$scratch/.err" "$CASE/expected.err"; else rm -f "$CASE/expected.err"; fi
  if [ "$rc" != 0 ]; then echo "$rc" >"$CASE/expected.rc"; else rm -f "$CASE/expected.rc"; fi
  exit 0
fi
fail=0
if [ "$rc" != "$want_rc" ]; then
  echo "exit status $rc, expected $want_rc"; fail=1
fi
if ! cmp -s "$scratch/.out" "$CASE/expected.out"; then
  echo "stdout differs:"; diff "$CASE/expected.out" "$scratch/.out" | head -40; fail=1
fi
if [ -f "$CASE/expected.err" ]; then
  if ! cmp -s "$scratch/.err" "$CASE/expected.err"; then
    echo "stderr differs:"; diff "$CASE/expected.err" "$scratch/.err" | head -40; fail=1
  fi
elif [ -s "$scratch/.err" ]; then
  echo "unexpected stderr:"; head -20 "$scratch/.err"; fail=1
fi
exit $fail
