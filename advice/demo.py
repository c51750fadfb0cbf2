"""Demo content for /tips/ and the escalation routes.

Written for Klachtenkompas; the facts come from the project's seed texts. Amounts and
terms that change over time are given as a range with a pointer to the source.
"""

from wagtail.rich_text import RichText

from advice.factories import AdviceIndexPageFactory, AdvicePageFactory


def p(html: str):
    return ("paragraph", RichText(html))


def h(text: str, level: str = "h2"):
    return ("heading", {"text": text, "level": level})


def tips(items, title="", style="bullets"):
    return ("tip_list", {"title": title, "style": style, "items": list(items)})


def cta(title, text, button_label, url):
    return (
        "call_to_action",
        {"title": title, "text": text, "page": None, "url": url, "button_label": button_label},
    )


def facts(who, when, cost, how="", website=""):
    return ("facts", {"who": who, "when": when, "cost": cost, "how": how, "website": website})


WRITE_COMPLAINT = cta(
    "Klaar om je klacht te schrijven?",
    "Klachtenkompas helpt je stap voor stap, met tips naast elk tekstvak.",
    "Klacht indienen",
    "/klacht-indienen/",
)

ROUTES = [
    {
        "slug": "geschillencommissie",
        "title": "De Geschillencommissie",
        "escalation_route": "geschillencommissie",
        "intro": "Een onafhankelijke uitspraak over je geschil, zonder rechter, als het "
        "bedrijf bij een geschillencommissie is aangesloten.",
        "body": [
            p(
                "<p>Veel branches hebben een eigen geschillencommissie, bijvoorbeeld voor "
                "reizen, energie, telecom of woninginrichting. Een commissie van deskundigen "
                "hoort beide kanten en doet een uitspraak. Meestal is die bindend: het "
                "bedrijf en jij moeten je eraan houden.</p>"
            ),
            facts(
                who="Consumenten met een geschil met een bedrijf dat bij de commissie van zijn "
                "branche is aangesloten. Op de website van het bedrijf of in de algemene "
                "voorwaarden staat of dat zo is.",
                when="Nadat je eerst zelf bij het bedrijf hebt geklaagd en er samen niet uit "
                "bent gekomen. Dien je geschil in binnen twaalf maanden na je klacht bij het "
                "bedrijf.",
                cost="Je betaalt klachtengeld; het bedrag verschilt per commissie en ligt meestal "
                "tussen enkele tientallen en ruim honderd euro. Krijg je gelijk, dan betaalt "
                "het bedrijf dat bedrag meestal aan je terug.",
                how="Online, met je klachtbrief, het antwoord van het bedrijf en je bewijs.",
                website="https://www.degeschillencommissie.nl/",
            ),
            tips(
                [
                    "Je klachtbrief en de reactie van het bedrijf (of het uitblijven ervan).",
                    "Bonnen, contract, orderbevestiging en foto's.",
                    "Je aantekeningen van elk contact: datum, tijd, met wie, wat is beloofd.",
                ],
                title="Dit heb je nodig",
                style="checklist",
            ),
        ],
    },
    {
        "slug": "kifid",
        "title": "Kifid: klachten over geldzaken",
        "escalation_route": "kifid",
        "intro": "Voor een klacht over een bank, verzekeraar, kredietverstrekker of "
        "financieel adviseur waar je met het bedrijf niet uitkomt.",
        "body": [
            p(
                "<p>Het Klachteninstituut Financiële Dienstverlening (Kifid) behandelt "
                "klachten over financiële producten en diensten: een verzekering die niet "
                "uitkeert, een hypotheek- of kredietkwestie, een bankrekening, beleggen of "
                "slecht advies. Vrijwel alle financiële bedrijven in Nederland zijn bij Kifid "
                "aangesloten.</p>"
            ),
            facts(
                who="Consumenten en kleine ondernemers met een klacht over een financiële "
                "dienstverlener die bij Kifid is aangesloten.",
                when="Eerst doorloop je de klachtenprocedure van het bedrijf zelf. Ben je het "
                "niet eens met het definitieve antwoord, of krijg je na acht weken nog geen "
                "antwoord, dan kun je naar Kifid. Wacht niet te lang: voor het indienen "
                "gelden termijnen, vaak drie maanden na het antwoord van het bedrijf.",
                cost="Voor consumenten laag of gratis; kijk op kifid.nl voor de regeling die nu "
                "geldt.",
                website="https://www.kifid.nl/",
            ),
        ],
    },
    {
        "slug": "acm-consuwijzer",
        "title": "ACM ConsuWijzer: weten wat je rechten zijn",
        "escalation_route": "acm-consuwijzer",
        "intro": "Gratis uitleg over je rechten, voorbeeldbrieven, en een plek om een "
        "probleem met een bedrijf te melden.",
        "body": [
            p(
                "<p>ConsuWijzer is het informatieloket van de Autoriteit Consument &amp; Markt "
                "(ACM), de toezichthouder. Je vindt er wat je rechten zijn bij bijvoorbeeld "
                "garantie, bezorging, opzeggen of de bedenktijd bij online kopen, met "
                "voorbeeldbrieven om het bedrijf aan te schrijven.</p>"
                "<p>Je kunt er ook een probleem met een bedrijf melden. De ACM lost je "
                "persoonlijke geschil niet op, maar gebruikt meldingen om op te treden tegen "
                "bedrijven die de regels overtreden.</p>"
            ),
            facts(
                who="Iedere consument.",
                when="Op elk moment: vooraf om je rechten te kennen, of als een bedrijf de "
                "regels lijkt te overtreden.",
                cost="Gratis.",
                website="https://www.consuwijzer.nl/",
            ),
        ],
    },
    {
        "slug": "kantonrechter",
        "title": "De kantonrechter: het laatste redmiddel",
        "escalation_route": "kantonrechter",
        "intro": "Helpt niets anders, dan kun je het bedrijf voor de kantonrechter dagen, "
        "zonder advocaat.",
        "body": [
            p(
                "<p>Bij de kantonrechter kun je zelf procederen: een advocaat is niet nodig. "
                "De rechter beslist wie er gelijk heeft en het bedrijf moet zich aan het vonnis "
                "houden. Het kost tijd en geld, dus probeer eerst de andere routes.</p>"
            ),
            facts(
                who="Iedereen met een vordering tot 25.000 euro, en bij sommige zaken, zoals "
                "consumentenkoop en consumentenkrediet, ook bij een hoger bedrag.",
                when="Als het bedrijf niet reageert of weigert, en er geen geschillencommissie "
                "is of het bedrijf daar niet bij is aangesloten. Zet je eisen eerst in een "
                "laatste brief met een termijn (een ingebrekestelling).",
                cost="Je betaalt griffierecht; dat hangt af van het bedrag van je vordering en "
                "begint voor particulieren bij ongeveer honderd euro. Daar komen de kosten "
                "van de deurwaarder voor de dagvaarding bij. Wie verliest, betaalt meestal een "
                "deel van de kosten van de ander. De actuele bedragen staan op rechtspraak.nl.",
                how="Met een dagvaarding, die een deurwaarder aan het bedrijf uitreikt. Het "
                "Juridisch Loket helpt je gratis op weg.",
                website="https://www.rechtspraak.nl/",
            ),
        ],
    },
]

