"""Page links for result listings (the case listing and the site search page)."""

from __future__ import annotations

#: Pages linked on either side of the current one.
PAGE_WINDOW = 2


def page_links(*, page: int, num_pages: int, window: int = PAGE_WINDOW) -> list[int | None]:
    """Page numbers to link: the first, the last and a window around the current page;
    None stands for a gap ("…")."""
    pages = sorted(
        {1, num_pages} | set(range(max(1, page - window), min(num_pages, page + window) + 1))
    )
    links: list[int | None] = []
    for number in pages:
        if links and links[-1] is not None and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links
