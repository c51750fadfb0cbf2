"""Real-browser tests: Debian's chromium driven by Playwright, a real SMTP sink."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "klacht-wachtwoord-2026"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (make test installs the Debian package)")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        # Every page of every context reports what the Content-Security-Policy refused;
        # a journey that trips the policy fails, even when the page looked fine.
        refused = []
        new_context = browser.new_context

        def new_context_watching_the_policy(*args, **kwargs):
            context = new_context(*args, **kwargs)
            context.on(
                "console",
                lambda message: (
                    refused.append(f"{message.location}: {message.text}")
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            return context

        browser.new_context = new_context_watching_the_policy
        yield browser
        browser.close()
        assert not refused, "Content-Security-Policy violations:\n" + "\n".join(refused)
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def screenshot():
    def take(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def world(site, django_user_model):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from companies.factories import CompanyIndexPageFactory, CompanyPageFactory
    from companies.models import CompanyRepresentative
    from complaints.factories import TopicFactory
    from core import roles

    index = CompanyIndexPageFactory(parent=site.root_page)
    company = CompanyPageFactory(parent=index, title="Polderpost Pakketdienst", slug="polderpost")
    TopicFactory(name="Levering", slug="levering")
    moderator = django_user_model.objects.create_user("moderator", "mod@example.invalid", PASSWORD)
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    rep = django_user_model.objects.create_user("rep", "rep@polderpost.example", PASSWORD)
    CompanyRepresentative.objects.create(user=rep, company=company)
    other = django_user_model.objects.create_user("ander", "ander@example.invalid", PASSWORD)
    for user in (rep, other):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return {"company": company}


@pytest.fixture
def complaint_of_jan(world, django_user_model):
    """A published complaint at the world's company, waiting for its reaction, by "jan"
    (jan@example.invalid, verified address, PASSWORD). Call it with the title."""
    from allauth.account.models import EmailAddress

    from complaints.factories import make_complaint

    consumer = django_user_model.objects.create_user("jan", "jan@example.invalid", PASSWORD)
    EmailAddress.objects.create(user=consumer, email=consumer.email, verified=True, primary=True)

    def make(title):
        return make_complaint(
            company=world["company"], consumer=consumer, status="awaiting_company", title=title
        )

    return make


def log_in(page, base, email):
    page.goto(f"{base}/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
