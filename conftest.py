"""Site-wide test fixtures: the site and its root page, users, and the real services.

The suite runs on the project's own PostgreSQL, Elasticsearch and memcached (`make test`
starts them). A test that needs a service and cannot reach it fails; nothing here skips.
"""

import uuid

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from core import roles


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate-limit counters live in memcached, outside the test's transaction: each
    test starts with none (and fails if memcached cannot be reached)."""
    from django.core.cache import caches

    counters = caches["ratelimit"]
    counters.set("conftest", 1, 5)
    assert counters.get("conftest") == 1, "memcached is not reachable (make services)"
    counters.clear()


RATE_SETTINGS = (
    "SEARCH_API_RATE",
    "EXPORT_RATE",
    "EXPORT_GLOBAL_RATE",
    "COMPLAINT_SUBMIT_RATE",
    "DRAFT_CREATE_RATE",
    "COMPANY_REQUEST_RATE",
    "REACTION_RATE",
    "PERSONAL_DATA_EXPORT_RATE",
    "ACCOUNT_ERASURE_RATE",
    "CLAIM_RATE",
)


@pytest.fixture
def generous_rate_limits(settings):
    """For tests that are about something else and send many requests: every limit of
    core.ratelimit far above what the test sends (the limits still run)."""
    for name in RATE_SETTINGS:
        setattr(settings, name, "1000000/m")


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redacteur", "redacteur@example.invalid", "x")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.invalid", "x")
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


@pytest.fixture
def consumer(django_user_model):
    return django_user_model.objects.create_user("jan", "jan@example.invalid", "x")


@pytest.fixture
def es():
    """The real Elasticsearch client; fails the test when the server cannot be reached."""
    from search.client import get_client

    client = get_client()
    try:
        client.info()
    except Exception as exc:
        pytest.fail(
            f"Elasticsearch is not reachable ({exc.__class__.__name__}); start it with "
            "`make services` or point ELASTICSEARCH_URL at a running cluster."
        )
    return client


@pytest.fixture
def index(es, settings):
    """A private index prefix per test, removed afterwards."""
    from search.indexing import alias

    settings.ELASTICSEARCH_INDEX_PREFIX = f"kk-test-{uuid.uuid4().hex[:8]}"
    yield alias()
    es.options(ignore_status=404).indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*")


@pytest.fixture
def es_index_name(es):
    """A unique, prefixed index name, deleted after the test."""
    from search.client import index_name

    name = index_name(f"test-{uuid.uuid4().hex[:12]}")
    yield name
    es.options(ignore_status=404).indices.delete(index=name)


@pytest.fixture
def company_index(home_page):
    from companies.factories import CompanyIndexPageFactory

    return CompanyIndexPageFactory(parent=home_page)


@pytest.fixture
def company(company_index):
    from companies.factories import CompanyPageFactory

    return CompanyPageFactory(
        parent=company_index,
        title="Polderpost",
        contact_emails=["geheim-klachtcontact@polderpost.example"],
    )


@pytest.fixture
def advice_index(home_page):
    from advice.factories import AdviceIndexPageFactory

    return AdviceIndexPageFactory(parent=home_page)


@pytest.fixture
def representative(company, django_user_model):
    from companies.models import CompanyRepresentative

    user = django_user_model.objects.create_user("rep", "rep@polderpost.example", "x")
    CompanyRepresentative.objects.create(user=user, company=company)
    return user


@pytest.fixture
def make_complaint(company, consumer):
    """A complaint in any status, made through the state machine's own steps."""
    from complaints.factories import make_complaint as factory

    def make(status="draft", **kwargs):
        kwargs.setdefault("company", company)
        kwargs.setdefault("consumer", consumer)
        return factory(status=status, **kwargs)

    return make


# A real SMTP server on loopback (aiosmtpd) ------------------------------------------


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        import threading

        self.messages = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def to(self, address):
        with self._lock:
            return [m for rcpts, m in self.messages if address in rcpts]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


class SmtpServer:
    def __init__(self, port):
        self.port, self.inbox, self.controller = port, Inbox(), None

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    """The site sends over SMTP to 127.0.0.1:<free port>; the test starts the server
    (smtp_server.start()) when it wants the mail to arrive."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    server = SmtpServer(port)
    yield server
    server.stop()


@pytest.fixture
def smtp_sink(smtp_server):
    smtp_server.start()
    return smtp_server.inbox


@pytest.fixture
def page_cache(settings):
    """The page cache on (core.pagecache), in the Redis that `make test` starts, under a
    key prefix of this test's own: Redis lies outside the test's transaction. A hit then
    makes no SQL query at all (the database cache would)."""
    import os

    from django.core.cache import caches

    prefix = f"kk-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{os.environ.get('REDIS_PORT', '6390')}/0",
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    settings.PAGE_CACHE_SECONDS = 600
    cache = caches["default"]
    cache.set("conftest", 1, 5)
    assert cache.get("conftest") == 1, "Redis is not reachable (make services)"
    yield cache
    # Only this test's keys (clear() would flush the whole Redis database).
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
