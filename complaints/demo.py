"""Demo complaints, one or more in every status, made through the real transitions."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from companies.models import CompanyPage, Sector
from complaints.factories import TopicFactory, make_complaint
from complaints.models import ComplaintPage, Topic

# (slug, status, company, topic, days ago, title, description, desired outcome, private)
COMPLAINTS = [
    (
        "demo-pakket-kwijt",
        "awaiting_company",
        "polderpost",
        "levering",
        3,
        "Pakket als bezorgd gemeld, nooit ontvangen",
        "Mijn pakket met een koffiezetapparaat staat sinds 2 november als bezorgd in de track-and-trace. "
        "Ik was die dag thuis en er is niet aangebeld. Bij de buren is ook niets afgegeven. De klantenservice "
        "zegt dat ik bij de webwinkel moet zijn, de webwinkel verwijst terug naar de bezorger.",
        "Ik wil dat u nagaat waar het pakket is en het alsnog bezorgt, of bevestigt dat het kwijt is zodat de "
        "webwinkel het kan vergoeden.",
        "Zendingnummer PP-3344-1290-NL, Lindenlaan 14, Amersfoort",
    ),
    (
        "demo-dubbele-afschrijving",
        "awaiting_consumer",
        "noordnet-telecom",
        "facturering",
        12,
        "Abonnement twee keer afgeschreven in oktober",
        "In oktober is mijn mobiele abonnement van 24,50 euro twee keer van mijn rekening afgeschreven. Ik heb "
        "dit op 14 oktober via de chat gemeld en kreeg toen te horen dat het binnen vijf werkdagen zou worden "
        "teruggestort. Dat is niet gebeurd.",
        "Ik wil de dubbele afschrijving van 24,50 euro terug op mijn rekening.",
        "Klantnummer NN-778812, IBAN eindigend op 4471",
    ),
    (
        "demo-storing-glasvezel",
        "awaiting_rating",
        "noordnet-telecom",
        "storing",
        25,
        "Tien dagen geen internet na storing",
        "Sinds 1 oktober werkt mijn glasvezelverbinding niet. Er zou een monteur komen, maar die afspraak is "
        "twee keer afgezegd zonder bericht. Ik werk thuis en moest steeds naar de bibliotheek.",
        "Ik wil dat de storing wordt verholpen en een vergoeding voor de dagen zonder internet.",
        "Aansluitadres Kerkstraat 3, Zwolle; storingsnummer 55120",
    ),
    (
        "demo-keuken-montage",
        "rated",
        "keukenhuys",
        "garantie-en-reparatie",
        60,
        "Keukenkastje scheef gemonteerd",
        "Bij de montage van mijn nieuwe keuken is een bovenkastje scheef opgehangen en de deur sluit niet. De "
        "monteur zei dat er iemand terug zou komen, maar na drie weken had ik nog niets gehoord.",
        "Ik wil dat het kastje recht wordt gehangen door een monteur.",
        "Ordernummer KH-2026-00917",
    ),
    (
        "demo-energie-jaarnota",
        "unanswered",
        "zonnestroom-holland",
        "facturering",
        40,
        "Jaarnota veel te hoog door verkeerde meterstand",
        "Op mijn jaarnota staat een meterstand die 4000 kWh hoger is dan wat mijn meter aangeeft. Ik heb een foto "
        "van de meter gestuurd, maar kreeg alleen een automatisch antwoord.",
        "Ik wil een nieuwe jaarnota op basis van de juiste meterstand.",
        "Klantnummer ZH-100234, EAN 871687400001234567",
    ),
    (
        "demo-retour-geld",
        "closed",
        "klikwinkel",
        "retour-en-terugbetaling",
        90,
        "Geld voor retour niet terugbetaald",
        "Ik heb binnen de bedenktijd een stofzuiger teruggestuurd. Volgens de track-and-trace is hij op 2 augustus "
        "ontvangen, maar ik heb mijn geld nog niet terug.",
        "Ik wil de 189 euro terug op mijn rekening.",
        "Bestelnummer KW-88120-B",
    ),
    (
        "demo-reis-geannuleerd",
        "awaiting_company",
        "zeewind-reizen",
        "annulering",
        6,
        "Reis geannuleerd, alleen een voucher aangeboden",
        "Zeewind Reizen heeft onze pakketreis naar Porto drie weken voor vertrek geannuleerd. Ik kreeg alleen "
        "een voucher aangeboden, terwijl ik bij annulering door de reisorganisatie recht heb op mijn geld.",
        "Ik wil de reissom van 1240 euro terug in plaats van een voucher.",
        "Boekingsnummer ZW-55671",
    ),
    (
        "demo-verzekering-schade",
        "awaiting_consumer",
        "dijkhuis-verzekeringen",
        "schade-uitkering",
        15,
        "Waterschade afgewezen zonder uitleg",
        "Na een lekkage is mijn vloer beschadigd. Dijkhuis wijst de claim af zonder te zeggen waarom. Ik heb om "
        "een toelichting gevraagd maar die niet gekregen.",
        "Ik wil een schriftelijke uitleg van de afwijzing en een nieuwe beoordeling door een expert.",
        "Polisnummer DV-4410021, schadenummer 2026-7781",
    ),
    (
        "demo-concept",
        "draft",
        "huis-en-haard-online",
        "levering",
        1,
        "Kachel beschadigd geleverd",
        "De kachel kwam met een deuk in de zijkant aan.",
        "",
        "",
    ),
    (
        "demo-in-controle",
        "in_moderation",
        "parkduin-vakantieparken",
        "klantenservice",
        1,
        "Huisje niet schoon bij aankomst",
        "Bij aankomst in ons vakantiehuisje was het niet schoongemaakt: vuile vaat, onopgemaakte bedden. De receptie "
        "was dicht en niemand nam de telefoon op.",
        "Ik wil de schoonmaakkosten van 75 euro terug.",
        "Reserveringsnummer PD-2026-3310",
    ),
    (
        "demo-afgewezen",
        "rejected",
        "spaarbank-oranje",
        "klantenservice",
        2,
        "Geen reactie op mijn vraag over rente",
        "Al drie weken wacht ik op een antwoord over de rente op mijn spaarrekening.",
        "Een antwoord.",
        "",
    ),
    (
        "demo-ingetrokken",
        "withdrawn",
        "kabelkei",
        "opzeggen",
        30,
        "Opzegging niet verwerkt",
        "Ik heb mijn abonnement per 1 september opgezegd, maar word nog steeds gefactureerd.",
        "Ik wil dat de opzegging wordt verwerkt en de te veel betaalde maanden worden terugbetaald.",
        "",
    ),
    (
        "demo-verlopen",
        "expired",
        "warmtenet-de-vallei",
        "facturering",
        800,
        "Voorschot warmte te hoog vastgesteld",
        "Mijn maandelijkse voorschot is verdubbeld zonder dat mijn verbruik is gestegen.",
        "Ik wil een voorschot dat past bij mijn verbruik.",
        "",
    ),
]


# Extra handled complaints, so that the demo shows a pluim and an improvement point:
# (company, grades, days between them)
HISTORY = [
    ("keukenhuys", [9, 9, 8, 10, 9, 8, 9, 9], 35),
    ("zonnestroom-holland", [3, 4, 2, 5, 3, 4], 45),
]
HISTORY_TEXTS = [
    (
        "Levering te laat",
        "De bestelling kwam ruim twee weken later dan afgesproken, zonder bericht vooraf.",
        "Ik wil een vergoeding voor de vrije dag die ik voor niets had genomen.",
    ),
    (
        "Rekening klopt niet",
        "Op de rekening staan kosten die niet in mijn contract staan.",
        "Ik wil een gecorrigeerde rekening.",
    ),
    (
        "Klantenservice onbereikbaar",
        "Ik heb vier keer gebeld en telkens na een half uur wachten opgehangen.",
        "Ik wil dat iemand mij terugbelt over mijn vraag.",
    ),
]


def load_history(consumer, now) -> int:
    made = 0
    for company_slug, grades, spacing in HISTORY:
        company = CompanyPage.objects.get(slug=company_slug)
        topic = Topic.objects.get(slug="klantenservice")
        for i, grade in enumerate(grades):
            slug = f"demo-{company_slug}-{i}"
            if ComplaintPage.objects.filter(slug=slug).exists():
                continue
            title, text, outcome = HISTORY_TEXTS[i % len(HISTORY_TEXTS)]
            make_complaint(
                company=company,
                consumer=consumer,
                status="rated",
                title=title,
                description=text,
                desired_outcome=outcome,
                private_details="",
                topic=topic,
                now=now - timedelta(days=30 + i * spacing),
                slug=slug,
                notify=False,
                grade=grade,
            )
            made += 1
    return made


# Complaints with settlement offers, each left at another point of the offer's course:
# (slug, company, topic, days ago, title, description, desired outcome, offer, course).
# The offer: kind, amount, description, message. The course, in order: "declined",
# "accepted", "accepted_public" (amount may be shown), "carried_out", "rated".
OFFER_COMPLAINTS = [
    (
        "demo-voorstel-open",
        "klikwinkel",
        "retour-en-terugbetaling",
        2,
        "Retour ontvangen, geld niet teruggestort",
        "Drie weken geleden stuurde ik een koptelefoon terug. Volgens de track-and-trace is "
        "hij ontvangen, maar het aankoopbedrag staat nog niet op mijn rekening.",
        "Ik wil het aankoopbedrag van 89,99 euro terug.",
        ("refund", "89.99", "", "Je retour is binnen; we storten het bedrag terug."),
        (),
    ),
    (
        "demo-voorstel-afgewezen",
        "noordnet-telecom",
        "storing",
        8,
        "Vijf dagen zonder internet na een storing",
        "Na een storing in de wijk had ik vijf werkdagen geen internet. Ik werk thuis en "
        "moest uitwijken naar een flexplek.",
        "Ik wil een vergoeding voor de dagen zonder verbinding.",
        ("credit", "10.00", "", "We bieden tegoed aan op je volgende rekening."),
        ("declined",),
    ),
    (
        "demo-voorstel-aangenomen",
        "huis-en-haard-online",
        "levering",
        5,
        "Kachel met deuk geleverd",
        "De houtkachel die ik bestelde kwam met een flinke deuk in de zijkant aan. De "
        "bezorger was al weg voordat ik de doos had geopend.",
        "Ik wil een onbeschadigde kachel.",
        ("replacement", None, "Een nieuwe kachel, bezorgd en de oude meegenomen.", ""),
        ("accepted",),
    ),
    (
        "demo-voorstel-uitgevoerd",
        "meubelmakerij-van-dam",
        "garantie-en-reparatie",
        14,
        "Tafelblad scheurt na twee maanden",
        "Het eikenhouten tafelblad dat op maat is gemaakt, vertoont na twee maanden een "
        "scheur over de hele lengte.",
        "Ik wil dat het blad wordt hersteld of vervangen.",
        ("repair", None, "De meubelmaker herstelt het blad bij je thuis.", ""),
        ("accepted", "carried_out"),
    ),
    (
        "demo-voorstel-opgelost",
        "zeewind-reizen",
        "annulering",
        45,
        "Reis geannuleerd, kosten niet terugbetaald",
        "De reisorganisatie annuleerde mijn reis naar Kreta, maar hield de reserveringskosten in.",
        "Ik wil de reserveringskosten terug.",
        ("refund", "35.00", "", "Die kosten hadden we niet mogen houden."),
        ("accepted_public", "carried_out", "rated"),
    ),
]


def _run_offer_course(complaint, offer_fields, course, consumer, at) -> None:
    """The offer and its answers through the services, a day apart from `at` on."""
    from decimal import Decimal

    from complaints import services
    from complaints.factories import representative_of

    kind, amount, description, message = offer_fields
    rep = representative_of(complaint.company)
    day = timedelta(days=1)
    offer = services.make_offer(
        complaint,
        rep,
        now=at,
        kind=kind,
        amount=Decimal(amount) if amount else None,
        description=description,
        message=message,
        answer_by=timezone.localdate(at) + timedelta(days=7),
        carry_out_by=timezone.localdate(at) + timedelta(days=10),
    )
    for step, action in enumerate(course, start=1):
        when = at + step * day
        if action == "declined":
            services.decline_offer(
                offer, consumer, "Tien euro dekt de kosten van de flexplek niet.", now=when
            )
        elif action in ("accepted", "accepted_public"):
            services.accept_offer(
                offer, consumer, amount_public=action == "accepted_public", now=when
            )
        elif action == "carried_out":
            services.confirm_offer_carried_out(offer, rep, now=when)
        elif action == "rated":
            services.rate(complaint, consumer, grade=8, solved=True, now=when)
        offer.refresh_from_db()


def load_offers(consumer, now) -> int:
    """Complaints with settlement offers in several states, through the services (the
    one door), without mail: the demo addresses are made up."""
    from complaints import services

    made = 0
    for (
        slug,
        company_slug,
        topic_slug,
        days,
        title,
        text,
        outcome,
        offer,
        course,
    ) in OFFER_COMPLAINTS:
        if ComplaintPage.objects.filter(slug=slug).exists():
            continue
        published_at = now - timedelta(days=days)
        complaint = make_complaint(
            company=CompanyPage.objects.get(slug=company_slug),
            consumer=consumer,
            status="awaiting_company",
            title=title,
            description=text,
            desired_outcome=outcome,
            private_details="",
            topic=Topic.objects.get(slug=topic_slug),
            now=published_at,
            slug=slug,
            notify=False,
        )
        with services.notifications_enabled(False):
            _run_offer_course(complaint, offer, course, consumer, published_at + timedelta(days=1))
        made += 1
    return made


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


def load_topics() -> int:
    """The demo topics, general or for the demo sectors (companies.demo)."""
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    for i, (slug, name, description, sector_slugs) in enumerate(TOPICS):
        TopicFactory(
            slug=slug,
            name=name,
            description=description,
            sort_order=i,
            sectors=[sectors[s] for s in sector_slugs],
        )
    return len(TOPICS)


def load() -> int:
    consumer = get_user_model().objects.get(username="consumer")
    now = timezone.now()
    created = 0
    for slug, status, company_slug, topic_slug, days, title, text, outcome, private in COMPLAINTS:
        if ComplaintPage.objects.filter(slug=slug).exists():
            continue
        complaint = make_complaint(
            company=CompanyPage.objects.get(slug=company_slug),
            consumer=consumer,
            status=status,
            title=title,
            description=text,
            desired_outcome=outcome,
            private_details=private,
            topic=Topic.objects.get(slug=topic_slug),
            now=now - timedelta(days=days),
            slug=slug,
            notify=False,  # demo addresses are made up; nobody is to be mailed
        )
        created += bool(complaint)
    created += load_history(consumer, now)
    created += load_offers(consumer, now)
    return created
