"""The fixture world of the hostile-input suite: two consumers, two companies (and one
taken offline), their representatives, a moderator and an editor, complaints in the
statuses that matter for access, and private text full of marker tokens.

Everything is made the way the site makes it: the project's factories, the state
machine's services and the forms the views use. Every private text, file name, e-mail
address and user name carries a unique marker (`KK...`), and `World.forbidden(role)`
says which of them that role must never see in any answer.
"""

import io
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from complaints.states import PUBLIC_STATUSES

ROLES = ("anonymous", "consumer_a", "consumer_b", "rep_x", "rep_y", "moderator", "editor")
PASSWORD = "hostile-wachtwoord-2026"


@dataclass
class Account:
    role: str
    user: object
    tokens: set[str] = field(default_factory=set)  # the account's own e-mail and user name


@dataclass
class Complaint:
    key: str
    page: object
    owner: str  # the consumer role
    company: str  # "x", "y" or "z"
    private: set[str] = field(default_factory=set)  # private part, contact log, file names
    hidden_text: set[str] = field(default_factory=set)  # public fields while not public


@dataclass
class World:
    accounts: dict[str, Account] = field(default_factory=dict)
    complaints: dict[str, Complaint] = field(default_factory=dict)
    company_contacts: dict[str, set[str]] = field(default_factory=dict)  # company -> tokens
    # A company's own working material (reply templates, open invitations): its
    # representatives only.
    company_private: dict[str, set[str]] = field(default_factory=dict)
    # Addresses nobody may see on any page (alert subscribers: only ever mailed to).
    nobody: set[str] = field(default_factory=set)
    values: dict[str, str] = field(default_factory=dict)  # the ${name} placeholders
    sessions: dict[str, str] = field(default_factory=dict)  # role -> session cookie

    def forbidden(self, role: str) -> set[str]:
        """The marker tokens `role` must never receive."""
        own = self.accounts[role].tokens if role in self.accounts else set()
        tokens = {t for a in self.accounts.values() for t in a.tokens} - own
        if role == "moderator":
            # Moderators handle complaints and reactions in the admin: they may see who
            # wrote them. They never see what a consumer did not send in.
            tokens = set()
        for complaint in self.complaints.values():
            status = complaint.page.status
            if role == complaint.owner:
                continue
            if role == "moderator" and status != "draft":
                continue
            company_rep = role == f"rep_{complaint.company}"
            if company_rep and status in PUBLIC_STATUSES:
                continue  # the company reads the private part while the complaint is public
            tokens |= complaint.private | complaint.hidden_text
        for company, contact in self.company_contacts.items():
            if role not in (f"rep_{company}", "moderator", "editor"):
                tokens |= contact
        for company, material in self.company_private.items():
            if role != f"rep_{company}":
                tokens |= material
        return tokens | self.nobody

    def all_tokens(self) -> set[str]:
        tokens = {t for a in self.accounts.values() for t in a.tokens}
        for complaint in self.complaints.values():
            tokens |= complaint.private | complaint.hidden_text
        for contact in self.company_contacts.values():
            tokens |= contact
        for material in self.company_private.values():
            tokens |= material
        return tokens | self.nobody


