#!/usr/bin/env bash
# bench/startup.sh — start-up benchmark of the pipecat CLI (hyperfine; not part of the test suite).
#
# Measures side by side, in ONE hyperfine run (warmup 3, runs $RUNS, default 15), each row against
# a JVM hello world (the unit): ./pipecat --help/--version/plugins list; `cloud --show-cli-config`
# with no config file, with the one-org file users have after a login, and with 10,000 org tables;
# `cloud auth whoami` against the fake Pipecat Cloud; --help with 50 and with 200 third-party
# plugins (their index warm); the plugin index built cold for 200 plugins (`plugins list
# --refresh`, which reads every plugin again); and the plain `java --module-path` start for
# contrast. Prints each median, its ratio to hello world, CPU time and peak RSS (/usr/bin/time -v,
# max of 3 runs), with the load average before and after the timed runs (the ratios are only
# comparable within one run; on a busy machine, repeat).
#
# Rows: each `row NAME COMMAND…` below adds one (a command that cannot run here is listed as n/a
# with `unavailable NAME WHY`); the table keeps the order of the rows.
#
# Needs: a built checkout (it runs `./pipecat --version` first, which builds when stale),
# hyperfine and GNU time (Debian: apt-get install -y hyperfine time), python3 for the table.
# Never touches your config: HOME, PIPECAT_CONFIG_PATH, XDG_CACHE_HOME and the plugin folders are
# temporary. Environment: RUNS=N, BENCH_KEEP=1 (keep the temp dir), JAVA=path (hello world / plain
# JVM), PIPECAT_IMAGE_JDK=/path/to/jdk (build the image with that JDK first, to compare JDKs; the
# image stays built with it until the next build without the variable).
#
# whoami on the paths users take (a block of its own below): over https to a second fake that
# serves TLS with a throw-away test CA (trusted through PIPECAT_TRUST_STORE: a copy of the system
# trust store plus that CA), with a real config file and the file store, and with the keychain
# store. For the keychain the script re-runs itself inside scripts/with-keyring.sh (a private D-Bus
# session with a throw-away gnome-keyring; your own keychain is never touched); without
# dbus-run-session and gnome-keyring-daemon those rows are n/a. BENCH_KEYCHAIN=0 skips them.
set -euo pipefail

root_for_keyring="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keychain_na=""
if [ "${BENCH_KEYCHAIN:-1}" = 0 ]; then
  keychain_na="BENCH_KEYCHAIN=0"
elif [ -z "${WITH_KEYRING_DAEMON_PID:-}" ]; then
  if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1 \
      && command -v dbus-send >/dev/null 2>&1; then
    exec "$root_for_keyring/scripts/with-keyring.sh" "$root_for_keyring/bench/startup.sh" "$@"
  fi
  keychain_na="no session bus with a Secret Service: apt-get install -y gnome-keyring dbus dbus-x11"
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-15}"
java_bin="${JAVA:-$(command -v java)}"
javac_bin="$(dirname "$(readlink -f "$java_bin")")/javac"
for tool in hyperfine /usr/bin/time python3 "$javac_bin"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool not found (apt-get install -y hyperfine time)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/pipecat-bench.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "${tls_pid:-}" ]; then kill "$tls_pid" 2>/dev/null || true; wait "$tls_pid" 2>/dev/null || true; fi
  [ -n "${BENCH_KEEP:-}" ] && echo "bench: kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export HOME="$work/home" PIPECAT_CONFIG_PATH="$work/home/pipecatcloud.toml" PIPECAT_PLUGIN_PATH="$work/no-plugins"
unset PIPECAT_TOKEN PIPECAT_ORG PIPECAT_API_HOST JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS
export XDG_CACHE_HOME="$work/cache"
mkdir -p "$HOME" "$PIPECAT_PLUGIN_PATH"
pipecat="$root/pipecat"

