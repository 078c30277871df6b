"""seutu_demo: reference data with official codes, demo users, deterministic organisations."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Locale

from seutu_crm.demo import DEMO_PASSWORD, add_gap_story, demo_users, generate_organisations
from seutu_crm.demo.gap_story import ACTORS as STORY_ACTORS
from seutu_crm.demo.gap_story import business_id
from seutu_crm.models import (
    Competence,
    Industry,
    Organisation,
    OrganisationDescription,
    OrganisationRelation,
    Region,
    Role,
    Town,
    TownMembership,
)
from seutu_crm.reference import load_reference_data
from seutu_crm.reference.competences import COMPETENCES
from seutu_crm.signals import organisations_changed
from seutu_crm.validators import validate_business_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    return load_reference_data()


def snapshot():
    """Everything the generator decides, in a form independent of primary keys."""
    return [
        (
            o.business_id, o.name, o.actor_type, o.town.code, o.street_address, o.latitude,
            o.longitude, o.employees, o.size_class, o.is_public,
            sorted(c.slug for c in o.competences.all()),
            sorted(i.code for i in o.industries.all()),
            sorted((d.language, d.text) for d in o.descriptions.all()),
        )
        for o in Organisation.objects.order_by("business_id")
        .select_related("town")
        .prefetch_related("competences", "industries", "descriptions")
    ]


def test_network_towns_have_their_official_codes_and_regions(reference):
    expected = {
        "111": ("Heinola", "07"), "140": ("Iisalmi", "11"), "232": ("Kauhajoki", "14"),
        "249": ("Keuruu", "13"), "287": ("Kristiinankaupunki", "15"), "305": ("Kuusamo", "17"),
        "678": ("Raahe", "17"), "684": ("Rauma", "04"), "740": ("Savonlinna", "10"),
    }
    network = {t.code: (t.name_fi, t.region.code) for t in Town.objects.in_network()}
    assert network == expected


def test_kristiinankaupunki_is_swedish_majority_with_its_swedish_name(reference):
    town = Town.objects.get(code="287")
    assert (town.name_sv, town.swedish_majority) == ("Kristinestad", True)
    assert Town.objects.filter(swedish_majority=True).count() == 1


def test_university_towns_are_loaded_outside_the_network(reference):
    codes = {"091", "049", "837", "853", "564", "179", "297", "167", "905", "405", "698", "743"}
    towns = Town.objects.filter(code__in=codes)
    assert towns.count() == 12
    assert not towns.filter(in_network=True).exists()
    assert Town.objects.get(code="853").name_sv == "Åbo"
    assert Town.objects.get(code="405").region.name_fi == "Etelä-Karjala"


def test_every_town_has_coordinates_in_finland(reference):
    for town in Town.objects.all():
        assert 59.5 < town.latitude < 70.1 and 19.0 < town.longitude < 31.6, town


def test_regions_carry_finnish_and_swedish_names(reference):
    assert Region.objects.get(code="15").name_sv == "Österbotten"
    assert Region.objects.get(code="07").name_fi == "Päijät-Häme"


def test_tol_sections_a_to_u_and_divisions_under_them(reference):
    sections = set(Industry.objects.filter(parent=None).values_list("code", flat=True))
    assert sections == set("ABCDEFGHIJKLMNOPQRSTU")
    assert Industry.objects.get(code="16").section == "C"
    assert Industry.objects.get(code="62").name_en.startswith("Computer programming")
    assert Industry.objects.exclude(parent=None).count() >= 30


def test_locales_fi_sv_en_exist_with_finnish_the_default(reference):
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"fi", "sv", "en"}
    assert Locale.get_default().language_code == "fi"


def test_taxonomy_has_at_least_60_competences_in_each_language(reference):
    for language in ("fi", "sv", "en"):
        rows = Competence.objects.filter(locale__language_code=language)
        assert rows.count() == len(COMPETENCES) >= 60
        assert not rows.filter(synonyms="").exists()


def test_competence_translations_share_key_and_point_to_parents_of_their_locale(reference):
    fi = Competence.objects.get(slug="akkumateriaalit", locale__language_code="fi")
    sv = fi.get_translation(Locale.objects.get(language_code="sv"))
    en = fi.get_translation(Locale.objects.get(language_code="en"))
    assert (fi.name, sv.name, en.name) == ("Akkumateriaalit", "Batterimaterial", "Battery materials")
    assert sv.parent.locale == sv.locale and sv.parent.translation_key == fi.parent.translation_key
    assert en.parent.name == "Battery technology"


def test_reference_data_loads_twice_without_duplicates(reference):
    counts = (Region.objects.count(), Town.objects.count(), Industry.objects.count(),
              Competence.objects.count())
    load_reference_data()
    assert (Region.objects.count(), Town.objects.count(), Industry.objects.count(),
            Competence.objects.count()) == counts


def test_reference_data_restores_an_edited_official_name(reference):
    Town.objects.filter(code="678").update(name_sv="Raahe")
    load_reference_data()
    assert Town.objects.get(code="678").name_sv == "Brahestad"


def test_size_zero_loads_reference_data_and_users_only():
    call_command("seutu_demo", size=0, stdout=io.StringIO())
    assert Town.objects.in_network().count() == 9
    assert Competence.objects.exists()
    assert get_user_model().objects.filter(username="bd-raahe").exists()
    assert not Organisation.objects.exists()


def test_demo_users_log_in_with_the_demo_password(client):
    call_command("seutu_demo", size=0, stdout=io.StringIO())
    # django-axes checks each sign-in against the request it came in (its address).
    request = RequestFactory().post("/admin/login/")
    for spec in demo_users():
        assert client.login(
            request=request, username=spec.username, password=DEMO_PASSWORD
        ), spec.username


def test_each_business_developer_belongs_to_their_town():
    call_command("seutu_demo", size=0, stdout=io.StringIO())
    membership = TownMembership.objects.get(user__username="bd-kristiinankaupunki")
    assert (membership.town.code, membership.role) == ("287", Role.BUSINESS_DEVELOPER)
    assert membership.user.groups.filter(name="Business developers").exists()
    coordinator = TownMembership.objects.get(user__username="coordinator")
    assert coordinator.town is None and coordinator.role == Role.COORDINATOR
    assert get_user_model().objects.get(username="admin").is_superuser


def test_the_same_size_gives_the_same_organisations(reference):
    generate_organisations(60, batch_size=25)
    first = snapshot()
    Organisation.objects.all().delete()
    generate_organisations(60, batch_size=7)
    assert snapshot() == first
    assert len(first) == 60


def test_a_larger_size_extends_a_smaller_one(reference):
    generate_organisations(30)
    small = snapshot()
    result = generate_organisations(50)
    assert (result.created, result.skipped) == (20, 30)
    assert snapshot()[:30] == small


def test_running_again_adds_nothing(reference):
    generate_organisations(40)
    result = generate_organisations(40)
    assert (result.created, result.skipped) == (0, 40)
    assert Organisation.objects.count() == 40


def test_generated_organisations_are_valid(reference):
    generate_organisations(80)
    for organisation in Organisation.objects.prefetch_related("competences", "industries"):
        validate_business_id(organisation.business_id)
        organisation.full_clean()
        assert organisation.competences.all(), organisation
        assert all(c.locale.language_code == "fi" for c in organisation.competences.all())
        assert organisation.industries.all(), organisation
        town = organisation.town
        assert abs(organisation.latitude - town.latitude) < 0.2
        assert abs(organisation.longitude - town.longitude) < 0.4


def test_kristiinankaupunki_actors_write_swedish_first(reference):
    generate_organisations(150)
    organisations = Organisation.objects.filter(town__code="287")
    assert organisations.exists()
    for organisation in organisations:
        languages = list(organisation.descriptions.order_by("pk").values_list("language", flat=True))
        assert languages[0] == "sv", organisation
        assert " är " in organisation.description("sv")


def test_other_network_towns_describe_in_finnish(reference):
    generate_organisations(80)
    heinola = OrganisationDescription.objects.filter(organisation__town__code="111")
    assert heinola.filter(language="fi").exists()
    assert not heinola.filter(language="sv").exists()


def test_each_batch_reports_the_organisations_it_wrote(reference):
    received = []

    def listener(sender, pks, **kwargs):
        received.append(list(pks))

    organisations_changed.connect(listener)
    try:
        generate_organisations(25, batch_size=10)
    finally:
        organisations_changed.disconnect(listener)
    assert [len(pks) for pks in received] == [10, 10, 5]
    assert sorted(pk for pks in received for pk in pks) == sorted(
        Organisation.objects.values_list("pk", flat=True)
    )


def test_if_empty_does_nothing_when_organisations_exist(reference):
    generate_organisations(5)
    out = io.StringIO()
    call_command("seutu_demo", size=50, if_empty=True, stdout=out)
    assert Organisation.objects.count() == 5
    assert "already has organisations" in out.getvalue()


def test_size_command_option_generates_that_many_beside_the_hydrogen_story():
    call_command("seutu_demo", size=30, stdout=io.StringIO())
    story = Organisation.objects.filter(business_id__in=[business_id(i) for i in range(3)])
    assert story.count() == len(STORY_ACTORS) == 3
    assert Organisation.objects.count() == 30 + 3


def test_the_hydrogen_story_is_added_once():
    call_command("seutu_demo", size=10, stdout=io.StringIO())
    before = (Organisation.objects.count(), OrganisationRelation.objects.count())
    add_gap_story()
    assert (Organisation.objects.count(), OrganisationRelation.objects.count()) == before
    producers = Organisation.objects.filter(competences__slug="vedyntuotanto")
    assert not producers.filter(town__in_network=True).exists()
    assert set(producers.values_list("town__code", flat=True)) >= {"564", "905"}


def test_size_out_of_range_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("seutu_demo", size=-1, stdout=io.StringIO())


def test_logins_command_lists_every_demo_user():
    call_command("seutu_demo", size=0, stdout=io.StringIO())
    out = io.StringIO()
    call_command("seutu_demo_logins", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for spec in demo_users():
        assert spec.username in text
