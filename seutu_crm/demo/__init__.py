"""Demo data for the example site and for benchmarks: reference data, users, organisations,
the ties between them and the towns' higher-education ties.

Commands (``seutu_demo``), benchmarks and tests call :func:`load_demo` or the functions it
is made of.
"""

from ..reference import load_reference_data
from .cooperation import add_university_ties
from .gap_story import add_gap_story
from .key_figures import load_demo_key_figures
from .organisations import MAX_SIZE, generate_organisations
from .relations import generate_relations
from .users import DEMO_PASSWORD, demo_users, ensure_demo_users

__all__ = [
    "add_gap_story",
    "add_university_ties",
    "DEMO_PASSWORD",
    "MAX_SIZE",
    "demo_users",
    "ensure_demo_users",
    "generate_organisations",
    "generate_relations",
    "load_demo",
    "load_demo_key_figures",
]


def load_demo(size, *, batch_size=2000, progress=None):
    """Reference data, demo users, ``size`` organisations and their ties; returns the
    organisations' generation result."""
    load_reference_data()
    ensure_demo_users()
    result = generate_organisations(size, batch_size=batch_size, progress=progress)
    generate_relations()
    add_gap_story()
    add_university_ties()
    load_demo_key_figures()
    return result