dist="$root/dist/target/pipecat"; lib="$dist/lib"
if [ -n "${PIPECAT_IMAGE_JDK:-}" ]; then
  # The image build reads the variable (it skips its work when the JDK and the jars are unchanged).
  echo "bench: building the image with PIPECAT_IMAGE_JDK=$PIPECAT_IMAGE_JDK…" >&2
  (cd "$root" && ./mvnw -q -B -Dstyle.color=never -DskipTests package) >&2
fi
echo "bench: building (if stale)…" >&2
"$pipecat" --version >/dev/null
image_jdk="$(sed -n 's/^jdk.home=//p' "$dist/image.properties" 2>/dev/null || true)"

# ---- hello world ------------------------------------------------------------------------------
mkdir -p "$work/hello"
cat >"$work/hello/Hello.java" <<'EOF'
public class Hello { public static void main(String[] args) { System.out.println("Hello, world"); } }
EOF
"$javac_bin" -d "$work/hello" "$work/hello/Hello.java"

# ---- config files: the one users have after a login, and 10,000 orgs ---------------------------
one_org="$work/one-org.toml"
cat >"$one_org" <<'EOF'
token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzAxMjM0NTY3ODkiLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJl"
org = "acme"
refresh_token = "v1.MjAyNi0xMS0zMFQyMTowMDowMFo.cmVmcmVzaA"
token_expires_at = 4102444800.5

[acme]
default_public_key = "pk_0123456789abcdef0123456789abcdef"
default_secret_set = "acme-secrets"
EOF
many_orgs="$work/orgs-10000.toml"
{ cat "$one_org"; for i in $(seq -w 1 10000); do printf '\n[org-%s]\ndefault_public_key = "pk_%s"\ndefault_secret_set = "secrets-%s"\n' "$i" "$i" "$i"; done; } >"$many_orgs"
chmod 600 "$one_org" "$many_orgs"

# ---- 200 third-party plugins (tiny modular jars, one group + one command each) -----------------
plugins="$work/plugins"; src="$work/plugin-src"; mkdir -p "$plugins"
for i in $(seq -w 1 200); do
  m="io.pipecat.bench.p$i"; d="$src/$m"; p="io/pipecat/bench/p$i"
  mkdir -p "$d/$p"
  cat >"$d/module-info.java" <<EOF
module $m {
    requires io.pipecat.cli.core;
    provides io.pipecat.cli.spi.CommandGroupProvider with io.pipecat.bench.p$i.Plugin;
    opens io.pipecat.bench.p$i to com.github.rvesse.airline;
}
EOF
  cat >"$d/$p/Plugin.java" <<EOF
package io.pipecat.bench.p$i;
import io.pipecat.cli.spi.CommandGroup;
import io.pipecat.cli.spi.CommandGroupProvider;
import java.util.List;
public final class Plugin implements CommandGroupProvider {
    @Override public String name() { return "bench$i"; }
    @Override public String version() { return "1.0.$i"; }
    @Override public List<CommandGroup> groups() {
        return List.of(CommandGroup.at("bench$i").description("Benchmark plugin $i").commands(Ping.class).build());
    }
}
EOF
  cat >"$d/$p/Ping.java" <<EOF
package io.pipecat.bench.p$i;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.pipecat.cli.context.CommandContext;
import io.pipecat.cli.spi.CliCommand;
@Command(name = "ping", description = "Print pong")
public final class Ping extends CliCommand {
    @Option(name = "--loud", description = "Shout") private boolean loud;
    @Override public void run(CommandContext context) { context.io().out().println(loud ? "PONG" : "pong"); }
}
EOF
done
# pipecat-core on the processor path: its processor writes each command's spec, as a plugin build does.
"$javac_bin" --release 17 -nowarn -d "$work/plugin-classes" --module-path "$lib" --module-source-path "$src" \
  -processorpath "$(ls "$lib"/pipecat-core-*.jar | head -1)" $(find "$src" -name '*.java') >/dev/null
