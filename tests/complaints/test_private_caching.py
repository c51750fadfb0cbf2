"""Pages with private data are never stored by a browser or a shared cache."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import attachments
from tests.complaints.parties import png

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def test_every_page_for_a_signed_in_user_is_private_and_not_stored(
    client, make_complaint, consumer, representative
):
    draft = make_complaint(status="draft")
    public = make_complaint(status="awaiting_company")
    attachment = attachments.add_attachment(public, SimpleUploadedFile("bon.png", png()), consumer)
    client.force_login(consumer)
    urls = [
        "/mijn-klachten/",
        "/klacht-indienen/",
        f"/klacht-indienen/{draft.pk}/klacht/",
        f"/klacht-indienen/{draft.pk}/besloten/",
        f"/klacht-indienen/{draft.pk}/controleren/",
        f"/mijn-klachten/{public.pk}/brief/",
        f"/mijn-klachten/{public.pk}/dossier.pdf",
        f"/bijlagen/{attachment.pk}/",
        public.url,  # with the private part, for the owner
        "/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= directives(response), url

    client.force_login(representative)
    response = client.get("/bedrijfsportaal/")
    assert {"private", "no-store"} <= directives(response)


def test_public_pages_for_visitors_keep_their_caching(client, make_complaint):
    public = make_complaint(status="awaiting_company")

    for url in ["/", public.url, "/zoeken/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not {"no-store", "private"} & directives(response), url
