"""A seeded generator of Dutch complaints assembled from concept-tagged fragments.

Every fragment that mentions a concept (a product or subject, a problem, a company) is
written next to the concept it means, and a document's `concepts` are the union of its
fragments' concepts. Fillers and distractors mention no concept, though some share words
with one ("zorgpakket", "een stroom aan mails", "te laat om nog te annuleren"). So the
judgments in bench.relevance.judgments follow from meaning and are complete: a document
that never names a concept is certainly not about it.

Concept keys: "s:<subject>", "p:<problem>", "c:<company slug>".
"""

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from complaints import states

DEFAULT_DOCS = 4000
DEFAULT_SEED = 14

# The public statuses, in a fixed order (a seeded choice must not depend on set order).
PUBLIC_STATUSES = sorted(status.value for status in states.PUBLIC_STATUSES)

SECTORS = {
    "telecom": "Telecom en internet",
    "energie": "Energie",
    "webwinkels": "Webwinkels",
    "pakketbezorging": "Pakketbezorging",
    "reizen": "Reizen",
    "verzekeringen": "Verzekeringen en bankieren",
    "wonen": "Wonen en inrichting",
}

# Made-up companies next to the demo ones; some carry accents or diaereses.
GENERATED_COMPANIES = [
    ("Café Ëlegance", "reizen"),
    ("Hôtel Duinzicht", "reizen"),
    ("Reisbureau Zoë", "reizen"),
    ("Brasserie Élan", "reizen"),
    ("Witgoed Noël", "webwinkels"),
    ("Energie Coöperatie Eemland", "energie"),
    ("Telecoöp Zuid", "telecom"),
    ("Assurantiën Brouwer", "verzekeringen"),
    ("Keukenatelier Renée", "wonen"),
    ("Vliegwiel Telecom", "telecom"),
    ("Glasnet Achterhoek", "telecom"),
    ("Belbeter Telecom", "telecom"),
    ("Groenlicht Energie", "energie"),
    ("Dijkstroom", "energie"),
    ("Gasunie Noord Levering", "energie"),
    ("Elektrowereld Hoorn", "webwinkels"),
    ("Bestelbaas", "webwinkels"),
    ("Witgoedhal Brabant", "webwinkels"),
    ("Digitaalkoopje", "webwinkels"),
    ("Pakjesdienst Veluwe", "pakketbezorging"),
    ("Koeriersbedrijf Bosma", "pakketbezorging"),
    ("Bezorgbaas Randstad", "pakketbezorging"),
    ("Zonvakanties Texel", "reizen"),
    ("Vliegmaatschappij Horizon", "reizen"),
    ("Bungalowpark De Hoge Veluwe", "reizen"),
    ("Verzekeraar Zekerheid", "verzekeringen"),
    ("Volksbank Westland", "verzekeringen"),
    ("Keukenstudio Kuipers", "wonen"),
    ("Installatiebedrijf Hendriks", "wonen"),
    ("Witgoedservice Jansen", "wonen"),
]

