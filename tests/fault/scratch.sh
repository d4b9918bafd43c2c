#!/usr/bin/env bash
# Tests that the renderers that write into a buffer make every buffer of their own
# as a scratch buffer of the one it helps to write (ita_buf_scratch), so that an
# allocation failure in it marks the document failed at once and cannot be lost
# when it is freed. A plain ita_buf_init there is allowed only on a line that says
# "no owner:" and why. The workbook renderers (xlsx*.c) keep their own status.
set -u
SRC=$1
fail=0
shopt -s nullglob
files=()
for f in "$SRC"/src/render/*.c; do
    case ${f##*/} in xlsx*) ;; *) files+=("$f") ;; esac
done
(( ${#files[@]} > 0 )) || { echo "no renderer found under $SRC/src/render"; exit 1; }
while IFS= read -r hit; do
    echo "$hit: a buffer of a renderer made with ita_buf_init; use ita_buf_scratch(&b, owner)"
    fail=1
done < <(grep -n 'ita_buf_init(' "${files[@]}" | grep -v 'no owner:')
(( fail == 0 )) && echo "the ${#files[@]} renderers make every buffer of their own as a scratch buffer"
exit "$fail"
