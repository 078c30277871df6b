"""SEUTU_SEARCH is read through one function with defaults, and `manage.py check` reports a
misconfigured or unreachable backend, naming the setting and the fix."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from seutu_search.backends import get_search_backend
from seutu_search.backends.base import BaseSearchBackend, SearchBackendError
from seutu_search.checks import check_backend, check_settings
from seutu_search.conf import get_setting


class UnreachableBackend(BaseSearchBackend):
    def ping(self):
        raise SearchBackendError("connection refused")


class NotABackend:
    def __init__(self, options):
        pass


def ids(messages):
    return [message.id for message in messages]


def test_defaults_apply_when_the_setting_is_absent(settings):
    del settings.SEUTU_SEARCH
    assert get_setting("BACKEND") == "seutu_search.backends.database"
    assert get_setting("BATCH_SIZE") == 1000


def test_the_default_backend_is_the_database_one_for_the_sites_database(db):
    backend = get_search_backend()
    assert type(backend).__module__.startswith("seutu_search.backends.database.")
    assert check_backend(None) == []


def test_an_unknown_key_is_reported(settings):
    settings.SEUTU_SEARCH = {"BACKEND": "seutu_search.backends.database", "HOST": "x"}
    assert ids(check_settings(None)) == ["seutu_search.E002"]


def test_a_setting_that_is_not_a_dict_is_reported(settings):
    settings.SEUTU_SEARCH = "elasticsearch"
    assert ids(check_settings(None)) == ["seutu_search.E001"]


def test_a_backend_that_cannot_be_imported_is_an_error_naming_the_setting(settings):
    settings.SEUTU_SEARCH = {"BACKEND": "seutu_search.backends.solr"}
    messages = check_backend(None)
    assert ids(messages) == ["seutu_search.E004"]
    assert "SEUTU_SEARCH['BACKEND']" in messages[0].msg
    assert "seutu_search.backends.database" in messages[0].hint


def test_a_class_that_is_not_a_search_backend_is_an_error(settings):
    settings.SEUTU_SEARCH = {"BACKEND": f"{__name__}.NotABackend"}
    assert ids(check_backend(None)) == ["seutu_search.E004"]


def test_an_unreachable_backend_is_a_warning_with_the_fix(settings):
    settings.SEUTU_SEARCH = {"BACKEND": f"{__name__}.UnreachableBackend"}
    messages = check_backend(None)
    assert ids(messages) == ["seutu_search.W001"]
    assert "connection refused" in messages[0].msg


def test_manage_py_check_fails_on_a_misconfigured_backend(settings):
    settings.SEUTU_SEARCH = {"BACKEND": "seutu_search.backends.solr"}
    with pytest.raises(SystemCheckError, match="seutu_search.E004"):
        call_command("check")


def test_an_unknown_compound_splitter_is_reported(settings):
    settings.SEUTU_SEARCH = {"COMPOUND_SPLITTER": "snowball"}
    assert ids(check_settings(None)) == ["seutu_search.E006"]
