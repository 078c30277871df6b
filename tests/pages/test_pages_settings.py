"""SEUTU_PAGES misconfiguration is reported by `manage.py check`, naming the setting."""

from seutu_pages.checks import check_settings


def test_default_settings_pass(settings):
    settings.SEUTU_PAGES = {}
    assert check_settings() == []


def test_non_positive_rate_limit_is_reported(settings):
    settings.SEUTU_PAGES = {"INVEST_IN_RATE_LIMIT": 0}
    (error,) = check_settings()
    assert error.id == "seutu_pages.E001"
    assert 'SEUTU_PAGES["INVEST_IN_RATE_LIMIT"]' in error.msg


def test_unknown_cache_is_reported(settings):
    settings.SEUTU_PAGES = {"RATE_LIMIT_CACHE": "nowhere"}
    (error,) = check_settings()
    assert error.id == "seutu_pages.E002"
