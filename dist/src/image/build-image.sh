#!/usr/bin/env bash
# build-image.sh DIST_DIR — turns DIST_DIR/lib (the CLI's module path, whatever jars it holds) into
# a fast-starting distribution, written beside it:
#   DIST_DIR/image/      a jlinked runtime: the JDK modules the jars need + the app modules themselves
#                        (automatic jars get a generated module-info first, since jlink refuses them)
#   DIST_DIR/image/lib/pipecat.aot (JDK 24+ AOT cache) or pipecat.jsa (AppCDS, JDK < 24), trained here
#   DIST_DIR/java        symlink to the java binary to start (the image's, or a JDK's in fallback)
#   DIST_DIR/jvm.args    java @argfile: VM flags, cache, module path and main module
# The ./pipecat script runs "$DIST_DIR/java" @"$DIST_DIR/jvm.args" "$@".
#
# Generic: the module list, the automatic modules and the JDK modules are all derived from lib/.
# Fallbacks, each announced with ONE stderr line at build time and never at run time:
#   a jar that cannot be converted (it calls ServiceLoader, or javac rejects the generated
#   module-info) → JDK-only image with the app jars kept on --module-path;
#   no JDK that can jlink → plain --module-path on the newest JDK, with a class-data cache;
#   nothing works → plain --module-path, exactly as before.
# Environment: PIPECAT_IMAGE_JDK=/path/to/jdk (force a JDK), PIPECAT_IMAGE=off (skip: plain module
# path), PIPECAT_IMAGE_EXTRA_MODULES=a,b (more JDK modules, e.g. for third-party plugins).
# Skips all work when lib/, the JDK and this script are unchanged since the last build.
set -euo pipefail

dist="$(cd "$1" && pwd)"
# A finished image build means the distribution is complete: ./pipecat's staleness stamp, so a
# `./mvnw verify` (CI, a developer) does not make the next ./pipecat build again.
trap 'rc=$?; [ "$rc" -eq 0 ] && touch "$dist/.built"' EXIT
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$dist/lib"
work="$dist/../image-work"
main_module="io.pipecat.cli.launcher"
main_class="io.pipecat.cli.launcher.Main"
# Start-up flags (measured: C1 only and Serial GC are the fastest for a short-lived CLI; no
# hsperfdata file). Logging is off so that a refused cache never prints a warning.
vm_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData)  # -Xshare:auto is the default (and AOTCacheOutput refuses it)
quiet_flags=(-Xlog:disable -Xlog:all=off)
# JDK modules always linked (besides what the jars' descriptors/jdeps require):
#   jdk.crypto.ec  — TLS with EC keys/curves on JDK < 22 (merged into java.base later; harmless)
#   jdk.unsupported — sun.misc.Unsafe & co.: JNA (keyring), Jackson/others' fast paths
#   jdk.net        — extended socket options httpcore5 touches on every connect
#   java.net.http  — small; the JDK HTTP client, the natural choice of third-party plugins
extra_modules="jdk.crypto.ec,jdk.unsupported,jdk.net,java.net.http${PIPECAT_IMAGE_EXTRA_MODULES:+,$PIPECAT_IMAGE_EXTRA_MODULES}"

note() { echo "pipecat: $*" >&2; }
log() { [ -n "${PIPECAT_IMAGE_VERBOSE:-}" ] && echo "build-image: $*" >&2 || true; }

args_file() { # one quoted argument per line (a java @argfile; paths may hold spaces); ARGS_FILE: target
  local a; for a in "$@"; do a="${a//\\/\\\\}"; printf '"%s"\n' "${a//\"/\\\"}"; done >"${ARGS_FILE:-$dist/jvm.args}"
}
write_plain() { # $1 = java binary; $2.. extra flags (cache)
  local java_bin="$1"; shift
  ln -sfn "$java_bin" "$dist/java"
  args_file "${vm_flags[@]}" "$@" "${quiet_flags[@]}" --module-path "$lib" -m "$main_module/$main_class"
}

feature_of() { # JDK home → feature version (e.g. 17, 25), from its release file
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1 || true
}

