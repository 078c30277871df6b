import pytest
from django.core.cache import cache

from .page_factories import make_home


@pytest.fixture(autouse=True)
def empty_rate_limit_counts():
    """The Invest-in form's rate limit counts in the cache: each test starts from none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return make_home()
