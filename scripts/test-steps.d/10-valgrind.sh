#!/usr/bin/env bash
# valgrind memcheck over the end-to-end tests and the bad-input battery (all but
# the cases that generate megabytes): the same expected output and exit status,
# and no memory error and no leak (definite, indirect or possible) in any run.
#   scripts/test-steps.d/10-valgrind.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
command -v valgrind >/dev/null || { echo "valgrind: not installed (Debian package valgrind)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs"
# io-unreadable-file runs ita as another user when the tests run as root
chmod 755 "$work"
chmod 1777 "$work/logs"
cat >"$work/ita" <<SH
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \\
  --errors-for-leak-kinds=definite,indirect,possible --log-file="$work/logs/vg.%p" "$PWD/$build/ita" "\$@"
SH
chmod +x "$work/ita"
export VG_ITA=$work/ita VG_JSON_CHECK=$PWD/$build/tests/json_check VG_DATA=$PWD/data

big='field-10mb|header-10000-columns|header-10000-columns-duplicate|million-rows-bad-last|output-two-runs-never-mix|stdout-closed-early|xlsx-million-rows'
# e2e cases that cannot run under the wrapper: two copy $ITA elsewhere to test how
# the binary finds its data beside itself (a copy of the wrapper script still runs the
# build's binary), one sets TMPDIR to a missing folder, where valgrind itself cannot
# start. All three run in the plain and sanitizer ctest runs.
not_under_valgrind='datadir_found_without_env|datadir_through_symlink|xlsx_output_errors'
{
  for c in tests/e2e/*/; do
    [ -e "$c/cmd" ] || continue
    [[ $(basename "$c") =~ ^($not_under_valgrind)$ ]] || echo "e2e ${c%/}"
  done
  for c in tests/bad-input/*.case; do
    name=$(basename "$c" .case)
    [[ $name =~ ^($big)$ ]] || echo "bad $c"
  done
} >"$work/cases"
run_one() {
  local kind=$1 c=$2 out
  if [ "$kind" = e2e ]; then
    out=$(bash tests/e2e/run.sh "$VG_ITA" "$VG_JSON_CHECK" "$VG_DATA" "$PWD/$c" 2>&1) || { echo "FAIL $c: $out" | head -20; return 0; }
  else
    out=$(bash tests/bad-input/run.sh "$VG_ITA" "$VG_DATA" "$PWD/$c" 2>&1) || { echo "FAIL $c: $out" | head -20; return 0; }
  fi
}
export -f run_one
xargs -P "$(nproc 2>/dev/null || echo 2)" -L1 bash -c 'run_one "$@"' _ <"$work/cases" >"$work/results"
cases=$(wc -l <"$work/cases")
status=0
if [ -s "$work/results" ]; then
  cat "$work/results"
  status=1
fi
for log in "$work"/logs/vg.*; do
  [ -s "$log" ] || continue
  echo "valgrind found problems:"; head -60 "$log"
  status=1
done
runs=$(ls "$work/logs" | wc -l)
echo "valgrind: $cases cases, $runs runs of ita under memcheck, $([ $status = 0 ] && echo clean || echo 'NOT clean')"
exit $status
