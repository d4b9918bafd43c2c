#!/usr/bin/env bash
# Tests that ita(1) is a well-formed man page that documents every command and
# every option that `ita COMMAND --help` lists, every exit status and the environment.
set -u
ITA=$1 PAGE=$2
fail=0
warnings=$(groff -man -ww -z -k "$PAGE" 2>&1)
if [[ -n $warnings ]]; then
    echo "groff warns about $PAGE:"; echo "$warnings"; fail=1
fi
text=$(MANWIDTH=200 MAN_KEEP_FORMATTING= groff -man -k -Tutf8 -P-cbou "$PAGE" 2>/dev/null)
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS INPUT "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
    grep -q "^$section\$" <<<"$text" || { echo "no section $section"; fail=1; }
done
options=$(sed -n '/^OPTIONS$/,/^INPUT$/p' <<<"$text")
# every command that `ita --help` lists
commands=$("$ITA" --help | sed -n '/^Commands:/,/^$/p' | grep -Eo '^  [a-z]+' | tr -d ' ')
[[ -n $commands ]] || { echo "no commands in ita --help"; fail=1; }
for cmd in $commands; do
    grep -Eq "^ +$cmd( |$)" <<<"$text" || { echo "command '$cmd' is not described"; fail=1; }
    [[ $cmd == help ]] && continue
    for opt in $("$ITA" "$cmd" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -q -- "$opt" <<<"$options" || { echo "option '$opt' of '$cmd' is not in OPTIONS"; fail=1; }
    done
done
for status in 0 1 2 3 4; do
    grep -Eq "^ +$status( |$)" <<<"$text" || { echo "exit status $status is not described"; fail=1; }
done
for var in NO_COLOR LANG LC_ALL ITA_DATA_DIR; do
    grep -q "$var" <<<"$text" || { echo "environment variable $var is not described"; fail=1; }
done
exit $fail
