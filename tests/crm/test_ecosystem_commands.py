"""seutu_ecosystem profile, benchmark and snapshot, for scripts (JSON) and people (text)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from seutu_crm.ecosystem.tasks import take_snapshots_task
from seutu_crm.models import EcosystemSnapshot
from tests.crm.ecosystem_world import world  # noqa: F401

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("seutu_ecosystem", *args, stdout=out)
    return out.getvalue()


def test_profile_as_json(world):
    data = json.loads(run("profile", "678", "--format", "json"))
    assert data["town"] == {"code": "678", "name": "Raahe"}
    assert data["actors"] == 5 and data["not_public"] == 1
    assert data["by_competence"] == {"akkumateriaalit": 4, "sahateollisuus": 1}
    assert data["completeness"]["business_id"] == 0.8
    assert data["pipeline"] is None  # no user: the command prints no town's leads


def test_profile_of_an_unknown_town_is_a_clear_error(world):
    with pytest.raises(CommandError, match="999"):
        run("profile", "999")


def test_benchmark_of_chosen_towns_as_json(world):
    data = json.loads(run("benchmark", "--towns", "678,305", "--figure", "total:actors",
                          "--format", "json"))
    assert [(t["code"], t["values"]["total:actors"]) for t in data["towns"]] == [
        ("678", 5), ("305", 2)
    ]
    assert data["network"]["total:actors"] == 7


def test_benchmark_as_text_has_a_line_per_town(world):
    lines = run("benchmark", "--figure", "total:actors").strip().splitlines()
    assert lines[0] == "town\ttotal:actors"
    assert "Raahe\t5" in lines


def test_a_snapshot_a_day_and_a_second_run_replaces_it(world):
    first = json.loads(run("snapshot", "--format", "json"))
    assert (first["towns"], first["created"]) == (2, 2)
    second = json.loads(run("snapshot", "--format", "json"))
    assert (second["created"], second["replaced"]) == (0, 2)
    assert EcosystemSnapshot.objects.count() == 2
    snapshot = EcosystemSnapshot.objects.get(town=world.raahe)
    assert snapshot.figures["by_competence"] == {"akkumateriaalit": 4, "sahateollisuus": 1}
    assert len(snapshot.figures["actor_ids"]) == 5
    assert "density" in snapshot.figures["network"]


def test_the_snapshot_task_takes_the_same_snapshot(world):
    take_snapshots_task.enqueue()  # the test settings run tasks immediately
    assert EcosystemSnapshot.objects.filter(town=world.raahe).count() == 1
