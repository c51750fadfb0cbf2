""" "Download mijn gegevens" includes what an account's address follows and a
representative's direct alerts; nobody else's."""

import io
import json
import zipfile

import pytest

from alerts import services
from alerts.models import RepresentativeAlert, Subscription
from companies.models import CompanyRepresentative

pytestmark = pytest.mark.django_db


def exported(client, user) -> dict:
    client.force_login(user)
    response = client.post("/mijn-gegevens/download/")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("gegevens.json"))


def test_the_consumers_subscriptions_are_in_the_download(client, company, consumer):
    # The account's address in other capitals: the same address.
    services.subscribe(consumer.email.upper(), company=company)
    services.subscribe(consumer.email, query="q=modem")
    services.confirm(Subscription.objects.get(kind="company").confirm_token)
    services.subscribe("iemand-anders@example.invalid", company=company)

    data = exported(client, consumer)["alerts"]

    subscriptions = data["subscriptions"]
    assert [s["kind"] for s in subscriptions] == ["company", "search"]
    assert subscriptions[0]["company"] == company.title
    assert subscriptions[0]["confirmed_at"] and subscriptions[1]["confirmed_at"] is None
    assert subscriptions[1]["search"] == "q=modem" and "modem" in subscriptions[1]["follows"]
    assert {s["email"] for s in subscriptions} == {consumer.email.lower()}
    text = json.dumps(data)
    assert "iemand-anders" not in text
    assert not any(s.unsubscribe_token in text for s in Subscription.objects.all())
    assert data["representative_alerts"] == []


def test_a_representatives_direct_alerts_are_in_their_download(client, representative, company):
    representation = CompanyRepresentative.objects.get(user=representative)
    services.set_representative_alert(representation, on=True)

    data = exported(client, representative)["alerts"]

    assert [a["company"] for a in data["representative_alerts"]] == [company.title]
    assert data["subscriptions"] == []
    assert RepresentativeAlert.objects.get().unsubscribe_token not in json.dumps(data)
