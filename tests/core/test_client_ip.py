"""The client's address behind TRUSTED_PROXY_COUNT proxies (core.client_ip), and every
limit that counts per address using it: the site's rate limits, django-axes and
allauth's own limits."""

import pytest
from allauth.account.adapter import get_adapter
from axes.models import AccessAttempt
from django.test import RequestFactory

from core.client_ip import client_ip, client_ip_bucket, is_internal

PROXY = "10.0.0.2"


def request_from(remote="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "count, remote, forwarded, expected",
    [
        (0, "203.0.113.7", None, "203.0.113.7"),
        (0, "203.0.113.7", "198.51.100.1", "203.0.113.7"),  # header ignored without proxies
        (1, PROXY, "198.51.100.1", "198.51.100.1"),
        (1, PROXY, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # client's own entry ignored
        (2, PROXY, "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (1, PROXY, None, PROXY),  # did not come through the proxy: the peer
        (2, PROXY, "198.51.100.1", PROXY),  # fewer hops than proxies: nothing trusted
        (1, PROXY, "geen-adres", PROXY),
        (1, PROXY, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_the_client_is_the_address_the_nearest_trusted_proxy_saw(
    settings, count, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count

    assert client_ip(request_from(remote, forwarded)) == expected


def test_an_ipv6_client_counts_as_its_64_network(settings):
    assert client_ip_bucket(request_from("2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::"
    assert client_ip_bucket(request_from("2001:db8:1:2:bbbb::9")) == "2001:db8:1:2::"
    assert client_ip_bucket(request_from("::ffff:198.51.100.3")) == "198.51.100.3"
    assert client_ip_bucket(request_from("198.51.100.3")) == "198.51.100.3"


def test_internal_addresses_are_loopback_and_private_networks_seen_through_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert is_internal(request_from(PROXY, "127.0.0.1"))
    assert is_internal(request_from(PROXY, "192.168.1.5"))
    assert is_internal(request_from(PROXY, "fd00::5"))
    assert not is_internal(request_from(PROXY, "198.51.100.1"))
    # The proxy itself is internal, but the client it forwards for is not.
    assert not is_internal(request_from(PROXY, "10.1.1.1, 198.51.100.1"))


# Every limit uses it ------------------------------------------------------------------


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def autocomplete(client, forwarded):
    return client.get(
        "/api/v2/companies/autocomplete/",
        {"q": "po"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    ).status_code


@pytest.mark.django_db
def test_two_clients_behind_one_proxy_have_their_own_count(client, es, settings, behind_one_proxy):
    settings.SEARCH_API_RATE = "2/m"

    first = [autocomplete(client, "198.51.100.1") for _ in range(3)]
    second = autocomplete(client, "198.51.100.2")

    assert first == [200, 200, 429]
    assert second == 200


@pytest.mark.django_db
def test_a_changing_leftmost_entry_does_not_give_a_new_count(
    client, es, settings, behind_one_proxy
):
    settings.SEARCH_API_RATE = "2/m"

    codes = [autocomplete(client, f"6.6.6.{n}, 198.51.100.1") for n in range(3)]

    assert codes == [200, 200, 429]


@pytest.mark.django_db
def test_without_trusted_proxies_a_forged_header_does_not_give_a_new_count(client, es, settings):
    settings.SEARCH_API_RATE = "2/m"

    codes = [
        client.get(
            "/api/v2/companies/autocomplete/", {"q": "po"}, HTTP_X_FORWARDED_FOR=f"6.6.6.{n}"
        ).status_code
        for n in range(3)
    ]

    assert codes == [200, 200, 429]


@pytest.mark.django_db
def test_axes_records_the_client_behind_the_proxy(client, site, behind_one_proxy):
    client.post(
        "/admin/login/",
        {"username": "niemand", "password": "fout"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1",
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.1"]


@pytest.mark.django_db
def test_allauths_limits_count_per_client_behind_the_proxy(
    client, site, settings, behind_one_proxy
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}

    def sign_up(email, forwarded):
        client.logout()
        return client.post(
            "/account/signup/",
            {
                "email": email,
                "password1": "een-lang-wachtwoord-42",
                "password2": "een-lang-wachtwoord-42",
            },
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    assert get_adapter().get_client_ip(request_from(PROXY, "198.51.100.1")) == "198.51.100.1"
    assert sign_up("a@example.invalid", "198.51.100.1") == 302
    assert sign_up("b@example.invalid", "198.51.100.1") == 429
    assert sign_up("c@example.invalid", "198.51.100.2") == 302
