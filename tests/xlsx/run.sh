#!/usr/bin/env bash
# The workbooks of `-f xlsx` read back with an independent reader (openpyxl):
#   tests/xlsx/run.sh ITA DATA_DIR GEN
# GEN is bench's generator of national files (for rank). Needs Debian's
# python3-openpyxl (scripts/test-packages.d/xlsx.txt); fails when it is missing.
set -euo pipefail
ITA=$1 DATA=$2 GEN=$3
py=
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import openpyxl' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "xlsx: no python3 with openpyxl (Debian's python3-openpyxl)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ITA_DATA_DIR=$DATA LC_ALL=C.UTF-8 NO_COLOR=1
unset SOURCE_DATE_EPOCH
exec "$py" "$(dirname "$0")/check.py" "$ITA" "$DATA" "$GEN" "$work"
