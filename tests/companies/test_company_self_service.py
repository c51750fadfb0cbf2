"""Bedrijfsbeheer: only the company's own representatives; the public customer-service
route goes through Wagtail's revisions; private contact addresses; reply templates."""

import pytest
from django.contrib.auth.models import User
from wagtail.signals import page_published

from companies.factories import CompanyPageFactory
from companies.models import CompanyPage, CompanyRepresentative, ReplyTemplate

pytestmark = pytest.mark.django_db


def manage(company, rest=""):
    return f"/bedrijfsbeheer/{company.pk}/{rest}"


@pytest.fixture
def rep_client(client, representative):
    client.force_login(representative)
    return client


@pytest.fixture
def other_rep(company_index):
    other = CompanyPageFactory(parent=company_index, title="Ander Bedrijf")
    user = User.objects.create_user("ander", "iemand@ander.example", "x")
    CompanyRepresentative.objects.create(user=user, company=other)
    return user


@pytest.fixture
def template(company):
    return ReplyTemplate.objects.create(
        company=company, title="Eerste reactie", body="Dank voor je bericht. We zoeken het uit."
    )


WRITES = [
    ("klantenservice/", {"customer_service_phone": "020-1234567"}),
    ("klachtcontact/", {"addresses": "kwaad@evil.example"}),
    ("sjablonen/", {"title": "X", "body": "Y"}),
]


def test_the_representative_sees_the_area(rep_client, company):
    response = rep_client.get(manage(company))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bedrijfsbeheer: Polderpost" in html
    assert "geheim-klachtcontact@polderpost.example" in html


@pytest.mark.parametrize("who", ["anonymous", "consumer", "other_rep", "removed"])
def test_nobody_else_reads_or_writes(
    client, company, representative, consumer, other_rep, template, who
):
    if who == "anonymous":
        expected = 302  # to the login page
    else:
        expected = 404
        user = {"consumer": consumer, "other_rep": other_rep}.get(who)
        if who == "removed":
            user = User.objects.create_user("oud", "oud@polderpost.example", "x")
            rep = CompanyRepresentative.objects.create(user=user, company=company)
            rep.delete()
        client.force_login(user)

    assert client.get(manage(company)).status_code == expected
    for rest, data in WRITES:
        assert client.post(manage(company, rest), data).status_code == expected
    rest = f"sjablonen/{template.pk}/verwijderen/"
    assert client.post(manage(company, rest)).status_code == expected
    rep_pk = CompanyRepresentative.objects.get(user=representative).pk
    assert client.post(manage(company, f"collegas/{rep_pk}/verwijderen/")).status_code == expected

    company.refresh_from_db()
    assert company.customer_service_phone == ""
    assert [c.email for c in company.contact_addresses.all()] == [
        "geheim-klachtcontact@polderpost.example"
    ]
    assert list(ReplyTemplate.objects.values_list("title", flat=True)) == ["Eerste reactie"]
    assert CompanyRepresentative.objects.filter(user=representative).exists()


def test_a_representative_of_another_company_cannot_touch_a_template_through_its_own_company(
    client, company, other_rep, template
):
    client.force_login(other_rep)
    own = CompanyRepresentative.objects.get(user=other_rep).company

    response = client.post(manage(own, f"sjablonen/{template.pk}/verwijderen/"))

    assert response.status_code == 404
    assert ReplyTemplate.objects.filter(pk=template.pk).exists()


