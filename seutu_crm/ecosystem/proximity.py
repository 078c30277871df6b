"""The register's competence and industry spaces, computed with the daily snapshots.

Counting which competences occur together reads every link of every active organisation
(a quarter of a million rows at 100,000 organisations), so it is done once a day, by
:func:`compute_spaces` from :func:`seutu_crm.ecosystem.snapshots.take_snapshots`, and stored
as a :class:`~seutu_crm.models.ProximityMatrix` per dimension. :func:`latest_space` reads the
newest one, parsed once per process; before the first snapshot it computes and stores one.
"""

import threading

from django.db import transaction
from django.utils import timezone

from ..models import Dimension, Organisation, OrganisationStatus, ProximityMatrix
from .relatedness import Space

_parsed = {}  # dimension -> (matrix pk, computed_at, Space): one parse per process and matrix
_lock = threading.Lock()


def division(code):
    """The TOL 2008 division (two digits) of an industry code; None for a section letter."""
    return code[:2] if code[:1].isdigit() else None


def baskets(dimension):
    """Each active organisation's set of competence slugs or TOL divisions, in one query."""
    if dimension == Dimension.COMPETENCE:
        through, column = Organisation.competences.through, "competence__slug"
    else:
        through, column = Organisation.industries.through, "industry__code"
    rows = (
        through.objects.filter(organisation__status=OrganisationStatus.ACTIVE)
        .order_by("organisation_id")
        .values_list("organisation_id", column)
        .iterator(chunk_size=20000)
    )
    current, basket = None, set()
    for organisation_id, key in rows:
        if dimension == Dimension.INDUSTRY:
            key = division(key)
            if key is None:
                continue
        if organisation_id != current:
            if basket:
                yield basket
            current, basket = organisation_id, set()
        basket.add(key)
    if basket:
        yield basket


def compute_spaces(date=None):
    """Compute and store both spaces for ``date`` (default today), replacing that day's."""
    date = date or timezone.localdate()
    stored = []
    with transaction.atomic():
        for dimension in Dimension:
            space = Space.of(baskets(dimension))
            matrix, _created = ProximityMatrix.objects.update_or_create(
                dimension=dimension,
                date=date,
                defaults={
                    "organisations": space.baskets,
                    "keys": space.keys,
                    "occurrences": space.occurrences,
                    "proximity": [[i, j, round(phi, 6)] for i, j, phi in space.pairs],
                },
            )
            stored.append(matrix)
    return stored


def latest_space(dimension):
    """The newest stored :class:`Space` of ``dimension`` (computed now if none is stored)."""
    head = (
        ProximityMatrix.objects.filter(dimension=dimension)
        .order_by("-date")
        .values_list("pk", "computed_at", "date")
        .first()
    )
    if head is None:
        compute_spaces()
        return latest_space(dimension)
    pk, computed_at, date = head
    with _lock:
        cached = _parsed.get(dimension)
        if cached and cached[0] == pk and cached[1] == computed_at:
            return cached[2]
    matrix = ProximityMatrix.objects.get(pk=pk)
    space = Space(
        matrix.keys,
        matrix.occurrences,
        [tuple(p) for p in matrix.proximity],
        matrix.organisations,
        date,
    )
    space.rows()  # parse once, outside any request that follows
    with _lock:
        _parsed[dimension] = (pk, computed_at, space)
    return space
