"""The one list of swear words and slurs, shared by the writing aid and the moderation
screening: compounds caught, ordinary words left alone."""

import pytest

from complaints import writing_aid
from complaints.screening import find_terms, screen


@pytest.mark.parametrize(
    "text, found",
    [
        # a swear word glued to the front of an ordinary word
        ("Die klotebezorger gooide het over de schutting.", "klotebezorger"),
        ("Wat een kutbedrijf.", "kutbedrijf"),
        ("Een teringzooi bij de kassa.", "teringzooi"),
        ("Dat klerebedrijf reageert nooit.", "klerebedrijf"),
        ("Wat een kankerbende daar.", "kankerbende"),
        ("Pokkenbedrijf!", "pokkenbedrijf"),
        ("Een pleurisherrie aan de telefoon.", "pleurisherrie"),
        ("Stelletje kutjes", "kutjes"),
        # ... or to the back of one
        ("Die vuileklootzakken van de helpdesk", "vuileklootzakken"),
        ("De monteur was een kuteikel.", "kuteikel"),
        ("Een randidioot aan de lijn.", "randidioot"),
        ("Wat een slappelul.", "slappelul"),
        ("Echt een stomme zeurtrut.", "zeurtrut"),
        ("Die bedrijfsschoften!", "bedrijfsschoften"),
        # capitals, accents and hyphens change nothing
        ("KLOTE-BEZORGER", "klote"),
        ("Wat een KLÓTEbedrijf", "klotebedrijf"),
        # whole words and phrases, as before
        ("Wat een eikel.", "eikel"),
        ("Rot op met je voorwaarden.", "rot op"),
        ("Het zijn gewoon oplichters.", "oplichters"),
        # "kanker" on its own is flagged, also in a neutral sentence: see TERMS
        ("Mijn moeder heeft kanker.", "kanker"),
    ],
)
def test_swear_words_and_their_compounds_are_found(text, found):
    assert [term for term, _start, _end in find_terms(text)] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "Het water bleef in de machine klotsen.",
        "Ze zagen ons als klootjesvolk.",  # old-fashioned and rude, but not a swear word
        "Ze bleven mijn e-mails negeren.",
        "De kleren pasten niet in de klerenkast.",
        "Mijn vader had longkanker en borstkanker komt in de familie voor.",
        "Als kankerpatiënt kan ik niet lang wachten; de kankerbehandeling loopt nog.",
        "Het product bleek kankerverwekkend volgens het KWF Kankerbestrijding.",
        "Hoera, na zes weken een antwoord!",
        "Je moet de tering naar de nering zetten.",
        "De kinderen hadden waterpokken.",
        "Een Mongoolse tent uit de webwinkel.",
        "De monteur was laat, onbeleefd en slordig.",
        "Ik heb mijn klacht op 3 oktober gestuurd.",
        "De kluts kwijt, de lullige fout van de bezorger.",
    ],
)
def test_ordinary_words_are_left_alone(text):
    assert find_terms(text) == []


def test_the_match_gives_the_position_in_the_original_text():
    text = "Geen reactie van die klotebezorger."

    [(term, start, end)] = find_terms(text)

    assert text[start:end] == "klotebezorger"


@pytest.mark.parametrize(
    "text",
    [
        "Die klotebezorger en dat kutbedrijf.",
        "Mijn e-mails negeren, de klerebedrijf-houding.",
        "Gewoon een nette klacht over een late levering.",
    ],
)
def test_the_writing_aid_warns_about_exactly_what_the_moderator_will_see(text):
    flagged = {hit["term"] for hit in screen({"description": ("Beschrijving", text)})}

    hints = writing_aid.check(description=text).hints
    warned = [h for h in hints if "beledigend" in h.message]

    if flagged:
        [hint] = warned
        for term in flagged:
            assert term in hint.message
    else:
        assert warned == []


@pytest.mark.django_db
def test_a_reaction_with_a_compound_swear_word_waits_for_a_moderator(make_complaint, consumer):
    from complaints import services
    from complaints.models import Reaction

    complaint = make_complaint(status="awaiting_consumer")

    reaction = services.react(complaint, consumer, "Die klotebezorger heeft nog steeds niets.")

    assert reaction.visibility == Reaction.Visibility.PENDING
    assert [hit["term"] for hit in reaction.screening_hits] == ["klotebezorger"]
