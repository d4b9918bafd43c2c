#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (in build-fuzz/) and runs each for a
# while on a corpus seeded from the tests.
#
#   fuzz/run.sh [-t SECONDS] [-n RUNS] [TARGET...]     TARGET: csv, framework, xlsx, scan, xml
#
# -t is the time per target (default 60), -n a number of executions instead.
# The corpus grows in build-fuzz/corpus/TARGET and is kept between runs; a crash
# leaves its input in build-fuzz/artifacts/TARGET/ and makes the script fail.
# ITA_FUZZ_BUILD names another folder than build-fuzz.
# Copy such an input to fuzz/regressions/TARGET/ once it is fixed: the test
# suite replays that folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${ITA_FUZZ_BUILD:-build-fuzz}
seconds=60 runs=""
while getopts "t:n:" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    n) runs=$OPTARG ;;
    *) echo "usage: fuzz/run.sh [-t SECONDS] [-n RUNS] [csv|framework|xlsx|scan|xml]..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv framework xlsx scan xml)

cc=${CC:-clang}
cmake -S . -B "$out" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DITA_FUZZ=ON -DITA_TESTS=OFF -DITA_WERROR=ON >/dev/null
cmake --build "$out" -j"$(nproc 2>/dev/null || echo 2)" --target "${targets[@]/#/fuzz_}" >/dev/null

# Every CSV and TSV of the tests and the example, twice, each time behind the
# control bytes the target reads first:
#   seed_tests DIR TSV_PREFIX1 CSV_PREFIX1 NAME1 TSV_PREFIX2 CSV_PREFIX2 NAME2
seed_tests() {
  local dir=$1 n=0 f
  mkdir -p "$dir"
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    case $f in
      *.tsv) { printf "$2"; cat "$f"; } >"$dir/seed-$n-$4"
             { printf "$5"; cat "$f"; } >"$dir/seed-$n-$7" ;;
      *) { printf "$3"; cat "$f"; } >"$dir/seed-$n-$4"
         { printf "$6"; cat "$f"; } >"$dir/seed-$n-$7" ;;
    esac
  done < <(find tests data/examples -type f \( -name '*.csv' -o -name '*.tsv' \) -size -64k -print0 | sort -z)
}
# fuzz_csv: fed whole, and in chunks of 3 bytes
seed_csv() {
  seed_tests "$out/corpus/csv" '\xc0' '\x40' whole '\x82' '\x02' split
}
# fuzz_scan: the delimiter, and where the bytes are split into two feeds (at 37
# and at 300); and the seeds of fuzz/corpus/scan
seed_scan() {
  seed_tests "$out/corpus/scan" '\x80\x25' '\x00\x25' 37 '\x81\x2c' '\x01\x2c' 300
  cp fuzz/corpus/scan/* "$out/corpus/scan/"
}
# Small frameworks (short texts, same shape as the real ones) mutate much faster
# than the 45 KB files under data/; those are replayed by the test suite instead.
seed_framework() {
  local dir=$out/corpus/framework
  mkdir -p "$dir"
  cp fuzz/corpus/framework/* "$dir/"
}

# Tiny workbooks whose parts are stored, not deflated (tests/workbook/hostile.py
# --stored, behind a byte that chooses the sheet), and one deflated.
seed_xlsx() {
  local dir=$out/corpus/xlsx
  mkdir -p "$dir"
  cp fuzz/corpus/xlsx/* "$dir/"
}

# Parts of those workbooks and small hand-written documents, each behind a byte
# that chooses the size of the pieces the scanner is fed in (fuzz_xml.c).
seed_xml() {
  local dir=$out/corpus/xml
  mkdir -p "$dir"
  cp fuzz/corpus/xml/* "$dir/"
}

status=0
for t in "${targets[@]}"; do
  case $t in
    csv) seed_csv; max_len=4096 ;;
    framework) seed_framework; max_len=16384 ;;
    xlsx) seed_xlsx; max_len=8192 ;;
    scan) seed_scan; max_len=4096 ;;
    xml) seed_xml; max_len=4096 ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  mkdir -p "$out/artifacts/$t"
  limit=(-max_total_time="$seconds")
  [ -n "$runs" ] && limit=(-runs="$runs")
  if [ -n "$runs" ]; then echo "== fuzz_$t ($runs runs)"; else echo "== fuzz_$t ($seconds s)"; fi
  if ! ITA_DATA_DIR="$PWD/data" "$out/fuzz/fuzz_$t" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
      -max_len=$max_len -print_final_stats=1 -artifact_prefix="$out/artifacts/$t/" \
      "$out/corpus/$t" 2>"$out/fuzz_$t.log"; then
    echo "fuzz_$t found a problem:"; grep -A30 'ERROR\|SUMMARY' "$out/fuzz_$t.log" | head -60
    status=1
  fi
  grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$out/fuzz_$t.log" || true
done
exit $status
