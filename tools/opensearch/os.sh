#!/usr/bin/env bash
# A real OpenSearch 2 node for the test suite, on 127.0.0.1 only (plain HTTP, no security plugin),
# with OpenSearch's genuine modules analysis-common, mapper-extras and transport-netty4.
#
#   tools/opensearch/os.sh install   resolve the server and modules from Maven Central (once;
#                                    offline after)
#   tools/opensearch/os.sh start     start a node on a free port, wait for yellow/green health,
#                                    print OPENSEARCH_URL=http://127.0.0.1:PORT
#   tools/opensearch/os.sh stop      stop the node and delete its data (safe to call twice)
#   tools/opensearch/os.sh status    print the URL and health; exit 0 when it answers, 3 when not
#
# tools/opensearch/smoke.py URL proves the modules are there (Dutch analysis, scaled_float).
#
# Environment: OS_JAVA_OPTS (default "-Xms512m -Xmx1g"), OS_START_TIMEOUT seconds (default 120),
# OS_STATE_DIR (default var/opensearch; the state file and jars live there, git-ignored),
# OS_STATE_FILE (default $OS_STATE_DIR/node.state): give a second node a state file of its own
# to run it next to the first (same jars, own port and data; stop it with the same variable).
# A node that does not come up makes `start` exit 1 and print the last lines of its log.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VAR="${OS_STATE_DIR:-$ROOT/var/opensearch}"
STATE="${OS_STATE_FILE:-$VAR/node.state}"
JAVA_OPTS="${OS_JAVA_OPTS:--Xms512m -Xmx1g}"
TIMEOUT="${OS_START_TIMEOUT:-120}"

log() { echo "os.sh: $*" >&2; }

read_state() {
  PID="" PORT="" NODE_HOME=""
  if [[ -f "$STATE" ]]; then
    # shellcheck disable=SC1090
    source "$STATE"
  fi
}

alive() { [[ -n "${PID:-}" ]] && kill -0 "$PID" 2>/dev/null; }

health() {
  curl -sf --max-time 5 "http://127.0.0.1:$1/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null
}

os_install() {
  local stamp="$VAR/.installed"
  local inputs=("$HERE/pom.xml" "$HERE/OsTestNode.java")
  if [[ -f "$stamp" ]]; then
    local newer=0 f
    for f in "${inputs[@]}"; do [[ "$f" -nt "$stamp" ]] && newer=1; done
    if [[ $newer == 0 ]]; then return 0; fi
  fi
  command -v mvn >/dev/null || { log "mvn not found (apt-get install maven)"; exit 1; }
  command -v javac >/dev/null || { log "javac not found (apt-get install openjdk-17-jdk-headless)"; exit 1; }
  mkdir -p "$VAR"
  rm -rf "${VAR:?}/lib" "$VAR/launcher" "$VAR/build" "$stamp"
  local mvn_args=(-q -B -f "$HERE/pom.xml" "-Dos.out=$VAR" dependency:copy-dependencies)
  # Offline first (everything already in ~/.m2), then online.
  if ! mvn -o "${mvn_args[@]}" >/dev/null 2>&1; then
    log "resolving OpenSearch from Maven Central (first run, ~45 MB)"
    mvn "${mvn_args[@]}"
  fi
  mkdir -p "$VAR/launcher"
  javac -nowarn -d "$VAR/launcher" -cp "$VAR/lib/*" "$HERE/OsTestNode.java"
  touch "$stamp"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

os_start() {
  read_state
  if alive && health "$PORT" >/dev/null; then
    echo "OPENSEARCH_URL=http://127.0.0.1:$PORT"
    return 0
  fi
  if alive; then os_stop; fi
  os_install
  local port home started
  port="$(free_port)"
  home="$(mktemp -d "${TMPDIR:-/tmp}/os-test-node.XXXXXX")"
  mkdir -p "$home/config" "$home/plugins" "$home/modules"
  started=$(date +%s)
  # shellcheck disable=SC2086
  setsid java $JAVA_OPTS -cp "$VAR/lib/*:$VAR/launcher" OsTestNode "$home" "$port" \
    >"$home/node.log" 2>&1 </dev/null &
  local pid=$!
  printf 'PID=%s\nPORT=%s\nNODE_HOME=%q\n' "$pid" "$port" "$home" >"$STATE"
  while true; do
    if health "$port" >/dev/null; then
      log "node up in $(($(date +%s) - started)) s (pid $pid, log $home/node.log)"
      echo "OPENSEARCH_URL=http://127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null || (($(date +%s) - started > TIMEOUT)); then
      log "OpenSearch did not come up within ${TIMEOUT}s (CI=${CI:-}); last lines of $home/node.log:"
      tail -n 40 "$home/node.log" >&2 || true
      os_stop
      exit 1
    fi
    sleep 1
  done
}

os_stop() {
  read_state
  if alive; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 30); do alive || break; sleep 1; done
    if alive; then kill -KILL "$PID" 2>/dev/null || true; fi
  fi
  if [[ -n "${NODE_HOME:-}" && "$NODE_HOME" == */os-test-node.* && -d "$NODE_HOME" ]]; then
    rm -rf "$NODE_HOME"
  fi
  rm -f "$STATE"
}

os_status() {
  read_state
  if alive && health "$PORT"; then
    echo
    echo "OPENSEARCH_URL=http://127.0.0.1:$PORT"
    return 0
  fi
  echo "not running"
  return 3
}

case "${1:-}" in
  install) os_install ;;
  start) os_start ;;
  stop) os_stop ;;
  status) os_status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
