"""Attachments live outside the public media path; only a checked view serves them."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    # A callable, so the storage location stays out of migrations and follows settings.
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
