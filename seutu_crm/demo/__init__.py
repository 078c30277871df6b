"""Demo data for the example site and for benchmarks: reference data, users, organisations.

Commands (``seutu_demo``), benchmarks and tests call :func:`load_demo` or the functions it
is made of.
"""

from ..reference import load_reference_data
from .organisations import MAX_SIZE, generate_organisations
from .users import DEMO_PASSWORD, demo_users, ensure_demo_users

__all__ = [
    "DEMO_PASSWORD",
    "MAX_SIZE",
    "demo_users",
    "ensure_demo_users",
    "generate_organisations",
    "load_demo",
]


def load_demo(size, *, batch_size=2000, progress=None):
    """Reference data, demo users and ``size`` organisations; returns the generation result."""
    load_reference_data()
    ensure_demo_users()
    return generate_organisations(size, batch_size=batch_size, progress=progress)
