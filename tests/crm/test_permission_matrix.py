"""Every admin view of the town-private models × role × own/other town.

Wagtail checks permissions per model, not per object (wagtail/wagtail#13314); these cases
prove that each view of leads, contacts, activities, tasks and Invest-in inquiries —
listing, export, inspect, edit, delete, history, usage, bulk actions with "select all",
choosers, board, move endpoint, lead-page forms, report, dashboard and personal-data
actions — shows and changes only the rows of the user's towns, and that a page editor
with no CRM role sees none of them. ``test_every_private_admin_url_has_a_case`` fails when
Wagtail registers a snippet, chooser or bulk-action URL for a town-private model without a
case here, and ``test_every_snippet_model_with_personal_data_is_town_scoped`` when a model
holding personal data is registered without a town-scoped policy.
"""

import json
from urllib.parse import urlsplit
from dataclasses import dataclass, field
from typing import Callable

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from django.db import models
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Locale
from wagtail.snippets.models import get_snippet_models

from seutu_crm.models import (
    Activity,
    Competence,
    Contact,
    HigherEducationTie,
    Lead,
    Organisation,
    Stage,
    Task,
    Town,
    TownMembership,
)
from seutu_crm.permission_policies import is_town_scoped
from seutu_pages.models import InvestInInquiry
from tests.crm.pipeline_world import shared_world, world  # noqa: F401  (fixtures)

ROLES = ["anonymous", "page_editor", "viewer", "business_developer", "coordinator"]
TOWNS = ["own", "other"]
INQUIRIES = "wagtailsnippets_seutu_pages_investininquiry"
INQUIRY_CHOOSER = "wagtailsnippetchoosers_seutu_pages_investininquiry"
NAMESPACES = {
    "seutu_leads": "lead",
    "seutu_contacts": "contact",
    "seutu_activities": "activity",
    "seutu_tasks": "task",
    "seutu_lead_chooser": "lead",
    "seutu_contact_chooser": "contact",
    "seutu_activity_chooser": "activity",
    "seutu_task_chooser": "task",
    INQUIRIES: "inquiry",
    INQUIRY_CHOOSER: "inquiry",
    "seutu_hei_ties": "tie",
    "seutu_hei_tie_chooser": "tie",
}
MODELS = {
    "lead": Lead, "contact": Contact, "activity": Activity, "task": Task,
    "inquiry": InvestInInquiry, "tie": HigherEducationTie,
}
# Field names that hold a person's data in a model without an EmailField.
PERSONAL_FIELD_NAMES = {"first_name", "last_name", "person_name", "phone", "email"}


def allowed(role, which, access):
    """May ``role`` (a member of the own town, or a coordinator) reach ``which`` town's row?"""
    if access == "never" or role in ("anonymous", "page_editor"):
        return False
    if access == "coordinator":
        return role == "coordinator"
    if role == "coordinator":
        return True
    if which != "own":
        return False
    return access == "read" or role == "business_developer"


@dataclass
class Case:
    name: str
    model: str | None = None  # which record of the town the URL names (None: a listing)
    access: str = "read"  # read / write / coordinator / never
    method: str = "get"
    url: Callable | None = None  # (records) -> url, for URLs not reversed from name + pk
    data: Callable | None = None  # (records, world) -> GET params or POST data
    headers: dict = field(default_factory=dict)
    ok_status: tuple = (200,)
    # For listings: which access decides whether a town's rows appear (None: no rows shown).
    rows_access: str | None = "read"
    # A view of the shared register only (no town-private rows): open to whoever may read
    # the register, page editors included (they read it to link pages to actors).
    shared_register: bool = False

    def __str__(self):
        return self.name

    @property
    def row_model(self):
        """The model whose rows a listing shows, read from the case name."""
        head = self.name.split(":")
        model = NAMESPACES.get(head[0], "lead")
        if head[-1] == "csv" and model != "inquiry":
            return "lead"  # every export has the organisation column (contacts: split names)
        if head[0] == "bulk":
            return head[1]
        return model


def obj(name, model, access, **kwargs):
    return Case(name, model=model, access=access, **kwargs)


def listing(name, access="read", rows_access="read", **kwargs):
    return Case(name, access=access, rows_access=rows_access, **kwargs)


