#!/usr/bin/env bash
# Coverage: builds with gcc's --coverage in its own build directory, runs the whole
# ctest suite there, and measures the line and branch coverage of src/ with gcovr:
# per file, per folder and in all. Fails when line coverage is below the floor.
#   scripts/test-steps.d/70-coverage.sh [BUILD_DIR] (default build-cov)
# ITA_COVERAGE_MIN sets the floor in percent (default 90).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-cov}
min=${ITA_COVERAGE_MIN:-90}
jobs=$(nproc 2>/dev/null || echo 2)
command -v gcovr >/dev/null || { echo "coverage: gcovr is not installed (Debian's gcovr)" >&2; exit 1; }

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DITA_WERROR=ON -DITA_COVERAGE=ON >/dev/null
cmake --build "$build" -j"$jobs" >/dev/null
find "$build" -name '*.gcda' -delete
# The cases that run ita as another user (when the tests run as root) cannot write
# the counters of this tree, and libgcov would say so on the standard error they
# compare: they run apart, with the counters sent to a scratch directory.
apart=$(grep -l setpriv tests/bad-input/*.case 2>/dev/null | sed 's|.*/\(.*\)\.case$|bad_input_\1|' | paste -sd'|' -)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
chmod 777 "$scratch"
(
  cd "$build"
  ctest -j"$jobs" --output-on-failure ${apart:+-E "^($apart)\$"} >ctest.log 2>&1 &&
    if [ -n "$apart" ]; then GCOV_PREFIX=$scratch ctest --output-on-failure -R "^($apart)\$" >>ctest.log 2>&1; fi
) || { tail -40 "$build/ctest.log"; echo "coverage: the test suite failed in $build" >&2; exit 1; }
grep -h 'tests passed' "$build/ctest.log"

summary=$build/coverage.json
gcovr -r . --object-directory "$build" --filter 'src/' --json-summary "$summary" --json-summary-pretty
# per folder and in all, from gcovr's summary; the floor is on lines
python3 - "$summary" "$min" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
floor = float(sys.argv[2])
folders = {}
for f in data["files"]:
    name = f["filename"]
    folder = name.rsplit("/", 1)[0]
    agg = folders.setdefault(folder, [0, 0, 0, 0])
    agg[0] += f["line_covered"]; agg[1] += f["line_total"]
    agg[2] += f["branch_covered"]; agg[3] += f["branch_total"]
def pct(a, b):
    return 100.0 * a / b if b else 100.0
files = sorted(data["files"], key=lambda f: pct(f["line_covered"], f["line_total"]))
print("coverage: the ten files with the lowest line coverage")
for f in files[:10]:
    print(f"  {f['filename']:<32} lines {pct(f['line_covered'], f['line_total']):5.1f}% "
          f"({f['line_covered']}/{f['line_total']})  branches {pct(f['branch_covered'], f['branch_total']):5.1f}%")
print("coverage: per folder")
for folder in sorted(folders):
    lc, lt, bc, bt = folders[folder]
    print(f"  {folder:<16} lines {pct(lc, lt):5.1f}% ({lc}/{lt})  branches {pct(bc, bt):5.1f}% ({bc}/{bt})")
lc, lt = data["line_covered"], data["line_total"]
bc, bt = data["branch_covered"], data["branch_total"]
print(f"coverage of src/: lines {pct(lc, lt):.1f}% ({lc}/{lt}), branches {pct(bc, bt):.1f}% ({bc}/{bt})")
if pct(lc, lt) < floor:
    print(f"coverage: line coverage {pct(lc, lt):.1f}% is below {floor:g}%", file=sys.stderr)
    sys.exit(1)
PY
