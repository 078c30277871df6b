"""A lead's gap fit: how much it would close its town's gaps, kept on the lead."""

import pytest
from django.urls import reverse

from seutu_crm.ecosystem.lead_fit import lead_fit, refresh_fits
from seutu_crm.ecosystem.snapshots import take_snapshots
from seutu_crm.models import Lead
from tests.crm.ecosystem_world import world  # noqa: F401  (fixtures)
from tests.crm.gap_world import hydrogen_world, raahe_developer  # noqa: F401
from tests.factories import LeadFactory


def test_fit_joins_the_gaps_a_lead_brings_as_independent_chances(hydrogen_world):
    w = hydrogen_world.world
    lead = LeadFactory(organisation=hydrogen_world.far, town=w.raahe)
    lead.competences.set([w.hydrogen, hydrogen_world.electrolysers, w.battery])
    fit = lead_fit(lead)
    # Hydrogen and electrolysers are gaps of 40; batteries are Raahe's strength.
    assert fit.score == round(100 * (1 - 0.6 * 0.6))
    assert [gap.key for gap in fit.gaps] == ["elektrolyyserit", "vedyn-tuotanto"]


def test_a_lead_bringing_only_strengths_fits_nothing(hydrogen_world):
    w = hydrogen_world.world
    lead = LeadFactory(organisation=hydrogen_world.far, town=w.raahe)
    lead.competences.set([w.battery])
    assert lead_fit(lead).score == 0 and lead_fit(lead).gaps == []


def test_the_stored_fit_follows_the_competences_after_the_commit(
    hydrogen_world, django_capture_on_commit_callbacks
):
    w = hydrogen_world.world
    with django_capture_on_commit_callbacks(execute=True):
        lead = LeadFactory(organisation=hydrogen_world.far, town=w.raahe)
        lead.competences.set([w.hydrogen])
    lead.refresh_from_db()
    assert lead.gap_fit == 40


def test_the_snapshot_refreshes_every_leads_fit(hydrogen_world):
    w = hydrogen_world.world
    lead = LeadFactory(organisation=hydrogen_world.far, town=w.raahe)
    lead.competences.set([w.hydrogen])
    Lead.objects.filter(pk=lead.pk).update(gap_fit=None)
    take_snapshots()
    lead.refresh_from_db()
    assert lead.gap_fit == 40
    assert refresh_fits() == 0  # nothing stale left


def test_the_pipeline_listing_sorts_and_filters_by_fit(client, hydrogen_world, raahe_developer):
    w = hydrogen_world.world
    good = LeadFactory(organisation=hydrogen_world.far, town=w.raahe)
    poor = LeadFactory(organisation=hydrogen_world.direct, town=w.raahe)
    Lead.objects.filter(pk=good.pk).update(gap_fit=64)
    Lead.objects.filter(pk=poor.pk).update(gap_fit=10)
    client.force_login(raahe_developer)
    listing = reverse("seutu_leads:list")
    body = client.get(listing, {"ordering": "-gap_fit"}).content.decode()
    assert body.index("Vaasan Vety Oy") < body.index("Oulun Vety Oy")
    body = client.get(listing, {"gap_fit": 50}).content.decode()
    assert "Vaasan Vety Oy" in body and "Oulun Vety Oy" not in body
