"""Views outside Wagtail's page serving."""

from wagtail.views import serve


def calendar_file(request, path):
    """``<page>/calendar.ics``: the page's ``calendar/`` route under the name calendar programs
    expect. Wagtail's page URLs cannot contain a dot, so this address needs its own pattern."""
    return serve(request, f"{path}calendar/")
