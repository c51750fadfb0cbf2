import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models.complaint import ComplaintPage
from complaints.storage import private_storage


class ComplaintPrivateDetails(models.Model):
    """The private part: only the consumer, the company and moderators read it."""

    complaint = models.OneToOneField(
        ComplaintPage, on_delete=models.CASCADE, related_name="private_details"
    )
    order_reference = models.CharField(
        _("order-, klant- of referentienummer"), max_length=200, blank=True
    )
    details = models.TextField(
        _("besloten toelichting"),
        blank=True,
        max_length=5000,
        help_text=_("Adres, telefoonnummer, of wat alleen het bedrijf mag lezen."),
    )

    class Meta:
        verbose_name = _("besloten deel")
        verbose_name_plural = _("besloten delen")

    def __str__(self):
        # Never the content: this string may end up in logs and admin lists.
        return f"besloten deel van klacht {self.complaint_id}"


def attachment_name(instance, filename):
    # A generated name: nothing of the uploader's file name reaches the disk.
    return f"attachments/{instance.id.hex[:2]}/{instance.id.hex}"


class Attachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    complaint = models.ForeignKey(
        ComplaintPage, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=private_storage, upload_to=attachment_name, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.original_name


class ContactLogEntry(models.Model):
    """One contact with the company before or during the complaint (seed tip: note it)."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("telefoon")
        EMAIL = "email", _("e-mail")
        CHAT = "chat", _("chat")
        LETTER = "letter", _("brief")
        SHOP = "shop", _("in de winkel")
        OTHER = "other", _("anders")

    complaint = models.ForeignKey(
        ComplaintPage, on_delete=models.CASCADE, related_name="contact_log"
    )
    contacted_on = models.DateField(_("datum"))
    contacted_at = models.TimeField(_("tijd"), null=True, blank=True)
    channel = models.CharField(_("via"), max_length=10, choices=Channel.choices)
    person = models.CharField(_("met wie"), max_length=120, blank=True)
    summary = models.TextField(_("wat is er besproken?"), max_length=1000)
    promised = models.TextField(_("wat is er beloofd?"), max_length=500, blank=True)

    class Meta:
        ordering = ["contacted_on", "contacted_at", "pk"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self):
        return f"{self.contacted_on} ({self.get_channel_display()})"
