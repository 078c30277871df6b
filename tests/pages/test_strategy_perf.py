"""The issue's promise for a strategy page: 10 computed goals render within 80 ms (p95, warm).

bench/strategy_page.py measures the same page at any size, on SQLite or PostgreSQL."""

import datetime

import pytest

from tests.timing import best_round, time_round

from .page_factories import make_strategy, make_town_page
from .test_strategy_goals import computed, snapshot, towns  # noqa: F401

REPEAT = 30
KEYS = ["actors", "public", "competence:vetytalous", "industry:C", "industry:24", "won",
        "stage:active", "open_leads", "university_ties", "hei_ties:thesis"]


@pytest.mark.perf
def test_a_strategy_of_ten_computed_goals_renders_within_80_ms(client, home, towns):  # noqa: F811
    raahe, _kuusamo = towns
    for day in range(24):
        snapshot(raahe, datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
                 hydrogen=1 + day // 8, actors=2000 + day)
    page = make_strategy(make_town_page(home, town=raahe), town=raahe, goals=[
        computed(f"Tavoite {n}", key, 0, 100) for n, key in enumerate(KEYS)])
    for _ in range(3):
        assert client.get(page.url).status_code == 200
    best = best_round(lambda: time_round(lambda: client.get(page.url), REPEAT), 80,
                      "strategy page, 10 computed goals, p95")
    assert best <= 80
