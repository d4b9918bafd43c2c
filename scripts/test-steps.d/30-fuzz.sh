#!/usr/bin/env bash
# Each libFuzzer target for about a minute on the corpus seeded from the tests
# (fuzz/run.sh builds them with clang in build-fuzz/). Longer runs: fuzz/run.sh -t SECONDS.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v clang >/dev/null || { echo "fuzz: clang is not installed (Debian packages clang, libclang-rt-14-dev)" >&2; exit 1; }
bash fuzz/run.sh -t "${ITA_FUZZ_SECONDS:-60}"
