# Sourced by the test scripts that list their checks one a line: a scratch
# directory removed on exit, and check DESCRIPTION COMMAND... which prints
# "ok: DESCRIPTION" or "FAILED: DESCRIPTION" and sets fail=1 on failure.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail=0
check() { # description, command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; fail=1; fi
}
