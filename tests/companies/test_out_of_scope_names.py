"""Government bodies and foreign companies are recognised by name (a list moderators keep
in the admin, seeded by a migration) in the wizard's company search and in the "company
not listed?" form, and the person is sent to the page that says where to go."""

import pytest

from companies.models import CompanyRequest, OutOfScopeName
from companies.selectors import name_tokens, out_of_scope_match

pytestmark = pytest.mark.django_db


@pytest.fixture
def out_of_scope_pages():
    from home.factories import OutOfScopePageFactory

    OutOfScopePageFactory(case="government", slug="klacht-over-de-overheid")
    OutOfScopePageFactory(case="foreign", slug="buitenlands-bedrijf", title="Buitenland")


@pytest.mark.parametrize(
    "query, case",
    [
        ("Belastingdienst", "government"),
        ("belastingdienst", "government"),
        ("de Belastingdienst", "government"),
        ("gemeente Utrecht", "government"),
        ("Gemeente 's-Hertogenbosch", "government"),
        ("Ministerie van Financiën", "government"),
        ("UWV", "government"),
        ("Amazon", "foreign"),
        ("amazon.nl", "foreign"),
        ("www.amazon.de", "foreign"),
        ("Temu B.V.", "foreign"),
        ("Wizz Air", "foreign"),
    ],
)
def test_the_seeded_list_recognises_names_as_people_type_them(query, case):
    match = out_of_scope_match(query)

    assert match is not None, query
    assert match.case == case


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "Bol",
        "Coolblue",
        "Amazone Reizen",
        "Gemeentewinkel",
        "DUO Kozijnen",
        "Apple Store Utrecht",
    ],
)
def test_ordinary_and_lookalike_names_are_not_recognised(query):
    # "DUO" and "Apple" are exact entries: a company that only starts with the word is
    # left alone; "gemeente" is a prefix entry, but of whole words only.
    assert out_of_scope_match(query) is None


def test_a_name_moderators_add_is_recognised_at_once():
    OutOfScopeName.objects.create(name="Zalando SE", case="foreign", note="Duits bedrijf")

    assert out_of_scope_match("zalando").name == "Zalando SE"


def test_name_tokens_drop_legal_forms_and_web_suffixes():
    assert name_tokens("Temu B.V.") == ("temu",)
    assert name_tokens("www.Shein.com") == ("shein",)
    assert name_tokens("Gemeente Súdwest-Fryslân") == ("gemeente", "sudwest", "fryslan")


@pytest.mark.parametrize(
    "query, target, heading",
    [
        (
            "Belastingdienst",
            "/klacht-over-de-overheid/",
            "Belastingdienst is een overheidsinstantie",
        ),
        (
            "gemeente Utrecht",
            "/klacht-over-de-overheid/",
            "gemeente Utrecht is een overheidsinstantie",
        ),
        ("Amazon", "/buitenlands-bedrijf/", "Amazon is geen Nederlands bedrijf"),
    ],
)
def test_the_wizard_search_sends_the_consumer_to_the_right_page(
    client, consumer, out_of_scope_pages, query, target, heading
):
    client.force_login(consumer)

    response = client.get("/klacht-indienen/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert heading in html
    assert f'href="{target}"' in html
    assert "Geen bedrijf gevonden" not in html


def test_the_wizard_search_still_says_nothing_was_found_for_an_unknown_name(client, consumer):
    client.force_login(consumer)

    html = client.get("/klacht-indienen/", {"q": "Onbekend Bedrijf"}).content.decode()

    assert "Geen bedrijf gevonden" in html
    assert "overheidsinstantie" not in html


def test_the_company_request_form_refuses_a_government_body_and_says_where_to_go(
    client, company_index, out_of_scope_pages
):
    response = client.post(
        "/bedrijven/aanmelden/",
        {"company_name": "Gemeente Utrecht", "requester_email": "jan@example.invalid"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "company_name" in response.context["form"].errors
    assert "Gemeente Utrecht is een overheidsinstantie" in html
    assert 'href="/klacht-over-de-overheid/"' in html
    assert "Bedankt" not in html
    assert not CompanyRequest.objects.exists()


def test_the_company_request_form_refuses_a_foreign_company(
    client, company_index, out_of_scope_pages
):
    response = client.post(
        "/bedrijven/aanmelden/",
        {"company_name": "amazon.de", "requester_email": "jan@example.invalid"},
    )

    assert response.status_code == 400
    assert 'href="/buitenlands-bedrijf/"' in response.content.decode()
    assert not CompanyRequest.objects.exists()


def test_moderators_keep_the_list_in_the_admin(client, django_user_model):
    from django.contrib.auth.models import Group

    moderator = django_user_model.objects.create_user("mod", "mod@example.invalid", "x")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)

    listing = client.get("/admin/companies/outofscopename/")
    response = client.post(
        "/admin/companies/outofscopename/create/",
        {"name": "Wise", "case": "foreign", "match": "exact", "note": "Belgisch bedrijf"},
    )

    assert listing.status_code == 200
    assert "Belastingdienst" in listing.content.decode()
    assert response.status_code == 302
    assert out_of_scope_match("Wise").note == "Belgisch bedrijf"
