#!/usr/bin/env bash
# The md and html documents in pandoc and headless Chromium. ctest skips these
# where the tools are missing; here (CI, after scripts/setup installed
# scripts/test-packages.d/documents.txt) a missing tool is a failure.
set -euo pipefail
export ITA_REQUIRE_TOOLS=1
for tool in pandoc chromium; do
  echo "-- document_$tool"
  bash tests/document/$tool.sh "$PWD/build/ita" "$PWD/data" | tail -n 3
done
