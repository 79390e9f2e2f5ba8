"""System check: warn when deduce's lookup cache was not built at install time."""

from __future__ import annotations

from typing import Any

from django.core.checks import Warning, register  # noqa: A004


@register()
def check_deduce_cache(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    from .deduce_engine import BUILD_COMMAND, cache_file  # noqa: PLC0415

    path = cache_file()
    if path.exists():
        return []
    return [
        Warning(
            f"The deduce lookup cache for the anonymisation guard is missing ({path}).",
            hint=f"Run `{BUILD_COMMAND}` (part of `make install`); until then saving a case "
            "raises DeduceCacheMissingError.",
            id="anonymisation.W001",
        )
    ]
