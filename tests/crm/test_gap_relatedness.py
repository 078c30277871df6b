"""The relatedness arithmetic, checked by hand and against the ``ecomplexity`` package."""

import random
import warnings

import pandas as pd
import pytest
from ecomplexity import ecomplexity, proximity

from seutu_crm.ecosystem.relatedness import Space, location_quotient

COLUMNS = {"time": "year", "loc": "loc", "prod": "prod", "val": "val"}


def random_baskets(seed, baskets=60, keys=9, share=0.35):
    rng = random.Random(seed)
    found = []
    for _ in range(baskets):
        basket = {f"c{k}" for k in range(keys) if rng.random() < share}
        found.append(basket or {f"c{rng.randrange(keys)}"})
    return found


def test_phi_is_the_smaller_of_the_two_conditional_probabilities():
    # a in 4 baskets, b in 2, both in 2: P(a|b) = 1, P(b|a) = 0.5, φ = 0.5.
    space = Space.of([{"a", "b"}, {"a", "b"}, {"a"}, {"a"}, {"c"}])
    assert space.phi("a", "b") == 0.5 == space.phi("b", "a")
    assert space.phi("a", "c") == 0.0
    assert space.phi("a", "a") == 1.0
    assert space.occurrences == [4, 2, 1] and space.baskets == 5


def test_density_is_the_share_of_proximity_on_what_the_town_has():
    space = Space.of([{"a", "b"}, {"a", "b"}, {"a"}, {"a"}, {"c"}])
    # density(b | has a) = (φ(b,a)) / (φ(b,a) + φ(b,b)) = 0.5 / 1.5
    assert space.density("b", {"a"}) == pytest.approx(1 / 3)
    assert space.density("c", {"a"}) == 0.0
    assert space.nearest("b", {"a", "c"}) == ["a"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_proximity_matches_ecomplexity_on_the_same_organisation_matrix(seed):
    baskets = random_baskets(seed)
    ours = Space.of(baskets)
    frame = pd.DataFrame(
        [{"year": 2026, "loc": f"org{i}", "prod": key, "val": 1}
         for i, basket in enumerate(baskets) for key in basket]
    )
    theirs = proximity(frame, COLUMNS, presence_test="manual")
    compared = 0
    for row in theirs.itertuples():
        assert ours.phi(row.prod_1, row.prod_2) == pytest.approx(row.proximity, abs=1e-12)
        compared += 1
    assert compared == len(ours.keys) ** 2


@pytest.mark.parametrize("seed", [4, 5])
def test_location_quotient_and_density_match_ecomplexity_for_towns(seed):
    rng = random.Random(seed)
    towns, keys = [f"t{i}" for i in range(9)], [f"c{k}" for k in range(8)]
    counts = {(t, k): rng.randint(0, 6) for t in towns for k in keys}
    frame = pd.DataFrame(
        [{"year": 2026, "loc": t, "prod": k, "val": v} for (t, k), v in counts.items()]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its note on log-supermodularity concerns ECI only
        theirs = ecomplexity(frame, COLUMNS, verbose=False)
    grand = sum(counts.values())
    totals = {t: sum(counts[t, k] for k in keys) for t in towns}
    classes = {k: sum(counts[t, k] for t in towns) for k in keys}
    rca = {
        (t, k): location_quotient(counts[t, k], totals[t], classes[k], grand)
        for t in towns for k in keys
    }
    present = {t: {k for k in keys if rca[t, k] >= 1} for t in towns}
    # The towns are the baskets of the town-level space, as ecomplexity's proximity is.
    space = Space.of(present[t] for t in towns)
    for row in theirs.itertuples():
        assert rca[row.loc, row.prod] == pytest.approx(row.rca)
        assert (row.prod in present[row.loc]) == bool(row.mcp)
        assert space.density(row.prod, present[row.loc]) == pytest.approx(row.density)


def test_smoothing_pulls_a_small_town_towards_one_and_leaves_a_large_one():
    # The network: 1,000 actors, 100 in the class (10 %).
    assert location_quotient(1, 5, 100, 1000) == pytest.approx(2.0)  # 20 % against 10 %
    assert location_quotient(1, 5, 100, 1000, prior=10) == pytest.approx(
        ((1 + 10 * 0.1) / 15) / 0.1
    )  # 1.33: one actor of five is weak evidence
    assert location_quotient(200, 1000, 100, 1000, prior=10) == pytest.approx(
        ((200 + 1) / 1010) / 0.1
    )  # 1.99: a large town barely moves
    assert location_quotient(0, 5, 0, 1000) is None  # nobody to compare with
