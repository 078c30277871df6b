"""Item 8: the admin's sign-in is throttled. Five wrong passwords for a username from one address
lock that pair out, the right password included, with a translated page; the lock lifts after
the cool-off. Over real HTTP, with the database handler the site uses by default and with the
Redis cache handler production uses."""

import time
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "oikea-salasana-42"
LOGIN = reverse("wagtailadmin_login")

LOCKED_OUT = (
    "There were too many failed attempts to sign in with this username from your address, so "
    "signing in is locked for %(minutes)s minute, even with the right password. Wait and try "
    "again, or ask an administrator to lift the lock."
)
LOCKED_OUT_PLURAL = LOCKED_OUT.replace("%(minutes)s minute,", "%(minutes)s minutes,")


@pytest.fixture(params=["database", "redis"])
def lockouts(request, settings):
    """Where axes counts failures: the database (dev, tests) or Redis (production).

    Returns a function that moves the clock past the cool-off for what was counted."""
    if request.param == "redis":
        settings.CACHES = {
            **settings.CACHES,
            "axes": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/0",
                "KEY_PREFIX": f"test-axes-{uuid.uuid4().hex}",
            },
        }
        settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
        settings.AXES_CACHE = "axes"
        # A Redis key's time to live cannot be moved: count with a short cool-off and wait.
        settings.AXES_COOLOFF_TIME = timedelta(seconds=3)

        def pass_cool_off():
            time.sleep(3.5)

    else:

        def pass_cool_off():
            AccessAttempt.objects.update(
                attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
            )

    AxesProxyHandler.get_implementation(force=True)
    yield pass_cool_off
    if request.param == "redis":
        caches["axes"].clear()
    AxesProxyHandler.implementation = None  # built again from the restored settings


@pytest.fixture
def editor():
    return UserFactory(username="toimittaja", password=PASSWORD, is_superuser=True)


def sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def signed_in(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def fail(client, username, times, **extra):
    for _ in range(times):
        response = sign_in(client, username, "väärä-salasana", **extra)
        assert response.status_code in (200, 429)


def expected_message(language):
    minutes = int(django_settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    with translation.override(language):
        return translation.ngettext(LOCKED_OUT, LOCKED_OUT_PLURAL, minutes) % {"minutes": minutes}


def test_the_lockout_lasts_a_quarter_to_half_an_hour_after_five_failures():
    assert django_settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) <= django_settings.AXES_COOLOFF_TIME <= timedelta(minutes=30)


def test_four_wrong_passwords_still_let_the_right_one_in(client, editor, lockouts):
    fail(client, "toimittaja", 4)
    response = sign_in(client, "toimittaja", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_after_five_wrong_passwords_the_right_one_is_refused(client, editor, lockouts):
    fail(client, "toimittaja", 5)
    response = sign_in(client, "toimittaja", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_lockout_page_explains_in_the_visitors_language(client, editor, language):
    # The message states the cool-off the site has, in minutes (30 minutes as configured).
    fail(client, "toimittaja", 5, HTTP_ACCEPT_LANGUAGE=language)
    response = sign_in(client, "toimittaja", PASSWORD, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    message = expected_message(language)
    assert message in response.text
    if language != "en":
        assert message != expected_message("en"), f"no {language} translation of the message"
    assert f'href="{LOGIN}"' in response.text


def test_another_user_signs_in_from_the_same_address(client, editor, lockouts):
    UserFactory(username="kollega", password=PASSWORD, is_superuser=True)
    fail(client, "toimittaja", 5)
    other = Client()
    assert sign_in(other, "kollega", PASSWORD).status_code == 302
    assert signed_in(other)


def test_the_same_user_signs_in_from_another_address(client, editor, lockouts):
    fail(client, "toimittaja", 5)
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(elsewhere, "toimittaja", PASSWORD).status_code == 302


def test_after_the_cool_off_the_right_password_is_accepted(client, editor, lockouts):
    fail(client, "toimittaja", 5)
    assert sign_in(client, "toimittaja", PASSWORD).status_code == 429
    lockouts()
    assert sign_in(client, "toimittaja", PASSWORD).status_code == 302
    assert signed_in(client)


def test_behind_the_proxy_a_forged_forwarded_address_does_not_escape_the_lock(
    editor, lockouts, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request arrives from the proxy
    visitor = Client(**proxy)
    for attempt in range(5):
        # The visitor makes up the left part; the proxy appends the address it saw.
        sign_in(
            visitor, "toimittaja", "väärä",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7",
        )
    refused = sign_in(
        visitor, "toimittaja", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7"
    )
    assert refused.status_code == 429
    # Another visitor behind the same proxy is not locked out with them.
    neighbour = Client(**proxy)
    allowed = sign_in(neighbour, "toimittaja", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert allowed.status_code == 302


def test_an_administrator_lifts_the_lock_early(client, editor, lockouts):
    fail(client, "toimittaja", 5)
    assert sign_in(client, "toimittaja", PASSWORD).status_code == 429
    call_command("axes_reset_ip_username", "127.0.0.1", "toimittaja", stdout=StringIO())
    assert sign_in(client, "toimittaja", PASSWORD).status_code == 302
