#!/usr/bin/env bash
# Manage a local Azurite (blob/queue/table emulator) for tests and the local runner.
#
#   scripts/azurite.sh start   reuse an Azurite already listening on 127.0.0.1:10000-10002,
#                              otherwise start one in the background (data in .azurite/)
#   scripts/azurite.sh stop    stop only the Azurite this script started (pid in .azurite/azurite.pid)
#   scripts/azurite.sh status  report whether the ports are listening and who owns them
#
# Exit codes of `start`: 0 = ready (reused or started). The line printed on stdout says which:
#   "azurite: reusing ..." or "azurite: started ...". Callers can test for "started" to decide
#   whether to call `stop` afterwards.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
DATA_DIR="$ROOT/.azurite"
PID_FILE="$DATA_DIR/azurite.pid"
LOG_FILE="$DATA_DIR/azurite.log"
HOST=127.0.0.1
PORTS=(10000 10001 10002)
WAIT_SECONDS="${AZURITE_WAIT_SECONDS:-30}"

# True if something accepts TCP connections on $HOST:$1 (bash /dev/tcp, no extra tools).
port_open() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

all_ports_open() {
  local p
  for p in "${PORTS[@]}"; do port_open "$p" || return 1; done
}

any_port_open() {
  local p
  for p in "${PORTS[@]}"; do port_open "$p" && return 0; done
  return 1
}

# Prints the pid from the pid file if that process is still alive.
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: it must still be an azurite process.
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q azurite; then
    return 1
  fi
  echo "$pid"
}

# Waits (<= WAIT_SECONDS) until our process $1 listens on all ports; on failure prints the log tail.
wait_ready() {
  local pid=$1 deadline=$((SECONDS + WAIT_SECONDS))
  until all_ports_open; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "azurite: process $pid exited before listening; log tail:" >&2
      tail -n 30 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      return 1
    fi
    if (( SECONDS >= deadline )); then
      echo "azurite: not listening on $HOST:10000-10002 after ${WAIT_SECONDS}s; log tail:" >&2
      tail -n 30 "$LOG_FILE" >&2 || true
      cmd_stop >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

cmd_start() {
  local pid
  if pid="$(our_pid)"; then
    wait_ready "$pid" || return 1
    echo "azurite: already running (pid $pid, started by this script) on $HOST:10000-10002"
    return 0
  fi
  if all_ports_open; then
    echo "azurite: reusing the Azurite already listening on $HOST:10000-10002 (not started by us; will not stop it)"
    return 0
  fi
  if any_port_open; then
    echo "azurite: some but not all of ports 10000-10002 on $HOST are in use; refusing to start a second emulator" >&2
    return 1
  fi

  if [[ ! -x node_modules/.bin/azurite ]]; then
    echo "azurite: node_modules/.bin/azurite missing, running npm ci" >&2
    npm ci --no-audit --no-fund >&2
  fi

  mkdir -p "$DATA_DIR"
  rm -f "$PID_FILE"
  # setsid (when present) detaches it from our process group so Ctrl-C in a caller's
  # terminal reaches it only through our trap-driven `stop`.
  local launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  nohup "${launcher[@]}" node_modules/.bin/azurite \
    --silent --skipApiVersionCheck --disableTelemetry \
    --blobHost "$HOST" --queueHost "$HOST" --tableHost "$HOST" \
    --location "$DATA_DIR" \
    > "$LOG_FILE" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  wait_ready "$pid" || return 1
  echo "azurite: started (pid $pid) on $HOST:10000-10002, data in .azurite/, log in .azurite/azurite.log"
}

cmd_stop() {
  if [[ ! -f "$PID_FILE" ]]; then
    echo "azurite: no pid file; nothing we started is running (an Azurite started elsewhere is left alone)"
    return 0
  fi
  local pid
  if ! pid="$(our_pid)"; then
    echo "azurite: stale pid file removed"
    rm -f "$PID_FILE"
    return 0
  fi
  kill "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  echo "azurite: stopped (pid $pid)"
}

cmd_status() {
  local pid p state
  for p in "${PORTS[@]}"; do
    if port_open "$p"; then state=listening; else state=closed; fi
    echo "azurite: $HOST:$p $state"
  done
  if pid="$(our_pid)"; then
    echo "azurite: running, started by this script (pid $pid)"
  elif all_ports_open; then
    echo "azurite: running, started elsewhere (will be reused, never stopped by this script)"
  else
    echo "azurite: not running"
    return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
