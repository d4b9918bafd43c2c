#!/usr/bin/env bash
# Fault injection: for every command and output format in the table below, fails
# the allocations of a normal run one at a time through the LD_PRELOAD shim
# build/tests/failalloc.so (tests/fault/failalloc.c). Each run must either end with
# exit 4, a message saying memory ran out, no output and nothing left allocated,
# or, where a library absorbed the failure itself (libcsv retries a smaller block,
# utf8proc keeps a buffer it failed to shrink), give the normal output exactly.
# No crash, no hang, no leak, no exit 3 for bad data that was never bad.
#
# An xlsx case (its name ends in -xlsx) counts the allocations of the child
# process that writes the workbook too (see below).
# Which allocations fail: a command whose normal run makes at most FAULT_SAMPLE
# allocations (default 300) has every one failed in turn. Above that, the sample
# is fixed and seed-free: every allocation from 1 to FAULT_SAMPLE/2, the last
# FAULT_SAMPLE/10, and between them every k-th, k = ceil(gap / (FAULT_SAMPLE*2/5)),
# counted from FAULT_SAMPLE/2 (so about FAULT_SAMPLE runs in all). FAULT_SAMPLE=0
# fails every allocation of every command (a full sweep: tens of minutes).
# FAULT_TAIL=N fails only the last N allocations of each case, where the output
# is rendered (the test suite runs so a few cases: tests/CMakeLists.txt).
#   scripts/test-steps.d/20-fault-injection.sh [BUILD_DIR]
#   FAULT_ONLY="rank-jobs2 plan-md" scripts/test-steps.d/20-fault-injection.sh   # some cases
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
shim=$build/tests/failalloc.so
ita=$build/ita
gen=$build/bench/ita-gen
[ -x "$ita" ] && [ -e "$shim" ] && [ -x "$gen" ] || { echo "fault injection: build $build first" >&2; exit 1; }
sample=${FAULT_SAMPLE:-300}

# One case a line: a name, then the arguments of ita. @OUT is a file written with
# -o, compared as the output; @OUT/ a directory, whose files (names and bytes) are
# the output, so that a run that fails must leave none, not even a temporary one
# (nor anything beside @OUT). The inputs, in the working directory:
#   example.csv   the bundled example (one agency, 2564 and 2565)
#   national.csv  8 agencies x 2 years from bench's generator, over 64 KiB, so that
#                 --jobs 2 parses it on two threads
#   measures.csv  an officer's measures for the document
#   wide.csv      the bundled example as one row per agency-year, Thai headers and digits
#   one.csv       one agency x 2 years (2568, 2569): items new in 2569, each said so
#   spaced.csv    the bundled example with a space after the last field, which the
#                 loader trims: the scanner gives up on the last line, so what the
#                 file did is undone and the loader reads it again (src/cli/context.c)
# A new command or format is one more line.
cases='
report-text      report example.csv
report-json      report -f json -o @OUT example.csv
report-csv       report -f csv example.csv
report-wide      report -f json wide.csv
report-gives-up  report -f json spaced.csv
report-md        report -f md --measures measures.csv example.csv
report-html      report -f html --measures measures.csv -o @OUT example.csv
report-dir       report -f html --jobs 2 --history -o @OUT/ national.csv
report-history   report --history national.csv
report-hist-json report -f json --history -o @OUT national.csv
report-new-in    report one.csv
report-hist-html report -f html --history --jobs 1 -o @OUT one.csv
check            check --strict example.csv
check-json       check -f json national.csv
plan-text        plan --target 98 example.csv
plan-json        plan -f json --target 98 example.csv
plan-md          plan -f md --target Good national.csv
plan-html        plan -f html --lang th --target 98 example.csv
rank-jobs1       rank --jobs 1 national.csv
rank-jobs2       rank --jobs 2 --by province national.csv
rank-json        rank -f json --jobs 2 national.csv
rank-csv         rank -f csv --jobs 1 --by province national.csv
rank-md          rank -f md --jobs 2 national.csv
rank-html        rank -f html --jobs 1 --lang th national.csv
frameworks-list  frameworks
frameworks-year  frameworks 2568
template         template --year 2566
report-xlsx      report -f xlsx --measures measures.csv -o @OUT example.csv
rank-xlsx        rank -f xlsx --jobs 1 --by province national.csv
plan-xlsx        plan -f xlsx --target Good -o @OUT national.csv
template-xlsx    template --year 2566 -f xlsx -o @OUT
'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ITA_DATA_DIR=$PWD/data LC_ALL=C.UTF-8 NO_COLOR=1 SHIM=$shim ITA=$ita WORK=$work
cp data/examples/tceb-2565.csv "$work/example.csv"
cp tests/e2e/document_md_measures/in.measures.csv "$work/measures.csv"
cp data/examples/tceb-2565-wide.csv "$work/wide.csv"
sed '$ s/$/ /' data/examples/tceb-2565.csv >"$work/spaced.csv"
"$gen" --agencies 8 --years 2 --seed 1 >"$work/national.csv"
"$gen" --agencies 1 --years 2 --seed 1 >"$work/one.csv"

