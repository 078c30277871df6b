"""Logging in to the Wagtail admin in Chromium as a test's user (made with this password)."""

PASSWORD = "salasana-123"


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
