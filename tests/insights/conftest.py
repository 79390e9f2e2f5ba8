import pytest

from portal.insights.factories import InsightIndexPageFactory
from portal.insights.models import InsightIndexPage


@pytest.fixture
def insights_index(home) -> InsightIndexPage:
    return InsightIndexPageFactory(parent=home)
