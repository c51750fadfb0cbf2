"""Synonym groups managed in the Wagtail admin, applied at search time: against the real
PostgreSQL, Elasticsearch and (for the shared generation) Redis."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from core import pagecache
from search import synonyms
from search.indexing import alias
from search.models import SynonymGroup, parse_terms

ADMIN = "/admin/snippets/search/synonymgroup/"


@pytest.fixture(autouse=True)
def fresh_table():
    synonyms.forget()
    yield
    synonyms.forget()


@pytest.fixture
def no_groups(db, django_capture_on_commit_callbacks):
    """Without the groups the migration seeds, so that a test starts from nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        for group in SynonymGroup.objects.all():
            group.delete()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def shipment(published, no_groups):
    """A public complaint that says "zending" and never "pakket"."""
    return published(
        title="Zending nooit aangekomen",
        description="De zending staat als afgeleverd, maar ik heb niets ontvangen.",
        desired_outcome="Een nieuwe levering.",
    )


def _found(client, q) -> list[str]:
    return [
        r["title"] for r in client.get("/api/v2/complaints/search/", {"q": q}).json()["results"]
    ]


def _page_shows(client, q, title) -> bool:
    response = client.get("/zoeken/", {"q": q})
    assert response.status_code == 200
    return title in response.content.decode()


def _exported(client, q) -> list[str]:
    response = client.get("/api/v2/complaints/export.csv", {"q": q})
    body = b"".join(response.streaming_content).decode()
    return [row["title"] for row in csv.DictReader(io.StringIO(body))]


def _add_in_admin(client, callbacks, terms, note=""):
    with callbacks(execute=True):
        return client.post(ADMIN + "add/", {"terms": terms, "note": note})


# The editor's change reaches the next search, without reindexing -------------------------


def test_a_group_added_and_deleted_in_the_admin_applies_to_the_next_search(
    editor_client, shipment, es, django_capture_on_commit_callbacks
):
    anonymous = Client()
    title = shipment.title
    version = es.get(index=alias(), id=shipment.pk)["_seq_no"]

    assert _found(anonymous, "pakket") == []
    assert not _page_shows(anonymous, "pakket", title)
    assert _exported(anonymous, "pakket") == []

    response = _add_in_admin(
        editor_client, django_capture_on_commit_callbacks, "Pakket, zending\nzending"
    )
    assert response.status_code == 302
    group = SynonymGroup.objects.get()
    assert group.term_list() == ["pakket", "zending"]

    assert _found(anonymous, "pakket") == [title]
    assert _found(anonymous, "pakketten afgeleverd") == [title]
    assert _page_shows(anonymous, "pakket", title)
    assert _exported(anonymous, "pakket") == [title]

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{ADMIN}delete/{group.pk}/")
    assert response.status_code == 302
    assert not SynonymGroup.objects.exists()

    assert _found(anonymous, "pakket") == []
    assert _exported(anonymous, "pakket") == []
    # Nothing was written to the index: the synonyms live in the query only.
    assert es.get(index=alias(), id=shipment.pk)["_seq_no"] == version


def test_a_changed_group_applies_to_the_next_search(
    editor_client, shipment, django_capture_on_commit_callbacks
):
    _add_in_admin(editor_client, django_capture_on_commit_callbacks, "pakket, doos")
    group = SynonymGroup.objects.get()
    assert _found(Client(), "pakket") == []

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"{ADMIN}edit/{group.pk}/", {"terms": "pakket, doos, zending", "note": ""}
        )

    assert response.status_code == 302
    assert _found(Client(), "pakket") == [shipment.title]


def test_a_phrase_and_a_negation_are_not_expanded(
    editor_client, shipment, django_capture_on_commit_callbacks
):
    _add_in_admin(editor_client, django_capture_on_commit_callbacks, "pakket, zending")

    assert _found(Client(), '"pakket"') == []
    assert _found(Client(), "zending -pakket") == [shipment.title]


def test_the_seeded_groups_apply_out_of_the_box(published):
    complaint = published(
        title="Internet weken in storing",
        description="Sinds maart valt de verbinding steeds weg.",
        desired_outcome="Een vergoeding.",
    )

    assert _found(Client(), "uitval internet") == [complaint.title]


# The admin ---------------------------------------------------------------------------------


