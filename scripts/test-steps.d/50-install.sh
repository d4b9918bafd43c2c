#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then the installed ita run from another
# directory: it must find its frameworks and texts under the prefix (the build used
# here cannot fall back on the source tree), also once the prefix is moved.
set -euo pipefail
top=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build-pkg -DCMAKE_BUILD_TYPE=RelWithDebInfo -DITA_WERROR=ON -DITA_TESTS=OFF \
  -DITA_SOURCE_TREE_DATA=OFF -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build build-pkg -j"$jobs" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install build-pkg --prefix "$prefix" >/dev/null

fail() { echo "50-install: $*" >&2; exit 1; }
for f in bin/ita share/man/man1/ita.1 share/bash-completion/completions/ita \
         share/ita/texts/th.json share/ita/texts/en.json share/doc/ita/copyright; do
  [ -f "$prefix/$f" ] || fail "$f is not installed"
done
for f in data/frameworks/*.json data/texts/*.json; do
  dir=${f%/*}; dir=${dir##*/}
  cmp -s "$f" "$prefix/share/ita/$dir/${f##*/}" || fail "${f##*/} is not installed"
  # its compact form beside it, the one the build made (docs/frameworks.md)
  compact=${f##*/}; compact=${compact%.json}.compact
  cmp -s "build-pkg/share/ita/$dir/$compact" "$prefix/share/ita/$dir/$compact" ||
    fail "$dir/$compact is not installed"
done

mkdir "$tmp/elsewhere"
cp data/examples/tceb-2565.csv "$tmp/elsewhere/scores.csv"
run_from_elsewhere() {
  (cd "$tmp/elsewhere" && env -u ITA_DATA_DIR LC_ALL=C.UTF-8 "$@")
}
expected() {
  (cd "$tmp/elsewhere" && ITA_DATA_DIR="$top/data" LC_ALL=C.UTF-8 "$top/build/ita" "$@")
}
for args in "report --lang en scores.csv" "report --lang th -f json scores.csv" \
            "plan --lang en --target 98 scores.csv" "frameworks"; do
  # shellcheck disable=SC2086
  got=$(run_from_elsewhere "$prefix/bin/ita" $args) || fail "ita $args failed"
  # shellcheck disable=SC2086
  [ "$got" = "$(expected $args)" ] || fail "the installed 'ita $args' differs from the build's"
done
grep -q "^Overall score: 97.04  AA  pass" <<<"$(run_from_elsewhere "$prefix/bin/ita" report --lang en scores.csv)" ||
  fail "the installed ita did not report the example"
# ... from the compact forms built into the binary (two frameworks and one text
# file), without opening a form file: the JSON files are only hashed, never
# parsed, so libcjson (below) is never loaded
run_from_elsewhere strace -f -e trace=openat,read -o "$tmp/strace" "$prefix/bin/ita" report --lang en scores.csv \
  >/dev/null || fail "ita under strace failed"
opened=$(grep -oE 'share/ita/[a-z]+/[a-z0-9-]+\.(compact|json)' "$tmp/strace" | sort -u | tr '\n' ' ')
[ "$opened" = "share/ita/frameworks/ita-2564.json share/ita/frameworks/ita-2565.json share/ita/texts/en.json " ] ||
  fail "the installed ita opened the data files '$opened'"
# ... and without loading libcsv, libcjson or libutf8proc, which that report never
# calls, in English or in Thai: they are not linked (no NEEDED entry) but opened when
# first needed (include/ita/dynlib.h, include/ita/unicode.h)
! objdump -p "$prefix/bin/ita" | grep -E 'NEEDED +lib(csv|cjson|utf8proc)\.' >/dev/null ||
  fail "the installed ita links $(objdump -p "$prefix/bin/ita" | grep -E 'NEEDED +lib(csv|cjson|utf8proc)\.')"
run_from_elsewhere strace -f -e trace=openat -o "$tmp/strace-th" "$prefix/bin/ita" report --lang th scores.csv \
  >/dev/null || fail "ita under strace failed"
for trace in "$tmp/strace" "$tmp/strace-th"; do
  ! grep -E 'lib(csv|cjson|utf8proc)\.so' "$trace" >/dev/null ||
    fail "the installed ita loaded a library the report does not need: $(grep -E 'lib(csv|cjson|utf8proc)\.so' "$trace")"
done
# ... and the form files beside the JSON serve a data folder whose JSON the
# binary's forms do not record: a copy with one framework file changed in its
# white space takes the form file made from it, not the JSON
cp -r "$prefix/share/ita" "$tmp/other-data"
printf '\n' >>"$tmp/other-data/frameworks/ita-2565.json"
build-pkg/ita-compact framework "$tmp/other-data/frameworks/ita-2565.json" "$tmp/other-data/frameworks/ita-2565.compact" ||
  fail "ita-compact failed"
(cd "$tmp/elsewhere" && ITA_DATA_DIR="$tmp/other-data" LC_ALL=C.UTF-8 strace -f -e trace=openat \
  -o "$tmp/strace-other" "$prefix/bin/ita" report --lang en scores.csv >/dev/null) ||
  fail "ita with another data folder failed"
grep -q 'other-data/frameworks/ita-2565\.compact' "$tmp/strace-other" ||
  fail "the form file of a changed framework was not opened"
! grep -E 'lib(csv|cjson)\.so' "$tmp/strace-other" >/dev/null ||
  fail "the framework with its own form file was read as JSON"

# a moved installation still finds its data beside the binary
mv "$prefix" "$tmp/moved"
run_from_elsewhere "$tmp/moved/bin/ita" report scores.csv >/dev/null || fail "a moved installation fails"
mv "$tmp/moved" "$prefix"

# the completion finds the installed years through the ita on the PATH
years=$(env -u ITA_DATA_DIR PATH="$prefix/bin:$PATH" bash -c '
  source "$1"; COMP_WORDS=(ita report --year ""); COMP_CWORD=3; _ita; echo "${COMPREPLY[*]}"' _ \
  "$prefix/share/bash-completion/completions/ita")
grep -qw 2565 <<<"$years" || fail "the completion of --year gives '$years'"

# the man page renders
MANWIDTH=80 man -l "$prefix/share/man/man1/ita.1" 2>/dev/null | grep -q "ita plan --target" ||
  fail "ita(1) does not render"
echo "50-install: ok (prefix, moved prefix, completion, man page)"
