"""Search backends, built from ``SEUTU_SEARCH`` by :func:`get_search_backend`.

Like Wagtail's own search backends, ``BACKEND`` names a module holding a ``SearchBackend``
class (or the class itself); ``OPTIONS`` are given to its constructor.
"""

from importlib import import_module
from threading import Lock

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from ..conf import get_setting
from .base import BaseSearchBackend, SearchBackendError  # noqa: F401

_backends = {}
_lock = Lock()


class InvalidSearchBackendError(ImproperlyConfigured):
    pass


def import_backend(dotted_path):
    """The backend class named by ``dotted_path`` (module with ``SearchBackend``, or a class)."""
    try:
        return import_module(dotted_path).SearchBackend
    except (ImportError, AttributeError) as module_error:
        try:
            return import_string(dotted_path)
        except ImportError:
            raise InvalidSearchBackendError(
                f"SEUTU_SEARCH['BACKEND'] = {dotted_path!r} cannot be imported: {module_error}"
            ) from module_error


def get_search_backend(backend=None, options=None):
    """The configured backend (one instance per process), or one built from the arguments."""
    if backend is not None:
        return import_backend(backend)(options if options is not None else {})
    path, configured_options = get_setting("BACKEND"), get_setting("OPTIONS")
    key = (path, repr(sorted((configured_options or {}).items())))
    with _lock:
        if key not in _backends:
            backend = import_backend(path)(configured_options or {})
            if not isinstance(backend, BaseSearchBackend):
                raise InvalidSearchBackendError(
                    f"SEUTU_SEARCH['BACKEND'] = {path!r} is not a seutu_search backend."
                )
            _backends[key] = backend
        return _backends[key]


@receiver(setting_changed)
def _forget_backends(setting, **kwargs):
    if setting == "SEUTU_SEARCH":
        with _lock:
            _backends.clear()
