"""The parties around one complaint, for the privacy tests: who they are (ROLES, the
`users` fixture in conftest.py), how a test acts as one, and a private part with a
marker token to look for."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

ROLES = [
    "anonymous",
    "other_consumer",
    "owner",
    "other_company_rep",
    "representative",
    "moderator",
    "editor",
]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, format="PNG")
    return out.getvalue()


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def give_private_part(complaint, consumer, token: str, filename: str):
    """Private details, a contact-log entry and an attachment, each holding `token`
    (the file name too, when it is given with the token)."""
    from complaints import attachments

    complaint.private_details.order_reference = token
    complaint.private_details.save()
    complaint.contact_log.create(
        contacted_on="2026-10-01", channel="phone", summary=f"Gebeld {token}"
    )
    attachments.add_attachment(complaint, SimpleUploadedFile(filename, png()), consumer)
    return complaint
