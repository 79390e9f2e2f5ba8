import pytest

from portal.home.models import HomePage
from portal.standards.factories import StandardIndexPageFactory
from portal.standards.models import StandardIndexPage


@pytest.fixture
def home(site_root: HomePage) -> HomePage:
    """The portal home page (the shared `site_root` fixture), under its local name."""
    return site_root


@pytest.fixture
def standards_index(home) -> StandardIndexPage:
    return StandardIndexPageFactory(parent=home)
