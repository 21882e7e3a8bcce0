#!/usr/bin/env bash
# bench/config-parse.sh — how long loading and rewriting a config file takes, by shape and size
# (not part of the test suite).
#
# For each shape (comment lines of 1 KB and of 64 B, blank lines, 1 KB strings, one multi-line
# string, organization tables, empty tables, comments inside an array, tables nested 100 deep)
# and each size up to the 1 MiB cap, it writes a generated config and times, each in a fresh JVM
# with the CLI's flags (C1 JIT only, Serial GC, the CLI's heap limit):
#   read    ConfigFile.read(): decode, parse, validate (what whoami does to the file)
#   update  ConfigFile.update() as use-pat does it: locked read, change, serialise, re-read
#           check, atomic write
# Linear parsing shows as times that double with the size. "refused" is a clear error the CLI
# gives instead (file too large), "OOM" a run out of heap, "timeout" one that took longer than
# $BENCH_TIMEOUT seconds, "crashed" any other failure.
#
# Environment: JAVA (default: java on PATH), BENCH_XMX (default -Xmx192m, what the CLI runs
# with), BENCH_SIZES (bytes, default "131072 262144 524288 1048576"), BENCH_SHAPES,
# BENCH_TIMEOUT (default 60), BENCH_BASELINE=<git revision>: also time that revision's config
# code (e.g. the commit before the fix) for a before/after table. Needs a JDK; builds core.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_bin="${JAVA:-$(command -v java)}"
javac_bin="$(dirname "$(readlink -f "$java_bin")")/javac"
xmx="${BENCH_XMX:--Xmx192m}"
sizes="${BENCH_SIZES:-131072 262144 524288 1048576}"
shapes="${BENCH_SHAPES:-comments-1k comments-64 blank-lines strings-1k multiline-string tables empty-tables array-comments deep-tables}"
limit="${BENCH_TIMEOUT:-60}"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto "$xmx")

work="$(mktemp -d "${TMPDIR:-/tmp}/pipecat-config-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "bench: building core…" >&2
(cd "$root" && ./mvnw -B -q -pl core -am package -DskipTests >&2)
tomlj_version="$(sed -n 's:.*<tomlj.version>\(.*\)</tomlj.version>.*:\1:p' "$root/pom.xml")"
tomlj="$HOME/.m2/repository/org/tomlj/tomlj/$tomlj_version/tomlj-$tomlj_version.jar"
[ -f "$tomlj" ] || { echo "bench: $tomlj not found" >&2; exit 1; }
# A snapshot, so a build running meanwhile cannot change the classes under the benchmark.
core="$work/core"
cp -r "$root/core/target/classes" "$core"

mkdir -p "$work/bench"
"$javac_bin" -d "$work/bench" -cp "$core" "$root/bench/ConfigParseBench.java"
variants=("now:$work/bench:$core:$tomlj")
if [ -n "${BENCH_BASELINE:-}" ]; then
  # The baseline's config package, compiled against today's rest of core (errors, context).
  mkdir -p "$work/baseline/src" "$work/baseline/classes"
  git -C "$root" archive "$BENCH_BASELINE" core/src/main/java/io/pipecat/cli/config \
    | tar -x -C "$work/baseline/src"
  "$javac_bin" -nowarn -d "$work/baseline/classes" -cp "$core:$tomlj" \
    "$work/baseline/src"/core/src/main/java/io/pipecat/cli/config/*.java
  variants+=("$BENCH_BASELINE:$work/bench:$work/baseline/classes:$core:$tomlj")
fi

run() { # classpath mode shape size → milliseconds, or refused / OOM / timeout / crashed
  local dir="$work/run"; rm -rf "$dir"; mkdir -p "$dir"
  local out rc=0
  out="$(timeout "$limit" "$java_bin" "${flags[@]}" -cp "$1" ConfigParseBench "$2" "$3" "$4" "$dir" 2>&1)" || rc=$?
  if [ "$rc" = 124 ]; then echo "timeout"; return; fi
  if [ "$rc" != 0 ]; then echo "crashed"; return; fi
  set -- $out
  case "$out" in *OutOfMemoryError*) echo "OOM" ;; *) [ "$4" = ok ] && echo "$3" || echo "refused" ;; esac
}

echo "# $("$java_bin" -version 2>&1 | head -1); flags: ${flags[*]}"
printf '%-12s %-17s %9s %10s %10s\n' version shape bytes "read ms" "update ms"
for variant in "${variants[@]}"; do
  name="${variant%%:*}"; cp="${variant#*:}"
  for shape in $shapes; do
    for size in $sizes; do
      printf '%-12s %-17s %9s %10s %10s\n' "$name" "$shape" "$size" \
        "$(run "$cp" read "$shape" "$size")" "$(run "$cp" update "$shape" "$size")"
    done
  done
done
