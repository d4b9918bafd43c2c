#!/usr/bin/env bash
# Tests the bash completion of ita: COMPLETION is the script, DATA a data
# directory whose frameworks give the years. Each case completes a command line
# (the last word is the one completed) and compares the candidates, sorted.
set -u
COMPLETION=$(cd "$(dirname "$1")" && pwd)/${1##*/}
DATA=$(cd "$2" && pwd)
# shellcheck source=/dev/null
source "$COMPLETION"
export ITA_DATA_DIR=$DATA
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 1
touch scores.csv other.tsv notes.txt book.XLSX
fail=0
check()
{
    local want=$1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _ita
    local got
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
    got=${got% }
    if [[ $got != "$want" ]]; then
        echo "completing '$*': got '$got', expected '$want'"
        fail=1
    fi
}
years=$(for f in "$DATA"/frameworks/ita-*.json; do y=${f##*/ita-}; echo "${y%.json}"; done | sort | tr '\n' ' ')
years=${years% }
check "check" ita ch
check "--help --version -V -h check frameworks help plan rank report template" ita ""
check "plan" ita pl
check "--target" ita plan --tar
check "A AA B C D E Excellent Good Pass" ita plan --target ""
check "AA" ita plan --target AA
check "csv html json md text xlsx" ita report -f ""
check "csv html json md text xlsx" ita rank -f ""
check "--measures" ita report --meas
check "--by" ita rank --by
check "html json md text xlsx" ita plan --format ""
check "csv text xlsx" ita template -f ""
check "json text" ita check --format ""
check "en th" ita report --lang ""
check "always auto never" ita report --color ""
check "$years" ita report --year ""
check "$years" ita frameworks ""
check "2565" ita template --year 2565
check "--strict" ita check --st
check "--base-year" ita report --ba
check "" ita plan --base
check "book.XLSX other.tsv scores.csv" ita report ""
check "scores.csv" ita plan --target 98 s
check "check frameworks plan rank report template" ita help ""
check "en" ita report --lang=e
# every command of `ita --help` completes, with every option of its --help
if [[ -n ${ITA:-} ]]; then
    for cmd in $("$ITA" --help | sed -n '/^Commands:/,/^$/p' | grep -Eo '^  [a-z]+' | tr -d ' '); do
        [[ $cmd == help ]] && continue
        check "$cmd" ita "$cmd"
        offered=" $(_ita_options_of "$cmd") "
        for opt in $("$ITA" "$cmd" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
            [[ $offered == *" $opt "* ]] || { echo "option '$opt' of '$cmd' is not completed"; fail=1; }
        done
    done
fi
exit $fail
