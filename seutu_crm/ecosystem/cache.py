"""The register counted once per change: figures cached under the register's version.

Every committed change to what :func:`.figures.count_towns` reads (organisations, their
descriptions, competences and industries, the taxonomies, the towns) adds one to
:class:`~seutu_crm.models.RegisterVersion`; the figures are cached under that number in
Django's default cache, so every process of the site (whatever cache it has) serves the figures
of the register as it is, and the first view after a change counts them again.
``SEUTU_CRM["ECOSYSTEM_CACHE_SECONDS"]`` (0: never cached) bounds how long unused figures stay.

Where tasks run in a worker, a change also enqueues :func:`count_ahead`, which counts the whole
network's figures for the new version at once, so that the overview and the benchmark find them
counted; with django-tasks' immediate backend it is left out (the writer would wait for it) and
the first view after a change counts.
"""

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from ..conf import get_setting
from ..models import RegisterVersion, Town
from .figures import ALL_PARTS, count_towns

ROW = 1


def register_version():
    """The register's version now (one query)."""
    return RegisterVersion.objects.filter(pk=ROW).values_list("version", flat=True).first() or 0


def town_figures(town_ids, parts=ALL_PARTS):
    """:func:`.figures.count_towns` of ``town_ids``, counted once per register version.

    Figures counted in full (by :func:`count_ahead`, or for a profile) serve a view that asks
    for fewer parts too; otherwise just the parts asked for are counted and kept.
    """
    seconds = get_setting("ECOSYSTEM_CACHE_SECONDS")
    town_ids = sorted(town_ids)
    parts = frozenset(parts)
    if not seconds:
        return count_towns(town_ids, parts)
    version = register_version()
    for candidate in dict.fromkeys([ALL_PARTS, parts]):
        figures = cache.get(_key(version, town_ids, candidate))
        if figures is not None:
            return figures
    figures = count_towns(town_ids, parts)
    cache.set(_key(version, town_ids, parts), figures, seconds)
    return figures


def _key(version, town_ids, parts):
    names = "+".join(sorted(part.value for part in parts))
    return f"seutu_crm:ecosystem:figures:{version}:{','.join(map(str, town_ids))}:{names}"


def register_changed(**kwargs):
    """A signal receiver: the register changes when the current transaction commits."""
    # After the commit, not before: a view that counts in between would cache the old register
    # under the new version. One bump a transaction, however many rows it writes.
    if not any(func is _bump for _sids, func, *_rest in connection.run_on_commit):
        transaction.on_commit(_bump)


def _bump():
    if not RegisterVersion.objects.filter(pk=ROW).update(
        version=F("version") + 1, changed_at=timezone.now()
    ):
        try:
            with transaction.atomic():
                RegisterVersion.objects.create(pk=ROW, version=1)
        except IntegrityError:  # another process made the row first
            RegisterVersion.objects.filter(pk=ROW).update(version=F("version") + 1)
    if get_setting("ECOSYSTEM_CACHE_SECONDS") and not isinstance(
        count_ahead.get_backend(), ImmediateBackend
    ):
        count_ahead.enqueue(register_version())


@task()
def count_ahead(version):
    """Count the network towns' figures for register ``version``, unless it is already past."""
    if register_version() != version:
        return False  # a later change has enqueued its own count
    town_figures(Town.objects.in_network().values_list("pk", flat=True))
    return True