def bulk(model, action, access="write"):
    meta = MODELS[model]._meta

    def url(records, action=action):
        return reverse("wagtail_bulk_action", args=(meta.app_label, meta.model_name, action))

    return [
        Case(f"bulk:{model}:{action}", model=model, access=access, url=url,
             data=lambda r, w, model=model: {"id": getattr(r, model).pk}),
        Case(f"bulk:{model}:{action}:all", access=access, rows_access=access, url=url,
             data=lambda r, w: {"id": "all"}),
    ]


def gap_competence():
    """A competence of the default locale for the gap views' URLs (made once)."""
    return Competence.objects.get_or_create(
        slug="matriisin-vety", locale=Locale.get_default(), defaults={"name": "Matriisin vety"}
    )[0]


def viewer_membership():
    return TownMembership.objects.filter(role="viewer").values_list("pk", flat=True).first()


def soon():
    return timezone.localdate().isoformat()


CASES = [
    # leads: the viewset's own views
    listing("seutu_leads:list"),
    listing("seutu_leads:list_results"),
    listing("seutu_leads:list:csv", url=lambda r: reverse("seutu_leads:list"),
            data=lambda r, w: {"export": "csv"}),
    listing("seutu_leads:add", access="write", rows_access=None),
    obj("seutu_leads:edit", "lead", "write"),
    obj("seutu_leads:delete", "lead", "write"),
    obj("seutu_leads:usage", "lead", "write"),
    obj("seutu_leads:history", "lead", "write"),
    obj("seutu_leads:history_results", "lead", "write"),
    obj("seutu_leads:inspect", "lead", "read"),
    # board, move endpoint, lead-page forms, report
    listing("seutu_leads:board"),
    obj("seutu_leads:move", "lead", "write", method="post",
        data=lambda r, w: {"stage": Stage.QUALIFIED},
        headers={"Accept": "application/json"}),
    obj("seutu_leads:add_activity", "lead", "write", method="post", ok_status=(302,),
        data=lambda r, w: {"activity-kind": "meeting", "activity-date": soon(),
                           "activity-text": "Tavattiin"}),
    obj("seutu_leads:add_task", "lead", "write", method="post", ok_status=(302,),
        data=lambda r, w: {"task-title": "Lähetä tarjous", "task-due_date": soon()}),
    obj("seutu_leads:refer", "lead", "write"),
    listing("seutu_leads:report", rows_access=None),
    listing("seutu_leads:report_results", rows_access=None),
    listing("seutu_leads:report:csv", rows_access=None, url=lambda r: reverse("seutu_leads:report"),
            data=lambda r, w: {"export": "csv"}),
    # contacts, activities, tasks, higher-education ties
    *[
        case
        for ns, model in (("seutu_contacts", "contact"), ("seutu_activities", "activity"),
                          ("seutu_tasks", "task"), ("seutu_hei_ties", "tie"))
        for case in (
            listing(f"{ns}:list"),
            listing(f"{ns}:list_results"),
            listing(f"{ns}:list:csv", url=lambda r, ns=ns: reverse(f"{ns}:list"),
                    data=lambda r, w: {"export": "csv"}),
            listing(f"{ns}:add", access="write", rows_access=None),
            obj(f"{ns}:edit", model, "write"),
            obj(f"{ns}:delete", model, "write"),
            obj(f"{ns}:usage", model, "write"),
            obj(f"{ns}:history", model, "write"),
            obj(f"{ns}:history_results", model, "write"),
            obj(f"{ns}:inspect", model, "read"),
        )
    ],
    obj("seutu_contacts:export_personal_data", "contact", "coordinator"),
    obj("seutu_contacts:erase_personal_data", "contact", "coordinator"),
    # choosers offer the rows the user may link to, i.e. may change
    *[
        case
        for ns, model in (("seutu_lead_chooser", "lead"), ("seutu_contact_chooser", "contact"),
                          ("seutu_activity_chooser", "activity"), ("seutu_task_chooser", "task"),
                          ("seutu_hei_tie_chooser", "tie"))
        for case in (
            listing(f"{ns}:choose", access="write", rows_access="write"),
            listing(f"{ns}:choose_results", access="write", rows_access="write"),
            obj(f"{ns}:chosen", model, "write"),
            listing(f"{ns}:chosen_multiple", access="write", rows_access="write",
                    data=lambda r, w, model=model: {"id": [getattr(w.raahe, model).pk,
                                                            getattr(w.iisalmi, model).pk]}),
            listing(f"{ns}:create", access="never", rows_access=None),
        )
    ],
    # Invest-in inquiries: a read-only record of what visitors sent, for the town's members
    listing(f"{INQUIRIES}:list"),
    listing(f"{INQUIRIES}:list_results"),
    listing(f"{INQUIRIES}:list:csv", url=lambda r: reverse(f"{INQUIRIES}:list"),
            data=lambda r, w: {"export": "csv"}),
    obj(f"{INQUIRIES}:inspect", "inquiry", "read"),
    # Wagtail opens history and usage to those who may change a row: nobody, here
    obj(f"{INQUIRIES}:history", "inquiry", "never"),
    obj(f"{INQUIRIES}:history_results", "inquiry", "never"),
    obj(f"{INQUIRIES}:usage", "inquiry", "never"),
    listing(f"{INQUIRIES}:add", access="never", rows_access=None),
    obj(f"{INQUIRIES}:edit", "inquiry", "never"),
    obj(f"{INQUIRIES}:delete", "inquiry", "never"),
    # nothing links to an inquiry: its chooser is refused to everybody
    listing(f"{INQUIRY_CHOOSER}:choose", access="never", rows_access="never"),
    listing(f"{INQUIRY_CHOOSER}:choose_results", access="never", rows_access="never",
            data=lambda r, w: {"q": r.inquiry.person_name}),
    obj(f"{INQUIRY_CHOOSER}:chosen", "inquiry", "never"),
    listing(f"{INQUIRY_CHOOSER}:chosen_multiple", access="never", rows_access="never",
            data=lambda r, w: {"id": [w.raahe.inquiry.pk, w.iisalmi.inquiry.pk]}),
    listing(f"{INQUIRY_CHOOSER}:create", access="never", rows_access=None),
    *bulk("inquiry", "delete", access="never"),
    # the shared register: read by all, written by the organisation's town (and coordinators)
    obj("wagtailsnippets_seutu_crm_organisation:edit", "organisation", "write"),
    obj("wagtailsnippets_seutu_crm_organisation:delete", "organisation", "coordinator"),
    obj("wagtailsnippets_seutu_crm_organisation:history", "organisation", "write"),
    obj("wagtailsnippets_seutu_crm_organisation:edit:post", "organisation", "write",
        method="post", ok_status=(200, 302),
        url=lambda r: reverse("wagtailsnippets_seutu_crm_organisation:edit",
                              args=(r.organisation.pk,)),
        data=lambda r, w: {"name": "Uudelleennimetty Oy"}),
    # open-data imports: PRH companies into the writable towns, StatFin figures for coordinators
    listing("seutu_crm_import_prh", access="write", rows_access=None),
    listing("seutu_crm_import_statfin", access="coordinator", rows_access=None),
    # bulk actions, one id and "select all"
    *bulk("lead", "assign_owner"),
    *bulk("lead", "change_stage"),
    *bulk("lead", "refer"),
    *bulk("lead", "delete"),
    *bulk("contact", "delete"),
    *bulk("activity", "delete"),
    *bulk("task", "delete"),
    *bulk("tie", "delete"),
    # the Wagtail home page with the pipeline panels
    listing("dashboard", url=lambda r: reverse("wagtailadmin_home")),
    # the situational picture: towns, a town's profile (its pipeline only for its own
    # members: counts, no rows), benchmarking and its exports
    listing("seutu_ecosystem:index", rows_access=None, shared_register=True),
    listing("seutu_ecosystem:town", rows_access=None, shared_register=True,
            url=lambda r: reverse("seutu_ecosystem:town", args=[r.organisation.town.code])),
    listing("seutu_ecosystem:benchmark", rows_access=None, shared_register=True),
    listing("seutu_ecosystem:benchmark:xlsx", rows_access=None, shared_register=True,
            url=lambda r: reverse("seutu_ecosystem:benchmark") + "?export=xlsx"),
    listing("seutu_ecosystem:benchmark:csv", rows_access=None, shared_register=True,
            url=lambda r: reverse("seutu_ecosystem:benchmark") + "?export=csv"),
    # the gap analysis: the shared register's gaps and candidates, read by every CRM role;
    # a gap lead or a partnership proposal only for the town's writers
    listing("seutu_ecosystem:gaps", rows_access=None, shared_register=True,
            url=lambda r: reverse("seutu_ecosystem:gaps", args=[r.organisation.town.code])),
    listing("seutu_ecosystem:candidates", rows_access=None, shared_register=True,
            url=lambda r: reverse("seutu_ecosystem:candidates",
                                  args=[r.organisation.town.code, gap_competence().slug])),
    obj("seutu_ecosystem:gap_lead", "organisation", "write", method="post", ok_status=(302,),
        url=lambda r: reverse("seutu_ecosystem:gap_lead", args=[
            r.organisation.town.code, gap_competence().slug,
            Organisation.objects.exclude(town=r.organisation.town).values_list(
                "pk", flat=True).first(),
        ])),
    obj("seutu_ecosystem:propose", "organisation", "write", method="post", ok_status=(302,),
        url=lambda r: reverse("seutu_ecosystem:propose", args=[
            r.organisation.town.code, gap_competence().slug,
            Town.objects.in_network().exclude(pk=r.organisation.town_id).first().code,
        ])),
    listing("seutu_ecosystem:proposals", rows_access=None, shared_register=True),
    # a town's higher-education ties: the gaps an institution could fill for all, the ties
    # themselves for the town's members and coordinators
    listing("seutu_ecosystem:university", rows_access="read",
            url=lambda r: reverse("seutu_ecosystem:university", args=[r.organisation.town.code])),
    # the strategies' goals: aggregates of the snapshots only, read by every CRM role
    listing("seutu_pages_strategy_goals", rows_access=None, shared_register=True),
    # who belongs to which town: coordinators only
    *[
        listing(f"seutu_memberships:{name}", access="coordinator", rows_access=None, url=url)
        for name, url in (
            ("index", None),
            ("index:csv", lambda r: reverse("seutu_memberships:index") + "?export=csv"),
            ("add", None),
            ("edit", lambda r: reverse("seutu_memberships:edit", args=[viewer_membership()])),
            ("delete", lambda r: reverse("seutu_memberships:delete",
                                         args=[viewer_membership()])),
        )
    ],
    # the actor network: the shared register's picture, read by every CRM role
    listing("seutu_ecosystem:network", rows_access=None, shared_register=True),
    listing("seutu_ecosystem:network_brokers", rows_access=None, shared_register=True),
    listing("seutu_ecosystem:network_export:gexf", rows_access=None, shared_register=True,
            url=lambda r: reverse("seutu_ecosystem:network_export", args=["gexf"])),
]
CASES_BY_NAME = {case.name: case for case in CASES}