# ---- candidate JDKs, newest first ------------------------------------------------------------
candidates() {
  if [ -n "${PIPECAT_IMAGE_JDK:-}" ]; then echo "$PIPECAT_IMAGE_JDK"; return; fi
  {
    [ -n "${JAVA_HOME:-}" ] && echo "$JAVA_HOME"
    command -v java >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do [ -d "$d" ] && echo "$d"; done
  } | while read -r d; do
    d="$(readlink -f "$d")"; v="$(feature_of "$d")"
    [ -n "$v" ] && [ -x "$d/bin/java" ] && [ -x "$d/bin/jlink" ] && [ -x "$d/bin/jdeps" ] && echo "$v $d"
  done | sort -u | sort -k1,1nr | awk '{print $2}'
}
mapfile -t jdks < <(candidates)

# ---- up to date? -------------------------------------------------------------------------------
inputs="$( (ls -l --time-style=+%s "$lib"; sha256sum "$here"/*; echo "${jdks[*]:-none} ${PIPECAT_IMAGE:-} ${PIPECAT_IMAGE_EXTRA_MODULES:-}") 2>/dev/null | sha256sum | cut -c1-32)"
if [ -f "$dist/.image-inputs" ] && [ "$(cat "$dist/.image-inputs")" = "$inputs" ] && [ -e "$dist/java" ] && [ -f "$dist/jvm.args" ]; then
  log "up to date"; exit 0
fi
rm -f "$dist/.image-inputs" "$dist/jvm.args" "$dist/jvm-light.args" "$dist/java"
rm -rf "$dist/image" "$work"
mkdir -p "$work"

if [ "${PIPECAT_IMAGE:-}" = "off" ] || [ "${#jdks[@]}" -eq 0 ]; then
  [ "${PIPECAT_IMAGE:-}" = "off" ] || note "no JDK with jlink found; using the plain module path"
  write_plain "$(command -v java || echo java)"
  echo "$inputs" >"$dist/.image-inputs"; exit 0
fi

