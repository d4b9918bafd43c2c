#!/usr/bin/env bash
# `cpack -G DEB`: the package depends on the Debian packages of every library the
# binary needs, installs into a scratch root, and the ita in it runs from another
# directory with the data it carries.
set -euo pipefail
top=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build-pkg -DCMAKE_BUILD_TYPE=RelWithDebInfo -DITA_WERROR=ON -DITA_TESTS=OFF \
  -DITA_SOURCE_TREE_DATA=OFF -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build build-pkg -j"$jobs" >/dev/null
rm -f build-pkg/ita_*.deb
(cd build-pkg && cpack -G DEB >/dev/null)
deb=$(ls build-pkg/ita_*.deb)
fail() { echo "60-deb: $*" >&2; exit 1; }

# Depends names the package of every library the binary needs itself (its
# NEEDED entries, as this machine resolves them: the path, or under merged /usr
# the file it points to); what those libraries need in turn (libzip's zlib, bzip2
# and OpenSSL) their own packages depend on
depends=$(dpkg-deb -f "$deb" Depends)
needed=" $(objdump -p build-pkg/ita | awk '$1 == "NEEDED" { printf "%s ", $2 }')"
# the package that holds library $1 (at $2) is in Depends
depends_on() {
  local pkg
  pkg=$( { dpkg -S "$2" || dpkg -S "$(readlink -f "$2")"; } 2>/dev/null | sed -n "1s/:.*//p")
  [ -n "$pkg" ] || fail "no Debian package holds $1 ($2)"
  grep -Eq "(^|, )$pkg( |,|$)" <<<"$depends" || fail "Depends ($depends) lacks $pkg, which holds $1"
}
while read -r lib path; do
  [[ $needed == *" $lib "* ]] || continue
  depends_on "$lib" "$path"
done < <(ldd build-pkg/ita | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}')
# and so does it for the libraries the binary opens only when it needs them (the
# workbook libraries, include/ita/dynlib.h): every soname written in the binary
# (no reader here stops early: under pipefail a writer killed by SIGPIPE fails the step)
while read -r lib; do
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && $NF ~ /^\// && !found { print $NF; found = 1 }')
  [ -n "$path" ] || fail "the binary opens $lib, which this machine does not have"
  depends_on "$lib" "$path"
done < <(grep -aoE 'lib[A-Za-z0-9_+-]+\.so\.[0-9]+' build-pkg/ita | sort -u)
grep -aq 'libzip\.so\.' build-pkg/ita || fail "the binary names no libzip to open: the check above saw nothing"
# and apt could install it: every dependency is known to this Debian
apt-get -s install "./$deb" >/dev/null 2>&1 || fail "apt-get cannot install $deb"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg -x "$deb" "$tmp/root"
for f in usr/bin/ita usr/share/man/man1/ita.1 usr/share/bash-completion/completions/ita \
         usr/share/ita/frameworks/ita-2565.json usr/share/ita/texts/th.json usr/share/doc/ita/copyright \
         usr/share/ita/frameworks/ita-2565.compact usr/share/ita/texts/th.compact; do
  [ -f "$tmp/root/$f" ] || fail "$f is not in the package"
done
mkdir "$tmp/elsewhere"
cp data/examples/tceb-2565.csv "$tmp/elsewhere/scores.csv"
cd "$tmp/elsewhere"
out=$(env -u ITA_DATA_DIR LC_ALL=C.UTF-8 "$tmp/root/usr/bin/ita" plan --lang en --target 98 scores.csv) ||
  fail "the packaged ita fails"
want=$(ITA_DATA_DIR="$top/data" LC_ALL=C.UTF-8 "$top/build/ita" plan --lang en --target 98 scores.csv)
[ "$out" = "$want" ] || fail "the packaged ita plans otherwise than the build"
env -u ITA_DATA_DIR "$tmp/root/usr/bin/ita" report --lang th scores.csv | grep "คะแนนภาพรวม: 97.04" >/dev/null ||
  fail "the packaged ita does not report in Thai"
echo "60-deb: ok ($(basename "$deb"): $depends)"
