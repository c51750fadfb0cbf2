"""The users of bench/load.py for locust (run headless by bench/load.py, not by hand).

The targets (URLs, accounts, query bodies) come from the JSON file in LOAD_TARGETS, which
bench/load.py writes in its prepare step; without it a tiny built-in set serves, so the
classes import and their URLs can be checked against the URLconf (tests/bench).

The mix (class weights; within a class the task weights):

| who                    | weight | what                                                             |
|------------------------|-------:|------------------------------------------------------------------|
| Visitor                |     60 | complaint page 30, company page 15, home 10, search page 10,     |
|                        |        | ranking 3, tips 2 (anonymous: the cached public pages)           |
| ApiClient              |     25 | search API 3, company autocomplete 2                             |
| Consumer (signed in)   |      3 | own complaint page, reacts when it is their turn 3; the wizard 1  |
| Representative         |      2 | portal 1; a complaint of the company, reacts on its turn 3       |
| Exporter               |      1 | CSV/JSON export with a company filter                            |

Baselines, only when bench/load.py names them: BareView (/healthz/live, a view that asks
no service, through the whole middleware stack), PublicPages (the Visitor's pages
alone), SearchApi (the search API alone) and RawSearch (the same query bodies straight
to Elasticsearch over HTTP).

Every user waits LOAD_WAIT seconds (0: flat out) or, with LOAD_TASK_RATE, runs at most
that many tasks a second (the soak's fixed rate).
"""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

from locust import FastHttpUser, HttpUser, between, constant, constant_throughput, events, task
from locust.exception import StopUser

TARGETS_FILE = os.environ.get("LOAD_TARGETS", "")
DEFAULT_TARGETS = {
    "companies": ["noordnet-telecom"],
    "company_urls": ["/bedrijven/noordnet-telecom/"],
    "complaint_urls": ["/bedrijven/noordnet-telecom/klachten/voorbeeld/"],
    "warm_urls": ["/", "/bedrijven/noordnet-telecom/"],
    "search": [{"q": "pakket"}],
    "autocomplete": ["noord"],
    "consumers": [],
    "representatives": [],
    "wizard": [],
    "es_url": "http://127.0.0.1:9270",
    "es_alias": "kk-load-complaints",
    "es_bodies": [{"query": {"match_all": {}}}],
    "password": "",
}
TARGETS = json.loads(Path(TARGETS_FILE).read_text()) if TARGETS_FILE else dict(DEFAULT_TARGETS)

# Every path the users request (bench/load.py's smoke test resolves them against the
# URLconf; the {fields} take a sample value there).
HOME = "/"
SEARCH_PAGE = "/zoeken/"
RANKING = "/pluimen/"
TIPS = "/tips/"
SEARCH_API = "/api/v2/complaints/search/"
AUTOCOMPLETE_API = "/api/v2/companies/autocomplete/"
EXPORT = "/api/v2/complaints/export.{fmt}"
BARE = "/healthz/live"
LOGIN = "/account/login/"
PORTAL = "/bedrijfsportaal/"
WIZARD_COMPANY = "/klacht-indienen/bedrijf/{company}/"
WIZARD_TEXT = "/klacht-indienen/{draft}/klacht/"
WIZARD_PRIVATE = "/klacht-indienen/{draft}/besloten/"
WIZARD_REVIEW = "/klacht-indienen/{draft}/controleren/"
REACT = "/klachten/{pk}/reageren/"
ROUTES = {
    HOME: "wagtail_serve",
    TIPS: "wagtail_serve",
    SEARCH_PAGE: "search",
    RANKING: "ranking",
    SEARCH_API: "search_api",
    AUTOCOMPLETE_API: "autocomplete",
    EXPORT: "export",
    BARE: "healthz_live",
    LOGIN: "account_login",
    PORTAL: "portal",
    WIZARD_COMPANY: "wizard_scope",
    WIZARD_TEXT: "wizard_text",
    WIZARD_PRIVATE: "wizard_private",
    WIZARD_REVIEW: "wizard_review",
    REACT: "react",
}

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REACT_FORM = re.compile(r'action="(/klachten/\d+/reageren/)"')
# Every failure with the time it happened, for the fault phase's error counts by code.
EVENT_LOG = os.environ.get("LOAD_EVENT_LOG", "")
_log = open(EVENT_LOG, "a", buffering=1) if EVENT_LOG else None  # noqa: SIM115


@events.request.add_listener
def _record_failure(request_type, name, response_time, response_length, exception=None, **kw):
    if _log is not None and exception is not None:
        response = kw.get("response")
        code = getattr(response, "status_code", 0) or 0
        if not code:
            code = type(exception).__name__
        _log.write(f"{time.time():.3f}\t{name}\t{code}\n")


