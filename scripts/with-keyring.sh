#!/usr/bin/env bash
# with-keyring.sh <command...>
#
# Runs <command> inside a private D-Bus session bus (dbus-run-session) with a
# freshly created, unlocked gnome-keyring (Secret Service component only), then
# tears both down and exits with <command>'s exit code.
#
# - Non-interactive: the keyring password is piped in, stdin is not needed (CI has none).
# - Throw-away state: the keyring files live in a temp dir (XDG_DATA_HOME of the
#   daemon only), so a user's real ~/.local/share/keyrings is never touched and
#   no password from an earlier run can get in the way.
# - No daemons left behind: the keyring daemon runs in the foreground as our
#   child and is killed on exit; dbus-run-session kills its dbus-daemon itself.
# - Exports to <command>: DBUS_SESSION_BUS_ADDRESS (by dbus-run-session) and
#   WITH_KEYRING_DAEMON_PID (pid of the gnome-keyring-daemon, for tests that
#   need to freeze it to simulate a hung Secret Service).
#
# Needs (Debian/Ubuntu): apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 <command...>" >&2
  exit 2
fi

if [ -z "${_WITH_KEYRING_INNER:-}" ]; then
  for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "with-keyring.sh: '$tool' not found; install: apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools" >&2
      exit 127
    fi
  done
  self="$(readlink -f "${BASH_SOURCE[0]}")"
  # dbus-run-session exits with the exit status of its child.
  _WITH_KEYRING_INNER=1 exec dbus-run-session -- "$self" "$@"
fi
unset _WITH_KEYRING_INNER

state="$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")"
mkdir -p "$state/data" "$state/run"
chmod 700 "$state/run"
daemon_pid=""

cleanup() {
  if [ -n "$daemon_pid" ]; then
    kill -CONT "$daemon_pid" 2>/dev/null || true   # in case a test froze it
    kill -TERM "$daemon_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --unlock reads the password from stdin and creates/unlocks the "login" keyring,
# which becomes the default collection. --foreground keeps it our child.
printf '%s' "test" | XDG_DATA_HOME="$state/data" XDG_RUNTIME_DIR="$state/run" \
  gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$state/daemon.log" 2>&1 &
daemon_pid=$!

# Wait (max ~10 s) until org.freedesktop.secrets is owned on this bus.
ready=""
for _ in $(seq 100); do
  if ! kill -0 "$daemon_pid" 2>/dev/null; then
    break
  fi
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "with-keyring.sh: gnome-keyring-daemon did not come up; its log:" >&2
  cat "$state/daemon.log" >&2 || true
  exit 1
fi

export WITH_KEYRING_DAEMON_PID="$daemon_pid"
set +e
"$@"
rc=$?
set -e
exit "$rc"
