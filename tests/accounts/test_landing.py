"""Where a person lands after signing in: a representative on the company portal, a
moderator in the admin, a consumer on "Mijn klachten"; a safe `next` wins for all."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


def verified(user):
    user.set_password(PASSWORD)
    user.save()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def sign_in(client, user, next_url=None):
    url = "/account/login/" + (f"?next={next_url}" if next_url else "")
    data = {"login": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(url, data)
    assert response.status_code == 302
    return response["Location"]


def test_a_consumer_lands_on_my_complaints(client, site, consumer):
    assert sign_in(client, verified(consumer)) == "/mijn-klachten/"


def test_a_representative_lands_on_the_portal(client, site, representative):
    landing = sign_in(client, verified(representative))

    assert landing == "/bedrijfsportaal/"
    assert client.get(landing).status_code == 200


def test_a_moderator_lands_in_the_admin(client, site, moderator):
    assert sign_in(client, verified(moderator)) == "/admin/"


def test_a_safe_next_wins_over_the_landing(client, site, representative):
    assert sign_in(client, verified(representative), "/tips/") == "/tips/"


def test_a_next_to_another_site_is_ignored(client, site, representative):
    assert sign_in(client, verified(representative), "https://evil.example/") == "/bedrijfsportaal/"
