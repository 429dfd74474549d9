#!/usr/bin/env bash
# libFuzzer targets for Vigil's parsers and readers (Fuzz/<target>/main.swift, seeds in Tests/Fuzz/<target>/).
#
#   Scripts/fuzz.sh TARGET SECONDS [libFuzzer args...]   explore with a random seed for SECONDS
#   Scripts/fuzz.sh --ci                                  every target, fixed -seed and -runs; exit 1 on any crash
#   Scripts/fuzz.sh --build [TARGET...]                   build only
#   Scripts/fuzz.sh --list                                the targets
#
# The targets are not SwiftPM targets: libFuzzer brings its own `main`, which SwiftPM's link of an executable
# fights. Each module is compiled here with swiftc (and toml++ with clang++) into .build-fuzz/, never .build/,
# with -sanitize=fuzzer,address, and rebuilt only when its sources, flags or this script change.
# Seeds are never written to: every run works on a copy of its corpus in a temporary directory.
# Crashing inputs are kept in .build-fuzz/crashes/<target>/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/.build-fuzz"
TARGETS=(command-parser payload-codec snapshot force-loader scenario-loader theme-loader eido-reader)

# The --ci run: a fixed seed, and a fixed number of executions per target (each about 10-25 s on a 2-core machine).
CI_SEED=20261125
ci_runs() {
  case "$1" in
    command-parser) echo 100000 ;;
    payload-codec) echo 400000 ;;
    snapshot) echo 250000 ;;
    force-loader) echo 15000 ;;
    scenario-loader) echo 15000 ;;
    theme-loader) echo 50000 ;;
    eido-reader) echo 8000 ;;
  esac
}

SWIFTC=${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}
TOOLBIN=$(dirname "$(readlink -f "$SWIFTC")")
CLANGXX=${CLANGXX:-$TOOLBIN/clang++}
NICE=(nice -n 10)
SANITIZE=fuzzer,address
OPT=-O
# Bump when the way modules are compiled changes, so that every module is rebuilt.
RECIPE=1

log() { echo "fuzz: $*" >&2; }
die() { echo "fuzz: $*" >&2; exit 2; }

# MARK: - Dependencies (the checkouts `swift build` already made, else a resolve of our own under .build-fuzz)

checkouts() {
  if [ -d "$ROOT/.build/checkouts/swift-collections/Sources" ] && [ -d "$ROOT/.build/checkouts/TOMLKit/Sources" ]; then
    echo "$ROOT/.build/checkouts"
  else
    if [ ! -d "$OUT/spm/checkouts/TOMLKit" ]; then
      log "resolving packages into $OUT/spm"
      (cd "$ROOT" && swift package --scratch-path "$OUT/spm" resolve >&2)
    fi
    echo "$OUT/spm/checkouts"
  fi
}

# Swift sources of a directory, sorted, one per line (names may hold spaces).
swift_sources() { find "$@" -name '*.swift' -not -path '*.docc/*' | LC_ALL=C sort; }

# MARK: - Building

# build_swift NAME STAMP_EXTRA -- swiftc flags... -- sources (newline-separated in $SRCS)
# Compiles one module into $OUT/obj/NAME.o and $OUT/modules/NAME.swiftmodule, unless its stamp is unchanged.
build_module() {
  local name=$1; shift
  local deps_stamp=$1; shift
  local -a flags=("$@")
  local stamp
  stamp=$( { printf '%s\n' "$RECIPE" "$SWIFTC" "$SANITIZE" "$OPT" "${flags[@]}" "$deps_stamp";
             printf '%s\n' "$SRCS" | while IFS= read -r f; do [ -n "$f" ] && sha256sum "$f"; done; } | sha256sum | cut -c1-16)
  if [ -f "$OUT/obj/$name.o" ] && [ "$(cat "$OUT/stamps/$name" 2>/dev/null)" = "$stamp" ]; then
    echo "$stamp"; return
  fi
  log "compiling $name"
  local -a srcs=()
  mapfile -t srcs <<< "$SRCS"
  rm -f "$OUT/stamps/$name"
  "${NICE[@]}" "$SWIFTC" -module-name "$name" -parse-as-library -wmo $OPT -sanitize=$SANITIZE -g \
    -emit-module -emit-module-path "$OUT/modules/$name.swiftmodule" -c -o "$OUT/obj/$name.o" \
    -I "$OUT/modules" -module-cache-path "$OUT/module-cache" -suppress-warnings "${flags[@]}" "${srcs[@]}" >&2
  echo "$stamp" > "$OUT/stamps/$name"
  echo "$stamp"
}

