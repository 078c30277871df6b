"""The arithmetic of relatedness, on plain Python data: no database here.

Proximity as in the product-space literature (Hidalgo et al. 2007, *The Product Space
Conditions the Development of Nations*): two competences are close when the organisations that
have one tend to have the other,

    φ(a, b) = min(P(a | b), P(b | a)) = N(a ∧ b) / max(N(a), N(b)),

and a town's *relatedness density* around a competence is the share of that competence's
proximity that falls on what the town is specialised in,

    density(t, a) = Σ_b M(t, b) · φ(a, b) / Σ_b φ(a, b),

with φ(a, a) = 1 (as in the ``ecomplexity`` package, which a test checks these against).
Location quotients are smoothed towards 1 for small towns: a town of 20 actors with none in a
competence is weak evidence of a gap, and one actor of 20 is weak evidence of specialisation.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations


@dataclass
class Space:
    """Keys (competence slugs or industry codes), how often each occurs, and φ of the pairs."""

    keys: list
    occurrences: list  # occurrences[i]: baskets that hold keys[i]
    pairs: list  # [i, j, φ] with i < j and φ > 0
    baskets: int = 0
    date: object = None  # the day of the stored matrix it was read from
    _rows: dict = field(default=None, repr=False)

    @classmethod
    def of(cls, baskets):
        """The space of ``baskets``: an iterable of sets of keys (one set per organisation)."""
        singles, doubles, n = Counter(), Counter(), 0
        for basket in baskets:
            n += 1
            items = sorted(set(basket))
            singles.update(items)
            doubles.update(combinations(items, 2))
        keys = sorted(singles)
        index = {key: i for i, key in enumerate(keys)}
        pairs = [
            [index[a], index[b], both / max(singles[a], singles[b])]
            for (a, b), both in sorted(doubles.items())
        ]
        return cls(keys, [singles[k] for k in keys], pairs, n)

    def rows(self):
        """{key: {other key: φ}}, φ(key, key) = 1 included; built once."""
        if self._rows is None:
            rows = {key: {key: 1.0} for key in self.keys}
            for i, j, phi in self.pairs:
                a, b = self.keys[i], self.keys[j]
                rows[a][b] = phi
                rows[b][a] = phi
            self._rows = rows
        return self._rows

    def phi(self, a, b):
        return self.rows().get(a, {}).get(b, 0.0)

    def density(self, key, present):
        """Relatedness density of ``key`` given the keys a town is specialised in (``present``)."""
        row = self.rows().get(key)
        if not row:
            return 0.0
        total = sum(row.values())
        return sum(phi for other, phi in row.items() if other in present) / total

    def nearest(self, key, among, limit=3):
        """The keys of ``among`` closest to ``key`` (φ > 0), closest first."""
        row = self.rows().get(key, {})
        found = [(phi, other) for other, phi in row.items() if other in among and other != key]
        return [other for phi, other in sorted(found, key=lambda f: (-f[0], f[1]))[:limit]]


def location_quotient(count, total, class_total, grand_total, prior=0.0):
    """(count / total) / (class_total / grand_total), with ``prior`` pseudo-actors.

    The prior adds ``prior`` actors spread as the reference is spread (empirical-Bayes style
    shrinkage): ``((count + prior · p) / (total + prior)) / p`` with p the reference share. It
    pulls small towns towards 1 and leaves large ones nearly as they are. None when the
    reference has no such actors (nothing to compare with).
    """
    if not grand_total or not class_total:
        return None
    share = class_total / grand_total
    return ((count + prior * share) / (total + prior)) / share
