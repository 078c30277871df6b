"""System checks: a misconfigured or unreachable search backend is reported by ``manage.py
check``, naming the setting and the fix."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import DEFAULTS


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):
    configured = getattr(settings, "SEUTU_SEARCH", {})
    if not isinstance(configured, dict):
        return [
            Error(
                "SEUTU_SEARCH must be a dict.",
                hint='Set SEUTU_SEARCH = {"BACKEND": "seutu_search.backends.database"}.',
                id="seutu_search.E001",
            )
        ]
    errors = [
        Error(
            f"SEUTU_SEARCH has an unknown key {key!r}.",
            hint=f"Known keys: {', '.join(sorted(DEFAULTS))}.",
            id="seutu_search.E002",
        )
        for key in configured
        if key not in DEFAULTS
    ]
    splitter = configured.get("COMPOUND_SPLITTER", DEFAULTS["COMPOUND_SPLITTER"])
    if splitter not in ("dictionary", "voikko", False):
        errors.append(
            Error(
                f"SEUTU_SEARCH['COMPOUND_SPLITTER'] = {splitter!r} is not a splitter.",
                hint='Use "dictionary", "voikko" or False.',
                id="seutu_search.E006",
            )
        )
    elif splitter == "voikko":
        from .language import _voikko

        if _voikko() is None:
            errors.append(
                Error(
                    "SEUTU_SEARCH['COMPOUND_SPLITTER'] is \"voikko\" but pyvoikko is not installed.",
                    hint='pip install pyvoikko, or set it to "dictionary".',
                    id="seutu_search.E007",
                )
            )
    if not isinstance(configured.get("OPTIONS", {}), dict):
        errors.append(
            Error("SEUTU_SEARCH['OPTIONS'] must be a dict.", id="seutu_search.E003")
        )
    return errors


@register(Tags.compatibility)
def check_backend(app_configs, **kwargs):
    """The backend can be imported, built and reached."""
    from .backends import InvalidSearchBackendError, SearchBackendError, get_search_backend
    from .conf import get_setting

    if not isinstance(getattr(settings, "SEUTU_SEARCH", {}), dict):
        return []  # reported by check_settings
    try:
        backend = get_search_backend()
    except InvalidSearchBackendError as error:
        return [
            Error(
                str(error),
                hint='Set SEUTU_SEARCH["BACKEND"] to "seutu_search.backends.database" or '
                '"seutu_search.backends.elasticsearch".',
                id="seutu_search.E004",
            )
        ]
    except Exception as error:  # the constructor refused its OPTIONS
        return [
            Error(
                f"SEUTU_SEARCH backend {get_setting('BACKEND')!r} cannot be set up: {error}",
                hint='Correct SEUTU_SEARCH["OPTIONS"]; see the backend module\'s docstring.',
                id="seutu_search.E005",
            )
        ]
    try:
        backend.ping()
    except SearchBackendError as error:
        return [
            Warning(
                f"The search backend {get_setting('BACKEND')!r} is unreachable: {error}",
                hint="Start the search server or correct SEUTU_SEARCH['OPTIONS']; until then "
                "changes wait in the outbox and search shows an error message.",
                id="seutu_search.W001",
            )
        ]
    return []
