#!/usr/bin/env bash
# The bundled example as Excel workbooks written at test time by two independent
# writers (Debian's python3-openpyxl and python3-xlsxwriter, through write.py),
# and as the workbook committed in data/examples: each gives the CSV route's
# output byte for byte (report -f json, rank -f json, check, plan), from a file,
# from a file without extension and from standard input.
#   tests/workbook/run.sh ITA DATA
# The writers are test packages (scripts/test-packages.d/workbook.txt): without them
# this test fails, it does not skip.
set -u
ITA=$(cd "$(dirname "$1")" && pwd)/${1##*/} DATA=$(cd "$2" && pwd)
export ITA_DATA_DIR=$DATA LC_ALL=C.UTF-8 LANG= LC_MESSAGES= NO_COLOR=
here=$(cd "$(dirname "$0")" && pwd)
python=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import openpyxl, xlsxwriter' 2>/dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
  echo "xlsx: no python3 can import openpyxl and xlsxwriter (Debian: python3-openpyxl python3-xlsxwriter)"
  exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 1
cp "$DATA/examples/tceb-2565.csv" example.csv
w() { "$python" "$here/write.py" "$@" || { echo "xlsx: write.py $* failed"; exit 1; }; }
w openpyxl example.csv openpyxl.xlsx                         # inline strings
w xlsxwriter example.csv xlsxwriter.xlsx --formulas          # shared strings, formulas with values
w xlsxwriter-inline example.csv inline.xlsx --formulas --at C3 --sheet "ITA 2565"
cp xlsxwriter.xlsx noextension
w interrupt xlsxwriter.xlsx interrupted.xlsx                 # a comment in the middle of every part
w interrupt inline.xlsx interrupted-inline.xlsx
cp "$DATA/examples/tceb-2565.xlsx" committed.xlsx

fail=0 runs=0
# run NAME ARGS...: stdout, stderr (file name replaced) and exit status
run() {
  local name=$1; shift
  "$ITA" "$@" >"$name.out" 2>"$name.err"
  echo $? >"$name.rc"
}
compare() { # compare WORKBOOK INPUT-ARGS...
  local book=$1; shift
  local i=0 cmd
  for cmd in "report -f json" "rank -f json" "check" "check -f json" "plan --target 98 -f json" "report"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    run "csv$i" $cmd example.csv
    # shellcheck disable=SC2086
    run "book$i" $cmd "$@"
    sed -i "s|example\.csv|$book|g" "csv$i.out" "csv$i.err"
    for s in out err rc; do
      if ! cmp -s "csv$i.$s" "book$i.$s"; then
        echo "$book: 'ita $cmd' differs from the CSV route ($s):"; diff "csv$i.$s" "book$i.$s" | head -20; fail=1
      fi
    done
    runs=$((runs + 1))
  done
}
compare openpyxl.xlsx openpyxl.xlsx
compare xlsxwriter.xlsx xlsxwriter.xlsx
compare inline.xlsx --sheet "ITA 2565" inline.xlsx
compare inline.xlsx --sheet 2 inline.xlsx
compare noextension noextension
compare interrupted.xlsx interrupted.xlsx
compare interrupted-inline.xlsx --sheet "ITA 2565" interrupted-inline.xlsx
compare committed.xlsx committed.xlsx
# standard input: the name in messages is <stdin>
for book in openpyxl.xlsx xlsxwriter.xlsx; do
  "$ITA" report -f json - <"$book" >stdin.out 2>stdin.err || { echo "$book on standard input fails"; cat stdin.err; fail=1; }
  "$ITA" report -f json example.csv | cmp -s - stdin.out || { echo "$book on standard input differs"; fail=1; }
  runs=$((runs + 1))
done
[ $fail = 0 ] && echo "xlsx: $runs runs, each the same as the CSV route"
exit $fail
