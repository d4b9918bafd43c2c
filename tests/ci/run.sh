#!/usr/bin/env bash
# Runs the example workflow of docs/ci.md: its YAML block is taken out of the
# document, every `run:` command is run in order (with the `env:` values set and
# the built ita first on PATH) in a scratch directory whose scores/ holds the
# bundled example and a second scores file; the outputs and the exit status of
# the --fail-under gate are checked, with the file's pass mark and a higher one.
# Usage: run.sh ITA DATA_DIR SOURCE_DIR
set -uo pipefail
ITA=$1 DATA=$2 SRC=$3
export ITA_DATA_DIR=$DATA LC_ALL=C.UTF-8
# shellcheck source=../lib/checks.sh
. "$(dirname "$0")/../lib/checks.sh"
# the YAML block of the document
awk '/^```yaml$/ {on = 1; next} on && /^```$/ {exit} on' "$SRC/docs/ci.md" >"$scratch/workflow.yml"
check "docs/ci.md has a workflow" test -s "$scratch/workflow.yml"
# its env: values, KEY: "value" under a top-level env:
env_of() { awk -v k="$1" '/^env:/ {on = 1; next} on && /^[^ ]/ {exit}
  on && $1 == k":" {v = $2; gsub(/"/, "", v); print v}' "$scratch/workflow.yml"; }
# every step's run: command (one line, or a "|" block), one file per step
awk -v dir="$scratch" '
  function flush() { if (n > 0) close(file); }
  /^ *(- )?run: / {
    n++; file = sprintf("%s/step-%02d.sh", dir, n)
    line = $0; sub(/^ *(- )?run: /, "", line)
    if (line == "|") { block = 1; indent = -1; match($0, /^ */); key = RLENGTH; next }
    print line > file; close(file); block = 0; next }
  block {
    match($0, /^ */)
    if ($0 !~ /^ *$/ && RLENGTH <= key) { block = 0; next }
    if (indent < 0) indent = RLENGTH
    print substr($0, indent + 1) > file
  }' "$scratch/workflow.yml"
steps=$(ls "$scratch"/step-*.sh 2>/dev/null | wc -l)
check "the workflow has 4 steps with run: commands (got $steps)" test "$steps" -eq 4
check "the pass mark of the file is 85" test "$(env_of PASS_MARK)" = 85
# the tree a job checks out: scores/ with the example and a second file
bin=$scratch/bin
mkdir -p "$bin"
ln -s "$ITA" "$bin/ita"
run_workflow() { # work directory, PASS_MARK; prints nothing, leaves step-N.rc files
  local work=$1
  mkdir -p "$work/scores"
  cp "$DATA/examples/tceb-2565.csv" "$work/scores/tceb.csv"
  # six other agencies, overall scores only (93.15, 88.20 and 91.75 below 95)
  grep -v -e 'นิทรรศการ' -e 'กรมการปกครอง' "$SRC/tests/e2e/report_peers_text_en/in.peers.csv" |
    awk -F, 'NR == 1 || $4 == ""' >"$work/scores/others.csv"
  for step in "$scratch"/step-*.sh; do
    (cd "$work" && PATH="$bin:$PATH" LANGUAGE_OF_DOCUMENTS=$(env_of LANGUAGE_OF_DOCUMENTS) PASS_MARK=$2 \
      bash -e -o pipefail "$step" >"$work/$(basename "$step" .sh).out" 2>"$work/$(basename "$step" .sh).err")
    echo $? >"$work/$(basename "$step" .sh).rc"
  done
}
run_workflow "$scratch/pass" "$(env_of PASS_MARK)"
for n in 01 02 03 04; do
  check "pass mark 85: step $n exits 0 ($(cat "$scratch/pass/step-$n.rc"))" test "$(cat "$scratch/pass/step-$n.rc")" = 0
done
site=$scratch/pass/site
check "the national summary in html" grep -q '<svg ' "$site/national.html"
check "the national summary in md" grep -q '^## ' "$site/national.md"
agencies=7
check "$agencies agency pages" test "$(find "$site" -maxdepth 1 -name '*.html' ! -name index.html ! -name national.html | wc -l)" -eq $agencies
check "$agencies agency documents in md" test "$(find "$site/md" -name '*.md' ! -name index.md | wc -l)" -eq $agencies
check "the html index links to every page" test "$(grep -o '<a href="[^"]*"' "$site/index.html" | wc -l)" -eq $agencies
check "the md index links to every document" test "$(grep -o '](<[^>]*>)' "$site/md/index.md" | wc -l)" -eq $agencies
check "the JSON report holds every agency" test "$(grep -o '"agency":' "$site/report.json" | wc -l)" -eq $agencies
check "the gate wrote the text report" test -s "$site/report.txt"
# a mark above some agency's score: the gate fails (1), naming them; the rest still succeeds
run_workflow "$scratch/fail" 95
for n in 01 02 03; do
  check "pass mark 95: step $n exits 0" test "$(cat "$scratch/fail/step-$n.rc")" = 0
done
check "pass mark 95: the gate exits 1 ($(cat "$scratch/fail/step-04.rc"))" test "$(cat "$scratch/fail/step-04.rc")" = 1
below=$(grep -c -- '--fail-under 95.00' "$scratch/fail/step-04.err")
check "pass mark 95: the 3 agencies below are named (got $below)" test "$below" -eq 3
check "pass mark 95: the documents are still written" test -s "$scratch/fail/site/index.html"
exit $fail
