#!/usr/bin/env bash
# Install the Debian packages the site and the test suite need, when they are missing
# (`install-system-deps.sh runtime`: only what the site needs):
#   libpango, harfbuzz-subset, fonts-dejavu-core  WeasyPrint's drawing libraries and font
#   chromium    the browser of the browser tests (Playwright drives /usr/bin/chromium)
#   fonts-liberation  the fonts Chromium recommends (installed without recommends)
#   postgresql  the server binaries for the throwaway test cluster (tools/postgres.sh)
#   openjdk-17-jdk-headless, maven  the test Elasticsearch node (tools/elasticsearch/es.sh
#               resolves it with Maven and compiles its small launcher and plugin with javac)
# Quiet and idempotent: does nothing (and needs no network) when all are installed.
# Needs root for apt-get. Without root, missing packages are reported and the script
# exits 1; tools/test.sh then fails the run with CI=true and skips those stages otherwise.
set -euo pipefail

# The site itself needs the libraries WeasyPrint draws certificates with (`runtime`,
# also installed by `make install`); the tests need the rest.
RUNTIME_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
TEST_PACKAGES=(chromium fonts-liberation postgresql openjdk-17-jdk-headless maven)
if [[ ${1:-} == runtime ]]; then
    PACKAGES=("${RUNTIME_PACKAGES[@]}")
else
    PACKAGES=("${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
fi

installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "[system] not a Debian system (no dpkg-query): install ${PACKAGES[*]} yourself" >&2
    exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
    installed "$package" || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "[system] already installed: ${PACKAGES[*]}"
    exit 0
fi

if [[ $EUID -ne 0 ]]; then
    echo "[system] missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
fi

echo "[system] installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[system] installed: ${missing[*]}"
