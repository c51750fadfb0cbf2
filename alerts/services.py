"""Following companies and saved searches: subscribe with double opt-in, confirm,
unsubscribe, the signed "Mijn meldingen" link and the daily digest.

Privacy: an address is only ever written to the subscription and to the mail sent to
it; log lines name subscriptions by id, never by address."""

import dataclasses
import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import CharField, F, Func, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from alerts.models import Subscription
from complaints.models import OutboxMessage
from complaints.notifications import dedupe_key, kick_delivery
from complaints.selectors import public_complaints
from core.mail import absolute_url, render
from search.forms import SearchForm
from search.searching import SearchUnavailable, search
from search.searching import matching_among as search_among

logger = logging.getLogger(__name__)

# The saved search keeps what selects complaints; page and sort are the page's own.
SEARCH_KEYS = ("q", "company", "topic", "sector", "status", "date_from", "date_to")
MINE_SALT = "alerts.mine"
# A digest covers up to this long before it runs: a complaint stamped just before the
# run but committed just after it would otherwise fall between two digests.
SETTLE = timedelta(minutes=10)
# The outbox's role for a follower's mail; a representative's direct mail is "company".
SUBSCRIBER = "subscriber"
COMPANY = "company"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def canonical_query(form: SearchForm) -> str:
    """The search's own parameters, validated by the search page's form, in a fixed
    order: two ways of writing the same search are one subscription."""
    data = form.cleaned_data
    query = QueryDict(mutable=True)
    for name in SEARCH_KEYS:
        value = data.get(name)
        if not value:
            continue
        if isinstance(value, list | tuple):
            query.setlist(name, sorted(value))
        else:
            query[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return query.urlencode()


def list_unsubscribe_headers(url: str) -> dict:
    """RFC 2369 and RFC 8058: mail programs offer a one-click unsubscribe that POSTs
    "List-Unsubscribe=One-Click" to the https URL."""
    if not url:
        return {}
    mailto = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return {
        "List-Unsubscribe": f"<{url}>, <mailto:{mailto}?subject=afmelden>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _queue_mail(
    email: str,
    template: str,
    context: dict,
    key: str,
    unsubscribe_url="",
    role: str = SUBSCRIBER,
) -> bool:
    """Write one alert mail to the site's one outbox (ignored when its key was written
    before) and ask for delivery after commit. The body is rendered now and frozen: a
    digest is a snapshot of what was new when it ran."""
    subject, text, html = render(f"alerts/email/{template}", context)
    created = OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                template=f"alerts/email/{template}",
                role=role,
                to_email=email,
                subject=subject[:300],
                text=text,
                html=html,
                headers=list_unsubscribe_headers(unsubscribe_url) or None,
                dedupe_key=dedupe_key(key),
            )
        ],
        ignore_conflicts=True,
    )
    kick_delivery()
    return bool(created)


def unsubscribe_url(subscription: Subscription) -> str:
    return absolute_url(reverse("alerts:unsubscribe", args=[subscription.unsubscribe_token]))


def describe(subscription: Subscription) -> str:
    if subscription.kind == Subscription.Kind.COMPANY:
        return subscription.company.title if subscription.company else ""
    return describe_query(subscription.query)


def describe_query(query: str) -> str:
    data = QueryDict(query)
    parts = []
    if data.get("q"):
        parts.append(f"“{data['q']}”")
    for name in ("company", "topic", "sector", "status"):
        if data.getlist(name):
            parts.append(", ".join(data.getlist(name)))
    if data.get("date_from") or data.get("date_to"):
        parts.append(f"{data.get('date_from', '')}–{data.get('date_to', '')}")
    return " · ".join(parts) or "alle klachten"


def search_url(query: str) -> str:
    return f"{reverse('search')}?{query}" if query else reverse("search")


@transaction.atomic
def subscribe(email: str, *, company=None, query: str = "", now: datetime | None = None) -> None:
    """Follow a company or a saved search. Says nothing about whether the address
    followed it before: a new or unconfirmed subscription gets a confirmation mail (at
    most one a day), a confirmed one nothing."""
    now = now or timezone.now()
    email = normalise_email(email)
    if company is not None:
        kind, target = Subscription.Kind.COMPANY, f"company:{company.pk}"
    else:
        kind, target = Subscription.Kind.SEARCH, f"search:{query}"
    subscription, _created = Subscription.objects.get_or_create(
        email=email,
        target=target,
        defaults={"kind": kind, "company": company, "query": query, "created_at": now},
    )
    if subscription.confirmed_at:
        return
    _queue_mail(
        email,
        "confirm",
        {
            "what": describe(subscription),
            "kind": subscription.kind,
            "confirm_url": absolute_url(
                reverse("alerts:confirm", args=[subscription.confirm_token])
            ),
        },
        key=f"confirm:{subscription.pk}:{now.date().isoformat()}",
    )
    logger.info("alerts: confirmation queued for subscription %s", subscription.pk)