# Subjects: the surface forms a writer uses, each a noun phrase that reads after "mijn"
# or "de" (singular, plural, diminutive, compounds containing it, separate words,
# synonyms). Weighted by repetition: the plain word is the most common.
SUBJECTS: dict[str, list[str]] = {
    "wasmachine": [
        "wasmachine",
        "wasmachine",
        "wasmachine",
        "wasmachines",
        "wasautomaat",
        "nieuwe wasmachine",
        "wasmachientje",
        "machine voor de was",
        "was-droogcombinatie",
        "wasmachinedeur",
    ],
    "koelkast": [
        "koelkast",
        "koelkast",
        "koelkasten",
        "koelkastje",
        "ijskast",
        "koel-vriescombinatie",
        "Amerikaanse koelkast",
        "deur van de koelkast",
    ],
    "vaatwasser": [
        "vaatwasser",
        "vaatwasser",
        "vaatwassers",
        "vaatwasmachine",
        "afwasmachine",
        "inbouwvaatwasser",
    ],
    "laptop": [
        "laptop",
        "laptop",
        "laptops",
        "laptopje",
        "notebook",
        "gamelaptop",
        "laptopscherm",
        "draagbare computer",
    ],
    "telefoon": [
        "telefoon",
        "telefoon",
        "telefoons",
        "smartphone",
        "smartphones",
        "mobiel",
        "mobieltje",
        "gsm",
        "telefoonscherm",
    ],
    "pakket": [
        "pakket",
        "pakket",
        "pakket",
        "pakketten",
        "pakketje",
        "pakketjes",
        "zending",
        "zendingen",
        "doosje",
        "bestelling in een doos",
    ],
    "koffer": [
        "koffer",
        "koffer",
        "koffers",
        "koffertje",
        "reiskoffer",
        "handbagagekoffer",
        "bagage",
        "valies",
    ],
    "vlucht": [
        "vlucht",
        "vlucht",
        "vluchten",
        "terugvlucht",
        "heenvlucht",
        "vliegreis",
        "retourvlucht",
    ],
    "vakantiehuisje": [
        "vakantiehuisje",
        "vakantiehuisje",
        "huisje",
        "huisjes",
        "bungalow",
        "bungalows",
        "chalet",
        "vakantiewoning",
    ],
    "factuur": [
        "factuur",
        "factuur",
        "facturen",
        "eindfactuur",
        "maandfactuur",
        "nota",
        "factuurtje",
        "rekening die ze stuurden",
    ],
    "afrekening": [
        "jaarafrekening",
        "jaarafrekening",
        "jaarafrekeningen",
        "eindafrekening",
        "afrekening",
        "afrekening over het afgelopen jaar",
        "jaarnota",
    ],
    "abonnement": [
        "abonnement",
        "abonnement",
        "abonnementen",
        "abonnementje",
        "jaarabonnement",
        "maandabonnement",
        "contract",
        "lidmaatschap",
    ],
    "monteur": ["monteur", "monteur", "monteurs", "installateur", "technicus", "servicemonteur"],
    "meterstand": [
        "meterstand",
        "meterstand",
        "meterstanden",
        "stand van de meter",
        "meteropname",
        "doorgegeven standen van de meter",
    ],
    "internet": [
        "internet",
        "internet",
        "internetverbinding",
        "wifi",
        "glasvezel",
        "verbinding met internet",
    ],
    "stroom": ["stroom", "stroom", "elektriciteit", "stroomvoorziening", "netstroom"],
    "keuken": [
        "keuken",
        "keuken",
        "keukens",
        "keukentje",
        "inbouwkeuken",
        "keukenblok",
        "aanrecht",
    ],
    "polis": [
        "polis",
        "polis",
        "polissen",
        "verzekeringspolis",
        "autoverzekering",
        "reisverzekering",
        "inboedelverzekering",
        "verzekering",
    ],
    "pinpas": ["pinpas", "pinpas", "pinpassen", "bankpas", "betaalpas", "pasje"],
    "cvketel": ["cv-ketel", "cv-ketel", "cv ketel", "verwarmingsketel", "ketel", "combiketel"],
}

# Plural forms: not for a slot whose verb agrees with one thing (see _fill).
PLURAL_FORMS = frozenset(
    [
        "wasmachines",
        "koelkasten",
        "vaatwassers",
        "laptops",
        "telefoons",
        "smartphones",
        "pakketten",
        "pakketjes",
        "zendingen",
        "koffers",
        "vluchten",
        "huisjes",
        "bungalows",
        "facturen",
        "jaarafrekeningen",
        "abonnementen",
        "meterstanden",
        "keukens",
        "polissen",
        "pinpassen",
    ]
) | {"doorgegeven standen van de meter"}

# Only as a subject's noun phrase in sentences that need one person; the plural and
# compounds of "monteur" come from APPLIANCES and the titles.
MONTEUR_SINGULAR = ["monteur", "monteur", "installateur", "technicus", "servicemonteur"]

# Appliances a monteur comes for, and how the compound with "monteur" is written.
APPLIANCES = {
    "wasmachine": ("wasmachinemonteur", "wasmachine"),
    "koelkast": ("koelkastmonteur", "koelkast"),
    "vaatwasser": ("vaatwassermonteur", "vaatwasser"),
    "cvketel": ("cv-monteur", "cv-ketel"),
}

SECTOR_SUBJECTS = {
    "telecom": ["telefoon", "abonnement", "internet", "factuur"],
    "energie": ["afrekening", "meterstand", "stroom", "monteur", "factuur", "abonnement"],
    "webwinkels": ["wasmachine", "koelkast", "vaatwasser", "laptop", "telefoon", "pakket"],
    "pakketbezorging": ["pakket"],
    "reizen": ["vlucht", "koffer", "vakantiehuisje"],
    "verzekeringen": ["polis", "pinpas", "abonnement"],
    "wonen": ["keuken", "monteur", "vaatwasser", "wasmachine"],
}

