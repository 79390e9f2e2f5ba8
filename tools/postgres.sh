#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#
#   bash tools/postgres.sh run -- COMMAND [ARGS...]
#
# creates a cluster in a fresh temporary directory (initdb), starts it on a free
# loopback port (pg_ctl), creates the database `portal_test`, runs COMMAND with
#   DATABASE_URL=postgres://postgres@127.0.0.1:PORT/portal_test
# in its environment, then stops the server and deletes the directory, also when COMMAND
# fails or the run is interrupted. COMMAND's exit code is this script's exit code.
#
#   bash tools/postgres.sh check
#
# exits 0 when the PostgreSQL server binaries are present, 1 (with the reason) otherwise.
#
# initdb refuses to run as root: as root, the cluster belongs to the `postgres` system
# user (Debian's postgresql package creates it) and the server runs as that user. As any
# other user, the cluster belongs to that user. Authentication is `trust`, on 127.0.0.1
# only: the server is reachable from this machine alone and lives for one test run.
# PG_BIN=/path/to/bin overrides the binaries (default: the newest /usr/lib/postgresql/*/bin).
set -euo pipefail

DB_NAME=portal_test
DB_USER=postgres

log() { printf '[postgres] %s\n' "$*" >&2; }

find_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then
        printf '%s\n' "$PG_BIN"
        return
    fi
    local candidate
    candidate=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null |
        sort -V | tail -n 1)
    printf '%s\n' "$candidate"
}

check() {
    local bin
    bin=$(find_bin)
    if [[ -z "$bin" || ! -x "$bin/initdb" || ! -x "$bin/pg_ctl" ]]; then
        echo "PostgreSQL server binaries not found (no initdb/pg_ctl in ${bin:-/usr/lib/postgresql/*/bin};" \
            "install the Debian package 'postgresql' or set PG_BIN)" >&2
        return 1
    fi
    if [[ $EUID -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
        echo "running as root but there is no 'postgres' system user to own the cluster" >&2
        return 1
    fi
    return 0
}

free_port() {
    # Ask the kernel for a free loopback port. Another process could take it before the
    # server binds it; start() retries with a new port when that happens.
    python3 - <<'EOF'
import socket

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.bind(("127.0.0.1", 0))
    print(sock.getsockname()[1])
EOF
}

run() {
    check || exit 1
    # Globals, not locals: the EXIT trap needs them wherever the script ends.
    bin=$(find_bin)
    as_owner=()
    if [[ $EUID -eq 0 ]]; then
        as_owner=(runuser -u postgres --)
    fi

    workdir=$(mktemp -d -t portal-pg.XXXXXX)
    chmod 700 "$workdir"
    if [[ $EUID -eq 0 ]]; then
        chown postgres: "$workdir"
    fi
    datadir=$workdir/data
    port=""
    started=0

    cleanup() {
        local status=$?
        if [[ $started -eq 1 ]]; then
            "${as_owner[@]}" "$bin/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 ||
                log "could not stop the server cleanly (see $workdir/server.log)"
        fi
        rm -rf "$workdir"
        log "cluster removed"
        exit "$status"
    }
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    # Fast and disposable: no fsync, nothing survives the run anyway.
    "${as_owner[@]}" "$bin/initdb" --pgdata="$datadir" --username="$DB_USER" --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$workdir/initdb.log" 2>&1 || {
        log "initdb failed:"
        cat "$workdir/initdb.log" >&2
        exit 1
    }

    local attempt
    for attempt in 1 2 3; do
        port=$(free_port)
        if "${as_owner[@]}" "$bin/pg_ctl" -D "$datadir" -l "$workdir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $workdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
            start >/dev/null 2>&1; then
            started=1
            break
        fi
        log "start on port $port failed (attempt $attempt)"
    done
    if [[ $started -ne 1 ]]; then
        log "could not start PostgreSQL; server log:"
        cat "$workdir/server.log" >&2 || true
        exit 1
    fi

    "$bin/psql" --quiet --no-psqlrc -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres \
        -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB_NAME" >/dev/null

    export DATABASE_URL="postgres://$DB_USER@127.0.0.1:$port/$DB_NAME"
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($DATABASE_URL)"

    # Not `exec`: the trap has to run after the command.
    set +e
    "$@"
    local status=$?
    set -e
    exit "$status"
}

case "${1:-}" in
    check)
        check
        ;;
    run)
        shift
        [[ "${1:-}" == "--" ]] && shift
        if [[ $# -eq 0 ]]; then
            echo "usage: $0 run -- COMMAND [ARGS...]" >&2
            exit 2
        fi
        run "$@"
        ;;
    *)
        echo "usage: $0 run -- COMMAND [ARGS...] | $0 check" >&2
        exit 2
        ;;
esac
