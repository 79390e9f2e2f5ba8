import pytest

from portal.home.models import HomePage


@pytest.fixture
def home(site_root: HomePage) -> HomePage:
    """The portal home page (the shared `site_root` fixture), under its local name."""
    return site_root