# ita under the shim, failing allocation $1 (0: none), its counts to the file $2,
# @OUT made $3, then the case's words. Only ita runs with the shim, and nothing
# runs between the test and ita: the shim itself stops it after 20 seconds (and
# the child it may fork), as timeout(1) would (FAILALLOC_TIMEOUT).
run_case() {
  local at=$1 report=$2 out=$3
  shift 3
  local args=() a
  for a in "$@"; do args+=("${a//@OUT/$out}"); done
  (cd "$WORK" && LD_PRELOAD="$SHIM" FAILALLOC_AT="$at" FAILALLOC_REPORT="$report" FAILALLOC_TIMEOUT=20 \
    exec "$ITA" "${args[@]}")
}
export -f run_case

# what a run wrote with -o: the file, or every file of the directory with its name
collect() {
  if [ -d "$1" ]; then
    (cd "$1" && find . -type f | LC_ALL=C sort | while read -r f; do echo "== $f"; cat "$f"; done)
  elif [ -e "$1" ]; then
    cat "$1"
  fi
}
export -f collect

# one run: FAILALLOC_AT=$2 on case $1, its files in the directory $3 (made, and removed,
# by the caller); prints ok, absorbed, or what was wrong
one() {
  local name=$1 n=$2 d=$3 rc=0
  read -r -a words <"$WORK/case-$name"
  run_case "$n" "$d/shim" "$d/o" "${words[@]}" >"$d/out" 2>"$d/err" || rc=$?
  collect "$d/o" >>"$d/out"
  local live
  local counts=""
  [ -r "$d/shim" ] && read -r counts <"$d/shim"
  [[ $counts =~ live=([0-9]+) ]] && live=${BASH_REMATCH[1]}
  local what="" left="" f k=0
  # nothing beside the output either (a directory written whole beside @OUT/, then
  # renamed): the first three other names, hidden ones too, found by the shell
  for f in "$d"/* "$d"/.[!.]* "$d"/..?*; do
    [ -e "$f" ] || [ -L "$f" ] || continue
    case ${f##*/} in o | out | err | shim) continue ;; esac
    if [ $((k += 1)) -le 3 ]; then left+="./${f##*/} "; fi
  done
  if [ -n "$left" ]; then
    what="left $left"
  elif [ "${live:-x}" != 0 ]; then
    what="left ${live:-?} blocks allocated"
  elif [ $rc = 4 ]; then
    # the message, looked for by the shell; grep decides where the shell finds none
    local err=""
    IFS= read -r -d '' err <"$d/err" || true
    [[ $err == *"out of memory"* || $err == *"Cannot allocate memory"* ]] ||
      grep -qE 'out of memory|Cannot allocate memory' "$d/err" || what="exit 4 without a message"
    [ -s "$d/out" ] && what="exit 4 with output"
  elif [ $rc = 0 ]; then
    cmp -s "$d/out" "$WORK/ref-$name" || what="exit 0 with different output"
    [ -s "$d/err" ] && what="exit 0 with messages"
  else
    what="exit $rc"
  fi
  if [ -n "$what" ]; then
    echo "$name, allocation $n: $what: $(head -c 300 "$d/err" | tr '\n' '|')"
  elif [ $rc = 0 ]; then
    echo "absorbed"
  else
    echo "ok"
  fi
}
export -f one

