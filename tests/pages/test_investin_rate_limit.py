"""The Invest-in rate limit counts per town's form and per address, and stays exact when several
processes count in one shared Redis."""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from seutu_pages import ratelimit
from seutu_pages.checks import check_rate_limit_cache
from seutu_pages.models import InvestInInquiry

from . import site_tree
from .test_investin_form import VALID

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    """Raahe's form in Finnish and Swedish, and Kuusamo's."""
    home = site_tree.network_home()
    site_tree.translate(home, "sv")
    raahe = site_tree.invest_in_page(site_tree.town_page(home, slug="raahe"))
    kuusamo = site_tree.invest_in_page(site_tree.town_page(home, slug="kuusamo"))
    return {"raahe": raahe, "raahe_sv": site_tree.translate(raahe, "sv"), "kuusamo": kuusamo}


@pytest.fixture
def redis_cache(settings):
    """A RedisCache alias of its own (a unique key prefix) as the rate limit's cache."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": f"test-ratelimit-{uuid.uuid4().hex}",
        },
    }
    settings.SEUTU_PAGES = {"RATE_LIMIT_CACHE": "ratelimit"}
    yield caches["ratelimit"]
    caches["ratelimit"].clear()


def post(client, page):
    return client.post(page.url, VALID)


def test_reaching_the_limit_on_raahes_form_does_not_block_kuusamos(client, towns, settings):
    settings.SEUTU_PAGES = {"INVEST_IN_RATE_LIMIT": 1}
    assert post(client, towns["raahe"]).status_code == 302
    assert post(client, towns["raahe"]).status_code == 429
    assert post(client, towns["kuusamo"]).status_code == 302
    assert InvestInInquiry.objects.filter(town=towns["kuusamo"].town).count() == 1


def test_raahes_finnish_and_swedish_forms_share_one_count(client, towns, settings):
    settings.SEUTU_PAGES = {"INVEST_IN_RATE_LIMIT": 1}
    assert post(client, towns["raahe"]).status_code == 302
    assert post(client, towns["raahe_sv"]).status_code == 429
    assert InvestInInquiry.objects.count() == 1


def test_processes_counting_in_one_redis_accept_exactly_the_limit(redis_cache):
    limit, workers, tries = 7, 8, 5
    accepted = []
    lock = threading.Lock()
    start = threading.Barrier(workers)

    def worker():
        # Each thread gets a cache client and connection pool of its own, as a process would.
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
        start.wait()
        for _ in range(tries):
            allowed = ratelimit.allow("invest-in:town-1", request, limit=limit, window=60)
            with lock:
                accepted.append(allowed)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(accepted) == workers * tries
    assert accepted.count(True) == limit
    # The next request, from anywhere in the site, is refused as well.
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.5")
    assert not ratelimit.allow("invest-in:town-1", request, limit=limit, window=60)


def test_a_count_that_expires_during_its_increment_still_expires_later(redis_cache, monkeypatch):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.6")
    assert ratelimit.allow("invest-in:town-1", request, limit=3, window=60)
    key = redis_cache.make_and_validate_key("seutu_pages:ratelimit:invest-in:town-1:203.0.113.6")
    client = redis_cache._cache.get_client(key, write=True)

    def incr_after_expiry(key, delta=1, version=None):
        # RedisCache.incr checks that the key exists, then INCRs it; the window ends between.
        full_key = redis_cache.make_and_validate_key(key, version=version)
        client.delete(full_key)
        return client.incr(full_key, delta)

    monkeypatch.setattr(redis_cache, "incr", incr_after_expiry)
    assert ratelimit.allow("invest-in:town-1", request, limit=3, window=60)
    assert 0 < client.ttl(key) <= 60  # not -1: a count without expiry would block for good


def test_check_deploy_warns_when_the_counts_are_not_shared(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    (warning,) = check_rate_limit_cache()
    assert warning.id == "seutu_pages.W001"
    assert 'SEUTU_PAGES["RATE_LIMIT_CACHE"]' in warning.msg


def test_check_deploy_accepts_a_redis_cache(redis_cache):
    assert check_rate_limit_cache() == []
