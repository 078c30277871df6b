import os
import shutil

import pytest
from django.core.cache import cache

# Playwright's sync API runs an event loop in the test thread; Django must allow the ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SEUTU_CHROMIUM", "/usr/bin/chromium")
# Without these flags Chromium keeps calling out to the network, which is closed here.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts from an empty cache: the rate limits count in it, and the ecosystem
    figures are kept in it under a register version that a rolled-back test reuses."""
    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(config, items):
    reason = None
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        reason = f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Python Playwright is not installed (pip install -e '.[test]')"
    if reason:
        marker = pytest.mark.skip(reason=reason)
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(marker)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    settle(page)
    context.close()


def settle(page):
    """Let the page's requests finish, then leave it, before the test's database is flushed.

    A request still running on the live server then locks the flush out (seen on SQLite and
    PostgreSQL after a test that ended as it opened an edit view, whose editing-session pings
    write). Leaving for a blank page stops the page's timers; a page that never settles is
    left anyway."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except PlaywrightTimeout:
        pass
    page.goto("about:blank")