def test_the_admin_refuses_a_bad_group_in_dutch(editor_client, no_groups):
    response = editor_client.post(ADMIN + "add/", {"terms": "pakket", "note": ""})

    assert response.status_code == 200
    assert "Geef minstens twee woorden op" in response.content.decode()
    assert not SynonymGroup.objects.exists()


def test_the_listing_shows_and_searches_the_terms(editor_client):
    response = editor_client.get(ADMIN, {"q": "zending"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "pakket, zending" in content
    assert "storing, uitval" not in content


def test_a_plain_user_cannot_reach_the_synonyms(client, consumer, moderator):
    client.force_login(consumer)
    for path in (ADMIN, ADMIN + "add/"):
        assert client.get(path).status_code in (302, 403)

    client.force_login(moderator)
    assert client.get(ADMIN).status_code in (302, 403)
    assert client.post(ADMIN + "add/", {"terms": "a, b"}).status_code in (302, 403)
    assert not SynonymGroup.objects.filter(terms="a\nb").exists()


def test_editors_may_add_change_and_delete_groups(editor_client, editor):
    for action in ("add", "change", "delete"):
        assert editor.has_perm(f"search.{action}_synonymgroup")
    assert editor_client.get(ADMIN + "add/").status_code == 200


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("pakket", "minstens twee woorden"),
        ("pakket, Pakket", "minstens twee woorden"),
        ("pakket, zen|ding", "leesteken"),
        ('pakket, "zending"', "leesteken"),
        ("pakket, -zending", "leesteken"),
        ("pakket, " + "z" * 61, "te lang"),
        (", ".join(f"woord{i}" for i in range(11)), "hoogstens 10 woorden"),
    ],
)
def test_a_group_is_refused_with_a_clear_message(typed, error):
    group = SynonymGroup(terms=typed)

    with pytest.raises(ValidationError) as caught:
        group.clean()

    assert error in " ".join(caught.value.message_dict["terms"])


def test_terms_are_normalised_and_deduplicated():
    group = SynonymGroup(
        terms="Opzeggen,\n  contract   Beëindigen ,opzeggen\n\ncontract beeindigen"
    )

    group.clean()

    assert group.terms == "opzeggen\ncontract beëindigen"
    assert parse_terms("a,b\r\nc") == ["a", "b", "c"]


# Loading: cached in the process, fresh after a change in any process ---------------------


def test_the_table_is_read_once_and_again_after_the_generation_moves(
    page_cache, no_groups, django_assert_num_queries
):
    SynonymGroup.objects.create(terms="storing\nuitval")
    synonyms.forget()
    assert synonyms.current_table().expand("storing") == "(storing | uitval)"

    with django_assert_num_queries(0):
        assert synonyms.current_table().expand("storing") == "(storing | uitval)"

    # Another process saved a group: this one learns of it from the shared generation.
    SynonymGroup.objects.create(terms="retour\nterugsturen")
    synonyms.bump_generation()
    with django_assert_num_queries(1):
        assert synonyms.current_table().expand("retour") == "(retour | terugsturen)"


def test_without_the_shared_cache_the_table_is_reread_after_a_while(
    settings, no_groups, monkeypatch, django_assert_num_queries
):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    SynonymGroup.objects.create(terms="storing\nuitval")
    assert synonyms.current_table().expand("storing") == "(storing | uitval)"

    SynonymGroup.objects.create(terms="retour\nterugsturen")
    with django_assert_num_queries(0):
        assert synonyms.current_table().expand("retour") == "retour"

    monkeypatch.setattr(synonyms, "FALLBACK_SECONDS", 0)
    assert synonyms.current_table().expand("retour") == "(retour | terugsturen)"


def test_a_change_makes_cached_search_pages_stale(
    page_cache, editor_client, shipment, django_capture_on_commit_callbacks
):
    anonymous = Client()
    first = anonymous.get("/zoeken/", {"q": "pakket"})
    before = pagecache._generations([pagecache.COMPLAINTS])

    _add_in_admin(editor_client, django_capture_on_commit_callbacks, "pakket, zending")

    assert pagecache._generations([pagecache.COMPLAINTS]) != before
    again = anonymous.get("/zoeken/", {"q": "pakket"})
    assert shipment.title not in first.content.decode()
    assert shipment.title in again.content.decode()
