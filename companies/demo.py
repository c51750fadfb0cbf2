"""Demo sectors and companies. All companies are made up (topics: complaints.demo)."""

from companies.factories import CompanyIndexPageFactory, CompanyPageFactory, SectorFactory

SECTORS = [
    ("telecom", "Telecom en internet", "Mobiele telefonie, internet en televisie."),
    ("energie", "Energie", "Stroom, gas en warmte."),
    ("webwinkels", "Webwinkels", "Online winkels die in Nederland verkopen."),
    ("pakketbezorging", "Pakketbezorging", "Bezorgers van pakketten en post."),
    ("reizen", "Reizen", "Reisorganisaties, vakantieparken en vervoer."),
    ("verzekeringen", "Verzekeringen en bankieren", "Verzekeraars, banken en kredietverstrekkers."),
    ("wonen", "Wonen en inrichting", "Meubels, keukens en klussen in huis."),
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


# Made-up customer-service routes (slug: url path, phone, hours); the e-mail address
# is klantenservice@<slug>.example. Some companies have none, as in real life.
CUSTOMER_SERVICE = {
    "noordnet-telecom": ("/klantenservice", "0800-0234", "Elke dag van 8.00 tot 22.00 uur"),
    "kabelkei": ("/contact", "050-3123456", "Maandag tot en met vrijdag 9.00 tot 17.00 uur"),
    "zonnestroom-holland": ("/service", "088-7654321", "Werkdagen van 8.30 tot 17.30 uur"),
    "warmtenet-de-vallei": ("/storing-en-contact", "0318-612345", "Storingen: dag en nacht"),
    "klikwinkel": (
        "/klantenservice",
        "020-7891234",
        "Chat en telefoon: elke dag 8.00 tot 23.00 uur",
    ),
    "polderpost": ("/contact", "0900-1234567", "Maandag tot en met zaterdag 8.00 tot 20.00 uur"),
    "zeewind-reizen": ("/contact", "+31 10 456 7890", "Werkdagen van 9.00 tot 18.00 uur"),
    "parkduin-vakantieparken": ("/contact", "0118-412345", "Dagelijks van 9.00 tot 17.00 uur"),
    "dijkhuis-verzekeringen": (
        "/klantenservice",
        "030-2345678",
        "Werkdagen van 8.00 tot 20.00 uur",
    ),
    "keukenhuys": ("/service", "073-6543210", "Maandag tot en met zaterdag 9.00 tot 17.30 uur"),
}


def _customer_service(slug: str, website: str) -> dict:
    if slug not in CUSTOMER_SERVICE:
        return {}
    path, phone, hours = CUSTOMER_SERVICE[slug]
    return {
        "customer_service_url": website + path,
        "customer_service_phone": phone,
        "customer_service_email": f"klantenservice@{slug}.example",
        "customer_service_hours": hours,
    }


def load() -> dict:
    sectors = {
        slug: SectorFactory(slug=slug, name=name, description=description, sort_order=i)
        for i, (slug, name, description) in enumerate(SECTORS)
    }
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
                **_customer_service(slug, website),
            )
        )
    return {"sectors": len(sectors), "companies": companies}
