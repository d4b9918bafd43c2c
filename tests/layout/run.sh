#!/usr/bin/env bash
# Tests that the top level of the repository holds exactly what the README's
# "Layout" section names: every committed top-level entry is named there, and
# every entry named there is committed. Only committed files count (git
# ls-files), so build directories and local scratch files do not; outside a git
# checkout (a source tarball) there is nothing to compare and the test says
# SKIPPED (exit 77).
set -u
SRC=$1
if ! command -v git >/dev/null 2>&1; then
    echo "SKIPPED: git is not installed, so the committed top level cannot be listed"; exit 77
fi
top=$(git -C "$SRC" rev-parse --show-toplevel 2>/dev/null) || top=
if [[ -z $top || $(cd "$top" && pwd -P) != $(cd "$SRC" && pwd -P) ]]; then
    echo "SKIPPED: $SRC is not the top of a git checkout, so the committed top level cannot be listed"; exit 77
fi
committed=$(git -C "$SRC" ls-files -z | tr '\0' '\n' | cut -d/ -f1 | sort -u)
[[ -n $committed ]] || { echo "git ls-files lists nothing in $SRC"; exit 1; }
# The list items of the section: the backquoted names before the first colon.
section=$(sed -n '/^## Layout$/,/^## /p' "$SRC/README.md")
[[ -n $section ]] || { echo "README.md has no section '## Layout'"; exit 1; }
named=$(grep '^- `' <<<"$section" | sed 's/`: .*/`/' | grep -o '`[^`]*`' | tr -d '`' | sed 's:/$::' | sort -u)
[[ -n $named ]] || { echo "the Layout section of README.md lists no entry"; exit 1; }
fail=0
while IFS= read -r entry; do
    grep -qxF -- "$entry" <<<"$named" ||
        { echo "'$entry' is at the top of the repository but not in the Layout section of README.md"; fail=1; }
done <<<"$committed"
while IFS= read -r entry; do
    grep -qxF -- "$entry" <<<"$committed" ||
        { echo "the Layout section of README.md names '$entry', which is not committed at the top of the repository"; fail=1; }
done <<<"$named"
(( fail == 0 )) && echo "the top level holds the $(wc -l <<<"$committed") entries the README names"
exit "$fail"
