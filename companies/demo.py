"""Demo sectors, topics and companies. All companies are made up."""

from companies.factories import CompanyIndexPageFactory, CompanyPageFactory, SectorFactory
from complaints.factories import TopicFactory

SECTORS = [
    ("telecom", "Telecom en internet", "Mobiele telefonie, internet en televisie."),
    ("energie", "Energie", "Stroom, gas en warmte."),
    ("webwinkels", "Webwinkels", "Online winkels die in Nederland verkopen."),
    ("pakketbezorging", "Pakketbezorging", "Bezorgers van pakketten en post."),
    ("reizen", "Reizen", "Reisorganisaties, vakantieparken en vervoer."),
    ("verzekeringen", "Verzekeringen en bankieren", "Verzekeraars, banken en kredietverstrekkers."),
    ("wonen", "Wonen en inrichting", "Meubels, keukens en klussen in huis."),
]

# (slug, name, description, sector slugs; empty = general)
TOPICS = [
    ("levering", "Levering", "Te laat, niet of beschadigd geleverd.", []),
    ("facturering", "Facturering", "Onjuiste of onverwachte rekeningen en afschrijvingen.", []),
    ("contract-en-abonnement", "Contract en abonnement", "Afsluiten, wijzigen, verlengen.", []),
    ("opzeggen", "Opzeggen", "Een abonnement of contract beëindigen.", []),
    ("garantie-en-reparatie", "Garantie en reparatie", "Een gebrek aan een product.", []),
    ("klantenservice", "Klantenservice", "Onbereikbaar, onvriendelijk of geen antwoord.", []),
    ("retour-en-terugbetaling", "Retour en terugbetaling", "Terugsturen en je geld terug.", []),
    ("privacy", "Privacy", "Wat een bedrijf met je gegevens doet.", []),
    ("storing", "Storing", "Geen verbinding, geen stroom of gas.", ["telecom", "energie"]),
    (
        "schade-uitkering",
        "Schade-uitkering",
        "Een verzekeraar die niet of te weinig uitkeert.",
        ["verzekeringen"],
    ),
    (
        "annulering",
        "Annulering",
        "Een reis die niet doorgaat of die je wilt annuleren.",
        ["reizen"],
    ),
    (
        "verhuizing",
        "Verhuizing",
        "Je aansluiting of contract meenemen naar een nieuw adres.",
        ["telecom", "energie"],
    ),
]