def _wait_time():
    rate = float(os.environ.get("LOAD_TASK_RATE", "0") or 0)
    if rate > 0:
        return constant_throughput(rate)
    wait = float(os.environ.get("LOAD_WAIT", "0") or 0)
    return between(0, 2 * wait) if wait else constant(0)


def _at_least_one(weight: int) -> int:
    """Users of a light class for LOAD_USERS users in all: its share of the mix's weights,
    but at least one, so a small run still signs in, submits and exports."""
    users = int(os.environ.get("LOAD_USERS", "0") or 0)
    return max(1, round(users * weight / MIX_WEIGHT)) if users else 0


MIX_WEIGHT = 60 + 25 + 3 + 2 + 1


def popular(urls: list[str], rng=random) -> str:
    """A page by popularity, as real visits fall: a few pages get most of them. With the
    fourth power, the first tenth of the list gets 56 % of the visits, the last half 16 %."""
    return urls[int(len(urls) * rng.random() ** 4)]


def search_query(rng=random) -> dict:
    return rng.choice(TARGETS["search"])


class Visitor(FastHttpUser):
    """Anonymous reads of the public pages: the pages the page cache serves."""

    weight = 60
    wait_time = _wait_time()

    @task(30)
    def complaint(self):
        self.client.get(popular(TARGETS["complaint_urls"]), name="pagina: klacht")

    @task(15)
    def company(self):
        self.client.get(popular(TARGETS["company_urls"]), name="pagina: bedrijf")

    @task(10)
    def home(self):
        self.client.get(HOME, name="pagina: home")

    @task(10)
    def search_page(self):
        self.client.get(SEARCH_PAGE, params=search_query(), name="pagina: zoeken")

    @task(3)
    def ranking(self):
        self.client.get(RANKING, name="pagina: pluimen")

    @task(2)
    def tips(self):
        self.client.get(TIPS, name="pagina: tips")


class PublicPages(FastHttpUser):
    """The Visitor's cached pages (no search page) over the warmed pages only: the page
    cache's throughput, for the ratio to the bare view. Not a subclass of Visitor:
    locust keeps a base class's tasks whatever a subclass overrides."""

    weight = 1
    wait_time = _wait_time()

    @task
    def page(self):
        self.client.get(random.choice(TARGETS["warm_urls"]), name="pagina: openbaar (warm)")


class ApiClient(FastHttpUser):
    weight = 25
    wait_time = _wait_time()

    @task(3)
    def search(self):
        self.client.get(SEARCH_API, params=search_query(), name="api: zoeken")

    @task(2)
    def autocomplete(self):
        self.client.get(
            AUTOCOMPLETE_API,
            params={"q": random.choice(TARGETS["autocomplete"])},
            name="api: autocomplete",
        )


class SearchApi(FastHttpUser):
    """The search API alone, at the same concurrency as RawSearch."""

    weight = 1
    wait_time = _wait_time()
    _bodies = itertools.count()

    @task
    def search(self):
        # The same queries in the same order as RawSearch sends their bodies.
        params = TARGETS["search"][next(self._bodies) % len(TARGETS["search"])]
        self.client.get(SEARCH_API, params=params, name="api: zoeken")


class RawSearch(FastHttpUser):
    """The search API's query bodies straight to the Elasticsearch cluster over HTTP."""

    weight = 1
    wait_time = _wait_time()
    _bodies = itertools.count()

    @task
    def search(self):
        number = next(self._bodies)
        body = TARGETS["es_bodies"][number % len(TARGETS["es_bodies"])]
        hosts = TARGETS["es_url"].split(",")
        # Round robin over the nodes, as the project's client does.
        url = f"{hosts[number % len(hosts)]}/{TARGETS['es_alias']}/_search"
        self.client.post(url, json=body, name="es: rauw zoeken")


class Exporter(FastHttpUser):
    weight = 1
    fixed_count = _at_least_one(weight)
    wait_time = _wait_time()

    @task
    def export(self):
        fmt = random.choice(["csv", "jsonl"])
        company = random.choice(TARGETS["companies"])
        with self.client.get(
            EXPORT.format(fmt=fmt),
            params={"company": company},
            name="api: export",
            stream=True,
        ) as response:
            response.content  # noqa: B018  read the whole stream, as a client would


class BareView(FastHttpUser):
    """The baseline: a Django view that asks no service, under the same gunicorn."""

    weight = 1
    wait_time = _wait_time()

    @task
    def live(self):
        self.client.get(BARE, name="kaal: /healthz/live")


