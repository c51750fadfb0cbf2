"""Checking and storing evidence: type by content, size and count limits, no metadata."""

import io
import uuid

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from complaints.models import Attachment

MAX_SIZE = 10 * 1024 * 1024
MAX_COUNT = 5
# Pixels an image may have, read from its header before anything is decoded: a few KB
# of one-colour PNG can declare 13000 × 13000 pixels and take 1.3 GB to decode. 40
# megapixels is more than a phone photo's default size and a scan of an A4 at 600 dpi.
MAX_PIXELS = 40_000_000
# Detected type -> (extension, re-encode format or None)
ALLOWED = {
    "image/jpeg": ("jpg", "JPEG"),
    "image/png": ("png", "PNG"),
    "image/webp": ("webp", "WEBP"),
    "application/pdf": ("pdf", None),
}


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "Deze afbeelding is te groot: hooguit %(max)d megapixel. Verklein de foto of maak "
            "er een schermafbeelding van, en probeer het opnieuw."
        )
        % {"max": MAX_PIXELS // 1_000_000}
    )


def _reencode(data: bytes, fmt: str) -> bytes:
    """Decode and write the pixels again: drops EXIF (with GPS) and anything appended.

    Image.open reads only the header; the pixel count is checked there, before any
    decoding. Pillow's own bomb check, which refuses far larger images in open() itself,
    says the same."""
    try:
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(_("Deze afbeelding is beschadigd of onleesbaar.")) from exc
    try:
        with image:
            if image.width * image.height > MAX_PIXELS:
                raise _too_many_pixels()
            image = ImageOps.exif_transpose(image)
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format=fmt, **({"quality": 88} if fmt in ("JPEG", "WEBP") else {}))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(_("Deze afbeelding is beschadigd of onleesbaar.")) from exc
    return out.getvalue()


def check_upload(upload) -> tuple[str, bytes]:
    """(content type, bytes to store) or a ValidationError that says what is wrong."""
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("%(name)s is te groot: hooguit %(max)d MB per bestand.")
            % {"name": upload.name, "max": MAX_SIZE // (1024 * 1024)}
        )
    data = upload.read()
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in ALLOWED:
        raise ValidationError(
            _(
                "%(name)s is geen foto (JPG, PNG, WebP) of PDF. We kijken naar de inhoud, niet naar de naam."
            )
            % {"name": upload.name}
        )
    _ext, fmt = ALLOWED[kind.mime]
    if fmt:
        data = _reencode(data, fmt)
    return kind.mime, data


@transaction.atomic
def add_attachment(complaint, upload, user) -> Attachment:
    from complaints.models import ComplaintPage

    # Lock the complaint so two uploads at once cannot pass the count together.
    ComplaintPage.objects.select_for_update().filter(pk=complaint.pk).first()
    if complaint.attachments.count() >= MAX_COUNT:
        raise ValidationError(_("Je kunt hooguit %(n)d bijlagen toevoegen.") % {"n": MAX_COUNT})
    content_type, data = check_upload(upload)
    attachment = Attachment(
        id=uuid.uuid4(),
        complaint=complaint,
        original_name=upload.name[-200:],
        content_type=content_type,
        size=len(data),
        uploaded_by=user,
    )
    attachment.file.save("bijlage", ContentFile(data), save=False)
    attachment.save()
    return attachment


def delete_attachment(attachment) -> None:
    # The file goes with the row (complaints.signal_handlers.on_attachment_deleted).
    attachment.delete()
