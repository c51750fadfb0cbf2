"""A company's reply templates in its reaction form."""

import pytest

from companies.models import ReplyTemplate
from complaints.models import Reaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_complaint(make_complaint):
    return make_complaint(status="awaiting_company")


@pytest.fixture
def template(company):
    return ReplyTemplate.objects.create(
        company=company, title="Eerste reactie", body="Dank voor je melding; we bellen je."
    )


def test_the_representative_chooses_from_the_company_s_templates(
    client, open_complaint, representative, template
):
    client.force_login(representative)

    html = client.get(open_complaint.url).content.decode()

    assert "Kies een sjabloon" in html
    assert "Eerste reactie" in html
    assert "Sjabloon invoegen" in html
    assert "js/reply-templates.js" in html


def test_the_consumer_never_sees_them(client, open_complaint, consumer, template):
    client.force_login(consumer)

    html = client.get(open_complaint.url).content.decode()

    assert "Kies een sjabloon" not in html
    assert "Dank voor je melding" not in html


def test_without_javascript_the_button_puts_the_text_in_the_box_and_posts_nothing(
    client, open_complaint, representative, template
):
    client.force_login(representative)

    response = client.post(
        f"/klachten/{open_complaint.pk}/reageren/",
        {"reply_template": template.pk, "body": "", "insert_template": "1"},
    )

    assert response.status_code == 200
    assert "Dank voor je melding; we bellen je.</textarea>" in response.content.decode()
    assert not Reaction.objects.exists()


def test_another_company_s_template_cannot_be_inserted(
    client, open_complaint, representative, company_index
):
    from companies.factories import CompanyPageFactory

    other = CompanyPageFactory(parent=company_index, title="Ander")
    foreign = ReplyTemplate.objects.create(company=other, title="Geheim", body="Interne tekst")
    client.force_login(representative)

    response = client.post(
        f"/klachten/{open_complaint.pk}/reageren/",
        {"reply_template": foreign.pk, "body": "", "insert_template": "1"},
    )

    assert "Interne tekst" not in response.content.decode()


def test_a_stranger_cannot_use_the_insert_button(
    client, open_complaint, template, django_user_model
):
    client.force_login(django_user_model.objects.create_user("x", "x@example.invalid", "x"))

    response = client.post(
        f"/klachten/{open_complaint.pk}/reageren/",
        {"reply_template": template.pk, "insert_template": "1"},
    )

    assert response.status_code == 404


def test_a_reaction_posted_with_a_template_chosen_is_just_the_text(
    client, open_complaint, representative, template
):
    client.force_login(representative)

    client.post(
        f"/klachten/{open_complaint.pk}/reageren/",
        {"reply_template": template.pk, "body": "Aangepaste tekst voor deze klacht."},
    )

    assert Reaction.objects.get().body == "Aangepaste tekst voor deze klacht."
