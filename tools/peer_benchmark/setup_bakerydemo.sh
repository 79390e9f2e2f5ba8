#!/usr/bin/env bash
# Set up Wagtail's bakerydemo as the peer of tools/peer_benchmark/compare.py:
# the Wagtail 7.2 version of the demo (the one issue #18 measured), in its own virtualenv,
# on SQLite with its own demo data and production settings.
#
#   bash tools/peer_benchmark/setup_bakerydemo.sh [DIR] [BAKERYDEMO_GIT_URL]
#
# DIR defaults to /tmp/bakerydemo-peer; the source is cloned from GitHub (or from the
# URL or local path given) and checked out at the Wagtail 7.2 commit.
set -euo pipefail

DIR="${1:-/tmp/bakerydemo-peer}"
SOURCE="${2:-https://github.com/wagtail/bakerydemo.git}"
# "Version bump to Wagtail 7.2" (2025-11-10): Django 5.2, Python 3.11 is enough.
COMMIT="5a01dcd"
PYTHON="${PYTHON:-python3.11}"

mkdir -p "$DIR"
if [ ! -d "$DIR/src/.git" ]; then
    git clone -q "$SOURCE" "$DIR/src"
fi
git -C "$DIR/src" checkout -q "$COMMIT"
if [ ! -x "$DIR/venv/bin/python" ]; then
    "$PYTHON" -m venv "$DIR/venv"
fi
# django-tasks 0.9 breaks Wagtail 7.2's search signal handlers on Python 3.11
# (TaskResult[T](...) raises TypeError), so the 0.8 line is pinned.
"$DIR/venv/bin/pip" install -q -r "$DIR/src/requirements/base.txt" \
    "django-tasks==0.8.1" "whitenoise==6.6.0" gunicorn

export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production
export DJANGO_SECRET_KEY=peer-benchmark
export DATABASE_URL="sqlite:///$DIR/bakerydemo.sqlite3"
cd "$DIR/src"
if [ ! -f "$DIR/bakerydemo.sqlite3" ]; then
    "$DIR/venv/bin/python" manage.py migrate -v0
    "$DIR/venv/bin/python" manage.py load_initial_data
fi
"$DIR/venv/bin/python" manage.py collectstatic --noinput -v0
echo "bakerydemo ready in $DIR (database $DIR/bakerydemo.sqlite3)"
