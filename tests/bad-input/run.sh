#!/usr/bin/env bash
# Runs one case of the bad-input battery: tests/bad-input/NAME.case.
#
# A case file is a small table: header lines, then sections.
#   # comment lines say what the case is about
#   command: $ITA check in.csv     run by bash (with pipefail) in a scratch directory
#   status: 3                      the exit status expected (default 0)
#   needs: COMMAND                 skip the case (exit 77) where COMMAND fails
#   --- in.csv                     a file to create; backslash escapes as in printf %b
#                                  (\xEF\xBB\xBF, \x00, \r, \\); "--- NAME -n": no final newline
#   --- gen                        a bash snippet run first, for inputs made at test time
#   --- stdout                     what standard output must be (else it must be empty)
#   --- stderr                     what standard error must be (else it must be empty)
# $ITA is the binary; the bundled example is example.csv in the scratch directory.
# UPDATE=1 rewrites the status, stdout and stderr of the case from what ita did:
# review every change before committing it.
set -u
ITA=$1 DATA=$2 CASE=$3
export ITA DATA
export ITA_DATA_DIR=$DATA LC_ALL=C.UTF-8 LANG= LC_MESSAGES= NO_COLOR=
scratch=$(mktemp -d)
trap 'chmod -R u+rwx "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT
mkdir "$scratch/.case"

command="" want_status=0 section="" names=() needs=""
header=()
while IFS= read -r line || [ -n "$line" ]; do
  if [[ $line == "--- "* ]]; then
    read -r _ section flag <<<"$line"
    names+=("$section")
    : >"$scratch/.case/$section"
    [ "${flag:-}" = -n ] && : >"$scratch/.case/$section.no-newline"
    continue
  fi
  if [ -z "$section" ]; then
    case $line in
      command:*) command=${line#command:}; command=${command# } ;;
      status:*) want_status=${line#status:}; want_status=${want_status// /} ;;
      needs:*) needs=${line#needs:} ;;
    esac
    [[ $line == status:* ]] || header+=("$line")
    continue
  fi
  printf '%s\n' "$line" >>"$scratch/.case/$section"
done <"$CASE"
[ -n "$command" ] || { echo "$CASE: no command: line"; exit 1; }

if [ -n "$needs" ] && ! (cd "$scratch" && bash -c "$needs") >/dev/null 2>&1; then
  echo "skipped: this system cannot run: $needs"
  exit 77
fi
cp "$DATA/examples/tceb-2565.csv" "$scratch/example.csv"
for n in "${names[@]}"; do
  case $n in
    stdout|stderr|gen) ;;
    *) # decode escapes line by line; drop the last newline when asked
       first=1
       while IFS= read -r line || [ -n "$line" ]; do
         [ $first = 1 ] || printf '\n'
         printf '%b' "$line"
         first=0
       done <"$scratch/.case/$n" >"$scratch/$n"
       [ -e "$scratch/.case/$n.no-newline" ] || [ $first = 1 ] || printf '\n' >>"$scratch/$n" ;;
  esac
done
if [ -e "$scratch/.case/gen" ]; then
  (cd "$scratch" && bash -e .case/gen) || { echo "$CASE: the gen section failed"; exit 1; }
fi
(cd "$scratch" && bash -o pipefail -c "$command" >.out 2>.err)
status=$?

if [ "${UPDATE:-}" = 1 ]; then
  {
    printf '%s\n' "${header[@]}"
    [ "$status" = 0 ] || echo "status: $status"
    for n in "${names[@]}"; do
      case $n in stdout|stderr) continue ;; esac
      if [ -e "$scratch/.case/$n.no-newline" ]; then echo "--- $n -n"; else echo "--- $n"; fi
      cat "$scratch/.case/$n"
    done
    if [ -s "$scratch/.out" ]; then echo "--- stdout"; cat "$scratch/.out"; fi
    if [ -s "$scratch/.err" ]; then echo "--- stderr"; cat "$scratch/.err"; fi
  } >"$scratch/.new"
  cp "$scratch/.new" "$CASE"
  exit 0
fi

fail=0
if [ "$status" != "$want_status" ]; then
  echo "exit status $status, expected $want_status"; fail=1
fi
for stream in stdout stderr; do
  got=$scratch/.out; [ $stream = stderr ] && got=$scratch/.err
  want=$scratch/.case/$stream
  [ -e "$want" ] || want=/dev/null
  if ! cmp -s "$want" "$got"; then
    echo "$stream differs:"; diff "$want" "$got" | head -40; fail=1
  fi
done
exit $fail
