"""Nothing private ever reaches the public site: contacts, leads, activities, private actors."""

import pytest

from seutu_crm.models import OrganisationDescription
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    LeadFactory,
    OrganisationFactory,
    TaskFactory,
    TownFactory,
)

from .page_factories import make_directory, make_story, make_story_index, make_town_page

SECRETS = [
    "Salainen Sanna",  # a contact's name
    "sanna.salainen@example.fi",  # a contact's e-mail
    "+358401112233",  # a contact's phone
    "Luottamuksellinen kokousmuistio",  # an activity's text
    "Kilpailija tarjosi halvemman tontin",  # a lead's lost reason
    "Soita toimitusjohtajalle",  # a lead's next step / a task
    "Piilotettu Oy",  # a non-public organisation
    "1234567-1",  # a business id is not shown publicly either
]


@pytest.fixture
def public_site(home):
    """A town page featuring an actor full of private data, with its directory and a story."""
    town = TownFactory(name_fi="Raahe")
    actor = OrganisationFactory(name="Avoin Oy", town=town, business_id="1234567-1")
    OrganisationDescription.objects.create(organisation=actor, language="fi", text="Julkinen.")
    hidden = OrganisationFactory(name="Piilotettu Oy", town=town, is_public=False)
    contact = ContactFactory(
        organisation=actor,
        first_name="Salainen",
        last_name="Sanna",
        email="sanna.salainen@example.fi",
        phone="+358401112233",
    )
    lead = LeadFactory(
        organisation=actor,
        town=town,
        next_step="Soita toimitusjohtajalle",
        lost_reason="Kilpailija tarjosi halvemman tontin",
    )
    ActivityFactory(lead=lead, text="Luottamuksellinen kokousmuistio", contacts=[contact])
    TaskFactory(lead=lead, title="Soita toimitusjohtajalle")
    town_page = make_town_page(home, town=town, actors=[actor, hidden])
    directory = make_directory(town_page, town=town)
    story = make_story(
        make_story_index(town_page),
        towns=[town],
        body=[
            {"type": "actor_cards", "value": {"heading": "", "organisations": [actor.pk, hidden.pk]}}
        ],
    )
    return {
        "actor": actor,
        "hidden": hidden,
        "home": home.url,
        # Pages that show the actor: so the test proves the actor is there, its secrets not.
        "actor_pages": [
            town_page.url,
            directory.url,
            f"{directory.url}?q=oy",
            f"{directory.url}{actor.pk}-avoin-oy/",
            story.url,
        ],
    }


def test_no_private_value_appears_on_any_public_page(client, public_site):
    for url in [public_site["home"], *public_site["actor_pages"]]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if url in public_site["actor_pages"]:
            assert "Avoin Oy" in html, url
        for secret in SECRETS:
            assert secret not in html, (secret, url)


def test_featured_actor_made_private_disappears_from_the_town_page(client, public_site):
    actor = public_site["actor"]
    town_page_url = public_site["actor_pages"][0]
    assert "Avoin Oy" in client.get(town_page_url).content.decode()

    actor.is_public = False
    actor.save()

    assert "Avoin Oy" not in client.get(town_page_url).content.decode()
