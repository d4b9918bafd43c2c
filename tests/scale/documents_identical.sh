#!/usr/bin/env bash
# report -f md|html -o DIR/ gives the same files on any number of threads, and
# each document is the one `report --agency NAME` writes alone; agencies whose
# names give the same slug get -2, -3 (and the index links to each); a run that
# cannot rename a document into place exits 4 and leaves no temporary file; nor does
# one that writes a new DIR whole and cannot rename it.
set -uo pipefail
ITA=$1 GEN=$2
export ITA_DATA_DIR=$3 LC_ALL=C.UTF-8
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
"$GEN" --agencies 40 --years 3 --last-year 2569 --seed 5 --gaps >"$dir/in.csv" || exit 1
# two more agencies with the slug of the first: its name with punctuation added
first=$(sed -n '2s/,.*//p' "$dir/in.csv")
awk -F, -v a="$first" 'NR > 1 && $1 == a { print }' "$dir/in.csv" >"$dir/first.rows"
sed "s/^$first,/$first!,/" "$dir/first.rows" >>"$dir/in.csv"
sed "s/^$first,/($first),/" "$dir/first.rows" >>"$dir/in.csv"
for fmt in md html; do
  "$ITA" report -f "$fmt" --jobs 1 -o "$dir/one-$fmt/" "$dir/in.csv" 2>"$dir/one.err" ||
    { echo "$fmt: --jobs 1 failed"; cat "$dir/one.err"; fail=1; }
  [ "$(find "$dir/one-$fmt" -type f | wc -l)" = 43 ] || { echo "$fmt: not 42 documents and the index"; fail=1; }
  for jobs in 2 3 8; do
    "$ITA" report -f "$fmt" --jobs "$jobs" -o "$dir/many/" "$dir/in.csv" 2>"$dir/many.err"
    if ! diff -r "$dir/one-$fmt" "$dir/many" >/dev/null || ! cmp -s "$dir/one.err" "$dir/many.err"; then
      echo "$fmt: --jobs $jobs differs from --jobs 1"
      diff -r "$dir/one-$fmt" "$dir/many" | head -5
      fail=1
    fi
    rm -rf "$dir/many"
  done
done
# every document as `report --agency` writes it, through the index's links
sed -n 's/^| \[\(.*\)\](<\(.*\)>) |.*/\1\t\2/p' "$dir/one-md/index.md" >"$dir/links"
[ "$(wc -l <"$dir/links")" = 42 ] || { echo "index.md: not 42 links"; fail=1; }
while IFS=$'\t' read -r name file; do
  name=${name//\\/}
  for fmt in md html; do
    "$ITA" report -f "$fmt" --agency "$name" "$dir/in.csv" >"$dir/alone" 2>/dev/null
    cmp -s "$dir/alone" "$dir/one-$fmt/${file%.md}.$fmt" || { echo "$fmt: $file differs from --agency \"$name\""; fail=1; }
  done
done <"$dir/links"
grep -c -- '-[23]\.md>' "$dir/one-md/index.md" | grep -qx 2 || { echo "index.md: no -2 and -3 documents"; fail=1; }
# a directory where a document goes: exit 4, the message, no temporary file left
slug=$(sed -n '1s/.*\t//p' "$dir/links")
mkdir -p "$dir/blocked/${slug%.md}.html/x"
"$ITA" report -f html --jobs 2 -o "$dir/blocked/" "$dir/in.csv" 2>"$dir/blocked.err"
rc=$?
[ $rc = 4 ] || { echo "blocked: exit $rc, expected 4"; fail=1; }
grep -q "cannot write .*${slug%.md}.html" "$dir/blocked.err" || { echo "blocked: no message"; cat "$dir/blocked.err"; fail=1; }
if find "$dir/blocked" -name '*.tmp.*' | grep -q .; then echo "blocked: temporary files left"; fail=1; fi
# a new DIR is written whole beside it and renamed: the permissions mkdir gives,
# nothing left beside it
mkdir "$dir/fresh"
(umask 027 && "$ITA" report -f md --jobs 2 -o "$dir/fresh/new/" "$dir/in.csv" 2>/dev/null) ||
  { echo "fresh: failed"; fail=1; }
[ "$(stat -c %a "$dir/fresh/new")" = 750 ] || { echo "fresh: mode $(stat -c %a "$dir/fresh/new"), not 750"; fail=1; }
[ "$(ls "$dir/fresh")" = new ] || { echo "fresh: left beside it: $(ls "$dir/fresh")"; fail=1; }
diff -r "$dir/one-md" "$dir/fresh/new" >/dev/null || { echo "fresh: differs from --jobs 1"; fail=1; }
# its rename fails (DIR a dangling symbolic link): exit 4, the message, the link
# as it was and nothing beside it; a parent that is missing: exit 4, nothing made
mkdir "$dir/link"
ln -s nowhere "$dir/link/out"
"$ITA" report -f html --jobs 2 -o "$dir/link/out/" "$dir/in.csv" 2>"$dir/link.err"
rc=$?
[ $rc = 4 ] || { echo "link: exit $rc, expected 4"; fail=1; }
grep -q "cannot write .*link/out/: Not a directory" "$dir/link.err" || { echo "link: no message"; cat "$dir/link.err"; fail=1; }
[ "$(ls "$dir/link")" = out ] && [ "$(readlink "$dir/link/out")" = nowhere ] ||
  { echo "link: not as it was: $(ls -l "$dir/link")"; fail=1; }
"$ITA" report -f html -o "$dir/missing/out/" "$dir/in.csv" 2>"$dir/missing.err"
rc=$?
[ $rc = 4 ] || { echo "missing: exit $rc, expected 4"; fail=1; }
grep -q "cannot create .*missing/out/" "$dir/missing.err" || { echo "missing: no message"; cat "$dir/missing.err"; fail=1; }
[ ! -e "$dir/missing" ] || { echo "missing: something made"; fail=1; }
exit $fail
