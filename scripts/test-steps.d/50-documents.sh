#!/usr/bin/env bash
# The md and html documents in pandoc and headless Chromium. ctest skips these
# where the tools are missing; here (CI, after scripts/setup installed
# scripts/test-packages.d/documents.txt) a missing tool is a failure.
set -uo pipefail
export ITA_REQUIRE_TOOLS=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for tool in pandoc chromium; do
  bash tests/document/$tool.sh "$PWD/build/ita" "$PWD/data" >>"$log" || status=1
done
grep -v '^ok: ' "$log" || true
echo "documents: $(grep -c '^ok: ' "$log") passed, $(grep -c -e '^FAILED' -e '^SKIPPED' "$log") failed"
exit $status