SUBJECT_PROBLEMS = {
    "wasmachine": ["lekt", "kapot", "niet_bezorgd", "te_laat", "retour", "geen_reactie"],
    "koelkast": ["lekt", "kapot", "niet_bezorgd", "te_laat", "retour"],
    "vaatwasser": ["lekt", "kapot", "niet_bezorgd", "retour"],
    "laptop": ["kapot", "niet_bezorgd", "retour", "te_laat", "geen_reactie"],
    "telefoon": ["kapot", "niet_bezorgd", "retour", "geen_reactie"],
    "pakket": ["niet_bezorgd", "te_laat", "kapot", "retour", "geen_reactie"],
    "koffer": ["kapot", "niet_bezorgd", "te_laat", "geen_reactie"],
    "vlucht": ["te_laat", "geen_reactie", "dubbel_afgeschreven"],
    "vakantiehuisje": ["lekt", "geen_reactie", "dubbel_afgeschreven"],
    "factuur": ["dubbel_afgeschreven", "onjuist", "geen_reactie", "te_laat"],
    "afrekening": ["dubbel_afgeschreven", "onjuist", "geen_reactie", "te_laat"],
    "abonnement": ["opzegging", "dubbel_afgeschreven", "geen_reactie"],
    "monteur": ["niet_gekomen", "te_laat", "geen_reactie"],
    "meterstand": ["onjuist", "geen_reactie"],
    "internet": ["storing", "geen_reactie"],
    "stroom": ["storing", "geen_reactie"],
    "keuken": ["kapot", "te_laat", "lekt", "geen_reactie"],
    "polis": ["opzegging", "geen_reactie", "dubbel_afgeschreven", "onjuist"],
    "pinpas": ["kapot", "dubbel_afgeschreven", "geen_reactie", "niet_bezorgd"],
}

# Problems: titles and sentences with a slot {s} for the subject's noun phrase, built so
# that the subject is never the grammatical subject (no agreement of number needed).
PROBLEM_TITLES = {
    "lekt": [
        "Lekkage bij {s}",
        "Water lekt uit {s}",
        "{S}: lekt na een paar weken",
        "Lekkende {s}",
        "{S1} lekt, garantie geweigerd",
        "Plas water onder {s}",
    ],
    "kapot": [
        "{S} kapot geleverd",
        "{S}: defect binnen een maand",
        "Kapotte {s}",
        "{S} stuk en geen oplossing",
        "Beschadigde {s}",
        "{S1} doet het niet meer",
    ],
    "niet_bezorgd": [
        "{S} niet bezorgd",
        "{S} nooit aangekomen",
        "{S}: niet geleverd",
        "Nooit ontvangen: {s}",
        "{S} zoekgeraakt",
        "Wachten op {s1} die niet komt",
    ],
    "te_laat": [
        "{S} veel te laat",
        "Vertraging met {s}",
        "{S}: uren vertraging",
        "{S} weken later dan beloofd",
        "Vertraagde {s}",
    ],
    "geen_reactie": [
        "Geen reactie over {s}",
        "{S}: geen antwoord op mijn mails",
        "Niemand reageert over {s}",
        "{S} en geen enkele reactie",
        "Nooit teruggebeld over {s}",
    ],
    "dubbel_afgeschreven": [
        "{S} dubbel afgeschreven",
        "Twee keer betaald voor {s}",
        "{S}: dubbele afschrijving",
        "Tweemaal geïncasseerd voor {s}",
        "Dubbel geïnd voor {s}",
    ],
    "onjuist": [
        "{S1} klopt niet",
        "Onjuiste {s}",
        "Foute {s}",
        "{S}: verkeerd bedrag",
        "Fouten in {s}",
    ],
    "opzegging": [
        "{S1} opgezegd maar loopt door",
        "Opzegging van {s} niet verwerkt",
        "{S} beëindigen lukt niet",
        "Beeindiging {s} genegeerd",
        "Stopzetten van {s} onmogelijk",
    ],
    "storing": [
        "Storing {s}",
        "Storingen aan {s}",
        "Uitval van {s}",
        "{S1} valt steeds uit",
        "{S1} ligt er al dagen uit",
    ],
    "retour": [
        "{S} teruggestuurd, geen geld terug",
        "Retour {s} niet terugbetaald",
        "Retourzending {s} niet verwerkt",
        "{S} geretourneerd maar niets ontvangen",
        "Terugsturen van {s}: nog steeds geen terugbetaling",
    ],
    "niet_gekomen": [
        "{S} niet gekomen",
        "{S1} kwam niet opdagen",
        "Afspraak met {s} niet nagekomen",
        "Vergeefs gewacht op {s}",
        "{S1} is nooit verschenen",
    ],
}

