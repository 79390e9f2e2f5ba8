"""Build deduce's lookup cache at install time: python -m portal.anonymisation.build_cache"""

from __future__ import annotations

import sys
import time

from .deduce_engine import build_cache, cache_dir


def main() -> int:
    started = time.perf_counter()
    path = build_cache(cache_dir())
    print(f"deduce-cache gebouwd: {path} ({time.perf_counter() - started:.1f} s)")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
