"""Item 8: the production settings pass `manage.py check --deploy`, and send HTTPS-only traffic
through the documented proxy header."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from example_site.middleware import ForwardedClientAddressMiddleware

ROOT = Path(__file__).resolve().parent.parent


def production_env(tmp_path, **changes):
    """The environment of a production process: the tests' own, less what only tests set."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "example_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "seutu.example.fi",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "SEUTU_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # tests/conftest.py sets it for Playwright
    env.pop("DATABASE_URL", None)  # a SQLite file in tmp_path, not the tests' database
    env.update(changes)
    return {name: value for name, value in env.items() if value is not None}


def production(tmp_path, code):
    """Run ``code`` in a fresh Python with the production settings; its stdout."""
    env = production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_production_settings_pass_check_deploy(tmp_path):
    out = production(
        tmp_path,
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')\n",
    )
    assert "System check identified no issues" in out


def test_production_redirects_to_https_and_sends_hsts_behind_the_proxy_header(tmp_path):
    out = production(
        tmp_path,
        "import json\n"
        "from django.conf import settings as s\n"
        "print(json.dumps({'redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,\n"
        "    'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, 'proxy': s.SECURE_PROXY_SSL_HEADER,\n"
        "    'proxies': s.TRUSTED_PROXY_COUNT, 'cache': s.CACHES['default'],\n"
        "    'axes': [s.AXES_HANDLER, s.AXES_CACHE],\n"
        "    'csp': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src']}))\n",
    )
    found = json.loads(out)
    assert found["redirect"] is True
    assert found["hsts"] >= 365 * 24 * 60 * 60
    assert found["subdomains"] is True
    assert found["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["proxies"] == 1
    assert found["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["cache"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    assert found["axes"] == ["axes.handlers.cache.AxesCacheHandler", "default"]
    assert found["csp"] == ["'self'"]


def test_without_redis_url_production_refuses_to_start(tmp_path):
    env = production_env(tmp_path, REDIS_URL=None)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def address_seen(settings, header, proxies):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=header)
    ForwardedClientAddressMiddleware(lambda request: request)(request)
    return request.META["REMOTE_ADDR"]


@pytest.mark.parametrize(
    "header, proxies, seen",
    [
        ("203.0.113.7", 1, "203.0.113.7"),  # what our proxy appended
        ("192.0.2.1, 203.0.113.7", 1, "203.0.113.7"),  # the visitor's own entry is ignored
        ("192.0.2.1, 203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),  # two proxies
        ("203.0.113.7", 0, "10.0.0.2"),  # no trusted proxy: the header is anyone's
        ("", 1, "10.0.0.2"),  # not through the proxy
        ("not-an-address", 1, "10.0.0.2"),
        ("203.0.113.7", 2, "10.0.0.2"),  # fewer entries than proxies
    ],
)
def test_the_client_address_comes_from_the_trusted_proxys_entry(settings, header, proxies, seen):
    assert address_seen(settings, header, proxies) == seen
