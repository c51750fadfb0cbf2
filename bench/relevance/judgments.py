"""Judged queries: what consumers type, each with the concepts it means.

The queries were written as a consumer types them (lowercase, now and then a typo),
without looking at any analyser. Grades follow from the concepts a generated document is
about (bench.relevance.corpus): 2 when it has all of the query's concepts, 1 when it has
the main (first) concept but not all (multi-concept queries only), otherwise 0.
"""

from dataclasses import dataclass

KINDS = (
    "singular",
    "plural",
    "loanword_plural",
    "diminutive",
    "compound_part",
    "part_compound",
    "company",
    "company_typo",
    "accents",
    "no_accents",
    "problem",
    "synonym",
    "typo",
)


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    concepts: tuple[str, ...]  # the main concept first


def _q(kind: str, rows: list[tuple[str, str]]) -> list[Query]:
    return [Query(text, kind, tuple(concepts.split())) for text, concepts in rows]


QUERIES: list[Query] = [
    *_q(
        "singular",
        [
            ("wasmachine", "s:wasmachine"),
            ("koelkast", "s:koelkast"),
            ("vaatwasser", "s:vaatwasser"),
            ("laptop", "s:laptop"),
            ("telefoon", "s:telefoon"),
            ("pakket", "s:pakket"),
            ("koffer", "s:koffer"),
            ("vlucht", "s:vlucht"),
            ("factuur", "s:factuur"),
            ("abonnement", "s:abonnement"),
            ("monteur", "s:monteur"),
            ("meterstand", "s:meterstand"),
            ("keuken", "s:keuken"),
            ("polis", "s:polis"),
            ("pinpas", "s:pinpas"),
        ],
    ),
    *_q(
        "plural",
        [
            ("pakketten", "s:pakket"),
            ("facturen", "s:factuur"),
            ("abonnementen", "s:abonnement"),
            ("vluchten", "s:vlucht"),
            ("meterstanden", "s:meterstand"),
            ("keukens", "s:keuken"),
            ("koelkasten", "s:koelkast"),
            ("polissen", "s:polis"),
            ("pinpassen", "s:pinpas"),
            ("afrekeningen", "s:afrekening"),
            ("storingen", "p:storing"),
            ("lekkende vaatwassers", "s:vaatwasser p:lekt"),
        ],
    ),
    *_q(
        "loanword_plural",
        [
            ("wasmachines", "s:wasmachine"),
            ("laptops", "s:laptop"),
            ("koffers", "s:koffer"),
            ("telefoons", "s:telefoon"),
            ("smartphones", "s:telefoon"),
            ("notebooks", "s:laptop"),
            ("bungalows", "s:vakantiehuisje"),
            ("chalets", "s:vakantiehuisje"),
            ("vaatwassers", "s:vaatwasser"),
            ("monteurs", "s:monteur"),
            ("installateurs", "s:monteur"),
            ("kapotte laptops", "s:laptop p:kapot"),
        ],
    ),
    *_q(
        "diminutive",
        [
            ("pakketje", "s:pakket"),
            ("pakketjes", "s:pakket"),
            ("doosje", "s:pakket"),
            ("koffertje", "s:koffer"),
            ("laptopje", "s:laptop"),
            ("abonnementje", "s:abonnement"),
            ("keukentje", "s:keuken"),
            ("vluchtje", "s:vlucht"),
            ("huisjes", "s:vakantiehuisje"),
            ("koelkastje", "s:koelkast"),
            ("pasje", "s:pinpas"),
            ("mobieltje kapot", "s:telefoon p:kapot"),
        ],
    ),
    *_q(
        "compound_part",
        [
            ("afrekening", "s:afrekening"),
            ("storing", "p:storing"),
            ("ketel", "s:cvketel"),
            ("verzekering", "s:polis"),
            ("pas", "s:pinpas"),
            ("internet storing", "s:internet p:storing"),
            ("stroom storing", "s:stroom p:storing"),
            ("monteur wasmachine", "s:monteur s:wasmachine"),
            ("reis koffer", "s:koffer"),
            ("koelkast deur", "s:koelkast"),
            ("afrekening dubbel", "s:afrekening p:dubbel_afgeschreven"),
            ("vakantie huisje", "s:vakantiehuisje"),
        ],
    ),
    *_q(
        "part_compound",
        [
            ("wasmachinemonteur", "s:monteur s:wasmachine"),
            ("koelkastmonteur", "s:monteur s:koelkast"),
            ("vaatwassermonteur", "s:monteur s:vaatwasser"),
            ("ketelmonteur", "s:monteur s:cvketel"),
            ("internetstoring", "s:internet p:storing"),
            ("stroomstoring", "s:stroom p:storing"),
            ("stroomuitval", "s:stroom p:storing"),
            ("jaarafrekening", "s:afrekening"),
            ("retourzending", "p:retour"),
            ("abonnementsopzegging", "s:abonnement p:opzegging"),
            ("pakketvertraging", "s:pakket p:te_laat"),
            ("vluchtvertraging", "s:vlucht p:te_laat"),
            ("wasmachinelekkage", "s:wasmachine p:lekt"),
        ],
    ),
    *_q(
        "company",
        [
            ("polderpost", "c:polderpost"),
            ("noordnet", "c:noordnet-telecom"),
            ("noordnet telecom", "c:noordnet-telecom"),
            ("klikwinkel", "c:klikwinkel"),
            ("kabelkei", "c:kabelkei"),
            ("zonnestroom holland", "c:zonnestroom-holland"),
            ("warmtenet", "c:warmtenet-de-vallei"),
            ("huis en haard", "c:huis-en-haard-online"),
            ("snelkoerier dijkstra", "c:snelkoerier-dijkstra"),
            ("zeewind reizen", "c:zeewind-reizen"),
            ("parkduin", "c:parkduin-vakantieparken"),
            ("dijkhuis verzekeringen", "c:dijkhuis-verzekeringen"),
            ("spaarbank oranje", "c:spaarbank-oranje"),
            ("keukenhuys", "c:keukenhuys"),
            ("meubelmakerij van dam", "c:meubelmakerij-van-dam"),
            ("glasnet achterhoek", "c:glasnet-achterhoek"),
            ("bestelbaas", "c:bestelbaas"),
            ("koeriersbedrijf bosma", "c:koeriersbedrijf-bosma"),
        ],
    ),
    *_q(
        "company_typo",
        [
            ("poldepost", "c:polderpost"),
            ("noordnett", "c:noordnet-telecom"),
            ("klikwinkle", "c:klikwinkel"),
            ("kabelkij", "c:kabelkei"),
            ("zonnestrom holland", "c:zonnestroom-holland"),
            ("warmtenet de valei", "c:warmtenet-de-vallei"),
            ("snelkoerrier dijkstra", "c:snelkoerier-dijkstra"),
            ("zeewnd reizen", "c:zeewind-reizen"),
            ("parkduinn", "c:parkduin-vakantieparken"),
            ("dijkuis verzekeringen", "c:dijkhuis-verzekeringen"),
            ("spaarbank oranj", "c:spaarbank-oranje"),
            ("keukenhuis", "c:keukenhuys"),
            ("meubelmakerij van damm", "c:meubelmakerij-van-dam"),
            ("koeriersbedrijf bosme", "c:koeriersbedrijf-bosma"),
        ],
    ),
    *_q(
        "accents",
        [
            ("café ëlegance", "c:cafe-elegance"),
            ("hôtel duinzicht", "c:hotel-duinzicht"),
            ("reisbureau zoë", "c:reisbureau-zoe"),
            ("brasserie élan", "c:brasserie-elan"),
            ("witgoed noël", "c:witgoed-noel"),
            ("coöperatie eemland", "c:energie-cooperatie-eemland"),
            ("telecoöp zuid", "c:telecoop-zuid"),
            ("assurantiën brouwer", "c:assurantien-brouwer"),
            ("keukenatelier renée", "c:keukenatelier-renee"),
            ("beëindigen", "p:opzegging"),
            ("contract beëindigen", "s:abonnement p:opzegging"),
            ("dubbel geïncasseerd", "p:dubbel_afgeschreven"),
        ],
    ),
    *_q(
        "no_accents",
        [
            ("cafe elegance", "c:cafe-elegance"),
            ("hotel duinzicht", "c:hotel-duinzicht"),
            ("reisbureau zoe", "c:reisbureau-zoe"),
            ("brasserie elan", "c:brasserie-elan"),
            ("witgoed noel", "c:witgoed-noel"),
            ("cooperatie eemland", "c:energie-cooperatie-eemland"),
            ("telecoop zuid", "c:telecoop-zuid"),
            ("assurantien brouwer", "c:assurantien-brouwer"),
            ("keukenatelier renee", "c:keukenatelier-renee"),
            ("beeindigen", "p:opzegging"),
            ("polis beeindigen", "s:polis p:opzegging"),
            ("twee keer geincasseerd", "p:dubbel_afgeschreven"),
        ],
    ),
    *_q(
        "problem",
        [
            ("pakket niet bezorgd", "s:pakket p:niet_bezorgd"),
            ("dubbel afgeschreven", "p:dubbel_afgeschreven"),
            ("monteur niet gekomen", "s:monteur p:niet_gekomen"),
            ("wasmachine lekt", "s:wasmachine p:lekt"),
            ("koelkast lekt", "s:koelkast p:lekt"),
            ("vlucht vertraagd", "s:vlucht p:te_laat"),
            ("koffer kapot", "s:koffer p:kapot"),
            ("geen reactie", "p:geen_reactie"),
            ("opzegging niet verwerkt", "p:opzegging"),
            ("retour niet terugbetaald", "p:retour"),
            ("internet valt uit", "s:internet p:storing"),
            ("laptop kapot", "s:laptop p:kapot"),
            ("factuur klopt niet", "s:factuur p:onjuist"),
            ("meterstand verkeerd", "s:meterstand p:onjuist"),
            ("pakket te laat", "s:pakket p:te_laat"),
            ("abonnement opzeggen lukt niet", "s:abonnement p:opzegging"),
        ],
    ),
    *_q(
        "synonym",
        [
            ("zending", "s:pakket"),
            ("zending kwijt", "s:pakket p:niet_bezorgd"),
            ("uitval", "p:storing"),
            ("terugsturen", "p:retour"),
            ("defect", "p:kapot"),
            ("ijskast", "s:koelkast"),
            ("notebook", "s:laptop"),
            ("gsm", "s:telefoon"),
            ("contract opzeggen", "s:abonnement p:opzegging"),
            ("nota", "s:factuur"),
            ("bagage", "s:koffer"),
            ("installateur", "s:monteur"),
            ("vliegreis", "s:vlucht"),
            ("bankpas", "s:pinpas"),
            ("afwasmachine", "s:vaatwasser"),
            ("lekkage", "p:lekt"),
            ("vertraging", "p:te_laat"),
        ],
    ),
    *_q(
        "typo",
        [
            ("wasmachien", "s:wasmachine"),
            ("pakkket", "s:pakket"),
            ("facktuur", "s:factuur"),
            ("abbonement", "s:abonnement"),
            ("koelkats", "s:koelkast"),
            ("vlugt", "s:vlucht"),
            ("monteru", "s:monteur"),
            ("telefon", "s:telefoon"),
            ("labtop", "s:laptop"),
            ("meterstant", "s:meterstand"),
            ("dubbel afgescheven", "p:dubbel_afgeschreven"),
            ("opzeging", "p:opzegging"),
            ("storring", "p:storing"),
            ("kofer kapot", "s:koffer p:kapot"),
        ],
    ),
]


def grade(query: Query, concepts: frozenset[str]) -> int:
    if all(c in concepts for c in query.concepts):
        return 2
    if len(query.concepts) > 1 and query.concepts[0] in concepts:
        return 1
    return 0


def judge(docs) -> dict[str, dict[int, int]]:
    """{query text: {pk: grade}} with the graded (non-zero) documents only."""
    having: dict[str, set[int]] = {}
    for doc in docs:
        for concept in doc.concepts:
            having.setdefault(concept, set()).add(doc.pk)
    judged = {}
    for query in QUERIES:
        sets = [having.get(c, set()) for c in query.concepts]
        full = set.intersection(*sets)
        graded = dict.fromkeys(full, 2)
        if len(query.concepts) > 1:
            graded.update(dict.fromkeys(sets[0] - full, 1))
        judged[query.text] = graded
    return judged
