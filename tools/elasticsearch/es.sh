#!/usr/bin/env bash
# A real Elasticsearch 8 node for the test suite, on 127.0.0.1 only (plain HTTP, no security).
#
#   tools/elasticsearch/es.sh install   resolve the server from Maven Central (once; offline after)
#   tools/elasticsearch/es.sh start     start a node on a free port, wait for yellow/green health,
#                                       print ELASTICSEARCH_URL=http://127.0.0.1:PORT
#   tools/elasticsearch/es.sh stop      stop the node and delete its data (safe to call twice)
#   tools/elasticsearch/es.sh status    print the URL and health; exit 0 when it answers, 3 when not
#
# Environment: ES_JAVA_OPTS (default "-Xms512m -Xmx1g"), ES_START_TIMEOUT seconds (default 120),
# ES_STATE_DIR (default var/elasticsearch; the state file and jars live there, git-ignored),
# ES_STATE_FILE (default $ES_STATE_DIR/node.state): give a second node a state file of its own
# to run it next to the first (same jars, own port and data; stop it with the same variable).
# A node that does not come up makes `start` exit 1 and print the last lines of its log.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VAR="${ES_STATE_DIR:-$ROOT/var/elasticsearch}"
STATE="${ES_STATE_FILE:-$VAR/node.state}"
JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx1g}"
TIMEOUT="${ES_START_TIMEOUT:-120}"

log() { echo "es.sh: $*" >&2; }

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

es_install() {
  local stamp="$VAR/.installed"
  local inputs=("$HERE/pom.xml" "$HERE/EsTestNode.java" "$HERE"/analysis-nl/src/nl/doorbraak/esanalysis/*.java)
  if [[ -f "$stamp" ]]; then
    local newer=0 f
    for f in "${inputs[@]}"; do [[ "$f" -nt "$stamp" ]] && newer=1; done
    if [[ $newer == 0 ]]; then return 0; fi
  fi
  command -v mvn >/dev/null || { log "mvn not found (apt-get install maven)"; exit 1; }
  command -v javac >/dev/null || { log "javac not found (apt-get install openjdk-17-jdk-headless)"; exit 1; }
  mkdir -p "$VAR"
  rm -rf "$VAR/lib" "$VAR/modules" "$VAR/launcher" "$VAR/build"
  local goals=(dependency:copy-dependencies@default-cli dependency:copy-dependencies@netty-jars
    dependency:copy-dependencies@netty-module)
  # Offline first (everything already in ~/.m2), then online.
  if ! mvn -o -q -B -f "$HERE/pom.xml" "${goals[@]}" >/dev/null 2>&1; then
    log "resolving Elasticsearch from Maven Central (first run, ~45 MB)"
    mvn -q -B -f "$HERE/pom.xml" "${goals[@]}"
  fi
  local netty_dir="$VAR/modules/transport-netty4" netty_jar es_jar es_version
  netty_jar="$(ls "$netty_dir"/transport-netty4-*.jar)"
  unzip -p "$netty_jar" META-INF/es-plugins/transport-netty4/plugin-descriptor.properties \
    >"$netty_dir/plugin-descriptor.properties"
  es_jar="$(ls "$VAR"/lib/elasticsearch-[0-9]*.jar)"
  es_version="$(basename "$es_jar" .jar)"
  es_version="${es_version#elasticsearch-}"
  # The project's analysis plugin: a module of its own, in its own class loader.
  local plugin_dir="$VAR/modules/analysis-nl" classes="$VAR/build/analysis-nl"
  mkdir -p "$plugin_dir" "$classes" "$VAR/launcher"
  javac -nowarn -Xlint:-deprecation -d "$classes" --module-path "$VAR/lib" --add-modules ALL-MODULE-PATH \
    "$HERE"/analysis-nl/src/nl/doorbraak/esanalysis/*.java
  jar cf "$plugin_dir/analysis-nl.jar" -C "$classes" .
  cat >"$plugin_dir/plugin-descriptor.properties" <<EOF
description=Dutch analysis components for the test node (tools/elasticsearch/analysis-nl)
version=1
name=analysis-nl
classname=nl.doorbraak.esanalysis.DutchAnalysisPlugin
java.version=17
elasticsearch.version=$es_version
EOF
  javac -nowarn -d "$VAR/launcher" --module-path "$VAR/lib" --add-modules ALL-MODULE-PATH "$HERE/EsTestNode.java"
  touch "$stamp"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

es_start() {
  read_state
  if alive && health "$PORT" >/dev/null; then
    echo "ELASTICSEARCH_URL=http://127.0.0.1:$PORT"
    return 0
  fi
  if alive; then es_stop; fi
  es_install
  local port home started
  port="$(free_port)"
  home="$(mktemp -d "${TMPDIR:-/tmp}/es-test-node.XXXXXX")"
  mkdir -p "$home/config" "$home/plugins"
  ln -s "$VAR/modules" "$home/modules"
  started=$(date +%s)
  # shellcheck disable=SC2086
  setsid java $JAVA_OPTS --module-path "$VAR/lib" --add-modules ALL-MODULE-PATH \
    -cp "$VAR/launcher" EsTestNode "$home" "$port" >"$home/node.log" 2>&1 </dev/null &
  local pid=$!
  printf 'PID=%s\nPORT=%s\nNODE_HOME=%q\n' "$pid" "$port" "$home" >"$STATE"
  while true; do
    if health "$port" >/dev/null; then
      log "node up in $(($(date +%s) - started)) s (pid $pid, log $home/node.log)"
      echo "ELASTICSEARCH_URL=http://127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null || (($(date +%s) - started > TIMEOUT)); then
      log "Elasticsearch did not come up within ${TIMEOUT}s (CI=${CI:-}); last lines of $home/node.log:"
      tail -n 40 "$home/node.log" >&2 || true
      es_stop
      exit 1
    fi
    sleep 1
  done
}

es_stop() {
  read_state
  if alive; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 30); do alive || break; sleep 1; done
    if alive; then kill -KILL "$PID" 2>/dev/null || true; fi
  fi
  if [[ -n "${NODE_HOME:-}" && "$NODE_HOME" == */es-test-node.* && -d "$NODE_HOME" ]]; then
    rm -rf "$NODE_HOME"
  fi
  rm -f "$STATE"
}

es_status() {
  read_state
  if alive && health "$PORT"; then
    echo
    echo "ELASTICSEARCH_URL=http://127.0.0.1:$PORT"
    return 0
  fi
  echo "not running"
  return 3
}

case "${1:-}" in
  install) es_install ;;
  start) es_start ;;
  stop) es_stop ;;
  status) es_status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
