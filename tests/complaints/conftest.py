"""Fixtures of the complaint tests: the parties that must not see each other's data."""

import pytest


@pytest.fixture
def other_company_rep(company_index, django_user_model):
    from companies.factories import CompanyPageFactory
    from companies.models import CompanyRepresentative

    other = CompanyPageFactory(parent=company_index, title="Concurrent B.V.")
    user = django_user_model.objects.create_user("rep2", "rep2@concurrent.example", "x")
    CompanyRepresentative.objects.create(user=user, company=other)
    return user


@pytest.fixture
def other_consumer(django_user_model):
    return django_user_model.objects.create_user("piet", "piet@example.invalid", "x")


@pytest.fixture
def users(consumer, other_consumer, representative, other_company_rep, moderator, editor):
    """Every role of tests.complaints.parties.ROLES, as a user (None: anonymous)."""
    return {
        "anonymous": None,
        "other_consumer": other_consumer,
        "owner": consumer,
        "other_company_rep": other_company_rep,
        "representative": representative,
        "moderator": moderator,
        "editor": editor,
    }
