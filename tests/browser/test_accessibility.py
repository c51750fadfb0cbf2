"""axe-core (from npm, pinned in package-lock.json) in Debian's chromium over every public
template and every wizard and conversation state, logged out and for each role: WCAG 2.2
AA rules, 0 violations.

The demo data (seed_demo) gives every kind of page real content: companies with scores,
complaints in every status, tips, out-of-scope pages. One test walks all states, so the
site is seeded once; its failure lists every violation of every page at once.
"""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import PASSWORD, log_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        TAGS,
    )
    return result


class Audit:
    """Visits page states and keeps every violation, keyed by role and state."""

    def __init__(self, base):
        self.base = base
        self.found: dict[str, list[dict]] = {}
        self.checked = 0

    def check(self, page, role: str, label: str):
        self.checked += 1
        violations = axe_violations(page)
        if violations:
            self.found[f"{role}: {label} ({page.url})"] = violations

    def visit(self, page, role: str, path: str, label: str | None = None, status=200):
        response = page.goto(f"{self.base}{path}")
        assert response.status == status, f"{role} {path}: {response.status}"
        self.check(page, role, label or path)

    def submit_empty(self, page, role: str, path: str, form_selector: str, label: str):
        """The form's error state: submitted without filling anything in."""
        page.goto(f"{self.base}{path}")
        # The server's answer is what is checked, not the browser's own validation bubble.
        page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
        page.locator(f"{form_selector} [type=submit]:visible").first.click()
        page.wait_for_load_state()
        assert page.locator("[data-error-summary], .form-errors, .field-error").count(), (
            f"{role} {path}: no error shown after an empty submit"
        )
        self.check(page, role, label)

    def report(self) -> str:
        return json.dumps(self.found, indent=1, ensure_ascii=False)


@pytest.fixture
def seeded(site, django_user_model):
    from django.contrib.auth.hashers import make_password

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # One password for every demo account, the one log_in types.
    django_user_model.objects.update(password=make_password(PASSWORD))


def public_states():
    """Paths every visitor can open, found from the seeded content."""
    from advice.models import AdvicePage
    from companies.models import CompanyPage
    from complaints.models import ComplaintPage
    from complaints.states import PUBLIC_STATUSES
    from home.models import OutOfScopePage

    company = CompanyPage.objects.live().order_by("pk").first()
    paths = [
        "/",
        "/bedrijven/",
        company.url,
        "/bedrijven/aanmelden/",
        "/pluimen/",
        "/pluimen/methode/",
        "/tips/",
        "/zoeken/",
        f"/zoeken/?q={company.title.split()[0]}",
        "/zoeken/?q=levering&status=rated",
        "/zoeken/?q=zzzzgeenresultaat",
        f"/alerts/volgen/bedrijf/{company.slug}/",
        "/alerts/volgen/zoekopdracht/?q=levering",
        "/alerts/mijn-meldingen/",
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
        "/over-ons/",
        "/privacyverklaring/",
        "/voorwaarden/",
        "/contact/",
        "/toegankelijkheid/",
    ]
    paths += [page.url for page in AdvicePage.objects.live().order_by("pk")[:3]]
    paths += [page.url for page in OutOfScopePage.objects.live()]
    for status in PUBLIC_STATUSES:
        complaint = ComplaintPage.objects.live().filter(status=status).order_by("pk").first()
        if complaint:
            paths.append(complaint.url)
    return paths


