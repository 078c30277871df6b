"""The gap analysis in the admin: who reads it, who acts on it, and what each action leaves."""

import re
from html import unescape

import pytest
from django.urls import reverse

from seutu_crm.models import Lead, LeadSource, PartnershipProposal, ProposalStatus, Stage
from tests.crm.ecosystem_world import world  # noqa: F401  (fixtures)
from tests.crm.gap_world import (  # noqa: F401
    hydrogen_world,
    kuusamo_developer,
    raahe_developer,
    raahe_viewer,
)
from tests.factories import LeadFactory, UserFactory

pytestmark = pytest.mark.django_db


def gaps_url(code="678", **query):
    url = reverse("seutu_ecosystem:gaps", args=[code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def candidates_url(code="678", slug="vedyn-tuotanto"):
    return reverse("seutu_ecosystem:candidates", args=[code, slug])


def lead_url(organisation, code="678", slug="vedyn-tuotanto"):
    return reverse("seutu_ecosystem:gap_lead", args=[code, slug, organisation.pk])


def is_denied(response):
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard.
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def candidate_item(body, organisation):
    start = body.index(f'id="candidate-{organisation.pk}"')
    ends = [i for i in (body.find('id="candidate-', start + 1), body.find("</ol>", start)) if i > 0]
    return body[start:min(ends)]


def text(response):
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_the_gap_table_shows_hydrogen_production_to_attract_with_its_reasons(
    client, hydrogen_world, raahe_developer
):
    client.force_login(raahe_developer)
    response = client.get(gaps_url())
    assert response.status_code == 200
    row = re.search(r'<tr id="gap-vedyn-tuotanto">.*?</tr>', text(response)).group(0)
    assert "Vedyn tuotanto" in row and "seutu-gap-label--attract" in row
    assert candidates_url() in row


def test_the_gap_table_filters_by_label_and_name(client, hydrogen_world, raahe_developer):
    client.force_login(raahe_developer)
    body = text(client.get(gaps_url(label="strength")))
    assert 'id="gap-akkumateriaalit"' in body and 'id="gap-vedyn-tuotanto"' not in body
    body = text(client.get(gaps_url(q="vedyn")))
    assert 'id="gap-vedyn-tuotanto"' in body and 'id="gap-akkumateriaalit"' not in body
    assert client.get(gaps_url(dimension="industry")).status_code == 200
    assert client.get(gaps_url(dimension="nonsense")).status_code == 200  # said, not a 500


def test_a_user_without_the_register_gets_403_and_a_town_outside_the_network_404(
    client, hydrogen_world
):
    client.force_login(UserFactory(username="nobody", is_staff=True))
    assert client.get(gaps_url()).status_code in (302, 403)
    client.force_login(UserFactory(username="admin", is_superuser=True))
    assert client.get(gaps_url("564")).status_code == 404
    assert client.get(candidates_url(slug="no-such")).status_code == 404


def test_one_click_makes_a_gap_lead_with_the_gap_and_competences(
    client, hydrogen_world, raahe_developer
):
    client.force_login(raahe_developer)
    response = client.post(lead_url(hydrogen_world.far))
    assert response.status_code == 302
    lead = Lead.objects.get(organisation=hydrogen_world.far)
    assert (lead.town, lead.stage, lead.source) == (
        hydrogen_world.world.raahe, Stage.IDENTIFIED, LeadSource.GAP_ANALYSIS
    )
    assert lead.gap.slug == "vedyn-tuotanto" and lead.owner == raahe_developer
    assert set(lead.competences.values_list("slug", flat=True)) == {
        "vedyn-tuotanto", "elektrolyyserit"
    }
    # A second click finds the lead rather than making another.
    client.post(lead_url(hydrogen_world.far))
    assert Lead.objects.filter(organisation=hydrogen_world.far).count() == 1
    body = text(client.get(candidates_url()))
    assert reverse("seutu_leads:inspect", args=[lead.pk]) in body


def test_a_viewer_sees_the_candidates_but_cannot_make_leads(
    client, hydrogen_world, raahe_viewer
):
    client.force_login(raahe_viewer)
    body = text(client.get(candidates_url()))
    assert "Vaasan Vety Oy" in body and lead_url(hydrogen_world.far) not in body
    assert is_denied(client.post(lead_url(hydrogen_world.far)))
    assert not Lead.objects.exists()


def test_another_towns_developer_cannot_make_a_lead_for_raahe(
    client, hydrogen_world, kuusamo_developer
):
    client.force_login(kuusamo_developer)
    assert is_denied(client.post(lead_url(hydrogen_world.far)))
    assert not Lead.objects.exists()


def test_kuusamo_sees_raahes_interest_but_not_its_lead(
    client, hydrogen_world, raahe_developer, kuusamo_developer
):
    client.force_login(raahe_developer)
    client.post(lead_url(hydrogen_world.far))
    lead = Lead.objects.get()
    Lead.objects.filter(pk=lead.pk).update(estimated_investment=12_345_678, next_step="Salainen")
    client.force_login(kuusamo_developer)
    body = text(client.get(candidates_url("305")))
    far = candidate_item(body, hydrogen_world.far)
    assert "Muut kiinnostuneet kaupungit: Raahe." in far
    assert "12 345 678" not in body and "12,345,678" not in body and "Salainen" not in body
    assert client.get(reverse("seutu_leads:inspect", args=[lead.pk])).status_code == 404


def test_a_partnership_proposal_reaches_the_partner_town_which_answers_it(
    client, hydrogen_world, raahe_developer, kuusamo_developer
):
    w = hydrogen_world.world
    client.force_login(kuusamo_developer)
    url = reverse("seutu_ecosystem:propose", args=["305", "akkumateriaalit", "678"])
    response = client.post(url, {"message": "Tehdäänkö yhteistyötä akuissa?"})
    assert response.status_code == 302
    proposal = PartnershipProposal.objects.get()
    assert (proposal.from_town, proposal.to_town, proposal.competence) == (
        w.kuusamo, w.raahe, w.battery
    )
    proposals = reverse("seutu_ecosystem:proposals")
    # The proposing town cannot answer its own proposal; the partner town can.
    client.post(proposals, {"proposal": proposal.pk, "answer": "accepted"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    client.force_login(raahe_developer)
    assert "Tehdäänkö yhteistyötä akuissa?" in text(client.get(proposals))
    client.post(proposals, {"proposal": proposal.pk, "answer": "accepted"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.answered_at


def test_a_proposal_for_another_town_is_refused(client, hydrogen_world, kuusamo_developer):
    client.force_login(kuusamo_developer)
    url = reverse("seutu_ecosystem:propose", args=["678", "vedyn-tuotanto", "305"])
    client.post(url, {"message": ""})
    assert not PartnershipProposal.objects.exists()


def test_the_lead_page_and_the_board_show_the_gap_and_the_fit(
    client, hydrogen_world, raahe_developer
):
    client.force_login(raahe_developer)
    client.post(lead_url(hydrogen_world.far))
    lead = Lead.objects.get()
    body = text(client.get(reverse("seutu_leads:inspect", args=[lead.pk])))
    # Two gaps of 40: 100 · (1 − 0.6 · 0.6) = 64.
    assert "64 / 100" in body and "Vedyn tuotanto (40)" in body
    board = text(client.get(reverse("seutu_leads:board")))
    assert "data-card-gap>Vedyn tuotanto<" in board