def url_for(case, records):
    if case.url:
        return case.url(records)
    if case.model:
        return reverse(case.name, args=(getattr(records, case.model).pk,))
    return reverse(case.name)


def request(client, case, world, records):
    data = case.data(records, world) if case.data else {}
    send = client.post if case.method == "post" else client.get
    return send(url_for(case, records), data, headers=case.headers)


@pytest.fixture(params=ROLES)
def role_client(request, client, matrix_world):
    user = matrix_world.users[request.param]
    if user is not None:
        client.force_login(user)
    client.seutu_role = request.param
    return client


@pytest.fixture
def matrix_world(shared_world, db):
    return shared_world


def is_denied(response):
    """403, 404, or Wagtail's redirect to the dashboard with "no permission" for PermissionDenied."""
    if response.status_code in (403, 404):
        return True
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"]).path
    # Django's LocaleMiddleware answers an admin 404 with a redirect to the same path under
    # the default language prefix (the public pages' i18n_patterns), where it is a 404 again.
    return location == reverse("wagtailadmin_home") or location == f"/fi{response.request['PATH_INFO']}"


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # Chooser modals answer JSON: compare against the unescaped text.
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


@pytest.mark.parametrize("which", TOWNS)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, which, role_client, matrix_world):
    world = matrix_world
    role = role_client.seutu_role
    records = world.records(which)
    response = request(role_client, case, world, records)
    text = body(response)

    if role == "anonymous":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
        return

    if role == "page_editor" and case.shared_register:
        assert response.status_code == 200, case.name
        people = (records.contact.full_name, records.inquiry.person_name)
        assert not any(person in text for person in people), case.name
        return

    if role == "page_editor":  # may open the dashboard or an empty chooser, never a private row
        assert not any(marker in text for marker in records.markers), case.name
        assert is_denied(response) or (not case.model and response.status_code == 200)
        return

    if case.model:  # a view of one row
        if allowed(role, which, case.access):
            assert response.status_code in case.ok_status, text[:500]
        else:
            assert is_denied(response), (response.status_code, text[:300])
            assert not any(marker in text for marker in records.markers)
            if case.name == "seutu_leads:move":
                records.lead.refresh_from_db()
                assert records.lead.stage == Stage.CONTACTED
            if case.model == "organisation":
                records.organisation.refresh_from_db()
                assert records.organisation.name == records.marker
        return

    # a listing, export, chooser, board, report or dashboard
    if not allowed(role, "own", case.access):
        assert is_denied(response), (response.status_code, text[:300])
        assert not any(marker in text for marker in records.markers)
        return
    assert response.status_code == 200, text[:500]
    if case.rows_access:
        visible = allowed(role, which, case.rows_access)
        marker = records.marker_for(case.row_model)
        assert (marker in text) == visible, (
            f"{marker!r} {'missing from' if visible else 'leaked into'} {case.name}"
        )