ARTICLES = [
    {
        "slug": "bewaar-alles",
        "title": "Bewaar alles: zo bouw je een sterk dossier",
        "intro": "Wie zijn bewijs op orde heeft, wordt serieuzer genomen. Begin ermee op de dag "
        "dat je iets koopt, niet pas als het misgaat.",
        "body": [
            p(
                "<p>Een klacht staat of valt met bewijs. Het bedrijf kan zich niet herinneren "
                "wat een medewerker je drie weken geleden aan de telefoon beloofde; jouw "
                "aantekening van dat gesprek wel. Bewaar daarom bij elke grotere aankoop of "
                "elk contract de papieren en digitale sporen.</p>"
            ),
            tips(
                [
                    "Orderbevestiging, kassabon of factuur",
                    "Contract, algemene voorwaarden en garantiebewijs",
                    "De verpakking met streepjescode en serienummer, zolang het kan",
                    "E-mails, chatgesprekken (maak een schermafbeelding) en brieven",
                    "Het klantnummer en het referentienummer van je melding",
                    "Foto's of een filmpje van het gebrek of de schade",
                ],
                title="Bewaar",
                style="checklist",
            ),
            h("Noteer elk contact"),
            p(
                "<p>Bel je met de klantenservice, schrijf dan direct op: de datum, het "
                "tijdstip, de naam van de medewerker, wat je besprak en wat er is beloofd. "
                "Vraag om een referentienummer als je dat nog niet hebt. Op Klachtenkompas "
                "kun je dit contactlogboek bij je klacht bijhouden; alleen het bedrijf ziet "
                "het.</p>"
            ),
            WRITE_COMPLAINT,
        ],
    },
    {
        "slug": "klaag-op-tijd",
        "title": "Klaag op tijd",
        "intro": "Hoe eerder je klaagt, hoe sterker je staat. Herinneringen vervagen, "
        "gegevens raken zoek en medewerkers wisselen.",
        "body": [
            p(
                "<p>Merk je dat er iets mis is, meld het dan meteen. Een verse klacht is "
                "concreter en geloofwaardiger, en het bedrijf kan het probleem nog nagaan. "
                "Voor een gebrek aan een gekocht product geldt bovendien: meld het binnen "
                "een redelijke termijn nadat je het ontdekte. Binnen twee maanden is in elk "
                "geval op tijd.</p>"
            ),
            h("Klein bedrijf? Loop even binnen"),
            p(
                "<p>Gaat het om de fietsenmaker, de bakker of een andere zaak om de hoek, ga "
                "dan eerst langs en bespreek het probleem. Dat lost vaak meer op dan een brief. "
                "Bij een webwinkel of een groot bedrijf volg je de klachtenprocedure: kijk op "
                "de website onder klantenservice, contact of de algemene voorwaarden.</p>"
            ),
            tips(
                [
                    "Meld het probleem zodra je het ontdekt.",
                    "Klaag eerst bij het bedrijf zelf; dat is vaak het snelst.",
                    "Leg vast wanneer en hoe je klaagde.",
                ],
                style="numbered",
            ),
        ],
    },
    {
        "slug": "schrijf-een-goede-klacht",
        "title": "Kort, beleefd en duidelijk: zo schrijf je je klacht",
        "intro": "Een klacht van ongeveer 250 woorden in vier korte alinea's wordt gelezen. "
        "Een lange, boze brief belandt onderop de stapel.",
        "body": [
            p(
                "<p>Je bent boos, en dat is begrijpelijk. Toch haal je meer uit een rustige, "
                "zakelijke klacht. Wie beleefd blijft, krijgt vaker en sneller een goed "
                "antwoord. Schrijf niet in hoofdletters: dat leest als schreeuwen. Laat "
                "overdrijving en verwijten weg; feiten overtuigen meer.</p>"
            ),
            tips(
                [
                    "Wat is er gebeurd? Product of dienst, datum, ordernummer.",
                    "Wat heb je al gedaan? Wanneer en hoe klaagde je eerder, en wat was het antwoord?",
                    "Wat wil je? Eén duidelijke, redelijke oplossing.",
                    "Wanneer? Een termijn, bijvoorbeeld tien werkdagen.",
                ],
                title="Vier alinea's",
                style="numbered",
            ),
            (
                "quote",
                {
                    "text": "Geduld, volharding en beleefdheid brengen een klacht verder dan "
                    "woede.",
                    "attribution": "Vrij naar consumentenadviseurs",
                },
            ),
            p(
                "<p>Op Klachtenkompas telt de wizard je woorden mee, waarschuwt bij tekst in "
                "hoofdletters en wijst je erop als je nog niet hebt gezegd wat je wilt.</p>"
            ),
            WRITE_COMPLAINT,
        ],
    },
    {
        "slug": "zeg-wat-je-wilt",
        "title": "Zeg wat je wilt, en houd het redelijk",
        "intro": "Een bedrijf kan je pas helpen als het weet wat je vraagt. Een redelijke eis "
        "wordt vaker ingewilligd.",
        "body": [
            p(
                "<p>Noem concreet welke oplossing je verwacht: reparatie, een vervangend "
                "product, je geld terug, een korting, of een vergoeding van kosten die je "
                "maakte. Vraag jezelf af welke oplossing acceptabel is, ook als die niet "
                "perfect is.</p>"
            ),
            h("Blaas je eis niet op"),
            p(
                "<p>Had je hotelkamer één van de vijf nachten geen werkende airco, dan is "
                "het redelijk om een vergoeding voor die ene nacht te vragen, niet voor het "
                "hele verblijf. Een eis die in verhouding staat tot het probleem, laat zien "
                "dat je een oplossing zoekt en geen ruzie.</p>"
            ),
            tips(
                [
                    "Ik wil graag dat u de wasmachine binnen twee weken kosteloos repareert.",
                    "Ik vraag u de dubbel afgeschreven 39,95 euro terug te storten.",
                    "Ik verzoek u het abonnement per de eerstvolgende maand te beëindigen.",
                ],
                title="Zo kan het",
            ),
        ],
    },
    {
        "slug": "geef-een-termijn",
        "title": "Geef een termijn van tien werkdagen",
        "intro": "Met een redelijke termijn weet het bedrijf wanneer het moet reageren, en "
        "weet jij wanneer je een volgende stap zet.",
        "body": [
            p(
                "<p>Vraag het bedrijf binnen tien werkdagen te reageren. Schrijf erbij wat je "
                "doet als je dan niets hoort, bijvoorbeeld dat je naar de geschillencommissie "
                "stapt. Zet de datum meteen in je agenda. Klachtenkompas rekent de termijn "
                "voor je uit, met feestdagen, en geeft je een agenda-item.</p>"
            ),
            tips(
                [
                    "Stuur kopieën van je bewijs mee, nooit de originelen.",
                    "Verstuur een belangrijke brief aangetekend, of bewaar de verzendbevestiging.",
                    "Komt er binnen de termijn geen antwoord? Stuur een korte herinnering en "
                    "kijk dan naar de volgende stap.",
                ],
                style="checklist",
            ),
        ],
    },
    {
        "slug": "de-klachtenladder",
        "title": "Hogerop: de klachtenladder",
        "intro": "Komt de klantenservice er niet uit? Klim dan stap voor stap hoger, binnen "
        "het bedrijf en daarbuiten.",
        "body": [
            tips(
                [
                    "Vraag de medewerker: wie kan dit wel beslissen, en hoe bereik ik die?",
                    "Schrijf de klachtenafdeling of de leidinggevende van de klantenservice aan. "
                    "Contactgegevens staan vaak onder 'over ons', de algemene voorwaarden of "
                    "de privacyverklaring.",
                    "Plaats je klacht op Klachtenkompas: het bedrijf krijgt bericht en veertien "
                    "dagen om te reageren.",
                    "Stap naar een geschillencommissie, Kifid of een andere bemiddelaar.",
                    "Als laatste redmiddel: de kantonrechter.",
                ],
                title="De ladder",
                style="numbered",
            ),
            h("Sociale media?"),
            p(
                "<p>Een bericht op sociale media kan een bedrijf in beweging brengen. Blijf "
                "dan wel volledig eerlijk, overdrijf niet en zorg dat je kunt onderbouwen wat "
                "je schrijft. Zo voorkom je dat je zelf in de problemen komt.</p>"
            ),
        ],
        "links": ["geschillencommissie", "kifid", "acm-consuwijzer", "kantonrechter"],
    },
]


def load() -> dict:
    index = AdviceIndexPageFactory(
        title="Tips",
        slug="tips",
        intro="Zo pak je een klacht aan: van bewijs verzamelen tot de laatste stap, de rechter.",
    )
    pages = {}
    for data in [*ROUTES, *ARTICLES]:
        data = dict(data)
        links = data.pop("links", [])
        body = list(data.pop("body"))
        body += [("advice_link", {"page": pages[slug], "text": ""}) for slug in links]
        pages[data["slug"]] = AdvicePageFactory(parent=index, body=body, **data)
    return {"advice": len(pages)}
