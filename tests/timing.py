"""Timing targets measured so that one burst of load elsewhere on the machine does not decide
them: a target is met when one of a few rounds meets it, and every round is printed."""

import time
from dataclasses import dataclass

ROUNDS = 3


@dataclass(frozen=True)
class Round:
    p95_ms: float
    cpu_ms: float  # this process's CPU time per repetition, on average


def p95(values):
    ordered = sorted(values)
    return ordered[round(0.95 * (len(ordered) - 1))]


def time_round(action, repeat):
    """A :class:`Round` of ``repeat`` calls of ``action``."""
    walls = []
    cpu_started = time.process_time()
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        walls.append((time.perf_counter() - started) * 1000)
    cpu = (time.process_time() - cpu_started) * 1000 / repeat
    return Round(p95(walls), cpu)


def best_round(measure, target, label, rounds=ROUNDS):
    """Calls ``measure()`` (a round's figure, or a :class:`Round`) until one meets ``target``
    or ``rounds`` are spent; prints each and returns the best figure."""
    figures = []
    for _ in range(rounds):
        measured = measure()
        figure = measured.p95_ms if isinstance(measured, Round) else measured
        extra = f", CPU {measured.cpu_ms:.1f} ms" if isinstance(measured, Round) else ""
        print(f"{label}: {figure:.1f} ms{extra} (target {target} ms)")
        figures.append(figure)
        if figure <= target:
            break
    return min(figures)
