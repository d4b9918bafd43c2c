#!/usr/bin/env bash
# The scanner's portable search for field ends (the one built where SSE2 is not
# available): a build with -DITA_PORTABLE_SCAN=ON in build-portable-scan/, then the
# load unit tests (both searches against a slow one), the scanner against the loader
# on the fuzz corpus (replay_scan), the fast path against the
# loader, and rank's equality tests (any number of threads, rank against report).
#   scripts/test-steps.d/35-portable-scan.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-portable-scan}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DITA_WERROR=ON -DITA_PORTABLE_SCAN=ON >/dev/null
grep -q '^ITA_PORTABLE_SCAN:BOOL=ON' "$build/CMakeCache.txt"
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target ita ita-gen test_load json_check rank_check replay_scan >/dev/null
(cd "$build" && ctest -j"$(nproc 2>/dev/null || echo 2)" --output-on-failure \
  -R '^(unit_load|fuzz_replay_scan|e2e_rank_.*|e2e_report_bom_crlf|scale_rank_matches_report|scale_rank_jobs_identical|scale_rank_wide_matches_tidy)$')