def png(width=16, height=12, color="white") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def _account(world, role, username, email, *, group=None) -> Account:
    from allauth.account.models import EmailAddress

    from core.factories import UserFactory

    user = UserFactory(username=username, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    account = Account(role=role, user=user, tokens={username, email.split("@")[0]})
    world.accounts[role] = account
    return account


def _contact_entry(complaint, marker):
    from complaints.forms import ContactLogForm

    form = ContactLogForm(
        {
            "contacted_on": "2026-01-05",
            "contacted_at": "10:30",
            "channel": "phone",
            "person": f"Medewerker {marker}-PERSOON",
            "summary": f"Gebeld over de levering, {marker}",
            "promised": "Terugbellen binnen een week",
        }
    )
    assert form.is_valid(), form.errors
    entry = form.save(commit=False)
    entry.complaint = complaint
    entry.save()
    return entry


def build() -> World:
    """Make the world; the caller commits (no surrounding transaction)."""
    from companies.factories import (
        CompanyIndexPageFactory,
        CompanyPageFactory,
        CompanyRepresentativeFactory,
        SectorFactory,
    )
    from complaints import attachments, services
    from complaints.factories import TopicFactory, make_complaint
    from core import roles

    world = World()
    sector = SectorFactory(name="Post en pakketten", slug="post-en-pakketten")
    topic = TopicFactory(name="Levering", slug="levering")
    world.values["topic"] = str(topic.pk)
    index = CompanyIndexPageFactory()
    companies = {}
    for key, title, slug in [
        ("x", "Polderpost Pakketdienst", "polderpost"),
        ("y", "Dijkstroom Energie", "dijkstroom"),
        ("z", "Zandvoort Zending", "zandvoort-zending"),
    ]:
        contact = f"kkmail-contact{key}@{slug}.example"
        companies[key] = CompanyPageFactory(
            parent=index, title=title, slug=slug, sector=sector, contact_emails=[contact]
        )
        world.company_contacts[key] = {contact.split("@")[0]}
        world.values[f"company_{key}"] = str(companies[key].pk)
        world.values[f"company_{key}_url"] = companies[key].url

    accounts = {
        "consumer_a": _account(world, "consumer_a", "kkuser-consa", "kkmail-consa@example.invalid"),
        "consumer_b": _account(world, "consumer_b", "kkuser-consb", "kkmail-consb@example.invalid"),
        "rep_x": _account(world, "rep_x", "kkuser-repx", "kkmail-repx@polderpost.example"),
        "rep_y": _account(world, "rep_y", "kkuser-repy", "kkmail-repy@dijkstroom.example"),
        "moderator": _account(
            world, "moderator", "kkuser-mod", "kkmail-mod@example.invalid", group=roles.MODERATORS
        ),
        "editor": _account(
            world, "editor", "kkuser-edit", "kkmail-edit@example.invalid", group=roles.EDITORS
        ),
    }
    # An account nobody is logged in as: the target of the sign-in entries.
    victim = _account(world, "victim", "kkuser-victim", "kkmail-victim@example.invalid")
    world.values["victim_email"] = victim.user.email
    world.values["victim_password"] = PASSWORD
    for role, company in (("rep_x", "x"), ("rep_y", "y")):
        CompanyRepresentativeFactory(user=accounts[role].user, company=companies[company])
    moderator = accounts["moderator"].user

    def complaint(key, owner, company, status, *, title=None, attach=True, contact=True):
        marker = f"KKPRIV-{key}"
        hidden = status not in PUBLIC_STATUSES
        page = make_complaint(
            company=companies[company],
            consumer=accounts[owner].user,
            status="awaiting_company" if status in ("withdrawn", "expired") else status,
            title=title or (f"Klacht KKTITLE-{key}" if hidden else "Pakket nooit bezorgd"),
            description=(
                f"Beschrijving KKTITLE-{key}-TEKST van wat er gebeurde met mijn pakket."
                if hidden
                else "Mijn pakket is nooit aangekomen, terwijl het als bezorgd staat."
            ),
            private_details=f"Dorpsstraat 1, {marker}",
            topic=topic,
            moderator=moderator,
            notify=False,
        )
        entry = Complaint(key, page, owner, company, private={marker})
        if hidden:
            entry.hidden_text = {f"KKTITLE-{key}"}
        if attach:
            upload = SimpleUploadedFile(f"KKFILE-{key}.png", png(), content_type="image/png")
            file = attachments.add_attachment(page, upload, accounts[owner].user)
            entry.private.add(f"KKFILE-{key}")
            world.values[f"{key}_file"] = str(file.pk)
        if contact:
            log = _contact_entry(page, f"KKCONTACT-{key}")
            entry.private |= {f"KKCONTACT-{key}"}
            world.values[f"{key}_contact"] = str(log.pk)
        # The states reached only after publication.
        if status == "withdrawn":
            services.withdraw(page, accounts[owner].user)
        elif status == "expired":
            services.transition(page, "expire")
        page.refresh_from_db()
        world.complaints[key] = entry
        world.values[key] = str(page.pk)
        world.values[f"{key}_url"] = page.url or ""
        return entry

    complaint("a_draft", "consumer_a", "x", "draft")
    complaint("a_moderation", "consumer_a", "x", "in_moderation")
    complaint("a_public", "consumer_a", "x", "awaiting_company")
    complaint("a_withdrawn", "consumer_a", "x", "withdrawn")
    complaint("a_expired", "consumer_a", "x", "expired")
    complaint("a_offline_company", "consumer_a", "z", "awaiting_company", title="Klacht KKTITLE-z")
    world.complaints["a_offline_company"].hidden_text = {"KKTITLE-z"}
    complaint("b_draft", "consumer_b", "y", "draft")
    complaint("b_scratch", "consumer_b", "y", "draft", attach=False, contact=False)
    complaint("b_public", "consumer_b", "y", "awaiting_consumer")
    complaint("b_rating", "consumer_b", "y", "awaiting_rating", attach=False)
    complaint(
        "b_formula",
        "consumer_b",
        "x",
        "awaiting_company",
        title='=HYPERLINK("http://kwaad.example","Klik")',
        attach=False,
        contact=False,
    )
    world.values["b_public_reaction"] = str(world.complaints["b_public"].page.reactions.get().pk)
    _offers(world, complaint, accounts)
    _self_service(world, companies, accounts)
    _alerts(world, companies, accounts)
    # The offline company: its complaint was public, then the company went offline.
    companies["z"].refresh_from_db()
    companies["z"].unpublish()
    for entry in world.complaints.values():
        entry.page.refresh_from_db()

    tokens = sorted(world.all_tokens())
    for a in tokens:
        clash = [b for b in tokens if a != b and a.lower() in b.lower()]
        assert not clash, f"marker {a} is part of {clash}: make the markers distinct"
    return world


def _offers(world, complaint, accounts) -> None:
    """Company x's settlement offers on three of a's complaints: one open, one declined
    (with a reason), one accepted; their messages and the reason are private."""
    from datetime import timedelta

    from django.utils import timezone

    from complaints import services

    rep_x, consumer_a = accounts["rep_x"].user, accounts["consumer_a"].user
    today = timezone.localdate()
    for key in ("a_offered", "a_declined", "a_accepted"):
        entry = complaint(key, "consumer_a", "x", "awaiting_company", attach=False, contact=False)
        marker = f"KKOFFERMSG-{key}"
        offer = services.make_offer(
            entry.page,
            rep_x,
            kind="refund",
            amount="25.00",
            description="Het aankoopbedrag terug",
            message=f"Excuses, {marker}",
            answer_by=today + timedelta(days=7),
            carry_out_by=today + timedelta(days=10),
        )
        entry.private.add(marker)
        if key == "a_declined":
            services.decline_offer(offer, consumer_a, "Te weinig, KKDECLINE-a_declined")
            entry.private.add("KKDECLINE-a_declined")
        elif key == "a_accepted":
            services.accept_offer(offer, consumer_a)
        entry.page.refresh_from_db()
        world.values[f"{key}_offer"] = str(offer.pk)


def _self_service(world, companies, accounts) -> None:
    """Company x's reply template and an open invitation; a claim waiting for a moderator."""
    from django.core import signing

    from companies import services
    from companies.models import CompanyRepresentative, ReplyTemplate

    template = ReplyTemplate.objects.create(
        company=companies["x"], title="Vertraging", body="Onze excuses, KKTEMPLATE-x"
    )
    invitation = services.invite_colleague(
        companies["x"], accounts["rep_x"].user, "kkmail-invitex@polderpost.example"
    )
    world.company_private["x"] = {"KKTEMPLATE-x", "kkmail-invitex"}
    # The invitation's real link, as if forwarded to (or intercepted by) someone else:
    # neither the link nor its page may name the invited address.
    world.values["x_invitation_token"] = signing.dumps(
        {"invitation": invitation.pk}, salt=services.INVITE_SALT
    )
    world.values["x_template"] = str(template.pk)
    world.values["x_invitation"] = str(invitation.pk)
    for role in ("rep_x", "rep_y"):
        world.values[f"{role}_representation"] = str(
            CompanyRepresentative.objects.get(user=accounts[role].user).pk
        )
    # consumer_b claims company y with a work address and verified it: a moderator's turn.
    claim = services.start_claim(
        accounts["consumer_b"].user, companies["y"], "kkmail-claimb@dijkstroom.example"
    )
    services.verify_claim(claim)
    accounts["consumer_b"].tokens.add("kkmail-claimb")
    world.values["claim"] = str(claim.pk)


def _alerts(world, companies, accounts) -> None:
    """Someone follows company x (confirmed); rep_y has the direct mails on."""
    from django.core import signing

    from alerts import services
    from alerts.models import Subscription
    from companies.models import CompanyRepresentative

    services.subscribe("kkmail-follower@example.invalid", company=companies["x"])
    subscription = Subscription.objects.get(email="kkmail-follower@example.invalid")
    services.confirm(subscription.confirm_token)
    world.nobody.add("kkmail-follower")
    world.values["follow_unsubscribe_token"] = subscription.unsubscribe_token
    services.set_representative_alert(
        CompanyRepresentative.objects.get(user=accounts["rep_y"].user), True
    )
    # The follower's own "my alerts" link, signed with another salt: a forgery.
    world.values["forged_mine_token"] = signing.dumps(
        services._address_hash("kkmail-follower@example.invalid"), salt="klachtenkompas.other"
    )
    world.values["foreign_confirm_token"] = subscription.unsubscribe_token


def log_in_all(world: World) -> None:
    """A session cookie per role, made as the site makes one (django.contrib.auth)."""
    from django.conf import settings

    for role, account in world.accounts.items():
        client = Client()
        client.force_login(account.user)
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