class SignedIn(HttpUser):
    """A browser with an account. The production settings mark the cookies Secure, which
    Python's cookie jar keeps from plain http (a browser sends them to 127.0.0.1), so the
    cookies are kept here and sent by hand."""

    abstract = True
    wait_time = _wait_time()
    accounts: list = []
    _next = itertools.count()

    def on_start(self):
        if not self.accounts:  # no complaints in a turn-taking status to pick from
            raise StopUser()
        self.cookies: dict[str, str] = {}
        self.account = self.accounts[next(self._next) % len(self.accounts)]
        page = self.get(LOGIN, name="inloggen")
        response = self.post(
            LOGIN,
            {
                "login": self.account["username"],
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": self.token(page),
            },
            name="inloggen",
        )
        if response.status_code != 302:
            response.failure(f"inloggen mislukt: {response.status_code}")

    def token(self, response) -> str:
        match = TOKEN.search(response.text or "")
        return match.group(1) if match else self.cookies.get("csrftoken", "")

    def _keep(self, response):
        for hop in [*response.history, response]:
            self.cookies.update(hop.cookies.get_dict())
        return response

    def get(self, url, **kwargs):
        return self._request("get", url, **kwargs)

    def post(self, url, data, **kwargs):
        return self._request("post", url, data=data, **kwargs)

    def _request(self, method, url, name, **kwargs):
        with self.client.request(
            method,
            url,
            name=name,
            cookies=self.cookies,
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            self._keep(response)
            if response.status_code >= 400:
                response.failure(f"{response.status_code}")
            else:
                response.success()
        return response

    def react_on(self, url, name):
        page = self.get(url, name=f"{name}: klachtpagina")
        match = REACT_FORM.search(page.text or "")
        if match:  # their turn: the page shows the reaction form
            self.post(
                match.group(1),
                {
                    "body": "Dank voor het bericht. We kijken er deze week naar en laten "
                    "het je weten zodra er meer duidelijk is.",
                    "csrfmiddlewaretoken": self.token(page),
                },
                name=f"{name}: reageren",
            )


class Consumer(SignedIn):
    weight = 3
    fixed_count = _at_least_one(weight)
    accounts = TARGETS["consumers"]

    @task(3)
    def react(self):
        self.react_on(random.choice(self.account["complaints"]), "consument")

    @task(1)
    def submit(self):
        """The wizard from the company to the review, as a person fills it in."""
        if not TARGETS["wizard"]:
            return
        company = random.choice(TARGETS["wizard"])
        start = WIZARD_COMPANY.format(company=company["id"])
        step = self.get(start, name="wizard: start")
        step = self.post(
            start,
            {
                "government": "nee",
                "company_is_dutch": "ja",
                "bought_directly": "ja",
                "told_company_first": "ja",
                "told_company_on": "2026-01-05",
                "told_company_how": "per e-mail aan de klantenservice",
                "csrfmiddlewaretoken": self.token(step),
            },
            name="wizard: bedrijf",
        )
        location = step.headers.get("Location", "")
        draft = re.search(r"/klacht-indienen/(\d+)/", location)
        if not draft:
            return
        text, private, review = (
            path.format(draft=draft.group(1))
            for path in (WIZARD_TEXT, WIZARD_PRIVATE, WIZARD_REVIEW)
        )
        page = self.get(text, name="wizard: klacht")
        self.post(
            text,
            {
                "topic": company["topic"],
                "title": "Bestelling te laat en onvolledig geleverd",
                "description": "Ik bestelde begin januari een kast. Er kwamen twee van de drie "
                "dozen aan en de derde is na drie weken nog steeds onderweg.",
                "desired_outcome": "Ik wil de ontbrekende doos binnen tien werkdagen ontvangen.",
                "incident_date": "2026-01-04",
                "csrfmiddlewaretoken": self.token(page),
            },
            name="wizard: klacht",
        )
        page = self.get(private, name="wizard: besloten")
        self.post(
            private,
            {
                "private-order_reference": "BST-55120",
                "private-details": "",
                "action": "",
                "csrfmiddlewaretoken": self.token(page),
            },
            name="wizard: besloten",
        )
        page = self.get(review, name="wizard: controleren")
        self.post(
            review,
            {"csrfmiddlewaretoken": self.token(page)},
            name="wizard: versturen",
        )


class Representative(SignedIn):
    weight = 2
    fixed_count = _at_least_one(weight)
    accounts = TARGETS["representatives"]

    @task(1)
    def portal(self):
        self.get(PORTAL, name="bedrijf: portaal")

    @task(3)
    def react(self):
        self.react_on(random.choice(self.account["complaints"]), "bedrijf")


MIX = ["Visitor", "ApiClient", "Consumer", "Representative", "Exporter"]