def test_customer_service_is_published_as_a_revision_and_shown_on_the_page(
    rep_client, company, representative
):
    published = []

    def receiver(sender, instance, **kwargs):
        published.append(instance.pk)

    page_published.connect(receiver)
    try:
        response = rep_client.post(
            manage(company, "klantenservice/"),
            {
                "customer_service_phone": "020-7654321",
                "customer_service_url": "https://www.polderpost.nl/contact",
                "customer_service_email": "",
                "customer_service_hours": "Elke werkdag van 8 tot 18 uur",
            },
        )
    finally:
        page_published.disconnect(receiver)

    assert response.status_code == 302
    page = CompanyPage.objects.get(pk=company.pk)
    assert page.customer_service_phone == "020-7654321"
    assert published == [company.pk]
    revision = page.latest_revision
    assert revision.user == representative
    assert page.live_revision == revision
    # The private contacts survive in the revision (a later publish keeps them).
    assert revision.as_object().contact_addresses.count() == 1
    html = rep_client.get(page.url).content.decode()
    assert "020-7654321" in html
    assert "Elke werkdag van 8 tot 18 uur" in html


def test_a_bad_phone_number_is_refused_in_dutch(rep_client, company):
    response = rep_client.post(manage(company, "klantenservice/"), {"customer_service_phone": "12"})

    assert response.status_code == 400
    assert "Nederlands telefoonnummer" in response.content.decode()
    assert CompanyPage.objects.get(pk=company.pk).customer_service_phone == ""


def test_contact_addresses_are_replaced_and_never_public(rep_client, company, client):
    response = rep_client.post(
        manage(company, "klachtcontact/"),
        {
            "addresses": "klachten@polderpost.example\n\nKlachten@polderpost.example\nteam@polderpost.example"
        },
    )

    assert response.status_code == 302
    page = CompanyPage.objects.get(pk=company.pk)
    assert [c.email for c in page.contact_addresses.all()] == [
        "klachten@polderpost.example",
        "team@polderpost.example",
    ]
    assert page.latest_revision.user is not None
    client.logout()
    assert "klachten@polderpost.example" not in client.get(page.url).content.decode()


def test_at_most_ten_contact_addresses(rep_client, company):
    # Each new complaint is mailed to every address: a long list would be a mailing list.
    ten = "\n".join(f"team{i}@polderpost.example" for i in range(10))
    assert rep_client.post(manage(company, "klachtcontact/"), {"addresses": ten}).status_code == 302

    eleven = ten + "\nnog-een@polderpost.example"
    response = rep_client.post(manage(company, "klachtcontact/"), {"addresses": eleven})

    assert response.status_code == 400
    assert "hooguit 10 adressen" in response.content.decode()
    assert CompanyPage.objects.get(pk=company.pk).contact_addresses.count() == 10


def test_a_bad_contact_address_is_refused(rep_client, company):
    response = rep_client.post(manage(company, "klachtcontact/"), {"addresses": "geen adres"})

    assert response.status_code == 400
    assert "geen geldig e-mailadres" in response.content.decode()


def test_reply_templates_are_added_named_uniquely_and_deleted(rep_client, company, template):
    assert (
        rep_client.post(
            manage(company, "sjablonen/"), {"title": "Excuses", "body": "Het spijt ons."}
        ).status_code
        == 302
    )
    duplicate = rep_client.post(
        manage(company, "sjablonen/"), {"title": "eerste reactie", "body": "Nog eens."}
    )
    assert duplicate.status_code == 400
    assert "al een sjabloon met deze naam" in duplicate.content.decode()

    rep_client.post(manage(company, f"sjablonen/{template.pk}/verwijderen/"))

    assert list(company.reply_templates.values_list("title", flat=True)) == ["Excuses"]


def test_a_colleague_is_removed_but_never_the_last_one(rep_client, company, representative):
    colleague = User.objects.create_user("collega", "collega@polderpost.example", "x")
    colleague_rep = CompanyRepresentative.objects.create(user=colleague, company=company)
    own = CompanyRepresentative.objects.get(user=representative)

    rep_client.post(manage(company, f"collegas/{colleague_rep.pk}/verwijderen/"))
    assert not CompanyRepresentative.objects.filter(pk=colleague_rep.pk).exists()

    response = rep_client.post(manage(company, f"collegas/{own.pk}/verwijderen/"), follow=True)
    assert "laatste vertegenwoordiger" in response.content.decode()
    assert CompanyRepresentative.objects.filter(pk=own.pk).exists()
