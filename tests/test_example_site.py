"""The example site's own wiring."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_unknown_admin_address_is_a_404_not_a_redirect(admin_client):
    response = admin_client.get("/admin/seutu/no-such-view/")
    assert response.status_code == 404


def test_an_unknown_api_address_is_a_404(client):
    assert client.get("/api/search/no-such-endpoint/").status_code == 404


def test_a_public_address_without_language_is_redirected_to_the_language_prefix(client):
    response = client.get("/search/")
    assert response.status_code == 302
    assert response["Location"] == "/fi/search/"