for d in "$work/plugin-classes"/*; do
  jar_bin="$(dirname "$javac_bin")/jar"
  "$jar_bin" --create --file "$plugins/$(basename "$d").jar" -C "$d" .
done
plugins50="$work/plugins-50"; mkdir -p "$plugins50"
for i in $(seq 1 50); do cp "$plugins/io.pipecat.bench.p$(printf %03d "$i").jar" "$plugins50/"; done

# ---- fake Pipecat Cloud -----------------------------------------------------------------------
testkit_jar="$(ls "$root"/testkit/target/pipecat-testkit-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)"
api=""
if [ -n "$testkit_jar" ] && [ -d "$root/testkit/target/lib" ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  "$java_bin" -p "$testkit_jar:$root/testkit/target/lib" -m io.pipecat.cli.testkit/io.pipecat.cli.testkit.FakePipecatCloud \
    --port "$port" >"$work/fake.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  api="http://127.0.0.1:$port"
else
  echo "bench: testkit not built; whoami is n/a" >&2
fi

# ---- rows --------------------------------------------------------------------------------------
has_cloud=""; "$pipecat" --help 2>/dev/null | grep -qE '^\s+cloud\b' && has_cloud=1
names=(); cmds=(); missing=()
q() { printf '%q ' "$@"; }
row() { names+=("$1"); shift; cmds+=("$(q "$@")"); }   # row NAME COMMAND…
unavailable() { missing+=("$1|$2"); }                   # unavailable NAME WHY
cloud_row() { if [ -n "$has_cloud" ]; then row "$@"; else unavailable "$1" "no cloud command yet"; fi; }
add() { names+=("$1"); cmds+=("$2"); }                  # add NAME QUOTED-COMMAND (built by q)

row "hello world" "$java_bin" -cp "$work/hello" Hello
row "--help" "$pipecat" --help
row "--version" "$pipecat" --version
row "plugins list" "$pipecat" plugins list
cloud_row "cloud --show-cli-config, no config" "$pipecat" cloud --show-cli-config
cloud_row "cloud --show-cli-config, one org" env PIPECAT_CONFIG_PATH="$one_org" "$pipecat" cloud --show-cli-config
cloud_row "cloud --show-cli-config, 10,000 orgs" env PIPECAT_CONFIG_PATH="$many_orgs" "$pipecat" cloud --show-cli-config
if [ -n "$has_cloud" ] && [ -n "$api" ] && PIPECAT_TOKEN=pcc_pat_demo PIPECAT_API_HOST="$api" "$pipecat" cloud auth whoami >/dev/null 2>&1; then
  row "cloud auth whoami" env PIPECAT_TOKEN=pcc_pat_demo PIPECAT_API_HOST="$api" "$pipecat" cloud auth whoami
else unavailable "cloud auth whoami" "no fake cloud or no whoami"; fi

# ---- whoami on the paths users take: https (TLS, test CA), file store with a config, keychain ----
# (goals: whoami ≤ 2.5× hello world over TLS with TCP_NODELAY, peak RSS ≤ 52 MB; the keychain adds
# ≤ 150 ms over the file store). The fake sets TCP_NODELAY, as real servers do.
tls_api=""; tls_pid=""; tls_na=""
if [ -n "$has_cloud" ] && [ -n "$testkit_jar" ]; then
  tls_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  "$java_bin" -p "$testkit_jar:$root/testkit/target/lib" -m io.pipecat.cli.testkit/io.pipecat.cli.testkit.FakePipecatCloud \
    --port "$tls_port" --https --trust-store "$work/truststore.jks" >"$work/fake-tls.log" 2>&1 &
  tls_pid=$!
  for _ in $(seq 1 300); do grep -q '^Fake Pipecat Cloud listening' "$work/fake-tls.log" 2>/dev/null && break; sleep 0.1; done
  grep -q '^Fake Pipecat Cloud listening' "$work/fake-tls.log" && tls_api="https://127.0.0.1:$tls_port" \
    || tls_na="the https fake did not start: $(head -1 "$work/fake-tls.log")"
  # A real API server is warm: give the fake's TLS and handlers a few hundred requests first, so
  # the table measures the CLI, not a cold server JVM on the same two cores.
  [ -n "$tls_api" ] && python3 - "$tls_port" <<'WARM' || true
import http.client, ssl, sys
context = ssl._create_unverified_context()  # the fake's own warm-up only; the CLI verifies
for _ in range(300):
    c = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), context=context, timeout=10)
    for path in ("/v1/users", "/v1/organizations", "/v1/organizations/acme/daily"):
        c.request("GET", path, headers={"Authorization": "Bearer pcc_pat_demo", "User-Agent": "PipecatCloudCLI/bench"})
        c.getresponse().read()
    c.close()
WARM
else tls_na="no cloud command or no test kit"; fi
tls_env() { # $1: home folder; a real config there (a login and one org table), no PIPECAT_TOKEN
  printf '%s' "env HOME=$(printf %q "$1") PIPECAT_CONFIG_PATH=$(printf %q "$1/pipecatcloud.toml") PIPECAT_API_HOST=$tls_api PIPECAT_TRUST_STORE=$(printf %q "$work/truststore.jks") "
}
if [ -n "$tls_api" ]; then
  for h in file keychain; do
    mkdir -p "$work/home-$h"
    printf 'token = "pcc_pat_demo"\norg = "acme"\nrefresh_token = ""\ntoken_expires_at = 0\n\n[acme]\ndefault_public_key = "pk_bench"\ndefault_public_key_name = "Bench key"\n' \
      >"$work/home-$h/pipecatcloud.toml"
    chmod 600 "$work/home-$h/pipecatcloud.toml"
  done
  add "whoami, https, file store" "$(tls_env "$work/home-file")$(q "$pipecat" cloud auth whoami)"
  if [ -z "$keychain_na" ]; then
    if eval "$(tls_env "$work/home-keychain")$(q "$pipecat" cloud auth store keyring)" >/dev/null 2>"$work/keychain.err"; then
      add "whoami, https, keychain store" "$(tls_env "$work/home-keychain")$(q "$pipecat" cloud auth whoami)"
    else keychain_na="moving the login into the keychain failed: $(head -1 "$work/keychain.err")"; fi
  fi
fi
[ -n "$tls_na" ] && { unavailable "whoami, https, file store" "$tls_na"; keychain_na="${keychain_na:-$tls_na}"; }
[ -n "$keychain_na" ] && unavailable "whoami, https, keychain store" "$keychain_na"


row "--help, 50 plugins" env PIPECAT_PLUGIN_PATH="$plugins50" XDG_CACHE_HOME="$work/cache-50" "$pipecat" --help
row "--help, 200 plugins" env PIPECAT_PLUGIN_PATH="$plugins" XDG_CACHE_HOME="$work/cache-200" "$pipecat" --help
row "plugin index, 200 plugins, cold" env PIPECAT_PLUGIN_PATH="$plugins" XDG_CACHE_HOME="$work/cache-cold" "$pipecat" plugins list --refresh
row "--help, plain module path (JDK default)" "$java_bin" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto --module-path "$lib" -m io.pipecat.cli.launcher/io.pipecat.cli.launcher.Main --help

# sanity: every command must succeed, the plugins must show up, the 10,000 orgs must be read
for i in "${!cmds[@]}"; do
  eval "${cmds[$i]}" >"$work/out.txt" 2>"$work/err.txt" || { echo "bench: '${names[$i]}' failed:" >&2; cat "$work/err.txt" >&2; exit 1; }
  [ -s "$work/err.txt" ] && echo "bench: note: '${names[$i]}' wrote to stderr: $(head -1 "$work/err.txt")" >&2
done
for count in 50 200; do
  folder="$plugins"; [ "$count" = 50 ] && folder="$plugins50"
  n="$(env PIPECAT_PLUGIN_PATH="$folder" XDG_CACHE_HOME="$work/cache-$count" "$pipecat" --help | grep -c '^  bench[0-9]' || true)"
  [ "$n" -eq "$count" ] || { echo "bench: expected $count plugin groups in --help, saw $n" >&2; exit 1; }
done
if [ -n "$has_cloud" ]; then
  env PIPECAT_CONFIG_PATH="$many_orgs" "$pipecat" cloud --show-cli-config >"$work/out.txt"
  grep -q 'org-10000' "$work/out.txt" || echo "bench: note: --show-cli-config does not list the orgs (not checked)" >&2
fi

# ---- peak RSS ----------------------------------------------------------------------------------
rss=()
for i in "${!cmds[@]}"; do
  max=0
  for _ in 1 2 3; do
    kb="$(eval "/usr/bin/time -v ${cmds[$i]}" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}')"
    [ "${kb:-0}" -gt "$max" ] && max="$kb"
  done
  rss+=("$max")
done

# ---- timing: one hyperfine run -----------------------------------------------------------------
hf=(hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$work/result.json")
for i in "${!cmds[@]}"; do hf+=("--command-name=${names[$i]}"); done
hf+=("${cmds[@]}")
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)"
echo "bench: hyperfine ($runs runs each; load average $load_before)…" >&2
"${hf[@]}" >"$work/hyperfine.txt" 2>&1 && [ -s "$work/result.json" ] || { cat "$work/hyperfine.txt" >&2; exit 1; }

python3 - "$work/result.json" "$(printf '%s\n' "${rss[@]}")" "$(printf '%s\n' "${missing[@]:-}")" "$("$pipecat" --version | head -1)" "${image_jdk:-none}" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)" "$runs" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rss = [int(x) for x in sys.argv[2].split()]
missing = [m.split("|", 1) for m in sys.argv[3].split("\n") if m]
hello = results[0]["median"]
print(f"# {sys.argv[4]}; image built with {sys.argv[5]}")
print(f"# hyperfine, {sys.argv[8]} runs each; load average {sys.argv[6]} before, {sys.argv[7]} after")
print(f"{'command':42} {'× hello':>8} {'median ms':>9} {'user+sys ms':>11} {'peak RSS MB':>11}")
for r, kb in zip(results, rss):
    cpu = (r["user"] + r["system"]) * 1000
    print(f"{r['command']:42} {r['median']/hello:8.2f} {r['median']*1000:9.1f} {cpu:11.1f} {kb/1024:11.1f}")
for name, why in missing:
    print(f"{name:42} {'n/a':>8} {'n/a':>9} {'n/a':>11} {'n/a':>11}   ({why})")
EOF

# ---- whoami on the paths users take: goals 2 and 3 ----------------------------------------------
python3 - "$work/result.json" "$(printf '%s\n' "${rss[@]}")" "$keychain_na" "$tls_na" <<'EOF2'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rss = dict(zip((r["command"] for r in results), (int(x) / 1024 for x in sys.argv[2].split())))
by = {r["command"]: r["median"] for r in results}
hello = results[0]["median"]
tls, key = "whoami, https, file store", "whoami, https, keychain store"
if tls in by:
    ratio = by[tls] / hello
    print(f"whoami over https, file store: {ratio:.2f}× hello (goal ≤ 2.5×: {'met' if ratio <= 2.5 else 'not met'}), "
          f"peak RSS {rss[tls]:.1f} MB (goal ≤ 52 MB: {'met' if rss[tls] <= 52 else 'not met'})")
else:
    print(f"whoami over https: n/a ({sys.argv[4]})")
if tls in by and key in by:
    cost = (by[key] - by[tls]) * 1000
    print(f"the keychain adds {cost:.1f} ms to whoami over the file store (goal ≤ 150 ms: {'met' if cost <= 150 else 'not met'})")
else:
    print(f"keychain store: n/a ({sys.argv[3] or sys.argv[4]})")
EOF2
