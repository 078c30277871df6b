"""An exported register imports back unchanged: export and import speak the same columns."""

import pytest

from seutu_crm.demo import generate_organisations
from seutu_crm.exports import ORGANISATION_COLUMNS, organisation_rows
from seutu_crm.importers.organisations import COLUMNS, import_organisations
from seutu_crm.models import Organisation
from seutu_crm.reference import load_reference_data

from .import_files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported_rows():
    load_reference_data()
    generate_organisations(40)
    return list(organisation_rows(Organisation.objects.order_by("pk")))


def test_the_export_has_the_import_columns():
    assert tuple(ORGANISATION_COLUMNS) == tuple(COLUMNS)


def test_an_exported_csv_imports_back_unchanged(exported_rows):
    report = import_organisations(csv_bytes(exported_rows, delimiter=";"), dry_run=True)
    assert report.ok, report.errors[:3]
    assert len(report.unchanged) == 40 and not report.created and not report.updated


def test_an_exported_xlsx_imports_back_unchanged(exported_rows):
    report = import_organisations(xlsx_bytes(exported_rows), "register.xlsx", dry_run=True)
    assert report.ok, report.errors[:3]
    assert len(report.unchanged) == 40
