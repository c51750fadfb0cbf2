"""Templated e-mail in Dutch, as text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def render(template: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) from templates/<template>.{subject.txt,txt,html}."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context).strip() + "\n"
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        # Most messages are plain text; their HTML part is that text, laid out.
        html = render_to_string("email/generic.html", {**context, "subject": subject, "text": text})
    return subject, text, html


def send_one(
    template: str,
    to: str,
    context: dict,
    message_id: str | None = None,
    headers: dict | None = None,
) -> int:
    """One message to one address; raises when the mail server refuses or is away. A
    message_id given by the caller is kept, so that a retry carries the same one."""
    subject, text, html = render(template, context)
    return send_rendered(subject, text, html, to, message_id=message_id, headers=headers)


def send_rendered(
    subject: str,
    text: str,
    html: str,
    to: str,
    message_id: str | None = None,
    headers: dict | None = None,
) -> int:
    """A message whose body was written before (a snapshot such as a digest). Without
    HTML the text is laid out in the generic template, as for rendered messages."""
    if not html:
        html = render_to_string(
            "email/generic.html", {"site_url": settings.SITE_URL, "subject": subject, "text": text}
        )
    all_headers = {**(headers or {})}
    if message_id:
        all_headers["Message-ID"] = message_id
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=all_headers or None
    )
    message.attach_alternative(html, "text/html")
    return message.send(fail_silently=False)
