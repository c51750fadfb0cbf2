import pytest

from search.indexing import alias

TOKEN = "GEHEIMTOKEN9931"


@pytest.fixture
def published(make_complaint, django_capture_on_commit_callbacks, index, es):
    """Make complaints the real way; the indexing tasks run on commit (django-q2 sync)."""

    def make(**kwargs):
        kwargs.setdefault("status", "awaiting_company")
        kwargs.setdefault("private_details", f"Adres {TOKEN}")
        with django_capture_on_commit_callbacks(execute=True):
            complaint = make_complaint(**kwargs)
        es.indices.refresh(index=alias())
        return complaint

    return make


@pytest.fixture
def superuser(django_user_model):
    """A superuser for the admin's own buttons (the search doors' tests)."""
    return django_user_model.objects.create_superuser("beheer", "beheer@example.invalid", "x")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
