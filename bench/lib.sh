# What the benchmark scripts share (sourced from the top of the tree):
#   bench_setup NAME "$@"  reads --agencies N, --runs N, --work DIR into agencies,
#                          runs, work (defaults set before); checks the tools; builds
#                          Release into $work/build; sets ita, gen, build
#   bench_build            the same but the options: the tools, the build, the names
#   bench_section TITLE TEXT  writes TEXT as the section "## TITLE" of bench/RESULTS.md,
#                          in place of the one there, or at the end
bench_setup() {
  local name=$1
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --agencies) agencies=$2; shift 2 ;;
      --runs) runs=$2; shift 2 ;;
      --work) work=$2; shift 2 ;;
      *) echo "usage: bench/$name [--agencies N] [--runs N] [--work DIR]" >&2; exit 2 ;;
    esac
  done
  bench_build
}

bench_build() {
  for tool in hyperfine /usr/bin/time cmake; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is needed (apt-get install hyperfine time cmake)" >&2; exit 2; }
  done
  mkdir -p "$work"
  build="$work/build"
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DITA_TESTS=OFF >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
  ita="$build/ita" gen="$build/bench/ita-gen"
  export ITA_DATA_DIR="$PWD/data"
}

bench_section() {
  local results=bench/RESULTS.md
  touch "$results"
  awk -v title="## $1" -v section="$2" '
    /^## / { skip = ($0 == title) }
    skip && !done { print section; print ""; done = 1 }
    !skip { print }
    END { if (!done) { print ""; print section } }
  ' "$results" >"$results.new"
  mv "$results.new" "$results"
}
