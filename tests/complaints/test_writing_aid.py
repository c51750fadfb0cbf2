"""The writing aid in the wizard: the live endpoint and the same hints without JavaScript."""

import pytest

from complaints import writing_aid
from complaints.writing_aid import Hint
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


@pytest.mark.parametrize(
    "outcome",
    [
        "Ik wil graag mijn geld terug.",
        "Terugbetaling van € 89,95.",
        "Reparatie of vervanging van de wasmachine.",
        "Graag zou ik excuses ontvangen.",
        "Ik verwacht een vergoeding van de gemaakte kosten.",
        "Compensatie voor de gemiste werkdag.",
        "Het abonnement opzeggen zonder boete.",
        "Ontbinding van de koop.",
        "Annuleren en het bedrag terugstorten.",
        "Ik vraag om een oplossing binnen 10 werkdagen.",
        "We willen een nieuwe afspraak.",
        "Geld terug!",
        "Een schadevergoeding.",
        "Ik verzoek jullie de factuur te crediteren.",
        "Dat de schade wordt hersteld.",
        "Een nieuwe wasmachine.",  # short, but in this field it is a wish
        "Alsnog levering van de bank.",
        "Dat ze het pakket opnieuw sturen.",
        "Ik verwácht een reactie.",  # accents change nothing
    ],
)
def test_a_stated_wish_passes(outcome):
    hints = writing_aid.check(description="", desired_outcome=outcome).hints

    assert Hint("ok", "Je zegt duidelijk wat je wilt.", "desired_outcome") in hints
    assert not [h for h in hints if h.field == "desired_outcome" and h.level != "ok"]


@pytest.mark.parametrize(
    "outcome",
    [
        "Dit is echt onacceptabel.",
        "Slechte service, nooit meer.",
        "Het pakket is nooit aangekomen.",
        "Schandalig hoe ik behandeld ben.",
        "Zie hierboven.",
        "Ik ben heel boos.",
        "De klantenservice nam niet op en de monteur kwam te laat.",
        "?",
    ],
)
def test_an_answer_that_asks_for_nothing_gets_a_hint_with_an_example(outcome):
    [hint] = [
        h for h in writing_aid.check(desired_outcome=outcome).hints if h.field == "desired_outcome"
    ]

    assert hint.level == "info"
    assert "blijkt nog niet wat je vraagt" in hint.message
    assert "Bijvoorbeeld: ‘Ik wil binnen 10 werkdagen mijn geld terug" in hint.message


def test_without_an_answer_the_story_is_read_instead():
    in_story = writing_aid.check(
        description="De wasmachine lekt. Ik wil dat hij wordt gerepareerd.", desired_outcome=""
    )
    nowhere = writing_aid.check(
        description="Mijn nieuwe laptop werd nooit geleverd.", desired_outcome=""
    )

    [hint] = [h for h in in_story.hints if h.field == "desired_outcome"]
    assert "In je verhaal staat wat je wilt" in hint.message
    [hint] = [h for h in nowhere.hints if h.field == "desired_outcome"]
    assert hint.message.startswith("Zeg wat je wilt: reparatie, vervanging, je geld terug?")
    assert "Bijvoorbeeld" in hint.message


def test_the_story_needs_more_than_a_word_that_only_counts_in_the_answer():
    assert not writing_aid.states_a_wish("Mijn nieuwe laptop werd nooit geleverd.")
    assert writing_aid.states_a_wish("Nieuwe laptop", outcome_field=True)


def test_the_review_step_warns_and_links_back_but_does_not_block(
    client,
    consumer,
    company,
    topic,  # noqa: F811 (fixture)
):
    client.force_login(consumer)
    complaint = start(client, company, topic)
    client.post(
        f"/klacht-indienen/{complaint.pk}/klacht/",
        {
            **TEXT,
            "topic": topic.pk,
            "title": "Klotebezorger gooit pakket over de schutting",
            "description": TEXT["description"] + " Bel me op 06-12345678.",
            "desired_outcome": "Dit is echt onacceptabel.",
        },
    )

    response = client.get(f"/klacht-indienen/{complaint.pk}/controleren/")

    page = response.content.decode()
    warnings = page[page.index("Kijk hier nog even naar") : page.index("Klacht versturen")]
    text_step = f"/klacht-indienen/{complaint.pk}/klacht/"
    assert "klotebezorger" in warnings
    assert f'href="{text_step}#id_title"' in warnings
    assert "Je noemt een telefoonnummer (06-…)" in warnings
    assert f'href="{text_step}#id_description"' in warnings
    assert "blijkt nog niet wat je vraagt" in warnings
    assert f'href="{text_step}#id_desired_outcome"' in warnings
    assert "12345678" not in warnings

    response = client.post(f"/klacht-indienen/{complaint.pk}/controleren/")

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "in_moderation"


def test_a_clean_complaint_has_no_warnings_on_the_review_step(
    client,
    consumer,
    company,
    topic,  # noqa: F811 (fixture)
):
    client.force_login(consumer)
    complaint = start(client, company, topic)

    response = client.get(f"/klacht-indienen/{complaint.pk}/controleren/")

    assert response.status_code == 200
    assert "Kijk hier nog even naar" not in response.content.decode()
    assert response.context["warnings"] == []
