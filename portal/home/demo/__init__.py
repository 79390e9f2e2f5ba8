"""Demo content of the home app: the home page (replacing Wagtail's welcome page, as the
default site's root), the main content pages, the footer, and the home page's cards to
the sections. Loaded by the demo loader (`manage.py load_demo`, see portal.shell.demo).

`pages` builds the page tree, `content` holds the pages' Dutch texts. Idempotent: pages
are looked up by slug under the home page, and nothing that exists is changed.
"""

from .pages import WAGTAIL_WELCOME_TITLE, finish, home_load, home_sections_update, load

__all__ = ["WAGTAIL_WELCOME_TITLE", "finish", "home_load", "home_sections_update", "load"]