PROBLEM_SENTENCES = {
    "lekt": [
        "Sinds een paar dagen lekt er water uit mijn {s}.",
        "Onder mijn {s} staat elke ochtend een plas water.",
        "Er zit een lek in mijn {s}, de vloer is al beschadigd.",
        "De lekkage bij mijn {s} is niet verholpen.",
    ],
    "kapot": [
        "Mijn {s1} was bij aankomst al kapot.",
        "Na drie weken ging mijn {s1} stuk.",
        "Bij mijn {s} is iets defect, er werkt niets meer.",
        "De schade aan mijn {s} was meteen te zien.",
    ],
    "niet_bezorgd": [
        "Mijn {s1} is nooit bezorgd, al staat het online als afgeleverd.",
        "Ik heb mijn {s} nooit ontvangen.",
        "Volgens de track-and-trace is mijn {s1} geleverd, maar er is niets aangekomen.",
        "Mijn {s1} is onderweg zoekgeraakt.",
    ],
    "te_laat": [
        "Mijn {s1} kwam pas twee weken na de beloofde datum.",
        "Met mijn {s} liep het vier uur vertraging op.",
        "Alles rond mijn {s} gebeurde veel te laat.",
        "De vertraging van mijn {s} kostte me een vrije dag.",
    ],
    "geen_reactie": [
        "Over mijn {s} heb ik drie mails gestuurd zonder enige reactie.",
        "Niemand reageert op mijn vragen over mijn {s}.",
        "Ze zouden me terugbellen over mijn {s}, maar dat is nooit gebeurd.",
        "Op mijn klacht over mijn {s} kwam geen antwoord.",
    ],
    "dubbel_afgeschreven": [
        "Voor mijn {s} is het bedrag twee keer van mijn rekening afgeschreven.",
        "Ze hebben voor mijn {s} dubbel geïncasseerd.",
        "Op mijn afschrift staat de betaling voor mijn {s} twee keer.",
        "Ik heb voor mijn {s} dubbel betaald en krijg het niet terug.",
    ],
    "onjuist": [
        "In mijn {s} staat een bedrag dat niet klopt.",
        "Mijn {s1} is onjuist, het verbruik is veel te hoog berekend.",
        "Er staan fouten in mijn {s}.",
        "Bij mijn {s} is een verkeerd tarief gebruikt.",
    ],
    "opzegging": [
        "Ik heb mijn {s} op tijd opgezegd, toch wordt er nog steeds geïncasseerd.",
        "Mijn opzegging van mijn {s} is nooit verwerkt.",
        "Het beëindigen van mijn {s} lukt via de site niet.",
        "Ik wilde mijn {s} stopzetten, maar ze weigeren dat.",
    ],
    "storing": [
        "Er is al dagen een storing aan mijn {s}.",
        "Mijn {s1} valt elke avond uit.",
        "Door de uitval van mijn {s} kan ik niet thuiswerken.",
        "De storingen aan mijn {s} houden maar niet op.",
    ],
    "retour": [
        "Ik heb mijn {s} binnen de bedenktijd teruggestuurd, maar mijn geld is niet teruggestort.",
        "De retour van mijn {s} is ontvangen, toch geen terugbetaling.",
        "Mijn {s1} ging retour, het bedrag staat nog niet op mijn rekening.",
        "Na het terugsturen van mijn {s} hoor ik niets over mijn geld.",
    ],
    "niet_gekomen": [
        "De {s1} zou tussen acht en twaalf komen, maar is niet gekomen.",
        "Ik heb een dag vrij genomen en de {s1} kwam niet.",
        "De afspraak met de {s1} werd zonder bericht niet nagekomen.",
        "Twee keer heb ik voor niets op de {s} gewacht.",
    ],
}