def confirm(token: str, now: datetime | None = None) -> Subscription | None:
    subscription = Subscription.objects.filter(confirm_token=token).first()
    if subscription is None:
        return None
    if subscription.confirmed_at is None:
        subscription.confirmed_at = now or timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        logger.info("alerts: subscription %s confirmed", subscription.pk)
    return subscription


def by_unsubscribe_token(token: str) -> Subscription | None:
    return Subscription.objects.filter(unsubscribe_token=token).select_related("company").first()


def describe_token(token: str) -> str | None:
    """What an unsubscribe token stops, for its page; None when it stops nothing."""
    from alerts.models import RepresentativeAlert

    subscription = by_unsubscribe_token(token)
    if subscription is not None:
        return describe(subscription)
    alert = (
        RepresentativeAlert.objects.filter(unsubscribe_token=token)
        .select_related("representative__company")
        .first()
    )
    if alert is not None:
        return f"directe meldingen voor {alert.representative.company.title}"
    return None


def unsubscribe(token: str) -> bool:
    """Stop one subscription (or a representative's direct mails); again is harmless
    (a mail program may POST twice)."""
    from alerts.models import RepresentativeAlert

    deleted, _ = Subscription.objects.filter(unsubscribe_token=token).delete()
    deleted += RepresentativeAlert.objects.filter(unsubscribe_token=token).delete()[0]
    if deleted:
        logger.info("alerts: a subscription was ended")
    return bool(deleted)


def forget_address(email: str) -> None:
    email = normalise_email(email)
    Subscription.objects.filter(email=email).delete()
    OutboxMessage.objects.filter(template__startswith="alerts/", to_email__iexact=email).exclude(
        status=OutboxMessage.Status.SENT
    ).delete()