def holds_personal_data(model):
    """A model with a person's e-mail, name or phone, or a tie to a contact."""
    for field in model._meta.get_fields():
        if isinstance(field, models.EmailField) or field.name in PERSONAL_FIELD_NAMES:
            return True
        if field.is_relation and field.related_model is Contact and not field.auto_created:
            return True
    return False


def private_snippet_models():
    return [model for model in get_snippet_models() if is_town_scoped(model)]


def private_admin_url_names():
    """Every URL name Wagtail registers for the town-private snippet models and their choosers."""
    names = set()
    resolver = get_resolver()
    for model in private_snippet_models():
        viewset = model.snippet_viewset
        for namespace in (viewset.url_namespace, viewset.get_chooser_admin_url_namespace()):
            for name in resolver.namespace_dict[namespace][1].reverse_dict:
                if isinstance(name, str):
                    names.add(f"{namespace}:{name}")
    return names


def bulk_action_names():
    keys = {model: key for key, model in MODELS.items()}
    names = set()
    for model in private_snippet_models():
        meta = model._meta
        for action in bulk_action_registry.get_bulk_actions_for_model(
            meta.app_label, meta.model_name
        ):
            names.add(f"bulk:{keys.get(model, meta.model_name)}:{action.action_type}")
    return names


def test_every_snippet_model_with_personal_data_is_town_scoped():
    unscoped = [
        model._meta.label
        for model in get_snippet_models()
        if holds_personal_data(model) and not is_town_scoped(model)
    ]
    assert not unscoped, f"personal data without a town-scoped policy: {unscoped}"


def test_the_private_models_are_the_ones_this_matrix_knows():
    assert set(private_snippet_models()) == set(MODELS.values())


def test_every_private_admin_url_has_a_case():
    covered = {name.split(":all")[0] if name.startswith("bulk:") else name for name in CASES_BY_NAME}
    covered |= {":".join(name.split(":")[:2]) for name in CASES_BY_NAME if not name.startswith("bulk:")}
    missing = (private_admin_url_names() | bulk_action_names()) - covered
    assert not missing, f"admin views without a permission-matrix case: {sorted(missing)}"


def test_every_bulk_action_has_a_select_all_case():
    missing = {f"{name}:all" for name in bulk_action_names()} - set(CASES_BY_NAME)
    assert not missing, sorted(missing)


def test_chosen_multiple_answers_only_own_rows(client, matrix_world):
    world = matrix_world
    client.force_login(world.users["business_developer"])
    response = client.get(
        reverse("seutu_lead_chooser:chosen_multiple"),
        {"id": [world.raahe.lead.pk, world.iisalmi.lead.pk]},
    )
    result = json.loads(response.content)["result"]
    assert [item["id"] for item in result] == [str(world.raahe.lead.pk)]