# Training run(s): the command a cache is trained on. With an auth plugin present, 'cloud auth
# whoami' against a closed local port loads the command tree AND the HTTP stack; else '--help'.
train_env=(env -i PATH="$PATH" HOME="$work/home" PIPECAT_CONFIG_PATH="$work/home/pipecatcloud.toml"
  PIPECAT_PLUGIN_PATH="$work/no-plugins" PIPECAT_TOKEN=pcc_pat_training PIPECAT_API_HOST=http://127.0.0.1:9 LANG="${LANG:-C.UTF-8}")
mkdir -p "$work/home"

# A tiny third-party plugin for the training run, so that the cache also holds the classes and
# lambdas of the plugin-index path (a run with plugins reads the index on every start). Made with
# the JDK at hand; without it, training simply runs without plugins.
make_training_plugin() { # $1 JDK home → prints the plugin folder, or nothing
  local jdk="$1" src="$work/train-plugin-src/train.plugin" out="$work/train-plugins"
  mkdir -p "$src/train" "$out"
  cat >"$src/module-info.java" <<'JAVA'
module train.plugin {
    requires io.pipecat.cli.core;
    provides io.pipecat.cli.spi.CommandGroupProvider with train.Train;
    opens train to com.github.rvesse.airline;
}
JAVA
  cat >"$src/train/Train.java" <<'JAVA'
package train;
import io.pipecat.cli.spi.CommandGroup;
public final class Train implements io.pipecat.cli.spi.CommandGroupProvider {
    public String name() { return "train"; }
    public String version() { return "0"; }
    public java.util.List<CommandGroup> groups() {
        return java.util.List.of(CommandGroup.at("train").description("Training").commands(Ping.class).build());
    }
}
JAVA
  cat >"$src/train/Ping.java" <<'JAVA'
package train;
@com.github.rvesse.airline.annotations.Command(name = "ping", description = "Print pong")
public final class Ping extends io.pipecat.cli.spi.CliCommand {
    @com.github.rvesse.airline.annotations.Option(name = "--loud", description = "Shout") private boolean loud;
    @Override public void run(io.pipecat.cli.context.CommandContext context) { context.io().out().println("pong"); }
}
JAVA
  # pipecat-core on the processor path writes the command's spec, as in a plugin author's build.
  "$jdk/bin/javac" -nowarn -d "$work/train-plugin-classes" --module-path "$lib" \
      -processorpath "$(ls "$lib"/pipecat-core-*.jar | head -1)" "$src/module-info.java" "$src/train/Train.java" "$src/train/Ping.java" >"$work/train-plugin.log" 2>&1 \
    && "$jdk/bin/jar" --create --file "$out/train-plugin.jar" -C "$work/train-plugin-classes" . >>"$work/train-plugin.log" 2>&1 \
    && echo "$out"
}

train_cache() { # $1 java; $2 feature; $3 cache file; rest: module args (after flags)
  local java_bin="$1" v="$2" cache="$3"; shift 3
  local cmd=(--help)
  if grep -qa 'io/pipecat/cli/launcher/TrainingRun.class' "$lib"/pipecat-launcher-*.jar 2>/dev/null; then
    # The launcher's TrainingRun runs help, version, plugins list, completion, show-cli-config and
    # whoami (against a canned local API) in one JVM: one training run covers every common path.
    local args=() a
    for a in "$@"; do args+=("${a/%\/$main_class//io.pipecat.cli.launcher.TrainingRun}"); done
    set -- "${args[@]}"
    cmd=()
  elif "${train_env[@]}" "$java_bin" "${vm_flags[@]}" "${quiet_flags[@]}" "$@" --help 2>/dev/null | grep -qE '^\s+cloud\b'; then
    cmd=(cloud auth whoami)
  fi
  # With the training plugin: one run first writes the plugin index, so the recorded run reads it.
  local plugins; plugins="$(make_training_plugin "$jdk" || true)"  # $jdk: the JDK being tried (it has javac)
  if [ -n "$plugins" ]; then
    train_env=(env -i PATH="$PATH" HOME="$work/home" PIPECAT_CONFIG_PATH="$work/home/pipecatcloud.toml"
      PIPECAT_PLUGIN_PATH="$plugins" PIPECAT_TOKEN=pcc_pat_training PIPECAT_API_HOST=http://127.0.0.1:9 LANG="${LANG:-C.UTF-8}")
    "${train_env[@]}" "$java_bin" "${vm_flags[@]}" "${quiet_flags[@]}" "$@" --help >/dev/null 2>&1 || true
    log "training with a plugin from the index ($plugins)"
  fi
  log "training ($v) on: ${cmd[*]:-TrainingRun} ($*)"
  if [ "$v" -ge 25 ]; then
    "${train_env[@]}" "$java_bin" "${vm_flags[@]}" -XX:AOTCacheOutput="$cache" -Xlog:disable -Xlog:all=off "$@" "${cmd[@]}" >/dev/null 2>&1 || true
  elif [ "$v" -ge 24 ]; then
    "${train_env[@]}" "$java_bin" "${vm_flags[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$work/aot.conf" -Xlog:disable -Xlog:all=off "$@" "${cmd[@]}" >/dev/null 2>&1 || true
    "${train_env[@]}" "$java_bin" "${vm_flags[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$work/aot.conf" -XX:AOTCache="$cache" -Xlog:disable -Xlog:all=off "$@" >/dev/null 2>&1 || true
  else # AppCDS, static: works with or without a base archive in the runtime
    "${train_env[@]}" "$java_bin" "${vm_flags[@]}" -Xshare:off -XX:DumpLoadedClassList="$work/classes.lst" "$@" "${cmd[@]}" >/dev/null 2>&1 || true
    "${train_env[@]}" "$java_bin" "${vm_flags[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" -XX:SharedArchiveFile="$cache" -Xlog:disable -Xlog:all=off "$@" >/dev/null 2>&1 || true
  fi
  [ -s "$cache" ]
}
# A second, small cache for the light invocations (help, version, completion, plugin list,
# --show-cli-config), JDK 25+ only. With AOT class linking the JVM preloads the whole cache at
# start, so the full cache (HTTP, JSON) costs every light command ~20 ms and ~10 MB of RSS;
# ./pipecat picks jvm-light.args for those words. Measured on this machine (median, hello = 47 ms):
# full cache: --help 103 ms / 54 MB, whoami 196 ms; light cache: --help 83 ms / 45 MB, whoami 384 ms.
light_invocations=("--help" "--version" "cloud auth" "plugins list" "help cloud auth login" "completion bash"
  "nosuchcommand" "cloud --show-cli-config")
train_light_cache() { # $1 java; $2 feature; $3 cache file; rest: module args (after flags)
  local java_bin="$1" v="$2" cache="$3"; shift 3
  [ "$v" -ge 25 ] || return 1
  grep -qa 'io/pipecat/cli/launcher/TrainingRun.class' "$lib"/pipecat-launcher-*.jar 2>/dev/null || return 1
  local args=() a
  for a in "$@"; do args+=("${a/%\/$main_class//io.pipecat.cli.launcher.TrainingRun}"); done
  log "training the light cache ($v)"
  "${train_env[@]}" "$java_bin" "${vm_flags[@]}" -XX:AOTCacheOutput="$cache" -Xlog:disable -Xlog:all=off \
    "${args[@]}" "${light_invocations[@]}" >/dev/null 2>&1 || true
  [ -s "$cache" ]
}
cache_flag() { # $1 feature; $2 cache file
  if [ "$1" -ge 24 ]; then echo "-XX:AOTCache=$2"; else echo "-XX:SharedArchiveFile=$2"; fi
}

# Does the runtime start the CLI with no output on stderr? (guards every variant we produce)
smoke() { # args: java + args up to the main module
  local err; err="$("${train_env[@]}" "$@" --version 2>&1 >/dev/null)" || return 1
  [ -z "$err" ] || { log "stderr: $err"; return 1; }
}

for jdk in "${jdks[@]}"; do
  v="$(feature_of "$jdk")"
  log "trying JDK $v at $jdk"
  tool="$work/tool-$v"
  "$jdk/bin/javac" -nowarn -d "$tool" "$here/ImageTool.java" 2>/dev/null || continue
  listing="$("$jdk/bin/java" -cp "$tool" ImageTool list "$lib")" || continue
  all_modules="$(cut -f1 <<<"$listing" | paste -sd, -)"

  # ---- 1. full image: convert automatic jars to explicit modules -------------------------------
  mode=full
  mods="$work/mods-$v"; mkdir -p "$mods"
  mapfile -t autos < <(awk -F'\t' '$2=="automatic"' <<<"$listing")
  if grep -qP '\tautomatic\t.*\tserviceloader$' <<<"$listing"; then
    mode=modulepath; note "an automatic module calls ServiceLoader; keeping the jars on the module path"
  fi
  if [ "$mode" = full ]; then
    explicit_path="$(awk -F'\t' -v l="$lib" '$2=="explicit"{print l"/"$3}' <<<"$listing" | paste -sd: -)"
    if [ "${#autos[@]}" -gt 0 ]; then
      auto_jars=(); patches=()
      for a in "${autos[@]}"; do
        IFS=$'\t' read -r name _ file _ <<<"$a"
        auto_jars+=("$lib/$file"); patches+=(--patch-module "$name=$lib/$file")
      done
      gen="$work/gen-$v"
      if "$jdk/bin/jdeps" --multi-release "$v" --ignore-missing-deps --generate-module-info "$gen" \
            --module-path "$lib" "${auto_jars[@]}" >"$work/jdeps.log" 2>&1; then
        # Automatic modules are open and export everything: keep that (reflection-heavy libraries).
        src="$work/src-$v"
        for a in "${autos[@]}"; do
          IFS=$'\t' read -r name _ _ _ <<<"$a"
          mi="$(find "$gen/$name" -name module-info.java | head -1)"
          [ -n "$mi" ] || { mode=modulepath; break; }
          mkdir -p "$src/$name"; sed 's/^module /open module /' "$mi" >"$src/$name/module-info.java"
        done
      else
        mode=modulepath
      fi
      if [ "$mode" = full ] && "$jdk/bin/javac" -nowarn --release "$v" -d "$work/classes-$v" \
            --module-source-path "$src" --module-path "$explicit_path" "${patches[@]}" \
            $(for a in "${autos[@]}"; do IFS=$'\t' read -r name _ _ _ <<<"$a"; echo "$src/$name/module-info.java"; done) \
            >"$work/javac.log" 2>&1; then
        for a in "${autos[@]}"; do
          IFS=$'\t' read -r name _ file _ <<<"$a"
          "$jdk/bin/java" -cp "$tool" ImageTool inject "$lib/$file" "$work/classes-$v/$name/module-info.class" "$mods/$file"
        done
      else
        [ "$mode" = full ] && note "could not give the automatic jars a module descriptor (see $work/javac.log); keeping the jars on the module path"
        mode=modulepath
      fi
    fi
  fi

  image="$work/image-$v"
  link_opts=(--strip-debug --no-header-files --no-man-pages --ignore-signing-information)
  available="$("$jdk/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -)"
  extras="$(tr , '\n' <<<"$extra_modules" | grep -Fxf <(tr , '\n' <<<"$available") | paste -sd, -)"
  if [ "$mode" = full ]; then
    for a in $(awk -F'\t' '$2=="explicit"{print $3}' <<<"$listing"); do ln -sf "$lib/$a" "$mods/$a"; done
    if "$jdk/bin/jlink" "${link_opts[@]}" --module-path "$mods" --add-modules "$all_modules,$extras" \
          --output "$image" >"$work/jlink.log" 2>&1 \
        && smoke "$image/bin/java" "${vm_flags[@]}" "${quiet_flags[@]}" -m "$main_module/$main_class"; then
      rm -rf "$dist/image"; mv "$image" "$dist/image"
      cache="$dist/image/lib/pipecat.$([ "$v" -ge 24 ] && echo aot || echo jsa)"
      cache_opt=()
      if train_cache "$dist/image/bin/java" "$v" "$cache" -m "$main_module/$main_class"; then cache_opt=("$(cache_flag "$v" "$cache")"); fi
      ln -sfn "$dist/image/bin/java" "$dist/java"
      args_file "${vm_flags[@]}" "${cache_opt[@]}" "${quiet_flags[@]}" -m "$main_module/$main_class"
      rm -f "$dist/jvm-light.args"
      light="$dist/image/lib/pipecat-light.aot"
      if [ "${#cache_opt[@]}" -gt 0 ] && train_light_cache "$dist/image/bin/java" "$v" "$light" -m "$main_module/$main_class" \
          && smoke "$dist/image/bin/java" "${vm_flags[@]}" "-XX:AOTCache=$light" "${quiet_flags[@]}" -m "$main_module/$main_class"; then
        ARGS_FILE="$dist/jvm-light.args" args_file "${vm_flags[@]}" "-XX:AOTCache=$light" "${quiet_flags[@]}" -m "$main_module/$main_class"
      fi
      log "full image with JDK $v (${#autos[@]} automatic jars converted)"
      echo "$inputs" >"$dist/.image-inputs"; exit 0
    fi
    rm -rf "$image" "$dist/image"
    note "jlink of the app modules failed with JDK $v (see $work/jlink.log); trying the JDK modules only"
  fi

  # ---- 2. JDK-only image, app jars on --module-path ---------------------------------------------
  deps="$("$jdk/bin/jdeps" --multi-release "$v" --ignore-missing-deps --print-module-deps \
          --module-path "$lib" --add-modules "$all_modules" 2>"$work/jdeps-deps.log" | tail -1)" || deps=""
  if [ -n "$deps" ] && "$jdk/bin/jlink" "${link_opts[@]}" --add-modules "$deps,$extras" --output "$image" >"$work/jlink.log" 2>&1 \
      && smoke "$image/bin/java" "${vm_flags[@]}" "${quiet_flags[@]}" --module-path "$lib" -m "$main_module/$main_class"; then
    rm -rf "$dist/image"; mv "$image" "$dist/image"
    cache="$dist/image/lib/pipecat.$([ "$v" -ge 24 ] && echo aot || echo jsa)"
    cache_opt=()
    if train_cache "$dist/image/bin/java" "$v" "$cache" --module-path "$lib" -m "$main_module/$main_class"; then cache_opt=("$(cache_flag "$v" "$cache")"); fi
    write_plain "$dist/image/bin/java" "${cache_opt[@]}"
    log "JDK-only image with JDK $v, jars on the module path"
    echo "$inputs" >"$dist/.image-inputs"; exit 0
  fi
  rm -rf "$image"
  log "JDK $v: no image (see $work/jlink.log)"
done

# ---- 3. no image: newest JDK, plain module path, class-data cache in the work dir ---------------
jdk="${jdks[0]}"; v="$(feature_of "$jdk")"
note "could not build a runtime image (see $work/*.log); using the plain module path"
mkdir -p "$dist/cache"; cache="$dist/cache/pipecat.$([ "$v" -ge 24 ] && echo aot || echo jsa)"
cache_opt=()
if train_cache "$jdk/bin/java" "$v" "$cache" --module-path "$lib" -m "$main_module/$main_class"; then cache_opt=("$(cache_flag "$v" "$cache")"); fi
write_plain "$jdk/bin/java" "${cache_opt[@]}"
echo "$inputs" >"$dist/.image-inputs"