PROBLEM_OUTCOMES = {
    "lekt": "Ik wil dat de lekkage kosteloos wordt verholpen.",
    "kapot": "Ik wil een werkend exemplaar of mijn geld terug.",
    "niet_bezorgd": "Ik wil dat mijn bestelling alsnog wordt geleverd.",
    "te_laat": "Een vergoeding voor de vertraging.",
    "geen_reactie": "Ik wil eindelijk een inhoudelijk antwoord.",
    "dubbel_afgeschreven": "Ik wil de dubbele afschrijving terugbetaald krijgen.",
    "onjuist": "Ik wil een gecorrigeerde berekening.",
    "opzegging": "Ik wil dat de opzegging per direct wordt verwerkt.",
    "storing": "Ik wil dat de storing wordt opgelost en een vergoeding.",
    "retour": "Ik wil het aankoopbedrag terug.",
    "niet_gekomen": "Ik wil een nieuwe afspraak en een vergoeding voor mijn vrije dag.",
}

# A subject and a problem written as one compound (realises both concepts).
JOINT_TITLES = {
    ("internet", "storing"): [
        "Internetstoring al dagen",
        "Internetstoringen elke avond",
        "Weer een internetstoring",
    ],
    ("stroom", "storing"): [
        "Stroomstoring in de hele straat",
        "Stroomuitval zonder bericht",
        "Stroomstoringen na de aansluiting",
    ],
    ("wasmachine", "lekt"): ["Wasmachinelekkage binnen een maand"],
    ("pakket", "te_laat"): ["Pakketvertraging van een week"],
    ("vlucht", "te_laat"): ["Vluchtvertraging zonder compensatie"],
}

TOPICS = {
    "lekt": ("kwaliteit", "Kwaliteit en garantie"),
    "kapot": ("kwaliteit", "Kwaliteit en garantie"),
    "niet_bezorgd": ("levering", "Levering"),
    "te_laat": ("levering", "Levering"),
    "geen_reactie": ("klantenservice", "Klantenservice"),
    "dubbel_afgeschreven": ("facturering", "Facturering"),
    "onjuist": ("facturering", "Facturering"),
    "opzegging": ("contract", "Contract en opzeggen"),
    "storing": ("storingen", "Storingen"),
    "retour": ("retour", "Retour en terugbetaling"),
    "niet_gekomen": ("service", "Service en reparatie"),
}

# Sentences that mention no concept; some share words with one (distractors).
FILLERS = [
    "Ik heb inmiddels drie keer gebeld.",
    "Het ordernummer staat in de bijlage.",
    "De medewerker aan de lijn was vriendelijk maar kon niets doen.",
    "Ik ben hier echt klaar mee.",
    "Dit speelt al sinds het voorjaar.",
    "Mijn buurvrouw heeft precies hetzelfde meegemaakt.",
    "Het is nu te laat om nog iets anders te regelen.",
    "Daarna kreeg ik een stroom aan automatische mails.",
    "Op hun website staat dat ze klanttevredenheid hoog in het vaandel hebben.",
    "Ik heb alle bewijzen bewaard.",
    "Mijn reactie op hun eerste voorstel is gewoon gelezen.",
    "Wij zijn al twaalf jaar klant.",
    "De chat verwijst steeds naar de veelgestelde vragen.",
]
SECTOR_DISTRACTORS = {
    "verzekeringen": [
        "Mijn zorgpakket loopt ook via hen.",
        "Het basispakket heb ik nooit gewijzigd.",
        "Ze kwamen met een pakket aan voorwaarden dat niemand leest.",
        "Het geld staat nog altijd niet op mijn rekening.",
    ],
    "telecom": ["In de winkel kreeg ik een pakket aan folders mee."],
    "energie": ["De meter hangt twee meter boven de grond in de kast."],
    "reizen": ["Het ontbijt was prima verzorgd."],
}
COMPANY_MENTIONS = [
    "Ik heb {c} hier meerdere keren over benaderd.",
    "Bij {c} weten ze hier alles van.",
    "Dit is de tweede keer dat dit bij {c} gebeurt.",
]


@dataclass
class Company:
    slug: str
    name: str
    sector: str


