"""The demo's key figures: the network towns' population in a JSON-stat2 table (rounded figures
in the shape Statistics Finland's PxWeb gives), imported as a real table would be."""

from pathlib import Path

from ..importers.statfin import import_statfin

TABLE = Path(__file__).with_name("data") / "key_figures.json"


def load_demo_key_figures():
    """Import the demo table (idempotent); returns the import's report."""
    return import_statfin(TABLE.read_bytes())
