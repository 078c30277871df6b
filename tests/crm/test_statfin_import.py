"""Importing Statistics Finland's municipal key figures from a PxWeb table saved as JSON-stat2."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from seutu_crm.importers.statfin import LICENCE, import_statfin, read_table
from seutu_crm.models import TownIndicator
from tests.factories import TownFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    return {
        "678": TownFactory(code="678", name_fi="Raahe"),
        "140": TownFactory(code="140", name_fi="Iisalmi"),
    }


def table(areas=("KU678", "KU140"), years=("2022", "2023"), values=None, **extra):
    """Two areas × two years × two contents (population, workplaces), row-major."""
    contents = {"vaesto": "Väkiluku", "tyopaikat": "Työpaikat"}
    cells = len(areas) * len(years) * len(contents)
    dataset = {
        "version": "2.0",
        "class": "dataset",
        "label": "Kuntien avainluvut",
        "source": "Tilastokeskus",
        "updated": "2024-05-30T05:00:00Z",
        "id": ["Alue", "Vuosi", "Tiedot"],
        "size": [len(areas), len(years), len(contents)],
        "dimension": {
            "Alue": {"label": "Alue", "category": {
                "index": {code: i for i, code in enumerate(areas)},
                "label": {code: code for code in areas}}},
            "Vuosi": {"label": "Vuosi", "category": {"index": list(years)}},
            "Tiedot": {"label": "Tiedot", "category": {
                "index": {code: i for i, code in enumerate(contents)},
                "label": contents,
                "unit": {"vaesto": {"base": "henkilöä", "decimals": 0},
                         "tyopaikat": {"label": "lukumäärä", "decimals": 0}}}},
        },
        "role": {"geo": ["Alue"], "time": ["Vuosi"], "metric": ["Tiedot"]},
        "value": values if values is not None else list(range(1, cells + 1)),
        "extension": {"px": {"tableid": "11ra"}},
    }
    return json.dumps(dataset | extra).encode()


def figure(town, indicator, year):
    return TownIndicator.objects.get(town=town, indicator=indicator, year=year)


def test_each_cell_becomes_a_towns_figure_for_its_year_with_unit_and_source(towns):
    report = import_statfin(table())
    assert (report.created, report.updated, report.unchanged) == (8, 0, 0)
    # Row-major: Alue varies slowest, Tiedot fastest.
    assert figure(towns["678"], "vaesto", 2022).value == 1
    assert figure(towns["678"], "tyopaikat", 2022).value == 2
    assert figure(towns["678"], "vaesto", 2023).value == 3
    assert figure(towns["140"], "tyopaikat", 2023).value == 8
    population = figure(towns["678"], "vaesto", 2022)
    assert (population.label, population.unit, population.industry_code) == (
        "Väkiluku", "henkilöä", "")
    assert (population.source, population.table, population.licence) == (
        "Tilastokeskus", "11ra", LICENCE)
    assert figure(towns["678"], "tyopaikat", 2022).unit == "lukumäärä"


def test_missing_values_are_skipped(towns):
    report = import_statfin(table(values=[1, None, 3, 4, 5, 6, 7, None]))
    assert report.missing == 2
    assert TownIndicator.objects.count() == 6
    assert not TownIndicator.objects.filter(town=towns["678"], indicator="tyopaikat",
                                            year=2022).exists()


def test_a_sparse_value_object_is_read_by_index(towns):
    import_statfin(table(values={"0": 10, "7": 80}))
    assert sorted(TownIndicator.objects.values_list("value", flat=True)) == [10, 80]


def test_the_whole_country_is_a_figure_without_a_town(towns):
    import_statfin(table(areas=("SSS", "KU678")))
    assert TownIndicator.objects.get(town=None, indicator="vaesto", year=2022).value == 1


def test_areas_not_in_the_register_are_reported_and_skipped(towns):
    report = import_statfin(table(areas=("KU678", "KU091", "MK17")))
    assert report.unknown_areas == {"KU091": 4, "MK17": 4}
    assert set(TownIndicator.objects.values_list("town__code", flat=True)) == {"678"}


def test_a_changed_value_updates_and_the_same_table_again_changes_nothing(towns):
    import_statfin(table())
    again = import_statfin(table())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 8)
    revised = import_statfin(table(values=[100, 2, 3, 4, 5, 6, 7, 8]))
    assert (revised.updated, revised.unchanged) == (1, 7)
    assert figure(towns["678"], "vaesto", 2022).value == 100


def test_a_dry_run_writes_nothing(towns):
    report = import_statfin(table(), dry_run=True)
    assert report.created == 8 and not report.applied
    assert not TownIndicator.objects.exists()


def test_an_industry_dimension_gives_the_figures_industry(towns):
    dataset = json.loads(table(areas=("KU678",), years=("2023",)))
    dataset["id"].insert(1, "Toimiala")
    dataset["size"].insert(1, 2)
    dataset["dimension"]["Toimiala"] = {"category": {"index": ["SSS", "C"]}}
    dataset["value"] = [1, 2, 3, 4]
    import_statfin(json.dumps(dataset).encode())
    assert TownIndicator.objects.get(indicator="vaesto", industry_code="").value == 1
    assert TownIndicator.objects.get(indicator="vaesto", industry_code="C").value == 3


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b'{"class": "dataset"}',
        table(values=[1, 2, 3]),  # fewer values than cells
        table(years=("2022", "2023M01")),
    ],
)
def test_a_file_that_is_not_a_readable_table_is_refused_and_nothing_is_written(towns, data):
    report = import_statfin(data)
    assert report.file_errors and not report.applied
    assert not TownIndicator.objects.exists()


def test_the_dimensions_are_found_by_name_without_roles():
    dataset = json.loads(table())
    del dataset["role"]
    parsed = read_table(json.dumps(dataset).encode())
    assert {f.area for f in parsed.figures} == {"KU678", "KU140"}


def test_the_command_reports_in_text_and_json(towns, tmp_path):
    path = tmp_path / "11ra.json"
    path.write_bytes(table(areas=("KU678", "KU091")))
    out = io.StringIO()
    call_command("seutu_import", "statfin", str(path), stdout=out, stderr=io.StringIO())
    assert "4 values were created" in out.getvalue()
    out = io.StringIO()
    call_command("seutu_import", "statfin", str(path), "--format", "json", stdout=out,
                 stderr=io.StringIO())
    report = json.loads(out.getvalue())
    assert (report["unchanged"], report["unknown_areas"]) == (4, {"KU091": 4})


def test_the_command_refuses_a_broken_table(towns, tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b"[]")
    with pytest.raises(CommandError):
        call_command("seutu_import", "statfin", str(path), stdout=io.StringIO(),
                     stderr=io.StringIO())
