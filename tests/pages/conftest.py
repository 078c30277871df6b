import pytest

from .page_factories import make_home


@pytest.fixture
def home(db):
    return make_home()
