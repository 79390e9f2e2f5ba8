"""Side-by-side CPU per request: this portal against Wagtail's bakerydemo (issue #18).

Both sites run the same way: gunicorn with 2 sync workers, production settings,
SQLite, their own demo data, no Redis (each uses Django's local-memory cache). For each
pair of comparable pages the script warms both sites up, sends the same number of
sequential requests to each and reads the processor time the worker processes used
(`/proc/<pid>/task/*/schedstat`, nanoseconds on the CPU). CPU time per request is the
figure that stays steady on a shared machine; wall time is printed beside it. The load
average is printed per row.

    bash tools/peer_benchmark/setup_bakerydemo.sh            # once
    .venv/bin/python tools/peer_benchmark/compare.py [--requests 100]

Our side gets a throwaway demo database (`--ours-db`, made with migrate + load_demo when
it does not exist yet) and its static files in a temporary folder. Pages of ours that a
learner reads logged in (lesson, standard) are requested with a session of the demo
learner, as `page_benchmark` does.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TMP = Path(tempfile.gettempdir())
#: Our page type (as portal.shell.page_benchmark names it) -> bakerydemo's comparable page.
PAIRS: dict[str, str] = {
    "home": "/",
    "case listing": "/breads/",  # a paginated index of detail pages with taxonomy
    "case page": "/breads/anpan/",  # a detail page with taxonomy (origin, type, ingredients)
    "site search": "/search/?q=bread",
    "content page": "/blog/wild-yeast/",  # an article with a rich body
    "lesson": "/recipes/hot-cross-bun/",  # a long StreamField page
    "standard": "/about/",  # bakerydemo's StandardPage
}
GOAL = 0.8


@dataclass
class Figure:
    cpu_ms: float
    wall_ms: float
    status: int
    size_kb: float


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _run(cmd: list[str], *, env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _ours_env(database: Path, static_root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "peer-benchmark",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }


def _peer_env(peer_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": "peer-benchmark",
        "DATABASE_URL": f"sqlite:///{peer_dir / 'bakerydemo.sqlite3'}",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


_TARGETS_SCRIPT = """
import json
from django.test import Client
from portal.shell.page_benchmark import page_targets
rows = []
for target in page_targets():
    cookie = ""
    if target.user is not None:
        client = Client()
        client.force_login(target.user)
        cookie = client.cookies["sessionid"].value
    rows.append({"page_type": target.page_type, "url": target.url, "session": cookie})
print("TARGETS=" + json.dumps(rows))
"""


def _our_targets(python: str, env: dict[str, str]) -> dict[str, dict]:
    output = _run([python, "manage.py", "shell", "-c", _TARGETS_SCRIPT], env=env, cwd=ROOT)
    line = next(line for line in output.splitlines() if line.startswith("TARGETS="))
    return {row["page_type"]: row for row in json.loads(line.removeprefix("TARGETS="))}


def _start(gunicorn: str, app: str, *, port: int, env: dict[str, str], cwd: Path, workers: int):
    process = subprocess.Popen(  # noqa: S603 (gunicorn of a virtualenv, fixed arguments)
        [
            gunicorn,
            app,
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/favicon.ico")
            connection.getresponse().read()
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    sys.exit(f"{app} did not start on port {port}")


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def _cpu_ns(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").iterdir():
            total += int((task / "schedstat").read_text().split()[0])
    return total


def _get(port: int, url: str, session: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    connection.request("GET", url, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, len(body)


def measure(master: int, port: int, url: str, *, session: str, requests: int) -> Figure:
    for _warm_up in range(5):
        _get(port, url, session)
    pids = _workers(master)
    cpu_before = _cpu_ns(pids)
    wall = []
    status = size = 0
    for _request in range(requests):
        start = time.perf_counter()
        status, size = _get(port, url, session)
        wall.append(time.perf_counter() - start)
    cpu = _cpu_ns(pids) - cpu_before
    return Figure(
        cpu_ms=cpu / requests / 1e6,
        wall_ms=statistics.median(wall) * 1000,
        status=status,
        size_kb=size / 1024,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--peer-dir", type=Path, default=TMP / "bakerydemo-peer")
    parser.add_argument("--ours-db", type=Path, default=TMP / "peer-benchmark-ours.sqlite3")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8801, help="ours; the peer gets port + 1")
    args = parser.parse_args()

    python = sys.executable
    gunicorn = str(Path(python).with_name("gunicorn"))
    peer_python = args.peer_dir / "venv" / "bin" / "python"
    if not peer_python.exists():
        sys.exit("Run tools/peer_benchmark/setup_bakerydemo.sh first.")
    static_root = Path(tempfile.mkdtemp(prefix="peer-benchmark-static-"))
    ours_env = _ours_env(args.ours_db.resolve(), static_root)
    if not args.ours_db.exists():
        _run([python, "manage.py", "migrate", "-v0"], env=ours_env, cwd=ROOT)
        _run([python, "manage.py", "load_demo", "--ook-zonder-debug"], env=ours_env, cwd=ROOT)
    _run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env=ours_env, cwd=ROOT)
    targets = _our_targets(python, ours_env)

    ours = _start(
        gunicorn, "portal.wsgi", port=args.port, env=ours_env, cwd=ROOT, workers=args.workers
    )
    peer = _start(
        str(args.peer_dir / "venv" / "bin" / "gunicorn"),
        "bakerydemo.wsgi",
        port=args.port + 1,
        env=_peer_env(args.peer_dir),
        cwd=args.peer_dir / "src",
        workers=args.workers,
    )
    print(
        f"{args.requests} requests per page after 5 warm-up requests; "
        f"gunicorn, {args.workers} sync workers, SQLite, production settings"
    )
    print(
        f"{'page type':<13} {'ours':>7} {'peer':>7} {'ratio':>6} {'goal':>5}  "
        f"{'wall ours/peer ms':>18}  {'KB ours/peer':>13}  load        pages"
    )
    try:
        for page_type, peer_url in PAIRS.items():
            target = targets.get(page_type)
            if target is None:
                print(f"{page_type:<13} missing from our demo")
                continue
            our = measure(
                ours.pid,
                args.port,
                target["url"],
                session=target["session"],
                requests=args.requests,
            )
            their = measure(peer.pid, args.port + 1, peer_url, session="", requests=args.requests)
            ratio = our.cpu_ms / their.cpu_ms
            bad = " (status!)" if our.status != 200 or their.status != 200 else ""
            print(
                f"{page_type:<13} {our.cpu_ms:>7.1f} {their.cpu_ms:>7.1f} {ratio:>6.2f} "
                f"{'ok' if ratio <= GOAL else 'miss':>5}  "
                f"{our.wall_ms:>8.1f} / {their.wall_ms:<7.1f}  "
                f"{our.size_kb:>5.0f} / {their.size_kb:<5.0f}  {load_average()}  "
                f"{target['url']}{' (logged in)' if target['session'] else ''} vs {peer_url}{bad}"
            )
    finally:
        ours.terminate()
        peer.terminate()
        ours.wait()
        peer.wait()


if __name__ == "__main__":
    main()
