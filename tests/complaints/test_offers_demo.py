"""seed_demo makes complaints with settlement offers in several states, through the
services (their events are in the log), once."""

import pytest
from django.core.management import call_command

from complaints.models import ComplaintEvent, OutboxMessage, SettlementOffer

pytestmark = pytest.mark.django_db


def test_the_demo_has_offers_in_several_states_made_through_the_services(site, client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    offers = {
        offer.complaint.slug: offer for offer in SettlementOffer.objects.select_related("complaint")
    }
    states = {slug: (offer.status, offer.complaint.status) for slug, offer in offers.items()}
    assert states == {
        "demo-voorstel-open": ("open", "awaiting_consumer"),
        "demo-voorstel-afgewezen": ("declined", "awaiting_company"),
        "demo-voorstel-aangenomen": ("accepted", "awaiting_rating"),
        "demo-voorstel-uitgevoerd": ("carried_out", "awaiting_rating"),
        "demo-voorstel-opgelost": ("carried_out", "rated"),
    }
    # Through the life cycle: each move is in the complaint's log, with its company's
    # representative or the consumer as actor.
    solved = offers["demo-voorstel-opgelost"].complaint
    assert list(
        ComplaintEvent.objects.filter(complaint=solved)
        .order_by("created_at", "pk")
        .values_list("action", flat=True)
    )[-4:] == ["offer_made", "offer_accepted", "offer_carried_out", "rate"]
    assert offers["demo-voorstel-opgelost"].public_amount is not None
    assert offers["demo-voorstel-open"].public_amount is None
    assert offers["demo-voorstel-afgewezen"].decline_reason
    # Made-up addresses: nothing queued to them.
    assert not OutboxMessage.objects.filter(template__startswith="offer").exists()
    # The thread shows it.
    html = client.get(solved.url).content.decode()
    assert "deed een voorstel: terugbetaling van €" in html

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SettlementOffer.objects.count() == len(offers)