# the runs $2... of case $1, one after the other, each in a directory of its own:
# one mkdir makes them all, one rm removes them (a process started for each run,
# a shell, mkdir, rm, cost more than the run)
batch() {
  local name=$1 top=$WORK/runs-$1-$2 n dirs=()
  shift
  for n; do dirs+=("$top/$n"); done
  mkdir "$top" "${dirs[@]}"
  for n; do one "$name" "$n" "$top/$n"; done
  rm -rf "$top"
}
export -f batch

# the allocations to fail of a run that makes $1 (see the top of this file)
pick() {
  local n=$1
  if [ -n "${FAULT_TAIL:-}" ]; then
    seq $((n > FAULT_TAIL ? n - FAULT_TAIL + 1 : 1)) "$n"
    return
  fi
  if [ "$sample" = 0 ] || [ "$n" -le "$sample" ]; then
    seq 1 "$n"
    return
  fi
  local head=$((sample / 2)) tail=$((sample / 10)) mid=$((sample * 2 / 5))
  local gap=$((n - tail - head))
  local k=$(((gap + mid - 1) / mid))
  seq 1 "$head"
  seq $((head + k)) "$k" $((n - tail))
  seq $((n - tail + 1)) "$n"
}

total=0 failed=0 absorbed=0 cases_run=0
while read -r name rest; do
  [ -n "$name" ] || continue
  [ -z "${FAULT_ONLY:-}" ] || [[ " $FAULT_ONLY " == *" $name "* ]] || continue
  echo "$rest" >"$work/case-$name"
  read -r -a words <<<"$rest"
  d=$work/ref-run
  rm -rf "$d"
  mkdir "$d"
  run_case 0 "$d/shim" "$d/o" "${words[@]}" >"$work/ref-$name" ||
    { echo "fault injection: the normal run of $name fails" >&2; exit 1; }
  collect "$d/o" >>"$work/ref-$name"
  n=$(sed -n 's/allocations=\([0-9]*\).*/\1/p' "$d/shim")
  grep -q 'live=0$' "$d/shim" || { echo "fault injection: the normal run of $name leaves blocks allocated" >&2; exit 1; }
  # a workbook is written in a child process (src/cli/output.c), whose allocations
  # the shim numbers on from the parent's but never reports: n is doubled until a
  # run whose allocation n fails is untouched, past the child's last allocation
  if [[ $name == *-xlsx ]]; then
    m=$n
    while [ "$m" -lt $((64 * n)) ]; do
      m=$((m * 2))
      [ "$(batch "$name" "$m")" = absorbed ] && break
    done
    n=$m
  fi
  pick "$n" >"$work/picked-$name"
  runs=$(wc -l <"$work/picked-$name")
  xargs -P "$(nproc 2>/dev/null || echo 2)" -n 20 bash -c 'batch "$0" "$@"' "$name" \
    <"$work/picked-$name" >"$work/results-$name"
  ok=$(grep -c '^ok$' "$work/results-$name" || true)
  abs=$(grep -c '^absorbed$' "$work/results-$name" || true)
  bad=$(grep -v '^ok$\|^absorbed$' "$work/results-$name" || true)
  nbad=0
  if [ -n "$bad" ]; then
    echo "$bad" | head -20
    nbad=$(echo "$bad" | wc -l)
  fi
  printf '%-16s %6d allocations, %5d failed (%s): %5d exit 4 with a message, %4d absorbed, %d wrong\n' \
    "$name" "$n" "$runs" "$([ "$runs" = "$n" ] && echo every one || { [ -n "${FAULT_TAIL:-}" ] && echo the last || echo sampled; })" "$ok" "$abs" "$nbad"
  total=$((total + runs)) absorbed=$((absorbed + abs)) failed=$((failed + nbad)) cases_run=$((cases_run + 1))
done <<<"$cases"
[ "$cases_run" -gt 0 ] || { echo "fault injection: no case named ${FAULT_ONLY:-}" >&2; exit 1; }
echo "fault injection: $cases_run cases, $total allocations failed one at a time: $((total - absorbed - failed)) ended with exit 4 and a message, $absorbed absorbed by a library, $failed wrong"
[ "$failed" = 0 ]
