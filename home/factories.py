"""Factories for the home app's pages."""

from core.factories import HomeChildFactory


class OutOfScopePageFactory(HomeChildFactory):
    class Meta:
        model = "home.OutOfScopePage"

    case = "government"
    title = "Een klacht over de overheid"
    intro = "Voor klachten over de overheid is er een eigen, onafhankelijke instantie."
    body = "<p>Tekst.</p>"
    referral_name = "de Nationale ombudsman"
    referral_url = "https://www.nationaleombudsman.nl/"
