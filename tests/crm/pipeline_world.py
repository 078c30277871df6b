"""A small network for the pipeline admin tests: Raahe (the user's own town) and Iisalmi
(another town), each holding a lead, a contact, an activity, a task, an Invest-in inquiry and
a higher-education tie, and the four roles.

Import the fixtures you need: ``from tests.crm.pipeline_world import world  # noqa: F401``.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from seutu_crm.models import ActorType, Role, Stage, TieKind
from seutu_crm.services.roles import BUSINESS_DEVELOPERS, COORDINATORS, EDITORS, ensure_groups
from seutu_pages.models import InvestInInquiry
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    HigherEducationTieFactory,
    LeadFactory,
    OrganisationFactory,
    RegionFactory,
    TaskFactory,
    TownFactory,
    TownMembershipFactory,
    UserFactory,
)

VIEWER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "seutu_crm.view_lead",
    "seutu_crm.view_contact",
    "seutu_crm.view_activity",
    "seutu_crm.view_task",
    "seutu_crm.view_highereducationtie",
    "seutu_crm.view_organisation",
    "seutu_pages.view_investininquiry",
]


def grant(user, names):
    for name in names:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@dataclass
class TownRecords:
    town: object
    lead: object
    contact: object
    activity: object
    task: object
    inquiry: object  # an Invest-in inquiry sent to the town: personal data of its own
    tie: object  # the town's cooperation with a university (named after the organisation)
    marker: str  # the organisation name: appears wherever the town's rows are shown

    def marker_for(self, model):
        """The text that shows a row of ``model``: a person by name, the rest by organisation."""
        if model == "contact":
            return self.contact.full_name
        if model == "inquiry":
            return self.inquiry.person_name
        if model == "tie":
            return self.tie.title
        return self.marker

    @property
    def organisation(self):
        """The town's actor in the shared register (the lead's organisation)."""
        return self.lead.organisation

    @property
    def markers(self):
        return (self.marker, self.contact.full_name, self.inquiry.person_name)


@dataclass
class World:
    raahe: TownRecords
    iisalmi: TownRecords
    kuusamo: object
    users: dict

    def records(self, which):
        return self.raahe if which == "own" else self.iisalmi


def make_town_records(town, name, person, inquirer, university):
    organisation = OrganisationFactory(name=name, town=town)
    soon = timezone.localdate() + datetime.timedelta(days=10)
    lead = LeadFactory(
        organisation=organisation,
        town=town,
        stage=Stage.CONTACTED,
        expected_decision_date=soon,
        next_step="Soitto",
        next_step_date=soon,
    )
    first, last = person.split()
    contact = ContactFactory(organisation=organisation, town=town, first_name=first, last_name=last)
    activity = ActivityFactory(lead=lead, text=f"Tapaaminen {name}")
    activity.contacts.set([contact])
    task = TaskFactory(lead=lead, title=f"Tehtävä {name}", due_date=soon)
    inquiry = InvestInInquiry.objects.create(
        town=town,
        person_name=inquirer,
        organisation_name=f"{inquirer} Consulting",
        email="kysyja@example.com",
        message="Etsimme tonttia.",
        consent=True,
        consent_text="Saa tallentaa.",
        language="fi",
    )
    tie = HigherEducationTieFactory(
        town=town, institution=university, kind=TieKind.RDI_PROJECT,
        title=f"Korkeakouluhanke {name}", actors=[organisation],
    )
    return TownRecords(town, lead, contact, activity, task, inquiry, tie, marker=name)


def make_users(raahe):
    groups = ensure_groups()
    viewer = grant(UserFactory(username="viewer-raahe"), VIEWER_PERMISSIONS)
    TownMembershipFactory(user=viewer, town=raahe, role=Role.VIEWER)
    developer = UserFactory(username="bd-raahe")
    developer.groups.add(groups[BUSINESS_DEVELOPERS])
    TownMembershipFactory(user=developer, town=raahe, role=Role.BUSINESS_DEVELOPER)
    page_editor = UserFactory(username="editor")  # edits pages; no CRM role, no town
    page_editor.groups.add(groups[EDITORS])
    coordinator = UserFactory(username="coordinator")
    coordinator.groups.add(groups[COORDINATORS])
    TownMembershipFactory(user=coordinator, town=None, role=Role.COORDINATOR)
    return {
        "anonymous": None,
        "page_editor": page_editor,
        "viewer": viewer,
        "business_developer": developer,
        "coordinator": coordinator,
    }


def build_world():
    north = RegionFactory(code="17", name_fi="Pohjois-Pohjanmaa", name_sv="Norra Österbotten")
    savo = RegionFactory(code="11", name_fi="Pohjois-Savo", name_sv="Norra Savolax")
    raahe = TownFactory(code="678", name_fi="Raahe", name_sv="Brahestad", region=north)
    iisalmi = TownFactory(code="140", name_fi="Iisalmi", name_sv="Idensalmi", region=savo)
    kuusamo = TownFactory(code="305", name_fi="Kuusamo", name_sv="Kuusamo", region=north)
    oulu = TownFactory(code="564", name_fi="Oulu", name_sv="Uleåborg", region=north,
                       in_network=False)
    university = OrganisationFactory(name="Pohjoinen yliopisto", town=oulu,
                                     actor_type=ActorType.UNIVERSITY)
    own = make_town_records(raahe, "Ruukin Teräs Oy", "Olli Omanen", "Kerttu Kyselijä",
                            university)
    other = make_town_records(iisalmi, "Savon Salainen Oy", "Tiina Toisenen",
                              "Veikko Vieraskunta", university)
    users = make_users(raahe)
    for task in (own.task,):
        task.assignee = users["business_developer"]
        task.save()
    return World(raahe=own, iisalmi=other, kuusamo=kuusamo, users=users)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world for a whole module of read-mostly tests; each test still runs in its own
    transaction (a savepoint inside this one), so what a test changes is rolled back."""
    from django.db import transaction

    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)