@dataclass
class Doc:
    pk: int
    title: str
    description: str
    desired_outcome: str
    company: Company
    topic: tuple[str, str]
    status: str
    published_at: datetime
    concepts: frozenset[str] = field(default_factory=frozenset)

    def source(self) -> dict:
        """The document as search.indexing.to_document shapes it."""
        return {
            "pk": self.pk,
            "title": self.title,
            "description": self.description,
            "desired_outcome": self.desired_outcome,
            "company": {"slug": self.company.slug, "name": self.company.name},
            "topic": {"slug": self.topic[0], "name": self.topic[1]},
            "sector": {"slug": self.company.sector, "name": SECTORS[self.company.sector]},
            "status": self.status,
            "published_at": self.published_at.isoformat(),
            "url": f"/bedrijven/{self.company.slug}/klachten/klacht-{self.pk}/",
            "change": 1,
            "company_suggest": {"input": [self.company.name], "weight": 1},
        }


def slugify(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def demo_companies() -> list[Company]:
    from companies.demo import COMPANIES  # importing needs Django set up

    return [Company(row[0], row[1], row[4]) for row in COMPANIES]


def companies() -> list[Company]:
    generated = [Company(slugify(name), name, sector) for name, sector in GENERATED_COMPANIES]
    return demo_companies() + generated


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(template: str, forms: list[str], rng: random.Random, plural=PLURAL_FORMS) -> str:
    """The template with a subject form; "{s1}"/"{S1}" marks a slot whose verb agrees
    with one thing, so it takes a singular form."""
    if "1}" in template:
        forms = [f for f in forms if f not in plural] or forms
    subject = rng.choice(forms)
    for slot in ("{S1}", "{S}"):
        template = template.replace(slot, _cap(subject))
    for slot in ("{s1}", "{s}"):
        template = template.replace(slot, subject)
    return template


def generate(n: int = DEFAULT_DOCS, seed: int = DEFAULT_SEED) -> list[Doc]:
    rng = random.Random(seed)
    firms = companies()
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    docs = []
    for pk in range(1, n + 1):
        company = rng.choice(firms)
        subject = rng.choice(SECTOR_SUBJECTS[company.sector])
        problem = rng.choice(SUBJECT_PROBLEMS[subject])
        concepts = {f"s:{subject}", f"p:{problem}", f"c:{company.slug}"}
        if subject == "monteur":
            choices = (
                ["cvketel"]
                if company.sector == "energie"
                else ["wasmachine", "koelkast", "vaatwasser"]
            )
            appliance = rng.choice(choices)
            concepts.add(f"s:{appliance}")
            compound, separate = APPLIANCES[appliance]
            subject_forms = [
                compound,
                compound,
                f"monteur voor de {separate}",
                # singular only: the problem sentences speak of one person ("is niet gekomen")
                f"{rng.choice(MONTEUR_SINGULAR)} die de {separate} zou repareren",
            ]
            several = [f"{compound}s", f"monteurs voor de {separate}"]
            title_forms = [*subject_forms, *several]
            plural = PLURAL_FORMS | set(several)
        else:
            subject_forms = title_forms = SUBJECTS[subject]
            plural = PLURAL_FORMS
        joint = JOINT_TITLES.get((subject, problem))
        if joint and rng.random() < 0.5:
            title = rng.choice(joint)
        else:
            title = _fill(rng.choice(PROBLEM_TITLES[problem]), title_forms, rng, plural)
        sentences = [_fill(rng.choice(PROBLEM_SENTENCES[problem]), subject_forms, rng)]
        extra = rng.sample(FILLERS, rng.randint(1, 3))
        sentences.extend(extra)
        if rng.random() < 0.3 and company.sector in SECTOR_DISTRACTORS:
            sentences.append(rng.choice(SECTOR_DISTRACTORS[company.sector]))
        if rng.random() < 0.3:
            sentences.append(rng.choice(COMPANY_MENTIONS).format(c=company.name))
        rng.shuffle(sentences)
        docs.append(
            Doc(
                pk=pk,
                title=title,
                description=" ".join(sentences),
                desired_outcome=PROBLEM_OUTCOMES[problem],
                company=company,
                topic=TOPICS[problem],
                status=rng.choice(PUBLIC_STATUSES),
                published_at=start + timedelta(hours=rng.randrange(0, 24 * 500)),
                concepts=frozenset(concepts),
            )
        )
    return docs
