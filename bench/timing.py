"""Timing helpers shared by the benchmarks: wall and CPU time, percentiles, timed requests."""

import statistics
import time
from dataclasses import dataclass


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Timed:
    result: object
    wall: float  # seconds
    cpu: float  # seconds of this process


def timed(function):
    """Run ``function()`` and return its result with the wall and CPU time it took."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    return Timed(result, time.perf_counter() - started, time.process_time() - cpu)


@dataclass(frozen=True)
class RequestTimes:
    p50_ms: float
    p95_ms: float
    cpu_p50_ms: float


def time_requests(client, url, params, repeat, before=None):
    """GET ``url`` ``repeat`` times through Django's test client: wall and CPU milliseconds.

    ``before()``, if given, runs before each request, outside the time taken."""
    walls, cpus = [], []
    for _ in range(repeat):
        if before:
            before()
        run = timed(lambda: client.get(url, params))
        walls.append(run.wall * 1000)
        cpus.append(run.cpu * 1000)
    return RequestTimes(statistics.median(walls), percentile(walls, 0.95), statistics.median(cpus))
