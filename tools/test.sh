#!/usr/bin/env bash
# The whole test pipeline; `make test` runs it after `make install`.
#
# Stages, in order (each is timed; a summary follows at the end):
#   1. system packages   Debian's chromium and postgresql, installed when missing
#   2. ruff check        lint
#   3. ruff format       formatting (--check)
#   3b. import layers    lint-imports: the layer contract of pyproject.toml (README, "Architecture")
#   4. migrations        makemigrations --check --dry-run: no model change without a migration
#   5. pytest sqlite     the whole suite except the browser journeys, on SQLite
#   6. pytest postgres   the same suite on a real, throwaway PostgreSQL (tools/postgres.sh)
#   7. pytest elasticsearch  the search suite on a real Elasticsearch 8 node (tools/elasticsearch/
#                        es.sh: install via Maven, start on a free loopback port, always stopped
#                        at the end): the tests marked `elasticsearch` (the Elasticsearch runs
#                        of the contract suite and the Elasticsearch-only tests), on SQLite
#   8. pytest opensearch  the search suite on a real OpenSearch 2 node with OpenSearch's genuine
#                        modules analysis-common, mapper-extras, transport-netty4 (tools/opensearch/
#                        os.sh: install via Maven, start on a free loopback port, always stopped
#                        at the end): tools/opensearch/smoke.py first proves the modules (summary
#                        line "opensearch smoke"), then the tests marked `opensearch`, on SQLite
#   9. pytest browser    the browser journeys (marker `browser`, not `opensearch`) in headless
#                        Chromium with axe-core, once, on SQLite: they test what the visitor
#                        gets (markup, CSS, JavaScript, CSP, focus), which does not depend on
#                        the database, and Chromium is the slowest part of the run
#
# Every stage runs even when an earlier one failed, so one run shows every problem; the
# exit code is that of the first failing stage (pytest's own exit code for a pytest stage).
#
# The SQLite and PostgreSQL stages deselect the markers `elasticsearch` and `opensearch`; only
# stages 7 and 8 need a node.
# CI=true: a missing PostgreSQL, Elasticsearch or OpenSearch node, Chromium or axe-core fails the
# run. Without it, a stage whose service is missing is skipped, and the summary says why.
# Extra arguments go to every pytest stage, e.g. `bash tools/test.sh -x -k sitemap`.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

VENV=${VENV:-.venv}
PY=$VENV/bin/python
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
AXE=node_modules/axe-core/axe.min.js
PYTEST_ARGS=("$@")

case "${CI:-}" in
    true | TRUE | True | 1 | yes) STRICT=1 ;;
    *) STRICT=0 ;;
esac

if [[ ! -x $PY ]]; then
    echo "No virtual environment at $VENV: run 'make install' (or 'make test') first." >&2
    exit 2
fi

# The test run never touches a database from the caller's environment.
unset DATABASE_URL
# Only the Elasticsearch and OpenSearch stages talk to a node, the one each starts itself.
unset ELASTICSEARCH_URL
unset OPENSEARCH_URL
export DJANGO_SETTINGS_MODULE=portal.settings.test
export PYTHONDONTWRITEBYTECODE=1

names=()
results=()
durations=()
first_failure=0

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fs", b - a }'; }

stage_header() {
    printf '\n\033[1m==> %s\033[0m\n' "$1"
}

record() { # name result duration
    names+=("$1")
    results+=("$2")
    durations+=("$3")
}