declare -A STAMP=()

need() {
  local m=$1
  [ -n "${STAMP[$m]:-}" ] && return
  local co; co=$(checkouts)
  local coll="$co/swift-collections/Sources"
  local -a collflags=(-swift-version 6 -package-name swift_collections -DCOLLECTIONS_RANDOMIZED_TESTING
    -DSWIFT_MODULE_RESOURCE_BUNDLE_UNAVAILABLE -enable-upcoming-feature MemberImportVisibility)
  local feat
  for feat in BuiltinModule Lifetimes InoutLifetimeDependence AddressableParameters AddressableTypes \
              SuppressedAssociatedTypesWithDefaults; do collflags+=(-enable-experimental-feature "$feat"); done
  while IFS= read -r feat; do collflags+=(-enable-experimental-feature "$feat"); done < <(
    sed -n 's/^ *"\(SwiftStdlib [0-9.]*\)": *"\(.*\)",$/AvailabilityMacro=\1: \2/p' "$co/swift-collections/Package.swift")
  local ctoml="$co/TOMLKit/Sources/CTOML"
  local -a tomlcc=(-Xcc "-fmodule-map-file=$ctoml/include/CTOML/module.modulemap" -Xcc -I -Xcc "$ctoml/include")
  local -a vigil=(-swift-version 6 -package-name main -enable-testing -DSWIFT_PACKAGE)
  case "$m" in
    InternalCollectionsUtilities)
      SRCS=$(swift_sources "$coll/InternalCollectionsUtilities")
      STAMP[$m]=$(build_module "$m" "" "${collflags[@]}") ;;
    OrderedCollections|HeapModule)
      need InternalCollectionsUtilities
      SRCS=$(swift_sources "$coll/$m")
      STAMP[$m]=$(build_module "$m" "${STAMP[InternalCollectionsUtilities]}" "${collflags[@]}") ;;
    CTOML)
      local stamp
      stamp=$( { printf '%s\n' "$RECIPE" "$CLANGXX" "$SANITIZE"; sha256sum "$ctoml"/Sources/* "$ctoml"/include/CTOML/*; } | sha256sum | cut -c1-16)
      if [ ! -f "$OUT/obj/CTOML.o" ] || [ "$(cat "$OUT/stamps/CTOML" 2>/dev/null)" != "$stamp" ]; then
        log "compiling CTOML (toml++)"
        rm -f "$OUT/stamps/CTOML"
        # One translation unit, so toml++'s header-only implementation is compiled once.
        local unity="$OUT/gen/CTOML-all.cpp" f
        : > "$unity"
        for f in "$ctoml"/Sources/*.cpp; do printf '#include "%s"\n' "$f" >> "$unity"; done
        "${NICE[@]}" "$CLANGXX" -std=c++17 -O1 -g -fPIC -DTOML_EXCEPTIONS=1 -w -fsanitize=fuzzer-no-link,address \
          -I "$ctoml/include" -I "$ctoml/Sources" -c "$unity" -o "$OUT/obj/CTOML.o" >&2
        echo "$stamp" > "$OUT/stamps/CTOML"
      fi
      STAMP[$m]=$stamp ;;
    TOMLKit)
      need CTOML
      SRCS=$(swift_sources "$co/TOMLKit/Sources/TOMLKit")
      STAMP[$m]=$(build_module "$m" "${STAMP[CTOML]}" -swift-version 5 -DSWIFT_MODULE_RESOURCE_BUNDLE_UNAVAILABLE "${tomlcc[@]}") ;;
    VigilCore)
      need OrderedCollections
      SRCS=$(swift_sources "$ROOT/Sources/VigilCore")
      STAMP[$m]=$(build_module "$m" "${STAMP[OrderedCollections]}" "${vigil[@]}") ;;
    VigilForce|VigilSim|VigilTUI)
      need VigilCore; need TOMLKit
      local deps="${STAMP[VigilCore]}${STAMP[TOMLKit]}" extra=()
      if [ "$m" != VigilForce ]; then need VigilForce; deps+="${STAMP[VigilForce]}"; fi
      if [ "$m" = VigilSim ]; then need HeapModule; deps+="${STAMP[HeapModule]}"; fi
      if [ "$m" = VigilTUI ]; then
        need VigilThemes; deps+="${STAMP[VigilThemes]}"
        extra=(-Xcc "-fmodule-map-file=$ROOT/Sources/CNCurses/module.modulemap")
        SRCS=$(swift_sources "$ROOT/Sources/$m")
      else
        SRCS=$(swift_sources "$ROOT/Sources/$m"; resource_accessor "$m" "$ROOT/Sources/$m/Resources")
      fi
      STAMP[$m]=$(build_module "$m" "$deps" "${vigil[@]}" "${tomlcc[@]}" "${extra[@]}") ;;
    VigilEIDO)
      need VigilCore
      SRCS=$(swift_sources "$ROOT/Sources/VigilEIDO")
      STAMP[$m]=$(build_module "$m" "${STAMP[VigilCore]}" "${vigil[@]}") ;;
    VigilThemes)
      SRCS=$(swift_sources "$ROOT/Themes"; resource_accessor "$m" "$ROOT/Themes")
      STAMP[$m]=$(build_module "$m" "" "${vigil[@]}") ;;
    *) die "unknown module $m" ;;
  esac
}

# SwiftPM's resource accessor for module $1, pointed at resources in the source tree ($2, laid out as the bundle
# is); prints the generated file's path.
resource_accessor() {
  local bundle="$OUT/gen/$1-Bundle.swift"
  mkdir -p "$OUT/gen"
  printf 'import Foundation\n\nextension Foundation.Bundle {\n    static let module: Bundle = Bundle(path: "%s")!\n}\n' "$2" > "$bundle.new"
  cmp -s "$bundle.new" "$bundle" && rm "$bundle.new" || mv "$bundle.new" "$bundle"
  echo "$bundle"
}

# The modules a target links, in dependency order.
target_modules() {
  case "$1" in
    command-parser|force-loader|snapshot) echo InternalCollectionsUtilities OrderedCollections VigilCore CTOML TOMLKit VigilForce ;;
    payload-codec) echo InternalCollectionsUtilities OrderedCollections VigilCore ;;
    eido-reader) echo InternalCollectionsUtilities OrderedCollections VigilCore VigilEIDO ;;
    scenario-loader) echo InternalCollectionsUtilities OrderedCollections HeapModule VigilCore CTOML TOMLKit VigilForce VigilSim ;;
    theme-loader) echo InternalCollectionsUtilities OrderedCollections VigilCore CTOML TOMLKit VigilForce VigilThemes VigilTUI ;;
    *) die "unknown target '$1'; one of: ${TARGETS[*]}" ;;
  esac
}

build_target() {
  local t=$1 m deps="" objs=() cc=()
  local -a mods; read -r -a mods <<< "$(target_modules "$t")"
  mkdir -p "$OUT/obj" "$OUT/modules" "$OUT/stamps" "$OUT/gen" "$OUT/bin" "$OUT/module-cache"
  for m in "${mods[@]}"; do
    need "$m"; deps+="${STAMP[$m]}"; objs+=("$OUT/obj/$m.o")
  done
  local co; co=$(checkouts)
  cc=(-Xcc "-fmodule-map-file=$co/TOMLKit/Sources/CTOML/include/CTOML/module.modulemap"
      -Xcc "-fmodule-map-file=$ROOT/Sources/CNCurses/module.modulemap")
  local main="$ROOT/Fuzz/$t/main.swift"
  [ -f "$main" ] || die "no $main"
  local stamp
  stamp=$( { echo "$RECIPE $deps"; sha256sum "$main"; } | sha256sum | cut -c1-16)
  if [ -x "$OUT/bin/$t" ] && [ "$(cat "$OUT/stamps/bin-$t" 2>/dev/null)" = "$stamp" ]; then return; fi
  log "linking $t"
  rm -f "$OUT/stamps/bin-$t"
  "${NICE[@]}" "$SWIFTC" -module-name "Fuzz_${t//-/_}" -parse-as-library $OPT -sanitize=$SANITIZE -g \
    -use-ld=lld -I "$OUT/modules" -module-cache-path "$OUT/module-cache" "${cc[@]}" "$main" "${objs[@]}" -lstdc++ -o "$OUT/bin/$t" >&2
  echo "$stamp" > "$OUT/stamps/bin-$t"
}

# MARK: - Running

# run_target TARGET [libFuzzer args...]: runs on a copy of the seeds; prints libFuzzer's output; returns its status.
run_target() {
  local t=$1; shift
  local seeds="$ROOT/Tests/Fuzz/$t"
  [ -d "$seeds" ] || die "no seed corpus $seeds"
  local work; work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-fuzz-$t.XXXXXX")
  mkdir -p "$work/corpus" "$OUT/crashes/$t"
  cp "$seeds"/* "$work/corpus/" 2>/dev/null || true
  local rc=0
  # Leak detection is off: Swift's runtime caches read as leaks to LeakSanitizer. Swift's own backtracer is off:
  # libFuzzer and ASan report the crash and its stack, and the backtracer can stall under ASan.
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1} \
    "$OUT/bin/$t" -artifact_prefix="$OUT/crashes/$t/" -print_final_stats=1 -timeout=20 -rss_limit_mb=4096 \
      "$@" "$work/corpus" || rc=$?
  rm -rf "$work"
  return $rc
}

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

case "${1:-}" in
  ""|-h|--help) usage ;;
  --list) printf '%s\n' "${TARGETS[@]}" ;;
  --build)
    shift
    [ $# -gt 0 ] || set -- "${TARGETS[@]}"
    for t in "$@"; do build_target "$t"; done ;;
  --ci)
    for t in "${TARGETS[@]}"; do build_target "$t"; done
    failed=() summary=()
    start=$SECONDS
    for t in "${TARGETS[@]}"; do
      runs=$(ci_runs "$t")
      log "running $t: -seed=$CI_SEED -runs=$runs"
      t0=$SECONDS
      logf=$(mktemp); rc=0
      run_target "$t" -seed=$CI_SEED -runs="$runs" > "$logf" 2>&1 || rc=$?
      execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logf" | tail -1)
      if [ "$rc" -ne 0 ]; then
        failed+=("$t"); cat "$logf" >&2
        summary+=("$(printf '%-16s CRASHED (exit %s) after %ss; input kept in %s' "$t" "$rc" $((SECONDS - t0)) "$OUT/crashes/$t/")")
      else
        summary+=("$(printf '%-16s %8s executions in %ss' "$t" "${execs:-?}" $((SECONDS - t0)))")
      fi
      rm -f "$logf"
    done
    echo "fuzz --ci (seed $CI_SEED), $((SECONDS - start))s:"
    printf '  %s\n' "${summary[@]}"
    if [ ${#failed[@]} -gt 0 ]; then echo "fuzz: crashed: ${failed[*]}" >&2; exit 1; fi ;;
  -*) usage ;;
  *)
    [ $# -ge 2 ] || usage
    t=$1 secs=$2; shift 2
    [[ "$secs" =~ ^[0-9]+$ ]] || die "SECONDS must be a whole number"
    build_target "$t"
    run_target "$t" -max_total_time="$secs" "$@" ;;
esac
