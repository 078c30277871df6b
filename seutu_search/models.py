"""Models of seutu_search. They live beside the code that uses them; imported here so that
Django finds them."""

from django.db import models

from .backends.database.models import IndexEntry, IndexFacet  # noqa: F401
from .outbox import IndexRebuild, OutboxEntry  # noqa: F401


class SearchTerm(models.Model):
    """A normalised term that is in the index: what typo correction and "did you mean" pick
    from (see :class:`seutu_search.language.Vocabulary`)."""

    term = models.CharField(max_length=100, unique=True)

    class Meta:
        db_table = "seutu_search_term"

    def __str__(self):
        return self.term
