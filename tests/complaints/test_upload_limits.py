"""Hostile uploads: decompression bombs and request bodies larger than any upload.

The bombs are real PNG files, written here with zlib: one colour compresses so well
that a 13000 × 13000 image fits in a few kilobytes, while decoding it would take
hundreds of megabytes.
"""

import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import attachments
from complaints.models import Attachment

pytestmark = pytest.mark.django_db


def png_of(width: int, height: int) -> bytes:
    """A valid one-colour PNG (1-bit greyscale) of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then the pixels
    deflate = zlib.compressobj(9)
    data = b"".join(deflate.compress(row) for _ in range(height)) + deflate.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def draft(make_complaint):
    return make_complaint(status="draft")


def post_upload(client, complaint, name, data, **extra):
    return client.post(
        f"/klacht-indienen/{complaint.pk}/besloten/",
        {"action": "add_attachment", "upload-file": SimpleUploadedFile(name, data)},
        **extra,
    )


@pytest.mark.parametrize("side", [13000, 14000])
def test_a_decompression_bomb_is_refused_from_its_header_and_nothing_is_stored(
    client, consumer, draft, side
):
    # 13000²: 169 megapixels, which Pillow would decode (1.3 GB, seconds of CPU);
    # 14000²: past Pillow's own bomb limit, which raised an uncaught error (a 500).
    bomb = png_of(side, side)
    assert len(bomb) < 1024 * 1024
    before = stored_files()
    client.force_login(consumer)

    response = post_upload(client, draft, "bon.png", bomb)

    assert response.status_code == 400
    assert "megapixel" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_the_pixel_limit_is_checked_before_decoding(monkeypatch):
    from PIL import ImageFile

    # Mocked to prove the order, which a real run cannot show: an image whose header is
    # over the limit is never decoded.
    def no_decoding(self, *args, **kwargs):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    side = int(attachments.MAX_PIXELS**0.5) + 1

    with pytest.raises(attachments.ValidationError, match="megapixel"):
        attachments.check_upload(SimpleUploadedFile("groot.png", png_of(side, side)))


def test_a_large_photo_below_the_limit_is_still_accepted(client, consumer, draft):
    client.force_login(consumer)

    response = post_upload(client, draft, "scan.png", png_of(6000, 4000))  # 24 megapixels

    assert response.status_code == 302
    assert draft.attachments.count() == 1


# Request bodies -----------------------------------------------------------------------

TWO_GB = str(2 * 1024**3)


@pytest.fixture
def upload_tmp(settings, tmp_path):
    """Every uploaded file part would go to this directory (none is kept in memory)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    return tmp_path


def test_a_body_declared_larger_than_the_cap_is_refused_before_it_is_read(
    client, consumer, draft, upload_tmp
):
    from tests.complaints.test_wizard import png_bytes

    client.force_login(consumer)

    # The declared length is 2 GB, the body a small valid upload: reading it as 2 GB
    # would fail, and any file part read would land in upload_tmp.
    response = post_upload(client, draft, "bon.png", png_bytes(), CONTENT_LENGTH=TWO_GB)

    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert not Attachment.objects.exists()
    assert list(upload_tmp.iterdir()) == []


def test_the_api_answers_a_too_large_body_in_json(client, upload_tmp):
    response = client.post(
        "/api/v2/complaints/search/",
        data=b"{}",
        content_type="application/json",
        CONTENT_LENGTH=TWO_GB,
    )

    assert response.status_code == 413
    assert "te groot" in response.json()["error"]


def test_the_cap_leaves_room_for_the_largest_attachment():
    assert settings.REQUEST_BODY_MAX_SIZE > attachments.MAX_SIZE + 64 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.REQUEST_BODY_MAX_SIZE
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.REQUEST_BODY_MAX_SIZE


def test_a_form_with_more_fields_than_any_real_form_is_refused(client, consumer, draft):
    client.force_login(consumer)
    fields = {f"veld{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}

    response = client.post(f"/klacht-indienen/{draft.pk}/klacht/", fields)

    assert response.status_code == 400
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000
