"""The private part follows the status: every status × every party.

The private part is the private details, the attachments and the contact log. Before
submission and after withdrawal or expiry it is the consumer's alone; the company reads
it only while the complaint is public; moderators while it is in moderation or public.
The table is written out here on purpose, not read from complaints.permissions: this
test pins the decision.
"""

import pytest

from complaints.states import PUBLIC_STATUSES, Status
from tests.complaints.parties import ROLES, as_user, give_private_part

pytestmark = pytest.mark.django_db

TOKEN = "BESLOTEN-5d1e77"
PUBLIC = sorted(PUBLIC_STATUSES)
EVERYONE = {"owner", "representative", "moderator"}
READERS = {
    "draft": {"owner"},
    "in_moderation": {"owner", "moderator"},
    "rejected": {"owner"},
    **dict.fromkeys(PUBLIC, EVERYONE),
    "withdrawn": {"owner"},
    "expired": {"owner"},
}


def complaint_in(status, make_complaint, consumer):
    complaint = make_complaint(status=status, private_details=f"Adres {TOKEN}")
    return give_private_part(complaint, consumer, TOKEN, "bon.png")


def test_the_rule_names_every_status():
    from complaints.permissions import PRIVATE_PART_READERS, private_part_readers

    assert set(PRIVATE_PART_READERS) == set(Status.values)
    assert {
        status: {
            {"consumer": "owner", "company": "representative"}.get(party, party)
            for party in private_part_readers(status)
        }
        for status in Status.values
    } == READERS


@pytest.mark.parametrize("status", list(READERS))
def test_attachments_page_portal_and_documents_by_status_and_party(
    client, users, make_complaint, consumer, status
):
    complaint = complaint_in(status, make_complaint, consumer)
    attachment = complaint.attachments.get()
    readers = READERS[status]

    for role in ROLES:
        client.logout()
        as_user(client, users[role])
        allowed = role in readers
        where = f"{status} as {role}"

        download = client.get(f"/bijlagen/{attachment.pk}/")
        assert download.status_code == (200 if allowed else 404), where

        page = client.get(f"/bedrijven/{complaint.company.slug}/klachten/{complaint.slug}/")
        if status in PUBLIC_STATUSES:
            assert page.status_code == 200, where
            assert (TOKEN in page.content.decode()) == allowed, where
        else:
            assert page.status_code == 404, where

        portal = client.get("/bedrijfsportaal/")
        shown = portal.status_code == 200 and TOKEN in portal.content.decode()
        assert shown == (allowed and role == "representative"), where

        letter = client.post(
            f"/mijn-klachten/{complaint.pk}/brief/",
            {"name": "J", "street": "Laan 1", "postcode": "1234 AB", "place": "Ede", "fmt": "txt"},
        )
        case_pack = client.get(f"/mijn-klachten/{complaint.pk}/dossier.pdf")
        if role == "owner":
            assert letter.status_code == case_pack.status_code == 200, where
            assert TOKEN in letter.content.decode(), where
        else:
            expected = 302 if role == "anonymous" else 404  # to the sign-in page
            assert letter.status_code == case_pack.status_code == expected, where
