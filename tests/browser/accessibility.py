"""axe-core in Chromium: the violations WCAG 2.1 AA tests do not accept."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page):
    """axe-core's serious and critical violations on the page as it is now."""
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violation):
    targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
    return f"  {violation['impact']}: {violation['id']} – {violation['help']} at {targets}"
