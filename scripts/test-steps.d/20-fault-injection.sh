#!/usr/bin/env bash
# Fault injection: fails each allocation of a typical run in turn (a report of
# the bundled example, text, then JSON written with -o) through the LD_PRELOAD
# shim build/tests/failalloc.so. Each run must either end with exit 4, a
# message saying memory ran out, no output and nothing left allocated, or,
# where a library absorbed the failure itself (libcsv retries a smaller block,
# utf8proc keeps a buffer it failed to shrink), give the normal output exactly.
# No crash, no hang, no leak, no exit 3 for bad data that was never bad.
#   scripts/test-steps.d/20-fault-injection.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
shim=$PWD/$build/tests/failalloc.so
ita=$PWD/$build/ita
[ -x "$ita" ] && [ -e "$shim" ] || { echo "fault injection: build $build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ITA_DATA_DIR=$PWD/data LC_ALL=C.UTF-8 NO_COLOR=1 SHIM=$shim ITA=$ita WORK=$work
cp data/examples/tceb-2565.csv "$work/example.csv"

# one run: FAILALLOC_AT=$2 on command set $1; prints a line only when it is wrong
one() {
  local set=$1 n=$2 d=$WORK/run-$1-$2 rc=0 args
  mkdir "$d"
  case $set in
    text) args=(report example.csv) ;;
    json) args=(report -f json -o "$d/report.json" example.csv) ;;
  esac
  (cd "$WORK" && FAILALLOC_AT=$n FAILALLOC_REPORT=$d/shim LD_PRELOAD=$SHIM timeout 20 "$ITA" "${args[@]}" \
     >"$d/out" 2>"$d/err") || rc=$?
  [ "$set" = json ] && [ -e "$d/report.json" ] && cat "$d/report.json" >>"$d/out"
  local live
  live=$(sed -n 's/.*live=\([0-9]*\).*/\1/p' "$d/shim" 2>/dev/null || true)
  local what=""
  if [ "${live:-x}" != 0 ]; then
    what="left ${live:-?} blocks allocated"
  elif [ $rc = 4 ]; then
    grep -qE 'out of memory|Cannot allocate memory' "$d/err" || what="exit 4 without a message"
    [ -s "$d/out" ] && what="exit 4 with output"
  elif [ $rc = 0 ]; then
    cmp -s "$d/out" "$WORK/ref-$set" || what="exit 0 with different output"
    [ -s "$d/err" ] && what="exit 0 with messages"
  else
    what="exit $rc"
  fi
  if [ -n "$what" ]; then
    echo "$set, allocation $n: $what: $(head -c 300 "$d/err" | tr '\n' '|')"
  elif [ $rc = 0 ]; then
    echo "absorbed"
  else
    echo "ok"
  fi
  rm -rf "$d"
}
export -f one

total=0 failed=0 absorbed=0
for set in text json; do
  d=$work/ref
  mkdir -p "$d"
  case $set in
    text) (cd "$work" && FAILALLOC_REPORT=$d/shim LD_PRELOAD=$shim "$ita" report example.csv >"$work/ref-$set") ;;
    json) (cd "$work" && FAILALLOC_REPORT=$d/shim LD_PRELOAD=$shim "$ita" report -f json -o "$d/r.json" example.csv \
             && cat "$d/r.json" >"$work/ref-$set") ;;
  esac
  n=$(sed -n 's/allocations=\([0-9]*\).*/\1/p' "$d/shim")
  grep -q 'live=0$' "$d/shim" || { echo "fault injection: the normal $set run leaves blocks allocated" >&2; exit 1; }
  seq 1 "$n" | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} bash -c "one $set {}" >"$work/results-$set"
  total=$((total + n))
  absorbed=$((absorbed + $(grep -c '^absorbed$' "$work/results-$set" || true)))
  bad=$(grep -v '^ok$\|^absorbed$' "$work/results-$set" || true)
  if [ -n "$bad" ]; then
    echo "$bad" | head -40
    failed=$((failed + $(echo "$bad" | wc -l)))
  fi
done
echo "fault injection: $total allocations failed one at a time: $((total - absorbed - failed)) ended with exit 4 and a message, $absorbed absorbed by a library, $failed wrong"
[ "$failed" = 0 ]
