"""Site-wide test fixtures: the site and its root page, users, and the real services.

The suite runs on the project's own PostgreSQL and Elasticsearch (`make test` starts
both). A test that needs a service and cannot reach it fails; nothing here skips.
"""

import uuid

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from home import roles


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
