"""The writing aid in the wizard: the live endpoint and the same hints without JavaScript."""

import pytest

from tests.complaints.test_wizard import TEXT, start, topic  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_the_live_endpoint_reads_the_title_and_warns_about_personal_data(client, consumer):
    client.force_login(consumer)

    data = client.post(
        "/klacht-indienen/schrijfhulp/",
        {
            "title": "Nooit bezorgd op Dorpsstraat 12",
            "description": "Bel me gerust op 06-12345678, dan leg ik het uit.",
            "desired_outcome": "Ik wil mijn geld terug.",
        },
    ).json()

    assert data["words"] == 11
    assert data["count"] == {"level": "ok", "message": "11 van ongeveer 250 woorden."}
    warnings = [(h["field"], h["message"]) for h in data["hints"] if h["level"] == "warning"]
    assert ("title", next(m for f, m in warnings if "adres" in m)) in warnings
    assert any(f == "description" and "telefoonnummer (06-…)" in m for f, m in warnings)
    # Masked: the whole number is never sent back.
    assert "12345678" not in str(data)


def test_the_word_count_is_apart_from_the_hints(client, consumer):
    # The hints are announced when they change; with the count among them they would
    # change on every word.
    client.force_login(consumer)
    long_text = "woord " * 400

    data = client.post("/klacht-indienen/schrijfhulp/", {"description": long_text}).json()

    assert data["count"]["level"] == "warning"
    assert "400" in data["count"]["message"]
    assert not any("400" in h["message"] for h in data["hints"])
    assert any("langer dan ongeveer 250 woorden" in h["message"] for h in data["hints"])


def test_the_text_step_shows_the_same_warnings_without_javascript(
    client,
    consumer,
    company,
    topic,  # noqa: F811 (fixture)
):
    client.force_login(consumer)
    complaint = start(client, company, topic)

    response = client.post(
        f"/klacht-indienen/{complaint.pk}/klacht/",
        {**TEXT, "topic": topic.pk, "title": "Stuur het naar 1234 AB", "description": "te kort"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Je noemt een postcode (12…)" in page
    assert 'id="writing-count"' in page
