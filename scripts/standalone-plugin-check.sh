#!/usr/bin/env bash
# Builds the example plugin as a plugin author outside this repository would, then runs it in the CLI:
#  1. ./mvnw install -DskipTests puts pipecat-bom, pipecat-core, pipecat-testkit (and what the test
#     kit needs) into the local Maven repository (skip with --no-install when already done);
#  2. a project in a temporary folder, made of example-plugin/src and example-plugin/standalone-pom.xml
#     as its pom.xml (which must be the README's plugin pom, word for word, for the version this
#     checkout builds), is built with `./mvnw -f <it> verify`: compiled against the installed
#     artifacts alone, its tests run through the test kit's public harness;
#  3. `./pipecat plugins install <folder>` installs it into a temporary plugin folder
#     (PIPECAT_PLUGIN_PATH) and `./pipecat hello greet` runs with a temporary HOME and nothing else of
#     the caller's environment; the output is checked.
# Temporary folders are removed on exit. Extra Maven options go in MAVEN_ARGS (read by Maven itself).
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

install=yes
case "${1:-}" in
  "") ;;
  --no-install) install=no ;;
  *) echo "usage: scripts/standalone-plugin-check.sh [--no-install]" >&2; exit 2 ;;
esac

say() { echo "standalone-plugin-check: $*"; }
fail() { echo "standalone-plugin-check: FAILED: $*" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/pipecat-standalone-plugin.XXXXXX")"
trap 'rm -rf "$work"' EXIT

pom="example-plugin/standalone-pom.xml"

# The README shows the pom a newcomer copies; it must be the one built here.
awk '/<!-- example-plugin\/standalone-pom.xml -->/ { marked = 1; next }
     marked && /^```xml$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' README.md >"$work/readme-pom.xml"
[ -s "$work/readme-pom.xml" ] || fail "README.md has no plugin pom after a '<!-- $pom -->' line"
diff -u "$pom" "$work/readme-pom.xml" >&2 || fail "the README's plugin pom differs from $pom (diff above)"

version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)"
plugin_pipecat_version="$(sed -n 's:^ *<pipecat.version>\(.*\)</pipecat.version>$:\1:p' "$pom")"
[ -n "$version" ] && [ "$version" = "$plugin_pipecat_version" ] \
  || fail "$pom builds against pipecat ${plugin_pipecat_version:-?}, this checkout is ${version:-?}: update it and the README"

if [ "$install" = yes ]; then
  say "installing the pipecat artifacts into the local Maven repository (./mvnw install -DskipTests)"
  ./mvnw -B -q -Dstyle.color=never install -DskipTests
fi

# What a plugin build resolves must need no parent pom: each published pom stands alone.
for module in bom core testkit launcher storage-file; do
  published="$module/target/published-pom.xml"
  [ -f "$published" ] || fail "$published is missing: is flatten-maven-plugin listed in $module/pom.xml?"
  ! grep -q '<parent>' "$published" || fail "$published (what install publishes) still names a parent pom"
done

project="$work/hello-plugin"
mkdir -p "$project"
cp -R example-plugin/src "$project/src"
cp "$pom" "$project/pom.xml"
say "building the example plugin as a standalone project (./mvnw -f <its pom.xml> verify)"
./mvnw -B -ntp -Dstyle.color=never -f "$project/pom.xml" verify

jar_tool=jar
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jar" ] && jar_tool="$JAVA_HOME/bin/jar"
jar="$project/target/pipecat-hello-plugin-1.0.0.jar"
[ -f "$jar" ] || fail "the build made no $jar"
mkdir -p "$work/manifest"
(cd "$work/manifest" && "$jar_tool" -xf "$jar" META-INF/MANIFEST.MF)
grep -q '^Pipecat-Plugin-Api: 1' "$work/manifest/META-INF/MANIFEST.MF" \
  || fail "the plugin jar's manifest has no 'Pipecat-Plugin-Api: 1'"
"$jar_tool" -tf "$jar" | grep -qx 'META-INF/pipecat/commands/io.pipecat.example.hello.GreetCommand.spec' \
  || fail "the plugin jar holds no command spec: the annotation processor did not run"

# Install it the way a user does: `pipecat plugins install <folder>` (the plugin's build output,
# a folder holding its jar) into the plugin folder named in PIPECAT_PLUGIN_PATH.
plugins="$work/plugins"
home="$work/home"
mkdir -p "$plugins" "$home" "$work/build-output"
cp "$jar" "$work/build-output/"

pipecat() { # the CLI from this checkout, with only a temporary HOME and the plugin folder
  env -i PATH="$PATH" HOME="$home" PIPECAT_PLUGIN_PATH="$plugins" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
    "$root/pipecat" "$@"
}

say "installing it: pipecat plugins install <folder>"
if ! pipecat plugins install "$work/build-output" >"$work/out" 2>"$work/err"; then
  cat "$work/out" "$work/err" >&2
  fail "pipecat plugins install exited non-zero"
fi
[ -f "$plugins/plugins.json" ] || fail "pipecat plugins install wrote no plugins.json"

say "running the installed plugin: pipecat hello greet --name Standalone"
if ! pipecat hello greet --name Standalone >"$work/out" 2>"$work/err"; then
  cat "$work/out" "$work/err" >&2
  fail "pipecat hello greet exited non-zero"
fi
printf 'Hello, Standalone!\nconfig: %s\norganization: (none)\n' \
  "$home/.config/pipecatcloud/pipecatcloud.toml" >"$work/expected"
diff -u "$work/expected" "$work/out" >&2 || fail "pipecat hello greet printed something else (diff above; stderr: $(cat "$work/err"))"
if grep -Eq 'Warning|Error' "$work/err"; then
  cat "$work/err" >&2
  fail "pipecat hello greet warned (above)"
fi

pipecat plugins list >"$work/list" 2>&1 || { cat "$work/list" >&2; fail "pipecat plugins list exited non-zero"; }
grep -q "^hello 1.0.0" "$work/list" && grep -q "status:   ok" "$work/list" \
  || { cat "$work/list" >&2; fail "pipecat plugins list does not show the installed hello plugin"; }

say "OK: built against the installed pipecat $version artifacts alone, tested, installed with pipecat plugins install and run"