def test_axe_finds_no_violations_in_any_page_state(live_server, browser, seeded):
    from companies.models import CompanyPage, CompanyRepresentative
    from complaints.models import ComplaintPage

    base = live_server.url
    audit = Audit(base)

    # Logged out: every public template, the 404 page and the forms' error states.
    visitor = browser.new_context(base_url=base, bypass_csp=True).new_page()
    for path in public_states():
        audit.visit(visitor, "bezoeker", path)
    audit.visit(visitor, "bezoeker", "/deze-pagina-bestaat-niet/", status=404)
    audit.submit_empty(
        visitor, "bezoeker", "/bedrijven/aanmelden/", "main form", "aanmelden (fout)"
    )
    audit.submit_empty(visitor, "bezoeker", "/account/signup/", "main form", "registreren (fout)")
    audit.submit_empty(visitor, "bezoeker", "/account/login/", "main form", "inloggen (fout)")
    # The search box's company suggestions, open (the combobox's expanded state).
    visitor.goto(f"{base}/zoeken/")
    visitor.locator("#id_q").press_sequentially("no", delay=50)
    visitor.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")
    visitor.keyboard.press("ArrowDown")
    audit.check(visitor, "bezoeker", "zoeken met suggesties open")

    # The consumer: own complaints, every wizard step and its error state, the tools.
    consumer = browser.new_context(base_url=base, bypass_csp=True).new_page()
    log_in(consumer, base, "consument@klachtenkompas.example")
    company = CompanyPage.objects.live().order_by("pk").first()
    draft = ComplaintPage.objects.get(status="draft", consumer__username="consumer")
    audit.visit(consumer, "consument", "/mijn-klachten/")
    audit.visit(consumer, "consument", "/klacht-indienen/")
    audit.visit(consumer, "consument", f"/klacht-indienen/?q={company.title.split()[0]}")
    audit.visit(consumer, "consument", "/klacht-indienen/?q=Belastingdienst")
    scope = f"/klacht-indienen/bedrijf/{company.pk}/"
    audit.visit(consumer, "consument", scope)
    audit.submit_empty(consumer, "consument", scope, "main form", "wizard stap 1 (fout)")
    for step in ("klacht", "besloten", "controleren"):
        audit.visit(consumer, "consument", f"/klacht-indienen/{draft.pk}/{step}/")
    # The writing aid with its hints shown, and the review step with its warnings.
    consumer.goto(f"{base}/klacht-indienen/{draft.pk}/klacht/")
    consumer.locator("textarea[name=description]").press_sequentially(
        " Bel me op 06-12345678, die klotebezorger.", delay=5
    )
    consumer.wait_for_selector("#writing-hints li")
    audit.check(consumer, "consument", "schrijfhulp met waarschuwingen")
    ComplaintPage.objects.filter(pk=draft.pk).update(
        description=draft.description + " Bel me op 06-12345678, die klotebezorger."
    )
    audit.visit(
        consumer,
        "consument",
        f"/klacht-indienen/{draft.pk}/controleren/",
        "controleren met waarschuwingen",
    )
    assert consumer.locator(".review-warnings li").count() >= 2
    audit.visit(consumer, "consument", f"/mijn-klachten/{draft.pk}/verwijderen/")
    audit.visit(consumer, "consument", "/mijn-gegevens/")
    audit.visit(consumer, "consument", "/mijn-gegevens/account-verwijderen/")
    audit.submit_empty(
        consumer,
        "consument",
        "/mijn-gegevens/account-verwijderen/",
        "main form",
        "account verwijderen (fout)",
    )
    own = ComplaintPage.objects.filter(consumer__username="consumer").exclude(status="draft")
    for status in ("in_moderation", "awaiting_consumer", "awaiting_rating", "rated", "rejected"):
        complaint = own.filter(status=status).order_by("pk").first()
        if complaint and complaint.live:
            audit.visit(consumer, "consument", complaint.url, f"eigen klacht ({status})")
    mine = own.filter(status="awaiting_consumer").order_by("pk").first()
    audit.visit(consumer, "consument", f"/mijn-klachten/{mine.pk}/brief/")
    audit.visit(consumer, "consument", f"/mijn-klachten/{mine.pk}/bewijs/")
    audit.submit_empty(
        consumer, "consument", f"/mijn-klachten/{mine.pk}/bewijs/", "main form", "bewijs (fout)"
    )
    audit.submit_empty(
        consumer, "consument", mine.url, "form[action$='/reageren/']", "reageren (fout)"
    )

    # The company's representative: the portal, a complaint to answer, "opgelost".
    waiting = ComplaintPage.objects.filter(status="awaiting_company").order_by("pk").first()
    rep = CompanyRepresentative.objects.filter(company=waiting.company).first().user
    representative = browser.new_context(base_url=base, bypass_csp=True).new_page()
    log_in(representative, base, rep.email)
    audit.visit(representative, "vertegenwoordiger", "/bedrijfsportaal/")
    audit.visit(representative, "vertegenwoordiger", waiting.url, "te beantwoorden klacht")
    audit.visit(representative, "vertegenwoordiger", f"/klachten/{waiting.pk}/opgelost/")

    # The moderator: the review screen (Wagtail's admin around it is Wagtail's).
    moderator = browser.new_context(base_url=base, bypass_csp=True).new_page()
    log_in(moderator, base, "moderator@klachtenkompas.example")
    pending = ComplaintPage.objects.filter(status="in_moderation").order_by("pk").first()
    audit.visit(moderator, "moderator", "/admin/moderatie/")
    audit.visit(moderator, "moderator", f"/admin/moderatie/{pending.pk}/")

    assert audit.checked >= 40
    assert not audit.found, f"axe violations on {len(audit.found)} page states:\n{audit.report()}"


def test_the_audit_sees_a_violation_when_there_is_one(browser):
    # Without this, an axe that never ran would pass the test above just the same.
    page = browser.new_context(bypass_csp=True).new_page()
    page.set_content(
        '<html lang="nl"><title>t</title><main><img src="x.png">'
        '<input type="text"><a href="#"></a></main></html>'
    )

    found = {v["id"] for v in axe_violations(page)}

    assert {"image-alt", "label", "link-name"} <= found