# (slug, trade name, legal name, KvK, sector, reach, region, participates, website, text)
COMPANIES = [
    (
        "noordnet-telecom",
        "NoordNet Telecom",
        "NoordNet Telecom B.V.",
        "61234501",
        "telecom",
        "national",
        "",
        True,
        "https://noordnet.example",
        "Mobiele abonnementen en glasvezel in heel Nederland.",
    ),
    (
        "kabelkei",
        "KabelKei",
        "KabelKei Media B.V.",
        "61234502",
        "telecom",
        "regional",
        "Groningen en Drenthe",
        False,
        "https://kabelkei.example",
        "Internet en televisie via de kabel in het noorden.",
    ),
    (
        "zonnestroom-holland",
        "Zonnestroom Holland",
        "Zonnestroom Holland N.V.",
        "61234503",
        "energie",
        "national",
        "",
        True,
        "https://zonnestroom.example",
        "Groene stroom en gas voor huishoudens.",
    ),
    (
        "warmtenet-de-vallei",
        "Warmtenet De Vallei",
        "Warmtenet De Vallei B.V.",
        "61234504",
        "energie",
        "regional",
        "Gelderse Vallei",
        True,
        "https://warmtenet-vallei.example",
        "Stadsverwarming in Ede, Veenendaal en omgeving.",
    ),
    (
        "klikwinkel",
        "Klikwinkel.nl",
        "Klikwinkel Retail B.V.",
        "61234505",
        "webwinkels",
        "national",
        "",
        True,
        "https://klikwinkel.example",
        "Elektronica, huishouden en speelgoed, morgen in huis.",
    ),
    (
        "huis-en-haard-online",
        "Huis & Haard Online",
        "Huis en Haard Online V.O.F.",
        "61234506",
        "webwinkels",
        "national",
        "",
        False,
        "https://huisenhaard.example",
        "Woonaccessoires en kachels via internet.",
    ),
    (
        "polderpost",
        "Polderpost Pakketdienst",
        "Polderpost Logistiek B.V.",
        "61234507",
        "pakketbezorging",
        "national",
        "",
        True,
        "https://polderpost.example",
        "Pakketbezorging voor webwinkels en particulieren.",
    ),
    (
        "snelkoerier-dijkstra",
        "Snelkoerier Dijkstra",
        "Dijkstra Koeriers B.V.",
        "61234508",
        "pakketbezorging",
        "regional",
        "Friesland",
        False,
        "https://dijkstra-koeriers.example",
        "Koeriersdiensten in Friesland, dezelfde dag bezorgd.",
    ),
    (
        "zeewind-reizen",
        "Zeewind Reizen",
        "Zeewind Reizen B.V.",
        "61234509",
        "reizen",
        "national",
        "",
        True,
        "https://zeewindreizen.example",
        "Pakketreizen en stedentrips.",
    ),
    (
        "parkduin-vakantieparken",
        "Parkduin Vakantieparken",
        "Parkduin Recreatie B.V.",
        "61234510",
        "reizen",
        "regional",
        "Zeeland",
        True,
        "https://parkduin.example",
        "Vakantiehuisjes aan de Zeeuwse kust.",
    ),
    (
        "dijkhuis-verzekeringen",
        "Dijkhuis Verzekeringen",
        "Dijkhuis Verzekeringen N.V.",
        "61234511",
        "verzekeringen",
        "national",
        "",
        True,
        "https://dijkhuis.example",
        "Auto-, woon- en reisverzekeringen.",
    ),
    (
        "spaarbank-oranje",
        "Spaarbank Oranje",
        "Spaarbank Oranje N.V.",
        "61234512",
        "verzekeringen",
        "national",
        "",
        False,
        "https://spaarbankoranje.example",
        "Sparen, betalen en persoonlijke leningen.",
    ),
    (
        "keukenhuys",
        "Keukenhuys",
        "Keukenhuys Nederland B.V.",
        "61234513",
        "wonen",
        "national",
        "",
        True,
        "https://keukenhuys.example",
        "Keukens op maat, inclusief montage.",
    ),
    (
        "meubelmakerij-van-dam",
        "Meubelmakerij Van Dam",
        "Van Dam Meubelen B.V.",
        "61234514",
        "wonen",
        "regional",
        "Utrecht",
        False,
        "https://vandam-meubelen.example",
        "Meubels op maat uit eigen werkplaats.",
    ),
]


def load() -> dict:
    sectors = {
        slug: SectorFactory(slug=slug, name=name, description=description, sort_order=i)
        for i, (slug, name, description) in enumerate(SECTORS)
    }
    for i, (slug, name, description, sector_slugs) in enumerate(TOPICS):
        TopicFactory(
            slug=slug,
            name=name,
            description=description,
            sort_order=i,
            sectors=[sectors[s] for s in sector_slugs],
        )
    index = CompanyIndexPageFactory(
        title="Bedrijven",
        slug="bedrijven",
        intro="<p>Alle bedrijven op Klachtenkompas, per sector. Bij elk bedrijf zie je de "
        "klachten en hoe het bedrijf reageert.</p>",
    )
    companies = []
    for row in COMPANIES:
        slug, title, legal, kvk, sector, reach, region, participates, website, text = row
        companies.append(
            CompanyPageFactory(
                parent=index,
                slug=slug,
                title=title,
                legal_name=legal,
                kvk_number=kvk,
                sector=sectors[sector],
                reach=reach,
                region=region,
                participates=participates,
                website=website,
                description=f"<p>{text}</p>",
                contact_emails=[f"klachten@{slug}.example"],
            )
        )
    return {"sectors": len(sectors), "topics": len(TOPICS), "companies": companies}