def personal_data(user, addresses) -> dict:
    """For "Download mijn gegevens": what the account's addresses follow (matched case
    insensitively) and the representative's direct alerts. No tokens: they work as
    passwords for unsubscribing, and an archive may be passed on."""
    from django.db.models.functions import Lower

    from alerts.models import RepresentativeAlert

    lowered = [normalise_email(a) for a in addresses if a]
    subscriptions = (
        Subscription.objects.annotate(address=Lower("email"))
        .filter(address__in=lowered)
        .select_related("company")
        .order_by("created_at", "pk")
    )
    alerts = RepresentativeAlert.objects.filter(representative__user=user).select_related(
        "representative__company"
    )
    return {
        "subscriptions": [
            {
                "email": s.email,
                "kind": s.kind,
                "follows": describe(s),
                "company": s.company.title if s.company else None,
                "search": s.query or None,
                "created_at": _iso(s.created_at),
                "confirmed_at": _iso(s.confirmed_at),
                "last_digest_until": _iso(s.last_sent_at),
            }
            for s in subscriptions
        ],
        "representative_alerts": [
            {"company": a.representative.company.title, "created_at": _iso(a.created_at)}
            for a in alerts.order_by("pk")
        ],
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


# "Mijn meldingen" --------------------------------------------------------------------


def _address_hash(email: str) -> str:
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


class _sql_sha256(Func):
    """SHA-256 in hex with PostgreSQL's built-in sha256() (Django's SHA256 needs the
    pgcrypto extension)."""

    template = "encode(sha256(convert_to(%(expressions)s, 'UTF8')), 'hex')"
    output_field = CharField()


def mine_token(email: str) -> str:
    """A signed, dated token that names the address by its hash only, so that the
    address itself never stands in a URL (and so in no access log)."""
    return signing.dumps(_address_hash(email), salt=MINE_SALT, compress=False)


def subscriptions_for_token(token: str):
    """The subscriptions of the address the token names; None for a forged or expired
    token."""
    try:
        digest = signing.loads(token, salt=MINE_SALT, max_age=settings.ALERTS_MINE_LINK_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    return (
        Subscription.objects.annotate(address_hash=_sql_sha256(F("email")))
        .filter(address_hash=digest)
        .select_related("company")
        .order_by("created_at", "pk")
    )


@transaction.atomic
def send_mine_link(email: str, now: datetime | None = None) -> None:
    """Mail the address a link to its subscriptions, when it has any (at most one an
    hour); the answer on the page is the same either way."""
    now = now or timezone.now()
    email = normalise_email(email)
    if not Subscription.objects.filter(email=email).exists():
        return
    url = absolute_url(reverse("alerts:mine", args=[mine_token(email)]))
    _queue_mail(email, "mine", {"mine_url": url}, key=f"mine:{email}:{now:%Y-%m-%dT%H}")


# The daily digest --------------------------------------------------------------------


# At most this many complaints with new reactions in one digest.
MAX_REACTION_GROUPS = 50


def _became_public(since, until) -> Q:
    """Visible reactions that became public in the window: placed in it, or, for one
    held back by the screening, shown by a moderator in it (placed before the window,
    it would otherwise never be in a digest). A screened reaction that is reported
    later and kept is then listed once more: rare, and harmless."""
    from complaints.models import Reaction

    screened = ~Q(screening_hits=[])
    placed = Q(created_at__gt=since, created_at__lte=until) & ~screened
    released = screened & Q(moderated_at__gt=since, moderated_at__lte=until)
    return Q(visibility=Reaction.Visibility.VISIBLE) & (placed | released)


def _new_reactions(complaints, since, until, only_ids=None) -> list[dict]:
    """New visible reactions (either party's) placed in the window on `complaints` (a
    queryset of public complaints), grouped under their complaint in the order of their
    first new reaction, each with a link to it on the complaint's page. Titles, parties
    and links only: no reaction's text, nor anything of the private part."""
    from complaints.models import Reaction

    reactions = Reaction.objects.filter(_became_public(since, until), complaint__in=complaints)
    if only_ids is not None:
        reactions = reactions.filter(complaint_id__in=only_ids)
    rows = list(reactions.order_by("created_at", "pk").values_list("pk", "complaint_id", "party"))
    order = list(dict.fromkeys(complaint_id for _pk, complaint_id, _party in rows))
    order = order[:MAX_REACTION_GROUPS]
    pages = {c.pk: c for c in public_complaints().filter(pk__in=order)}
    groups = {}
    for pk, complaint_id, party in rows:
        page = pages.get(complaint_id)
        if page is None:
            continue
        url = absolute_url(page.url or "")
        group = groups.setdefault(complaint_id, {"title": page.title, "url": url, "reactions": []})
        group["reactions"].append({"party": party, "url": f"{url}#reactie-{pk}"})
    return [groups[c] for c in order if c in groups]


def _reaction_candidates(since, until) -> list[int]:
    """Public complaints with new visible reactions in the window, site-wide."""
    from complaints.models import Reaction

    return list(
        Reaction.objects.filter(_became_public(since, until), complaint__in=public_complaints())
        .values_list("complaint_id", flat=True)
        .distinct()[:1000]
    )


def _company_items(subscription, since, until) -> tuple[list, list]:
    company_complaints = public_complaints().filter(company_id=subscription.company_id)
    complaints = list(
        company_complaints.filter(published_at__gt=since, published_at__lte=until)[:50]
    )
    return (
        [{"title": c.title, "url": absolute_url(c.url or "")} for c in complaints],
        _new_reactions(company_complaints, since, until),
    )


def _search_items(subscription, since, until) -> tuple[list, list]:
    """The saved search run through the search layer: what was published in the
    window (newest first), and the complaints it matches that have new reactions."""
    form = SearchForm(QueryDict(subscription.query))
    if not form.is_valid():
        return [], []
    own = form.params()
    date_from = since.date() if not own.date_from else max(own.date_from, since.date())
    params = dataclasses.replace(own, sort="newest", page=1, date_from=date_from)
    found = []
    for hit in search(params).results:
        published = hit.get("published_at")
        if published and since < datetime.fromisoformat(published) <= until:
            found.append({"title": hit["title"], "url": absolute_url(hit["url"])})
    # Reactions: on any complaint the search matches (its own dates, not the window's),
    # asked of the index only for the few complaints that have new reactions.
    candidates = _reaction_candidates(since, until)
    matching = search_among(own, candidates) if candidates else set()
    if not matching:
        return found, []
    return found, _new_reactions(public_complaints(), since, until, only_ids=matching)


def send_digests(now: datetime | None = None) -> int:
    """One digest mail per confirmed subscription that has something new since its last
    one. One mail per subscription rather than per address: the RFC 8058 one-click
    unsubscribe in a mail's headers then ends exactly what that mail is about.

    Safe to run twice: a subscription's digest of the day has a fixed key, and a
    subscription that already has one is skipped (its window is not moved), so a
    rerun the same day sends nothing twice."""
    now = now or timezone.now()
    sent = 0
    # Ids only, read at once: each subscription is then handled in its own short
    # transaction (a server-side cursor would not survive those commits).
    ids = list(
        Subscription.objects.filter(confirmed_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        try:
            sent += _digest_one(pk, now)
        except SearchUnavailable:
            # Try again tomorrow with the window unchanged: nothing is lost.
            logger.warning("alerts: search unavailable for subscription %s", pk)
    if sent:
        logger.info("alerts: %d digests queued", sent)
    return sent


@transaction.atomic
def _digest_one(pk: int, now: datetime) -> int:
    subscription = (
        Subscription.objects.select_for_update(of=("self",))
        .select_related("company")
        .filter(pk=pk, confirmed_at__isnull=False)
        .first()
    )
    if subscription is None:
        return 0
    key = f"digest:{subscription.pk}:{now.date().isoformat()}"
    if OutboxMessage.objects.filter(dedupe_key=dedupe_key(key)).exists():
        return 0
    since = subscription.last_sent_at or subscription.confirmed_at
    until = now - SETTLE
    if until <= since:
        return 0
    if subscription.kind == Subscription.Kind.COMPANY:
        complaints, reactions = _company_items(subscription, since, until)
    else:
        complaints, reactions = _search_items(subscription, since, until)
    # last_sent_at is the end of the window covered, not the time of sending.
    subscription.last_sent_at = until
    subscription.save(update_fields=["last_sent_at"])
    if not complaints and not reactions:
        return 0
    url = unsubscribe_url(subscription)
    context = {
        "what": describe(subscription),
        "kind": subscription.kind,
        "complaints": complaints,
        "reactions": reactions,
        "unsubscribe_url": url,
        "mine_request_url": absolute_url(reverse("alerts:mine_request")),
        "follow_url": absolute_url(
            subscription.company.url if subscription.company else search_url(subscription.query)
        ),
    }
    return int(_queue_mail(subscription.email, "digest", context, key=key, unsubscribe_url=url))


# Representatives ---------------------------------------------------------------------

REPRESENTATIVE_SUBJECTS = {
    "approve": "new_complaint",
    "company_reacts": "company_reacted",
    "consumer_reacts": "consumer_reacted",
}


def queue_representative_alerts(event) -> int:
    """One mail per representative of the complaint's company who switched the direct
    mails on; not to the one who caused the event, and not to an address that the
    complaint's own notifications already write to for this event (rules 7 and 8), so
    nobody gets the same news twice. Imports (notifications off) mail nobody."""
    from alerts.models import RepresentativeAlert
    from complaints import notifications
    from complaints.services import notifications_on

    if not notifications_on():
        return 0
    complaint = event.complaint
    alerts = list(
        RepresentativeAlert.objects.filter(
            representative__company_id=complaint.company_id
        ).select_related("representative__user")
    )
    if not alerts:  # the common case: one query and done
        return 0
    already = set()
    company_messages = notifications.MESSAGES.get(event.action, [])
    if any(role == notifications.COMPANY for role, _ in company_messages):
        already = {
            normalise_email(a) for a in notifications.addresses(complaint, notifications.COMPANY)
        }
    written = 0
    for alert in alerts:
        user = alert.representative.user
        email = normalise_email(user.email or "")
        if not email or email in already or user.pk == event.actor_id:
            continue
        url = absolute_url(reverse("alerts:unsubscribe", args=[alert.unsubscribe_token]))
        written += _queue_mail(
            email,
            "representative",
            {
                "what": REPRESENTATIVE_SUBJECTS.get(event.action, ""),
                "complaint_title": complaint.title,
                "company": complaint.company.title,
                "complaint_url": absolute_url(complaint.url or ""),
                "settings_url": absolute_url(reverse("alerts:representative")),
                "unsubscribe_url": url,
            },
            key=f"rep:{event.pk}:{alert.pk}",
            unsubscribe_url=url,
            role=COMPANY,
        )
    if written:
        logger.info("alerts: %d representative alerts for event %s", written, event.pk)
    return written


def set_representative_alert(representation, on: bool) -> None:
    from alerts.models import RepresentativeAlert

    if on:
        RepresentativeAlert.objects.get_or_create(representative=representation)
    else:
        RepresentativeAlert.objects.filter(representative=representation).delete()