# run_stage NAME COMMAND [ARGS...]: run, time and record one stage.
run_stage() {
    local name=$1
    shift
    stage_header "$name: $*"
    local start status
    start=$(now)
    "$@"
    status=$?
    local took
    took=$(elapsed "$start" "$(now)")
    if [[ $status -eq 0 ]]; then
        record "$name" "ok" "$took"
    elif [[ $status -eq 5 && ${#PYTEST_ARGS[@]} -gt 0 && $name == pytest* ]]; then
        # pytest: "no tests collected", expected when the caller's -k/-m selects none here.
        record "$name" "no tests selected" "$took"
    else
        record "$name" "FAILED (exit $status)" "$took"
        [[ $first_failure -eq 0 ]] && first_failure=$status
    fi
    return 0
}

# unavailable NAME REASON: a stage cannot run. Fails with CI=true, skips otherwise.
unavailable() {
    local name=$1 reason=$2
    stage_header "$name"
    if [[ $STRICT -eq 1 ]]; then
        echo "FAILED: $reason (CI=true: nothing is skipped)" >&2
        record "$name" "FAILED: $reason" "-"
        [[ $first_failure -eq 0 ]] && first_failure=1
    else
        echo "SKIPPED: $reason (with CI=true this fails the run)" >&2
        record "$name" "SKIPPED: $reason" "-"
    fi
}

RESULTS_DIR=var/test-results
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

# junit_for NAME: where a pytest stage writes its JUnit report (summed up at the end).
junit_for() { echo "$RESULTS_DIR/${1// /-}.xml"; }

pytest_stage() { # NAME [pytest args...]
    local name=$1
    shift
    run_stage "$name" "$PY" -m pytest -q --junitxml="$(junit_for "$name")" "$@" "${PYTEST_ARGS[@]}"
}

total_start=$(now)

# 1. System packages.
stage_header "system packages"
start=$(now)
if bash tools/install-system-deps.sh; then
    record "system packages" "ok" "$(elapsed "$start" "$(now)")"
elif [[ $STRICT -eq 1 ]]; then
    record "system packages" "FAILED" "$(elapsed "$start" "$(now)")"
    [[ $first_failure -eq 0 ]] && first_failure=1
else
    record "system packages" "incomplete (see above)" "$(elapsed "$start" "$(now)")"
fi

# 2-4. Static checks.
run_stage "ruff check" "$VENV/bin/ruff" check .
run_stage "ruff format" "$VENV/bin/ruff" format --check .
run_stage "import layers" "$VENV/bin/lint-imports" --no-cache
run_stage "migrations" "$PY" manage.py makemigrations --check --dry-run

# 5. The suite on SQLite.
# Tests marked `postgresql` need row locks across threads: they run in the next stage.
pytest_stage "pytest sqlite" -m "not browser and not elasticsearch and not opensearch and not postgresql"

# 6. The suite on PostgreSQL.
if reason=$(bash tools/postgres.sh check 2>&1); then
    run_stage "pytest postgres" bash tools/postgres.sh run -- \
        "$PY" -m pytest -q --junitxml="$(junit_for "pytest postgres")" \
        -m "not browser and not elasticsearch and not opensearch" \
        "${PYTEST_ARGS[@]}"
else
    unavailable "pytest postgres" "$reason"
fi

# 7. The search suite on a real Elasticsearch node (stopped on every way out).
ES_SH=tools/elasticsearch/es.sh
elasticsearch_stage() {
    trap 'bash "$ES_SH" stop >/dev/null 2>&1' EXIT
    local install_log start_output
    if ! install_log=$(bash "$ES_SH" install 2>&1); then
        unavailable "pytest elasticsearch" "es.sh install failed: $(tail -n 3 <<<"$install_log")"
        return
    fi
    if ! start_output=$(bash "$ES_SH" start); then
        unavailable "pytest elasticsearch" "the Elasticsearch node did not come up (see above)"
        bash "$ES_SH" stop >/dev/null 2>&1
        return
    fi
    export "${start_output##*$'\n'}"  # ELASTICSEARCH_URL=http://127.0.0.1:PORT
    # Maven Central carries none of Elastic's modules: this node's Dutch analysis comes from
    # tools/elasticsearch/analysis-nl, an imitation of analysis-common. The OpenSearch stage
    # runs the same mapping and tests on the genuine modules.
    echo "Note: the Elasticsearch test node imitates analysis-common (tools/elasticsearch/analysis-nl);"
    echo "      the genuine Dutch analysis chain is exercised by the OpenSearch stage."
    pytest_stage "pytest elasticsearch" -m "elasticsearch and not browser"
    unset ELASTICSEARCH_URL
    bash "$ES_SH" stop
    trap - EXIT
}
elasticsearch_stage

# 8. The search suite on a real OpenSearch node with OpenSearch's genuine modules (stopped on
# every way out). The smoke check proves the modules before the tests rely on them.
OS_SH=tools/opensearch/os.sh
opensearch_stage() {
    trap 'bash "$OS_SH" stop >/dev/null 2>&1' EXIT
    local install_log start_output
    if ! install_log=$(bash "$OS_SH" install 2>&1); then
        unavailable "pytest opensearch" "os.sh install failed: $(tail -n 3 <<<"$install_log")"
        return
    fi
    if ! start_output=$(bash "$OS_SH" start); then
        unavailable "pytest opensearch" "the OpenSearch node did not come up (see above)"
        bash "$OS_SH" stop >/dev/null 2>&1
        return
    fi
    export "${start_output##*$'\n'}"  # OPENSEARCH_URL=http://127.0.0.1:PORT
    run_stage "opensearch smoke" "$PY" tools/opensearch/smoke.py "$OPENSEARCH_URL"
    pytest_stage "pytest opensearch" -m "opensearch and not browser"
    unset OPENSEARCH_URL
    bash "$OS_SH" stop
    trap - EXIT
}
opensearch_stage

# 9. Browser journeys.
if [[ ! -x $CHROMIUM ]]; then
    unavailable "pytest browser" "Chromium not found at $CHROMIUM (Debian package 'chromium')"
elif [[ ! -f $AXE ]]; then
    unavailable "pytest browser" "$AXE not found (run 'make install': npm ci)"
else
    pytest_stage "pytest browser" -m "browser and not opensearch"
fi

# Summary.
printf '\n\033[1m==> Summary\033[0m (CI=%s)\n' "${CI:-unset}"
for i in "${!names[@]}"; do
    printf '  %-18s %8s  %s\n' "${names[$i]}" "${durations[$i]}" "${results[$i]}"
done
printf '  %-18s %8s\n' "total" "$(elapsed "$total_start" "$(now)")"

# One closing line over every pytest stage: "Tests: N passed, N failed, N skipped".
counts=$("$PY" - "$RESULTS_DIR" <<'PYTHON'
import sys
from pathlib import Path
from xml.etree import ElementTree  # our own pytest output, not untrusted input

tests = failed = skipped = 0
for report in Path(sys.argv[1]).glob("*.xml"):
    root = ElementTree.parse(report).getroot()  # noqa: S314
    for suite in root.iter("testsuite"):
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
print(f"Tests: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
PYTHON
)

if [[ $first_failure -ne 0 ]]; then
    printf '\nRESULT: FAILED (exit %s)\n%s\n' "$first_failure" "$counts"
    exit "$first_failure"
fi
printf '\nRESULT: OK\n%s\n' "$counts"
exit 0
