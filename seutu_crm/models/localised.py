from django.utils.translation import get_language


def localised(obj, field, language=None):
    """``obj.<field>_<lang>`` for the active language, falling back to Finnish."""
    language = (language or get_language() or "fi")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_fi")
